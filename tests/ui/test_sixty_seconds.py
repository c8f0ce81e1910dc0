"""The 60-second test: after unlocking the demo region, each first question is answered on
screen within three key presses, and the window, the CLI's JSON and the paper agree.

(a) who to call now, (b) the phase and who decided, (c) free beds, (d) the queue,
(e) out-of-date paper. Each test drives the real window over a real encrypted profile and
runs the real CLI as a separate process.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from printouts.context import make_context
from printouts.render import print_to_file
from resilient_zcc.contacts.model import update_person
from resilient_zcc.placements.lifecycle import CLOSED_STATES as CLOSED
from resilient_zcc.placements.queries import SEEKING_STATES as SEEKING
from resilient_zcc.store import Store
from ui.main_window import MainWindow

from ..conftest import PASSPHRASE
from ..pdfcheck import flat, text_of

pytestmark = pytest.mark.timeout(180)


def cli_json(profile: Path, *args: str) -> Any:
    result = subprocess.run(
        [sys.executable, "-m", "resilient_zcc", "--profile", str(profile), *args, "--json"],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "RZCC_PASSPHRASE": PASSPHRASE, "RZCC_LANG": "nl"},
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def overview_lines(qtbot, window: MainWindow) -> list[str]:  # type: ignore[no-untyped-def]
    """The Overzicht is the screen in front after unlocking: no key press needed."""
    overview = window.overview
    qtbot.waitUntil(lambda: overview.capacity.rowCount() > 0, timeout=10_000)
    assert window.pages.currentWidget() is overview
    return overview.line_texts()


def test_b_phase_who_decided_and_on_whose_advice(  # type: ignore[no-untyped-def]
    qtbot, unlocked_window: MainWindow, demo_profile: Path, tmp_path: Path
) -> None:
    lines = overview_lines(qtbot, unlocked_window)
    state = cli_json(demo_profile, "phase", "show")
    assert state["decided_by"] and state["advised_by"]
    at = next(n for n, line in enumerate(lines) if line.startswith("Fase "))
    assert lines[at].startswith(f"Fase {state['phase']}:")
    assert state["decided_by"] in lines[at + 1] and state["advised_by"] in lines[at + 1]
    assert ("Noodscenario: uit" in lines[at + 2]) is (not state["noodscenario"])
    board = cli_json(demo_profile, "overview")
    assert board["phase"]["phase"] == state["phase"]
    assert board["phase"]["advised_by"] == state["advised_by"]
    # The printed crisis structure says the same.
    with Store.open(demo_profile, PASSPHRASE) as store:
        print_to_file(make_context(store), "crisisstructuur", tmp_path / "crisis.pdf")
    paper = flat(" ".join(text_of((tmp_path / "crisis.pdf").read_bytes())))
    assert flat(f"Fase {state['phase']}") in paper
    assert flat(state["decided_by"]) in paper and flat(state["advised_by"]) in paper


def test_e_out_of_date_paper_is_on_the_overview_as_in_print_status(  # type: ignore[no-untyped-def]
    qtbot, unlocked_window: MainWindow, demo_profile: Path, tmp_path: Path
) -> None:
    store = unlocked_window.session.store
    print_to_file(make_context(store), "bereikbaarheid", tmp_path / "lijst.pdf")
    print_to_file(make_context(store), "capaciteit", tmp_path / "capaciteit.pdf")
    unlocked_window.session.changed()
    assert "Afgedrukte bladen verouderd: 0 van 2" in overview_lines(qtbot, unlocked_window)

    person = store.query_one("SELECT id FROM people WHERE deleted = 0 ORDER BY id")
    assert person is not None
    update_person(store, person["id"], notes="nieuw piketnummer doorgegeven")
    unlocked_window.session.changed()
    lines = overview_lines(qtbot, unlocked_window)
    status = cli_json(demo_profile, "print", "status")
    outdated = [row for row in status if row["outdated"]]
    assert [row["sheet"] for row in outdated] == ["bereikbaarheid"]
    assert "Afgedrukte bladen verouderd: 1 van 2" in lines
    sheet_line = next(line for line in lines if line.startswith("bereikbaarheid"))
    assert outdated[0]["reasons"][0] in sheet_line
    # One key press (a click or Enter on the line) opens the Afdrukken screen.
    button = next(b for b in unlocked_window.overview.line_buttons() if b.line.text == sheet_line)
    button.click()
    assert unlocked_window.pages.currentWidget() is unlocked_window.page("print")


def test_d_the_most_urgent_request_and_where_it_could_go(  # type: ignore[no-untyped-def]
    qtbot, unlocked_window: MainWindow, demo_profile: Path
) -> None:
    lines = overview_lines(qtbot, unlocked_window)
    queue = cli_json(demo_profile, "placements", "list")
    open_items = [item for item in queue if item["state"] not in CLOSED]
    overdue = [item for item in open_items if item["overdue"]]
    assert overdue, "the demo has requests past their target time"
    assert f"Plaatsingswachtrij: {len(open_items)} open, {len(overdue)} over de streeftijd" in lines
    seeking = next(item for item in open_items if item["state"] in SEEKING)
    assert seeking["overdue"] and seeking["urgency"] == "acuut"
    urgent_line = next(line for line in lines if line.startswith("Meest urgent:"))
    assert seeking["reference"] in urgent_line
    best = cli_json(demo_profile, "placements", "match", seeking["id"])
    top = best["candidates"][0]
    assert f"kan naar {top['location_name']}" in urgent_line
    assert f"{top['free']} vrij" in urgent_line
    # One key press opens the queue with that request first.
    button = next(b for b in unlocked_window.overview.line_buttons() if b.line.text == urgent_line)
    button.click()
    placements = unlocked_window.page("placements")
    assert unlocked_window.pages.currentWidget() is placements


def test_an_outage_leads_the_overview_as_the_continuity_query_has_it(  # type: ignore[no-untyped-def]
    qtbot, unlocked_window: MainWindow, demo_profile: Path
) -> None:
    """The demo is in a power outage: the Overzicht leads with it, and its figures are the
    CLI's; a stopped emergency department is named with its reason."""
    lines = overview_lines(qtbot, unlocked_window)
    picture = cli_json(demo_profile, "continuity", "overview")
    assert picture["outages"] and lines[0].startswith("UITVAL: Stroomuitval in ")
    below = [f["location_name"] for f in picture["figures"] if f["below_threshold"]]
    assert below
    assert lines[1].startswith(f"{len(below)} locaties onder {picture['threshold_hours']} u")
    assert all(name in lines[1] for name in below)
    silent = len(picture["not_heard_from"])
    assert f"{silent} locaties niet gehoord sinds het begin van de uitval" in lines
    stops = [row for row in cli_json(demo_profile, "seh", "show") if row["status"] == "stop"]
    assert stops
    for stop in stops:
        line = next(line for line in lines if line.startswith(f"SEH-stop: {stop['name']}"))
        assert stop["reason"] in line
    board = cli_json(demo_profile, "overview")
    assert [a["location_name"] for a in board["outage"]["below_threshold"]] == below
    assert [s["location_name"] for s in board["seh_stopped"]] == [s["name"] for s in stops]
