"""What the resources picture answers: stocks and what they have free, requests (open first,
who asked, by when, why), and who supplies what to whom with their 24/7 number."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..contacts.reachable import round_the_clock
from .model import RESERVED_SQL
from .vocabulary import OPEN_STATES, RequestState, resource_label, unit

if TYPE_CHECKING:
    from ..store import Store


@dataclass(frozen=True)
class Stock:
    stock_id: str
    location_id: str
    location_name: str
    resource: str
    resource_label: str
    unit: str
    quantity: int  # counted on hand
    reserved: int  # allocated from it (not yet sent, or sent since the count)
    counted_at: str
    counted_by: str

    @property
    def free(self) -> int:
        return self.quantity - self.reserved

    @property
    def over_allocated(self) -> bool:
        return self.reserved > self.quantity


@dataclass(frozen=True)
class ResourceRequest:
    request_id: str
    location_id: str
    location_name: str
    organisation: str
    resource: str
    resource_label: str
    quantity: int
    needed_by: str | None
    reason: str
    requested_by: str
    requested_at: str
    state: RequestState
    state_at: str
    stock_id: str | None
    stock_location: str
    allocated: int | None
    refusal: str | None

    @property
    def open(self) -> bool:
        return self.state in OPEN_STATES


@dataclass(frozen=True)
class SupplyLink:
    supplier_id: str
    supplier: str
    phone: str  # the supplier's 24/7 number, if the directory has one
    phone_function: str
    resource: str
    resource_label: str
    customer_id: str
    customer: str
    note: str


def stocks(store: Store, *, resource: str | None = None) -> tuple[Stock, ...]:
    """Every stock with its count and reservations, by resource and location."""
    sql = (
        "SELECT s.*, l.name AS location_name FROM resource_stocks s "
        "LEFT JOIN locations l ON l.id = s.location_id WHERE s.deleted = 0"
    )
    params: list[str] = []
    if resource is not None:
        sql += " AND s.resource = ?"
        params.append(resource)
    result = []
    for row in store.query(sql + " ORDER BY s.resource, l.name, s.id", params):
        reserved = store.query_one(
            RESERVED_SQL, {"stock": row["id"], "counted_at": row["counted_at"]}
        )
        result.append(
            Stock(
                stock_id=row["id"],
                location_id=row["location_id"],
                location_name=row["location_name"] or "",
                resource=row["resource"],
                resource_label=resource_label(row["resource"]),
                unit=unit(row["resource"]),
                quantity=int(row["quantity"] or 0),
                reserved=int(reserved["n"]) if reserved else 0,
                counted_at=row["counted_at"],
                counted_by=row["counted_by"] or "",
            )
        )
    return tuple(result)


def _request(row: dict[str, Any]) -> ResourceRequest:
    return ResourceRequest(
        request_id=row["id"],
        location_id=row["location_id"],
        location_name=row["location_name"] or "",
        organisation=row["organisation"] or "",
        resource=row["resource"],
        resource_label=resource_label(row["resource"]),
        quantity=int(row["quantity"] or 0),
        needed_by=row["needed_by"],
        reason=row["reason"] or "",
        requested_by=row["requested_by"] or "",
        requested_at=row["requested_at"],
        state=RequestState(row["state"]),
        state_at=row["state_at"],
        stock_id=row["stock_id"],
        stock_location=row["stock_location"] or "",
        allocated=row["allocated"],
        refusal=row["refusal"],
    )


_REQUESTS_SQL = """
SELECT r.*, l.name AS location_name, coalesce(nullif(o.short_name, ''), o.name, '')
       AS organisation, sl.name AS stock_location
FROM resource_requests r
LEFT JOIN locations l ON l.id = r.location_id
LEFT JOIN organisations o ON o.id = l.organisation_id
LEFT JOIN resource_stocks s ON s.id = r.stock_id
LEFT JOIN locations sl ON sl.id = s.location_id
WHERE r.deleted = 0 {where}
ORDER BY r.state NOT IN ('aangevraagd', 'toegewezen', 'verzonden'),
         r.needed_by IS NULL, r.needed_by, r.requested_at, r.id
"""


def requests(store: Store, *, open_only: bool = False) -> tuple[ResourceRequest, ...]:
    """Resource requests, open ones first, the most urgent (needed soonest) first."""
    where = ""
    if open_only:
        where = "AND r.state IN ('aangevraagd', 'toegewezen', 'verzonden')"
    return tuple(_request(row) for row in store.query(_REQUESTS_SQL.format(where=where)))


def request_history(store: Store, request_id: str) -> list[dict[str, Any]]:
    """Every step of a request, oldest first."""
    return store.query(
        "SELECT from_state, to_state, at, by, stock_id, quantity, reason FROM resource_events "
        "WHERE request_id = ? AND deleted = 0 "
        "ORDER BY at, json_extract(_clock, '$.to_state[0]'), id",  # same minute: write order
        (request_id,),
    )


def suppliers(
    store: Store, *, customer_id: str | None = None, resource: str | None = None
) -> tuple[SupplyLink, ...]:
    """Who supplies what to whom ("who delivers fuel to ZGT Almelo"), with 24/7 numbers."""
    sql = (
        "SELECT k.*, s.name AS supplier, coalesce(nullif(c.short_name, ''), c.name, '') "
        "AS customer FROM supply_links k "
        "JOIN organisations s ON s.id = k.supplier_id AND s.deleted = 0 "
        "JOIN organisations c ON c.id = k.customer_id AND c.deleted = 0 WHERE k.deleted = 0"
    )
    params: list[str] = []
    if customer_id is not None:
        sql += " AND k.customer_id = ?"
        params.append(customer_id)
    if resource is not None:
        sql += " AND k.resource = ?"
        params.append(resource)
    rows = store.query(sql + " ORDER BY customer, k.resource, supplier, k.id", params)
    phones = round_the_clock(store, sorted({r["supplier_id"] for r in rows}))
    return tuple(
        SupplyLink(
            supplier_id=r["supplier_id"],
            supplier=r["supplier"] or "",
            phone=phones[r["supplier_id"]].number if r["supplier_id"] in phones else "",
            phone_function=(
                phones[r["supplier_id"]].function if r["supplier_id"] in phones else ""
            ),
            resource=r["resource"],
            resource_label=resource_label(r["resource"]),
            customer_id=r["customer_id"],
            customer=r["customer"] or "",
            note=r["note"] or "",
        )
        for r in rows
    )
