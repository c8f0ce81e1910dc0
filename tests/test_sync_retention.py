"""The retention purge leaves batches that still verify and travel; no peer can silence another."""

from __future__ import annotations

import shutil
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from resilient_zcc.network import invite
from resilient_zcc.network.trust import MergeReport, Outgoing
from resilient_zcc.placements.model import advance
from resilient_zcc.placements.retention import purge_closed
from resilient_zcc.settings import set_setting
from resilient_zcc.store import Store
from resilient_zcc.validation import utc_iso
from sync import bundle, session, transport
from sync.session import Channel, hello

from .helpers import new_store, reopen
from .network_setup import domain_hash, network_of, trusted_sync
from .placements_setup import BY, NOW, build_region, offered
from .test_sync_tls import Served, _raw

pytestmark = pytest.mark.timeout(120)
WISH = "Wens-die-na-de-bewaartermijn-weg-moet"
# Every replicated table a later member must receive whole, even from a purged batch.
NOT_PURGED = ("organisations", "people", "channels", "settings", "log_entries", "capacity_reports")


def _counts(store: Store) -> dict[str, int]:
    return {t: store.query_one(f"SELECT count(*) AS n FROM {t}")["n"] for t in NOT_PURGED}


def test_purged_batches_still_verify_and_travel(tmp_path: Path) -> None:
    a, b = network_of(tmp_path, 2)
    region = build_region(a)
    request = offered(a, region.cohort, wishes=WISH)
    advance(a, request, "geannuleerd", by=BY, now=NOW, reason="lokaal opgelost")
    trusted_sync(a, b)  # b holds the originals and runs the same rule itself
    assert purge_closed(a, NOW + timedelta(days=30)) == 1
    assert purge_closed(b, NOW + timedelta(days=30)) == 1
    stream = Outgoing(a, {})
    sent = list(stream)
    assert stream.unsendable == [] and all(x.is_authentic() for x in sent)
    assert any(c.redacted for x in sent for c in x.changes)

    # A device that joins later gets everything, the redacted request as its statistic.
    late = new_store(tmp_path / "late", "Later")
    invite.join_directly(a, late)
    served = Served(a)
    try:
        first = transport.sync_with(late, served.address)
        again = transport.sync_with(late, served.address)
    finally:
        served.stop()
    assert first.received.applied > 0 and first.received.refused == 0
    assert late.log.version_vector() == a.log.version_vector()
    assert again.received.applied == 0 and again.received.duplicates == 0
    assert WISH not in str(late.query("SELECT payload FROM changes"))
    row = late.query_one("SELECT * FROM placement_requests WHERE id = ?", (request,))
    assert row is not None and row["redacted"] == 1 and row["wishes"] is None
    assert row["state"] == "geannuleerd" and row["category"] == "cohort_covid_pos"
    for store in (a, b, late):
        store.close()


def test_demo_reaches_a_member_that_joins_after_a_purge(tmp_path: Path) -> None:
    """The demo load is one batch mixing placement rows with contacts and settings."""
    from resilient_zcc.demo import load_demo_region  # a large import, only here

    (a,) = network_of(tmp_path, 1)
    now = datetime(2025, 3, 14, 10, 30, tzinfo=UTC)
    load_demo_region(a, now)
    set_setting(a, "placements.retention_days", 30)
    assert purge_closed(a, now + timedelta(days=60)) > 0
    expected = _counts(a)
    assert min(expected.values()) > 0

    late = new_store(tmp_path / "late", "Later")
    invite.join_directly(a, late)
    served = Served(a)
    try:
        result = transport.sync_with(late, served.address)
    finally:
        served.stop()
    assert result.received.refused == 0
    assert _counts(late) == expected
    assert late.log.version_vector() == a.log.version_vector()

    # `bundle export --all` holds the same, and a third member takes it in whole.
    path = tmp_path / "all.rzcc"
    held = sum(a.log.version_vector().values())
    exported = bundle.export(a, path)
    third = new_store(tmp_path / "third", "Derde")
    invite.join_directly(a, third)
    _header, report = bundle.import_bundle(third, path)
    assert report.refused == 0 and exported.changes == held
    assert _counts(third) == expected
    for store in (a, late, third):
        store.close()


def test_a_forged_purge_claim_does_not_silence_a_third_device(tmp_path: Path) -> None:
    a, b, c = network_of(tmp_path, 3)
    with c.transaction() as tx:
        tx.put("organisations", "o-c-1", {"name": "Eerste van C"})
    trusted_sync(c, a)
    have = a.log.version_vector()[c.identity.device_id]
    served = Served(a)
    try:
        # b's session ends claiming that everything c will ever write was purged.
        with _raw(served.address, b.identity) as sock:
            channel = Channel(sock)
            channel.send(hello(b))
            channel.recv("hello")
            session.receive_batches(
                channel, b, session.no_progress, a.identity.device_id, MergeReport()
            )
            forged = [[c.identity.device_id, have + 1, 2**62]]
            channel.send({"t": "done", "count": 0, "purged": forged})
            sock.recv(1)
        with c.transaction() as tx:
            tx.put("organisations", "o-c-2", {"name": "Tweede van C"})
        result = transport.sync_with(c, served.address)  # a's hello states what it holds
    finally:
        served.stop()
    assert result.sent > 0
    names = {r["id"] for r in a.query("SELECT id FROM organisations")}
    assert {"o-c-1", "o-c-2"} <= names
    assert a.log.version_vector()[c.identity.device_id] > have
    for store in (a, b, c):
        store.close()


# --- property: purges anywhere, syncs in any order: every copy ends the same ------------------

SIZE = 3
PERSONAL = "Persoonlijk"
peer = st.integers(0, SIZE - 1)
operation = st.one_of(
    st.tuples(st.just("close"), peer, st.integers(0, 3)),  # a closed request + an org, one batch
    st.tuples(st.just("wish"), peer, st.integers(0, 3)),  # a late personal edit
    st.tuples(st.just("purge"), peer),
    st.tuples(st.just("sync"), peer, peer),
)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("network")
    for store in network_of(folder, SIZE):
        store.close()
    return folder


def _apply(stores: list[Store], op: tuple[Any, ...], step: int, closed: set[int]) -> None:
    at = utc_iso(NOW)
    if op[0] == "close":
        closed.add(op[2])
        _kind, who, n = op
        with stores[who].transaction() as tx:
            tx.put("organisations", f"o-{who}-{step}", {"name": f"Org {step}"})
            tx.put(
                "placement_requests",
                f"r-{n}",
                {"wishes": f"{PERSONAL}-{step}", "state": "geannuleerd", "category": "vvt",
                 "registered_at": at, "closed_at": at, "redacted": 0},
            )  # fmt: skip
            tx.put(
                "placement_events",
                f"e-{who}-{step}",
                {"request_id": f"r-{n}", "to_state": "geannuleerd", "at": at,
                 "reason": f"{PERSONAL}-{step}"},
            )  # fmt: skip
    elif op[0] == "wish":
        _kind, who, n = op
        if n not in closed:  # an open request keeps its data: nothing to check
            return
        with stores[who].transaction() as tx:
            tx.put("placement_requests", f"r-{n}", {"wishes": f"{PERSONAL}-{step}"})
    elif op[0] == "purge":
        purge_closed(stores[op[1]], NOW + timedelta(days=30))
    elif op[1] != op[2]:
        trusted_sync(stores[op[1]], stores[op[2]])


def _everyone_exchanges(stores: list[Store]) -> None:
    for _round in range(2):
        for a in stores:
            for b in stores:
                if a is not b:
                    trusted_sync(a, b)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(st.lists(operation, max_size=20))
def test_purges_and_syncs_in_any_order_end_the_same_everywhere(
    template: Path, operations: list[tuple[Any, ...]]
) -> None:
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work) / "net"
        shutil.copytree(template, folder)
        stores = [reopen(folder / f"p{i}") for i in range(SIZE)]
        try:
            closed: set[int] = set()
            for step, op in enumerate(operations):
                _apply(stores, op, step, closed)
            _everyone_exchanges(stores)
            for store in stores:  # each copy applies the same rule
                purge_closed(store, NOW + timedelta(days=30))
            _everyone_exchanges(stores)
            assert len({domain_hash(s) for s in stores}) == 1
            vectors = [s.log.version_vector() for s in stores]
            assert all(v == vectors[0] for v in vectors)
            for store in stores:
                for needle_table in ("changes", "placement_requests", "placement_events"):
                    rows = store.query(f"SELECT * FROM {needle_table}")
                    assert PERSONAL not in str(rows), needle_table
            orgs = {f"o-{op[1]}-{step}" for step, op in enumerate(operations) if op[0] == "close"}
            assert orgs <= {r["id"] for r in stores[0].query("SELECT id FROM organisations")}
        finally:
            for store in stores:
                store.close()
