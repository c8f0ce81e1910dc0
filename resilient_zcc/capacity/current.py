"""The current figure per location and category: the newest report, kept as a derived table.

Reports are immutable facts and arrive in any order from peers, so "newest" is recomputed
for every (location, category) a transaction touched, locally or by a merge.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..store import Store

_PAIRS = (
    "SELECT DISTINCT location_id, category FROM capacity_reports "
    "WHERE id IN (SELECT value FROM json_each(:ids))"
)


def refresh_current_capacity(store: Store, touched: set[tuple[str, str]]) -> None:
    """Derived-index hook: re-pick the newest report of every pair a touched report is in."""
    ids = [row_id for table, row_id in touched if table == "capacity_reports"]
    if not ids:
        return
    params = {"ids": json.dumps(ids)}
    store.conn.execute(
        f"DELETE FROM capacity_current WHERE (location_id, category) IN ({_PAIRS})", params
    )
    store.conn.execute(
        "INSERT INTO capacity_current SELECT * FROM (SELECT g.location_id, g.category, ("
        "SELECT x.id FROM capacity_reports x WHERE x.location_id = g.location_id "
        "AND x.category = g.category AND x.deleted = 0 "
        f"ORDER BY x.reported_at DESC, x.id DESC LIMIT 1) AS report_id FROM ({_PAIRS}) g) "
        "WHERE report_id IS NOT NULL",
        params,
    )
