"""Power-dependent care at home: counts per provider and area, and no personal data at all."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from resilient_zcc.crisis.outage import declare_outage
from resilient_zcc.errors import NotFound, ValidationError
from resilient_zcc.homecare.model import report_homecare
from resilient_zcc.homecare.queries import homecare_overview
from resilient_zcc.homecare.vocabulary import Dependency
from resilient_zcc.store import Store

from .outage_setup import NOW, build_place

# Column names that would hold a person or where they live.
PERSONAL = re.compile(
    r"name|naam|bsn|burgerservice|address|adres|street|straat|house|huisnummer|"
    r"birth|geboorte|initial|phone|telefoon|email|client_id|patient|postcode6",
    re.IGNORECASE,
)


def test_the_homecare_table_has_no_name_bsn_or_address_like_column(store: Store) -> None:
    columns = [row[1] for row in store.conn.execute("PRAGMA table_info(homecare_reports)")]
    assert "under_4h" in columns  # the table is there and the scan reads it
    assert [c for c in columns if PERSONAL.search(c)] == []


def test_the_scan_would_catch_a_personal_column() -> None:
    assert PERSONAL.search("client_name") and PERSONAL.search("bsn")
    assert not PERSONAL.search("organisation_id") and not PERSONAL.search("area")


def test_per_area_the_clients_at_risk_and_the_provider_to_call(store: Store) -> None:
    place = build_place(store)
    report_homecare(store, place.homecare_org, "Enschede",
                    {"beademing": (2, 1, 0), "zuurstof": (3, 4, 5)}, now=NOW)  # fmt: skip
    report_homecare(store, place.hospital_org, "Enschede", {"dialyse": (1, 0, 0)}, now=NOW)
    report_homecare(store, place.homecare_org, "7544", {"pomp": (0, 2, 1)}, now=NOW)
    overview = homecare_overview(store, now=NOW)
    enschede, postcode = overview.areas
    assert (enschede.area, enschede.at_risk, enschede.total) == ("Enschede", 6, 16)
    assert [c.dependency for c in enschede.by_dependency] == [
        Dependency.VENTILATION,
        Dependency.OXYGEN,
        Dependency.DIALYSIS,
    ]
    by_provider = {p.provider: p for p in enschede.providers}
    assert by_provider["TZV"].phone == "+31612345991"  # the piket on a rota
    assert by_provider["Ziekenhuis Proefstad"].phone == "+31531234999"
    assert (postcode.area, postcode.at_risk) == ("7544", 0)
    wider = homecare_overview(store, now=NOW, within_hours=12)
    assert {a.area: a.at_risk for a in wider.areas} == {"Enschede": 11, "7544": 2}
    assert homecare_overview(store, now=NOW, within_hours=24).areas[0].at_risk == 16


def test_a_newer_report_replaces_only_the_kinds_it_gives(store: Store) -> None:
    place = build_place(store)
    report_homecare(store, place.homecare_org, "Hengelo",
                    {"beademing": (2, 0, 0), "zuurstof": (1, 1, 1)},
                    now=NOW, reported_at=NOW - timedelta(hours=3))  # fmt: skip
    report_homecare(store, place.homecare_org, "Hengelo", {"beademing": (0, 0, 0)}, now=NOW)
    [area] = homecare_overview(store, now=NOW).areas
    assert area.total == 3 and area.at_risk == 1


def test_providers_that_did_not_update_since_the_outage_began_are_flagged(store: Store) -> None:
    place = build_place(store)
    report_homecare(store, place.homecare_org, "Hengelo", {"zuurstof": (1, 0, 0)},
                    now=NOW, reported_at=NOW - timedelta(hours=8))  # fmt: skip
    report_homecare(store, place.hospital_org, "Hengelo", {"zuurstof": (1, 0, 0)},
                    now=NOW, reported_at=NOW - timedelta(hours=1))  # fmt: skip
    assert homecare_overview(store, now=NOW).not_updated == ()
    declare_outage(store, place.region, "stroom", decided_by="DPG", recorded_by="ZCC",
                   now=NOW, started_at=NOW - timedelta(hours=6))  # fmt: skip
    [stale] = homecare_overview(store, now=NOW).not_updated
    assert stale.organisation_id == place.homecare_org


@pytest.mark.parametrize(
    ("area", "counts", "message"),
    [
        ("7511 AB", {"zuurstof": (1, 0, 0)}, "full postcode"),
        ("7511AB", {"zuurstof": (1, 0, 0)}, "full postcode"),
        ("Proefstraat 12", {"zuurstof": (1, 0, 0)}, "not an area"),
        ("", {"zuurstof": (1, 0, 0)}, "not an area"),
        ("Enschede", {}, "at least one kind"),
        ("Enschede", {"zuurstof": (-1, 0, 0)}, "cannot be negative"),
        ("Enschede", {"zuurstof": (1, 0)}, "Give three counts"),
        ("Enschede", {"zuurstof": (1.5, 0, 0)}, "whole number"),
        ("Enschede", {"broodrooster": (1, 0, 0)}, "Unknown kind of power dependency"),
    ],
)
def test_bad_homecare_input_is_refused_and_nothing_stored(
    store: Store, area: str, counts: dict[str, tuple[int, int, int]], message: str
) -> None:
    place = build_place(store)
    with pytest.raises(ValidationError, match=message):
        report_homecare(store, place.homecare_org, area, counts, now=NOW)
    with pytest.raises(ValidationError, match="lies in the future"):
        report_homecare(store, place.homecare_org, "Enschede", {"zuurstof": (1, 0, 0)},
                        now=NOW, reported_at=NOW + timedelta(hours=1))  # fmt: skip
    with pytest.raises(NotFound):
        report_homecare(store, "no-such-provider", "Enschede", {"zuurstof": (1, 0, 0)}, now=NOW)
    with pytest.raises(ValidationError, match="hours ahead"):
        homecare_overview(store, now=NOW, within_hours=0)
    assert store.query("SELECT id FROM homecare_reports") == []
