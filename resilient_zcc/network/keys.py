"""Network keys: the key that seals bundles, replaced whenever a device is revoked.

A revoked laptop still holds the keys it had, so a revocation makes a new key (a higher
epoch). The newest key reaches the other members only inside mutually authenticated
syncs, never a revoked device; bundles name the key they were sealed with, and older
keys are kept so older bundles still open. Two members revoking at once make two keys of
the same epoch: the larger id wins everywhere. Keys live in the local table
`network_keys`, inside the encrypted database; they never enter the change log.
"""

from __future__ import annotations

import hashlib
import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..store import Store

KEY_BYTES = 32
KeyRef = tuple[int, str]  # (epoch, key id): larger is newer


def key_id(key: bytes) -> str:
    return hashlib.sha256(b"rzcc network key id\n" + key).hexdigest()[:16]


def add(store: Store, key: bytes, epoch: int) -> KeyRef:
    """Keep a key (inside the caller's transaction, or in one of its own)."""
    from ..store import now_iso

    ref = (epoch, key_id(key))
    with store.transaction():
        store.conn.execute(
            "INSERT OR IGNORE INTO network_keys (key_id, epoch, key, added_at) VALUES (?, ?, ?, ?)",
            (ref[1], epoch, key, now_iso()),
        )
    return ref


def newest(store: Store) -> tuple[KeyRef, bytes] | None:
    row = store.conn.execute(
        "SELECT epoch, key_id, key FROM network_keys ORDER BY epoch DESC, key_id DESC LIMIT 1"
    ).fetchone()
    return ((int(row[0]), str(row[1])), bytes(row[2])) if row else None


def by_id(store: Store, wanted: str) -> bytes | None:
    row = store.conn.execute("SELECT key FROM network_keys WHERE key_id = ?", (wanted,)).fetchone()
    return bytes(row[0]) if row else None


def rotate(store: Store) -> KeyRef:
    """A new key, one epoch above the newest this device holds."""
    current = newest(store)
    return add(store, os.urandom(KEY_BYTES), (current[0][0] + 1) if current else 0)
