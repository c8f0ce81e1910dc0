"""The regime in force (normal, or the regional noodscenario) and the roles it resolves.

Seed 000: "In het noodscenario ... betekent dit dat bij escalatie niet de GHOR geïnformeerd
moet worden, maar het ROAZ. Dit geldt ook voor een verzoek om een ketenoverleg." A procedure
step or task-card action is bound to a regime (shown only while it is in force), or names a
role that the regime resolves to a function: 'escalatie' is the OvD-G (GHOR) normally and
the ROAZ chair in a noodscenario.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..errors import ValidationError
from .holders import functions_with_code

if TYPE_CHECKING:
    from ..store import Store

NORMAL = "normaal"
NOODSCENARIO = "noodscenario"
REGIMES: dict[str, tuple[str, str]] = {
    NORMAL: ("normaal", "normal"),
    NOODSCENARIO: ("noodscenario", "emergency scenario"),
}
ESCALATION = "escalatie"
# role -> regime -> function code
ROLES: dict[str, dict[str, str]] = {
    ESCALATION: {NORMAL: "ovdg", NOODSCENARIO: "roaz_voorzitter"},
}
ROLE_LABELS: dict[str, tuple[str, str]] = {
    ESCALATION: (
        "escalatie: de GHOR (OvD-G); in een noodscenario het ROAZ",
        "escalation: the GHOR (OvD-G); in a noodscenario the ROAZ",
    ),
}


def check_regime(value: str | None) -> str | None:
    value = (value or "").strip() or None
    if value is not None and value not in REGIMES:
        raise ValidationError(
            "Unknown regime '{regime}'. Allowed: {allowed} (or none: always).",
            regime=value,
            allowed=", ".join(REGIMES),
        )
    return value


def check_role(value: str | None) -> str | None:
    value = (value or "").strip() or None
    if value is not None and value not in ROLES:
        raise ValidationError(
            "Unknown role '{role}'. Allowed: {allowed}.", role=value, allowed=", ".join(ROLES)
        )
    return value


def regime_in_force(store: Store, region_id: str | None = None) -> str:
    """NOODSCENARIO while the (given, else any) ROAZ region has declared it, else NORMAL."""
    if region_id:
        row = store.query_one(
            "SELECT r.noodscenario, p.noodscenario AS parent FROM regions r "
            "LEFT JOIN regions p ON p.id = r.parent_id WHERE r.id = ?",
            (region_id,),
        )
        on = bool(row and (row["noodscenario"] or row["parent"]))
    else:
        on = bool(
            store.query_one(
                "SELECT 1 FROM regions WHERE kind = 'roaz' AND noodscenario = 1 AND deleted = 0"
            )
        )
    return NOODSCENARIO if on else NORMAL


def applies(bound_to: str | None, regime: str) -> bool:
    return bound_to is None or bound_to == regime


def role_function(store: Store, role: str, regime: str) -> dict[str, Any] | None:
    """The function a role names in the regime (regional functions first), if any."""
    functions = functions_with_code(store, ROLES[role][regime])
    return functions[0] if functions else None


def regime_label(regime: str | None, lang: str = "nl") -> str:
    pair = REGIMES.get(regime or "")
    return (pair[0] if lang == "nl" else pair[1]) if pair else ""


def step_note(bound_to: str | None, role: str | None, lang: str = "nl") -> str:
    """What a reader must know about a regime-bound step or a role, for screen and paper."""
    notes = []
    if bound_to == NOODSCENARIO:
        notes.append("alleen bij noodscenario" if lang == "nl" else "only in a noodscenario")
    elif bound_to == NORMAL:
        notes.append(
            "alleen buiten een noodscenario" if lang == "nl" else "only outside a noodscenario"
        )
    if role in ROLE_LABELS:
        notes.append(ROLE_LABELS[role][0 if lang == "nl" else 1])
    return "; ".join(notes)
