"""What a desktop screen calls: sync now with progress, the peers with their state, and
sync with every trusted peer that is known or found (for background sync with backoff).

Each function is blocking; a Qt screen runs it in a worker thread and turns the progress
callback into signals. No Qt here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from resilient_zcc.errors import ZccError
from resilient_zcc.i18n import Text
from resilient_zcc.network import model, status
from resilient_zcc.network.trust import trust_of
from resilient_zcc.store import Store

from . import transport
from .discovery import Discovered
from .session import Progress, ProgressCallback, SyncResult, no_progress

__all__ = ["Progress", "SyncResult", "PeerOutcome", "peers", "sync_now", "sync_everyone"]


def sync_now(
    store: Store, address: str, progress: ProgressCallback = no_progress, expect: str | None = None
) -> SyncResult:
    """Sync with the peer at HOST:PORT; `progress` is called per stage and per frame."""
    return transport.sync_with(store, address, expect=expect, progress=progress)


def peers(store: Store) -> list[dict[str, Any]]:
    """Other members: label, last seen, last synced, last result, address, pending changes."""
    return status.peers(store)


@dataclass(frozen=True)
class PeerOutcome:
    device_id: str
    address: str
    result: SyncResult | None
    error: Text | None  # rendered in the language current when shown


def sync_everyone(
    store: Store,
    discovered: Iterable[Discovered] = (),
    progress: ProgressCallback = no_progress,
) -> list[PeerOutcome]:
    """Sync once with each trusted member at its discovered or last known address."""
    model.require(store)
    trust = trust_of(store)
    addresses = {row["device_id"]: row["address"] for row in status.peers(store) if row["address"]}
    addresses.update({d.device_id: d.address for d in discovered})
    outcomes = []
    for device, address in sorted(addresses.items()):
        if not trust.trusts_peer(device) or device == store.identity.device_id:
            continue
        try:
            result = sync_now(store, address, progress, expect=device)
            outcomes.append(PeerOutcome(device, address, result, None))
        except ZccError as exc:
            outcomes.append(PeerOutcome(device, address, None, exc.message))
    return outcomes
