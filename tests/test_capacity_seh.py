"""The emergency department's open/stop status: immutable facts, rules, the one query, the
command line and the capacity sheet."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from printouts.context import make_context
from printouts.render import render_sheet
from resilient_zcc.capacity.model import add_location
from resilient_zcc.capacity.seh import report_seh, seh_overview, stopped
from resilient_zcc.contacts.model import add_organisation
from resilient_zcc.crisis.phases import set_phase
from resilient_zcc.crisis.regions import add_region
from resilient_zcc.errors import NotFound, ValidationError
from resilient_zcc.store import Store

from .conftest import PASSPHRASE
from .pdfcheck import flat, text_of
from .test_cli import run

NOW = datetime(2025, 3, 14, 10, 30, tzinfo=UTC)


def _places(store: Store) -> tuple[str, str]:
    hospital = add_organisation(store, "Ziekenhuis Test", "ziekenhuis")
    care = add_organisation(store, "VVT Test", "vvt")
    seh = add_location(store, hospital, "Ziekenhuis Test, SEH", features=["seh", "beademing"])
    ward = add_location(store, care, "VVT Test, ELV")
    return seh, ward


def test_a_stop_needs_reason_and_duration_and_the_newest_report_is_current(
    store: Store,
) -> None:
    seh, ward = _places(store)
    assert [r["status"] for r in seh_overview(store, NOW)] == [None]  # not yet reported
    args = {"now": NOW, "reported_by": "Coördinator SEH"}
    for status, kw, message in (
        ("stop", {}, "reason for the SEH stop"),
        ("stop", {"reason": "Geen arts"}, "expected duration"),
        ("stop", {"reason": "Geen arts", "expected_hours": 200}, "at most 72"),
        ("dicht", {}, "Unknown SEH status 'dicht'"),
    ):
        with pytest.raises(ValidationError, match=message):
            report_seh(store, seh, status, **args, **kw)  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="has no emergency department"):
        report_seh(store, ward, "open", **args)  # type: ignore[arg-type]
    with pytest.raises(NotFound):
        report_seh(store, "no-such-place", "open", **args)  # type: ignore[arg-type]
    assert store.query("SELECT id FROM seh_status") == []
    report_seh(store, seh, "open", **args)  # type: ignore[arg-type]
    later = NOW + timedelta(hours=1)
    report_seh(
        store, seh, "stop", now=later, reported_by="Coördinator SEH", reason="Geen arts",
        expected_hours=4,
    )  # fmt: skip
    (row,) = seh_overview(store, later)
    assert (row["status"], row["reason"], row["label"]) == (
        "stop",
        "Geen arts",
        "SEH-stop (opvangstop)",
    )
    assert row["expected_until"] == "2025-03-14T15:30:00+00:00" and not row["overrun"]
    assert seh_overview(store, later + timedelta(hours=5))[0]["overrun"]
    assert not row["against_agreement"]
    # In code zwart the SEH stays open (seed 000): a stop then is marked against the agreement.
    region = add_region(store, "ROAZ-regio Test", "roaz")
    set_phase(
        store, region, "3", "Minister voor MZS", "", "beeld", "", later, "Logger",
        national=True, national_source="Kamerbrief (test)", national_date="2025-03-14",
    )  # fmt: skip
    assert seh_overview(store, later)[0]["against_agreement"]
    assert [r["location_id"] for r in stopped(store, later)] == [seh]
    # A report is a fact: never changed; the next one makes the SEH open again.
    report_seh(store, seh, "open", now=later + timedelta(hours=2), reported_by="Coördinator SEH")
    assert stopped(store, later + timedelta(hours=2)) == []
    assert len(store.query("SELECT id FROM seh_status")) == 3


def test_the_demo_shows_a_stopped_seh_in_the_cli_and_on_the_capacity_sheet(
    demo_profile: Path,
) -> None:
    shown = run(demo_profile, "seh", "show")
    assert shown.exit_code == 0, shown.output
    lines = shown.output.splitlines()
    assert lines[0].startswith("[") and "ZGT Hengelo: SEH-stop (opvangstop)" in lines[0]
    assert any("MST Enschede: SEH open" in line for line in lines)
    data = json.loads(run(demo_profile, "seh", "show", "--json").output)
    mst = next(r for r in data if r["name"] == "MST Enschede")
    bad = run(demo_profile, "seh", "set", mst["location_id"][:8], "stop", "--reason", "x")
    assert bad.exit_code == 1 and "--hours" in bad.output and "Traceback" not in bad.output
    ok = run(
        demo_profile, "seh", "set", mst["location_id"][:8], "stop",
        "--reason", "Stroomstoring (test)", "--hours", "3",
    )  # fmt: skip
    assert ok.exit_code == 0 and "MST Enschede: SEH-stop" in ok.output
    with Store.open(demo_profile, PASSPHRASE) as store:
        printed = render_sheet(make_context(store), "capaciteit", {})
    text = flat("".join(text_of(printed.pdf)))
    assert flat("Spoedeisende hulp (SEH)") in text
    assert flat("Stroomstoring (test)") in text and flat("SEH-STOP (OPVANGSTOP)") in text
