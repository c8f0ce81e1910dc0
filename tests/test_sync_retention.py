"""Batches rewritten by the retention purge do not travel, and leave no endless re-send."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from resilient_zcc.network import invite, purged
from resilient_zcc.network.trust import split_outgoing
from resilient_zcc.placements.model import advance
from resilient_zcc.placements.retention import purge_closed
from sync import transport

from .helpers import new_store
from .network_setup import network_of, trusted_sync
from .placements_setup import BY, NOW, build_region, offered
from .test_sync_tls import Served

pytestmark = pytest.mark.timeout(60)
WISH = "Wens-die-na-de-bewaartermijn-weg-moet"


def test_purged_batches_are_named_not_sent(tmp_path: Path) -> None:
    a, b = network_of(tmp_path, 2)
    region = build_region(a)
    request = offered(a, region.cohort, wishes=WISH)
    advance(a, request, "geannuleerd", by=BY, now=NOW, reason="lokaal opgelost")
    trusted_sync(a, b)  # b holds the originals and runs the same rule itself
    assert purge_closed(a, NOW + timedelta(days=30)) == 1
    assert purge_closed(b, NOW + timedelta(days=30)) == 1
    sendable, rewritten = split_outgoing(a, {})
    assert rewritten and all(not x.is_authentic() for x in rewritten)
    assert all(x.is_authentic() for x in sendable)

    # A device that joins later gets everything else, and the holes are stepped over.
    late = new_store(tmp_path / "late", "Later")
    invite.join_directly(a, late)
    served = Served(a)
    try:
        first = transport.sync_with(late, served.address)
        again = transport.sync_with(late, served.address)
    finally:
        served.stop()
    assert first.received.applied > 0 and first.received.refused == 0
    assert purged.vector(late) == purged.vector(a) == a.log.version_vector()
    assert again.received.applied == 0 and again.received.duplicates == 0
    assert again.bytes_received < 2000  # nothing offered twice
    assert WISH not in str(late.query("SELECT payload FROM changes"))
    for store in (a, b, late):
        store.close()
