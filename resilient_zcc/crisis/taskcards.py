"""Task cards (taakkaarten) of the ZCC functions: the mandate and the ordered actions of
each function in a region, with who holds the function now."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from ..errors import NotFound, ValidationError
from ..i18n import Text
from ..validation import required
from .common import stable_id
from .holders import function_holders, functions_with_code
from .regime import (
    ROLES,
    applies,
    check_regime,
    check_role,
    regime_in_force,
    role_function,
    step_note,
)
from .regions import region
from .vocabulary import PHASE_ORDER, PHASES, phase_rank

if TYPE_CHECKING:
    from ..store import Store


@dataclass(frozen=True)
class CardAction:
    """An action bound to a regime ('normaal' / 'noodscenario': shown as in force only then)
    or naming a role resolved by the regime (e.g. 'escalatie'), with an optional phase."""

    text: str
    phase_from: str | None = None
    regime: str | None = None
    role: str | None = None


# An action is its text, (text, phase from which it applies), or a CardAction.
Action = str | tuple[str, str | None] | CardAction


def card_id(region_id: str, function_code: str) -> str:
    return stable_id("task_card", region_id, function_code)


def action_id(card: str, position: int) -> str:
    return stable_id("task_action", card, str(position))


def set_task_card(
    store: Store,
    region_id: str,
    function_code: str,
    title: str,
    mandate: str,
    actions: Sequence[Action],
) -> str:
    """Create or replace the card of a function code; the actions are numbered 1..n.

    The card's id follows from region and code, so a card made on two devices merges.
    """
    region(store, region_id)
    code = required(function_code, Text("The card's function code"))
    if not functions_with_code(store, code):
        raise NotFound(
            "No function with code '{code}' in the directory; add the function first "
            "(task cards belong to a function, e.g. zcc_huisarts, zcc_logger).",
            code=code,
        )
    values = {
        "region_id": region_id,
        "function_code": code,
        "title": required(title, Text("The card's title")),
        "mandate": required(mandate, Text("The card's mandate")),
        "deleted": 0,
    }
    if not actions:
        raise ValidationError("A task card needs at least one action.")
    rows = []
    for n, action in enumerate(actions, 1):
        if isinstance(action, CardAction):
            text, phase_from = action.text, action.phase_from
            regime, role = check_regime(action.regime), check_role(action.role)
        else:
            text, phase_from = (action, None) if isinstance(action, str) else action
            regime = role = None
        if phase_from is not None and phase_from not in PHASES:
            raise ValidationError(
                "Action {n}: unknown phase '{phase}'. Allowed: {allowed}.",
                n=n,
                phase=phase_from,
                allowed=", ".join(PHASE_ORDER),
            )
        rows.append(
            {
                "position": float(n),
                "text": required(text, Text("Action {n}'s text", n=n)),
                "phase_from": phase_from,
                "regime": regime,
                "role": role,
                "deleted": 0,
            }
        )
    cid = card_id(region_id, code)
    old = store.query("SELECT id FROM task_actions WHERE task_card_id = ? AND deleted = 0", (cid,))
    ids = [action_id(cid, n) for n in range(1, len(rows) + 1)]
    with store.transaction() as tx:
        tx.put("task_cards", cid, values)
        for row_id, row in zip(ids, rows, strict=True):
            tx.put("task_actions", row_id, {"task_card_id": cid, **row})
        for stale in old:
            if stale["id"] not in ids:
                tx.delete("task_actions", stale["id"])
    return cid


def list_task_cards(store: Store, region_id: str) -> list[dict[str, Any]]:
    region(store, region_id)
    return store.query(
        "SELECT c.id, c.function_code, c.title, "
        "(SELECT count(*) FROM task_actions a WHERE a.task_card_id = c.id AND a.deleted = 0) "
        "AS actions FROM task_cards c WHERE c.region_id = ? AND c.deleted = 0 "
        "ORDER BY c.function_code",
        (region_id,),
    )


def task_card(store: Store, region_id: str, function_code: str, now: datetime) -> dict[str, Any]:
    """The card, its actions in order (each saying whether it applies in the current
    phase), and the current holders of the function with their first channels."""
    row = region(store, region_id)
    card = store.query_one(
        "SELECT id, function_code, title, mandate FROM task_cards "
        "WHERE region_id = ? AND function_code = ? AND deleted = 0",
        (region_id, function_code),
    )
    if card is None:
        codes = [c["function_code"] for c in list_task_cards(store, region_id)]
        raise NotFound(
            "No task card for function code '{code}' in this region. Cards: {cards}.",
            code=function_code,
            cards=", ".join(codes) or Text("none yet"),
        )
    phase = row["phase"]
    if row["kind"] != "roaz" and row["parent_id"]:
        parent = store.query_one("SELECT phase FROM regions WHERE id = ?", (row["parent_id"],))
        phase = (parent or {}).get("phase")
    actions = store.query(
        "SELECT position, text, phase_from, regime, role FROM task_actions "
        "WHERE task_card_id = ? AND deleted = 0 ORDER BY position, id",
        (card["id"],),
    )
    regime = regime_in_force(store, region_id)
    card["regime"] = regime
    card["actions"] = []
    for n, a in enumerate(actions, 1):
        function = role_function(store, a["role"], regime) if a["role"] in ROLES else None
        card["actions"].append(
            {
                "number": n,
                "text": a["text"],
                "phase_from": a["phase_from"],
                "regime": a["regime"],
                "role": a["role"],
                "note": step_note(a["regime"], a["role"]),
                "note_en": step_note(a["regime"], a["role"], "en"),
                # Who the role names now, in the regime in force.
                "role_function": function["name"] if function else None,
                "role_holders": function_holders(store, function["id"], now, max_channels=2)
                if function
                else [],
                "applies_now": applies(a["regime"], regime)
                and (a["phase_from"] is None or phase_rank(a["phase_from"]) <= phase_rank(phase)),
            }
        )
    card["functions"] = [
        {
            "id": f["id"],
            "name": f["name"],
            "organisation": f["organisation"],
            "holders": function_holders(store, f["id"], now, max_channels=3),
        }
        for f in functions_with_code(store, function_code)
    ]
    card["holders"] = [h for f in card["functions"] for h in f["holders"]]
    return card
