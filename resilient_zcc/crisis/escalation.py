"""The escalation path of a region as data: ordered steps, each naming who acts and,
where the directory has that function, its code, so "who is that now" has an answer."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from ..errors import ValidationError
from ..i18n import Text
from ..validation import required
from .common import stable_id
from .holders import function_holders, functions_with_code
from .regions import region

if TYPE_CHECKING:
    from ..store import Store


@dataclass(frozen=True)
class EscalationStep:
    actor: str
    action: str
    function_code: str | None = None


# From the Twente regional plan (seed 000): how a regional noodscenario comes about.
DEFAULT_PATH: tuple[EscalationStep, ...] = (
    EscalationStep(
        "Zorgorganisaties (crisiscoördinatoren)",
        "Signaleren intern knelpunten in de zorgcontinuïteit en leggen ze tijdig voor aan "
        "het bestuurlijk ROAZ",
        "crisiscoordinator",
    ),
    EscalationStep(
        "Bestuurlijk ROAZ",
        "Weegt de knelpunten op hun impact op de continuïteit van de keten",
        "roaz_voorzitter",
    ),
    EscalationStep(
        "DPG / voorzitter bestuurlijk ROAZ",
        "Zet de afkondiging van het noodscenario in gang, in overleg met de voorzitter van de "
        "veiligheidsregio",
        "dpg",
    ),
    EscalationStep(
        "Voorzitter veiligheidsregio",
        "Besluit mee: de DPG kondigt het noodscenario af in samenspraak met het ROAZ en de "
        "voorzitter van de veiligheidsregio, met goedkeuring van de minister van VWS",
        "vr_voorzitter",
    ),
    EscalationStep(
        "Kernteam LNAZ",
        "De DPG geeft het signaal van een regionaal noodscenario af bij het kernteam van het "
        "Landelijk Netwerk Acute Zorg; afstemming",
        "lnaz_kernteam",
    ),
)

# A code held by many organisations (each its own crisis coordinator) is not resolved to
# people: the answer would be a list of every organisation.
PER_ORGANISATION_CODES = frozenset({"crisiscoordinator", "piket"})


def step_id(region_id: str, position: int) -> str:
    return stable_id("escalation_step", region_id, str(position))


def set_escalation_path(store: Store, region_id: str, steps: Sequence[EscalationStep]) -> list[str]:
    """Replace the region's path; steps are numbered 1..n, a longer old path is tombstoned."""
    region(store, region_id)
    if not steps:
        raise ValidationError("An escalation path needs at least one step.")
    clean = []
    for n, step in enumerate(steps, 1):
        clean.append(
            {
                "region_id": region_id,
                "position": float(n),
                "actor": required(step.actor, Text("Step {n}'s actor", n=n)),
                "action": required(step.action, Text("Step {n}'s action", n=n)),
                "function_code": (step.function_code or "").strip() or None,
                "deleted": 0,
            }
        )
    old = store.query(
        "SELECT id FROM escalation_steps WHERE region_id = ? AND deleted = 0", (region_id,)
    )
    ids = [step_id(region_id, n) for n in range(1, len(clean) + 1)]
    with store.transaction() as tx:
        for row_id, values in zip(ids, clean, strict=True):
            tx.put("escalation_steps", row_id, values)
        for row in old:
            if row["id"] not in ids:
                tx.delete("escalation_steps", row["id"])
    return ids


def escalation_path(store: Store, region_id: str, now: datetime) -> list[dict[str, Any]]:
    """The steps in order, each with the functions of its code and who holds them now."""
    region(store, region_id)
    rows = store.query(
        "SELECT id, position, actor, action, function_code FROM escalation_steps "
        "WHERE region_id = ? AND deleted = 0 ORDER BY position, id",
        (region_id,),
    )
    result = []
    for n, row in enumerate(rows, 1):
        code = row["function_code"]
        functions = functions_with_code(store, code) if code else []
        step: dict[str, Any] = {
            "number": n,
            "id": row["id"],
            "actor": row["actor"],
            "action": row["action"],
            "function_code": code,
            "functions": [],
            "per_organisation": len(functions) if code in PER_ORGANISATION_CODES else 0,
        }
        if code and code not in PER_ORGANISATION_CODES:
            step["functions"] = [
                {
                    "id": f["id"],
                    "name": f["name"],
                    "organisation": f["organisation"],
                    "holders": function_holders(store, f["id"], now, max_channels=2),
                }
                for f in functions
            ]
        result.append(step)
    return result
