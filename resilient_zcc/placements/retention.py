"""Retention: patient data leaves the profile a set number of days after a request closes.

After `placements.retention_days` (setting) past closing (geplaatst, geannuleerd,
opgeschaald), a request keeps only what an anonymous statistic needs: care need, category,
urgency, state, region, the place it went to, and its dates rounded to the day. Everything
else (reference, age band, COVID status, ACP flags and texts, wishes, current location,
referrer, oxygen, isolation, transport) is set to null, and its events (who, when, why)
are removed.

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

from ..changelog import Change, Transaction
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
    "postoperative",
)
REQUEST_DATES = ("state_at", "registered_at", "closed_at")


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


def _needs_scrub(store: Store, cutoff: str) -> tuple[list[str], list[str]]:
    """Closed requests due for redaction, and already-redacted ones whose log, row or events
    still hold personal values (e.g. an old change that arrived from a peer later)."""
    due = [
        row["id"]
        for row in store.query(
            "SELECT id FROM placement_requests WHERE deleted = 0 AND closed_at IS NOT NULL "
            "AND closed_at <= ? AND coalesce(redacted, 0) = 0 ORDER BY id",
            (cutoff,),
        )
    ]
    personal = " OR ".join(
        f"json_extract(payload, '$.{name}') IS NOT NULL" for name in REQUEST_CLEARED
    )
    redacted = {
        row["id"] for row in store.query("SELECT id FROM placement_requests WHERE redacted = 1")
    }
    if not redacted:
        return due, []
    # One pass over each kind of change; markers hold no `request_id` and no personal value.
    late = {
        row["row_id"]
        for row in store.query(
            f"SELECT DISTINCT row_id FROM changes WHERE tbl = 'placement_requests' AND ({personal})"
        )
    }
    late |= {
        row["request_id"]
        for row in store.query(
            "SELECT DISTINCT json_extract(payload, '$.request_id') AS request_id FROM changes "
            "WHERE tbl = 'placement_events' AND json_extract(payload, '$.request_id') IS NOT NULL"
        )
    }
    late |= {
        row["request_id"] for row in store.query("SELECT DISTINCT request_id FROM placement_events")
    }
    personal_row = " OR ".join(f"{name} IS NOT NULL" for name in REQUEST_CLEARED)
    late |= {
        row["id"]
        for row in store.query(
            f"SELECT id FROM placement_requests WHERE redacted = 1 AND ({personal_row})"
        )
    }
    return due, sorted(late & redacted)


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
            ids = [*due, *leftovers]
            _scrub_log(store, tx, ids)
            # The whole row, re-stated as this device's change: a member that joins later
            # gets the statistic from it, and it outranks any late value from a peer.
            columns = sorted(store.log.columns["placement_requests"] - {"deleted", "redacted"})
            for request_id in ids:
                row = store.query_one(
                    "SELECT * FROM placement_requests WHERE id = ?", (request_id,)
                )
                if row is None:
                    continue
                values = {name: row[name] for name in columns}
                tx.put(
                    "placement_requests",
                    request_id,
                    {**redact(values, REQUEST_CLEARED, REQUEST_DATES), "redacted": 1},
                )
    finally:
        conn.execute(f"PRAGMA secure_delete = {previous}")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # old pages leave the WAL file
    return len(due)


def _scrub_log(store: Store, tx: Transaction, request_ids: list[str]) -> None:
    """Remove, inside the open transaction, the stored past of these requests.

    The sanctioned exception to "writes only through tx.put": append-only events and the
    change log's payloads cannot be rewritten through the log (that would log the rewrite
    and keep the old values). The requests' events are deleted (every copy does the same,
    so all copies agree), and each of their changes and of the requests' own changes
    becomes a marker without fields: the batches' signatures cover a salted digest of these
    payloads, so they still verify. Earlier re-statements of the redacted row are kept.
    """
    conn = store.conn
    ids = json.dumps(request_ids)
    events = conn.execute(
        "SELECT origin, counter, hlc, row_id, payload FROM changes WHERE tbl = 'placement_events' "
        "AND json_extract(payload, '$.request_id') IN (SELECT value FROM json_each(?))",
        (ids,),
    ).fetchall()
    requests = conn.execute(
        "SELECT origin, counter, hlc, row_id, payload FROM changes "
        "WHERE tbl = 'placement_requests' AND row_id IN (SELECT value FROM json_each(?)) "
        "AND coalesce(json_extract(payload, '$.redacted'), 0) != 1",  # keep re-statements
        (ids,),
    ).fetchall()
    for table, rows in (("placement_events", events), ("placement_requests", requests)):
        for origin, counter, hlc, row_id, payload in rows:
            marker = Change(counter, hlc, table, row_id, payload).as_marker()
            if marker != payload:
                conn.execute(
                    "UPDATE changes SET payload = ? WHERE origin = ? AND counter = ?",
                    (marker, origin, counter),
                )
    for (event_id,) in conn.execute(
        "DELETE FROM placement_events WHERE request_id IN (SELECT value FROM json_each(?)) "
        "RETURNING id",
        (ids,),
    ).fetchall():
        tx.touch("placement_events", event_id)  # derived state (holds) follows
