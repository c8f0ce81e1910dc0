"""Capacity writes: locations, rhythms, categories and reports, each rule with its message."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from resilient_zcc.capacity.categories import (
    CATEGORIES,
    add_category,
    all_categories,
    category_codes,
    category_row_id,
)
from resilient_zcc.capacity.model import (
    add_location,
    derive_status,
    report_capacity,
    set_features,
    set_report_rhythm,
)
from resilient_zcc.contacts.model import add_organisation
from resilient_zcc.errors import NotFound, ValidationError
from resilient_zcc.store import Store

NOW = datetime(2025, 3, 14, 10, 0, tzinfo=UTC)


def _count(store: Store, table: str) -> int:
    row = store.query_one(f"SELECT count(*) AS n FROM {table}")
    assert row is not None
    return int(row["n"])


@pytest.fixture
def location(store: Store) -> str:
    org = add_organisation(store, "Ziekenhuis Voorbeeld", "ziekenhuis", city="Enschede")
    return add_location(store, org, "Ziekenhuis Voorbeeld, IC", city="Enschede")


def _report(store: Store, location: str, **changes: Any) -> str:
    values: dict[str, Any] = {"total": 20, "staffed": 16, "occupied": 12, "now": NOW}
    values.update(changes)
    category = values.pop("category", "ic")
    return report_capacity(store, location, category, **values)


def test_location_is_stored_with_default_daily_rhythm_and_sorted_features(store: Store) -> None:
    org = add_organisation(store, "Zorggroep Voorbeeld", "vvt")
    location_id = add_location(
        store,
        org,
        "  Zorggroep Voorbeeld, ELV ",
        address="Voorbeeldlaan 1, Enschede (fictief)",
        features=["isolatie", "zuurstof_wand", "isolatie"],
    )
    row = store.query_one("SELECT * FROM locations WHERE id = ?", (location_id,))
    assert row is not None
    assert row["name"] == "Zorggroep Voorbeeld, ELV"
    assert row["organisation_id"] == org
    assert row["features"] == "isolatie,zuurstof_wand"
    assert (row["report_time"], row["report_every_hours"]) == ("09:00", 24)
    set_features(store, location_id, "hfno")
    set_report_rhythm(store, location_id, "08:30", 12)
    row = store.query_one("SELECT * FROM locations WHERE id = ?", (location_id,))
    assert row is not None
    assert (row["features"], row["report_time"], row["report_every_hours"]) == (
        "hfno",
        "08:30",
        12,
    )
    set_report_rhythm(store, location_id, None, None)
    row = store.query_one("SELECT * FROM locations WHERE id = ?", (location_id,))
    assert row is not None
    assert (row["report_time"], row["report_every_hours"]) == (None, None)


@pytest.mark.parametrize(
    "kwargs,message",
    [
        ({"name": " "}, "needs a name"),
        ({"features": ["zuurstof", "hfno"]}, "Allowed: zuurstof_wand"),
        ({"report_time": "9 uur"}, "HH:MM"),
        ({"report_time": "24:00"}, "HH:MM"),
        ({"report_every_hours": 5}, "allowed: 1, 2, 3, 4, 6, 8, 12, 24"),
        ({"report_time": "09:00", "report_every_hours": None}, "needs an interval"),
    ],
)
def test_bad_location_is_refused_and_nothing_stored(
    store: Store, kwargs: dict[str, Any], message: str
) -> None:
    org = add_organisation(store, "Zorggroep Voorbeeld", "vvt")
    values: dict[str, Any] = {"name": "Locatie"}
    values.update(kwargs)
    with pytest.raises(ValidationError, match=message):
        add_location(store, org, values.pop("name"), **values)
    assert _count(store, "locations") == 0


def test_location_needs_existing_organisation_and_region(store: Store) -> None:
    with pytest.raises(NotFound, match="No organisation"):
        add_location(store, "no-such-org", "Locatie")
    org = add_organisation(store, "Zorggroep Voorbeeld", "vvt")
    with pytest.raises(NotFound, match="No region"):
        add_location(store, org, "Locatie", region_id="no-such-region")
    with store.transaction() as tx:
        tx.put("regions", "region-1", {"name": "Testregio", "kind": "roaz"})
    add_location(store, org, "Locatie", region_id="region-1")
    assert _count(store, "locations") == 1


def test_rhythm_of_unknown_location_is_not_found(store: Store) -> None:
    with pytest.raises(NotFound, match="No location"):
        set_report_rhythm(store, "nowhere", "09:00", 24)


def test_report_defaults_available_and_derives_status(store: Store, location: str) -> None:
    report_id = _report(store, location, reporter=" Bedmanager ", source="telefoon")
    row = store.query_one("SELECT * FROM capacity_reports WHERE id = ?", (report_id,))
    assert row is not None
    assert (row["total"], row["staffed"], row["occupied"], row["available"]) == (20, 16, 12, 4)
    assert row["status"] == "groen"  # 4 of 16 free = 25 %
    assert row["reporter"] == "Bedmanager" and row["source"] == "telefoon"
    assert row["reported_at"] == "2025-03-14T10:00:00+00:00"
    assert row["expected_24h"] is None


def test_given_available_status_and_past_time_are_kept(store: Store, location: str) -> None:
    at = datetime(2025, 3, 14, 8, 45, tzinfo=UTC) - timedelta(days=2)
    report_id = _report(
        store, location, available=2, expected_24h=5, status="oranje", reported_at=at
    )
    row = store.query_one("SELECT * FROM capacity_reports WHERE id = ?", (report_id,))
    assert row is not None
    assert (row["available"], row["expected_24h"], row["status"]) == (2, 5, "oranje")
    assert row["reported_at"] == "2025-03-12T08:45:00+00:00"


@pytest.mark.parametrize(
    "staffed,available,colour",
    [
        (10, 2, "groen"),  # 20 %
        (10, 1, "geel"),  # 10 %
        (20, 1, "oranje"),  # 5 %
        (100, 4, "rood"),  # 4 %
        (10, 0, "donkerrood"),
        (0, 0, "donkerrood"),
    ],
)
def test_status_thresholds(staffed: int, available: int, colour: str) -> None:
    assert derive_status(staffed, available) == colour


@pytest.mark.parametrize(
    "changes,error,message",
    [
        ({"staffed": 21}, ValidationError, r"staffed \(21\) cannot exceed total \(20\)"),
        ({"total": -1, "staffed": 0, "occupied": 0}, ValidationError, "total cannot be negative"),
        ({"occupied": -2}, ValidationError, "occupied cannot be negative"),
        ({"available": -1}, ValidationError, "available cannot be negative"),
        ({"available": 5}, ValidationError, r"cannot exceed staffed - occupied \(4\)"),
        ({"expected_24h": 21}, ValidationError, r"expected_24h \(21\) cannot exceed total"),
        ({"expected_24h": -1}, ValidationError, "expected_24h cannot be negative"),
        ({"total": 2.5}, ValidationError, "whole number"),
        ({"category": "ic_bedden"}, ValidationError, "Unknown capacity category 'ic_bedden'"),
        ({"status": "paars"}, ValidationError, "Allowed: groen, geel, oranje, rood, donkerrood"),
        ({"source": "whatsapp"}, ValidationError, "Allowed: formulier, telefoon"),
        (
            {"reported_at": NOW + timedelta(minutes=6)},
            ValidationError,
            "lies in the future",
        ),
        ({"reported_at": datetime(2025, 3, 14, 9, 0)}, ValidationError, "needs a time zone"),
    ],
)
def test_bad_report_is_refused_and_nothing_stored(
    store: Store, location: str, changes: dict[str, Any], error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        _report(store, location, **changes)
    assert _count(store, "capacity_reports") == 0


def test_report_for_unknown_location_is_not_found(store: Store) -> None:
    with pytest.raises(NotFound, match="capacity locations"):
        report_capacity(store, "nowhere", "ic", total=1, staffed=1, occupied=0, now=NOW)
    assert _count(store, "capacity_reports") == 0


def test_report_slightly_ahead_is_accepted(store: Store, location: str) -> None:
    _report(store, location, reported_at=NOW + timedelta(minutes=5))
    assert _count(store, "capacity_reports") == 1


def test_reports_are_never_changed(store: Store, location: str) -> None:
    report_id = _report(store, location)
    with pytest.raises(ValidationError, match="never changed"):
        _report(store, location, report_id=report_id, occupied=13)
    row = store.query_one("SELECT occupied FROM capacity_reports WHERE id = ?", (report_id,))
    assert row == {"occupied": 12}


def test_custom_category_is_known_and_reportable(store: Store, location: str) -> None:
    row_id = add_category(store, "cohort_griep", "Cohortafdeling griep", "bed")
    assert row_id == category_row_id("cohort_griep")
    codes = category_codes(store)
    assert codes[: len(CATEGORIES)] == list(CATEGORIES)
    assert codes[-1] == "cohort_griep"
    category = all_categories(store)["cohort_griep"]
    assert (category.name, category.kind, category.builtin) == (
        "Cohortafdeling griep",
        "bed",
        False,
    )
    _report(store, location, category="cohort_griep")
    assert _count(store, "capacity_reports") == 1


@pytest.mark.parametrize(
    "code,name,kind,message",
    [
        ("Cohort Griep", "Griep", "bed", "lowercase letter"),
        ("x", "Griep", "bed", "2 to 40 characters"),
        ("1cohort", "Griep", "bed", "lowercase letter"),
        ("ic", "IC extra", "bed", "built-in category already"),
        ("cohort_griep", " ", "bed", "needs a name"),
        ("cohort_griep", "Griep", "stoel", "Allowed: bed, team"),
    ],
)
def test_bad_category_is_refused(
    store: Store, code: str, name: str, kind: str, message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        add_category(store, code, name, kind)
    assert _count(store, "capacity_categories") == 0


def test_duplicate_category_is_refused(store: Store) -> None:
    add_category(store, "cohort_griep", "Cohortafdeling griep")
    with pytest.raises(ValidationError, match="exists already"):
        add_category(store, "cohort_griep", "Nog eens")
    assert _count(store, "capacity_categories") == 1


def test_builtin_categories_have_dutch_and_english_labels_and_a_kind() -> None:
    assert len(CATEGORIES) == 15
    assert CATEGORIES["thuiszorg_team"].kind == "team"
    assert all(c.kind == "bed" for code, c in CATEGORIES.items() if code != "thuiszorg_team")
    assert all(c.name and c.name_en for c in CATEGORIES.values())


def test_figures_are_checked_without_writing_anything() -> None:
    """The form checks as the user types with the same rules the report is written with."""
    from resilient_zcc.capacity.model import figure_problem

    assert figure_problem(10, 8, 5) is None
    assert figure_problem(10, 12, 5).code == "staffed_over_total"  # type: ignore[union-attr]
    assert figure_problem(10, 8, 9) is None  # a surge is not refused: see surge_warning
    assert figure_problem(10, 8, 5, available=4).code == "available_over_free"  # type: ignore[union-attr]
    assert figure_problem(10, 8, 5, expected_24h=11).code == "expected_over_total"  # type: ignore[union-attr]
