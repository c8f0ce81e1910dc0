"""Checks shared by every domain's commands; each failure says what is wrong."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from .errors import NotFound, ValidationError
from .i18n import Text

if TYPE_CHECKING:
    from .store import Store


def new_id() -> str:
    return str(uuid.uuid4())


def required(value: str | None, what: str | Text) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError("{what} may not be empty.", what=what)
    return value


def optional(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


def choice(value: str | None, allowed: Mapping[str, Any], what: str | Text) -> str:
    if value is None or value not in allowed:
        raise ValidationError(
            "Unknown {what} '{value}'. Allowed: {allowed}.",
            what=what,
            value=value,
            allowed=", ".join(allowed),
        )
    return value


def utc_iso(moment: datetime, what: str | Text | None = None) -> str:
    """A moment as stored: UTC, ISO 8601, whole seconds. Naive times are refused."""
    if moment.tzinfo is None:
        raise ValidationError(
            "{what} needs a time zone (e.g. datetime.now(UTC)).", what=what or Text("The time")
        )
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def require_row(
    store: Store, table: str, row_id: str | None, what: str | Text, hint: Text | None = None
) -> None:
    """Refuse a reference to a row that does not exist (or was deleted)."""
    if not row_id or not store.query_one(
        f"SELECT 1 FROM {table} WHERE id = ? AND deleted = 0", (row_id,)
    ):
        if hint is not None:
            raise NotFound("No {what} with id {id}. {hint}", what=what, id=row_id, hint=hint)
        raise NotFound("No {what} with id {id}.", what=what, id=row_id)


# Clocks of laptops and phones differ a little: a report up to this far ahead is accepted.
FUTURE_TOLERANCE = timedelta(minutes=5)


def report_time(reported_at: datetime | None, now: datetime) -> str:
    """When a reported fact was true (default: now), as UTC ISO; never in the future."""
    now_iso = utc_iso(now, Text("The current time"))
    moment = reported_at if reported_at is not None else now
    at = utc_iso(moment, Text("The report time"))
    if moment > now + FUTURE_TOLERANCE:
        raise ValidationError(
            "The report time {at} lies in the future (now is {now}); give the time the "
            "figures were true, at most 5 minutes ahead.",
            at=at,
            now=now_iso,
        )
    return at
