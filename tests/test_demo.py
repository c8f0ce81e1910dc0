"""The demo region Twente: real organisations, invented people, a working directory."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from resilient_zcc.contacts.model import add_organisation
from resilient_zcc.contacts.phones import normalise_phone
from resilient_zcc.contacts.queries import contact_card, holders_now, stale_people
from resilient_zcc.contacts.search import search_people
from resilient_zcc.contacts.vocabulary import PHONE_KINDS, SECTORS, UNCLASSIFIED
from resilient_zcc.demo import (
    FIRST_NAMES,
    REGIONAL_FUNCTIONS,
    SURNAMES,
    DemoSummary,
    load_demo_region,
    shift_bounds,
)
from resilient_zcc.errors import ValidationError
from resilient_zcc.keyheader import KdfCost
from resilient_zcc.store import Store

NOW = datetime(2025, 3, 14, 10, 30, tzinfo=UTC)
PASSPHRASE = "correct horse battery"


def _new_store(path: Path) -> Store:
    store, _ = Store.create(path, PASSPHRASE, label="test", cost=KdfCost(1, 8192, 1))
    return store


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Store, DemoSummary]]:
    store = _new_store(tmp_path_factory.mktemp("demo") / "profile")
    summary = load_demo_region(store, NOW)
    yield store, summary
    store.close()


def _count(store: Store, table: str) -> int:
    row = store.query_one(f"SELECT count(*) AS n FROM {table} WHERE deleted = 0")
    assert row is not None
    return int(row["n"])


def test_counts_are_in_range_and_match_the_store(demo: tuple[Store, DemoSummary]) -> None:
    store, summary = demo
    assert 50 <= summary.organisations <= 80
    assert 250 <= summary.people <= 350
    assert summary.functions >= summary.organisations + 8
    assert summary.channels >= 2 * summary.people
    assert summary.shifts > 0
    assert summary.organisations == _count(store, "organisations")
    assert summary.people == _count(store, "people")
    assert summary.functions == _count(store, "functions")
    assert summary.channels == _count(store, "channels")
    assert summary.shifts == _count(store, "rota_shifts")


def test_organisations_are_real_twente_partners(demo: tuple[Store, DemoSummary]) -> None:
    store, _ = demo
    rows = store.query("SELECT name, short_name, sector, region FROM organisations")
    names = {r["name"] for r in rows}
    for expected in (
        "Medisch Spectrum Twente",
        "GHOR Twente",
        "Veiligheidsregio Twente",
        "Zorgschakel Enschede",
        "Alerta",
        "THOEZ",
        "De Twentse Zorgcentra",
        "Ambulance Oost",
        "Mediant",
        "RCPS Euregio",
        "Gemeente Enschede",
    ):
        assert expected in names
    assert {r["region"] for r in rows} == {"Twente"}
    assert {r["sector"] for r in rows} <= set(SECTORS)
    # Every sector is represented; 'nog in te delen' is only for imports to classify.
    assert {r["sector"] for r in rows} == set(SECTORS) - {UNCLASSIFIED}


def test_every_person_is_invented(demo: tuple[Store, DemoSummary]) -> None:
    store, _ = demo
    names = [r["name"] for r in store.query("SELECT name FROM people")]
    assert len(names) == len(set(names))
    for name in names:
        first, _, last = name.partition(" ")
        assert first in FIRST_NAMES and last in SURNAMES, name


def test_every_channel_is_fake_and_well_formed(demo: tuple[Store, DemoSummary]) -> None:
    store, _ = demo
    for row in store.query("SELECT kind, value FROM channels"):
        kind, value = row["kind"], row["value"]
        if kind in PHONE_KINDS:
            assert value.startswith("+") and value[1:].isdigit(), value
            assert normalise_phone(value) == value
            assert "123" in value, value  # from one of the fake series
        elif kind == "email":
            assert value.endswith(".voorbeeld.invalid"), value
        elif kind == "meeting_point":
            assert value.endswith("(fictief)"), value


def test_people_have_two_to_five_channels(demo: tuple[Store, DemoSummary]) -> None:
    store, _ = demo
    rows = store.query(
        "SELECT p.id, count(c.id) AS n FROM people p LEFT JOIN channels c "
        "ON c.owner_id = p.id AND c.owner_type = 'person' GROUP BY p.id"
    )
    assert all(2 <= r["n"] <= 5 for r in rows)
    orders = store.query(
        "SELECT owner_id, group_concat(fallback_order) AS o FROM "
        "(SELECT owner_id, fallback_order FROM channels WHERE owner_type = 'person' "
        "ORDER BY owner_id, fallback_order) GROUP BY owner_id"
    )
    for row in orders:
        assert row["o"] == ",".join(str(i) for i in range(1, len(row["o"].split(",")) + 1))


def test_piket_functions_and_switchboards(demo: tuple[Store, DemoSummary]) -> None:
    store, _ = demo
    piket = store.query(
        "SELECT f.id FROM functions f WHERE f.code IN ('piket', 'dpg', 'ovdg') "
        "OR f.code LIKE 'zcc_%'"
    )
    phones = {
        r["owner_id"]
        for r in store.query(
            "SELECT owner_id FROM channels WHERE owner_type = 'function' AND kind = 'piket' "
            "AND availability = 'rota'"
        )
    }
    assert {r["id"] for r in piket} <= phones
    switchboards = store.query(
        "SELECT * FROM channels WHERE owner_type = 'organisation' AND kind = 'direct'"
    )
    assert len(switchboards) >= 10


def test_every_zcc_function_has_a_holder_now_and_all_week(
    demo: tuple[Store, DemoSummary],
) -> None:
    store, _ = demo
    for regional in REGIONAL_FUNCTIONS:
        row = store.query_one(
            "SELECT id, organisation_id FROM functions WHERE code = ?", (regional.code,)
        )
        assert row is not None, regional.code
        if regional.code.startswith("zcc_") or regional.code == "roaz_voorzitter":
            assert row["organisation_id"] is None
        for hours in (0, 11, 37, 24 * 7 - 1):
            assert holders_now(store, row["id"], NOW + timedelta(hours=hours)), regional.code


def test_rotas_rotate_over_the_holders(demo: tuple[Store, DemoSummary]) -> None:
    store, _ = demo
    rows = store.query(
        "SELECT s.function_id, count(DISTINCT s.person_id) AS people, count(*) AS shifts, "
        "min(s.starts_at) AS first FROM rota_shifts s GROUP BY s.function_id"
    )
    assert rows
    for row in rows:
        assert 2 <= row["people"] <= 4
        assert row["first"] <= NOW.isoformat(timespec="seconds")
    # Every shift is held by someone holding the function.
    orphans = store.query(
        "SELECT s.id FROM rota_shifts s LEFT JOIN roles r ON r.function_id = s.function_id "
        "AND r.person_id = s.person_id WHERE r.id IS NULL"
    )
    assert orphans == []


def test_some_people_are_stale_but_most_are_not(demo: tuple[Store, DemoSummary]) -> None:
    store, summary = demo
    stale = stale_people(store, NOW)
    assert len(stale) == summary.stale
    assert 0.05 * summary.people <= len(stale) <= 0.15 * summary.people
    assert any(r["last_verified_at"] is None for r in stale)
    assert any(r["last_verified_at"] is not None for r in stale)
    fresh = store.query(
        "SELECT last_verified_by FROM people WHERE last_verified_at >= ?",
        ((NOW - timedelta(days=60)).isoformat(timespec="seconds"),),
    )
    assert len(fresh) == summary.people - summary.stale
    assert all("demo" in r["last_verified_by"] for r in fresh)


def test_search_finds_organisations_and_people(demo: tuple[Store, DemoSummary]) -> None:
    store, _ = demo
    mst = search_people(store, "MST", limit=100)
    assert mst
    assert all(
        contact_card(store, pid, NOW).organisation.endswith("Medisch Spectrum Twente")
        for pid in mst
    )
    person = store.query_one("SELECT id, name FROM people ORDER BY name LIMIT 1")
    assert person is not None
    assert person["id"] in search_people(store, person["name"], limit=100)
    card = contact_card(store, person["id"], NOW)
    assert card.name == person["name"]
    assert len(card.channels) >= 2


def test_loading_twice_is_refused(demo: tuple[Store, DemoSummary]) -> None:
    store, summary = demo
    with pytest.raises(ValidationError, match="already holds"):
        load_demo_region(store, NOW)
    assert _count(store, "people") == summary.people


def test_a_profile_with_own_data_is_refused(tmp_path: Path) -> None:
    store = _new_store(tmp_path / "profile")
    try:
        add_organisation(store, "Eigen organisatie", "vvt")
        with pytest.raises(ValidationError, match="empty profile"):
            load_demo_region(store, NOW)
        assert _count(store, "organisations") == 1
    finally:
        store.close()


def test_reload_into_a_fresh_profile_gives_the_same_rows(
    demo: tuple[Store, DemoSummary], tmp_path: Path
) -> None:
    store, _ = demo
    other = _new_store(tmp_path / "other")
    try:
        load_demo_region(other, NOW)
        for table in ("organisations", "people", "functions", "roles", "channels", "rota_shifts"):
            sql = f"SELECT * FROM {table} ORDER BY id"
            mine = [{k: v for k, v in r.items() if k != "_clock"} for r in store.query(sql)]
            theirs = [{k: v for k, v in r.items() if k != "_clock"} for r in other.query(sql)]
            assert mine == theirs, table
    finally:
        other.close()


def test_a_naive_moment_is_refused(tmp_path: Path) -> None:
    store = _new_store(tmp_path / "profile")
    try:
        with pytest.raises(ValidationError):
            load_demo_region(store, datetime(2025, 3, 14, 10, 30))
    finally:
        store.close()


@pytest.mark.parametrize(
    ("moment", "first_start_local"),
    [
        (datetime(2025, 3, 14, 10, 30, tzinfo=UTC), (14, 8)),  # 11:30 local: day shift
        (datetime(2025, 3, 14, 5, 0, tzinfo=UTC), (13, 20)),  # 06:00 local: last night
        (datetime(2025, 3, 14, 19, 0, tzinfo=UTC), (14, 20)),  # 20:00 local: night
    ],
)
def test_shift_bounds(moment: datetime, first_start_local: tuple[int, int]) -> None:
    bounds = shift_bounds(moment, 15)
    assert len(bounds) == 15
    first = bounds[0][0]
    assert (first.day, first.hour) == first_start_local
    assert bounds[0][0] <= moment < bounds[0][1]
    assert bounds[-1][1] >= moment + timedelta(days=7)
    for (_, end), (start, _) in zip(bounds, bounds[1:], strict=False):
        assert end == start


def test_shifts_across_dst_keep_wall_clock_hours() -> None:
    # The night of 29 to 30 March 2025 loses an hour (CET -> CEST).
    bounds = shift_bounds(datetime(2025, 3, 29, 12, 0, tzinfo=UTC), 4)
    night = next(b for b in bounds if b[0].day == 29 and b[0].hour == 20)
    assert night[1].hour == 8
    assert night[1].astimezone(UTC) - night[0].astimezone(UTC) == timedelta(hours=11)


def _holders_of(store: Store, code: str) -> set[str]:
    rows = store.query(
        "SELECT r.person_id FROM roles r JOIN functions f ON f.id = r.function_id "
        "WHERE f.code = ? AND r.deleted = 0",
        (code,),
    )
    return {r["person_id"] for r in rows}


def test_the_dpg_chairs_the_roaz_and_is_not_the_ovdg(demo: tuple[Store, DemoSummary]) -> None:
    store, _ = demo
    dpg = _holders_of(store, "dpg")
    assert dpg and _holders_of(store, "roaz_voorzitter") == dpg  # seed 000: DPG = ROAZ chair
    assert not dpg & _holders_of(store, "ovdg")
    names = {r["name"] for r in store.query("SELECT name FROM functions WHERE deleted = 0")}
    assert "OvD-G" in names and "Officier van dienst GHOR" not in names
    assert "ZCC huisarts met beslissingsbevoegdheid" in names
    assert not any("doorzettingsmacht" in n for n in names)


def test_the_contacts_the_sources_name_are_in_the_demo(demo: tuple[Store, DemoSummary]) -> None:
    store, _ = demo
    for code in (
        "vr_voorzitter",
        "lnaz_kernteam",
        "pbm_coordinator",
        "roaz_woordvoerder",
        "communicatieadviseur",
    ):
        assert _holders_of(store, code), code
        row = store.query_one("SELECT id FROM functions WHERE code = ?", (code,))
        assert row is not None and holders_now(store, row["id"], NOW), code


def test_cohort_locations_are_not_organisations_and_vg_falls_under_dtzc(
    demo: tuple[Store, DemoSummary],
) -> None:
    store, _ = demo
    orgs = {r["name"] for r in store.query("SELECT name FROM organisations WHERE deleted = 0")}
    assert not {"Akkerstaf Enschede", "Bouwhuis Enschede", "Schalm Almelo"} & orgs
    places = store.query(
        "SELECT l.name, l.features, o.short_name FROM locations l "
        "JOIN organisations o ON o.id = l.organisation_id WHERE l.deleted = 0"
    )
    vg = [p for p in places if "VG" in p["name"]]
    assert {p["short_name"] for p in vg} == {"DTZC"}
    assert {p["name"].split(",")[0] for p in vg} >= {"Akkerstaf Enschede", "Schalm Almelo"}
    shelter = next(p for p in places if "sporthal" in p["name"])
    assert "zuurstof_wand" not in (shelter["features"] or "")
