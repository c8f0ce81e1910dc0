"""The change log: recording, signed batches, merging between real stores, audit."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from resilient_zcc import schema
from resilient_zcc.changelog import Batch, Change
from resilient_zcc.errors import BadBatch, ValidationError
from resilient_zcc.hlc import stamp_ms, wall_ms
from resilient_zcc.store import Store

from .helpers import changes_table, new_store, org_rows, set_clock, sync, sync_both

StoreFactory = Callable[[str], Store]


@pytest.fixture
def make_store(tmp_path: Path) -> Iterator[StoreFactory]:
    """Stores with their own device identity each, closed at the end of the test."""
    opened: list[Store] = []

    def make(label: str) -> Store:
        store = new_store(tmp_path / f"profile-{len(opened)}", label)
        opened.append(store)
        return store

    yield make
    for store in opened:
        store.close()


def _org(store: Store, org_id: str) -> dict[str, object] | None:
    return store.query_one(
        "SELECT name, city, region, deleted FROM organisations WHERE id = ?", (org_id,)
    )


def _state(store: Store) -> tuple[object, ...]:
    """Everything a failed apply must leave alone."""
    return (
        org_rows(store),
        store.query("SELECT * FROM changes ORDER BY origin, counter"),
        store.query("SELECT * FROM batches ORDER BY origin, last_counter"),
        store.log.version_vector(),
    )


def _signed(author: Store, batch: Batch) -> Batch:
    """A batch the author's own key signed: well-formed as far as signatures go."""
    return dataclasses.replace(batch, signature=author.identity.sign(batch.message()))


def _own_batches(store: Store) -> list[Batch]:
    return [b for b in store.log.changes_since({}) if b.device_id == store.identity.device_id]


# --- recording -------------------------------------------------------------------------------


def test_every_put_records_a_change_and_one_signed_batch(make_store: StoreFactory) -> None:
    store = make_store("A")
    counter_before = store.log.counter
    with store.transaction() as tx:
        tx.put("organisations", "org-1", {"name": "Ziekenhuis Noord", "sector": "ziekenhuis"})
        tx.put("organisations", "org-2", {"name": "GGD Twente"})
        tx.put("organisations", "org-1", {"city": "Enschede"})
    assert store.log.counter == counter_before + 3
    changes = store.query(
        "SELECT counter, tbl, row_id, payload FROM changes WHERE counter > ? ORDER BY counter",
        (counter_before,),
    )
    assert [(c["tbl"], c["row_id"], json.loads(c["payload"])) for c in changes] == [
        ("organisations", "org-1", {"name": "Ziekenhuis Noord", "sector": "ziekenhuis"}),
        ("organisations", "org-2", {"name": "GGD Twente"}),
        ("organisations", "org-1", {"city": "Enschede"}),
    ]
    assert [c["counter"] for c in changes] == [counter_before + i for i in (1, 2, 3)]
    batch = _own_batches(store)[-1]
    assert [c.counter for c in batch.changes] == [counter_before + i for i in (1, 2, 3)]
    assert batch.is_authentic()
    assert batch.schema == schema.LATEST
    assert _org(store, "org-1") == {
        "name": "Ziekenhuis Noord",
        "city": "Enschede",
        "region": None,
        "deleted": 0,
    }


def test_delete_is_a_recorded_tombstone(make_store: StoreFactory) -> None:
    store = make_store("A")
    with store.transaction() as tx:
        tx.put("organisations", "org-1", {"name": "Weg"})
    with store.transaction() as tx:
        tx.delete("organisations", "org-1")
    assert _org(store, "org-1") == {"name": "Weg", "city": None, "region": None, "deleted": 1}
    last = store.query_one("SELECT payload FROM changes ORDER BY counter DESC LIMIT 1")
    assert last is not None and json.loads(last["payload"]) == {"deleted": 1}


@pytest.mark.parametrize(
    ("table", "values"),
    [
        ("patients", {"name": "x"}),
        ("changes", {"payload": "x"}),
        ("organisations", {"password": "x"}),
        ("organisations", {"_clock": "{}"}),
        ("organisations", {}),
        ("organisations", {"name": {"nested": 1}}),
        ("organisations", {"name": b"bytes"}),
        ("capacity_reports", {"total": 2**63}),  # beyond SQLite's INTEGER: OverflowError before
    ],
)
def test_invalid_writes_are_refused_and_leave_nothing(
    make_store: StoreFactory, table: str, values: dict[str, object]
) -> None:
    store = make_store("A")
    before = _state(store)
    counter = store.log.counter
    with pytest.raises(ValidationError), store.transaction() as tx:
        tx.put("organisations", "org-ok", {"name": "written before the bad put"})
        tx.put(table, "row-1", values)
    assert _state(store) == before
    assert store.log.counter == counter


def test_failing_transaction_leaves_no_row_no_change_and_the_counter(
    make_store: StoreFactory,
) -> None:
    store = make_store("A")
    before = _state(store)
    counter = store.log.counter

    class Interrupted(Exception):
        pass

    with pytest.raises(Interrupted), store.transaction() as tx:
        tx.put("organisations", "org-1", {"name": "half an action"})
        tx.put("organisations", "org-2", {"name": "the other half"})
        raise Interrupted
    assert store.log.counter == counter
    assert _state(store) == before
    # The next action numbers on without a gap.
    with store.transaction() as tx:
        tx.put("organisations", "org-3", {"name": "after"})
    assert store.log.counter == counter + 1
    assert store.log.version_vector()[store.identity.device_id] == counter + 1
    assert [r[0] for r in org_rows(store)] == ["org-3"]


# --- what a peer lacks -----------------------------------------------------------------------


def test_changes_since_returns_only_the_missing_batches(make_store: StoreFactory) -> None:
    a, b = make_store("A"), make_store("B")
    for i in range(3):
        with a.transaction() as tx:
            tx.put("organisations", f"org-{i}", {"name": f"Organisatie {i}"})
    assert len(a.log.changes_since({})) == 4  # the device row and three actions
    sync(a, b)
    assert a.log.changes_since(b.log.version_vector()) == []
    seen = a.log.counter
    for i in range(3, 5):
        with a.transaction() as tx:
            tx.put("organisations", f"org-{i}", {"name": f"Organisatie {i}"})
    missing = a.log.changes_since(b.log.version_vector())
    assert [[c.row_id for c in batch.changes] for batch in missing] == [["org-3"], ["org-4"]]
    assert all(batch.device_id == a.identity.device_id for batch in missing)
    assert [batch.changes[0].counter for batch in missing] == [seen + 1, seen + 2]
    # A vector from further back gets more; one from a stranger gets everything.
    older = {a.identity.device_id: seen - 1}
    assert [b.changes[0].counter for b in a.log.changes_since(older)] == [seen, seen + 1, seen + 2]
    report = b.log.apply_changes(missing)
    assert (report.applied, report.duplicates) == (2, 0)
    assert org_rows(a) == org_rows(b)


def test_two_stores_converge_after_exchanging_changes(make_store: StoreFactory) -> None:
    a, b = make_store("Laptop A"), make_store("Laptop B")
    with a.transaction() as tx:
        tx.put("organisations", "org-a", {"name": "Van A", "sector": "ggz"})
        tx.put("organisations", "shared", {"name": "Gedeeld", "city": "Hengelo"})
    with b.transaction() as tx:
        tx.put("organisations", "org-b", {"name": "Van B", "region": "Twente"})
        tx.put("organisations", "shared", {"region": "IJsselland"})
    sync_both(a, b)
    assert org_rows(a) == org_rows(b)
    assert len(org_rows(a)) == 3
    assert a.log.version_vector() == b.log.version_vector()
    assert set(a.log.version_vector()) == {a.identity.device_id, b.identity.device_id}
    assert changes_table(a) == changes_table(b)
    # The device rows travel too, so each side knows the other's label.
    labels = {r["label"] for r in a.query("SELECT label FROM devices")}
    assert labels == {"Laptop A", "Laptop B"}


def test_changes_relayed_through_a_third_store_keep_their_author(
    make_store: StoreFactory,
) -> None:
    a, relay, c = make_store("A"), make_store("relay"), make_store("C")
    with a.transaction() as tx:
        tx.put("organisations", "org-1", {"name": "Van A"})
    sync(a, relay)
    sync(relay, c)
    assert org_rows(c) == org_rows(a)
    assert c.log.version_vector()[a.identity.device_id] == a.log.counter
    audit = c.log.audit("org-1", "name")
    assert [e.device_id for e in audit] == [a.identity.device_id]


def test_duplicates_are_counted_and_ignored(make_store: StoreFactory) -> None:
    a, b = make_store("A"), make_store("B")
    for i in range(3):
        with a.transaction() as tx:
            tx.put("organisations", f"org-{i}", {"name": f"Org {i}"})
            tx.put("organisations", f"org-{i}", {"city": "Almelo"})
    batches = a.log.changes_since({})
    total = sum(len(batch.changes) for batch in batches)
    first = b.log.apply_changes(batches)
    assert (first.applied, first.duplicates) == (total, 0)
    state = _state(b)
    again = b.log.apply_changes(batches)
    assert (again.applied, again.duplicates) == (0, total)
    assert _state(b) == state
    # The same batch twice in one call counts once.
    c = make_store("C")
    both = c.log.apply_changes([batches[1], batches[1], batches[0]])
    assert (both.applied, both.duplicates) == (
        len(batches[1].changes) + len(batches[0].changes),
        len(batches[1].changes),
    )
    # Echoes of a store's own changes are duplicates too.
    echo = a.log.apply_changes(b.log.changes_since({}))
    assert echo.applied == 1  # only B's device row is new to A
    assert echo.duplicates == total


# --- refusing bad batches --------------------------------------------------------------------


def _tamper(kind: str, batch: Batch, other: Store) -> Batch:
    first = batch.changes[0]
    if kind == "payload":
        changed = dataclasses.replace(first, payload=json.dumps({"name": "Vervalst"}))
        return dataclasses.replace(batch, changes=(changed, *batch.changes[1:]))
    if kind == "row":
        changed = dataclasses.replace(first, row_id="another-row")
        return dataclasses.replace(batch, changes=(changed, *batch.changes[1:]))
    if kind == "hlc":
        changed = dataclasses.replace(first, hlc=first.hlc + (10_000 << 16))
        return dataclasses.replace(batch, changes=(changed, *batch.changes[1:]))
    if kind == "counter":
        changed = dataclasses.replace(first, counter=first.counter + 1000)
        return dataclasses.replace(batch, changes=(changed, *batch.changes[1:]))
    if kind == "dropped-change":
        return dataclasses.replace(batch, changes=batch.changes[1:])
    if kind == "wrong-public-key":
        return dataclasses.replace(batch, public_key=other.identity.public_key)
    if kind == "claims-other-device":
        return dataclasses.replace(
            batch, device_id=other.identity.device_id, public_key=other.identity.public_key
        )
    if kind == "signature-bit-flipped":
        sig = bytearray(batch.signature)
        sig[10] ^= 0x01
        return dataclasses.replace(batch, signature=bytes(sig))
    if kind == "no-signature":
        return dataclasses.replace(batch, signature=b"")
    if kind == "schema-changed":
        return dataclasses.replace(batch, schema=batch.schema - 1)
    raise AssertionError(kind)


@pytest.mark.parametrize(
    "kind",
    [
        "payload",
        "row",
        "hlc",
        "counter",
        "dropped-change",
        "wrong-public-key",
        "claims-other-device",
        "signature-bit-flipped",
        "no-signature",
        "schema-changed",
    ],
)
def test_tampered_batch_is_refused_and_nothing_is_applied(
    make_store: StoreFactory, kind: str
) -> None:
    a, other, target = make_store("A"), make_store("other"), make_store("target")
    with a.transaction() as tx:
        tx.put("organisations", "org-1", {"name": "Echt"})
        tx.put("organisations", "org-2", {"name": "Ook echt"})
    good = a.log.changes_since({})
    assert all(batch.is_authentic() for batch in good)
    bad = _tamper(kind, good[-1], other)
    assert not bad.is_authentic()
    before = _state(target)
    with pytest.raises(BadBatch) as err:
        target.log.apply_changes([*good[:-1], bad])  # good batches first: all or nothing
    assert "nothing was applied" in str(err.value)
    assert _state(target) == before


def test_batches_signed_in_form_v1_still_verify_and_redaction_keeps_v2_valid(
    make_store: StoreFactory,
) -> None:
    a, target = make_store("A"), make_store("target")
    org = Change(1, a.log.clock.tick(), "organisations", "org-1", '{"name":"Oud"}')
    event = Change(2, a.log.clock.tick(), "placement_events", "ev-1", '{"reason":"x","_salt":"ab"}')
    batch = Batch(a.identity.device_id, a.identity.public_key, schema.LATEST, (org, event))
    v1 = dataclasses.replace(batch, signature=a.identity.sign(batch.legacy_message()))
    v2 = _signed(a, batch)
    assert v1.is_authentic() and v2.is_authentic()
    # The purge's marker keeps the v2 signature valid, and no other payload does.
    marked = dataclasses.replace(
        v2, changes=(org, dataclasses.replace(event, payload=event.as_marker()))
    )
    assert marked.is_authentic()
    altered = dataclasses.replace(event, payload='{"reason":"y","_salt":"ab"}')
    wrong_digest = dataclasses.replace(event, payload='{"_redacted":"00"}')
    for other in (altered, wrong_digest):
        assert not dataclasses.replace(v2, changes=(org, other)).is_authentic()
    assert not dataclasses.replace(v1, changes=marked.changes).is_authentic()
    report = target.log.apply_changes([marked])
    assert report.applied == 2 and _org(target, "org-1")["name"] == "Oud"  # type: ignore[index]
    assert not target.query("SELECT 1 FROM placement_events")  # the marker writes no row


def test_batch_from_a_newer_schema_asks_for_an_update(make_store: StoreFactory) -> None:
    a, target = make_store("A"), make_store("target")
    with a.transaction() as tx:
        tx.put("organisations", "org-1", {"name": "Nieuw"})
    good = a.log.changes_since({})
    newer = _signed(a, dataclasses.replace(good[-1], schema=schema.LATEST + 1))
    assert newer.is_authentic()
    before = _state(target)
    with pytest.raises(BadBatch) as err:
        target.log.apply_changes([good[0], newer])
    message = str(err.value)
    assert "Update required" in message
    assert f"schema {schema.LATEST + 1}" in message
    assert _state(target) == before


@pytest.mark.parametrize(
    ("table", "payload"),
    [
        ("patients", '{"name":"x"}'),
        ("changes", '{"payload":"x"}'),
        ("contact_search", '{"name":"x"}'),
        ("organisations", '{"password":"x"}'),
        ("organisations", '{"_clock":"{}"}'),
        ("organisations", '{"id":"other"}'),
        ("organisations", "{}"),
        ("organisations", "not json"),
        ("organisations", '["name","x"]'),
        # Values no column can hold; the author's app could never have written them.
        ("organisations", '{"name":{"nested":1}}'),
        ("organisations", '{"city":[1,2]}'),
        ("organisations", '{"name":9223372036854775808}'),  # beyond SQLite's INTEGER
        # Redaction markers that are not what the retention purge writes.
        ("placement_requests", '{"_redacted":5}'),
        ("placement_requests", '{"_redacted":"ab","wishes":"x"}'),
        ("placement_requests", '{"_salt":"ab"}'),
        ("organisations", '{"_redacted":"ab"}'),
        ("organisations", '{"name":null}'),
    ],
)
def test_batch_that_does_not_fit_the_schema_is_refused(
    make_store: StoreFactory, table: str, payload: str
) -> None:
    a, target = make_store("A"), make_store("target")
    good = a.log.changes_since({})
    odd = Change(a.log.counter + 1, a.log.clock.tick(), table, "row-1", payload)
    fine = Change(a.log.counter + 2, a.log.clock.tick(), "organisations", "row-2", '{"name":"x"}')
    bad = _signed(a, Batch(a.identity.device_id, a.identity.public_key, schema.LATEST, (fine, odd)))
    assert bad.is_authentic()
    before = _state(target)
    with pytest.raises(BadBatch) as err:
        target.log.apply_changes([*good, bad])
    assert "nothing was applied" in str(err.value)
    assert _state(target) == before


def test_accept_callback_decides_which_devices_are_trusted(make_store: StoreFactory) -> None:
    a, b, target = make_store("A"), make_store("B"), make_store("target")
    with b.transaction() as tx:
        tx.put("organisations", "org-b", {"name": "Van B"})
    sync(b, a)  # a now relays b's changes
    batches = a.log.changes_since({})
    asked: list[str] = []

    def only_a(device_id: str) -> bool:
        asked.append(device_id)
        return device_id == a.identity.device_id

    before = _state(target)
    with pytest.raises(BadBatch) as err:
        target.log.apply_changes(batches, accept=only_a)
    assert "not trusted" in str(err.value)
    assert b.identity.device_id[:12] in str(err.value)
    assert b.identity.device_id in asked
    assert _state(target) == before
    report = target.log.apply_changes(batches, accept=lambda _d: True)
    assert report.applied == sum(len(batch.changes) for batch in batches)


# --- merge rules -----------------------------------------------------------------------------


@pytest.fixture
def pair(make_store: StoreFactory) -> tuple[Store, Store]:
    """Two stores that share one organisation, with clocks the test sets by hand."""
    a, b = make_store("A"), make_store("B")
    with a.transaction() as tx:
        tx.put("organisations", "org-1", {"name": "Begin", "city": "Enschede"})
    sync_both(a, b)
    return a, b


def _at(store: Store, ms: int) -> None:
    set_clock(store, lambda: ms)


@pytest.mark.parametrize("first_sync", ["a-to-b-first", "b-to-a-first"])
def test_delete_wins_over_an_older_concurrent_edit(
    pair: tuple[Store, Store], first_sync: str
) -> None:
    a, b = pair
    base = wall_ms() + 10_000
    _at(a, base)
    with a.transaction() as tx:
        tx.put("organisations", "org-1", {"name": "Bewerkt"})
    _at(b, base + 500)  # deleted later, without having seen the edit
    with b.transaction() as tx:
        tx.delete("organisations", "org-1")
    if first_sync == "a-to-b-first":
        sync_both(a, b)
    else:
        sync_both(b, a)
    for store in (a, b):
        row = _org(store, "org-1")
        assert row is not None and row["deleted"] == 1


def test_newer_restore_wins_over_an_older_delete(pair: tuple[Store, Store]) -> None:
    a, b = pair
    base = wall_ms() + 10_000
    _at(b, base)
    with b.transaction() as tx:
        tx.delete("organisations", "org-1")
    _at(a, base + 500)  # restored and edited later, without having seen the delete
    with a.transaction() as tx:
        tx.put("organisations", "org-1", {"deleted": 0, "name": "Hersteld"})
    sync_both(b, a)
    for store in (a, b):
        assert _org(store, "org-1") == {
            "name": "Hersteld",
            "city": "Enschede",
            "region": None,
            "deleted": 0,
        }


def test_newer_edit_after_a_delete_keeps_its_value_but_does_not_resurrect(
    pair: tuple[Store, Store],
) -> None:
    a, b = pair
    base = wall_ms() + 10_000
    _at(b, base)
    with b.transaction() as tx:
        tx.delete("organisations", "org-1")
    _at(a, base + 500)
    with a.transaction() as tx:
        tx.put("organisations", "org-1", {"name": "Late edit"})
    sync_both(a, b)
    for store in (a, b):
        assert _org(store, "org-1") == {
            "name": "Late edit",
            "city": "Enschede",
            "region": None,
            "deleted": 1,
        }


def test_concurrent_edits_of_different_columns_both_survive(pair: tuple[Store, Store]) -> None:
    a, b = pair
    base = wall_ms() + 10_000
    _at(a, base + 900)  # a's edit is newer, but touches another column
    with a.transaction() as tx:
        tx.put("organisations", "org-1", {"name": "Nieuwe naam"})
    _at(b, base)
    with b.transaction() as tx:
        tx.put("organisations", "org-1", {"city": "Hengelo", "region": "Twente"})
    sync_both(a, b)
    for store in (a, b):
        assert _org(store, "org-1") == {
            "name": "Nieuwe naam",
            "city": "Hengelo",
            "region": "Twente",
            "deleted": 0,
        }


def test_concurrent_edits_of_the_same_column_newest_wins(pair: tuple[Store, Store]) -> None:
    a, b = pair
    base = wall_ms() + 10_000
    _at(b, base + 1)
    with b.transaction() as tx:
        tx.put("organisations", "org-1", {"city": "Newer from B"})
    _at(a, base)
    with a.transaction() as tx:
        tx.put("organisations", "org-1", {"city": "Older from A", "region": "Only A"})
    sync_both(a, b)
    for store in (a, b):
        assert _org(store, "org-1") == {
            "name": "Begin",
            "city": "Newer from B",
            "region": "Only A",
            "deleted": 0,
        }


def test_tie_on_the_clock_is_broken_by_device_id(
    pair: tuple[Store, Store], make_store: StoreFactory
) -> None:
    a, b = pair
    same = wall_ms() + 10_000
    _at(a, same)
    _at(b, same)
    with a.transaction() as tx:
        tx.put("organisations", "org-1", {"name": "from A"})
    with b.transaction() as tx:
        tx.put("organisations", "org-1", {"name": "from B"})
    stamp_a = a.query_one("SELECT max(hlc) AS h FROM changes")
    stamp_b = b.query_one("SELECT max(hlc) AS h FROM changes")
    assert stamp_a == stamp_b, "the test needs two changes with the same stamp"
    winner = "from A" if a.identity.device_id > b.identity.device_id else "from B"
    fresh_batches = a.log.changes_since({}), b.log.changes_since({})
    sync_both(a, b)
    c, d = make_store("C"), make_store("D")
    c.log.apply_changes([*fresh_batches[0], *fresh_batches[1]])
    d.log.apply_changes([*fresh_batches[1], *fresh_batches[0]])
    for store in (a, b, c, d):
        row = _org(store, "org-1")
        assert row is not None and row["name"] == winner


def test_audit_lists_who_changed_a_field_when_and_where(make_store: StoreFactory) -> None:
    a, b = make_store("Laptop Anna"), make_store("Laptop Bram")
    start = wall_ms()
    with a.transaction() as tx:
        tx.put("organisations", "org-1", {"name": "Eerste", "city": "Enschede"})
    sync_both(a, b)
    with b.transaction() as tx:
        tx.put("organisations", "org-1", {"name": "Tweede"})
    sync_both(a, b)
    with a.transaction() as tx:
        tx.put("organisations", "org-1", {"name": "Derde"})
    with a.transaction() as tx:
        tx.put("organisations", "org-2", {"name": "Ander"})
    sync_both(a, b)
    end = wall_ms()
    for store in (a, b):
        entries = store.log.audit("org-1", "name")
        assert [(e.device_label, e.value) for e in entries] == [
            ("Laptop Anna", "Eerste"),
            ("Laptop Bram", "Tweede"),
            ("Laptop Anna", "Derde"),
        ]
        assert [e.device_id for e in entries] == [
            a.identity.device_id,
            b.identity.device_id,
            a.identity.device_id,
        ]
        assert all(e.table == "organisations" and e.row_id == "org-1" for e in entries)
        assert all(e.column == "name" for e in entries)
        assert all(start <= e.at_ms <= end for e in entries)
        assert [e.hlc for e in entries] == sorted(e.hlc for e in entries)
        city = store.log.audit("org-1", "city")
        assert [(e.device_label, e.value) for e in city] == [("Laptop Anna", "Enschede")]
        whole_row = store.log.audit("org-1")
        assert sorted(e.column for e in whole_row) == ["city", "name", "name", "name"]
    assert stamp_ms(a.log.audit("org-2")[0].hlc) >= start


def test_version_vector_with_a_gap_reports_the_unbroken_run(make_store: StoreFactory) -> None:
    a, target = make_store("A"), make_store("target")
    for i in range(4):
        with a.transaction() as tx:
            tx.put("organisations", f"org-{i}", {"name": f"Org {i}"})
    batches = a.log.changes_since({})  # counters 1 (device row) to 5
    assert [batch.changes[0].counter for batch in batches] == [1, 2, 3, 4, 5]
    device = a.identity.device_id
    target.log.apply_changes([batches[0], batches[2], batches[4]])
    assert target.log.version_vector()[device] == 1
    # What the target is sent next starts after the unbroken run, duplicates included.
    resent = a.log.changes_since(target.log.version_vector())
    assert [batch.changes[0].counter for batch in resent] == [2, 3, 4, 5]
    target.log.apply_changes([batches[1]])
    assert target.log.version_vector()[device] == 3
    report = target.log.apply_changes(resent)
    assert (report.applied, report.duplicates) == (1, 3)
    assert target.log.version_vector()[device] == 5
    assert org_rows(target) == org_rows(a)


def test_version_vector_without_the_first_change_is_zero(make_store: StoreFactory) -> None:
    a, target = make_store("A"), make_store("target")
    for i in range(2):
        with a.transaction() as tx:
            tx.put("organisations", f"org-{i}", {"name": f"Org {i}"})
    batches = a.log.changes_since({})
    target.log.apply_changes(batches[1:])
    assert target.log.version_vector().get(a.identity.device_id, 0) == 0
    assert len(a.log.changes_since(target.log.version_vector())) == 3


def test_append_only_entries_cannot_be_changed_locally_or_by_a_peer(tmp_path: Path) -> None:
    with new_store(tmp_path / "a") as a, new_store(tmp_path / "b") as b:
        with a.transaction() as tx:
            tx.put("log_entries", "entry-1", {"kind": "gebeurtenis", "text": "Stroomuitval"})
        with pytest.raises(ValidationError, match="never changed"), a.transaction() as tx:
            tx.put("log_entries", "entry-1", {"text": "Iets anders"})
        with pytest.raises(ValidationError, match="never changed"), a.transaction() as tx:
            tx.put("log_entries", "entry-2", {"text": "Eerste"})
            tx.put("log_entries", "entry-2", {"text": "Tweede"})
        b.log.apply_changes(a.log.changes_since({}))
        # A peer that rewrites the entry is refused, even with a valid signature of its own.
        with b.transaction() as tx:
            b.log.conn.execute("DELETE FROM log_entries WHERE id = 'entry-1'")
            tx.put("log_entries", "entry-1", {"text": "Vervalst"})
        forged = b.log.changes_since(a.log.version_vector())
        with pytest.raises(BadBatch, match="never changed"):
            a.log.apply_changes(forged)
        assert a.query_one("SELECT text FROM log_entries WHERE id = 'entry-1'") == {
            "text": "Stroomuitval"
        }
        # Receiving the same entry twice is fine: it is a duplicate, not a change.
        assert b.log.apply_changes(a.log.changes_since({})).applied == 0


def test_two_devices_stating_the_same_append_only_entry_merge(tmp_path: Path) -> None:
    """Deterministic ids (the demo, seeded reference data) may be written on two devices."""
    entry = {"kind": "gebeurtenis", "text": "Demo: stroomuitval", "at": "2026-01-01T00:00:00+00:00"}
    with new_store(tmp_path / "a") as a, new_store(tmp_path / "b") as b:
        for store in (a, b):
            with store.transaction() as tx:
                tx.put("log_entries", "demo-entry", entry)
        report = a.log.apply_changes(b.log.changes_since(a.log.version_vector()))
        assert report.applied > 0
        assert a.query("SELECT text FROM log_entries") == [{"text": "Demo: stroomuitval"}]


def test_the_store_remembers_when_it_last_received_changes(tmp_path: Path) -> None:
    with new_store(tmp_path / "a") as a, new_store(tmp_path / "b") as b:
        assert b.log.last_received_at() is None
        sync(a, b)
        received = b.log.last_received_at()
        assert received is not None and received.endswith("+00:00")
        assert a.log.last_received_at() is None  # sending is not receiving
