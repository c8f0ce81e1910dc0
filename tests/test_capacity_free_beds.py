"""The one free-bed query: held places since the figure, staleness by rhythm, overbezet."""

from __future__ import annotations

from datetime import timedelta

import pytest

from resilient_zcc.capacity.free_beds import StaleLimits, bed_figure, capacity_picture
from resilient_zcc.capacity.model import (
    add_location,
    report_capacity,
    set_report_rhythm,
    surge_warning,
)
from resilient_zcc.capacity.rhythm import missed_since
from resilient_zcc.contacts.model import add_organisation
from resilient_zcc.errors import ValidationError
from resilient_zcc.placements.conflicts import overallocations
from resilient_zcc.placements.matching import match
from resilient_zcc.placements.model import advance
from resilient_zcc.settings import set_setting
from resilient_zcc.store import Store

from .placements_setup import BY, NOW, REPORTED, build_region, offered, register, report

# NOW is 10:00 UTC = 11:00 in Amsterdam; the demo-like locations report daily at 09:00.


def test_held_counts_only_offers_made_since_the_figure(store: Store) -> None:
    region = build_region(store, cohort_free=3)
    before = NOW - timedelta(hours=3)  # an offer the figure (made at NOW - 2 h) knows about
    early = register(store, "TW-2026-0010", now=before - timedelta(minutes=30))
    advance(store, early, "in_behandeling", by=BY, now=before - timedelta(minutes=20))
    advance(store, early, "plaats_aangeboden", by=BY, now=before, location_id=region.cohort)
    late = offered(store, region.cohort, "TW-2026-0011")  # at NOW, after the figure
    figure = bed_figure(store, region.cohort, "cohort_covid_pos", now=NOW)
    assert figure is not None
    assert (figure.free, figure.held, figure.free_after_holds) == (3, 1, 2)
    assert figure.held_by == (late,)
    assert not figure.over_allocated and not figure.overbezet
    # A newer figure counts the offer made before it.
    report(store, region.cohort, "cohort_covid_pos", 2, at=NOW + timedelta(minutes=5))
    later = bed_figure(store, region.cohort, "cohort_covid_pos", now=NOW + timedelta(minutes=5))
    assert later is not None and (later.free, later.held, later.free_after_holds) == (2, 0, 2)


def test_a_placement_after_the_figure_is_held_even_if_offered_before(store: Store) -> None:
    region = build_region(store, cohort_free=3)
    request = offered(store, region.cohort)  # at NOW
    step = NOW + timedelta(minutes=10)
    report(store, region.cohort, "cohort_covid_pos", 2, at=step)  # knows the offer
    for n, state in enumerate(("geaccepteerd", "vervoer_geregeld"), start=1):
        advance(store, request, state, by=BY, now=step + timedelta(minutes=n))
    after = step + timedelta(minutes=5)
    figure = bed_figure(store, region.cohort, "cohort_covid_pos", now=after)
    assert figure is not None and figure.held == 0  # still only the offer the figure knew
    advance(store, request, "geplaatst", by=BY, now=after)
    figure = bed_figure(store, region.cohort, "cohort_covid_pos", now=after)
    # The patient is in a bed the figure still counts as free: held until the next figure.
    assert figure is not None and (figure.free, figure.held, figure.held_by) == (2, 1, (request,))
    report(store, region.cohort, "cohort_covid_pos", 1, at=after + timedelta(minutes=1))
    newest = bed_figure(store, region.cohort, "cohort_covid_pos", now=after + timedelta(hours=1))
    assert newest is not None and (newest.free, newest.held) == (1, 0)


def test_over_allocation_keeps_the_signed_number_and_the_sums_never_go_negative(
    store: Store,
) -> None:
    region = build_region(store, cohort_free=1)
    offered(store, region.cohort, "TW-2026-0020")
    # A second offer on the same figure arrives by a merge (no check): written directly.
    second = offered(store, region.elv, "TW-2026-0021", category="elv", covid_status="negatief")
    with store.transaction() as tx:
        tx.put("placement_requests", second, {"location_id": region.cohort})
        tx.put(
            "placement_events",
            "merged-offer",
            {"request_id": second, "to_state": "plaats_aangeboden", "at": NOW.isoformat(),
             "location_id": region.cohort, "category": "cohort_covid_pos", "by": BY},
        )  # fmt: skip
    figure = bed_figure(store, region.cohort, "cohort_covid_pos", now=NOW)
    assert figure is not None and figure.free_after_holds == -1 and figure.over_allocated
    [group] = capacity_picture(store, now=NOW, category="cohort_covid_pos")
    assert group.free_after_holds == 0 and group.held == 2
    # Matching and the conflicts list read the same number.
    [conflict] = overallocations(store)
    assert conflict["allocated"] == figure.held and conflict["available"] == figure.free
    third = register(store, "TW-2026-0022")
    cohort = next(
        c
        for c in match(store, third, NOW).candidates
        if (c.location_id, c.category) == (region.cohort, "cohort_covid_pos")
    )
    assert (cohort.available, cohort.allocated, cohort.free) == (1, 2, -1)


def _fresh_location(store: Store, name: str) -> str:
    """A location with no reports yet, reporting daily at 09:00 (the default)."""
    org = add_organisation(store, "Zorggroep Oefen", "vvt")
    return add_location(store, org, name)


def test_a_daily_0900_figure_11_hours_old_after_0900_is_stale(store: Store) -> None:
    place = _fresh_location(store, "ELV Ritme")
    report(store, place, "elv", 3, at=NOW - timedelta(hours=11))  # 00:00 Amsterdam
    set_setting(store, "capacity.stale_after_hours", 24)  # the global limit would say fresh
    figure = bed_figure(store, place, "elv", now=NOW)  # 11:00 Amsterdam, after 09:00
    assert figure is not None and figure.age_s == 11 * 3600 and figure.stale
    # Asked before 09:00 the same figure is not yet stale: no report time has passed.
    early = bed_figure(store, place, "elv", now=NOW - timedelta(hours=3))  # 08:00
    assert early is not None and not early.stale
    [elv] = capacity_picture(store, now=NOW, category="elv")
    assert elv.stale == 1 and elv.oldest_age_s == 11 * 3600
    # A figure made at 08:00 (in the reporting window) counts for today's 09:00.
    report(store, place, "elv", 3, at=NOW - timedelta(hours=3))
    on_time = bed_figure(store, place, "elv", now=NOW)
    assert on_time is not None and not on_time.stale


def test_without_a_rhythm_the_setting_decides(store: Store) -> None:
    place = _fresh_location(store, "Noodopvang zonder ritme")
    set_report_rhythm(store, place, None, None)
    report(store, place, "elv", 3, at=NOW - timedelta(hours=11))
    assert not bed_figure(store, place, "elv", now=NOW).stale  # type: ignore[union-attr]
    set_setting(store, "capacity.stale_after_hours", 10)
    assert bed_figure(store, place, "elv", now=NOW).stale  # type: ignore[union-attr]


def test_a_surge_is_accepted_with_a_warning_and_counts_no_free_beds(store: Store) -> None:
    region = build_region(store)
    assert surge_warning(20, 10, 12).code == "occupied_over_staffed"  # type: ignore[union-attr]
    warning = surge_warning(20, 10, 23)
    assert warning is not None and warning.code == "occupied_over_total"
    assert "Overbezet" in str(warning.message) and "23" in str(warning.message)
    assert surge_warning(20, 10, 10) is None
    report_capacity(
        store, region.elv, "elv", total=20, staffed=10, occupied=23, now=NOW, reported_at=NOW
    )
    figure = bed_figure(store, region.elv, "elv", now=NOW)
    assert figure is not None and figure.overbezet and figure.free == 0
    assert figure.usable_free == 0 and figure.status == "donkerrood"
    with pytest.raises(ValidationError, match="cannot exceed staffed - occupied"):
        report_capacity(
            store, region.elv, "elv", total=20, staffed=10, occupied=12, available=1, now=NOW
        )
    [group] = capacity_picture(store, now=NOW, category="elv")
    assert group.overbezet == 1 and group.free_after_holds == 0 and group.occupied == 23
    request = register(
        store, "TW-2026-0030", care_need="elv", category="elv", covid_status="negatief"
    )
    elv = next(c for c in match(store, request, NOW).candidates if c.location_id == region.elv)
    assert elv.overbezet and not elv.suitable and elv.free == 0
    assert any("overbezet" in text for text in elv.failures())


def test_the_picture_is_per_category_and_filters(store: Store) -> None:
    region = build_region(store)
    groups = capacity_picture(store, now=NOW)
    assert [g.category for g in groups][:2] == ["ic", "kliniek_covid"]
    assert all(r.reported_at == REPORTED.isoformat() for g in groups for r in g.rows)
    only = capacity_picture(store, now=NOW, organisation_id=region.org)
    assert {r.location_id for g in only for r in g.rows} == {region.cohort, region.elv}
    assert capacity_picture(store, now=NOW, category="vg_cohort") == []


@pytest.mark.parametrize("rhythm", [("09:00", 24), ("09:00", 12), ("07:30", 8), ("00:00", 1)])
def test_the_stale_cut_off_is_the_overdue_rule(store: Store, rhythm: tuple[str, int]) -> None:
    """One cut-off per rhythm says the same as `missed_since` for every figure time."""
    limits = StaleLimits(store, NOW)
    cutoff = limits.before(*rhythm)
    for minutes in range(0, 3 * 24 * 60, 17):
        made = NOW - timedelta(minutes=minutes)
        missed = missed_since(rhythm[0], rhythm[1], made, NOW) is not None
        assert (made.isoformat(timespec="seconds") < cutoff) == missed, (rhythm, made)
    assert limits.before(None, None) == (NOW - timedelta(hours=24)).isoformat(timespec="seconds")
