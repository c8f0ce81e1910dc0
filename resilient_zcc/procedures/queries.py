"""What the fallback procedures answer: which exist, and each step resolved to whoever
holds its function now, with their channels in fallback order."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from ..crisis.holders import function_holders, function_row
from ..crisis.regime import (
    ROLES,
    applies,
    check_regime,
    regime_in_force,
    role_function,
    step_note,
)
from ..errors import NotFound, ValidationError
from ..i18n import t
from . import INCIDENT_TYPES

if TYPE_CHECKING:
    from ..store import Store


def incident_label(code: str, lang: str = "nl") -> str:
    pair = INCIDENT_TYPES.get(code)
    if pair is None:
        return code
    return pair[0] if lang == "nl" else pair[1]


def list_procedures(
    store: Store, organisation_id: str | None = None, incident_type: str | None = None
) -> list[dict[str, Any]]:
    if incident_type is not None and incident_type not in INCIDENT_TYPES:
        raise ValidationError(
            "Unknown incident type '{value}'. Allowed: {allowed}.",
            value=incident_type,
            allowed=", ".join(INCIDENT_TYPES),
        )
    where = ["p.deleted = 0"]
    params: list[Any] = []
    if organisation_id is not None:
        where.append("p.organisation_id = ?")
        params.append(organisation_id)
    if incident_type is not None:
        where.append("p.incident_type = ?")
        params.append(incident_type)
    rows = store.query(
        "SELECT p.id, p.organisation_id, o.name AS organisation, o.sector, p.incident_type, "
        "p.title, (SELECT count(*) FROM procedure_steps s WHERE s.procedure_id = p.id "
        "AND s.deleted = 0) AS steps FROM procedures p "
        "LEFT JOIN organisations o ON o.id = p.organisation_id "
        f"WHERE {' AND '.join(where)} ORDER BY o.name, p.incident_type, p.title",
        params,
    )
    for row in rows:
        row["incident_label"] = incident_label(row["incident_type"])
    return rows


def resolve_procedure(
    store: Store, procedure_id: str, now: datetime, regime: str | None = None
) -> dict[str, Any]:
    """The procedure with every step's function resolved to its holders at `now`, in the
    regime in force (or the one given): a step bound to another regime has `in_force` false
    (shown as such, never resolved), and a step naming a role gets the function the regime
    gives it.

    Each step carries `warning` when nobody can be reached through it: no function named,
    the function removed, nobody holding it now, or holders without any channel.
    """
    row = store.query_one(
        "SELECT p.id, p.organisation_id, o.name AS organisation, p.incident_type, p.title "
        "FROM procedures p LEFT JOIN organisations o ON o.id = p.organisation_id "
        "WHERE p.id = ? AND p.deleted = 0",
        (procedure_id,),
    )
    if row is None:
        raise NotFound("No procedure with id {id}.", id=procedure_id)
    row["incident_label"] = incident_label(row["incident_type"])
    regime = check_regime(regime) or regime_in_force(store)
    row["regime"] = regime
    steps = store.query(
        "SELECT id, function_id, text, regime, role FROM procedure_steps "
        "WHERE procedure_id = ? AND deleted = 0 ORDER BY position, id",
        (procedure_id,),
    )
    resolved = []
    for n, step in enumerate(steps, 1):
        in_force = applies(step["regime"], regime)
        if step["role"] in ROLES:
            function = role_function(store, step["role"], regime)
        else:
            function = function_row(store, step["function_id"])
        holders = function_holders(store, function["id"], now) if function and in_force else []
        warning = None
        if not in_force:
            pass  # not this regime's step: nobody needs to be reached through it now
        elif step["role"] in ROLES and function is None:
            warning = t("Nobody holds the function '{function}' now.", function=step["role"])
        elif not step["function_id"] and not step["role"]:
            warning = t("No function named: assign a function to this step.")
        elif function is None:
            warning = t("The function named no longer exists: assign another function.")
        elif not holders:
            warning = t("Nobody holds the function '{function}' now.", function=function["name"])
        elif not any(h["channels"] for h in holders):
            warning = t("No contact details for '{function}'.", function=function["name"])
        resolved.append(
            {
                "number": n,
                "id": step["id"],
                "text": step["text"],
                "function_id": step["function_id"],
                "function": function["name"] if function else None,
                "function_organisation": function["organisation"] if function else None,
                "holders": holders,
                "warning": warning,
                "regime": step["regime"],
                "role": step["role"],
                "in_force": in_force,
                "note": step_note(step["regime"], step["role"]),
                "note_en": step_note(step["regime"], step["role"], "en"),
            }
        )
    row["steps"] = resolved
    row["warnings"] = [
        t("Step {number}: {warning}", number=s["number"], warning=s["warning"])
        for s in resolved
        if s["warning"]
    ]
    return row
