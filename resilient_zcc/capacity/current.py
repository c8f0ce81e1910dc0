"""The current figure per location and category: the newest report, kept as a derived table.

Reports are immutable facts and arrive in any order from peers, so "newest" is recomputed
for every (location, category) a transaction touched, locally or by a merge. The table
holds a copy of the newest report's figures, so the overview reads this small table and
not one page of the (large, encrypted) report table per location.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..store import Store

# The report columns copied into capacity_current, in its column order after the key.
FIGURES = "total, staffed, occupied, available, expected_24h, status, reporter, source, reported_at"
ALL_PAIRS = "SELECT DISTINCT location_id, category FROM capacity_reports WHERE deleted = 0"
_TOUCHED_PAIRS = (
    "SELECT DISTINCT location_id, category FROM capacity_reports "
    "WHERE id IN (SELECT value FROM json_each(:ids))"
)


def fill_current(conn: Any, pairs_sql: str, params: dict[str, str] | None = None) -> None:
    """Insert the newest report of each (location, category) that `pairs_sql` selects.

    Newest by `reported_at`, ties broken by the higher id, so every copy picks the same one.
    """
    conn.execute(
        f"INSERT INTO capacity_current SELECT r.location_id, r.category, r.id, {FIGURES} "
        "FROM capacity_reports r WHERE r.id IN (SELECT ("
        "SELECT x.id FROM capacity_reports x WHERE x.location_id = g.location_id "
        "AND x.category = g.category AND x.deleted = 0 "
        f"ORDER BY x.reported_at DESC, x.id DESC LIMIT 1) FROM ({pairs_sql}) g)",
        params or {},
    )


def refresh_current_capacity(store: Store, touched: set[tuple[str, str]]) -> None:
    """Derived-index hook: re-pick the newest report of every pair a touched report is in."""
    ids = [row_id for table, row_id in touched if table == "capacity_reports"]
    if not ids:
        return
    params = {"ids": json.dumps(ids)}
    store.conn.execute(
        f"DELETE FROM capacity_current WHERE (location_id, category) IN ({_TOUCHED_PAIRS})",
        params,
    )
    fill_current(store.conn, _TOUCHED_PAIRS, params)
