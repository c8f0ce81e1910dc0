"""The continuity picture and the emergency departments in EDXL-HAVE 1.0 terms.

HAVE has no element for power or autonomy; it has a place for the facility's overall state
(`HospitalFacilityStatus/FacilityStatus`), for whether supplies for operations suffice
(`HospitalResourcesStatus/FacilityOperations`, `ClinicalOperations`, free text in
`ResourcesInformationText`), and for the emergency department's ambulance traffic
(`EmergencyDepartmentStatus/EMSTraffic`). The figures come from the one continuity query
and the one SEH query; the mapping is in docs/EXCHANGE.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from ..capacity.seh import OPEN, STOP, seh_overview
from ..continuity.queries import ContinuityFigure, continuity_overview
from ..continuity.vocabulary import CareScale, Evacuation, Power

if TYPE_CHECKING:
    from ..store import Store

# HAVE's FacilityStatus values, least to most severe.
FACILITY_ORDER = ("Normal", "Compromised", "Evacuating", "Closed")
# Our SEH status -> HAVE EMSTrafficStatus (Normal, Advisory, Closed, NotApplicable).
EMS_TRAFFIC = {OPEN: "Normal", STOP: "Closed"}
# What down means for clinical supplies: medical gases are a clinical supply.
CLINICAL_DOWN = frozenset({"medische_gassen"})


@dataclass(frozen=True)
class LocationStatus:
    """What HAVE can say about one location beyond its beds."""

    location_id: str
    name: str
    continuity: ContinuityFigure | None
    seh: dict[str, Any] | None  # a row of seh_overview, None without an SEH

    @property
    def last_update(self) -> str:
        times = [self.continuity.report.reported_at] if self.continuity else []
        if self.seh and self.seh["reported_at"]:
            times.append(self.seh["reported_at"])
        return max(times, default="")


def location_statuses(store: Store, now: datetime) -> dict[str, LocationStatus]:
    """Every location with a continuity report or an SEH, keyed by id."""
    figures = {f.location_id: f for f in continuity_overview(store, now=now).figures}
    sehs = {row["location_id"]: row for row in seh_overview(store, now)}
    names = {f.location_id: f.location_name for f in figures.values()}
    names.update({row["location_id"]: row["name"] for row in sehs.values()})
    return {
        location_id: LocationStatus(
            location_id, name, figures.get(location_id), sehs.get(location_id)
        )  # fmt: skip
        for location_id, name in names.items()
    }


def facility_status(figure: ContinuityFigure) -> str:
    """Evacuation under way: Evacuating; any limitation: Compromised; else Normal.

    We never say Closed: a location that reports is still there to report.
    """
    report = figure.report
    if report.evacuation == Evacuation.UNDER_WAY:
        return "Evacuating"
    limited = (
        report.power != Power.MAINS
        or bool(report.down)
        or report.care_scaled != CareScale.NONE
        or report.evacuation != Evacuation.NONE
    )
    return "Compromised" if limited else "Normal"


def worse(first: str, second: str) -> str:
    return max(first, second, key=FACILITY_ORDER.index)


def facility_operations(figure: ContinuityFigure) -> str:
    """Insufficient when the power runs out within the threshold or is gone."""
    short = figure.below_threshold or figure.report.power == Power.NONE
    return "Insufficient" if short else "Adequate"


def clinical_operations(figure: ContinuityFigure) -> str:
    short = figure.report.care_scaled != CareScale.NONE or bool(
        CLINICAL_DOWN & set(figure.report.down)
    )
    return "Insufficient" if short else "Adequate"


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def resources_texts(figure: ContinuityFigure) -> list[str]:
    """The report's figures as key=value text, one ResourcesInformationText each."""
    report = figure.report
    texts = [
        f"power={report.power.value}; autonomy_hours={_number(report.autonomy_hours)}; "
        f"hours_left={_number(figure.hours_left)}; "
        f"below_threshold={'yes' if figure.below_threshold else 'no'}"
    ]
    texts.append(f"down={','.join(report.down)}")
    texts.append(f"care_scaled={report.care_scaled.value}; evacuation={report.evacuation.value}")
    return texts


def resources_comment(figure: ContinuityFigure, have_time: Any) -> str:
    report = figure.report
    comment = f"reported_at={have_time(report.reported_at)}; source={report.source}"
    if figure.stale:
        comment += "; stale=yes"
    if report.note:
        comment += f"; note={report.note.replace(';', ',')}"
    return comment
