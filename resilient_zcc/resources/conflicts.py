"""Over-allocation of a stock: more reserved from it than was counted on hand.

Two coordinators cut off from each other can each give away the last oxygen cylinders of
the depot; once their changes merge, both allocations stand. Nothing is dropped silently:
each over-allocated stock becomes a `conflicts` row (kind 'overallocatie_middel', location
= the stock's holder, category = the resource) that a person settles, e.g. by taking one
allocation back. The id is derived from the stock and its count, so every device that
detects the same conflict writes the same row and the copies converge.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from ..errors import NotFound, ValidationError
from ..placements.conflicts import record_conflict
from ..validation import utc_iso
from .queries import stocks

if TYPE_CHECKING:
    from ..store import Store

KIND = "overallocatie_middel"
_NAMESPACE = uuid.UUID("b7d0e2f4-61a8-4c3d-9e5b-0a1f2c3d4e71")
RELEVANT_TABLES = frozenset({"resource_stocks", "resource_requests", "resource_events"})


def conflict_id(stock_id: str, counted_at: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, f"{KIND}:{stock_id}:{counted_at}"))


@dataclass(frozen=True)
class ResourceConflict:
    conflict_id: str
    stock_id: str
    location_id: str
    location_name: str
    resource: str
    quantity: int
    reserved: int
    request_ids: tuple[str, ...]
    detected_at: str
    resolved_at: str | None = None
    resolved_by: str | None = None
    resolution: str | None = None


def overallocations(store: Store) -> list[ResourceConflict]:
    """Every stock with more reserved than counted, as a not yet recorded conflict."""
    found = []
    for stock in stocks(store):
        if not stock.over_allocated:
            continue
        holders = store.query(
            "SELECT id FROM resource_requests WHERE stock_id = :stock AND deleted = 0 AND "
            "(state = 'toegewezen' OR (state IN ('verzonden', 'ontvangen') "
            "AND sent_at >= :counted_at)) ORDER BY id",
            {"stock": stock.stock_id, "counted_at": stock.counted_at},
        )
        found.append(
            ResourceConflict(
                conflict_id=conflict_id(stock.stock_id, stock.counted_at),
                stock_id=stock.stock_id,
                location_id=stock.location_id,
                location_name=stock.location_name,
                resource=stock.resource,
                quantity=stock.quantity,
                reserved=stock.reserved,
                request_ids=tuple(row["id"] for row in holders),
                detected_at="",
            )
        )
    return found


def detect_resource_overallocation(store: Store, now: datetime) -> list[ResourceConflict]:
    """Record every over-allocated stock as a conflict row (once); a resolved one reopens
    when more requests hold units than when it was resolved."""
    at = utc_iso(now)
    found = overallocations(store)
    with store.transaction() as tx:
        for item in found:
            details = {
                "stock_id": item.stock_id,
                "quantity": item.quantity,
                "reserved": item.reserved,
                "request_ids": list(item.request_ids),
            }
            record_conflict(
                store, tx, item.conflict_id, KIND, item.location_id, item.resource, details, at
            )
    return found


def refresh_resource_conflicts(store: Store, touched: set[tuple[str, str]]) -> None:
    """Derived-index hook: detect over-allocated stocks after a local or merged change."""
    if any(table in RELEVANT_TABLES for table, _row in touched):
        detect_resource_overallocation(store, datetime.now(UTC))


def resource_conflicts(
    store: Store, *, include_resolved: bool = False
) -> tuple[ResourceConflict, ...]:
    """Recorded resource conflicts, open ones first, newest first."""
    sql = (
        "SELECT c.*, l.name AS location_name FROM conflicts c "
        "LEFT JOIN locations l ON l.id = c.location_id WHERE c.deleted = 0 AND c.kind = ?"
    )
    if not include_resolved:
        sql += " AND c.resolved_at IS NULL"
    rows = store.query(
        sql + " ORDER BY c.resolved_at IS NOT NULL, c.detected_at DESC, c.id", (KIND,)
    )
    result = []
    for row in rows:
        details = json.loads(row["details"] or "{}")
        result.append(
            ResourceConflict(
                conflict_id=row["id"],
                stock_id=details.get("stock_id", ""),
                location_id=row["location_id"],
                location_name=row["location_name"] or "",
                resource=row["category"],
                quantity=int(details.get("quantity", 0)),
                reserved=int(details.get("reserved", 0)),
                request_ids=tuple(details.get("request_ids", ())),
                detected_at=row["detected_at"],
                resolved_at=row["resolved_at"],
                resolved_by=row["resolved_by"],
                resolution=row["resolution"],
            )
        )
    return tuple(result)


def resolve_resource_conflict(
    store: Store, conflict: str, by: str, resolution: str, now: datetime
) -> None:
    """A person records how the conflict was settled (which allocation stands)."""
    at = utc_iso(now)
    row = store.query_one(
        "SELECT * FROM conflicts WHERE id = ? AND deleted = 0 AND kind = ?", (conflict, KIND)
    )
    if row is None:
        raise NotFound(
            "No resource conflict with id {id}; 'resources conflicts' lists them.", id=conflict
        )
    if row["resolved_at"]:
        raise ValidationError(
            "This conflict was resolved already on {at} by {by}.",
            at=row["resolved_at"],
            by=row["resolved_by"],
        )
    if not by.strip():
        raise ValidationError("Say who resolves the conflict (a name or function).")
    if not resolution.strip():
        raise ValidationError(
            "Describe how the conflict was settled (like 'toewijzing aan Livio ingetrokken'); "
            "it is kept with the conflict."
        )
    with store.transaction() as tx:
        tx.put(
            "conflicts",
            conflict,
            {"resolved_at": at, "resolved_by": by.strip(), "resolution": resolution.strip()},
        )
