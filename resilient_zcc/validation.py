"""Checks shared by every domain's commands; each failure says what is wrong."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from .errors import NotFound, ValidationError

if TYPE_CHECKING:
    from .store import Store


def new_id() -> str:
    return str(uuid.uuid4())


def required(value: str | None, what: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError(f"{what} may not be empty.")
    return value


def optional(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


def choice(value: str | None, allowed: Mapping[str, Any], what: str) -> str:
    if value is None or value not in allowed:
        raise ValidationError(f"Unknown {what} '{value}'. Allowed: {', '.join(allowed)}.")
    return value


def utc_iso(moment: datetime, what: str = "The time") -> str:
    """A moment as stored: UTC, ISO 8601, whole seconds. Naive times are refused."""
    if moment.tzinfo is None:
        raise ValidationError(f"{what} needs a time zone (e.g. datetime.now(UTC)).")
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def require_row(store: Store, table: str, row_id: str | None, what: str, hint: str = "") -> None:
    """Refuse a reference to a row that does not exist (or was deleted)."""
    if not row_id or not store.query_one(
        f"SELECT 1 FROM {table} WHERE id = ? AND deleted = 0", (row_id,)
    ):
        raise NotFound(f"No {what} with id {row_id}.{hint}")
