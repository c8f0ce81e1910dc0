"""Every string the window shows has a Dutch and an English text."""

from __future__ import annotations

import ast
import importlib
import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from resilient_zcc.errors import WrongPassphrase
from resilient_zcc.i18n import language as core_language
from ui.i18n import NL, set_language, tr
from ui.main_window import SCREENS

ROOT = Path(__file__).resolve().parents[2]
UI = ROOT / "ui"

for _, _module, _ in SCREENS:  # screens are imported when first opened; the test needs all
    importlib.import_module(f"ui.views.{_module}")
for _dialog in sorted((UI / "dialogs").glob("*.py")):  # so are some dialogs
    importlib.import_module(f"ui.dialogs.{_dialog.stem}")


def literals_in(path: Path) -> set[str]:
    """Each literal passed to tr() in one file."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "tr"
            and node.args
        ):
            first = node.args[0]
            assert isinstance(first, ast.Constant), f"tr() needs a literal in {path.name}"
            found.add(first.value)
    return found


def translated_strings() -> dict[str, str]:
    """Each literal passed to tr() in ui/, with the file it is in."""
    return {text: path.name for path in UI.rglob("*.py") for text in literals_in(path)}


def _catalogue_after_importing(module: str) -> set[str]:
    code = f"import json, {module}; from ui.i18n import NL; print(json.dumps(sorted(NL)))"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert out.returncode == 0, out.stderr
    return set(json.loads(out.stdout))


@pytest.mark.slow
def test_each_module_has_its_dutch_texts_once_imported_on_its_own() -> None:
    """Screens load lazily: a module must not rely on another screen having been opened."""
    files = [p for p in sorted(UI.rglob("*.py")) if literals_in(p)]
    modules = [".".join(p.relative_to(ROOT).with_suffix("").parts) for p in files]
    with ThreadPoolExecutor(max_workers=2) as pool:
        catalogues = list(pool.map(_catalogue_after_importing, modules))
    missing = {
        module: sorted(literals_in(path) - catalogue)
        for module, path, catalogue in zip(modules, files, catalogues, strict=True)
        if literals_in(path) - catalogue
    }
    assert not missing, f"strings without Dutch text until another module is imported: {missing}"


def test_every_visible_string_has_a_dutch_text() -> None:
    strings = translated_strings()
    assert len(strings) > 40
    missing = {text: where for text, where in strings.items() if not NL.get(text, "").strip()}
    assert not missing, f"no Dutch text for: {missing}"


def test_the_catalogue_holds_no_strings_the_window_no_longer_shows() -> None:
    unused = set(NL) - set(translated_strings())
    assert not unused, f"unused catalogue entries: {sorted(unused)}"


def test_placeholders_match_in_both_languages() -> None:
    import string

    for english, dutch in NL.items():
        fields = {f for _, f, _, _ in string.Formatter().parse(english) if f}
        assert fields == {f for _, f, _, _ in string.Formatter().parse(dutch) if f}, english


def test_switching_language() -> None:
    """One switch: the window's strings and the core's messages follow it together."""
    error = WrongPassphrase()
    set_language("en")
    try:
        assert tr("Contacts") == "Contacts"
        assert core_language() == "en"
        assert str(error) == "Wrong passphrase (or recovery key). Nothing was changed."
    finally:
        set_language("nl")
    assert tr("Contacts") == "Contacten"
    assert core_language() == "nl"
    assert str(error) == "Onjuiste wachtwoordzin (of herstelsleutel). Er is niets gewijzigd."
