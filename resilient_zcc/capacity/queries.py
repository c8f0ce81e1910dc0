"""What the capacity picture answers: current figures, their age, who is overdue, history.

The current figure of a location for a category is its newest report (by `reported_at`,
ties broken by the higher report id, so every copy picks the same one). Reports are never
changed; a correction is simply a newer report.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from ..errors import NotFound, ValidationError
from ..settings import get_setting
from .categories import all_categories, check_category
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


_SUMS_SQL = """
    SELECT c.category, count(*) AS locations, coalesce(sum(c.total), 0) AS total,
           coalesce(sum(c.staffed), 0) AS staffed, coalesce(sum(c.occupied), 0) AS occupied,
           coalesce(sum(c.available), 0) AS available, sum(c.expected_24h) AS expected_24h,
           sum(c.reported_at < :stale_before) AS stale, min(c.reported_at) AS oldest
    FROM capacity_current c
    JOIN locations l ON l.id = c.location_id AND l.deleted = 0
    WHERE 1 {where}
    GROUP BY c.category
"""


def regional_overview(
    store: Store,
    region_id: str | None = None,
    *,
    now: datetime,
    category: str | None = None,
    per_location: bool = True,
) -> list[dict[str, Any]]:
    """Per category: sums over the current figures, and per location each figure's age.

    A figure is stale when older than the setting `capacity.stale_after_hours`. Sums add the
    current figure of every location, stale or not: `stale` and `oldest_age_minutes` say how
    far to trust them. `expected_24h` sums only the locations that gave an expectation.
    The sums come from SQLite; `per_location=False` leaves out the rows (the dashboard needs
    only the sums, and reading thousands of rows is most of the cost).
    """
    now = _aware(now)
    if category is not None:
        check_category(store, category)
    stale_after = timedelta(hours=get_setting(store, "capacity.stale_after_hours"))
    stale_before = (now - stale_after).isoformat(timespec="seconds")
    where, params = "", {"stale_before": stale_before}
    if category is not None:
        where += " AND c.category = :category"
        params["category"] = category
    if region_id is not None:
        where += " AND l.region_id = :region"
        params["region"] = region_id
    known = all_categories(store)
    groups: dict[str, dict[str, Any]] = {}
    for sums in store.query(_SUMS_SQL.format(where=where), params):
        info = known.get(sums["category"])
        oldest = _minutes(now - _parse(sums.pop("oldest")))
        groups[sums["category"]] = sums | {
            "name": info.name if info else sums["category"],
            "kind": info.kind if info else "bed",
            "oldest_age_minutes": max(0, oldest),
            "rows": [],
        }
    if per_location:
        for row in latest_reports(store, category=category, region_id=region_id):
            age = now - _parse(row["reported_at"])
            row["age_minutes"], row["stale"] = _minutes(age), age > stale_after
            groups[row["category"]]["rows"].append(row)
    order = {code: n for n, code in enumerate(known)}
    return sorted(
        groups.values(), key=lambda g: (order.get(g["category"], len(order)), g["category"])
    )


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
        raise NotFound(f"No location with id {location_id}; 'capacity locations' lists them.")
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
