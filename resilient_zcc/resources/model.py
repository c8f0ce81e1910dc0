"""Commands on scarce resources: count a stock, request, allocate, send, receive, refuse.

A stock belongs to a location or depot and a resource; its id is derived from both, so two
devices that count the same stock write the same row. `quantity` is what was counted on hand
at `counted_at`. What a stock still has free is the count minus what is reserved from it:
allocations not yet sent (still on the shelf, promised) and those sent since the count.
Allocation never exceeds what is free on this device; two coordinators cut off from each
other can still give away the same last units, which the core flags after the merge
(see conflicts.py).

A request's life cycle: aangevraagd -> toegewezen -> verzonden -> ontvangen, or geweigerd
(with reason) from aangevraagd or toegewezen; toegewezen -> aangevraagd withdraws the
allocation (with reason, e.g. to settle a conflict). Each step is a `resource_events` row.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import TYPE_CHECKING, Any

from ..errors import NotFound, ValidationError
from ..i18n import Text
from ..validation import FUTURE_TOLERANCE, new_id, require_row, required, utc_iso
from .vocabulary import TRANSITIONS, RequestState, check_resource

if TYPE_CHECKING:
    from ..store import Store


MAX_QUANTITY = 10_000_000
_NAMESPACE = uuid.UUID("5a3e7d21-9c44-4b0e-8f6a-1d2c3b4a5e60")


def stock_id(location_id: str, resource: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, f"stock:{location_id}:{resource}"))


def supply_link_id(supplier_id: str, resource: str, customer_id: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, f"supply:{supplier_id}:{resource}:{customer_id}"))


def _quantity(value: int, what: Text) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(
            "{what} must be a whole number, not {value!r}.", what=what, value=value
        )
    if value < 0:
        raise ValidationError(
            "{what} cannot be negative ({value}); give 0 or more.", what=what, value=value
        )
    if value > MAX_QUANTITY:
        raise ValidationError("{what} of {value} is implausibly large; check the figure.",
                              what=what, value=value)  # fmt: skip
    return value


def _moment(moment: datetime | None, now: datetime, what: Text) -> str:
    now_iso = utc_iso(now, Text("The current time"))
    moment = moment or now
    at = utc_iso(moment, what)
    if moment > now + FUTURE_TOLERANCE:
        raise ValidationError(
            "{what} {at} lies in the future (now is {now}).", what=what, at=at, now=now_iso
        )
    return at


def count_stock(
    store: Store,
    location_id: str,
    resource: str,
    quantity: int,
    *,
    counted_by: str,
    now: datetime,
    counted_at: datetime | None = None,
) -> str:
    """Record what a location or depot has on hand of a resource; returns the stock's id."""
    require_row(store, "locations", location_id, Text("location or depot"))
    resource = check_resource(resource)
    _quantity(quantity, Text("A stock"))
    by = required(counted_by, Text("Who counted the stock (counted_by)"))
    at = _moment(counted_at, now, Text("The moment of the count"))
    row_id = stock_id(location_id, resource)
    with store.transaction() as tx:
        tx.put(
            "resource_stocks",
            row_id,
            {
                "location_id": location_id,
                "resource": resource,
                "quantity": quantity,
                "counted_at": at,
                "counted_by": by,
                "deleted": 0,
            },
        )
    return row_id


def request_resource(
    store: Store,
    location_id: str,
    resource: str,
    quantity: int,
    *,
    reason: str,
    requested_by: str,
    now: datetime,
    needed_by: datetime | None = None,
    request_id: str | None = None,
    event_id: str | None = None,
) -> str:
    """An institution asks for `quantity` of a resource for one of its locations."""
    require_row(store, "locations", location_id, Text("location"))
    resource = check_resource(resource)
    _quantity(quantity, Text("The quantity asked for"))
    if quantity == 0:
        raise ValidationError("A request asks for at least 1.")
    reason = required(reason, Text("The reason for the request"))
    by = required(requested_by, Text("Who asks (requested_by)"))
    at = utc_iso(now, Text("The current time"))
    needed = None
    if needed_by is not None:
        needed = utc_iso(needed_by, Text("The moment it is needed by"))
        if needed_by < now - FUTURE_TOLERANCE:
            raise ValidationError(
                "It is needed by {needed}, which has passed (now is {now}); give a later "
                "time, or none for as soon as possible.",
                needed=needed,
                now=at,
            )
    request_id = request_id or new_id()
    with store.transaction() as tx:
        tx.put(
            "resource_requests",
            request_id,
            {
                "location_id": location_id,
                "resource": resource,
                "quantity": quantity,
                "needed_by": needed,
                "reason": reason,
                "requested_by": by,
                "requested_at": at,
                "state": RequestState.REQUESTED.value,
                "state_at": at,
                "stock_id": None,
                "allocated": None,
                "allocated_at": None,
                "sent_at": None,
                "refusal": None,
            },
        )
        tx.put(
            "resource_events",
            event_id or new_id(),
            {
                "request_id": request_id,
                "from_state": None,
                "to_state": RequestState.REQUESTED.value,
                "at": at,
                "by": by,
                "stock_id": None,
                "quantity": quantity,
                "reason": reason,
            },
        )
    return request_id


def get_request(store: Store, request_id: str) -> dict[str, Any]:
    row = store.query_one(
        "SELECT * FROM resource_requests WHERE id = ? AND deleted = 0", (request_id,)
    )
    if row is None:
        raise NotFound(
            "No resource request with id {id}; 'resources requests' lists them.", id=request_id
        )
    return row


def stock_free(store: Store, stock: str) -> tuple[dict[str, Any], int]:
    """The stock row and what it has free now on this device."""
    row = store.query_one("SELECT * FROM resource_stocks WHERE id = ? AND deleted = 0", (stock,))
    if row is None:
        raise NotFound("No stock with id {id}; 'resources stock' lists them.", id=stock)
    reserved = store.query_one(RESERVED_SQL, {"stock": stock, "counted_at": row["counted_at"]})
    return row, int(row["quantity"] or 0) - int(reserved["n"] if reserved else 0)


# Units reserved from a stock: allocated and not yet sent (on the shelf, promised), or sent
# since the count (no longer on the shelf the count saw).
RESERVED_SQL = (
    "SELECT coalesce(sum(allocated), 0) AS n FROM resource_requests "
    "WHERE stock_id = :stock AND deleted = 0 AND (state = 'toegewezen' OR "
    "(state IN ('verzonden', 'ontvangen') AND sent_at >= :counted_at))"
)


def _step(
    store: Store,
    request: dict[str, Any],
    to_state: RequestState,
    by: str,
    now: datetime,
    values: dict[str, Any],
    reason: str | None = None,
    quantity: int | None = None,
    event_id: str | None = None,
) -> None:
    current = RequestState(request["state"])
    if to_state not in TRANSITIONS[current]:
        allowed = ", ".join(TRANSITIONS[current]) or Text("none (it is closed)")
        raise ValidationError(
            "A request that is {state} cannot become {target}; next steps: {allowed}.",
            state=current.value,
            target=to_state.value,
            allowed=allowed,
        )
    by = required(by, Text("Who takes the step (by)"))
    at = utc_iso(now, Text("The current time"))
    if request["state_at"] and at < request["state_at"]:
        raise ValidationError(
            "This step is dated {at}, before the request's last step ({since}).",
            at=at,
            since=request["state_at"],
        )
    with store.transaction() as tx:
        tx.put(
            "resource_requests", request["id"], {"state": to_state.value, "state_at": at, **values}
        )
        tx.put(
            "resource_events",
            event_id or new_id(),
            {
                "request_id": request["id"],
                "from_state": current.value,
                "to_state": to_state.value,
                "at": at,
                "by": by,
                "stock_id": values.get("stock_id") or request["stock_id"],
                "quantity": quantity,
                "reason": reason,
            },
        )


def allocate(
    store: Store,
    request_id: str,
    stock: str,
    *,
    by: str,
    now: datetime,
    quantity: int | None = None,
    event_id: str | None = None,
) -> None:
    """The coordinator gives `quantity` (default: all asked) from a stock to the request."""
    request = get_request(store, request_id)
    row, free = stock_free(store, stock)
    if row["resource"] != request["resource"]:
        raise ValidationError(
            "This stock holds {stock}, the request asks for {asked}; choose a stock of {asked}.",
            stock=row["resource"],
            asked=request["resource"],
        )
    amount = request["quantity"] if quantity is None else quantity
    _quantity(amount, Text("The quantity allocated"))
    if amount == 0:
        raise ValidationError("Allocate at least 1, or refuse the request with a reason.")
    if amount > request["quantity"]:
        raise ValidationError(
            "Allocating {amount} is more than the {asked} asked for.",
            amount=amount,
            asked=request["quantity"],
        )
    if amount > free:
        raise ValidationError(
            "Allocating {amount} is more than the stock has free ({free} of {quantity} "
            "counted); allocate at most {free} or choose another stock.",
            amount=amount,
            free=max(free, 0),
            quantity=row["quantity"],
        )
    at = utc_iso(now, Text("The current time"))
    _step(
        store,
        request,
        RequestState.ALLOCATED,
        by,
        now,
        {"stock_id": stock, "allocated": amount, "allocated_at": at, "refusal": None},
        quantity=amount,
        event_id=event_id,
    )


def send(
    store: Store, request_id: str, *, by: str, now: datetime, event_id: str | None = None
) -> None:
    """The allocated units leave the stock."""
    request = get_request(store, request_id)
    at = utc_iso(now, Text("The current time"))
    _step(store, request, RequestState.SENT, by, now, {"sent_at": at}, event_id=event_id)


def receive(
    store: Store, request_id: str, *, by: str, now: datetime, event_id: str | None = None
) -> None:
    """The requesting location confirms receipt."""
    request = get_request(store, request_id)
    _step(store, request, RequestState.RECEIVED, by, now, {}, event_id=event_id)


def refuse(
    store: Store,
    request_id: str,
    *,
    by: str,
    reason: str,
    now: datetime,
    event_id: str | None = None,
) -> None:
    """Refuse a request (or take back an allocation and refuse); a reason is required."""
    request = get_request(store, request_id)
    if not reason.strip():
        raise ValidationError(
            "A refusal needs a reason (like 'voorraad nodig voor ziekenhuizen'); the "
            "requester reads it."
        )
    _step(
        store,
        request,
        RequestState.REFUSED,
        by,
        now,
        {"refusal": reason.strip()},
        reason=reason.strip(),
        event_id=event_id,
    )


def withdraw(store: Store, request_id: str, *, by: str, reason: str, now: datetime) -> None:
    """Take an allocation back; the request waits again (to settle a conflict, say)."""
    request = get_request(store, request_id)
    if not reason.strip():
        raise ValidationError("Taking back an allocation needs a reason; it is kept with it.")
    _step(
        store,
        request,
        RequestState.REQUESTED,
        by,
        now,
        {"stock_id": None, "allocated": None, "allocated_at": None},
        reason=reason.strip(),
    )


def link_supplier(
    store: Store, supplier_id: str, resource: str, customer_id: str, note: str = ""
) -> str:
    """Record that an organisation (sector 'leverancier') supplies a resource to another."""
    require_row(store, "organisations", supplier_id, Text("supplier"))
    require_row(store, "organisations", customer_id, Text("organisation"))
    sector = store.query_one("SELECT sector FROM organisations WHERE id = ?", (supplier_id,))
    if not sector or sector["sector"] != "leverancier":
        raise ValidationError(
            "Only an organisation of the sector 'leverancier' can be a supplier; change its "
            "sector first."
        )
    resource = check_resource(resource)
    link = supply_link_id(supplier_id, resource, customer_id)
    with store.transaction() as tx:
        tx.put(
            "supply_links",
            link,
            {
                "supplier_id": supplier_id,
                "resource": resource,
                "customer_id": customer_id,
                "note": note.strip(),
                "deleted": 0,
            },
        )
    return link
