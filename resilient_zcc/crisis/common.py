"""Small helpers shared by the crisis modules: ids, required text, times, existence checks."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from ..errors import NotFound, ValidationError

if TYPE_CHECKING:
    from ..store import Store

# Rows that every device derives the same way (catalogue rows, per-region singletons) get
# uuid5 ids in this namespace, so two devices that create them independently merge.
NAMESPACE = uuid.UUID("3c1d8f0e-2b7a-4c55-9d0e-5a7b1c2d3e4f")


def new_id() -> str:
    return str(uuid.uuid4())


def stable_id(*parts: str) -> str:
    return str(uuid.uuid5(NAMESPACE, "|".join(parts)))


def required(value: str | None, what: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError(f"{what} may not be empty.")
    return value


def optional(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


def iso(moment: datetime, what: str = "The time") -> str:
    if moment.tzinfo is None:
        raise ValidationError(f"{what} needs a time zone (e.g. datetime.now(UTC)).")
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def exists(store: Store, table: str, row_id: str | None, what: str) -> None:
    if not row_id or not store.query_one(
        f"SELECT 1 FROM {table} WHERE id = ? AND deleted = 0", (row_id,)
    ):
        raise NotFound(f"No {what} with id {row_id}.")


def device_label(store: Store) -> str:
    """How this device names itself in the log when the user gives no name."""
    row = store.query_one("SELECT label FROM devices WHERE id = ?", (store.identity.device_id,))
    return (row or {}).get("label") or f"apparaat {store.identity.device_id[:12]}"
