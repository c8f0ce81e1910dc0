"""Resources known by name (the list is extendable: any plain code is accepted) and the
states of a resource request."""

from __future__ import annotations

import re
from enum import StrEnum

from ..errors import ValidationError


class RequestState(StrEnum):
    REQUESTED = "aangevraagd"
    ALLOCATED = "toegewezen"
    SENT = "verzonden"
    RECEIVED = "ontvangen"
    REFUSED = "geweigerd"


STATES: dict[str, tuple[str, str]] = {
    RequestState.REQUESTED: ("Aangevraagd", "Requested"),
    RequestState.ALLOCATED: ("Toegewezen", "Allocated"),
    RequestState.SENT: ("Verzonden", "Sent"),
    RequestState.RECEIVED: ("Ontvangen", "Received"),
    RequestState.REFUSED: ("Geweigerd", "Refused"),
}
OPEN_STATES = (RequestState.REQUESTED, RequestState.ALLOCATED, RequestState.SENT)

# The steps a request may take; back to 'aangevraagd' withdraws an allocation (with reason).
TRANSITIONS: dict[RequestState, tuple[RequestState, ...]] = {
    RequestState.REQUESTED: (RequestState.ALLOCATED, RequestState.REFUSED),
    RequestState.ALLOCATED: (RequestState.SENT, RequestState.REQUESTED, RequestState.REFUSED),
    RequestState.SENT: (RequestState.RECEIVED,),
    RequestState.RECEIVED: (),
    RequestState.REFUSED: (),
}

# code: (Dutch, English, unit)
RESOURCES: dict[str, tuple[str, str, str]] = {
    "pbm_ffp2": ("FFP2-maskers", "FFP2 masks", "stuks"),
    "pbm_chirurgisch": ("Chirurgische mondmaskers", "Surgical masks", "stuks"),
    "pbm_schorten": ("Isolatieschorten", "Isolation gowns", "stuks"),
    "pbm_handschoenen": ("Handschoenen (paar)", "Gloves (pairs)", "stuks"),
    "pbm_brillen": ("Veiligheidsbrillen", "Safety goggles", "stuks"),
    "zuurstofcilinders": ("Zuurstofcilinders", "Oxygen cylinders", "stuks"),
    "zuurstofconcentratoren": ("Zuurstofconcentratoren", "Oxygen concentrators", "stuks"),
    "infuuspompen": ("Infuuspompen", "Infusion pumps", "stuks"),
    "saturatiemeters": ("Saturatiemeters", "Pulse oximeters", "stuks"),
    "brandstof": ("Brandstof (diesel)", "Fuel (diesel)", "liter"),
    "palliatieve_medicatie": (
        "Palliatieve medicatie (sets)",
        "Palliative medication (kits)",
        "sets",
    ),  # fmt: skip
}
_CODE = re.compile(r"^[a-z][a-z0-9_]{1,40}$")


def check_resource(code: str) -> str:
    """A known resource, or a new one with a plain code (lower case, digits, underscores)."""
    code = code.strip()
    if not _CODE.match(code):
        raise ValidationError(
            "'{code}' is not a resource code; use lower case letters, digits and "
            "underscores (like zuurstofcilinders). Known: {known}.",
            code=code,
            known=", ".join(RESOURCES),
        )
    return code


def resource_label(code: str, lang: str = "nl") -> str:
    entry = RESOURCES.get(code)
    if entry is None:
        return code.replace("_", " ")
    return entry[0] if lang == "nl" else entry[1]


def unit(code: str) -> str:
    entry = RESOURCES.get(code)
    return entry[2] if entry else "stuks"
