"""When to sync in the background: only when something changed, with backoff on failure.

Pure bookkeeping, no timers or threads: the desktop calls `local_change()` after a write,
`peer_seen()` when discovery reports a trusted member, runs `due()` peers through
`api.sync_now` in a worker, reports each with `finished()`, and sets one single-shot timer
to `next_wakeup()`. When nothing is pending that is None: no polling while idle.
"""

from __future__ import annotations

from dataclasses import dataclass

FIRST_RETRY_S = 5.0
LONGEST_RETRY_S = 600.0


@dataclass
class _Peer:
    address: str | None = None
    pending: bool = True  # something may need exchanging
    failures: int = 0
    retry_at: float | None = None


class SyncScheduler:
    def __init__(self) -> None:
        self._peers: dict[str, _Peer] = {}

    def peer_seen(self, device_id: str, address: str, pending: bool = True) -> None:
        """A trusted member announced itself (or its address changed): it may have news.
        With `pending` False it is only remembered (a known address, nothing to send yet)."""
        peer = self._peers.get(device_id)
        if peer is None:
            peer = self._peers[device_id] = _Peer(pending=pending)
        if peer.address != address:
            peer.retry_at = None
            peer.failures = 0
        peer.address = address
        peer.pending = peer.pending or pending

    def forget(self, device_id: str) -> None:
        """A revoked or departed member is never tried again."""
        self._peers.pop(device_id, None)

    def local_change(self) -> None:
        for peer in self._peers.values():
            peer.pending = True

    def due(self, now: float) -> list[tuple[str, str]]:
        """(device id, address) of every peer to sync with now."""
        return [
            (device, peer.address)
            for device, peer in sorted(self._peers.items())
            if peer.pending and peer.address and (peer.retry_at is None or peer.retry_at <= now)
        ]

    def finished(self, device_id: str, ok: bool, now: float) -> None:
        peer = self._peers.get(device_id)
        if peer is None:
            return
        if ok:
            peer.pending, peer.failures, peer.retry_at = False, 0, None
            return
        peer.failures += 1
        peer.retry_at = now + min(LONGEST_RETRY_S, FIRST_RETRY_S * 2 ** (peer.failures - 1))

    def next_wakeup(self, now: float) -> float | None:
        """Seconds until something is due (0: now), or None when nothing is pending."""
        waits = [
            max(0.0, (peer.retry_at or now) - now)
            for peer in self._peers.values()
            if peer.pending and peer.address
        ]
        return min(waits) if waits else None
