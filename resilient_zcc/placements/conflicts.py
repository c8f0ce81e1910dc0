"""Over-allocation: more places held at a location than its newest report says are free.

Two coordinators working apart (no network) can each offer the last bed; once their changes
merge, both offers stand. Nothing is dropped silently: each over-allocated location and
category becomes a `conflicts` row that a person resolves (e.g. by refusing one offer and
matching that patient again). The row id is derived from location, category and report, so
two devices that detect the same conflict write the same row and converge.
"""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from ..capacity.free_beds import held_requests
from ..capacity.queries import latest_reports
from ..errors import NotFound, ValidationError
from ..validation import utc_iso

if TYPE_CHECKING:
    from ..store import Store

KIND = "overallocatie"
_NAMESPACE = uuid.UUID("0c9b6d1e-3f2a-4c71-8e5d-2b7a9f40c613")
# Rows whose change can make or clear an over-allocation.
RELEVANT_TABLES = frozenset({"placement_requests", "placement_events", "capacity_reports"})


def conflict_id(location_id: str, category: str, report_id: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, f"{KIND}:{location_id}:{category}:{report_id}"))


def overallocations(store: Store) -> list[dict[str, Any]]:
    """Every location and category whose held places exceed the newest report's available
    (the places counted as in `capacity.free_beds`: its `over_allocated`)."""
    held = held_requests(store)
    result = []
    for location_id, category in sorted(held):
        for report in latest_reports(store, category=category, location_id=location_id):
            holders = held[(location_id, category)]
            available = int(report["available"] or 0)
            if len(holders) > available:
                result.append(
                    {
                        "id": conflict_id(location_id, category, report["report_id"]),
                        "location_id": location_id,
                        "location_name": report["location_name"],
                        "category": category,
                        "report_id": report["report_id"],
                        "reported_at": report["reported_at"],
                        "available": available,
                        "allocated": len(holders),
                        "request_ids": holders,
                    }
                )
    return result


def record_conflict(
    store: Store,
    tx: Any,
    conflict_id: str,
    kind: str,
    location_id: str,
    category: str,
    details: dict[str, Any],
    at: str,
) -> None:
    """Write an over-allocation (of beds or of stock) as a conflict row, once: a new one
    opens; a known one opens again only when more requests hold than when it was recorded
    or resolved. The one way both detectors record what a person must resolve."""
    row = store.query_one("SELECT * FROM conflicts WHERE id = ?", (conflict_id,))
    text = json.dumps(details, sort_keys=True)
    if row is None or row["deleted"]:
        tx.put(
            "conflicts",
            conflict_id,
            {
                "kind": kind,
                "location_id": location_id,
                "category": category,
                "detected_at": at,
                "details": text,
                "resolved_at": None,
                "resolved_by": None,
                "resolution": None,
                "deleted": 0,
            },
        )
        return
    known = set(json.loads(row["details"] or "{}").get("request_ids", []))
    if set(details["request_ids"]) - known:
        # New holders since it was recorded (or resolved): show it again, open.
        tx.put("conflicts", conflict_id, {"details": text, "detected_at": at, "resolved_at": None})


def detect_overallocation(store: Store, now: datetime) -> list[dict[str, Any]]:
    """Record every over-allocation as a conflict row (once); returns the over-allocations.

    A conflict that was resolved is reopened when more requests hold a place than when it
    was resolved.
    """
    at = utc_iso(now)
    found = overallocations(store)
    with store.transaction() as tx:
        for item in found:
            details = {
                "report_id": item["report_id"],
                "reported_at": item["reported_at"],
                "available": item["available"],
                "allocated": item["allocated"],
                "request_ids": item["request_ids"],
            }
            record_conflict(
                store, tx, item["id"], KIND, item["location_id"], item["category"], details, at
            )
    return found


def refresh_conflicts(store: Store, touched: set[tuple[str, str]]) -> None:
    """Derived-index hook: detect over-allocations after a transaction touched placements.

    Signature of `Store.derived_indexes` entries; runs inside the transaction, for local
    and merged changes. Its writes are `tx.put`s, so the change log must record rows that
    hooks write (see the report to the maintainers).
    """
    if any(table in RELEVANT_TABLES for table, _row in touched):
        detect_overallocation(store, datetime.now(UTC))


def open_conflicts(store: Store, *, include_resolved: bool = False) -> list[dict[str, Any]]:
    """Conflicts with their location and details; open ones first, newest first."""
    sql = (
        "SELECT c.id, c.kind, c.location_id, l.name AS location_name, c.category, "
        "c.detected_at, c.details, c.resolved_at, c.resolved_by, c.resolution "
        "FROM conflicts c LEFT JOIN locations l ON l.id = c.location_id "
        "WHERE c.deleted = 0 AND c.kind = ?"
    )
    if not include_resolved:
        sql += " AND c.resolved_at IS NULL"
    rows = store.query(
        sql + " ORDER BY c.resolved_at IS NOT NULL, c.detected_at DESC, c.id", (KIND,)
    )
    for row in rows:
        row["details"] = json.loads(row["details"] or "{}")
    return rows


def resolve_conflict(
    store: Store, conflict_id: str, by: str, resolution: str, now: datetime
) -> None:
    """A person records how the conflict was settled (which offer stands, what was done)."""
    at = utc_iso(now)
    by, resolution = by.strip(), resolution.strip()
    row = store.query_one("SELECT * FROM conflicts WHERE id = ? AND deleted = 0", (conflict_id,))
    if row is None:
        raise NotFound(
            "No conflict with id {id}; 'placements conflicts' lists them.", id=conflict_id
        )
    if row["resolved_at"]:
        raise ValidationError(
            "This conflict was resolved already on {at} by {by}.",
            at=row["resolved_at"],
            by=row["resolved_by"],
        )
    if not by:
        raise ValidationError("Say who resolves the conflict (a name or function).")
    if not resolution:
        raise ValidationError(
            "Describe the resolution (e.g. 'aanbod aan TW-2026-0012 ingetrokken, patiënt "
            "opnieuw gematcht'); it is kept with the conflict."
        )
    with store.transaction() as tx:
        tx.put(
            "conflicts",
            conflict_id,
            {"resolved_at": at, "resolved_by": by, "resolution": resolution},
        )
