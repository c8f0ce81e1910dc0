"""Shared setup for the outage tests: a small region built through the real models."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from resilient_zcc.capacity.model import add_location
from resilient_zcc.contacts.model import add_channel, add_function, add_organisation
from resilient_zcc.crisis.regions import add_region
from resilient_zcc.store import Store

NOW = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
BY = "PBM-coördinator (test)"


@dataclass
class Place:
    region: str
    hospital_org: str
    homecare_org: str
    hospital: str  # in Enschede
    care_home: str  # in Hengelo
    far_away: str  # in Oldenzaal, outside the outage area
    depot: str


def build_place(store: Store) -> Place:
    region = add_region(store, "Twente (test)", "roaz")
    hospital_org = add_organisation(store, "Ziekenhuis Proefstad", "ziekenhuis")
    homecare_org = add_organisation(store, "Thuiszorg Voorbeeld", "vvt", short_name="TZV")
    piket = add_function(store, "Piket wijkverpleging", "piket", homecare_org)
    add_channel(store, "function", piket, "piket", "06-1234 5991", availability="rota")
    add_channel(store, "organisation", hospital_org, "direct", "053-123 4999", availability="24/7")
    hospital = add_location(store, hospital_org, "Proefstad Enschede", region_id=region,
                            city="Enschede")  # fmt: skip
    care_home = add_location(store, homecare_org, "Verpleeghuis Oefenhof", region_id=region,
                             city="Hengelo", report_every_hours=8, report_time="08:00")  # fmt: skip
    far_away = add_location(store, homecare_org, "Huize Verweg", region_id=region,
                            city="Oldenzaal")  # fmt: skip
    depot = add_location(store, hospital_org, "Depot Proefstad", region_id=region, city="Enschede",
                         report_time=None, report_every_hours=None)  # fmt: skip
    return Place(region, hospital_org, homecare_org, hospital, care_home, far_away, depot)
