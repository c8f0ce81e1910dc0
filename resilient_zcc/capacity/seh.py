"""The emergency department's (SEH) open/stop status per hospital location.

Seed 000: "Conform regionale procedure communicatie opvangstop blijft ook in code zwart de
SEH open en vindt overdracht van RAV naar SEH ten allen tijde plaats". A stop is therefore
an exception the region must see at once, with its reason and how long it is expected to
last. Status reports are immutable facts (DESIGN.md): the newest per location is current, a
correction is a newer report.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from ..errors import ValidationError
from ..i18n import Text
from ..validation import new_id, require_row, required, utc_iso

if TYPE_CHECKING:
    from ..store import Store

OPEN = "open"
STOP = "stop"
# Dutch label first, English second.
SEH_STATES: dict[str, tuple[str, str]] = {
    OPEN: ("SEH open", "ED open"),
    STOP: ("SEH-stop (opvangstop)", "ED stop (diversion)"),
}
SEH_FEATURE = "seh"  # a location feature (categories.FEATURES)
MAX_STOP_HOURS = 72  # a longer stop is not a stop but a closure: say so in the logbook


def report_seh(
    store: Store,
    location_id: str,
    status: str,
    *,
    now: datetime,
    reported_by: str,
    reason: str = "",
    expected_hours: float | None = None,
    report_id: str | None = None,
) -> str:
    """Record the SEH status of a hospital location; returns the report's id.

    A stop needs a reason and an expected duration (hours, at most MAX_STOP_HOURS).
    """
    require_row(
        store,
        "locations",
        location_id,
        Text("location"),
        Text("'capacity locations' lists the locations."),
    )
    row = store.query_one("SELECT name, features FROM locations WHERE id = ?", (location_id,))
    if row is None or SEH_FEATURE not in (row["features"] or "").split(","):
        raise ValidationError(
            "'{location}' has no emergency department (SEH): only a hospital location with "
            "the feature '{feature}' reports an SEH status.",
            location=row["name"] if row else location_id,
            feature=SEH_FEATURE,
        )
    if status not in SEH_STATES:
        raise ValidationError(
            "Unknown SEH status '{status}'. Allowed: {allowed}.",
            status=status,
            allowed=", ".join(SEH_STATES),
        )
    reported_by = required(reported_by, Text("Who reports the SEH status (reported_by)"))
    at = utc_iso(now, Text("The moment of the SEH report"))
    until = None
    if status == STOP:
        reason = required(reason, Text("The reason for the SEH stop (--reason)"))
        if expected_hours is None or not 0 < expected_hours <= MAX_STOP_HOURS:
            raise ValidationError(
                "An SEH stop needs its expected duration in hours, more than 0 and at most "
                "{most} (CLI: --hours); the SEH stays open even in code zwart.",
                most=MAX_STOP_HOURS,
            )
        until = utc_iso(now + timedelta(hours=expected_hours))
    report_id = report_id or new_id()
    with store.transaction() as tx:
        tx.put(
            "seh_status",
            report_id,
            {
                "location_id": location_id,
                "status": status,
                "reason": reason.strip() or None,
                "expected_until": until,
                "reported_by": reported_by,
                "reported_at": at,
            },
        )
    return report_id


def seh_overview(store: Store, now: datetime) -> list[dict[str, Any]]:
    """Every location with an SEH and its current status (None: never reported), stops
    first; `overrun` marks a stop past its expected end. The one query for the Overzicht,
    the CLI and the capacity sheet. `against_agreement` marks a stop in phase 3, where the
    regional agreement keeps every SEH open."""
    rows = store.query(
        "SELECT l.id AS location_id, l.name, o.name AS organisation, s.status, s.reason, "
        "s.expected_until, s.reported_by, s.reported_at FROM locations l "
        "LEFT JOIN organisations o ON o.id = l.organisation_id "
        "LEFT JOIN seh_status s ON s.id = (SELECT x.id FROM seh_status x "
        "WHERE x.location_id = l.id AND x.deleted = 0 "
        "ORDER BY x.reported_at DESC, x.id DESC LIMIT 1) "
        "WHERE l.deleted = 0 AND ',' || l.features || ',' LIKE ? ORDER BY l.name",
        (f"%,{SEH_FEATURE},%",),
    )
    at = utc_iso(now)
    code_black = bool(
        store.query_one("SELECT 1 FROM regions WHERE kind = 'roaz' AND phase = '3' AND deleted = 0")
    )
    for row in rows:
        # The regional agreement: even in code zwart (phase 3) the SEH stays open.
        row["against_agreement"] = code_black and row["status"] == STOP
        row["label"] = SEH_STATES[row["status"]][0] if row["status"] in SEH_STATES else "?"
        row["label_en"] = SEH_STATES[row["status"]][1] if row["status"] in SEH_STATES else "?"
        row["overrun"] = bool(
            row["status"] == STOP and row["expected_until"] and row["expected_until"] < at
        )
    rows.sort(key=lambda r: r["status"] != STOP)
    return rows


def stopped(store: Store, now: datetime) -> list[dict[str, Any]]:
    """Hospital locations whose SEH is stopped now (for the Overzicht)."""
    return [r for r in seh_overview(store, now) if r["status"] == STOP]
