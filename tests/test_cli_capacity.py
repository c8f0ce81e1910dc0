"""`resilient-zcc capacity ...` against the demo profile: output, --json, clear errors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result

from resilient_zcc.cli import main
from resilient_zcc.cli.capacity import age_text
from resilient_zcc.demo.capacity import LOCATIONS
from resilient_zcc.demo.contacts import demo_id
from resilient_zcc.i18n import set_language

from .conftest import PASSPHRASE

MST = demo_id("location", "mst")


def run(profile: Path, *args: str) -> Result:
    return CliRunner().invoke(
        main, ["--profile", str(profile), *args], env={"RZCC_PASSPHRASE": PASSPHRASE}
    )


def _json(profile: Path, *args: str) -> Any:
    result = run(profile, *args, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_locations_show_ids_rhythm_and_features(demo_profile: Path) -> None:
    result = run(demo_profile, "capacity", "locations")
    assert result.exit_code == 0, result.output
    assert f"[{MST[:8]}] MST Enschede — MST, Enschede; meldt dagelijks om 09:00" in result.output
    assert "zuurstof uit de wand" in result.output
    assert "geen meldritme" in result.output  # the emergency location
    rows = _json(demo_profile, "capacity", "locations")
    assert len(rows) == len(LOCATIONS)
    mst = next(r for r in rows if r["id"] == MST)
    assert "beademing" in mst["features"] and mst["report_every_hours"] == 24


def test_overview_answers_free_staffed_ic_and_cohort_beds_with_ages(demo_profile: Path) -> None:
    result = run(
        demo_profile,
        "capacity",
        "overview",
        "--category",
        "ic",
        "--category",
        "cohort_covid_pos",
        "--locations",
    )
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[1].split()[:2] == ["Categorie", "loc"]
    assert any(line.startswith("IC ") for line in lines)
    assert any(line.startswith("Cohortafdeling COVID+") for line in lines)
    assert "Kliniek" not in result.output
    assert f"MST Enschede [{MST[:8]}]: vrij " in result.output and " oud" in result.output
    groups = _json(demo_profile, "capacity", "overview", "--category", "ic")
    [ic] = groups
    assert ic["locations"] == 3
    assert ic["free"] == sum(r["free"] for r in ic["rows"])
    assert ic["held"] == sum(r["held"] for r in ic["rows"])
    assert ic["oldest_age_s"] == max(r["age_s"] for r in ic["rows"])
    for row in ic["rows"]:
        assert row["free_after_holds"] == row["free"] - row["held"]
        assert {"free", "held", "free_after_holds", "age_s", "stale"} <= set(row)
    everything = _json(demo_profile, "capacity", "overview")
    assert len(everything) == 15
    stale = next(g for g in everything if g["category"] == "palliatieve_unit")
    assert stale["stale"] == 1 and stale["oldest_age_s"] >= 4 * 24 * 3600


def test_report_then_overview_and_history_show_it(demo_profile: Path) -> None:
    result = run(
        demo_profile,
        "capacity",
        "report",
        MST[:8],
        "ic",
        "--total",
        "30",
        "--staffed",
        "22",
        "--occupied",
        "21",
        "--reporter",
        "IC-coördinator (test)",
        "--source",
        "telefoon",
    )
    assert result.exit_code == 0, result.output
    assert "Gemeld: MST Enschede, IC: totaal 30, bemand 22, bezet 21, vrij 1" in result.output
    assert "status geel" not in result.output and "status rood" in result.output
    [ic] = _json(demo_profile, "capacity", "overview", "--category", "ic")
    mst = next(r for r in ic["rows"] if r["location_id"] == MST)
    assert (mst["occupied"], mst["free"], mst["age_s"] // 60, mst["stale"]) == (21, 1, 0, False)
    rows = _json(demo_profile, "capacity", "history", MST[:8], "ic")
    assert rows[-1]["occupied"] == 21 and rows[-1]["reporter"] == "IC-coördinator (test)"
    assert [r["reported_at"] for r in rows] == sorted(r["reported_at"] for r in rows)
    text = run(demo_profile, "capacity", "history", MST[:8], "ic")
    assert text.exit_code == 0 and "(telefoon, IC-coördinator (test))" in text.output


def test_report_with_a_past_time(demo_profile: Path) -> None:
    result = run(
        demo_profile, "capacity", "report", MST, "pacu", "--total", "8", "--staffed", "6",
        "--occupied", "2", "--at", "2025-01-02 08:15", "--source", "papier",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    rows = _json(demo_profile, "capacity", "history", MST, "pacu")
    assert rows[0]["reported_at"] == "2025-01-02T07:15:00+00:00"  # 08:15 Amsterdam (CET)


def test_bad_reports_are_clear_errors_and_store_nothing(demo_profile: Path) -> None:
    before = _json(demo_profile, "capacity", "history", MST, "ic")
    figures = ["--total", "30", "--staffed", "20", "--occupied", "10"]
    cases = [
        (["--staffed", "31"], "staffed (31) cannot exceed total (30)"),
        (["--available", "11"], "cannot exceed staffed - occupied (10)"),
        (["--at", "2999-01-01 09:00"], "lies in the future"),
        (["--at", "gisteren"], "is not a time"),
        (["--total", "99999999999999999999"], "total is too large"),  # an OverflowError before
    ]
    for extra, message in cases:
        result = run(demo_profile, "capacity", "report", MST, "ic", *figures, *extra)
        assert result.exit_code == 1, (extra, result.output)
        assert message in result.output and "Traceback" not in result.output
    unknown = run(demo_profile, "capacity", "report", MST, "icu", *figures)
    assert unknown.exit_code == 1 and "Unknown capacity category 'icu'" in unknown.output
    assert "cohort_covid_pos" in unknown.output  # lists what is allowed
    nowhere = run(demo_profile, "capacity", "report", "ffffffff", "ic", *figures)
    assert nowhere.exit_code == 1 and "No location with id 'ffffffff'" in nowhere.output
    assert _json(demo_profile, "capacity", "history", MST, "ic") == before


def test_overdue_lists_the_locations_that_stopped_reporting(demo_profile: Path) -> None:
    result = run(demo_profile, "capacity", "overdue")
    assert result.exit_code == 0, result.output
    stopped = [loc for loc in LOCATIONS if loc.stopped_days_ago]
    assert f"{len(stopped)} locaties te laat met melden:" in result.output
    assert "Livio, GRZ Enschede" in result.output and " te laat; laatste melding " in result.output
    rows = _json(demo_profile, "capacity", "overdue")
    assert {r["location_id"] for r in rows} == {demo_id("location", s.key) for s in stopped}
    assert rows == sorted(rows, key=lambda r: -r["late_minutes"])


def test_categories_and_unknown_overview_category(demo_profile: Path) -> None:
    result = run(demo_profile, "capacity", "categories")
    assert result.exit_code == 0
    assert "thuiszorg_team" in result.output and "teamcapaciteit" in result.output
    rows = _json(demo_profile, "capacity", "categories")
    assert rows[0] == {
        "code": "ic",
        "name": "IC",
        "name_en": "Intensive care",
        "kind": "bed",
        "builtin": True,
    }
    bad = run(demo_profile, "capacity", "overview", "--category", "bedden")
    assert bad.exit_code == 1 and "Unknown capacity category 'bedden'" in bad.output


def test_age_text() -> None:
    set_language("nl")  # an earlier in-process CLI run may have left English on
    assert [age_text(m) for m in (0, 59, 60, 185, 47 * 60 + 59, 48 * 60, 4 * 1440 + 75)] == [
        "0 min",
        "59 min",
        "1 u 00 min",
        "3 u 05 min",
        "47 u 59 min",
        "2 d 0 u",
        "4 d 1 u",
    ]


def test_a_surge_is_reported_with_a_warning_and_shown_as_overbezet(demo_profile: Path) -> None:
    figures = ["--total", "30", "--staffed", "24", "--occupied", "31"]
    result = run(demo_profile, "capacity", "report", MST, "ic", *figures)
    assert result.exit_code == 0, result.output
    assert "Let op: Overbezet: occupied (31) exceeds total (30) and staffed (24)" in result.output
    assert "vrij 0; status donkerrood" in result.stdout
    text = run(demo_profile, "capacity", "overview", "--category", "ic", "--locations")
    assert "(1 OVERBEZET)" in text.output
    assert f"MST Enschede [{MST[:8]}]: vrij 0 " in text.output
    line = next(x for x in text.output.splitlines() if "MST Enschede" in x)
    assert line.endswith("OVERBEZET")
    [ic] = _json(demo_profile, "capacity", "overview", "--category", "ic")
    mst = next(r for r in ic["rows"] if r["location_id"] == MST)
    assert mst["overbezet"] and mst["free"] == 0 and mst["occupied"] == 31
    assert ic["overbezet"] == 1
    assert ic["free_after_holds"] == sum(
        max(0, r["free_after_holds"]) for r in ic["rows"] if not r["overbezet"]
    )
