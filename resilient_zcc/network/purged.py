"""Batches that no longer travel because the retention purge rewrote them.

A purged batch's payloads were redacted in place, so its author's signature no longer
verifies: no peer sends it (forwarding unverifiable changes would let any member forge
another's). Instead the sender names its range, and the receiver notes it here, so that
its version vector steps over the hole instead of asking for the same batches forever.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..changelog import Batch

if TYPE_CHECKING:
    from ..store import Store

Range = tuple[str, int, int]  # device id, first counter, last counter


def ranges_of(batches: Iterable[Batch]) -> list[Range]:
    return [(b.device_id, b.changes[0].counter, b.changes[-1].counter) for b in batches]


def record(store: Store, ranges: Iterable[Range]) -> None:
    rows = [(d, f, last) for d, f, last in ranges if 0 < f <= last]
    if not rows:
        return
    with store.transaction():
        store.conn.executemany("INSERT OR IGNORE INTO purged_ranges VALUES (?, ?, ?)", rows)


def vector(store: Store) -> dict[str, int]:
    """`version_vector()`, stepping over ranges known to be purged elsewhere."""
    result = store.log.version_vector()
    holes: dict[str, list[tuple[int, int]]] = {}
    for device, first, last in store.conn.execute(
        "SELECT device_id, first_counter, last_counter FROM purged_ranges ORDER BY first_counter"
    ):
        holes.setdefault(device, []).append((int(first), int(last)))
    for device, spans in holes.items():
        origin = store.conn.execute(
            "SELECT origin FROM peers WHERE device_id = ?", (device,)
        ).fetchone()
        have = result.get(device, 0)
        moved = True
        while moved:
            moved = False
            for first, last in spans:
                if first <= have + 1 <= last:
                    have = _end_of_run(store, origin[0] if origin else None, last)
                    moved = True
        if have:
            result[device] = have
    return result


def _end_of_run(store: Store, origin: int | None, after: int) -> int:
    """The last counter of the unbroken run that starts right after `after` (or `after`)."""
    if origin is None:
        return after
    row = store.conn.execute(
        "SELECT min(counter) FROM changes c WHERE origin = ? AND counter > ? AND NOT EXISTS "
        "(SELECT 1 FROM changes n WHERE n.origin = c.origin AND n.counter = c.counter + 1)",
        (origin, after),
    ).fetchone()
    first_after = store.conn.execute(
        "SELECT 1 FROM changes WHERE origin = ? AND counter = ?", (origin, after + 1)
    ).fetchone()
    return int(row[0]) if first_after and row[0] is not None else after
