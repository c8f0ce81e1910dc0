"""`round ...` on the demo region: start, mark, show, close with --json; bad input as one
clear line; the call sheet printed from a real subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result

from resilient_zcc.cli import main

from .conftest import PASSPHRASE

ROOT = Path(__file__).resolve().parents[1]


def run(profile: Path, *args: str) -> Result:
    return CliRunner().invoke(
        main, ["--profile", str(profile), *args], env={"RZCC_PASSPHRASE": PASSPHRASE}
    )


def _json(profile: Path, *args: str) -> Any:
    result = run(profile, *args, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def _refused(result: Result, text: str) -> None:
    assert result.exit_code == 1, result.output
    assert text in result.output and "Traceback" not in result.output


def test_a_round_from_start_to_logbook(demo_profile: Path) -> None:
    started = _json(
        demo_profile,
        "round",
        "start",
        "Stroomuitval: meld uw uren autonomie",
        "--to",
        "vvt",
        "--function",
        "MST:bestuurlijk piket",
        "--figure",
        "autonomy_hours",
        "--by",
        "ZCC Twente",
    )
    assert started["number"] == 1 and started["figure"] == "autonomy_hours"
    last = started["recipients"][-1]
    assert last["function"] == "Bestuurlijk piket" and last["name"]
    taken = _json(demo_profile, "round", "mark", "1", "2", "--take", "--by", "Coördinator A")
    assert taken["state"] == "opgepakt" and taken["taken_by"] == ["Coördinator A"]
    reached = _json(
        demo_profile,
        "round", "mark", "1", "1", "--reached", "--channel", "satellite",
        "--answer", "Aggregaat draait", "--figure", "6", "--by", "Coördinator A",
    )  # fmt: skip
    assert reached["state"] == "bereikt" and reached["marks"][0]["figure"] == 6
    missed = _json(
        demo_profile, "round", "mark", "1", "3", "--not-reached", "--next", "loper", "--retry",
        "23:59",
    )  # fmt: skip
    assert missed["state"] == "niet_bereikt" and missed["next_step"] == "loper"
    [summary] = _json(demo_profile, "round", "show")
    assert (summary["reached"], summary["total"]) == (1, len(started["recipients"]))
    shown = run(demo_profile, "round", "show", "1")
    assert "Opgepakt door Coördinator A" in shown.output and "Loper sturen" in shown.output
    closed = _json(demo_profile, "round", "close", "1")
    assert closed["closed_at"] and len(closed["not_reached"]) == closed["total"] - 1
    log = run(demo_profile, "log", "list")
    assert f"1 van {closed['total']} bereikt" in log.output


def test_bad_input_is_one_clear_line(demo_profile: Path) -> None:
    _refused(run(demo_profile, "round", "show", "9"), "No call round '9'")
    _refused(run(demo_profile, "round", "start", "Test"), "A round needs recipients")
    assert _json(demo_profile, "round", "start", "Test", "--to", "zcc")["number"] == 1
    _refused(
        run(demo_profile, "round", "mark", "1", "99", "--reached", "--channel", "mobile"),
        "Round 1 has no recipient '99'",
    )
    assert run(demo_profile, "round", "close", "1").exit_code == 0
    _refused(
        run(demo_profile, "round", "mark", "1", "1", "--reached", "--channel", "mobile"),
        "was closed",
    )


def test_round_print_writes_the_call_sheet_in_a_subprocess(
    demo_profile: Path, tmp_path: Path
) -> None:
    assert run(demo_profile, "round", "start", "Test", "--to", "zcc").exit_code == 0
    env = {**os.environ, "RZCC_PASSPHRASE": PASSPHRASE, "PYTHONPATH": str(ROOT)}
    out = tmp_path / "belronde.pdf"
    done = subprocess.run(
        [sys.executable, "-m", "resilient_zcc", "--profile", str(demo_profile), "round", "print",
         "1", "--out", str(out)],
        env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert out.read_bytes().startswith(b"%PDF")
    help_text = run(demo_profile, "round", "print", "--help").output
    assert "Example" in help_text
