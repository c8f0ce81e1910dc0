"""The situation report on the demo region: the Overzicht's figures, numbered versions kept
in the logbook, radio text with short lines, one A4, the rhythm, and bad input."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result

from printouts.context import make_context
from printouts.render import render_sheet
from resilient_zcc.cli import main
from resilient_zcc.crisis.logbook import add_entry
from resilient_zcc.crisis.regions import add_region, default_region
from resilient_zcc.dashboard import dashboard
from resilient_zcc.dashboard_lines import dashboard_lines
from resilient_zcc.errors import ValidationError
from resilient_zcc.i18n import set_language
from resilient_zcc.localtime import AMSTERDAM
from resilient_zcc.rounds.model import mark, start_round
from resilient_zcc.rounds.queries import round_summaries, round_view
from resilient_zcc.settings import set_setting
from resilient_zcc.sitrap.model import kept_sitrap, make_sitrap, sitraps
from resilient_zcc.sitrap.report import build_sitrap
from resilient_zcc.sitrap.rhythm import next_due
from resilient_zcc.sitrap.text import NAMES_SHOWN, WIDTH, radio_text
from resilient_zcc.store import Store

from .conftest import PASSPHRASE
from .helpers import new_store, sync_both
from .pdfcheck import flat, outside_the_page, text_of

AGES = ("oldest_age_s", "waiting_s")


def run(profile: Path, *args: str) -> Result:
    return CliRunner().invoke(
        main, ["--profile", str(profile), *args], env={"RZCC_PASSPHRASE": PASSPHRASE}
    )


def _json(profile: Path, *args: str) -> Any:
    result = run(profile, *args, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def _without_ages(value: Any) -> Any:
    """Two processes read a moment apart: ages in seconds may differ, nothing else may."""
    if isinstance(value, dict):
        return {k: _without_ages(v) for k, v in value.items() if k not in AGES}
    if isinstance(value, list):
        return [_without_ages(v) for v in value]
    return value


def test_the_sitrap_has_the_overzichts_figures(demo_profile: Path) -> None:
    now = datetime.now(UTC)
    with Store.open(demo_profile, PASSPHRASE) as store:
        board = dashboard(store, now)
        report = build_sitrap(store, now, "test")
    assert report.beds == [asdict(b) for b in board.beds] and report.beds
    assert report.queue["open"] == board.queue.open > 0
    assert report.queue["overdue"] == board.queue.overdue
    assert report.queue["by_state"] == board.queue.by_state
    assert report.open_conflicts == board.open_conflicts == 1
    assert report.late_locations == board.late_locations
    urgent = asdict(board.queue.most_urgent) if board.queue.most_urgent else None
    assert urgent is not None and report.queue["most_urgent"] is not None
    # The sitrap is kept for good: the patient's reference is left out, the rest is the same.
    assert report.queue["most_urgent"]["reference"] is None
    same = {k: v for k, v in urgent.items() if k not in ("id", "reference")}
    assert {k: report.queue["most_urgent"][k] for k in same} == same
    # The phase, the outage and the SEH come from their own queries.
    assert report.phase["phase"] == "2a" and report.phase["authority"]
    assert report.outage["active"] and report.outage["below_threshold"]
    assert any(row["status"] == "stop" for row in report.seh)

    overview = _json(demo_profile, "overview")
    made = _json(demo_profile, "sitrap", "make", "--oordeel", "Druk hoog")
    assert _without_ages(made["beds"]) == _without_ages(overview["beds"])
    for key in ("open", "overdue", "by_state"):
        assert made["queue"][key] == overview["queue"][key]
    assert made["open_conflicts"] == overview["open_conflicts"]
    assert made["number"] == 1 and made["oordeel"] == "Druk hoog"


def test_versions_are_numbered_kept_and_list_the_decisions_since(demo_profile: Path) -> None:
    now = datetime.now(UTC)
    with Store.open(demo_profile, PASSPHRASE) as store:
        region = default_region(store)
        first = make_sitrap(store, now, "Coördinator A", "Eerste oordeel", ["Fase handhaven"])
        add_entry(
            store,
            region,
            "besluit",
            "Extra IC-bedden openen",
            now + timedelta(minutes=5),
            "test",
            decided_by="Bestuurlijk ROAZ (test)",
        )
        second = make_sitrap(store, now + timedelta(minutes=10), "Coördinator B")
        kept = sitraps(store, region)
        again = kept_sitrap(store, region, 1)
        newest = kept_sitrap(store, region)
    assert (first.number, second.number) == (1, 2)
    assert [row["number"] for row in kept] == [2, 1]
    assert again == first and newest == second
    assert second.previous_at == first.made_at
    assert [d["text"] for d in second.decisions] == ["Extra IC-bedden openen"]
    assert first.proposals == ["Fase handhaven"] and second.oordeel == ""

    listed = _json(demo_profile, "sitrap", "list")
    assert [row["number"] for row in listed["sitraps"]] == [2, 1]
    shown = run(demo_profile, "sitrap", "show", "--number", "1")
    assert shown.exit_code == 0 and "SITRAP 1" in shown.output and "Eerste oordeel" in shown.output
    missing = run(demo_profile, "sitrap", "show", "--number", "9")
    assert missing.exit_code == 1 and "No sitrap number 9" in missing.output
    assert "Traceback" not in missing.output


def test_the_radio_text_has_short_lines_and_every_part(demo_profile: Path) -> None:
    now = datetime.now(UTC)
    long_judgement = "De druk op de intensive care blijft onverminderd hoog " * 6
    with Store.open(demo_profile, PASSPHRASE) as store:
        report = make_sitrap(store, now, "test", long_judgement, ["Fase 2a handhaven"])
    text = radio_text(report, "en")
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= WIDTH
    for part in ("SITRAP 1", "PICTURE: phase", "PICTURE: capacity", "JUDGEMENT", "END OF"):
        assert part in text
    assert "1. Fase 2a handhaven" in text
    escalated = report.queue["by_state"]["opgeschaald"]
    said = " ".join(text.split())  # as read out: the wrapping does not matter
    assert f"Escalated beyond the region (RCPS/LCPS, VG cohort): {escalated}" in said
    assert "intensive care" in text


def test_the_sitrap_prints_on_one_a4(demo_profile: Path) -> None:
    with Store.open(demo_profile, PASSPHRASE) as store:
        make_sitrap(store, datetime.now(UTC), "test", "Druk stabiel", ["Fase 2a handhaven"])
        printed = render_sheet(make_context(store), "sitrap", {})
    assert printed.pages == 1
    page = flat(text_of(printed.pdf)[0])
    for part in ("SITRAP1", "BEELD:capaciteit", "OORDEEL", "Drukstabiel", "Fase2ahandhaven"):
        assert part in page
    assert outside_the_page(printed.pdf) == []


def _local(day: datetime, hour: int, minute: int = 0) -> datetime:
    return day.replace(hour=hour, minute=minute, tzinfo=AMSTERDAM).astimezone(UTC)


def test_the_rhythm_says_when_the_next_is_due_and_the_overzicht_marks_it(
    demo_profile: Path,
) -> None:
    day = datetime(2026, 12, 3)
    with Store.open(demo_profile, PASSPHRASE) as store:
        region = default_region(store)
        first_due = next_due(store, region, _local(day, 9))
        assert not first_due.overdue and first_due.last_number is None
        assert first_due.due_at == _local(day, 12).isoformat()
        make_sitrap(store, _local(day, 11, 45), "test")  # serves 12:00
        due = next_due(store, region, _local(day, 13))
        assert due.due_at == _local(day, 16).isoformat() and not due.overdue
        late = next_due(store, region, _local(day, 16, 1))
        assert late.overdue
        lines = dashboard_lines(dashboard(store, _local(day, 16, 1)), "en")
        sitrap = [line for line in lines if line.target == "sitrap"]
        assert len(sitrap) == 1 and sitrap[0].warn and "OVERDUE" in sitrap[0].text
        # After the evening's last time, the next is the first of tomorrow.
        set_setting(store, "sitrap.every_hours", 6)
        set_setting(store, "sitrap.first_hour", 6)
        set_setting(store, "sitrap.last_hour", 18)
        make_sitrap(store, _local(day, 18, 10), "test")
        tomorrow = next_due(store, region, _local(day, 19))
        assert tomorrow.due_at == _local(day + timedelta(days=1), 6).isoformat()


def test_a_region_without_data_gives_a_sitrap_that_says_so(store: Store) -> None:
    add_region(store, "ROAZ-regio Oefenland", "roaz")
    report = make_sitrap(store, datetime.now(UTC), "test")
    text = " ".join(radio_text(report, "en").split())
    assert report.number == 1 and report.beds == [] and report.seh == []
    for said in ("No phase recorded yet", "No capacity reports yet.", "none declared"):
        assert said in text
    printed = render_sheet(make_context(store), "sitrap", {})
    assert printed.pages == 1 and "SITRAP1" in flat(text_of(printed.pdf)[0])


def test_bad_input_gets_a_clear_message(profile: Path, demo_profile: Path) -> None:
    empty = run(profile, "sitrap", "make")
    assert empty.exit_code == 1 and "holds no region yet" in empty.output
    assert "Traceback" not in empty.output
    none_yet = run(demo_profile, "sitrap", "show")
    assert none_yet.exit_code == 1 and "No sitrap has been made yet" in none_yet.output
    with Store.open(demo_profile, PASSPHRASE) as store:
        try:
            make_sitrap(store, datetime.now(UTC), "test", "x" * 5000)
        except ValidationError as exc:
            assert "keep it under 4000" in str(exc)
        else:
            raise AssertionError("a judgement of 5000 characters was accepted")
        assert sitraps(store, default_region(store)) == []


def test_two_coordinators_cut_off_both_keep_their_sitrap(tmp_path: Path) -> None:
    with new_store(tmp_path / "a", "ZCC-1") as a, new_store(tmp_path / "b", "ZCC-2") as b:
        region = add_region(a, "ROAZ-regio Oefenland", "roaz")
        sync_both(a, b)
        now = datetime.now(UTC)
        make_sitrap(a, now, "Coördinator A", "Beeld van A")
        make_sitrap(b, now + timedelta(minutes=1), "Coördinator B", "Beeld van B")
        sync_both(a, b)
        for store in (a, b):
            kept = sitraps(store, region)
            assert [(r["number"], r["oordeel"]) for r in kept] == [
                (1, "Beeld van B"),
                (1, "Beeld van A"),
            ]
        assert make_sitrap(a, now + timedelta(minutes=2), "Coördinator A").number == 2


def test_the_sitrap_names_the_call_rounds_and_who_was_not_reached(demo_profile: Path) -> None:
    set_language("nl")
    now = datetime.now(UTC)
    with Store.open(demo_profile, PASSPHRASE) as store:
        round_id = start_round(
            store, "Meld uw autonomie", now=now, started_by="test", groups=["crisiscoordinatoren"]
        )
        [summary] = round_summaries(store)
        first = round_view(store, round_id).recipients[0]
        mark(
            store, round_id, str(first.position), reached=True, by="test", now=now, channel="mobile"
        )
        report = make_sitrap(store, now + timedelta(minutes=1), "test")
        [after] = round_summaries(store)
    assert [r["number"] for r in report.rounds] == [summary.number]
    assert report.rounds[0]["reached"] == after.reached == 1
    text = " ".join(radio_text(report, "nl").split())
    assert f"Belronde {summary.number}: 1 van {after.total} bereikt" in text
    assert after.not_reached and after.not_reached[0] in text
    more = len(after.not_reached) - NAMES_SHOWN
    assert more > 0 and f"en {more} anderen" in text  # read out, not a list of 68 names
