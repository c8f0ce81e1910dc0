"""The key-contact directory: commands, cards, rotas, staleness and search, on real stores."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from resilient_zcc.contacts import model, queries
from resilient_zcc.errors import NotFound, ValidationError
from resilient_zcc.settings import set_setting
from resilient_zcc.store import Store

from .helpers import new_store, sync

NOW = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


@dataclass
class Directory:
    store: Store
    mst: str
    ggd: str
    jan: str
    janneke: str
    pieter: str
    ovdg: str


@pytest.fixture
def directory(tmp_path: Path) -> Iterator[Directory]:
    with new_store(tmp_path / "profile") as store:
        mst = model.add_organisation(
            store,
            "Medisch Spectrum Twente",
            "ziekenhuis",
            region="Twente",
            short_name="MST",
            city="Enschede",
        )
        ggd = model.add_organisation(store, "GGD Twente", "coordinatie", short_name="GGD")
        jan = model.add_person(store, "Jan de Vries", mst, notes="Afdeling SEH")
        janneke = model.add_person(store, "Janneke Müller", mst)
        pieter = model.add_person(store, "Pieter Bakker", ggd)
        ovdg = model.add_function(store, "Piketofficier Geneeskundige Zorg", code="OvD-G")
        model.assign_role(store, janneke, ovdg)
        model.add_channel(store, "person", jan, "mobile", "06-12345678")
        model.add_channel(
            store, "person", jan, "direct", "053 - 487 20 00", availability="office_hours"
        )
        model.add_channel(store, "person", jan, "email", "j.devries@mst.example")
        model.add_channel(store, "function", ovdg, "piket", "053-1234567", availability="rota")
        yield Directory(store, mst, ggd, jan, janneke, pieter, ovdg)


def _names(store: Store, text: str) -> list[str]:
    return sorted(card.name for card in queries.search_contacts(store, text))


# --- cards -----------------------------------------------------------------------------------


def test_contact_card_shows_what_is_known(directory: Directory) -> None:
    card = queries.contact_card(directory.store, directory.jan, now=NOW)
    assert card.name == "Jan de Vries"
    assert card.organisation == "Medisch Spectrum Twente"
    assert card.organisation_id == directory.mst
    assert card.sector == "ziekenhuis"
    assert card.functions == []
    assert card.notes == "Afdeling SEH"
    assert [(c.kind, c.value, c.display, c.fallback_order) for c in card.channels] == [
        ("mobile", "+31612345678", "06 12345678", 1),
        ("direct", "+31534872000", "053 487 2000", 2),
        ("email", "j.devries@mst.example", "j.devries@mst.example", 3),
    ]
    assert card.channels[1].availability == "office_hours"
    assert card.stale and card.last_verified_at is None
    as_dict = card.as_dict()
    assert as_dict["channels"][0]["display"] == "06 12345678"
    assert as_dict["name"] == "Jan de Vries"


def test_unknown_or_deleted_person_has_no_card(directory: Directory) -> None:
    with pytest.raises(NotFound):
        queries.contact_card(directory.store, "no-such-person")
    model.delete(directory.store, "people", directory.pieter)
    with pytest.raises(NotFound):
        queries.contact_card(directory.store, directory.pieter)
    with pytest.raises(NotFound):
        model.delete(directory.store, "people", directory.pieter)


def test_invalid_input_is_refused_with_a_reason(directory: Directory) -> None:
    store = directory.store
    with pytest.raises(ValidationError, match="sector"):
        model.add_organisation(store, "Iets", "bakkerij")
    with pytest.raises(ValidationError, match="empty"):
        model.add_organisation(store, "   ", "ggz")
    with pytest.raises(ValidationError, match="empty"):
        model.add_person(store, "", directory.mst)
    with pytest.raises(NotFound):
        model.add_person(store, "Niemand", "no-such-org")
    with pytest.raises(ValidationError, match="e-mail"):
        model.add_channel(store, "person", directory.jan, "email", "geen adres")
    with pytest.raises(ValidationError, match="phone"):
        model.add_channel(store, "person", directory.jan, "mobile", "06-1234")
    with pytest.raises(ValidationError, match="channel kind"):
        model.add_channel(store, "person", directory.jan, "pager", "123")
    with pytest.raises(ValidationError, match="availability"):
        model.add_channel(store, "person", directory.jan, "mobile", "0612345679", availability="x")
    with pytest.raises(ValidationError, match="fallback order"):
        model.add_channel(store, "person", directory.jan, "mobile", "0612345679", fallback_order=0)
    with pytest.raises(NotFound):
        model.add_channel(store, "person", "no-such-person", "mobile", "0612345679")
    with pytest.raises(ValidationError):
        model.add_channel(store, "building", directory.jan, "mobile", "0612345679")
    start = datetime(2026, 3, 10, 8, 0, tzinfo=UTC)
    with pytest.raises(ValidationError, match="end after"):
        model.add_shift(store, directory.ovdg, directory.jan, start, start)
    with pytest.raises(ValidationError, match="time zone"):
        model.add_shift(
            store, directory.ovdg, directory.jan, datetime(2026, 3, 10, 8), datetime(2026, 3, 10, 9)
        )
    with pytest.raises(ValidationError, match="time zone"):
        model.verify_person(store, directory.jan, "Anna", datetime(2026, 3, 10, 8))
    with pytest.raises(ValidationError, match="empty"):
        model.verify_person(store, directory.jan, " ", NOW)
    # None of it left a trace.
    assert len(queries.contact_card(store, directory.jan).channels) == 3
    assert store.query_one("SELECT count(*) AS n FROM rota_shifts") == {"n": 0}


# --- verification and staleness --------------------------------------------------------------


def test_verification_and_staleness(directory: Directory) -> None:
    store = directory.store
    model.verify_person(store, directory.jan, "Anna (ROAZ)", NOW - timedelta(days=10))
    model.verify_person(store, directory.janneke, "Anna (ROAZ)", NOW - timedelta(days=100))
    jan = queries.contact_card(store, directory.jan, now=NOW)
    assert not jan.stale
    assert jan.last_verified_by == "Anna (ROAZ)"
    assert jan.last_verified_at == (NOW - timedelta(days=10)).isoformat(timespec="seconds")
    assert queries.contact_card(store, directory.janneke, now=NOW).stale
    # Never verified first, then the least recently verified; fresh ones not at all.
    stale = queries.stale_people(store, now=NOW)
    assert [row["name"] for row in stale] == ["Pieter Bakker", "Janneke Müller"]
    assert stale[1]["organisation"] == "Medisch Spectrum Twente"
    assert queries.stale_count(store, now=NOW) == 2  # the dashboard's count, from the index
    # The limit is a setting (90 days by default).
    set_setting(store, "contacts.stale_after_days", 120)
    assert [row["name"] for row in queries.stale_people(store, now=NOW)] == ["Pieter Bakker"]
    assert not queries.contact_card(store, directory.janneke, now=NOW).stale
    set_setting(store, "contacts.stale_after_days", 5)
    assert len(queries.stale_people(store, now=NOW)) == 3
    assert queries.stale_count(store, now=NOW) == 3
    with pytest.raises(ValidationError):
        set_setting(store, "contacts.stale_after_days", 0)


def test_verification_time_in_another_zone_is_stored_in_utc(directory: Directory) -> None:
    local = datetime(2026, 3, 10, 13, 0, tzinfo=AMSTERDAM)
    model.verify_person(directory.store, directory.jan, "Bram", local)
    card = queries.contact_card(directory.store, directory.jan, now=NOW)
    assert card.last_verified_at == "2026-03-10T12:00:00+00:00"


# --- channels and functions ------------------------------------------------------------------


def test_channels_in_fallback_order_own_then_functions(directory: Directory) -> None:
    store = directory.store
    janneke = directory.janneke
    mobile = model.add_channel(store, "person", janneke, "mobile", "0687654321")
    satellite = model.add_channel(store, "person", janneke, "satellite", "+8816 1234 5678")
    email = model.add_channel(store, "person", janneke, "email", "jm@mst.example")
    card = queries.contact_card(store, janneke, now=NOW)
    assert [(c.id, c.fallback_order, c.via_function) for c in card.channels[:3]] == [
        (mobile, 1, None),
        (satellite, 2, None),
        (email, 3, None),
    ]
    assert [(c.kind, c.value, c.via_function) for c in card.channels[3:]] == [
        ("piket", "+31531234567", "Piketofficier Geneeskundige Zorg")
    ]
    assert card.channels[1].display == "+881 6 123 45678"  # international: not Dutch
    # A deleted channel is gone from the card, and the next one goes after the rest.
    model.delete(store, "channels", mobile)
    later = model.add_channel(store, "person", janneke, "direct", "053-4872001")
    own = [c for c in queries.channels_for(store, janneke) if c.via_function is None]
    assert [(c.id, c.fallback_order) for c in own] == [(satellite, 2), (email, 3), (later, 4)]


def test_fallback_order_is_respected(directory: Directory) -> None:
    store = directory.store
    pieter = directory.pieter
    third = model.add_channel(store, "person", pieter, "email", "p@ggd.example", fallback_order=3)
    first = model.add_channel(store, "person", pieter, "mobile", "0611111111", fallback_order=1)
    second = model.add_channel(store, "person", pieter, "direct", "0532222222", fallback_order=2)
    nxt = model.add_channel(store, "person", pieter, "c2000", "GHOR-TWENTE-1")
    ids = [c.id for c in queries.contact_card(store, pieter, now=NOW).channels]
    assert ids == [first, second, third, nxt]
    assert queries.channels_for(store, pieter)[-1].fallback_order == 4


def test_function_channels_appear_for_whoever_holds_the_function(directory: Directory) -> None:
    store = directory.store

    def piket(person: str) -> list[str]:
        return [c.value for c in queries.channels_for(store, person) if c.kind == "piket"]

    assert piket(directory.janneke) == ["+31531234567"]
    assert piket(directory.jan) == []
    role = model.assign_role(store, directory.jan, directory.ovdg)
    assert piket(directory.jan) == ["+31531234567"]
    assert queries.contact_card(store, directory.jan).functions == [
        "Piketofficier Geneeskundige Zorg"
    ]
    model.delete(store, "roles", role)
    assert piket(directory.jan) == []
    model.delete(store, "functions", directory.ovdg)
    assert piket(directory.janneke) == []
    assert queries.contact_card(store, directory.janneke).functions == []


# --- who holds a function now ----------------------------------------------------------------


def test_holders_now_by_rota_else_standing_roles(directory: Directory) -> None:
    store = directory.store
    anna = model.add_person(store, "Anna Aalders", directory.ggd)
    model.assign_role(store, anna, directory.ovdg)
    # Standing holders, by name, when nobody is on the rota.
    assert queries.holders_now(store, directory.ovdg, now=NOW) == [anna, directory.janneke]
    day = datetime(2026, 3, 10, 8, 0, tzinfo=UTC)
    shift = model.add_shift(store, directory.ovdg, directory.pieter, day, day + timedelta(hours=8))
    night = model.add_shift(
        store, directory.ovdg, directory.jan, day + timedelta(hours=8), day + timedelta(hours=20)
    )
    assert queries.holders_now(store, directory.ovdg, now=day + timedelta(hours=2)) == [
        directory.pieter
    ]
    # At the hand-over the next shift holds it; after the last one, the standing holders.
    assert queries.holders_now(store, directory.ovdg, now=day + timedelta(hours=8)) == [
        directory.jan
    ]
    later = day + timedelta(hours=21)
    assert queries.holders_now(store, directory.ovdg, now=later) == [anna, directory.janneke]
    # A moment given in local time means the same instant.
    local = (day + timedelta(hours=7, minutes=30)).astimezone(AMSTERDAM)
    assert queries.holders_now(store, directory.ovdg, now=local) == [directory.pieter]
    # Deleted shifts and deleted people no longer count.
    model.delete(store, "rota_shifts", shift)
    assert queries.holders_now(store, directory.ovdg, now=day + timedelta(hours=2)) == [
        anna,
        directory.janneke,
    ]
    model.delete(store, "rota_shifts", night)
    assert queries.holders_now(store, directory.ovdg, now=day + timedelta(hours=9)) == [
        anna,
        directory.janneke,
    ]
    model.delete(store, "people", anna)
    assert queries.holders_now(store, directory.ovdg, now=later) == [directory.janneke]


def test_deleted_person_on_the_rota_does_not_hold_the_function(directory: Directory) -> None:
    """Someone who left (deleted) but still has shifts: the standing holders take over."""
    store = directory.store
    start = datetime(2026, 3, 10, 8, 0, tzinfo=UTC)
    model.add_shift(store, directory.ovdg, directory.pieter, start, start + timedelta(hours=8))
    during = start + timedelta(hours=1)
    assert queries.holders_now(store, directory.ovdg, now=during) == [directory.pieter]
    model.delete(store, "people", directory.pieter)
    assert queries.holders_now(store, directory.ovdg, now=during) == [directory.janneke]


def test_deleted_function_is_no_longer_a_duty(directory: Directory) -> None:
    store = directory.store
    start = datetime(2026, 3, 10, 8, 0, tzinfo=UTC)
    model.add_shift(store, directory.ovdg, directory.janneke, start, start + timedelta(hours=8))
    during = start + timedelta(hours=1)
    card = queries.contact_card(store, directory.janneke, now=during)
    assert card.on_duty == ["Piketofficier Geneeskundige Zorg"]
    model.delete(store, "functions", directory.ovdg)
    card = queries.contact_card(store, directory.janneke, now=during)
    assert card.functions == []
    assert card.on_duty == []


def test_card_shows_the_duty_and_puts_its_phone_first(directory: Directory) -> None:
    store = directory.store
    model.add_channel(store, "person", directory.janneke, "mobile", "0687654321")
    start = datetime(2026, 3, 10, 10, 0, tzinfo=UTC)
    model.add_shift(store, directory.ovdg, directory.janneke, start, start + timedelta(hours=2))
    during = start + timedelta(hours=1, minutes=30)  # 11:30 UTC, 12:30 in Amsterdam
    for moment in (during, during.astimezone(AMSTERDAM)):
        card = queries.contact_card(store, directory.janneke, now=moment)
        assert card.on_duty == ["Piketofficier Geneeskundige Zorg"], moment
        assert card.channels[0].kind == "piket", moment
    before = start - timedelta(minutes=30)  # 09:30 UTC, 10:30 in Amsterdam
    for moment in (before, before.astimezone(AMSTERDAM)):
        card = queries.contact_card(store, directory.janneke, now=moment)
        assert card.on_duty == [], moment
        assert card.channels[0].kind == "mobile", moment


# --- search ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("jan", ["Jan de Vries", "Janneke Müller"]),
        ("Ja", ["Jan de Vries", "Janneke Müller"]),
        ("Jan de", ["Jan de Vries"]),
        ("vries", ["Jan de Vries"]),
        ("Müller", ["Janneke Müller"]),
        ("muller", ["Janneke Müller"]),
        ("MST", ["Jan de Vries", "Janneke Müller"]),
        ("mst", ["Jan de Vries", "Janneke Müller"]),
        ("spectrum", ["Jan de Vries", "Janneke Müller"]),
        ("ggd", ["Pieter Bakker"]),
        ("piketofficier", ["Janneke Müller"]),
        ("geneeskundige zorg", ["Janneke Müller"]),
        ("jan mst", ["Jan de Vries", "Janneke Müller"]),
        ("pieter mst", []),
        ("zzyzx", []),
    ],
)
def test_search_by_name_organisation_and_function(
    directory: Directory, text: str, expected: list[str]
) -> None:
    assert _names(directory.store, text) == expected


@pytest.mark.parametrize(
    "typed",
    [
        "06-12345678",
        "0612345678",
        "+31 6 1234 5678",
        "06 1234",
        "06-1234",
        "0031 6 12345678",
        "+31612345678",
        "+31 (0)6 1234 5678",
    ],
)
def test_search_by_number_typed_the_dutch_way(directory: Directory, typed: str) -> None:
    assert _names(directory.store, typed) == ["Jan de Vries"]


def test_search_by_a_functions_number_finds_its_holder(directory: Directory) -> None:
    assert _names(directory.store, "053-1234567") == ["Janneke Müller"]
    assert _names(directory.store, "053 123") == ["Janneke Müller"]
    assert _names(directory.store, "053 487") == ["Jan de Vries"]
    assert _names(directory.store, "jan 06 1234") == ["Jan de Vries"]


@pytest.mark.parametrize(
    "odd", ['"', "'", "*", "AND", "jan OR", "NEAR(", "x:y", "-", "(", "06)", "+", "^jan", "\\"]
)
def test_search_survives_odd_input(directory: Directory, odd: str) -> None:
    assert isinstance(_names(directory.store, odd), list)


def test_empty_search_finds_nothing(directory: Directory) -> None:
    assert _names(directory.store, "") == []
    assert _names(directory.store, "   ") == []


def test_deleted_person_disappears_from_search(directory: Directory) -> None:
    model.delete(directory.store, "people", directory.jan)
    assert _names(directory.store, "jan") == ["Janneke Müller"]
    assert _names(directory.store, "0612345678") == []


def test_renaming_an_organisation_updates_its_peoples_search(directory: Directory) -> None:
    store = directory.store
    with store.transaction() as tx:
        tx.put(
            "organisations", directory.mst, {"name": "Ziekenhuisgroep Oost", "short_name": "ZGO"}
        )
    assert _names(store, "zgo") == ["Jan de Vries", "Janneke Müller"]
    assert _names(store, "ziekenhuisgroep") == ["Jan de Vries", "Janneke Müller"]
    assert _names(store, "spectrum") == []
    assert _names(store, "mst") == []
    card = queries.contact_card(store, directory.jan)
    assert card.organisation == "Ziekenhuisgroep Oost"


def test_function_and_role_changes_update_search(directory: Directory) -> None:
    store = directory.store
    with store.transaction() as tx:
        tx.put("functions", directory.ovdg, {"name": "Algemeen Commandant Geneeskundige Zorg"})
    assert _names(store, "commandant") == ["Janneke Müller"]
    assert _names(store, "piketofficier") == []
    role = model.assign_role(store, directory.pieter, directory.ovdg)
    assert _names(store, "commandant") == ["Janneke Müller", "Pieter Bakker"]
    assert _names(store, "053-1234567") == ["Janneke Müller", "Pieter Bakker"]
    model.delete(store, "roles", role)
    assert _names(store, "053-1234567") == ["Janneke Müller"]
    new = model.add_channel(store, "function", directory.ovdg, "satellite", "+8816 1234 5678")
    assert _names(store, "+881612345678") == ["Janneke Müller"]
    model.delete(store, "channels", new)
    assert _names(store, "+881612345678") == []


def test_changes_from_another_store_update_the_search_index(
    directory: Directory, tmp_path: Path
) -> None:
    here = directory.store
    with new_store(tmp_path / "peer", "Peer") as peer:
        sync(here, peer)
        assert _names(peer, "0612345678") == ["Jan de Vries"]
        assert _names(peer, "mst") == ["Jan de Vries", "Janneke Müller"]
        assert _names(peer, "piketofficier") == ["Janneke Müller"]
        with here.transaction() as tx:
            tx.put("organisations", directory.mst, {"short_name": "MSTW"})
        model.delete(here, "people", directory.janneke)
        new = model.add_person(here, "Karel Kok", directory.ggd)
        model.add_channel(here, "person", new, "mobile", "06-23456789")
        sync(here, peer)
        assert _names(peer, "mstw") == ["Jan de Vries"]
        assert _names(peer, "janneke") == []
        assert _names(peer, "06 2345") == ["Karel Kok"]
        assert _names(peer, "ggd") == ["Karel Kok", "Pieter Bakker"]


def test_search_index_built_right_whatever_order_rows_arrive(tmp_path: Path) -> None:
    """A channel before its person, a person before its organisation, a role before its
    function: each in its own apply call, so the index must catch up as rows come in."""
    with new_store(tmp_path / "a", "A") as a, new_store(tmp_path / "b", "B") as b:
        org = model.add_organisation(a, "Ambulancezorg Oost", "ambulance", short_name="AZO")
        person = model.add_person(a, "Sanne Smit", org)
        function = model.add_function(a, "Meldkamer Ambulancezorg")
        model.assign_role(a, person, function)
        model.add_channel(a, "person", person, "mobile", "06-55544433")
        model.add_channel(a, "function", function, "direct", "088-1234567")
        batches = a.log.changes_since({})
        for batch in reversed(batches):
            b.log.apply_changes([batch])
        for text in ("sanne", "azo", "ambulancezorg", "meldkamer", "0655544433", "088 123"):
            assert _names(b, text) == ["Sanne Smit"], text


def test_someone_only_on_the_rota_gets_the_functions_piket_phone(directory: Directory) -> None:
    """A stand-in without a standing role still carries the piket phone during the shift."""
    store = directory.store
    now = datetime.now(UTC)
    model.add_shift(
        store, directory.ovdg, directory.pieter, now - timedelta(hours=1), now + timedelta(hours=1)
    )
    card = queries.contact_card(store, directory.pieter, now)
    assert card.on_duty == ["Piketofficier Geneeskundige Zorg"]
    assert card.channels[0].kind == "piket"
    assert card.channels[0].via_function == "Piketofficier Geneeskundige Zorg"


# --- editing ---------------------------------------------------------------------------------


def _own(store: Store, person_id: str) -> list[tuple[str, str]]:
    return [
        (c.kind, c.value)
        for c in queries.contact_card(store, person_id).channels
        if c.via_function is None
    ]


def test_update_person_changes_only_what_is_given(directory: Directory) -> None:
    store = directory.store
    model.update_person(store, directory.jan, name="  Jan de Vries-Smit ")
    card = queries.contact_card(store, directory.jan)
    assert (card.name, card.notes, card.organisation) == (
        "Jan de Vries-Smit",
        "Afdeling SEH",
        "Medisch Spectrum Twente",
    )
    assert _names(store, "Smit") == ["Jan de Vries-Smit"]
    model.update_person(store, directory.jan, notes="Traumacentrum", organisation_id=directory.ggd)
    card = queries.contact_card(store, directory.jan)
    assert (card.notes, card.organisation) == ("Traumacentrum", "GGD Twente")
    model.update_person(store, directory.jan, organisation_id="")
    assert queries.contact_card(store, directory.jan).organisation_id is None


def test_update_person_refuses_bad_input(directory: Directory) -> None:
    store = directory.store
    with pytest.raises(ValidationError, match="empty"):
        model.update_person(store, directory.jan, name="  ")
    with pytest.raises(NotFound):
        model.update_person(store, directory.jan, organisation_id="no-such-org")
    with pytest.raises(NotFound):
        model.update_person(store, "no-such-person", name="X")
    assert queries.contact_card(store, directory.jan).name == "Jan de Vries"


def test_update_channel_normalises_and_validates(directory: Directory) -> None:
    store = directory.store
    mobile = queries.contact_card(store, directory.jan).channels[0]
    model.update_channel(store, mobile.id, value="06-1234 5999", note="privé", availability="rota")
    changed = queries.contact_card(store, directory.jan).channels[0]
    assert (changed.value, changed.note, changed.availability) == ("+31612345999", "privé", "rota")
    with pytest.raises(ValidationError, match="phone"):
        model.update_channel(store, mobile.id, value="06-12")
    with pytest.raises(ValidationError, match="e-mail"):
        model.update_channel(store, mobile.id, kind="email")  # the number is no address
    with pytest.raises(ValidationError, match="channel kind"):
        model.update_channel(store, mobile.id, kind="pager")
    with pytest.raises(ValidationError, match="availability"):
        model.update_channel(store, mobile.id, availability="sometimes")
    with pytest.raises(NotFound):
        model.update_channel(store, "no-such-channel", note="x")
    assert queries.contact_card(store, directory.jan).channels[0] == changed
    model.update_channel(store, mobile.id, kind="email", value="jan@mst.example")
    assert _own(store, directory.jan)[0] == ("email", "jan@mst.example")


def test_move_channel_swaps_with_its_neighbour(directory: Directory) -> None:
    store = directory.store
    before = _own(store, directory.jan)
    third = queries.contact_card(store, directory.jan).channels[2]
    model.move_channel(store, third.id, -1)
    assert _own(store, directory.jan) == [before[0], before[2], before[1]]
    model.move_channel(store, third.id, -1)
    assert _own(store, directory.jan) == [before[2], before[0], before[1]]
    with pytest.raises(ValidationError, match="first"):
        model.move_channel(store, third.id, -1)
    last = queries.contact_card(store, directory.jan).channels[2]
    with pytest.raises(ValidationError, match="last"):
        model.move_channel(store, last.id, 1)
    orders = [c.fallback_order for c in queries.contact_card(store, directory.jan).channels]
    assert orders[:3] == [1, 2, 3]


def test_move_channel_after_a_delete_keeps_a_clean_order(directory: Directory) -> None:
    store = directory.store
    channels = queries.contact_card(store, directory.jan).channels
    model.delete(store, "channels", channels[1].id)
    model.move_channel(store, channels[2].id, -1)
    assert [c.id for c in queries.contact_card(store, directory.jan).channels[:2]] == [
        channels[2].id,
        channels[0].id,
    ]


def test_shifts_for_function_and_remove_shift(directory: Directory) -> None:
    store = directory.store
    early = model.add_shift(
        store, directory.ovdg, directory.pieter, NOW - timedelta(hours=2), NOW + timedelta(hours=6)
    )
    later = model.add_shift(
        store,
        directory.ovdg,
        directory.janneke,
        NOW + timedelta(days=2),
        NOW + timedelta(days=2, hours=8),
    )
    model.add_shift(
        store, directory.ovdg, directory.jan, NOW + timedelta(days=9), NOW + timedelta(days=10)
    )
    week = queries.shifts_for_function(store, directory.ovdg, NOW, NOW + timedelta(days=7))
    assert [(s["id"], s["person"]) for s in week] == [
        (early, "Pieter Bakker"),
        (later, "Janneke Müller"),
    ]
    assert queries.function_holders(store, directory.ovdg) == [
        {"id": directory.janneke, "name": "Janneke Müller"}
    ]
    assert [f["name"] for f in queries.functions_of_person(store, directory.pieter)] == [
        "Piketofficier Geneeskundige Zorg"
    ]
    model.remove_shift(store, early)
    week = queries.shifts_for_function(store, directory.ovdg, NOW, NOW + timedelta(days=7))
    assert [s["id"] for s in week] == [later]
    with pytest.raises(NotFound):
        model.remove_shift(store, early)
