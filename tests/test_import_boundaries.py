"""The core, sync and printouts never load Qt: checked in a fresh interpreter."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

_IMPORT_ALL = """
import importlib, json, pkgutil, sys

imported, skipped = [], []
for name in ("resilient_zcc", "resilient_zcc.cli", "resilient_zcc.store",
             "resilient_zcc.contacts.queries", "sync", "printouts"):
    try:
        importlib.import_module(name)
        imported.append(name)
    except ModuleNotFoundError as exc:
        if exc.name != name:  # a module that exists but imports something missing
            raise
        skipped.append(name)
# Every module of the three packages, not only the ones named above.
for package in ("resilient_zcc", "sync", "printouts"):
    root = importlib.import_module(package)
    for info in pkgutil.walk_packages(root.__path__, package + "."):
        if info.name.endswith("__main__"):
            continue
        importlib.import_module(info.name)
        imported.append(info.name)
qt = sorted(m for m in sys.modules if m == "PySide6" or m.startswith(("PySide6.", "shiboken6")))
print(json.dumps({"imported": imported, "skipped": skipped, "qt": qt}))
"""


def _run(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)


@pytest.mark.slow
def test_core_sync_and_printouts_do_not_load_qt() -> None:
    result = _run(_IMPORT_ALL)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["qt"] == [], f"Qt was loaded by: {report['imported']}"
    for name in ("resilient_zcc", "resilient_zcc.store", "resilient_zcc.contacts.queries"):
        assert name in report["imported"]
    assert "sync" in report["imported"]
    assert "printouts" in report["imported"]
    assert "resilient_zcc.changelog" in report["imported"]  # the walk reached the submodules


@pytest.mark.slow
def test_pyside6_is_installed_so_the_check_means_something() -> None:
    result = _run("import PySide6.QtCore, sys; print(PySide6.QtCore.qVersion())")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().startswith("6.")


@pytest.mark.slow
def test_the_core_cli_loads_the_packages_that_build_on_it_only_when_used() -> None:
    """The core never imports sync or printouts; their commands load when invoked."""
    code = (
        "import json, sys; from resilient_zcc.cli import main; "
        "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))"
    )
    result = _run(code)
    assert result.returncode == 0, result.stderr
    loaded = set(json.loads(result.stdout))
    assert "resilient_zcc" in loaded
    assert not loaded & {"sync", "printouts", "reportlab", "zeroconf"}


def test_every_lazy_command_loads() -> None:
    from click.testing import CliRunner

    from resilient_zcc.cli import LAZY_COMMANDS, main

    for name in LAZY_COMMANDS:
        result = CliRunner().invoke(main, [name, "--help"])
        assert result.exit_code == 0, (name, result.output)
        assert f" {name} " in result.output.splitlines()[0], result.output  # its own usage
