"""Who to call now: the rota first, then the other holders, then the function's own phone."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from resilient_zcc.contacts import model
from resilient_zcc.contacts.who import Cover, EntryKind, fold, who_to_call
from resilient_zcc.errors import NotFound
from resilient_zcc.i18n import set_language
from resilient_zcc.store import Store

from .helpers import new_store

NOW = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)


@dataclass
class Hospital:
    store: Store
    org: str
    coordinator: str
    anna: str
    bram: str
    piket: str


@pytest.fixture
def hospital(tmp_path: Path) -> Iterator[Hospital]:
    with new_store(tmp_path / "profile") as store:
        org = model.add_organisation(
            store, "Ziekenhuisgroep Voorbeeld", "ziekenhuis", short_name="ZGV"
        )
        model.add_organisation(store, "Ziekenhuisapotheek Voorbeeld", "apotheek")
        coordinator = model.add_function(store, "Crisiscoördinator", "crisiscoordinator", org)
        piket = model.add_function(store, "Piket medisch specialist", "piket", org)
        anna = model.add_person(store, "Anna Voorbeeld", org)
        bram = model.add_person(store, "Bram Testman", org)
        for person in (anna, bram):
            model.assign_role(store, person, coordinator)
            model.verify_person(store, person, "test", NOW - timedelta(days=1))
        model.add_channel(store, "person", anna, "mobile", "06-1234 5001", 1)
        model.add_channel(store, "person", anna, "c2000", "ZKH-TEST-01", 2)
        model.add_channel(store, "person", bram, "direct", "053-123 4001", 1)
        model.add_channel(store, "person", bram, "mobile", "06-1234 5002", 2)
        model.add_channel(store, "person", bram, "satellite", "+8816 1234 5001", 3)
        model.add_channel(store, "function", coordinator, "piket", "06-1234 6001", 1, "rota")
        yield Hospital(store, org, coordinator, anna, bram, piket)


def test_the_holder_on_duty_by_the_rota_comes_first(hospital: Hospital) -> None:
    store = hospital.store
    start, end = NOW - timedelta(hours=4), NOW + timedelta(hours=8)
    model.add_shift(store, hospital.coordinator, hospital.bram, start, end)
    answer = who_to_call(store, "ZGV", "Crisiscoördinator", NOW)
    assert answer.cover is Cover.ROTA and not answer.unclear and answer.notice is None
    assert [(e.name, e.kind) for e in answer.entries] == [
        ("Bram Testman", EntryKind.ON_DUTY),
        ("Anna Voorbeeld", EntryKind.HOLDER),
        ("Crisiscoördinator", EntryKind.FUNCTION),
    ]
    bram = answer.entries[0]
    assert bram.on_duty and bram.function == "Crisiscoördinator"
    assert bram.organisation == "Ziekenhuisgroep Voorbeeld"
    # Each channel in fallback order, numbers dialable in full and readable in national form.
    assert [c.kind for c in bram.channels] == ["direct", "mobile", "satellite"]
    assert [c.dialable for c in bram.channels] == ["+31531234001", "+31612345002", "+881612345001"]
    assert bram.channels[1].display == "06 12345002"
    assert bram.first_number is not None and bram.first_number.dialable == "+31531234001"
    # A non-phone channel keeps its value and has nothing to dial.
    assert answer.entries[1].channels[1].dialable is None
    assert answer.entries[1].channels[1].display == "ZKH-TEST-01"
    # After the shift, nobody is on duty again.
    later = who_to_call(store, "ZGV", "Crisiscoördinator", NOW + timedelta(hours=9))
    assert later.cover is Cover.UNCLEAR


def test_several_holders_and_no_rota_is_said_plainly(hospital: Hospital) -> None:
    answer = who_to_call(hospital.store, "ZGV", "Crisiscoördinator", NOW)
    assert answer.cover is Cover.UNCLEAR and answer.unclear
    assert not any(e.on_duty for e in answer.entries)
    assert str(answer.notice) == (
        "Nobody is on the rota for Crisiscoördinator now and 2 people hold it: "
        "the list does not say who is on duty."
    )
    set_language("nl")
    assert "niemand op het rooster" in str(answer.notice)


def test_one_holder_without_rota_is_the_answer(hospital: Hospital) -> None:
    model.delete(hospital.store, "people", hospital.anna)
    answer = who_to_call(hospital.store, "ZGV", "Crisiscoördinator", NOW)
    assert answer.cover is Cover.SINGLE and answer.notice is None
    assert [e.name for e in answer.entries] == ["Bram Testman", "Crisiscoördinator"]


def test_the_functions_own_piket_phone_comes_last(hospital: Hospital) -> None:
    answer = who_to_call(hospital.store, "ZGV", "crisiscoordinator", NOW)
    last = answer.entries[-1]
    assert last.kind is EntryKind.FUNCTION and last.person_id is None and not last.on_duty
    assert [(c.kind, c.dialable) for c in last.channels] == [("piket", "+31612346001")]
    # A function with neither holders nor channels: nobody, said so.
    empty = who_to_call(hospital.store, "ZGV", "piket", NOW)
    assert empty.cover is Cover.NOBODY and empty.entries == ()
    assert str(empty.notice) == "Nobody holds Piket medisch specialist."


@pytest.mark.parametrize(
    "typed", ["crisiscoordinator", "CRISISCOÖRDINATOR", "  Crisiscoördinator ", "coordinator"]
)
def test_function_found_without_accents_or_case(hospital: Hospital, typed: str) -> None:
    assert who_to_call(hospital.store, "zgv", typed, NOW).function == "Crisiscoördinator"
    assert fold("Crisiscoördinator") == "crisiscoordinator"


def test_organisation_by_name_or_short_name(hospital: Hospital) -> None:
    by_name = who_to_call(hospital.store, "Ziekenhuisgroep Voorbeeld", "crisis", NOW)
    assert by_name.organisation_id == hospital.org


def test_unknown_or_ambiguous_names_are_clear_errors(hospital: Hospital) -> None:
    store = hospital.store
    with pytest.raises(NotFound, match="No organisation matches 'Nergens'"):
        who_to_call(store, "Nergens", "crisis", NOW)
    with pytest.raises(NotFound, match="matches 2 organisations: Ziekenhuisapotheek Voorbeeld"):
        who_to_call(store, "Voorbeeld", "crisis", NOW)
    with pytest.raises(NotFound, match="has no function 'brandweer'.*Crisiscoördinator; Piket"):
        who_to_call(store, "ZGV", "brandweer", NOW)
    model.add_function(store, "Crisiscoördinator nacht", "cc_nacht", hospital.org)
    with pytest.raises(NotFound, match="matches 2 functions of Ziekenhuisgroep Voorbeeld"):
        who_to_call(store, "ZGV", "coordinator", NOW)
    # The whole name still picks one.
    assert who_to_call(store, "ZGV", "crisiscoordinator", NOW).function == "Crisiscoördinator"


def test_stale_holders_are_marked(hospital: Hospital) -> None:
    store = hospital.store
    model.verify_person(store, hospital.anna, "test", NOW - timedelta(days=400))
    answer = who_to_call(store, "ZGV", "crisis", NOW)
    assert {e.name: e.stale for e in answer.entries} == {
        "Anna Voorbeeld": True,
        "Bram Testman": False,
        "Crisiscoördinator": False,
    }


def test_a_group_without_the_function_names_its_parts_that_have_it(hospital: Hospital) -> None:
    store = hospital.store
    group = model.add_organisation(store, "Ziekenhuisgroep", "ziekenhuis", short_name="ZG")
    model.add_function(store, "Crisiscoördinator", "crisiscoordinator", group)
    # "ZG" is the group exactly; the piket belongs to one of its hospitals.
    with pytest.raises(
        NotFound,
        match="Ziekenhuisgroep has no function 'piket'; these do: Ziekenhuisgroep Voorbeeld.",
    ):
        who_to_call(store, "ZG", "piket", NOW)
