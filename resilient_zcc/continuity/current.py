"""The current continuity report per location: the newest one, kept as a derived table.

Reports are immutable facts that arrive in any order from peers, so "newest" is recomputed
for every location a transaction touched (locally or by a merge), as for capacity.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..store import Store

FIGURES = (
    "power, autonomy_hours, down, care_scaled, evacuation, note, reporter, source, reported_at"
)
ALL_LOCATIONS = "SELECT DISTINCT location_id FROM continuity_reports WHERE deleted = 0"
_TOUCHED = (
    "SELECT DISTINCT location_id FROM continuity_reports "
    "WHERE id IN (SELECT value FROM json_each(:ids))"
)


def fill_current(conn: Any, locations_sql: str, params: dict[str, str] | None = None) -> None:
    """Insert the newest report of each location `locations_sql` selects (ties: higher id)."""
    conn.execute(
        f"INSERT INTO continuity_current SELECT r.location_id, r.id, {FIGURES} "
        "FROM continuity_reports r WHERE r.id IN (SELECT ("
        "SELECT x.id FROM continuity_reports x WHERE x.location_id = g.location_id "
        "AND x.deleted = 0 ORDER BY x.reported_at DESC, x.id DESC LIMIT 1) "
        f"FROM ({locations_sql}) g)",
        params or {},
    )


def refresh_continuity_current(store: Store, touched: set[tuple[str, str]]) -> None:
    """Derived-index hook: re-pick the newest report of every location a touched report is of."""
    ids = [row_id for table, row_id in touched if table == "continuity_reports"]
    if not ids:
        return
    params = {"ids": json.dumps(ids)}
    store.conn.execute(f"DELETE FROM continuity_current WHERE location_id IN ({_TOUCHED})", params)
    fill_current(store.conn, _TOUCHED, params)
