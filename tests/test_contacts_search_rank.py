"""Search ranking: on duty first, the organisation named most exactly, fresh before stale."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from resilient_zcc.contacts import model
from resilient_zcc.contacts.queries import search_contacts
from resilient_zcc.contacts.search import search_results
from resilient_zcc.contacts.who import who_to_call
from resilient_zcc.store import Store

from .conftest import PASSPHRASE
from .helpers import new_store

NOW = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)


def test_zgt_crisiscoordinator_puts_the_one_on_duty_first(demo_profile: Path) -> None:
    with Store.open(demo_profile, PASSPHRASE) as store:
        now = datetime.now(UTC)
        results = search_results(store, "zgt crisiscoordinator", now=now)
        answer = who_to_call(store, "ZGT", "crisiscoördinator", now)
        first = results[0]
        assert first.person_id == answer.entries[0].person_id
        assert first.on_duty and "Crisiscoördinator" in first.function
        assert first.organisation.startswith("Ziekenhuisgroep Twente")
        first_number = answer.entries[0].first_number
        assert first_number is not None and first.first_dialable == first_number.dialable
        assert first.first_number == first_number.display
        assert "apotheek" not in first.organisation.lower()
        # On duty first, then the rest; the CLI's search follows the same order.
        duty = [r.on_duty for r in results]
        assert duty == sorted(duty, reverse=True)
        assert [c.id for c in search_contacts(store, "zgt crisiscoordinator")] == [
            r.person_id for r in results
        ]


def test_zgt_piket_puts_those_on_duty_before_stale_entries(demo_profile: Path) -> None:
    with Store.open(demo_profile, PASSPHRASE) as store:
        results = search_results(store, "zgt piket")
        assert results[0].on_duty and "Piket" in results[0].function.split(", ")[0]
        # Every match is a ZGT location's piket (same organisation fit): on duty, then fresh.
        assert {r.organisation for r in results} == {
            "Ziekenhuisgroep Twente, locatie Almelo",
            "Ziekenhuisgroep Twente, locatie Hengelo",
        }
        keys = [(not r.on_duty, r.stale) for r in results]
        assert keys == sorted(keys)


def test_fresh_entries_before_stale_ones_and_rows_carry_the_first_number(
    tmp_path: Path,
) -> None:
    with new_store(tmp_path / "profile") as store:
        org = model.add_organisation(store, "GGD Voorbeeld", "coordinatie", short_name="GGDV")
        arts = model.add_function(store, "Arts infectieziekten", "arts", org)
        old = model.add_person(store, "Anna Arts", org)
        fresh = model.add_person(store, "Bram Arts", org)
        for person in (old, fresh):
            model.assign_role(store, person, arts)
        model.verify_person(store, old, "test", NOW - timedelta(days=400))
        model.verify_person(store, fresh, "test", NOW - timedelta(days=1))
        model.add_channel(store, "person", fresh, "email", "bram@voorbeeld.invalid", 1)
        model.add_channel(store, "person", fresh, "mobile", "06-1234 5678", 2)
        results = search_results(store, "arts", now=NOW)
        assert [(r.name, r.stale) for r in results] == [("Bram Arts", False), ("Anna Arts", True)]
        bram = results[0]
        assert (bram.function, bram.organisation, bram.on_duty) == (
            "Arts infectieziekten",
            "GGD Voorbeeld",
            False,
        )
        # The first number in fallback order, skipping the e-mail, in full.
        assert (bram.first_kind, bram.first_number, bram.first_dialable) == (
            "mobile",
            "06 12345678",
            "+31612345678",
        )
        assert results[1].first_number == "" and results[1].first_dialable == ""
        # On the rota now beats fresh.
        model.add_shift(store, arts, old, NOW - timedelta(hours=1), NOW + timedelta(hours=1))
        assert [r.name for r in search_results(store, "arts", now=NOW)] == [
            "Anna Arts",
            "Bram Arts",
        ]
