"""Commands on the placement queue: register a request and move it through its life cycle.

Each command validates everything first, then writes the request's state columns and one
append-only `placement_events` row (who, when, from, to, where, why) in one transaction.
Patient data is special-category personal data: a request carries a pseudonymous reference
(a form number), never a name or BSN, and only what placement needs (see `retention`).
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import TYPE_CHECKING, Any

from ..capacity.categories import check_category
from ..errors import NotFound, ValidationError
from ..i18n import Text
from ..validation import choice, new_id, utc_iso
from .lifecycle import CLOSED_STATES, OPEN_STATES, check_transition
from .matching import check_offer, get_request
from .rules import check_escalation, check_transport
from .vocabulary import (
    AGE_BANDS,
    CARE_NEEDS,
    COVID_STATUSES,
    ESCALATION_TARGETS,
    TRANSPORTS,
    URGENCIES,
    categories_for,
)

if TYPE_CHECKING:
    from ..store import Store

REFERENCE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9/._-]{2,31}$")
# A BSN is nine digits (older ones eight, written with a leading zero), often grouped.
BSN_LIKE = re.compile(
    r"(?<![\d])(\d{9}|\d{4}[ .-]\d{2}[ .-]\d{3}|\d{3}[ .-]\d{3}[ .-]\d{3})(?![\d])"
)
FREE_TEXT_LIMIT = 500


def _no_bsn(text: str, what: Text) -> str:
    if BSN_LIKE.search(text):
        raise ValidationError(
            "{what} contains a nine-digit number that looks like a BSN. Never enter a BSN or "
            "a name: use the referrer's form number (like TW-2026-0001) and describe the care.",
            what=what,
        )
    return text


def _free_text(text: str, what: Text) -> str:
    text = text.strip()
    if len(text) > FREE_TEXT_LIMIT:
        raise ValidationError(
            "{what} is {length} characters; keep it to {limit} (only what placement needs).",
            what=what,
            length=len(text),
            limit=FREE_TEXT_LIMIT,
        )
    return _no_bsn(text, what)


def check_reference(reference: str) -> str:
    reference = reference.strip()
    _no_bsn(reference, Text("The reference"))
    if not REFERENCE.match(reference) or not any(c.isdigit() for c in reference):
        raise ValidationError(
            "'{reference}' is not a pseudonymous reference: use the referrer's form number, "
            "3 to 32 letters, digits, '-', '/', '.' or '_' with at least one digit, like "
            "TW-2026-0001 (never a name or BSN).",
            reference=reference,
        )
    return reference


def _who(by: str) -> str:
    by = by.strip()
    if not by:
        raise ValidationError("Say who does this (a name or function, e.g. 'ZCC-coördinator').")
    return by


def register_request(
    store: Store,
    *,
    reference: str,
    category: str,
    care_need: str,
    urgency: str,
    by: str,
    now: datetime,
    age_band: str = "",
    covid_status: str = "onbekend",
    region_id: str | None = None,
    current_location: str = "",
    referrer_org_id: str | None = None,
    referrer_contact: str = "",
    wishes: str = "",
    treatment_limits: str = "",
    acp_no_ic: bool = False,
    acp_no_resuscitation: bool = False,
    acp_no_hospital: bool = False,
    oxygen: bool = False,
    hfno: bool = False,
    isolation: bool = False,
    transport: str = "ambulance",
    postoperative: bool = False,
    local_route_tried: bool = False,
    request_id: str | None = None,
    event_id: str | None = None,
) -> str:
    """Put a patient on the queue ('aangemeld'); returns the request id.

    `local_route_tried`: the referrer tried the regular route first (own network, usual
    referral); the ZCC acts only when regular processes no longer suffice (Twente plan).
    """
    at = utc_iso(now)
    reference = check_reference(reference)
    choice(care_need, CARE_NEEDS, Text("care need"))
    check_category(store, category)
    fitting = categories_for(care_need)
    if category not in fitting:
        raise ValidationError(
            "Category '{category}' does not give the care need '{care_need}'. Categories for "
            "'{care_need}': {fitting}.",
            category=category,
            care_need=care_need,
            fitting=", ".join(fitting),
        )
    choice(urgency, URGENCIES, Text("urgency"))
    if age_band:
        choice(age_band, AGE_BANDS, Text("age band"))
    choice(covid_status, COVID_STATUSES, Text("COVID status"))
    choice(transport, TRANSPORTS, Text("transport"))
    check_transport(hfno=hfno, transport=transport)
    if acp_no_ic and care_need == "ic":
        raise ValidationError(
            "The treatment limits say no IC (acp_no_ic), but the care need is 'ic'. Check the "
            "wishes with the referrer; choose another care need or correct the limits."
        )
    hospital_needs = ("ic", "bewaking", "ziekenhuis")
    if acp_no_hospital and care_need in hospital_needs:
        raise ValidationError(
            "The treatment limits say no hospital admission (acp_no_hospital), but the care "
            "need is '{care_need}'. Care needs outside hospital: {outside}.",
            care_need=care_need,
            outside=", ".join(c for c in CARE_NEEDS if c not in hospital_needs),
        )
    if referrer_org_id and not store.query_one(
        "SELECT 1 FROM organisations WHERE id = ? AND deleted = 0", (referrer_org_id,)
    ):
        raise NotFound("No organisation with id {id} (the referrer).", id=referrer_org_id)
    values = {
        "reference": reference,
        "region_id": region_id,
        "age_band": age_band or None,
        "covid_status": covid_status,
        "care_need": care_need,
        "category": category,
        "urgency": urgency,
        "current_location": _free_text(current_location, Text("The current location")),
        "referrer_org_id": referrer_org_id,
        "referrer_contact": _free_text(referrer_contact, Text("The referrer contact")),
        "wishes": _free_text(wishes, Text("The wishes")),
        "treatment_limits": _free_text(treatment_limits, Text("The treatment limits")),
        "acp_no_ic": int(acp_no_ic),
        "acp_no_resuscitation": int(acp_no_resuscitation),
        "acp_no_hospital": int(acp_no_hospital),
        "oxygen": int(oxygen or hfno),
        "hfno": int(hfno),
        "isolation": int(isolation),
        "transport": transport,
        "postoperative": int(postoperative),
        "local_route_tried": int(local_route_tried),
        "state": "aangemeld",
        "state_at": at,
        "location_id": None,
        "escalated_to": None,
        "registered_at": at,
        "closed_at": None,
        "redacted": 0,
    }
    who = _who(by)
    open_twin = store.query_one(
        "SELECT id FROM placement_requests WHERE reference = ? AND deleted = 0 AND state IN "
        f"({','.join('?' for _ in OPEN_STATES)})",
        (reference, *OPEN_STATES),
    )
    if open_twin:
        raise ValidationError(
            "Reference {reference} is already on the queue (request {request}); "
            "update that request instead of registering it twice.",
            reference=reference,
            request=open_twin["id"][:8],
        )
    request_id = request_id or new_id()
    with store.transaction() as tx:
        tx.put("placement_requests", request_id, values)
        tx.put(
            "placement_events",
            event_id or new_id(),
            {
                "request_id": request_id,
                "from_state": None,
                "to_state": "aangemeld",
                "at": at,
                "by": who,
                "location_id": None,
                "category": category,
                "reason": None,
            },
        )
    return request_id


def advance(
    store: Store,
    request_id: str,
    to_state: str,
    *,
    by: str,
    now: datetime,
    location_id: str | None = None,
    category: str | None = None,
    reason: str = "",
    reason_code: str | None = None,
    escalated_to: str | None = None,
    event_id: str | None = None,
) -> dict[str, Any]:
    """Take one step in the life cycle; returns the request as it is afterwards.

    'plaats_aangeboden' needs a location (and a category, default the requested one) and
    re-checks free capacity at this moment; later steps keep that location and category.
    """
    at = utc_iso(now)
    who = _who(by)
    request = get_request(store, request_id)
    current = request["state"] or "aangemeld"
    reason = _free_text(reason, Text("The reason"))
    if escalated_to is not None:
        choice(escalated_to, ESCALATION_TARGETS, Text("escalation target"))
    check_transition(
        current, to_state, reason=reason, reason_code=reason_code, escalated_to=escalated_to
    )
    if to_state == "opgeschaald" and escalated_to is not None:
        check_escalation(request["care_need"], escalated_to)
    refusal = current == "plaats_aangeboden" and to_state == "in_behandeling"
    values: dict[str, Any] = {"state": to_state, "state_at": at}
    event_location = request["location_id"]
    event_category = _offered_category(store, request)
    if to_state == "plaats_aangeboden":
        if not location_id:
            raise ValidationError(
                "Offering a place needs the location (--location); 'placements match' lists "
                "the candidates."
            )
        if not store.query_one(
            "SELECT 1 FROM locations WHERE id = ? AND deleted = 0", (location_id,)
        ):
            raise NotFound(
                "No location with id {id}; 'placements match' lists them.", id=location_id
            )
        event_category = category or request["category"]
        check_category(store, event_category)
        check_offer(store, request, location_id, event_category, now)
        event_location = location_id
        values["location_id"] = location_id
    elif location_id is not None or category is not None:
        raise ValidationError(
            "A location and category are given only when offering a place "
            "('plaats_aangeboden'); later steps keep the offered place."
        )
    if current == "plaats_aangeboden" and to_state == "in_behandeling":
        values["location_id"] = None  # refused: the place is free again
    if to_state == "opgeschaald":
        values["escalated_to"] = escalated_to
    if to_state in CLOSED_STATES:
        values["closed_at"] = at
    with store.transaction() as tx:
        tx.put("placement_requests", request_id, values)
        tx.put(
            "placement_events",
            event_id or new_id(),
            {
                "request_id": request_id,
                "from_state": current,
                "to_state": to_state,
                "at": at,
                "by": who,
                "location_id": event_location,
                "category": event_category,
                "reason": reason or None,
                "reason_code": reason_code if refusal else None,
            },
        )
    return get_request(store, request_id)


def _offered_category(store: Store, request: dict[str, Any]) -> str:
    """The category of the place the request holds now, or the requested one."""
    if request["location_id"]:
        row = store.query_one(
            "SELECT category FROM placement_events WHERE request_id = ? AND deleted = 0 "
            "AND to_state = 'plaats_aangeboden' AND location_id = ? ORDER BY at DESC, id DESC "
            "LIMIT 1",
            (request["id"], request["location_id"]),
        )
        if row and row["category"]:
            return str(row["category"])
    return str(request["category"])
