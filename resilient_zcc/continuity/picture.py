"""The outage picture the Overzicht leads with while an outage lasts: one call, one answer.

It gathers the region's outages, the locations by autonomy left (those below the threshold
flagged), the locations not heard from since the outage began, the power-dependent clients
at home at risk per area, and the open resource requests, all from the queries the
continuity, home-care and resource commands use themselves.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from ..crisis.outage import Outage
from ..homecare.queries import DEFAULT_WITHIN_HOURS, HomecareArea, homecare_overview
from ..resources.conflicts import ResourceConflict, resource_conflicts
from ..resources.queries import ResourceRequest, requests
from .queries import ContinuityFigure, SilentLocation, continuity_overview

if TYPE_CHECKING:
    from ..store import Store


@dataclass(frozen=True)
class OutagePicture:
    as_of: str
    outages: tuple[Outage, ...]  # empty: no outage, the Overzicht shows its usual picture
    threshold_hours: int
    by_autonomy: tuple[ContinuityFigure, ...]  # least hours left first, mains last
    below_threshold: tuple[ContinuityFigure, ...]
    not_heard_from: tuple[SilentLocation, ...]
    homecare_at_risk: tuple[HomecareArea, ...]  # areas with clients at risk, most first
    within_hours: int
    open_requests: tuple[ResourceRequest, ...]
    resource_conflicts: tuple[ResourceConflict, ...]

    @property
    def active(self) -> bool:
        return bool(self.outages)


def outage_picture(
    store: Store,
    *,
    now: datetime,
    region_id: str | None = None,
    within_hours: int = DEFAULT_WITHIN_HOURS,
) -> OutagePicture:
    continuity = continuity_overview(store, now=now, region_id=region_id)
    homecare = homecare_overview(store, now=now, within_hours=within_hours)
    return OutagePicture(
        as_of=continuity.as_of,
        outages=continuity.outages,
        threshold_hours=continuity.threshold_hours,
        by_autonomy=tuple(f for f in continuity.figures if f.hours_left is not None),
        below_threshold=continuity.below_threshold,
        not_heard_from=continuity.not_heard_from,
        homecare_at_risk=tuple(a for a in homecare.areas if a.at_risk),
        within_hours=within_hours,
        open_requests=requests(store, open_only=True),
        resource_conflicts=resource_conflicts(store),
    )
