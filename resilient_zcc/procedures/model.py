"""Commands that change fallback procedures; each validates, then writes through the log."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..crisis.regime import check_regime, check_role
from ..errors import NotFound, ValidationError
from ..i18n import Text
from ..validation import new_id, require_row, required
from . import INCIDENT_TYPES

if TYPE_CHECKING:
    from ..store import Store


def _procedure(store: Store, procedure_id: str) -> dict[str, Any]:
    row = store.query_one("SELECT * FROM procedures WHERE id = ? AND deleted = 0", (procedure_id,))
    if row is None:
        raise NotFound("No procedure with id {id}.", id=procedure_id)
    return row


def _steps(store: Store, procedure_id: str) -> list[dict[str, Any]]:
    return store.query(
        "SELECT id, position, function_id, text, regime, role FROM procedure_steps "
        "WHERE procedure_id = ? AND deleted = 0 ORDER BY position, id",
        (procedure_id,),
    )


def _incident_type(value: str) -> str:
    if value not in INCIDENT_TYPES:
        raise ValidationError(
            "Unknown incident type '{value}'. Allowed: {allowed}.",
            value=value,
            allowed=", ".join(INCIDENT_TYPES),
        )
    return value


def create_procedure(
    store: Store,
    organisation_id: str,
    incident_type: str,
    title: str = "",
    procedure_id: str | None = None,
) -> str:
    """An empty procedure of an organisation; the title defaults to the incident's label."""
    require_row(store, "organisations", organisation_id, Text("organisation"))
    kind = _incident_type(incident_type)
    procedure_id = procedure_id or new_id()
    with store.transaction() as tx:
        tx.put(
            "procedures",
            procedure_id,
            {
                "organisation_id": organisation_id,
                "incident_type": kind,
                "title": title.strip() or INCIDENT_TYPES[kind][0],
            },
        )
    return procedure_id


def _position_at(steps: list[dict[str, Any]], at: int | None, what: Text) -> float:
    """A position that puts a step at number `at` (1-based) among `steps`; None: at the end."""
    n = len(steps)
    if at is None or at == n + 1:
        return (steps[-1]["position"] + 1.0) if steps else 1.0
    if not 1 <= at <= n + 1:
        raise ValidationError(
            "{what} must be between 1 and {maximum}, not {at}.", what=what, maximum=n + 1, at=at
        )
    after = steps[at - 1]["position"]
    before = steps[at - 2]["position"] if at >= 2 else after - 2.0
    return (before + after) / 2.0


def add_step(
    store: Store,
    procedure_id: str,
    function_id: str | None,
    text: str,
    at: int | None = None,
    step_id: str | None = None,
    regime: str | None = None,
    role: str | None = None,
) -> str:
    """A step naming the function that acts; `at` puts it at that number (default: last).

    `regime` binds the step to 'normaal' or 'noodscenario' (shown only while in force);
    `role` names a role the regime resolves (e.g. 'escalatie': GHOR, in a noodscenario the
    ROAZ) instead of a fixed function.
    """
    _procedure(store, procedure_id)
    regime, role = check_regime(regime), check_role(role)
    if role is not None and function_id is not None:
        raise ValidationError(
            "A step names either a function or a role, not both: the role's function "
            "follows the regime in force."
        )
    if function_id is not None:
        require_row(store, "functions", function_id, Text("function"))
    text = required(text, Text("A step's text"))
    position = _position_at(_steps(store, procedure_id), at, Text("The step number"))
    step_id = step_id or new_id()
    with store.transaction() as tx:
        tx.put(
            "procedure_steps",
            step_id,
            {
                "procedure_id": procedure_id,
                "position": position,
                "function_id": function_id,
                "text": text,
                "regime": regime,
                "role": role,
            },
        )
    return step_id


def _step(store: Store, step_id: str) -> dict[str, Any]:
    row = store.query_one("SELECT * FROM procedure_steps WHERE id = ? AND deleted = 0", (step_id,))
    if row is None:
        raise NotFound("No procedure step with id {id}.", id=step_id)
    return row


def move_step(store: Store, step_id: str, to: int) -> None:
    """Move a step to number `to` (1-based) within its procedure."""
    step = _step(store, step_id)
    others = [s for s in _steps(store, step["procedure_id"]) if s["id"] != step_id]
    if not 1 <= to <= len(others) + 1:
        raise ValidationError(
            "{what} must be between 1 and {maximum}, not {at}.",
            what=Text("The new step number"),
            maximum=len(others) + 1,
            at=to,
        )
    position = _position_at(others, to, Text("The new step number"))
    with store.transaction() as tx:
        tx.put("procedure_steps", step_id, {"position": position})


def remove_step(store: Store, step_id: str) -> None:
    _step(store, step_id)
    with store.transaction() as tx:
        tx.delete("procedure_steps", step_id)


def set_step_function(store: Store, step_id: str, function_id: str) -> None:
    """Name (another) function for a step, e.g. one left open by a copy."""
    _step(store, step_id)
    require_row(store, "functions", function_id, Text("function"))
    with store.transaction() as tx:
        tx.put("procedure_steps", step_id, {"function_id": function_id, "role": None})


@dataclass
class CopyReport:
    procedure_id: str
    mapped: int = 0  # steps whose function was the source's own, mapped to the target's
    kept: int = 0  # steps naming a regional function or another organisation's: unchanged
    unmapped: list[str] = field(default_factory=list)  # step texts left without function


def copy_procedure(
    store: Store, source_id: str, target_organisation_id: str, title: str = ""
) -> CopyReport:
    """Copy a procedure to another organisation.

    A step naming a function of the source organisation gets the target's function with
    the same code (and the same name, when the target has several with that code); a step
    naming a regional function or another organisation's keeps it; a step whose function
    has no counterpart is kept without function, and is reported (and warned about when
    the procedure is resolved) until someone names one.
    """
    source = _procedure(store, source_id)
    require_row(store, "organisations", target_organisation_id, Text("organisation"))
    if source["organisation_id"] == target_organisation_id:
        raise ValidationError(
            "The procedure already belongs to that organisation; copy it to another one."
        )
    targets = store.query(
        "SELECT id, name, code FROM functions WHERE organisation_id = ? AND deleted = 0",
        (target_organisation_id,),
    )
    report = CopyReport(new_id())
    planned = []
    for step in _steps(store, source_id):
        function = (
            store.query_one(
                "SELECT id, name, code, organisation_id FROM functions "
                "WHERE id = ? AND deleted = 0",
                (step["function_id"],),
            )
            if step["function_id"]
            else None
        )
        function_id: str | None = None
        if step["role"]:
            pass  # a role is resolved by the regime: nothing to map
        elif function is None:
            report.unmapped.append(step["text"])
        elif function["organisation_id"] != source["organisation_id"]:
            function_id = function["id"]
            report.kept += 1
        else:
            same_code = [t for t in targets if function["code"] and t["code"] == function["code"]]
            same_name = [t for t in same_code if t["name"] == function["name"]]
            match = same_name or (same_code if len(same_code) == 1 else [])
            if match:
                function_id = match[0]["id"]
                report.mapped += 1
            else:
                report.unmapped.append(step["text"])
        planned.append((step, function_id))
    with store.transaction() as tx:
        tx.put(
            "procedures",
            report.procedure_id,
            {
                "organisation_id": target_organisation_id,
                "incident_type": source["incident_type"],
                "title": title.strip() or source["title"],
            },
        )
        for step, function_id in planned:
            tx.put(
                "procedure_steps",
                new_id(),
                {
                    "procedure_id": report.procedure_id,
                    "position": step["position"],
                    "function_id": function_id,
                    "text": step["text"],
                    "regime": step["regime"],
                    "role": step["role"],
                },
            )
    return report


def delete_procedure(store: Store, procedure_id: str) -> None:
    """Tombstone the procedure and its steps."""
    _procedure(store, procedure_id)
    steps = _steps(store, procedure_id)
    with store.transaction() as tx:
        for step in steps:
            tx.delete("procedure_steps", step["id"])
        tx.delete("procedures", procedure_id)
