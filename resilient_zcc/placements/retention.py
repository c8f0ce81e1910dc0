"""Retention: patient data leaves the profile a set number of days after a request closes.

After `placements.retention_days` (setting) past closing (geplaatst, geannuleerd,
opgeschaald), a request keeps only what an anonymous statistic needs: care need, category,
urgency, state, region, the place it went to, and its dates rounded to the day. Everything
else (reference, age band, COVID status, ACP flags and texts, wishes, current location,
referrer, oxygen, isolation, transport) is set to null, and so are the events' reasons.

"Removed, not just hidden": the change log keeps every value ever written (`changes.payload`),
so every change of a redacted request and its events is replaced there by a marker that
leaves all its fields out (`Change.as_marker`), and the WAL is checkpointed so old pages leave
it. That rewrite is the one place outside `tx.put` that writes with SQL (see `_scrub_log`).
The marker keeps the batch's signature valid, so the rest of the batch still travels; the
anonymous statistic travels as this device's own change, which re-states the whole
redacted row.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from ..changelog import Change
from ..settings import get_setting
from ..validation import utc_iso

if TYPE_CHECKING:
    from ..store import Store

SETTING = "placements.retention_days"
DEFAULT_DAYS = 14
# Request columns set to null on redaction; date columns are rounded to the day.
REQUEST_CLEARED = (
    "reference",
    "age_band",
    "covid_status",
    "current_location",
    "referrer_org_id",
    "referrer_contact",
    "wishes",
    "treatment_limits",
    "acp_no_ic",
    "acp_no_resuscitation",
    "acp_no_hospital",
    "oxygen",
    "hfno",
    "isolation",
    "transport",
)
REQUEST_DATES = ("state_at", "registered_at", "closed_at")
EVENT_CLEARED = ("reason",)
EVENT_DATES = ("at",)


def day(value: Any) -> Any:
    """An ISO moment rounded down to its (UTC) day, in the same ISO shape."""
    if not isinstance(value, str) or len(value) < 10:
        return value
    return f"{value[:10]}T00:00:00+00:00"


def redact(
    values: dict[str, Any], cleared: tuple[str, ...], dates: tuple[str, ...]
) -> dict[str, Any]:
    """The same columns with personal values nulled and dates rounded (idempotent)."""
    return {
        name: None if name in cleared else day(value) if name in dates else value
        for name, value in values.items()
    }


def _needs_scrub(store: Store, cutoff: str) -> tuple[list[dict[str, Any]], list[str]]:
    """Closed requests due for redaction, and already-redacted ones whose log or events
    still hold personal values (e.g. an old change that arrived from a peer later)."""
    due = store.query(
        "SELECT * FROM placement_requests WHERE deleted = 0 AND closed_at IS NOT NULL "
        "AND closed_at <= ? AND coalesce(redacted, 0) = 0 ORDER BY id",
        (cutoff,),
    )
    personal = " OR ".join(
        f"json_extract(c.payload, '$.{name}') IS NOT NULL" for name in REQUEST_CLEARED
    )
    leftovers = store.query(
        "SELECT DISTINCT r.id FROM placement_requests r WHERE r.redacted = 1 AND ("
        "EXISTS (SELECT 1 FROM placement_events e WHERE e.request_id = r.id "
        "AND e.reason IS NOT NULL) OR "
        "EXISTS (SELECT 1 FROM changes c WHERE c.row_id = r.id "
        f"AND c.tbl = 'placement_requests' AND ({personal})) OR "
        "EXISTS (SELECT 1 FROM changes c JOIN placement_events e ON c.row_id = e.id "
        "WHERE e.request_id = r.id AND c.tbl = 'placement_events' "
        "AND json_extract(c.payload, '$.reason') IS NOT NULL))"
    )
    return due, [row["id"] for row in leftovers]


def purge_closed(store: Store, now: datetime) -> int:
    """Redact requests closed longer than the retention period; returns how many."""
    days = get_setting(store, SETTING)
    cutoff = utc_iso(now - timedelta(days=days))
    due, leftovers = _needs_scrub(store, cutoff)
    if not due and not leftovers:
        return 0
    conn = store.conn
    previous = int(conn.execute("PRAGMA secure_delete").fetchone()[0])
    conn.execute("PRAGMA secure_delete = ON")  # freed and overwritten bytes are zeroed
    try:
        with store.transaction() as tx:
            # The whole row: a member that joins later gets it from this change alone.
            columns = sorted(store.log.columns["placement_requests"] - {"deleted", "redacted"})
            for row in due:
                values = {name: row[name] for name in columns}
                tx.put(
                    "placement_requests",
                    row["id"],
                    {**redact(values, REQUEST_CLEARED, REQUEST_DATES), "redacted": 1},
                )
            _scrub_log(store, [row["id"] for row in due] + leftovers)
    finally:
        conn.execute(f"PRAGMA secure_delete = {previous}")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # old pages leave the WAL file
    return len(due)


def _scrub_log(store: Store, request_ids: list[str]) -> None:
    """Rewrite, inside the open transaction, the stored past of these requests.

    The sanctioned exception to "writes only through tx.put": append-only events and the
    change log's payloads cannot be rewritten through the log (that would log the rewrite
    and keep the old values). Each change becomes a marker without fields: the batches'
    signatures cover a salted digest of these payloads, so they still verify.
    """
    conn = store.conn
    ids = json.dumps(request_ids)
    event_ids = [
        row[0]
        for row in conn.execute(
            "SELECT id FROM placement_events WHERE request_id IN (SELECT value FROM json_each(?))",
            (ids,),
        )
    ]
    conn.execute(
        "UPDATE placement_events SET reason = NULL, at = substr(at, 1, 10) || 'T00:00:00+00:00' "
        "WHERE id IN (SELECT value FROM json_each(?))",
        (json.dumps(event_ids),),
    )
    for table, row_ids in (
        ("placement_requests", request_ids),
        ("placement_events", event_ids),
    ):
        rows = conn.execute(
            "SELECT origin, counter, hlc, row_id, payload FROM changes WHERE tbl = ? "
            "AND row_id IN (SELECT value FROM json_each(?)) "
            "AND coalesce(json_extract(payload, '$.redacted'), 0) != 1",  # keep re-statements
            (table, json.dumps(row_ids)),
        ).fetchall()
        for origin, counter, hlc, row_id, payload in rows:
            marker = Change(counter, hlc, table, row_id, payload).as_marker()
            if marker != payload:
                conn.execute(
                    "UPDATE changes SET payload = ? WHERE origin = ? AND counter = ?",
                    (marker, origin, counter),
                )
