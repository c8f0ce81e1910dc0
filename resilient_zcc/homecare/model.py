"""Recording power-dependent clients at home: counts per provider, area and dependency.

No personal data is kept: the provider keeps its own client list and reports how many
clients in an area (a municipality or a four-digit postcode) depend on power, by kind and by
how long their own backup lasts. A report is an immutable fact; the newest per provider,
area and kind is current, so a provider updates by reporting again (0 clears a kind).
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING

from ..errors import ValidationError
from ..i18n import Text
from ..validation import new_id, report_time, require_row
from .vocabulary import DEPENDENCIES

if TYPE_CHECKING:
    from ..store import Store

_POSTCODE4 = re.compile(r"^\d{4}$")
_FULL_POSTCODE = re.compile(r"^\d{4}\s?[A-Za-z]{2}$")
# Letters, spaces, hyphens, dots, apostrophes ('s-Hertogenbosch); no digits (a house number).
_MUNICIPALITY = re.compile(r"^'?[^\W\d_](?:[^\W\d_]|[' .-])*$")
_NAMESPACE = uuid.UUID("2e6f9a40-7b1c-4d85-a3e2-5c0d9b8f1a37")
Counts = tuple[int, int, int]  # under 4 h, 4 to 12 h, over 12 h


def clean_area(area: str) -> str:
    """A municipality name or a four-digit postcode; anything finer is refused."""
    area = " ".join(area.split())
    if _FULL_POSTCODE.match(area):
        raise ValidationError(
            "'{area}' is a full postcode, which comes close to an address; give only the "
            "four digits (like 7511) or the municipality.",
            area=area,
        )
    if not area or not (_POSTCODE4.match(area) or _MUNICIPALITY.match(area)):
        raise ValidationError(
            "'{area}' is not an area; give a municipality (like Enschede) or a four-digit "
            "postcode (like 7511).",
            area=area,
        )
    return area


def counts_problem(dependency: str, counts: Counts) -> Text | None:
    if dependency not in DEPENDENCIES:
        return Text(
            "Unknown kind of power dependency '{kind}'. Allowed: {allowed}.",
            kind=dependency,
            allowed=", ".join(DEPENDENCIES),
        )
    if len(counts) != 3:
        return Text(
            "Give three counts for {kind}: under 4 hours, 4 to 12 hours, over 12 hours.",
            kind=dependency,
        )
    for value in counts:
        if isinstance(value, bool) or not isinstance(value, int):
            return Text("A number of clients must be a whole number, not {value!r}.", value=value)
        if value < 0:
            return Text(
                "A number of clients cannot be negative ({value}); give 0 or more.", value=value
            )
    return None


def report_homecare(
    store: Store,
    organisation_id: str,
    area: str,
    counts: Mapping[str, Counts],
    *,
    now: datetime,
    reporter: str = "",
    reported_at: datetime | None = None,
    report_key: str | None = None,
) -> list[str]:
    """Record a provider's counts for an area, one fact per kind given; returns their ids.

    `report_key` makes the ids fixed (derived from it and the kind), for data loaded on
    several devices alike (the demo)."""
    require_row(store, "organisations", organisation_id, Text("organisation"))
    area = clean_area(area)
    if not counts:
        raise ValidationError(
            "Give at least one kind of dependency with its counts (like beademing=1,2,0)."
        )
    for dependency, figures in counts.items():
        problem = counts_problem(dependency, tuple(figures))  # type: ignore[arg-type]
        if problem is not None:
            raise ValidationError(problem)
    at = report_time(reported_at, now)
    ids = []
    with store.transaction() as tx:
        for dependency, (under_4h, from_4_to_12h, over_12h) in sorted(counts.items()):
            ids.append(
                str(uuid.uuid5(_NAMESPACE, f"{report_key}:{dependency}"))
                if report_key
                else new_id()
            )
            tx.put(
                "homecare_reports",
                ids[-1],
                {
                    "organisation_id": organisation_id,
                    "area": area,
                    "dependency": dependency,
                    "under_4h": under_4h,
                    "from_4_to_12h": from_4_to_12h,
                    "over_12h": over_12h,
                    "reporter": reporter.strip(),
                    "reported_at": at,
                },
            )
    return ids
