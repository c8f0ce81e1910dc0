"""What the placement queue answers: the queue by state and urgency, a request's history."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..errors import ValidationError
from .lifecycle import STATES
from .matching import get_request
from .vocabulary import URGENCY_ORDER

if TYPE_CHECKING:
    from ..store import Store

_STATE_ORDER = {state: n for n, state in enumerate(STATES)}


def queue(store: Store, state: str | None = None) -> list[dict[str, Any]]:
    """Requests in life-cycle order of their state, then most urgent, then longest waiting."""
    if state is not None and state not in STATES:
        raise ValidationError(
            "Unknown state '{state}'. Known states: {known}.", state=state, known=", ".join(STATES)
        )
    sql = (
        "SELECT r.id, r.reference, r.care_need, r.category, r.urgency, r.covid_status, "
        "r.age_band, r.oxygen, r.hfno, r.isolation, r.transport, r.acp_no_ic, "
        "r.acp_no_resuscitation, r.acp_no_hospital, r.state, r.state_at, r.registered_at, "
        "r.closed_at, r.location_id, l.name AS location_name, r.escalated_to, "
        "r.referrer_org_id, coalesce(o.short_name, o.name) AS referrer, r.redacted "
        "FROM placement_requests r "
        "LEFT JOIN locations l ON l.id = r.location_id AND l.deleted = 0 "
        "LEFT JOIN organisations o ON o.id = r.referrer_org_id AND o.deleted = 0 "
        "WHERE r.deleted = 0"
    )
    params: list[str] = []
    if state is not None:
        sql += " AND r.state = ?"
        params.append(state)
    rows = store.query(sql, params)
    rows.sort(
        key=lambda r: (
            _STATE_ORDER.get(r["state"], len(_STATE_ORDER)),
            URGENCY_ORDER.get(r["urgency"], len(URGENCY_ORDER)),
            r["registered_at"] or "",
            r["id"],
        )
    )
    return rows


def events(store: Store, request_id: str) -> list[dict[str, Any]]:
    """Every step of a request, oldest first."""
    get_request(store, request_id)
    return store.query(
        "SELECT e.id, e.from_state, e.to_state, e.at, e.by, e.location_id, "
        "l.name AS location_name, e.category, e.reason FROM placement_events e "
        "LEFT JOIN locations l ON l.id = e.location_id "
        "WHERE e.request_id = ? AND e.deleted = 0 ORDER BY e.at, e.id",
        (request_id,),
    )


def counts_by_state(store: Store) -> dict[str, int]:
    rows = store.query(
        "SELECT state, count(*) AS n FROM placement_requests WHERE deleted = 0 GROUP BY state"
    )
    found = {row["state"]: int(row["n"]) for row in rows}
    return {state: found.get(state, 0) for state in STATES}
