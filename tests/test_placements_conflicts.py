"""Over-allocation after a merge: two coordinators offline each offer the last bed."""

from __future__ import annotations

import tempfile
from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from resilient_zcc.errors import NotFound, ValidationError
from resilient_zcc.placements.conflicts import (
    detect_overallocation,
    open_conflicts,
    refresh_conflicts,
    resolve_conflict,
)
from resilient_zcc.placements.model import advance
from resilient_zcc.store import Store

from .helpers import new_store, sync, sync_both
from .placements_setup import BY, NOW, build_region, offered, register

# (location attribute of Region, category) that the property test offers on.
PLACES = (("cohort", "cohort_covid_pos"), ("elv", "elv"))


def _place_ids(store: Store) -> dict[tuple[str, str], tuple[str, str]]:
    region_rows = {r["name"]: r["id"] for r in store.query("SELECT id, name FROM locations")}
    names = {"cohort": "Cohortafdeling Oefen", "elv": "ELV Proefhuis"}
    return {(key, cat): (region_rows[names[key]], cat) for key, cat in PLACES}


def _flagged(store: Store) -> set[tuple[str, str]]:
    return {(c["location_id"], c["category"]) for c in open_conflicts(store)}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    free=st.tuples(st.integers(0, 2), st.integers(0, 2)),
    offers=st.lists(st.tuples(st.sampled_from("ab"), st.sampled_from(PLACES)), max_size=7),
)
def test_detector_flags_exactly_the_overallocated_places(
    free: tuple[int, int], offers: list[tuple[str, tuple[str, str]]]
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        a = new_store(Path(tmp) / "a", "laptop A")
        b = new_store(Path(tmp) / "b", "laptop B")
        try:
            build_region(a, cohort_free=free[0], elv_free=free[1])
            sync(a, b)  # both start from the same picture, then work apart
            ids = _place_ids(a)
            available = dict(zip([ids[p] for p in PLACES], free, strict=True))
            made: Counter[tuple[str, str]] = Counter()
            for n, (device, place) in enumerate(offers):
                store = a if device == "a" else b
                location_id, category = ids[place]
                covid = "positief" if category == "cohort_covid_pos" else "negatief"
                care = "vvt_herstel" if category == "cohort_covid_pos" else "elv"
                request_id = register(
                    store,
                    f"TW-{device}-{n:04d}",
                    category=category,
                    care_need=care,
                    covid_status=covid,
                )
                advance(store, request_id, "in_behandeling", by=BY, now=NOW)
                try:
                    advance(
                        store,
                        request_id,
                        "plaats_aangeboden",
                        by=BY,
                        now=NOW,
                        location_id=location_id,
                        category=category,
                    )
                except ValidationError as refused:
                    assert "no free place" in str(refused)
                    continue
                made[(device, *ids[place])] += 1
            for device in "ab":  # each laptop alone never offers more than it sees free
                for place, room in available.items():
                    assert made[(device, *place)] <= room
            sync_both(a, b)
            over = {
                place
                for place, room in available.items()
                if made[("a", *place)] + made[("b", *place)] > room
            }
            for store in (a, b):
                found = detect_overallocation(store, NOW + timedelta(minutes=1))
                assert {(f["location_id"], f["category"]) for f in found} == over
            sync_both(a, b)
            assert _flagged(a) == _flagged(b) == over
            ids_a = {c["id"] for c in open_conflicts(a)}
            assert ids_a == {c["id"] for c in open_conflicts(b)}
        finally:
            a.close()
            b.close()


def test_two_offers_on_the_last_bed_become_one_conflict_to_resolve(
    tmp_path: Path,
) -> None:
    a = new_store(tmp_path / "a", "laptop A")
    b = new_store(tmp_path / "b", "laptop B")
    with a, b:
        region = build_region(a, cohort_free=1)
        sync(a, b)
        first = offered(a, region.cohort, "TW-2026-0001")
        second = offered(b, region.cohort, "TW-2026-0002")
        sync_both(a, b)
        assert detect_overallocation(a, NOW) and detect_overallocation(b, NOW)
        sync_both(a, b)
        [conflict] = open_conflicts(a)
        assert conflict["details"]["request_ids"] == sorted([first, second])
        assert conflict["details"]["available"] == 1 and conflict["details"]["allocated"] == 2
        with pytest.raises(ValidationError, match="Describe the resolution"):
            resolve_conflict(a, conflict["id"], "ZCC A", " ", NOW)
        with pytest.raises(NotFound):
            resolve_conflict(a, "no-such-conflict", "ZCC A", "x", NOW)
        advance(
            b,
            second,
            "in_behandeling",
            by="Roessingh",
            now=NOW,
            reason="bed al bezet",
            reason_code="geen_bemand_bed",
        )
        resolve_conflict(a, conflict["id"], "ZCC A", "aanbod TW-2026-0002 ingetrokken", NOW)
        with pytest.raises(ValidationError, match="resolved already"):
            resolve_conflict(a, conflict["id"], "ZCC A", "nogmaals", NOW)
        sync_both(a, b)
        assert open_conflicts(a) == open_conflicts(b) == []
        assert not detect_overallocation(b, NOW)
        [done] = open_conflicts(b, include_resolved=True)
        assert done["resolved_by"] == "ZCC A"


def test_refresh_conflicts_hook_signature_detects_inside_a_transaction(store: Store) -> None:
    region = build_region(store, cohort_free=1)
    offered(store, region.cohort)
    # Over-allocate as a merge would (the model itself refuses a second offer).
    other = register(store, "TW-2026-0002")
    with store.transaction() as tx:
        tx.put(
            "placement_requests",
            other,
            {"state": "plaats_aangeboden", "location_id": region.cohort},
        )
        tx.put(
            "placement_events",
            "merged-offer",
            {
                "request_id": other,
                "from_state": "in_behandeling",
                "to_state": "plaats_aangeboden",
                "at": NOW.isoformat(),
                "by": "B",
                "location_id": region.cohort,
                "category": "cohort_covid_pos",
            },
        )
        refresh_conflicts(store, set(tx.touched))
    [conflict] = open_conflicts(store)
    assert conflict["location_id"] == region.cohort
    # The hook's write is in the change log like any other.
    assert store.query_one("SELECT 1 FROM changes WHERE row_id = ?", (conflict["id"],))


def test_merging_an_overallocation_raises_the_conflict_by_itself(tmp_path: Path) -> None:
    """No one has to remember to run the detector: applying the peer's changes does it."""
    a = new_store(tmp_path / "a", "laptop A")
    b = new_store(tmp_path / "b", "laptop B")
    with a, b:
        region = build_region(a, cohort_free=1)
        sync(a, b)
        offered(a, region.cohort, "TW-2026-0001")
        offered(b, region.cohort, "TW-2026-0002")
        assert open_conflicts(a) == open_conflicts(b) == []
        sync(b, a)  # b's offer arrives at a
        [conflict] = open_conflicts(a)
        assert conflict["details"]["allocated"] == 2
        sync(a, b)  # the conflict row itself travels, and b's own detection agrees
        assert [c["id"] for c in open_conflicts(b)] == [conflict["id"]]
