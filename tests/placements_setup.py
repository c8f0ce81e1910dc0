"""Shared setup for the placement tests: a small region built through the real models."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from resilient_zcc.capacity.model import add_location, report_capacity
from resilient_zcc.contacts.model import add_organisation
from resilient_zcc.placements.model import advance, register_request
from resilient_zcc.store import Store

NOW = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
REPORTED = NOW - timedelta(hours=2)
BY = "ZCC-coördinator (test)"


@dataclass
class Region:
    org: str
    cohort: str  # Roessingh-like cohort location: wall oxygen and isolation
    elv: str  # ELV without oxygen or isolation
    hospital: str


def build_region(store: Store, *, cohort_free: int = 2, elv_free: int = 3) -> Region:
    org = add_organisation(store, "Roessingh", "ziekenhuis", city="Enschede")
    hospital_org = add_organisation(store, "Medisch Spectrum Twente", "ziekenhuis")
    cohort = add_location(
        store, org, "Cohortafdeling Oefen", features=["zuurstof_wand", "isolatie"]
    )
    elv = add_location(store, org, "ELV Proefhuis", features=[])
    hospital = add_location(
        store, hospital_org, "MST Enschede", features=["zuurstof_wand", "isolatie", "hfno"]
    )
    report(store, cohort, "cohort_covid_pos", cohort_free)
    report(store, cohort, "cohort_covid_neg", 4)
    report(store, elv, "elv", elv_free)
    report(store, hospital, "ic", 2)
    report(store, hospital, "kliniek_covid", 5)
    return Region(org, cohort, elv, hospital)


def report(
    store: Store, location: str, category: str, available: int, at: datetime = REPORTED
) -> str:
    return report_capacity(
        store,
        location,
        category,
        total=20,
        staffed=10 + available,
        occupied=10,
        now=at,
        reported_at=at,
        reporter="Bedmanager (test)",
    )


def register(store: Store, reference: str = "TW-2026-0001", **overrides: Any) -> str:
    values: dict[str, Any] = {
        "reference": reference,
        "category": "cohort_covid_pos",
        "care_need": "vvt_herstel",
        "urgency": "hoog",
        "covid_status": "positief",
        "age_band": "80+",
        "by": BY,
        "now": NOW - timedelta(hours=1),
    }
    values.update(overrides)
    return register_request(store, **values)


def offered(store: Store, location: str, reference: str = "TW-2026-0001", **overrides: Any) -> str:
    """A request taken up and offered a place at `location` (its requested category)."""
    request_id = register(store, reference, **overrides)
    advance(store, request_id, "in_behandeling", by=BY, now=NOW - timedelta(minutes=30))
    advance(store, request_id, "plaats_aangeboden", by=BY, now=NOW, location_id=location)
    return request_id
