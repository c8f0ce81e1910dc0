"""The Uitval screen's presenter, without Qt: the core's figures worded, bad input in the
core's words."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from resilient_zcc.continuity.queries import continuity_overview
from resilient_zcc.homecare.queries import homecare_overview
from resilient_zcc.store import Store
from ui import outage_presenter as present
from ui.i18n import set_language

from ..conftest import PASSPHRASE


def test_report_problems_are_the_cores_messages() -> None:
    set_language("en")
    try:
        assert "cannot be negative" in present.report_problem("aggregaat", "-3")
        assert "give the hours of autonomy left" in present.report_problem("aggregaat", "")
        assert "more than a month" in present.report_problem("ups", "1000")
        assert "as a number" in present.report_problem("ups", "tien")
        assert present.report_problem("aggregaat", "7,5") == ""
        assert present.report_problem("net", "") == ""
    finally:
        set_language("nl")
    assert "negatief" in present.report_problem("aggregaat", "-3")


def test_parse_hours_takes_a_dutch_comma() -> None:
    assert present.parse_hours(" 7,5 ") == 7.5
    assert present.parse_hours("") is None


def test_rows_keep_the_cores_hours_and_say_the_markers_in_words(demo_profile: Path) -> None:
    now = datetime.now(UTC)
    with Store.open(demo_profile, PASSPHRASE) as store:
        overview = continuity_overview(store, now=now)
        care = homecare_overview(store, now=now)
    rows = present.continuity_rows(overview, now)
    by_id = {r["location_id"]: r for r in rows}
    for figure in overview.figures:
        row = by_id[figure.location_id]
        assert row["hours_left"] == figure.hours_left
        assert ("ONDER DREMPEL" in row["marks"]) == figure.below_threshold
        assert ("VEROUDERD" in row["marks"]) == figure.stale
    for silent in overview.not_heard_from:
        assert "NIET GEHOORD" in by_id[silent.location_id]["marks"]
    reported = [r["hours_left"] for r in rows[: len(overview.figures)]]
    assert reported == [f.hours_left for f in overview.figures]  # least autonomy first
    names = [r["location"].lower() for r in present.continuity_rows(overview, now, "location")]
    assert names == sorted(names)
    care_rows = present.homecare_rows(care)
    assert {r["area"] for r in care_rows} == {a.area for a in care.areas}
    assert any(r["marks"] == "NIET BIJGEWERKT" for r in care_rows)
    assert all(r["phone"] for r in care_rows)
