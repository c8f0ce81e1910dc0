"""Registering requests (only what placement needs, never a BSN) and matching them."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from resilient_zcc.capacity.model import set_report_rhythm
from resilient_zcc.errors import NotFound, ValidationError
from resilient_zcc.placements.matching import match
from resilient_zcc.placements.model import advance
from resilient_zcc.settings import set_setting
from resilient_zcc.store import Store

from .placements_setup import BY, NOW, build_region, offered, register, report


def _count(store: Store) -> int:
    return int(store.query("SELECT count(*) AS n FROM placement_requests")[0]["n"])


@pytest.mark.parametrize(
    "overrides,message",
    [
        ({"reference": "123456782"}, "looks like a BSN"),
        ({"reference": "1234.56.782"}, "looks like a BSN"),
        ({"reference": "Jan Jansen"}, "not a pseudonymous reference"),
        ({"reference": "Jansen"}, "not a pseudonymous reference"),
        ({"wishes": "BSN 123 456 782, wil naar huis"}, "looks like a BSN"),
        ({"hfno": True, "transport": "micu"}, "MICU cannot carry an HFNO"),
        ({"care_need": "ic", "category": "ic", "acp_no_ic": True}, "no IC"),
        (
            {"care_need": "ziekenhuis", "category": "kliniek_covid", "acp_no_hospital": True},
            "no hospital",
        ),
        ({"category": "ic"}, "does not give the care need"),
        ({"category": "zwembad"}, "Unknown capacity category"),
        ({"care_need": "spa"}, "Unknown care need"),
        ({"urgency": "morgen"}, "Unknown urgency 'morgen'. Allowed: acuut, hoog, normaal"),
        ({"age_band": "81"}, "Unknown age band"),
        ({"covid_status": "ja"}, "Unknown COVID status"),
        ({"transport": "helikopter"}, "Allowed: zittend, ambulance, micu"),
        ({"by": " "}, "Say who"),
        ({"referrer_org_id": "nope"}, "No organisation"),
        ({"wishes": "x" * 501}, "keep it to 500"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_stored(
    store: Store, overrides: dict[str, Any], message: str
) -> None:
    build_region(store)
    with pytest.raises((ValidationError, NotFound), match=message):
        register(store, **overrides)
    assert _count(store) == 0


def test_register_stores_what_placement_needs(store: Store) -> None:
    region = build_region(store)
    request_id = register(
        store,
        hfno=True,
        transport="ambulance_plus",
        isolation=True,
        wishes="Wil dicht bij haar dochter blijven",
        referrer_org_id=region.org,
        referrer_contact="piket huisarts, 06-12345678",
    )
    row = store.query_one("SELECT * FROM placement_requests WHERE id = ?", (request_id,))
    assert row is not None
    assert row["state"] == "aangemeld" and row["oxygen"] == 1 and row["hfno"] == 1
    assert row["registered_at"] == (NOW - timedelta(hours=1)).isoformat()
    assert row["redacted"] == 0 and row["referrer_contact"] == "piket huisarts, 06-12345678"
    with pytest.raises(ValidationError, match="already on the queue"):
        register(store)


def test_match_explains_every_candidate(store: Store) -> None:
    region = build_region(store)
    request_id = register(store, oxygen=True, isolation=True)
    result = match(store, request_id, NOW)
    by_place = {(c.location_id, c.category): c for c in result.candidates}
    best = result.candidates[0]
    assert (best.location_id, best.category) == (region.cohort, "cohort_covid_pos")
    assert best.suitable and best.requested_category and best.free == 2
    texts = [r.text for r in best.reasons]
    assert any("requested" in t for t in texts) and any("oxygen" in t for t in texts)
    negative = by_place[(region.cohort, "cohort_covid_neg")]
    assert not negative.suitable
    assert (
        "a COVID-positive patient does not belong in Cohortafdeling COVID-" in negative.failures()
    )
    elv = by_place[(region.elv, "elv")]
    assert set(elv.failures()) >= {
        "oxygen needed, the location has no wall oxygen",
        "isolation needed, the location has no isolation rooms",
    }
    assert all(c.reasons for c in result.candidates)
    assert any("Distance" in note for note in result.notes)
    # No hospital category is a candidate for recovery care.
    assert region.hospital not in {c.location_id for c in result.candidates}


def test_stale_figures_warn_and_rank_after_fresh(store: Store) -> None:
    region = build_region(store)
    set_report_rhythm(store, region.elv, None, None)  # no rhythm: the setting decides
    set_setting(store, "capacity.stale_after_hours", 1)
    request_id = register(store, care_need="elv", category="elv", covid_status="negatief")
    elv = next(c for c in match(store, request_id, NOW).candidates if c.location_id == region.elv)
    assert elv.stale and any("stale" in w for w in elv.warnings)


def test_acp_and_hfno_rules_in_matching(store: Store) -> None:
    region = build_region(store)
    request_id = register(
        store,
        care_need="ziekenhuis",
        category="kliniek_covid",
        hfno=True,
        transport="ambulance_plus",
        acp_no_ic=True,
    )
    result = match(store, request_id, NOW)
    ward = next(c for c in result.candidates if c.category == "kliniek_covid")
    assert ward.location_id == region.hospital and ward.suitable  # feature 'hfno'
    no_wall = register(
        store,
        "TW-2026-0002",
        care_need="elv",
        category="elv",
        covid_status="negatief",
        acp_no_hospital=True,
        hfno=True,
        transport="ambulance_plus",
    )
    elv = match(store, no_wall, NOW).candidates[0]
    assert "HFNO needed, the location offers no HFNO" in elv.failures()


def test_never_more_offers_than_free_places(store: Store) -> None:
    region = build_region(store, cohort_free=2)
    first = offered(store, region.cohort, "TW-2026-0001")
    offered(store, region.cohort, "TW-2026-0002")
    third = register(store, "TW-2026-0003")
    advance(store, third, "in_behandeling", by=BY, now=NOW)
    with pytest.raises(ValidationError, match="no free place .* any more"):
        advance(store, third, "plaats_aangeboden", by=BY, now=NOW, location_id=region.cohort)
    cohort = next(
        c
        for c in match(store, third, NOW).candidates
        if c.location_id == region.cohort and c.category == "cohort_covid_pos"
    )
    assert cohort.free == 0 and cohort.allocated == 2 and not cohort.suitable
    # The first offer is refused: its place is free again.
    advance(
        store,
        first,
        "in_behandeling",
        by="Roessingh",
        now=NOW,
        reason="personeel ziek",
        reason_code="geen_bemand_bed",
    )
    advance(store, third, "plaats_aangeboden", by=BY, now=NOW, location_id=region.cohort)
    # A newer report counts the offers before it: the free figure starts from it.
    report(store, region.cohort, "cohort_covid_pos", 1, at=NOW + timedelta(minutes=5))
    later = register(store, "TW-2026-0004")
    advance(store, later, "in_behandeling", by=BY, now=NOW + timedelta(minutes=6))
    advance(
        store,
        later,
        "plaats_aangeboden",
        by=BY,
        now=NOW + timedelta(minutes=7),
        location_id=region.cohort,
    )
    with pytest.raises(ValidationError, match="no free place"):
        offered(store, region.cohort, "TW-2026-0005", now=NOW + timedelta(minutes=8))


def test_offer_rechecks_suitability_and_location(store: Store) -> None:
    region = build_region(store)
    request_id = register(store, oxygen=True)
    advance(store, request_id, "in_behandeling", by=BY, now=NOW)
    with pytest.raises(ValidationError, match="does not fit this request: .*oxygen"):
        advance(
            store,
            request_id,
            "plaats_aangeboden",
            by=BY,
            now=NOW,
            location_id=region.elv,
            category="elv",
        )
    with pytest.raises(ValidationError, match="no capacity report for category"):
        advance(
            store,
            request_id,
            "plaats_aangeboden",
            by=BY,
            now=NOW,
            location_id=region.elv,
        )
    with pytest.raises(NotFound, match="No location"):
        advance(store, request_id, "plaats_aangeboden", by=BY, now=NOW, location_id="nowhere")
    with pytest.raises(ValidationError, match="only when offering"):
        advance(
            store, request_id, "geannuleerd", by=BY, now=NOW, reason="x", location_id=region.elv
        )
    assert store.query_one("SELECT state FROM placement_requests WHERE id = ?", (request_id,)) == {
        "state": "in_behandeling"
    }
