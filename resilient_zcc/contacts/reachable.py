"""The number to call an organisation on at any hour: its own 24/7 phone, else the first
24/7 phone of one of its functions (a piket), in fallback order."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .vocabulary import PHONE_KINDS

if TYPE_CHECKING:
    from ..store import Store

_KINDS = ", ".join(f"'{kind}'" for kind in sorted(PHONE_KINDS))
_SQL = f"""
SELECT coalesce(f.organisation_id, c.owner_id) AS organisation_id, c.value,
       coalesce(f.name, '') AS function_name, c.owner_type, c.fallback_order, c.id
FROM channels c
LEFT JOIN functions f ON c.owner_type = 'function' AND f.id = c.owner_id AND f.deleted = 0
WHERE c.deleted = 0 AND c.availability = '24/7' AND c.kind IN ({_KINDS})
  AND ((c.owner_type = 'organisation' AND c.owner_id IN (SELECT value FROM json_each(:ids)))
    OR (c.owner_type = 'function' AND f.organisation_id IN (SELECT value FROM json_each(:ids))))
ORDER BY c.owner_type = 'organisation' DESC, c.fallback_order, f.name, c.id
"""


@dataclass(frozen=True)
class RoundTheClock:
    """A 24/7 number of an organisation and whose it is (empty: the organisation's own)."""

    number: str
    function: str


def round_the_clock(store: Store, organisation_ids: list[str]) -> dict[str, RoundTheClock]:
    """Per organisation its first 24/7 phone number; organisations without one are absent."""
    found: dict[str, RoundTheClock] = {}
    if not organisation_ids:
        return found
    for row in store.query(_SQL, {"ids": json.dumps(sorted(set(organisation_ids)))}):
        found.setdefault(row["organisation_id"], RoundTheClock(row["value"], row["function_name"]))
    return found
