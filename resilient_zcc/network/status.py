"""What this device knows of its peers: last seen, last synced, what they still lack.

Kept in the local table `sync_peers` (never replicated: each device has its own view).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from . import model

if TYPE_CHECKING:
    from ..store import Store


def record(
    store: Store,
    device_id: str,
    *,
    address: str | None = None,
    synced: bool = False,
    result: str | None = None,
    vector: dict[str, int] | None = None,
) -> None:
    now = model.now_iso()
    with store.transaction():
        store.conn.execute(
            "INSERT INTO sync_peers (device_id, address, last_seen, last_synced, last_result, "
            "vector) VALUES (?1, ?2, ?3, CASE WHEN ?4 THEN ?3 END, ?5, ?6) "
            "ON CONFLICT(device_id) DO UPDATE SET address = coalesce(?2, address), "
            "last_seen = ?3, last_synced = CASE WHEN ?4 THEN ?3 ELSE last_synced END, "
            "last_result = coalesce(?5, last_result), vector = coalesce(?6, vector)",
            (device_id, address, now, int(synced), result, json.dumps(vector) if vector else None),
        )


def known_vector(store: Store, device_id: str) -> dict[str, int]:
    """The peer's version vector as of the last exchange (empty if never synced)."""
    row = store.conn.execute(
        "SELECT vector FROM sync_peers WHERE device_id = ?", (device_id,)
    ).fetchone()
    return dict(json.loads(row[0])) if row and row[0] else {}


def pending_for(store: Store, vector: dict[str, int]) -> int:
    """How many changes this copy holds that a peer with `vector` lacks."""
    total = 0
    for row in store.query("SELECT origin, device_id FROM peers"):
        found = store.query_one(
            "SELECT count(*) AS n FROM changes WHERE origin = ? AND counter > ?",
            (row["origin"], vector.get(row["device_id"], 0)),
        )
        total += int(found["n"]) if found else 0
    return total


def peers(store: Store) -> list[dict[str, Any]]:
    """Every other member: last seen and synced, address, and changes pending for it."""
    rows = [m for m in model.members(store) if not m["this_device"]]
    for row in rows:
        row["pending"] = (
            0 if row["revoked"] else pending_for(store, known_vector(store, row["device_id"]))
        )
    return rows
