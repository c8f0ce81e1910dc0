"""Small helpers shared by the crisis modules: ids, required text, times, existence checks."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..store import Store

# Rows that every device derives the same way (catalogue rows, per-region singletons) get
# uuid5 ids in this namespace, so two devices that create them independently merge.
NAMESPACE = uuid.UUID("3c1d8f0e-2b7a-4c55-9d0e-5a7b1c2d3e4f")


def stable_id(*parts: str) -> str:
    return str(uuid.uuid5(NAMESPACE, "|".join(parts)))


def device_label(store: Store) -> str:
    """How this device names itself in the log when the user gives no name."""
    row = store.query_one("SELECT label FROM devices WHERE id = ?", (store.identity.device_id,))
    return (row or {}).get("label") or f"apparaat {store.identity.device_id[:12]}"
