"""The current regional capacity picture per location, as the exports need it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..capacity.categories import all_categories
from ..capacity.queries import latest_reports

if TYPE_CHECKING:
    from ..store import Store


@dataclass
class Facility:
    location_id: str
    name: str
    organisation: str
    reports: list[dict[str, Any]] = field(default_factory=list)  # newest per category

    @property
    def last_update(self) -> str:
        return max(r["reported_at"] for r in self.reports)


def current_picture(store: Store, *, beds_only: bool = True) -> list[Facility]:
    """Per location its newest report per category (bed categories only, by default)."""
    kinds = {code: c.kind for code, c in all_categories(store).items()}
    facilities: dict[str, Facility] = {}
    for row in latest_reports(store):
        if beds_only and kinds.get(row["category"], "bed") != "bed":
            continue
        facility = facilities.setdefault(
            row["location_id"],
            Facility(row["location_id"], row["location_name"], row["organisation"]),
        )
        facility.reports.append(row)
    return sorted(facilities.values(), key=lambda f: (f.name, f.location_id))
