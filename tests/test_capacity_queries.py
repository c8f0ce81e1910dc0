"""The capacity picture: current figures, sums and ages, overdue locations, history."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from resilient_zcc.capacity.categories import add_category
from resilient_zcc.capacity.free_beds import capacity_picture
from resilient_zcc.capacity.model import add_location, report_capacity, set_report_rhythm
from resilient_zcc.capacity.queries import (
    REPORT_COLUMNS,
    history,
    latest_reports,
    locations,
    overdue_locations,
)
from resilient_zcc.capacity.rhythm import last_expected_at, missed_since, next_expected_after
from resilient_zcc.contacts.model import add_organisation
from resilient_zcc.errors import NotFound, ValidationError
from resilient_zcc.settings import set_setting
from resilient_zcc.store import Store

NOW = datetime(2025, 3, 14, 10, 0, tzinfo=UTC)  # 11:00 in Amsterdam (CET)


def _at(hours_ago: float) -> datetime:
    return NOW - timedelta(hours=hours_ago)


def _report(
    store: Store, location: str, category: str, occupied: int, hours_ago: float, **kw: Any
) -> str:
    values: dict[str, Any] = {"total": 12, "staffed": 10}
    values.update(kw)
    return report_capacity(
        store,
        location,
        category,
        occupied=occupied,
        reported_at=_at(hours_ago),
        now=NOW,
        **values,
    )


@pytest.fixture
def places(store: Store) -> dict[str, str]:
    with store.transaction() as tx:
        tx.put("regions", "twente", {"name": "Twente", "kind": "roaz"})
        tx.put("regions", "elders", {"name": "Elders", "kind": "roaz"})
    mst = add_organisation(store, "Medisch Spectrum Twente", "ziekenhuis", short_name="MST")
    vvt = add_organisation(store, "Zorggroep Voorbeeld", "vvt")
    return {
        "a": add_location(store, mst, "Ziekenhuis A", region_id="twente", city="Enschede"),
        "b": add_location(store, vvt, "Zorglocatie B", region_id="twente", city="Hengelo"),
        "c": add_location(store, vvt, "Zorglocatie C", region_id="elders", city="Zwolle"),
    }


def test_latest_report_per_location_and_category_with_all_columns(
    store: Store, places: dict[str, str]
) -> None:
    a, b = places["a"], places["b"]
    _report(store, a, "ic", 5, hours_ago=30)
    newest = _report(store, a, "ic", 7, hours_ago=2, reporter="Bedmanager", expected_24h=2)
    _report(store, a, "mc_ccu", 4, hours_ago=5)
    _report(store, b, "ic", 9, hours_ago=1)
    rows = latest_reports(store)
    assert len(rows) == 3
    assert all(tuple(row) == REPORT_COLUMNS for row in rows)
    mine = next(r for r in rows if r["location_id"] == a and r["category"] == "ic")
    assert mine["report_id"] == newest
    assert (mine["occupied"], mine["available"], mine["expected_24h"]) == (7, 3, 2)
    assert mine["location_name"] == "Ziekenhuis A" and mine["organisation"] == "MST"
    assert mine["region_id"] == "twente" and mine["reporter"] == "Bedmanager"
    assert mine["reported_at"] == "2025-03-14T08:00:00+00:00"
    assert [r["location_id"] for r in latest_reports(store, category="ic")] == [a, b]
    assert {r["category"] for r in latest_reports(store, location_id=a)} == {"ic", "mc_ccu"}
    assert latest_reports(store, region_id="elders") == []


def test_a_correction_is_a_newer_report_and_ties_go_to_the_higher_id(
    store: Store, places: dict[str, str]
) -> None:
    a = places["a"]
    _report(store, a, "ic", 5, hours_ago=3)
    correction = _report(store, a, "ic", 8, hours_ago=2.5)
    assert latest_reports(store, location_id=a)[0]["report_id"] == correction
    # Two reports with the same time: every copy picks the one with the higher id.
    high = _report(store, a, "ic", 2, hours_ago=1, report_id="ffffffff-aaaa")
    low = _report(store, a, "ic", 1, hours_ago=1, report_id="00000000-aaaa")  # written last
    picked = latest_reports(store, location_id=a)[0]
    assert picked["report_id"] == high and picked["occupied"] == 2
    assert low != high


def test_a_report_written_as_deleted_is_skipped(store: Store, places: dict[str, str]) -> None:
    a = places["a"]
    kept = _report(store, a, "ic", 5, hours_ago=3)
    with store.transaction() as tx:
        tx.put(
            "capacity_reports",
            "withdrawn",
            {"location_id": a, "category": "ic", "total": 1, "staffed": 1, "occupied": 0,
             "available": 1, "reported_at": _at(1).isoformat(), "deleted": 1},
        )  # fmt: skip
    assert latest_reports(store, location_id=a)[0]["report_id"] == kept


def test_reports_of_a_deleted_location_drop_out(store: Store, places: dict[str, str]) -> None:
    _report(store, places["a"], "ic", 5, hours_ago=3)
    with store.transaction() as tx:
        tx.delete("locations", places["a"])
    assert latest_reports(store) == []


def test_overview_sums_latest_figures_with_ages_and_stale_flags(
    store: Store, places: dict[str, str]
) -> None:
    a, b, c = places["a"], places["b"], places["c"]
    _report(store, a, "ic", 9, hours_ago=40)  # superseded
    _report(store, a, "ic", 6, hours_ago=2, expected_24h=3)  # 4 free
    _report(store, b, "ic", 8, hours_ago=30, total=10, staffed=9)  # 1 free, stale
    _report(store, c, "ic", 2, hours_ago=1)  # other region
    _report(store, b, "cohort_covid_pos", 3, hours_ago=0.5, available=5)
    groups = capacity_picture(store, region_id="twente", now=NOW)
    assert [g.category for g in groups] == ["ic", "cohort_covid_pos"]
    ic = groups[0]
    assert (ic.locations, ic.total, ic.staffed, ic.occupied, ic.free) == (2, 22, 19, 14, 5)
    assert ic.free_after_holds == 5 and ic.held == 0
    assert ic.expected_24h == 3  # only the location that gave one
    assert ic.stale == 1 and ic.oldest_age_s == 30 * 3600
    ages = {r.location_name: (r.age_minutes, r.stale) for r in ic.rows}
    assert ages == {"Ziekenhuis A": (120, False), "Zorglocatie B": (1800, True)}
    cohort = groups[1]
    assert (cohort.free, cohort.oldest_age_s, cohort.expected_24h) == (5, 30 * 60, None)
    everywhere = capacity_picture(store, now=NOW, category="ic")
    assert len(everywhere) == 1 and everywhere[0].locations == 3


def test_without_a_rhythm_the_stale_limit_follows_the_setting(
    store: Store, places: dict[str, str]
) -> None:
    set_report_rhythm(store, places["a"], None, None)
    _report(store, places["a"], "ic", 6, hours_ago=5)
    assert capacity_picture(store, now=NOW)[0].stale == 0
    set_setting(store, "capacity.stale_after_hours", 4)
    assert capacity_picture(store, now=NOW)[0].stale == 1


def test_overview_refuses_unknown_category_and_naive_now(
    store: Store, places: dict[str, str]
) -> None:
    with pytest.raises(ValidationError, match="Unknown capacity category 'icu'"):
        capacity_picture(store, now=NOW, category="icu")
    _report(store, places["a"], "ic", 6, hours_ago=5)
    with pytest.raises(ValidationError, match="time zone"):
        capacity_picture(store, now=datetime(2025, 3, 14, 10, 0))


def test_custom_category_appears_after_the_builtins(store: Store, places: dict[str, str]) -> None:
    add_category(store, "cohort_griep", "Cohortafdeling griep")
    _report(store, places["a"], "cohort_griep", 2, hours_ago=1)
    _report(store, places["a"], "ic", 2, hours_ago=1)
    groups = capacity_picture(store, now=NOW)
    assert [(g.category, g.name) for g in groups] == [
        ("ic", "IC"),
        ("cohort_griep", "Cohortafdeling griep"),
    ]


def test_history_is_ordered_by_time_and_can_start_later(
    store: Store, places: dict[str, str]
) -> None:
    a = places["a"]
    third = _report(store, a, "ic", 7, hours_ago=1)
    first = _report(store, a, "ic", 5, hours_ago=48)
    second = _report(store, a, "ic", 6, hours_ago=24)
    _report(store, a, "mc_ccu", 1, hours_ago=2)
    _report(store, places["b"], "ic", 1, hours_ago=2)
    rows = history(store, a, "ic")
    assert [r["report_id"] for r in rows] == [first, second, third]
    assert [r["occupied"] for r in history(store, a, "ic", since=_at(30))] == [6, 7]
    with pytest.raises(NotFound, match="No location"):
        history(store, "nowhere", "ic")
    with pytest.raises(ValidationError, match="Unknown capacity category"):
        history(store, a, "bedden")


def test_locations_list_rhythm_features_and_last_report(
    store: Store, places: dict[str, str]
) -> None:
    _report(store, places["a"], "ic", 1, hours_ago=3)
    _report(store, places["a"], "pacu", 1, hours_ago=2)
    rows = {r["name"]: r for r in locations(store)}
    assert rows["Ziekenhuis A"]["last_reported_at"] == "2025-03-14T08:00:00+00:00"
    assert rows["Zorglocatie B"]["last_reported_at"] is None
    assert rows["Ziekenhuis A"]["report_time"] == "09:00"
    assert [r["name"] for r in locations(store, "elders")] == ["Zorglocatie C"]


# --- overdue -------------------------------------------------------------------------------


def _daily(store: Store) -> str:
    org = add_organisation(store, "Zorggroep Voorbeeld", "vvt")
    return add_location(store, org, "Zorglocatie D")


def _reported(store: Store, location: str, at: datetime, now: datetime) -> None:
    report_capacity(
        store, location, "elv", total=10, staffed=8, occupied=6, reported_at=at, now=now
    )


def test_overdue_after_the_expected_time_not_before(store: Store) -> None:
    location = _daily(store)
    # Yesterday 08:30 Amsterdam (CET, UTC+1).
    _reported(store, location, datetime(2025, 3, 13, 7, 30, tzinfo=UTC), NOW)
    at_eight = datetime(2025, 3, 14, 7, 0, tzinfo=UTC)  # 08:00 local: not yet due
    assert overdue_locations(store, now=at_eight) == []
    at_ten = datetime(2025, 3, 14, 9, 0, tzinfo=UTC)  # 10:00 local
    [late] = overdue_locations(store, now=at_ten)
    assert late["location_id"] == location
    assert late["missed_since"] == "2025-03-14T08:00:00+00:00"  # 09:00 local
    assert late["late_minutes"] == 60
    assert late["last_reported_at"] == "2025-03-13T07:30:00+00:00"


def test_a_report_in_the_morning_window_counts_one_from_yesterday_afternoon_not(
    store: Store,
) -> None:
    location = _daily(store)
    at_ten = datetime(2025, 3, 14, 9, 0, tzinfo=UTC)
    _reported(store, location, datetime(2025, 3, 13, 15, 0, tzinfo=UTC), at_ten)  # 16:00
    assert len(overdue_locations(store, now=at_ten)) == 1
    _reported(store, location, datetime(2025, 3, 14, 2, 30, tzinfo=UTC), at_ten)  # 03:30 local
    assert overdue_locations(store, now=at_ten) == []


def test_days_late_count_from_the_first_missed_time(store: Store) -> None:
    location = _daily(store)
    _reported(store, location, datetime(2025, 3, 11, 7, 0, tzinfo=UTC), NOW)
    [late] = overdue_locations(store, now=NOW)
    assert late["missed_since"] == "2025-03-12T08:00:00+00:00"
    assert late["late_minutes"] == 2 * 24 * 60 + 120


def test_never_reported_and_no_rhythm(store: Store) -> None:
    location = _daily(store)
    [late] = overdue_locations(store, now=NOW)
    assert late["last_reported_at"] is None and late["late_minutes"] == 120
    set_report_rhythm(store, location, None, None)
    assert overdue_locations(store, now=NOW) == []


def test_daylight_saving_time_keeps_nine_oclock_local(store: Store) -> None:
    location = _daily(store)
    # Summer time starts 30 March 2025: 09:00 local is 08:00 UTC before, 07:00 UTC after.
    _reported(store, location, datetime(2025, 3, 29, 7, 30, tzinfo=UTC), NOW.replace(day=29))
    half_past_nine_summer = datetime(2025, 3, 30, 7, 30, tzinfo=UTC)
    [late] = overdue_locations(store, now=half_past_nine_summer)
    assert late["missed_since"] == "2025-03-30T07:00:00+00:00" and late["late_minutes"] == 30
    # Winter time returns 26 October 2025: 09:00 local is 08:00 UTC again.
    assert next_expected_after("09:00", 24, datetime(2025, 10, 25, 12, 0, tzinfo=UTC)) == (
        datetime(2025, 10, 26, 8, 0, tzinfo=UTC)
    )
    assert last_expected_at("09:00", 24, datetime(2025, 10, 26, 7, 59, tzinfo=UTC)) == (
        datetime(2025, 10, 25, 7, 0, tzinfo=UTC)
    )


def test_twelve_hour_rhythm(store: Store) -> None:
    location = _daily(store)
    set_report_rhythm(store, location, "09:00", 12)
    _reported(store, location, datetime(2025, 3, 14, 7, 30, tzinfo=UTC), NOW)  # 08:30 local
    assert overdue_locations(store, now=datetime(2025, 3, 14, 19, 59, tzinfo=UTC)) == []
    [late] = overdue_locations(store, now=datetime(2025, 3, 14, 20, 30, tzinfo=UTC))
    assert late["missed_since"] == "2025-03-14T20:00:00+00:00"  # 21:00 local


def test_missed_since_window_edges() -> None:
    nine = datetime(2025, 3, 14, 8, 0, tzinfo=UTC)
    after = nine + timedelta(hours=1)
    assert missed_since("09:00", 24, nine - timedelta(hours=6), after) is None  # 03:00 counts
    assert missed_since("09:00", 24, nine - timedelta(hours=6, seconds=1), after) == nine
    assert missed_since("09:00", 24, nine + timedelta(minutes=30), after) is None  # late is in
