"""The five answers a coordinator needs first, from one query, for the Overzicht and the CLI.

(a) who to call is a search, not a summary, and lives in `contacts.who`; the rest is here:
(b) the phase, who decided it and on whose advice (led, while an outage lasts, by the outage
picture: who runs on what for how long); (c) free beds per category after the
places already held, with the oldest figure's age; (d) the placement queue, overdue requests
and where the most urgent one could go; (e) the printed sheets that are out of date. Open
conflicts, stale contacts, locations that have not reported and stopped emergency
departments are counted alongside.
Every figure comes from the core query that owns it; this module only gathers them, so the
window, `resilient-zcc overview` and the tests read the same thing.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from .capacity.free_beds import capacity_picture
from .capacity.queries import overdue_locations
from .capacity.seh import stopped as seh_stopped
from .contacts.queries import stale_count
from .crisis.outage import active_outages
from .crisis.phases import phase_state
from .crisis.regions import default_region
from .errors import ZccError
from .placements.conflicts import open_conflicts
from .placements.queries import counts_by_state, summary
from .printlog import print_status
from .sitrap.rhythm import next_due

if TYPE_CHECKING:
    from .store import Store


@dataclass(frozen=True)
class PhaseAnswer:
    """(b): the region's phase and the decision behind it."""

    region: str
    phase: str
    recorded: bool
    meaning: str
    meaning_en: str
    since: str | None
    decided_by: str | None
    advised_by: str | None
    noodscenario: bool
    noodscenario_since: str | None


@dataclass(frozen=True)
class BedsAnswer:
    """(c): one category's free beds over the region, after the places already held."""

    category: str
    name: str
    name_en: str
    locations: int
    staffed: int
    occupied: int
    free: int  # as reported
    held: int  # places offered, accepted or filled since the figures
    free_after_holds: int  # what can be used: overbezet and over-allocated places count 0
    oldest_age_s: int
    stale_locations: int
    overbezet_locations: int


@dataclass(frozen=True)
class UrgentAnswer:
    """(d): the most urgent request still seeking a place, and where it could go."""

    id: str
    reference: str | None
    urgency: str
    care_need: str
    waiting_s: int
    target_s: int
    overdue: bool
    location_id: str | None  # the best suitable place; None: nothing fits, escalate
    location_name: str | None
    category: str | None
    category_name: str | None
    free: int | None


@dataclass(frozen=True)
class QueueAnswer:
    """(d): how many requests wait, per state, how many are past their target time, and the
    most urgent one with its best place."""

    by_state: dict[str, int]
    open: int
    overdue: int
    most_urgent: UrgentAnswer | None


@dataclass(frozen=True)
class SheetAnswer:
    """(e): a printed sheet that no longer matches the data, and why."""

    sheet: str
    scope_label: str
    printed_at: str
    reasons: list[str]
    binder: str = ""  # the binder the sheet is a tab of, by its registered name
    tab: int | None = None


@dataclass(frozen=True)
class AutonomyAnswer:
    """A location running on its own power, with the hours it has left."""

    location_id: str
    location_name: str
    hours_left: float
    phone: str  # its organisation's 24/7 number, if known


@dataclass(frozen=True)
class OutageAnswer:
    """While an outage lasts the Overzicht leads with it (the continuity picture)."""

    kinds: list[str]  # outage kinds, as codes (power, ict, ...)
    areas: list[str]  # per outage its area ('' = the whole region)
    started_at: str
    threshold_hours: int
    below_threshold: list[AutonomyAnswer]  # fewest hours left first
    not_heard_from: int
    homecare_within_hours: int
    homecare_at_risk: dict[str, int]  # area -> clients at home at risk within those hours
    open_resource_requests: int
    resource_conflicts: int


@dataclass(frozen=True)
class SehAnswer:
    """An emergency department that has stopped taking patients."""

    location_id: str
    location_name: str
    reason: str
    expected_until: str | None
    overrun: bool  # past its expected end
    against_agreement: bool  # stopped in phase 3, where the region keeps every SEH open


@dataclass(frozen=True)
class SitrapAnswer:
    """When the next situation report is due (sitrap/rhythm.py), and the last one made."""

    due_at: str
    overdue: bool
    last_number: int | None
    last_at: str | None


@dataclass(frozen=True)
class Dashboard:
    phase: PhaseAnswer | None
    beds: list[BedsAnswer]
    queue: QueueAnswer
    open_conflicts: int
    stale_contacts: int
    late_locations: int
    outdated_sheets: list[SheetAnswer] = field(default_factory=list)
    printed_sheets: int = 0
    outage: OutageAnswer | None = None
    seh_stopped: list[SehAnswer] = field(default_factory=list)
    sitrap: SitrapAnswer | None = None  # None: no region to report on

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


def _phase(store: Store) -> PhaseAnswer | None:
    try:
        state = phase_state(store, default_region(store))
    except ZccError:
        return None
    return PhaseAnswer(
        region=state["region"],
        phase=state["phase"],
        recorded=state["phase_recorded"],
        meaning=state["meaning"],
        meaning_en=state["meaning_en"],
        since=state["since"],
        decided_by=state["decided_by"],
        advised_by=state["advised_by"],
        noodscenario=state["noodscenario"],
        noodscenario_since=state["noodscenario_since"],
    )


def _beds(store: Store, now: datetime) -> list[BedsAnswer]:
    return [
        BedsAnswer(
            category=group.category,
            name=group.name,
            name_en=group.name_en,
            locations=group.locations,
            staffed=group.staffed,
            occupied=group.occupied,
            free=group.free,
            held=group.held,
            free_after_holds=group.free_after_holds,
            oldest_age_s=group.oldest_age_s,
            stale_locations=group.stale,
            overbezet_locations=group.overbezet,
        )
        for group in capacity_picture(store, now=now)
    ]


def _queue(store: Store, now: datetime) -> QueueAnswer:
    found = summary(store, now)
    urgent, best = found.most_urgent, found.best_match
    return QueueAnswer(
        by_state=counts_by_state(store),
        open=found.open,
        overdue=found.overdue,
        most_urgent=None
        if urgent is None
        else UrgentAnswer(
            id=urgent.id,
            reference=urgent.reference,
            urgency=urgent.urgency,
            care_need=urgent.care_need,
            waiting_s=urgent.waiting_s,
            target_s=urgent.target_s,
            overdue=urgent.overdue,
            location_id=best.location_id if best else None,
            location_name=best.location_name if best else None,
            category=best.category if best else None,
            category_name=best.category_name if best else None,
            free=best.free if best else None,
        ),
    )


def _outage(store: Store, now: datetime) -> OutageAnswer | None:
    if not active_outages(store):  # one indexed look: the picture reads every location
        return None
    from .continuity.picture import outage_picture  # loaded when an outage lasts (start-up)

    picture = outage_picture(store, now=now)
    return OutageAnswer(
        kinds=[str(outage.kind) for outage in picture.outages],
        areas=[outage.area for outage in picture.outages],
        started_at=min(outage.started_at for outage in picture.outages),
        threshold_hours=picture.threshold_hours,
        below_threshold=[
            AutonomyAnswer(f.location_id, f.location_name, f.hours_left or 0.0, f.phone)
            for f in picture.below_threshold
        ],
        not_heard_from=len(picture.not_heard_from),
        homecare_within_hours=picture.within_hours,
        homecare_at_risk={area.area: area.at_risk for area in picture.homecare_at_risk},
        open_resource_requests=len(picture.open_requests),
        resource_conflicts=len(picture.resource_conflicts),
    )


def _seh_stopped(store: Store, now: datetime) -> list[SehAnswer]:
    return [
        SehAnswer(
            location_id=row["location_id"],
            location_name=row["name"],
            reason=row["reason"] or "",
            expected_until=row["expected_until"],
            overrun=row["overrun"],
            against_agreement=row["against_agreement"],
        )
        for row in seh_stopped(store, now)
    ]


def _sitrap(store: Store, now: datetime) -> SitrapAnswer | None:
    try:
        due = next_due(store, default_region(store), now)
    except ZccError:
        return None
    return SitrapAnswer(due.due_at, due.overdue, due.last_number, due.last_at)


def dashboard(store: Store, now: datetime, lang: str = "nl") -> Dashboard:
    """Everything the Overzicht shows, read in one go."""
    printed = print_status(store, lang, now)
    return Dashboard(
        phase=_phase(store),
        beds=_beds(store, now),
        queue=_queue(store, now),
        open_conflicts=len(open_conflicts(store)),
        stale_contacts=stale_count(store, now),
        late_locations=len(overdue_locations(store, now=now)),
        outdated_sheets=[
            SheetAnswer(
                sheet=row["sheet"],
                scope_label=row["scope_label"] or "",
                printed_at=row["printed_at"],
                reasons=list(row["reasons"]),
                binder=row["binder"],
                tab=row["tab"],
            )
            for row in printed
            if row["outdated"]
        ],
        printed_sheets=len(printed),
        outage=_outage(store, now),
        seh_stopped=_seh_stopped(store, now),
        sitrap=_sitrap(store, now),
    )
