"""The current regional capacity picture per location, as the exports need it.

The figures are the one free-bed query's (`capacity.free_beds`), so a file says what the
screens say. What "available" means in each format is in docs/EXCHANGE.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from ..capacity.categories import all_categories
from ..capacity.free_beds import BedFigure, bed_figures

if TYPE_CHECKING:
    from ..store import Store


@dataclass
class Facility:
    location_id: str
    name: str
    organisation: str
    figures: list[BedFigure] = field(default_factory=list)  # newest per category

    @property
    def last_update(self) -> str:
        return max(f.reported_at for f in self.figures)


def current_picture(
    store: Store, *, beds_only: bool = True, now: datetime | None = None
) -> list[Facility]:
    """Per location its current figure per category (bed categories only, by default)."""
    kinds = {code: c.kind for code, c in all_categories(store).items()}
    facilities: dict[str, Facility] = {}
    for figure in bed_figures(store, now=now or datetime.now(UTC)):
        if beds_only and kinds.get(figure.category, "bed") != "bed":
            continue
        facility = facilities.setdefault(
            figure.location_id,
            Facility(figure.location_id, figure.location_name, figure.organisation),
        )
        facility.figures.append(figure)
    return sorted(facilities.values(), key=lambda f: (f.name, f.location_id))
