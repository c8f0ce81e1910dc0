"""Who holds a function now, and how to reach them: the directory's answer, for the crisis
structure (escalation steps, task cards) and the fallback procedures."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from ..contacts.queries import contact_cards, holders_now
from ..contacts.vocabulary import AVAILABILITY, CHANNEL_KINDS, label

if TYPE_CHECKING:
    from ..store import Store


def functions_with_code(store: Store, code: str) -> list[dict[str, Any]]:
    """Functions with this code; regional ones (without organisation) first."""
    return store.query(
        "SELECT f.id, f.name, f.code, f.organisation_id, o.name AS organisation "
        "FROM functions f LEFT JOIN organisations o ON o.id = f.organisation_id "
        "WHERE f.code = ? AND f.deleted = 0 ORDER BY f.organisation_id IS NOT NULL, f.name",
        (code,),
    )


def function_row(store: Store, function_id: str | None) -> dict[str, Any] | None:
    if not function_id:
        return None
    return store.query_one(
        "SELECT f.id, f.name, f.code, f.organisation_id, o.name AS organisation "
        "FROM functions f LEFT JOIN organisations o ON o.id = f.organisation_id "
        "WHERE f.id = ? AND f.deleted = 0",
        (function_id,),
    )


def function_holders(
    store: Store, function_id: str, now: datetime, max_channels: int | None = None
) -> list[dict[str, Any]]:
    """Holders of the function at `now` (rota first, else standing holders), each with their
    channels in fallback order; the function's own channels (its piket phone) come first."""
    function = function_row(store, function_id)
    cards = contact_cards(store, holders_now(store, function_id, now), now)
    result = []
    for card in cards:
        own = [c for c in card.channels if function and c.via_function == function["name"]]
        rest = [c for c in card.channels if c not in own]
        channels = own + rest
        if max_channels is not None:
            channels = channels[:max_channels]
        result.append(
            {
                "person_id": card.id,
                "name": card.name,
                "organisation": card.organisation,
                "on_duty": bool(function and function["name"] in card.on_duty),
                "stale": card.stale,
                "channels": [
                    {
                        "kind": c.kind,
                        "kind_label": label(CHANNEL_KINDS, c.kind),
                        "value": c.display,
                        "availability": label(AVAILABILITY, c.availability),
                        "note": c.note,
                        "via_function": c.via_function,
                    }
                    for c in channels
                ],
            }
        )
    return result
