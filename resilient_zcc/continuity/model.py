"""Recording a location's continuity: an immutable report; a correction is a newer report.

A report says what the location runs on (mains, generator, UPS/battery, nothing) and, for a
generator or battery, the hours of autonomy left at the time of the report; what is down;
whether care is scaled down; whether an evacuation is prepared or under way; free text.
The emergency department's status is not part of it: it has its own report and query.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING

from ..errors import ValidationError
from ..i18n import Text
from ..validation import choice, new_id, report_time, require_row
from .vocabulary import (
    CARE_SCALE,
    DOWN,
    EVACUATION,
    LIMITED_POWER,
    MAX_AUTONOMY_HOURS,
    POWER,
    SOURCES,
    Power,
)

if TYPE_CHECKING:
    from ..store import Store


def clean_down(down: Iterable[str] | str) -> str:
    """What is down as stored: known codes in the form's order, comma-separated."""
    if isinstance(down, str):
        down = down.split(",")
    codes = {code.strip() for code in down if code.strip()}
    unknown = sorted(codes - set(DOWN))
    if unknown:
        raise ValidationError(
            "Unknown service '{code}' in what is down. Allowed: {allowed}.",
            code=unknown[0],
            allowed=", ".join(DOWN),
        )
    return ",".join(code for code in DOWN if code in codes)


def autonomy_problem(power: str, hours: float | None) -> Text | None:
    """What is wrong with the power source and hours together, or None; for forms as typed."""
    if power not in POWER:
        return Text(
            "Unknown power source '{power}'. Allowed: {allowed}.",
            power=power,
            allowed=", ".join(POWER),
        )
    if hours is not None and (isinstance(hours, bool) or not isinstance(hours, (int, float))):
        return Text("Hours of autonomy must be a number, not {value!r}.", value=hours)
    if hours is not None and (math.isnan(hours) or hours < 0):
        return Text("Hours of autonomy cannot be negative ({hours}); give 0 or more.", hours=hours)
    if hours is not None and hours > MAX_AUTONOMY_HOURS:
        return Text(
            "{hours} hours of autonomy is more than a month ({most} h); check the figure.",
            hours=hours,
            most=MAX_AUTONOMY_HOURS,
        )
    if power in LIMITED_POWER and hours is None:
        return Text("On a generator or battery, give the hours of autonomy left (fuel or charge).")
    return None


def report_continuity(
    store: Store,
    location_id: str,
    *,
    power: str,
    now: datetime,
    autonomy_hours: float | None = None,
    down: Iterable[str] | str = (),
    care_scaled: str = "geen",
    evacuation: str = "geen",
    note: str = "",
    reporter: str = "",
    source: str = "formulier",
    reported_at: datetime | None = None,
    report_id: str | None = None,
) -> str:
    """Record a continuity report (an immutable fact); returns its id.

    `reported_at` (default `now`) is when the situation was as reported; it may lie in the
    past (a paper form or radio message typed in later), not more than 5 minutes ahead.
    Without power there is no autonomy: the hours are stored as 0. On mains the hours are
    not kept (there is nothing to run out).
    """
    require_row(
        store,
        "locations",
        location_id,
        Text("location"),
        Text("'capacity locations' lists the locations."),
    )
    problem = autonomy_problem(power, autonomy_hours)
    if problem is not None:
        raise ValidationError(problem)
    if power == Power.NONE:
        autonomy_hours = 0.0
    elif power == Power.MAINS:
        autonomy_hours = None
    choice(care_scaled, CARE_SCALE, Text("care scale-down"))
    choice(evacuation, EVACUATION, Text("evacuation state"))
    choice(source, SOURCES, Text("source"))
    at = report_time(reported_at, now)
    report_id = report_id or new_id()
    with store.transaction() as tx:
        tx.put(
            "continuity_reports",
            report_id,
            {
                "location_id": location_id,
                "power": power,
                "autonomy_hours": None if autonomy_hours is None else float(autonomy_hours),
                "down": clean_down(down),
                "care_scaled": care_scaled,
                "evacuation": evacuation,
                "note": note.strip(),
                "reporter": reporter.strip(),
                "source": source,
                "reported_at": at,
            },
        )
    return report_id
