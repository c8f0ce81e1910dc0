"""The number to call an organisation on at any hour, best first: its own 24/7 phone (a
switchboard), a phone of one of its functions kept 24/7 or on a rota (a piket), or the 24/7
phone of someone who holds one of its functions (its crisis coordinator, say)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .vocabulary import PHONE_KINDS

if TYPE_CHECKING:
    from ..store import Store

_KINDS = ", ".join(f"'{kind}'" for kind in sorted(PHONE_KINDS))
_SQL = f"""
SELECT o.value AS organisation_id, c.value, '' AS function_name, 0 AS rank,
       c.fallback_order AS fallback, c.id AS channel_id
FROM json_each(:ids) o JOIN channels c ON c.owner_type = 'organisation' AND c.owner_id = o.value
WHERE c.deleted = 0 AND c.availability = '24/7' AND c.kind IN ({_KINDS})
UNION ALL
SELECT f.organisation_id, c.value, f.name, 1, c.fallback_order, c.id
FROM functions f JOIN channels c ON c.owner_type = 'function' AND c.owner_id = f.id
WHERE f.deleted = 0 AND c.deleted = 0 AND c.availability IN ('24/7', 'rota')
  AND c.kind IN ({_KINDS}) AND f.organisation_id IN (SELECT value FROM json_each(:ids))
UNION ALL
SELECT f.organisation_id, c.value, f.name, 2, c.fallback_order, c.id
FROM functions f JOIN roles r ON r.function_id = f.id AND r.deleted = 0
JOIN channels c ON c.owner_type = 'person' AND c.owner_id = r.person_id
WHERE f.deleted = 0 AND c.deleted = 0 AND c.availability = '24/7'
  AND c.kind IN ({_KINDS}) AND f.organisation_id IN (SELECT value FROM json_each(:ids))
ORDER BY rank, fallback, function_name, channel_id
"""


@dataclass(frozen=True)
class RoundTheClock:
    """A 24/7 number of an organisation and whose it is (empty: the organisation's own)."""

    number: str
    function: str


def round_the_clock(store: Store, organisation_ids: list[str]) -> dict[str, RoundTheClock]:
    """Per organisation its best 24/7 phone number; organisations without one are absent."""
    found: dict[str, RoundTheClock] = {}
    if not organisation_ids:
        return found
    for row in store.query(_SQL, {"ids": json.dumps(sorted(set(organisation_ids)))}):
        found.setdefault(row["organisation_id"], RoundTheClock(row["value"], row["function_name"]))
    return found
