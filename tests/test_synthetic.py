"""The synthetic benchmark region: fake, well-formed, searchable."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from resilient_zcc.contacts.phones import normalise_phone
from resilient_zcc.contacts.queries import contact_card, stale_people
from resilient_zcc.contacts.search import search_people
from resilient_zcc.contacts.vocabulary import PHONE_KINDS
from resilient_zcc.demo import FIRST_NAMES, SURNAMES
from resilient_zcc.errors import ValidationError
from resilient_zcc.keyheader import KdfCost
from resilient_zcc.store import Store
from resilient_zcc.synthetic import generate_synthetic_region

CONTACTS = 500


@pytest.fixture(scope="module")
def region(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    path = tmp_path_factory.mktemp("synthetic") / "profile"
    store, _ = Store.create(path, "correct horse battery", label="test", cost=KdfCost(1, 8192, 1))
    assert generate_synthetic_region(store, CONTACTS) == CONTACTS
    yield store
    store.close()


def _count(store: Store, sql: str) -> int:
    row = store.query_one(sql)
    assert row is not None
    return int(next(iter(row.values())))


def test_counts(region: Store) -> None:
    assert _count(region, "SELECT count(*) FROM people") == CONTACTS
    assert _count(region, "SELECT count(*) FROM organisations") == CONTACTS // 10
    assert _count(region, "SELECT count(*) FROM roles") == CONTACTS
    assert _count(region, "SELECT count(*) FROM contact_search") == CONTACTS
    per_person = region.query(
        "SELECT count(*) AS n FROM channels WHERE owner_type = 'person' GROUP BY owner_id"
    )
    assert len(per_person) == CONTACTS
    assert {r["n"] for r in per_person} <= {2, 3}
    # Every organisation has its crisis coordinator.
    assert (
        _count(
            region,
            "SELECT count(DISTINCT f.organisation_id) FROM roles r "
            "JOIN functions f ON f.id = r.function_id WHERE f.code = 'crisiscoordinator'",
        )
        == CONTACTS // 10
    )


def test_values_are_fake_and_stored_normalised(region: Store) -> None:
    for row in region.query("SELECT kind, value FROM channels"):
        if row["kind"] in PHONE_KINDS:
            assert normalise_phone(row["value"]) == row["value"]
            assert "123" in row["value"]
        elif row["kind"] == "email":
            assert row["value"].endswith("@voorbeeld.invalid")
    for row in region.query("SELECT name FROM people"):
        first, initial, last = row["name"].split(" ", 2)
        assert first in FIRST_NAMES and last in SURNAMES and initial.endswith(".")


def test_some_contacts_are_stale(region: Store) -> None:
    stale = len(stale_people(region))
    assert 0.03 * CONTACTS <= stale <= 0.2 * CONTACTS


def test_search_finds_a_generated_person(region: Store) -> None:
    person = region.query_one("SELECT id, name FROM people ORDER BY id LIMIT 1")
    assert person is not None
    assert person["id"] in search_people(region, person["name"], limit=CONTACTS)
    card = contact_card(region, person["id"])
    mobile = next(c.value for c in card.channels if c.kind == "mobile")
    assert person["id"] in search_people(region, "0" + mobile[3:], limit=CONTACTS)


def test_same_seed_same_region(tmp_path_factory: pytest.TempPathFactory, region: Store) -> None:
    path = tmp_path_factory.mktemp("again") / "profile"
    store, _ = Store.create(path, "correct horse battery", cost=KdfCost(1, 8192, 1))
    try:
        generate_synthetic_region(store, CONTACTS)
        sql = "SELECT id, name, organisation_id FROM people ORDER BY id"
        assert store.query(sql) == region.query(sql)
    finally:
        store.close()


def test_no_contacts_is_refused(region: Store) -> None:
    with pytest.raises(ValidationError):
        generate_synthetic_region(region, 0)


def test_synthetic_continuity_passes_the_model_rules(tmp_path: Path) -> None:
    """Reports written in bulk obey what `report_continuity` would check, and the overview
    reads them: hours only where power runs out, known codes, times in the past."""
    from datetime import UTC, datetime

    from resilient_zcc.continuity.model import autonomy_problem, clean_down
    from resilient_zcc.continuity.queries import continuity_overview
    from resilient_zcc.synthetic.continuity import generate_synthetic_continuity

    now = datetime.now(UTC)
    store, _ = Store.create(tmp_path / "p", "correct horse battery", cost=KdfCost(1, 8192, 1))
    with store:
        ids = generate_synthetic_continuity(store, locations=30, reports=300, now=now)
        assert len(ids) == 30
        rows = store.query("SELECT * FROM continuity_reports")
        assert len(rows) == 300
        for row in rows:
            assert autonomy_problem(row["power"], row["autonomy_hours"]) is None
            assert clean_down(row["down"]) == row["down"]
            assert row["reported_at"] <= now.isoformat()
        overview = continuity_overview(store, now=now)
        assert 0 < len(overview.figures) <= 30
