"""Whom this copy trusts, and merging batches under that trust.

A batch is admitted when its author is a member and, if the author was revoked, when it
ends at or below the revocation's cutoff: the highest counter of that device that any
witness held when it learned of the revocation. The revoking device is the first witness;
every other copy that had already taken later changes (in good faith, before it knew)
adds itself as a witness with its own counter, so the cutoff is the same everywhere once
the revocation rows have spread, and all copies converge on the same changes.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..changelog import Batch
from . import model

if TYPE_CHECKING:
    from ..store import Store


@dataclass(frozen=True)
class Trust:
    members: frozenset[str]
    cutoffs: dict[str, int]  # revoked device -> highest counter still admitted

    def trusts_peer(self, device_id: str) -> bool:
        """Whether we exchange anything with this device over the network at all."""
        return device_id in self.members and device_id not in self.cutoffs

    def admits(self, batch: Batch) -> bool:
        if batch.device_id not in self.members or not batch.changes:
            return False
        cutoff = self.cutoffs.get(batch.device_id)
        return cutoff is None or batch.changes[-1].counter <= cutoff


def trust_of(store: Store) -> Trust:
    members = {row["id"] for row in store.query("SELECT id FROM network_members WHERE deleted = 0")}
    # A device that just joined trusts its inviter before the member rows have arrived.
    sponsor = store.conn.execute(
        "SELECT value FROM local_meta WHERE key = 'network_sponsor'"
    ).fetchone()
    if sponsor is not None:
        members.add(bytes(sponsor[0]).decode())
    cutoffs = {
        row["device_id"]: int(row["cutoff"] or 0)
        for row in store.query(
            "SELECT device_id, max(counter) AS cutoff FROM revocations WHERE deleted = 0 "
            "GROUP BY device_id"
        )
    }
    return Trust(frozenset(members), cutoffs)


@dataclass
class MergeReport:
    applied: int = 0
    duplicates: int = 0
    refused: int = 0  # batches not admitted (author unknown here, or revoked)
    max_clock_ahead_ms: int = 0
    refused_devices: set[str] = field(default_factory=set)


class TrustedMerger:
    """Applies batches as they arrive, chunk by chunk, each chunk committed on its own.

    A batch whose author is not (yet) a member waits: its membership row may come later in
    the same exchange. What still waits at `finish()` is refused and counted.
    """

    def __init__(self, store: Store) -> None:
        self.store = store
        self.trust = trust_of(store)
        self.waiting: list[Batch] = []
        self.report = MergeReport()

    def add(self, batches: Iterable[Batch]) -> None:
        pending = [*self.waiting, *batches]
        while pending:
            admitted = [b for b in pending if self.trust.admits(b)]
            if not admitted:
                break
            pending = [b for b in pending if not self.trust.admits(b)]
            result = self.store.log.apply_changes(admitted, accept=self.trust.members.__contains__)
            self.report.applied += result.applied
            self.report.duplicates += result.duplicates
            self.report.max_clock_ahead_ms = max(
                self.report.max_clock_ahead_ms, result.max_clock_ahead_ms
            )
            if _touches_trust(admitted):
                witness_revocations(self.store)
                self.trust = trust_of(self.store)
        self.waiting = pending

    def finish(self) -> MergeReport:
        self.report.refused += len(self.waiting)
        self.report.refused_devices |= {b.device_id for b in self.waiting}
        self.waiting = []
        return self.report


def apply_trusted(store: Store, batches: Iterable[Batch]) -> MergeReport:
    merger = TrustedMerger(store)
    merger.add(batches)
    return merger.finish()


def _touches_trust(batches: list[Batch]) -> bool:
    return any(c.table in ("network_members", "revocations") for b in batches for c in b.changes)


def witness_revocations(store: Store) -> None:
    """Add this device as a witness where it holds more of a revoked device than admitted."""
    trust = trust_of(store)
    if not trust.cutoffs:
        return
    held = store.log.version_vector()
    me = store.identity.device_id
    raise_to = {d: held[d] for d, cut in trust.cutoffs.items() if held.get(d, 0) > cut}
    if not raise_to:
        return
    with store.transaction() as tx:
        for device, counter in raise_to.items():
            tx.put(
                "revocations",
                f"{device}:{me}",
                {
                    "device_id": device,
                    "witness": me,
                    "counter": counter,
                    "revoked_at": model.now_iso(),
                    "revoked_by": me,
                },
            )


def outgoing(store: Store, vector: dict[str, int], trust: Trust | None = None) -> list[Batch]:
    """The batches a peer with `vector` lacks and may take: admitted here, and authentic."""
    stream = Outgoing(store, vector, trust)
    return list(stream)


class Outgoing:
    """The batches a peer with `vector` lacks and may take, read one at a time.

    A batch that no longer verifies is not sent (forwarding it would let any member forge
    another's); it is kept in `unsendable`. Since batch signatures v2, the retention purge
    leaves batches valid; only batches an older version purged end up here.
    """

    def __init__(self, store: Store, vector: dict[str, int], trust: Trust | None = None) -> None:
        self.store = store
        self.vector = vector
        self.trust = trust or trust_of(store)
        self.unsendable: list[Batch] = []

    def __iter__(self) -> Iterator[Batch]:
        for batch in self.store.log.iter_changes_since(self.vector):
            if not self.trust.admits(batch):
                continue
            if batch.is_authentic():
                yield batch
            else:
                self.unsendable.append(batch)
