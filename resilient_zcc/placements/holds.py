"""Which requests hold a place now (offered, accepted, transport arranged, placed), and where.

Kept as a derived table, refreshed for every request a transaction touched (locally or by a
merge), so matching counts held places with one indexed lookup instead of scanning events.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from .lifecycle import ALLOCATED_STATES

if TYPE_CHECKING:
    from ..store import Store

_STATES = ", ".join(f"'{state}'" for state in ALLOCATED_STATES)
_AFFECTED = {
    "placement_requests": "SELECT value FROM json_each(:ids)",
    "placement_events": "SELECT request_id FROM placement_events "
    "WHERE id IN (SELECT value FROM json_each(:ids))",
}
# The place is the request's location, in the category of its newest offer there.
_HOLDS = f"""
INSERT INTO placement_holds (request_id, location_id, category, offered_at, state)
SELECT r.id, r.location_id, e.category, e.at, r.state
FROM placement_requests r
JOIN placement_events e ON e.id = (
    SELECT x.id FROM placement_events x
    WHERE x.request_id = r.id AND x.to_state = 'plaats_aangeboden'
      AND x.location_id = r.location_id AND x.deleted = 0
    ORDER BY x.at DESC, x.id DESC LIMIT 1)
WHERE r.deleted = 0 AND r.state IN ({_STATES}) AND r.id IN (SELECT value FROM json_each(:ids))
"""


def refresh_holds(store: Store, touched: set[tuple[str, str]]) -> None:
    """Derived-index hook: recompute the hold of every request the touched rows belong to."""
    requests: set[str] = set()
    for table, query in _AFFECTED.items():
        ids = [row_id for t, row_id in touched if t == table]
        if ids:
            rows = store.conn.execute(query, {"ids": json.dumps(ids)})
            requests.update(row[0] for row in rows if row[0])
    if not requests:
        return
    params = {"ids": json.dumps(sorted(requests))}
    store.conn.execute(
        "DELETE FROM placement_holds WHERE request_id IN (SELECT value FROM json_each(:ids))",
        params,
    )
    store.conn.execute(_HOLDS, params)
