"""What the capacity picture answers: current figures, who is overdue, history.

Free beds, held places and the age and staleness of each figure: `free_beds`.

The current figure of a location for a category is its newest report (by `reported_at`,
ties broken by the higher report id, so every copy picks the same one). Reports are never
changed; a correction is simply a newer report.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from ..errors import NotFound, ValidationError
from .categories import check_category
from .rhythm import missed_since

if TYPE_CHECKING:
    from ..store import Store

REPORT_COLUMNS = (
    "report_id",
    "location_id",
    "location_name",
    "organisation_id",
    "organisation",
    "region_id",
    "category",
    "total",
    "staffed",
    "occupied",
    "available",
    "expected_24h",
    "status",
    "reporter",
    "source",
    "reported_at",
)

# For each (location, category) present, its newest report, as copied into the derived
# table capacity_current (see capacity/current.py; measured in bench/crisis.py).
_LATEST_SQL = """
    SELECT c.report_id, c.location_id, l.name AS location_name,
           l.organisation_id, coalesce(nullif(o.short_name, ''), o.name, '') AS organisation,
           l.region_id, c.category, c.total, c.staffed, c.occupied, c.available,
           c.expected_24h, c.status, c.reporter, c.source, c.reported_at
    FROM capacity_current c
    JOIN locations l ON l.id = c.location_id AND l.deleted = 0
    LEFT JOIN organisations o ON o.id = l.organisation_id AND o.deleted = 0
    WHERE 1 {pairs} {places}
    ORDER BY c.category, l.name, c.location_id
"""


def latest_reports(
    store: Store,
    *,
    category: str | None = None,
    location_id: str | None = None,
    region_id: str | None = None,
) -> list[dict[str, Any]]:
    """Per (location, category) the newest report, as a dict of REPORT_COLUMNS."""
    pairs, places, params = "", "", []
    if category is not None:
        pairs += " AND c.category = ?"
        params.append(category)
    if location_id is not None:
        pairs += " AND c.location_id = ?"
        params.append(location_id)
    if region_id is not None:
        places += " AND l.region_id = ?"
        params.append(region_id)
    return store.query(_LATEST_SQL.format(pairs=pairs, places=places), params)


def newest_report_at(store: Store) -> str | None:
    """When the newest capacity report was made (UTC ISO), if any.

    Reports are never changed, so the newest report is also the newest current figure.
    """
    row = store.query_one(
        "SELECT max(reported_at) AS newest FROM capacity_reports WHERE deleted = 0"
    )
    return row["newest"] if row else None


def _parse(iso: str) -> datetime:
    return datetime.fromisoformat(iso)


def _minutes(delta: timedelta) -> int:
    return int(delta.total_seconds() // 60)


def _aware(now: datetime) -> datetime:
    if now.tzinfo is None:
        raise ValidationError("'now' needs a time zone (use datetime.now(UTC)).")
    return now.astimezone(UTC)


def locations(store: Store, region_id: str | None = None) -> list[dict[str, Any]]:
    """Every location with its organisation, rhythm, features and newest report time."""
    sql = (
        "SELECT l.id, l.name, l.organisation_id, coalesce(nullif(o.short_name, ''), o.name, '') "
        "AS organisation, l.region_id, l.address, l.city, l.features, l.report_time, "
        "l.report_every_hours, (SELECT max(c.reported_at) FROM capacity_current c "
        "WHERE c.location_id = l.id) AS last_reported_at "
        "FROM locations l LEFT JOIN organisations o ON o.id = l.organisation_id "
        "WHERE l.deleted = 0"
    )
    params: list[str] = []
    if region_id is not None:
        sql += " AND l.region_id = ?"
        params.append(region_id)
    rows = store.query(sql + " ORDER BY l.city, l.name, l.id", params)
    for row in rows:
        row["features"] = [f for f in (row["features"] or "").split(",") if f]
    return rows


def overdue_locations(
    store: Store, now: datetime, region_id: str | None = None
) -> list[dict[str, Any]]:
    """Locations with a rhythm whose report (any category) for an expected time is missing.

    The report due at an expected time T counts if made at T - window or later (see
    `rhythm`); `missed_since` is the first expected time not covered, `late_minutes` how
    long ago that was. Most overdue first.
    """
    now = _aware(now)
    result = []
    for row in locations(store, region_id):
        every = row["report_every_hours"]
        if not every:
            continue
        last = _parse(row["last_reported_at"]) if row["last_reported_at"] else None
        due = missed_since(row["report_time"] or "09:00", int(every), last, now)
        if due is None:
            continue
        result.append(
            {
                "location_id": row["id"],
                "location_name": row["name"],
                "organisation": row["organisation"],
                "city": row["city"],
                "report_time": row["report_time"],
                "report_every_hours": every,
                "last_reported_at": row["last_reported_at"],
                "missed_since": due.isoformat(timespec="seconds"),
                "late_minutes": _minutes(now - due),
            }
        )
    return sorted(result, key=lambda r: (-r["late_minutes"], r["location_name"]))


def history(
    store: Store, location_id: str, category: str, since: datetime | None = None
) -> list[dict[str, Any]]:
    """Every report of a location for a category, oldest first (corrections included)."""
    if not store.query_one("SELECT 1 FROM locations WHERE id = ? AND deleted = 0", (location_id,)):
        raise NotFound("No location with id {id}; 'capacity locations' lists them.", id=location_id)
    check_category(store, category)
    sql = (
        "SELECT id AS report_id, category, total, staffed, occupied, available, expected_24h, "
        "status, reporter, source, reported_at FROM capacity_reports "
        "WHERE location_id = ? AND category = ? AND deleted = 0"
    )
    params: list[str] = [location_id, category]
    if since is not None:
        sql += " AND reported_at >= ?"
        params.append(_aware(since).isoformat(timespec="seconds"))
    return store.query(sql + " ORDER BY reported_at, id", params)
