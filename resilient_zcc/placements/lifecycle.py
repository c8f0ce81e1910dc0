"""The life cycle of a placement request: states, allowed steps and the rules from the sources.

    aangemeld -> in_behandeling -> plaats_aangeboden -> geaccepteerd -> vervoer_geregeld
              -> geplaatst
From every open state: geannuleerd (with a reason) or opgeschaald (to RCPS or LCPS for
hospital patients, to the supra-regional VG cohort for VG/LG clients; see `rules`).
A receiving institution may refuse an offered place (plaats_aangeboden -> in_behandeling)
only with a reason from a list (`rules.REFUSAL_REASONS`), and "not our own client" is not on
it, nor accepted as the explanation of "other" (ministry letter on
regional coordination: "Instellingen kunnen deze patiënten niet weigeren omdat het geen
'eigen cliënt' is"). Transport is arranged only after the receiving party accepted
(Twente plan: "Ambulancevervoer krijgt doorgang als aanvrager garantie geeft dat ontvangende
partij is geregeld").
"""

from __future__ import annotations

import re
import unicodedata

from ..errors import ValidationError
from ..i18n import Text
from .rules import ESCALATION_ROUTES, REFUSAL_REASONS

STATES: dict[str, tuple[str, str]] = {
    "aangemeld": ("aangemeld", "registered"),
    "in_behandeling": ("in behandeling", "in progress"),
    "plaats_aangeboden": ("plaats aangeboden", "place offered"),
    "geaccepteerd": ("geaccepteerd door ontvanger", "accepted by receiving party"),
    "vervoer_geregeld": ("vervoer geregeld", "transport arranged"),
    "geplaatst": ("geplaatst", "placed"),
    "geannuleerd": ("geannuleerd", "cancelled"),
    "opgeschaald": ("opgeschaald (bovenregionaal)", "escalated (supra-regional)"),
}
OPEN_STATES = (
    "aangemeld",
    "in_behandeling",
    "plaats_aangeboden",
    "geaccepteerd",
    "vervoer_geregeld",
)
CLOSED_STATES = ("geplaatst", "geannuleerd", "opgeschaald")
# States in which a request holds a place at its location: it counts against free capacity.
ALLOCATED_STATES = ("plaats_aangeboden", "geaccepteerd", "vervoer_geregeld", "geplaatst")

_FORWARD: dict[str, tuple[str, ...]] = {
    "aangemeld": ("in_behandeling",),
    "in_behandeling": ("plaats_aangeboden",),
    "plaats_aangeboden": ("geaccepteerd", "in_behandeling"),  # back = refused, with a reason
    "geaccepteerd": ("vervoer_geregeld",),
    "vervoer_geregeld": ("geplaatst",),
}
TRANSITIONS: dict[str, tuple[str, ...]] = {
    state: (*_FORWARD[state], "geannuleerd", "opgeschaald") for state in OPEN_STATES
}
TRANSITIONS.update({state: () for state in CLOSED_STATES})

# "Geen eigen cliënt" in its common wordings, after lower-casing and removing accents.
_NOT_OWN_CLIENT = re.compile(
    r"\b(geen|niet)\s+(een\s+)?(eigen|onze|van\s+ons)\b.*\bclient"
    r"|\b(geen|niet)\s+(een\s+)?(eigen|onze)\s+(client|bewoner|patient)"
    r"|\bclient\s+(is\s+)?(niet|geen)\s+(van\s+ons|eigen|bij\s+ons\s+bekend)"
    r"|\bnot\s+(our|an?\s+own)\s+(own\s+)?(client|patient)"
    r"|\bno\s+own\s+(client|patient)"
    r"|\b(hoort|valt)\s+niet\s+(bij|onder)\s+(ons|onze|de\s+eigen)\b"
    r"|\b(niet|geen)\s+(van\s+)?onze\s+(organisatie|instelling|doelgroep)"
    r"|\bnot\s+(one\s+of\s+ours|from\s+our\s+organi[sz]ation)"
)


def state_label(state: str | None) -> str:
    pair = STATES.get(state or "")
    return pair[0] if pair else (state or "")


def _names(states: tuple[str, ...]) -> str | Text:
    return ", ".join(f"'{s}'" for s in states) if states else Text("none (the request is closed)")


def _plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def is_not_own_client(reason: str) -> bool:
    return bool(_NOT_OWN_CLIENT.search(_plain(reason)))


def check_transition(
    current: str,
    target: str,
    *,
    reason: str = "",
    reason_code: str | None = None,
    escalated_to: str | None = None,
) -> None:
    """Raise a ValidationError, naming the allowed next states, if this step breaks a rule."""
    if target not in STATES:
        raise ValidationError(
            "Unknown state '{state}'. Known states: {known}.",
            state=target,
            known=_names(tuple(STATES)),
        )
    allowed = TRANSITIONS.get(current, ())
    if current in CLOSED_STATES:
        raise ValidationError(
            "The request is closed ('{current}'); no further step is possible. Register a new "
            "request if the patient still needs a place.",
            current=current,
        )
    if target == "vervoer_geregeld" and current != "geaccepteerd":
        raise ValidationError(
            "Transport cannot be arranged while the request is '{current}': the receiving "
            "party must have accepted first (ambulance transport goes ahead only when the "
            "receiving party is arranged). Allowed next states: {allowed}.",
            current=current,
            allowed=_names(allowed),
        )
    if target not in allowed:
        raise ValidationError(
            "A request that is '{current}' cannot go to '{target}' (no skipping of steps). "
            "Allowed next states: {allowed}.",
            current=current,
            target=target,
            allowed=_names(allowed),
        )
    if current == "plaats_aangeboden" and target == "in_behandeling":
        check_refusal(reason_code, reason)
    if target == "geannuleerd" and not reason.strip():
        raise ValidationError(
            "Cancelling a request needs a reason (e.g. 'lokaal opgelost', 'niet meer nodig')."
        )
    if target == "opgeschaald" and escalated_to not in ESCALATION_ROUTES:
        raise ValidationError(
            "Escalating a request needs the route it goes to: {known}, not {target!r}.",
            known=_names(tuple(ESCALATION_ROUTES)),
            target=escalated_to,
        )


def check_refusal(reason_code: str | None, reason: str) -> None:
    """A refusal names a reason from the list; 'anders' explains itself, never as 'not our
    own client' in any wording."""
    if reason_code not in REFUSAL_REASONS:
        raise ValidationError(
            "Refusing an offered place needs a reason from the list: {known} (with 'anders' "
            "an explanation). 'Not our own client' is not a reason.",
            known=_names(tuple(REFUSAL_REASONS)),
        )
    if reason_code == "anders" and not reason.strip():
        raise ValidationError(
            "Refusal reason 'anders' needs an explanation, which is logged (e.g. 'geen "
            "isolatiekamer vrij')."
        )
    if is_not_own_client(reason):
        raise ValidationError(
            "'Geen eigen cliënt' is not a reason to refuse: institutions cannot refuse a "
            "patient assigned to their cohort because he is not their own client (ministry "
            "letter on regional coordination). Accept the patient, or give a care reason."
        )
