"""When the next sitrap is due, from the region's rhythm in local (Amsterdam) time.

The rhythm is three settings: every `sitrap.every_hours` hours from `sitrap.first_hour` up
to and including `sitrap.last_hour` (defaults 4, 8 and 20: 08:00, 12:00, 16:00, 20:00; for
round the clock set first 0 and last 23). A sitrap made up to `WINDOW` before a due time
counts for it, so one made at 11:45 serves 12:00.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from typing import TYPE_CHECKING

from ..localtime import AMSTERDAM
from ..settings import get_setting
from ..validation import utc_iso
from .log import previous

if TYPE_CHECKING:
    from ..store import Store

WINDOW = timedelta(minutes=30)


@dataclass(frozen=True)
class Due:
    due_at: str  # UTC ISO: the next time a sitrap is expected
    overdue: bool
    last_number: int | None
    last_at: str | None


def day_times(every_hours: int, first_hour: int, last_hour: int) -> tuple[time, ...]:
    """The wall-clock times of one day; at least the first hour."""
    hours = range(first_hour, max(first_hour, last_hour) + 1, max(every_hours, 1))
    return tuple(time(h) for h in hours)


def _times_after(moment: datetime, times: tuple[time, ...]) -> datetime:
    """The first scheduled moment strictly after `moment`."""
    local = moment.astimezone(AMSTERDAM)
    for offset in range(3):
        day = local.date() + timedelta(days=offset)
        for at in times:
            candidate = datetime.combine(day, at, AMSTERDAM)
            if candidate > local:
                return candidate.astimezone(UTC)
    raise AssertionError("a schedule has a time every day")


def schedule(store: Store) -> tuple[time, ...]:
    return day_times(
        get_setting(store, "sitrap.every_hours"),
        get_setting(store, "sitrap.first_hour"),
        get_setting(store, "sitrap.last_hour"),
    )


def next_due(store: Store, region_id: str, now: datetime) -> Due:
    """The next due time: the first scheduled time the newest sitrap does not serve. Before
    the first sitrap, the next scheduled time, not overdue: a quiet region is not alarmed."""
    times = schedule(store)
    last = previous(store, region_id)
    if last is None:
        return Due(utc_iso(_times_after(now, times)), False, None, None)
    made = datetime.fromisoformat(last["at"])
    due = _times_after(made + WINDOW, times)
    return Due(utc_iso(due), now > due, int(last["number"] or 0), last["at"])
