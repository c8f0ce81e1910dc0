"""What the continuity picture answers: what every location runs on and for how long,
who is below the autonomy threshold, who has not been heard from, and a time line.

Every screen, sheet and command reads these functions; the read models are frozen.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from ..contacts.reachable import round_the_clock
from ..crisis.outage import Outage, active_outages
from ..errors import ValidationError
from ..i18n import Text
from ..settings import get_setting
from ..validation import require_row
from .vocabulary import CareScale, Evacuation, Power

if TYPE_CHECKING:
    from ..store import Store


@dataclass(frozen=True)
class ContinuityReport:
    """One report as made (an entry of a location's time line)."""

    report_id: str
    location_id: str
    power: Power
    autonomy_hours: float | None
    down: tuple[str, ...]
    care_scaled: CareScale
    evacuation: Evacuation
    note: str
    reporter: str
    source: str
    reported_at: str


@dataclass(frozen=True)
class ContinuityFigure:
    """A location's current continuity: its newest report, aged against `as_of`.

    `hours_left` is the reported autonomy minus the hours since the report (never below 0);
    None on mains. `below_threshold` when the hours left are under the region's threshold.
    """

    location_id: str
    location_name: str
    organisation_id: str | None
    organisation: str
    city: str
    report: ContinuityReport
    hours_left: float | None
    age_minutes: int
    stale: bool
    below_threshold: bool
    phone: str  # the organisation's 24/7 number, if the directory has one
    phone_function: str


@dataclass(frozen=True)
class SilentLocation:
    """A location that has not reported since the outage began (or never)."""

    location_id: str
    location_name: str
    organisation: str
    city: str
    last_reported_at: str | None
    phone: str


@dataclass(frozen=True)
class ContinuityOverview:
    as_of: str
    threshold_hours: int
    stale_after_hours: int  # the tightest rhythm in force (an outage tightens it)
    outages: tuple[Outage, ...]
    figures: tuple[ContinuityFigure, ...]  # by hours left, least first; mains last
    not_heard_from: tuple[SilentLocation, ...]

    @property
    def below_threshold(self) -> tuple[ContinuityFigure, ...]:
        return tuple(f for f in self.figures if f.below_threshold)

    @property
    def on_generator(self) -> tuple[ContinuityFigure, ...]:
        return tuple(f for f in self.figures if f.report.power == Power.GENERATOR)

    @property
    def since(self) -> str | None:
        """When the earliest outage that lasts began."""
        return min((o.started_at for o in self.outages), default=None)


# Lookups instead of Enum(value): the overview builds thousands of reports per call.
_POWER = {p.value: p for p in Power}
_CARE = {c.value: c for c in CareScale}
_EVACUATION = {e.value: e for e in Evacuation}


def _report(row: dict[str, Any]) -> ContinuityReport:
    down = row["down"]
    return ContinuityReport(
        report_id=row["report_id"],
        location_id=row["location_id"],
        power=_POWER[row["power"]],
        autonomy_hours=row["autonomy_hours"],
        down=tuple(down.split(",")) if down else (),
        care_scaled=_CARE[row["care_scaled"]],
        evacuation=_EVACUATION[row["evacuation"]],
        note=row["note"] or "",
        reporter=row["reporter"] or "",
        source=row["source"] or "",
        reported_at=row["reported_at"],
    )


def _aware(now: datetime) -> datetime:
    if now.tzinfo is None:
        raise ValidationError("'now' needs a time zone (use datetime.now(UTC)).")
    return now.astimezone(UTC)


def stale_after_hours(store: Store, outages: tuple[Outage, ...]) -> int:
    """The age after which a figure is stale: shorter while an outage lasts."""
    normal = get_setting(store, "continuity.stale_after_hours")
    if outages:
        return min(normal, get_setting(store, "continuity.outage_stale_after_hours"))
    return normal


def _area_test(outages: tuple[Outage, ...]) -> Callable[[str | None], bool]:
    """Whether a location's city lies in an outage's area (empty area: the whole region)."""
    areas = [{name.lower() for name in outage.municipalities} for outage in outages]
    if any(not names for names in areas):
        return lambda _city: True
    cities = set().union(*areas)
    return lambda city: (city or "").lower() in cities


# One pass over the locations: each with its current report, if any (a location without
# one can only be "not heard from"). Ages and hours left are computed by SQLite.
_LOCATIONS_SQL = """
SELECT l.id AS location_id, l.name AS location_name, l.city, l.report_every_hours,
       l.organisation_id, coalesce(nullif(o.short_name, ''), o.name, '') AS organisation,
       c.report_id, c.power, c.autonomy_hours, c.down, c.care_scaled, c.evacuation, c.note,
       c.reporter, c.source, c.reported_at,
       (julianday(:now) - julianday(c.reported_at)) * 24 AS elapsed
FROM locations l
LEFT JOIN continuity_current c ON c.location_id = l.id
LEFT JOIN organisations o ON o.id = l.organisation_id AND o.deleted = 0
WHERE l.deleted = 0 {where}
"""


def _sort_key(figure: ContinuityFigure) -> tuple[bool, float, str, str]:
    """Least autonomy left first; mains (no hours) last; then by name."""
    hours = figure.hours_left
    return (hours is None, hours or 0.0, figure.location_name, figure.location_id)


def continuity_overview(
    store: Store, *, now: datetime, region_id: str | None = None
) -> ContinuityOverview:
    """The continuity picture of the region (or of every location) at `now`."""
    now = _aware(now)
    outages = active_outages(store, region_id)
    threshold = get_setting(store, "continuity.autonomy_threshold_hours")
    stale_hours = stale_after_hours(store, outages)
    since = min((o.started_at for o in outages), default=None)
    where, params = "", {"now": now.isoformat(timespec="seconds")}
    if region_id is not None:
        where = " AND (l.region_id = :region OR l.region_id IS NULL)"
        params["region"] = region_id
    rows = store.query(_LOCATIONS_SQL.format(where=where), params)
    reported = [row for row in rows if row["report_id"] is not None]
    silent_rows = []
    if since is not None:
        in_area = _area_test(outages)
        silent_rows = [
            row
            for row in rows
            if (row["reported_at"] is None or row["reported_at"] < since) and in_area(row["city"])
        ]
        silent_rows.sort(
            key=lambda r: (r["city"] or "", r["location_name"] or "", r["location_id"])
        )
    orgs = {row["organisation_id"] for row in reported + silent_rows if row["organisation_id"]}
    phones = round_the_clock(store, sorted(orgs))
    figures = []
    for row in reported:
        elapsed = row["elapsed"]
        hours = row["autonomy_hours"]
        hours_left = None if hours is None else round(max(0.0, hours - max(0.0, elapsed)), 1)
        every = row["report_every_hours"]
        limit = min(stale_hours, every) if every and outages else stale_hours
        phone = phones.get(row["organisation_id"] or "")
        figures.append(
            ContinuityFigure(
                location_id=row["location_id"],
                location_name=row["location_name"] or "",
                organisation_id=row["organisation_id"],
                organisation=row["organisation"] or "",
                city=row["city"] or "",
                report=_report(row),
                hours_left=hours_left,
                age_minutes=max(0, int(elapsed * 60)),
                stale=elapsed > limit,
                below_threshold=hours_left is not None and hours_left < threshold,
                phone=phone.number if phone else "",
                phone_function=phone.function if phone else "",
            )
        )
    figures.sort(key=_sort_key)
    silent = tuple(
        SilentLocation(
            location_id=row["location_id"],
            location_name=row["location_name"] or "",
            organisation=row["organisation"] or "",
            city=row["city"] or "",
            last_reported_at=row["reported_at"],
            phone=phones[row["organisation_id"]].number if row["organisation_id"] in phones else "",
        )
        for row in silent_rows
    )
    return ContinuityOverview(
        as_of=now.isoformat(timespec="seconds"),
        threshold_hours=threshold,
        stale_after_hours=stale_hours,
        outages=outages,
        figures=tuple(figures),
        not_heard_from=silent,
    )


def continuity_timeline(store: Store, location_id: str) -> tuple[ContinuityReport, ...]:
    """Every continuity report of a location, oldest first (corrections included)."""
    require_row(store, "locations", location_id, Text("location"))
    rows = store.query(
        "SELECT id AS report_id, location_id, power, autonomy_hours, down, care_scaled, "
        "evacuation, note, reporter, source, reported_at FROM continuity_reports "
        "WHERE location_id = ? AND deleted = 0 ORDER BY reported_at, id",
        (location_id,),
    )
    return tuple(_report(row) for row in rows)


def newest_continuity_at(store: Store) -> str | None:
    """When the newest continuity report was made: the picture's 'stand van gegevens'."""
    row = store.query_one("SELECT max(reported_at) AS newest FROM continuity_current")
    return row["newest"] if row else None


@dataclass(frozen=True)
class PowerLimit:
    """What a placement must know of a location's continuity: can it still take a patient."""

    location_id: str
    power: Power
    hours_left: float | None  # None on mains
    below_threshold: bool
    evacuation: Evacuation


def power_limits(store: Store, location_ids: list[str], now: datetime) -> dict[str, PowerLimit]:
    """The newest continuity report of each given location (those that have one), aged to
    `now`: one indexed read of the derived current table, cheap enough for every match."""
    if not location_ids:
        return {}
    now = _aware(now)
    threshold = get_setting(store, "continuity.autonomy_threshold_hours")
    rows = store.query(
        "SELECT location_id, power, autonomy_hours, evacuation, reported_at "
        "FROM continuity_current WHERE location_id IN (SELECT value FROM json_each(?))",
        (json.dumps(location_ids),),
    )
    limits = {}
    for row in rows:
        hours = row["autonomy_hours"]
        elapsed = (now - datetime.fromisoformat(row["reported_at"])).total_seconds() / 3600
        left = None if hours is None else round(max(0.0, hours - max(0.0, elapsed)), 1)
        limits[row["location_id"]] = PowerLimit(
            location_id=row["location_id"],
            power=Power(row["power"]),
            hours_left=left,
            below_threshold=left is not None and left < threshold,
            evacuation=Evacuation(row["evacuation"] or Evacuation.NONE),
        )
    return limits
