"""The expected reporting rhythm of a location, in local (Europe/Amsterdam) wall-clock time.

A rhythm is a local time 'HH:MM' and an interval in hours that divides a day (1, 2, 3, 4, 6,
8, 12 or 24): daily 09:00 means 09:00 Amsterdam time every day, summer and winter alike;
every 12 hours from 09:00 means 09:00 and 21:00. The report due at an expected time T counts
when it is made within the reporting window before T (from T - `WINDOW_HOURS`, or one interval
if that is shorter) or at any time after it: "every morning before 09:00" is on time, and a
report from yesterday afternoon does not count for today's 09:00.
"""

from __future__ import annotations

import functools
import re
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from ..errors import ValidationError

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
INTERVALS = (1, 2, 3, 4, 6, 8, 12, 24)
WINDOW_HOURS = 6
DEFAULT_TIME = "09:00"
DEFAULT_EVERY_HOURS = 24
_HHMM = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")


def check_rhythm(report_time: str | None, every_hours: int | None) -> tuple[str | None, int | None]:
    """Both None (no rhythm) or a valid pair; a missing time defaults to 09:00."""
    if every_hours is None:
        if report_time is not None:
            raise ValidationError(
                "A reporting time needs an interval (like every 24 hours); give both, or "
                "neither for no rhythm."
            )
        return (None, None)
    if every_hours not in INTERVALS:
        raise ValidationError(
            f"A reporting interval of {every_hours} hours does not divide a day; allowed: "
            f"{', '.join(map(str, INTERVALS))} hours (or none for no rhythm)."
        )
    return (check_time(report_time or DEFAULT_TIME), every_hours)


def check_time(value: str) -> str:
    if not _HHMM.match(value):
        raise ValidationError(
            f"'{value}' is not a reporting time; give local time as HH:MM, like 09:00."
        )
    return value


@functools.lru_cache(maxsize=64)
def _wall_times(report_time: str, every_hours: int) -> tuple[time, ...]:
    hours, minutes = (int(part) for part in report_time.split(":"))
    start = hours * 60 + minutes
    marks = sorted((start + k * every_hours * 60) % 1440 for k in range(24 // every_hours))
    return tuple(time(m // 60, m % 60) for m in marks)


def _expected_times(report_time: str, every_hours: int, around: datetime) -> tuple[datetime, ...]:
    """Expected times (UTC) on the local days from two before to two after `around`."""
    return _expected_times_near(report_time, every_hours, around.astimezone(AMSTERDAM).date())


# Cached: the overdue list asks this for thousands of locations that share a few rhythms.
@functools.lru_cache(maxsize=256)
def _expected_times_near(report_time: str, every_hours: int, day: date) -> tuple[datetime, ...]:
    walls = _wall_times(report_time, every_hours)
    found = []
    for offset in range(-2, 3):
        local_day = date.fromordinal(day.toordinal() + offset)
        for wall in walls:
            found.append(datetime.combine(local_day, wall, tzinfo=AMSTERDAM).astimezone(UTC))
    return tuple(sorted(found))


def next_expected_after(report_time: str, every_hours: int, moment: datetime) -> datetime:
    """The first expected time strictly after `moment`."""
    return next(t for t in _expected_times(report_time, every_hours, moment) if t > moment)


def last_expected_at(report_time: str, every_hours: int, moment: datetime) -> datetime:
    """The most recent expected time at or before `moment`."""
    return [t for t in _expected_times(report_time, every_hours, moment) if t <= moment][-1]


def missed_since(
    report_time: str, every_hours: int, last_report: datetime | None, now: datetime
) -> datetime | None:
    """The first expected time the newest report does not cover, if it has passed; else None.

    A report at r covers every expected time up to r + window. Without any report, the
    location is overdue since the most recent expected time.
    """
    if last_report is None:
        return last_expected_at(report_time, every_hours, now)
    window = timedelta(hours=min(WINDOW_HOURS, every_hours))
    due = next_expected_after(report_time, every_hours, last_report + window)
    return due if due <= now else None
