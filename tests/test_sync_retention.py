"""The retention purge leaves batches that still verify and travel; no peer can silence another."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from resilient_zcc.network import invite
from resilient_zcc.network.trust import Outgoing
from resilient_zcc.placements.model import advance
from resilient_zcc.placements.retention import purge_closed
from resilient_zcc.settings import set_setting
from resilient_zcc.store import Store
from sync import bundle, session, transport
from sync.session import Channel, hello

from .helpers import new_store
from .network_setup import network_of, trusted_sync
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
            session.receive_batches(channel, b, session.no_progress, a.identity.device_id)
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
