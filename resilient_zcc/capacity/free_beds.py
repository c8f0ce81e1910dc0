"""Free beds: the one number every screen, the CLI, matching, paper and exports show.

Per location and category, from the newest report (`capacity_current`) and the places
requests hold (`placement_holds`):

- `free`: what the newest report says is available;
- `held`: the requests that hold a place there which the figure does not know about yet.
  That is every request offered, accepted or with transport arranged whose offer was made
  at or after the figure was reported, and every placed request whose placement was at or
  after the figure: a report is taken to count the offers made before it and the patients
  in its beds, but not what happened since;
- `free_after_holds = free - held`, kept signed: below 0 is an over-allocation
  (`over_allocated`), a fact a coordinator must see, not hide;
- `stale`: measured against the location's own reporting rhythm (an expected report time
  passed since the figure was made, see `rhythm.missed_since`); a location without a rhythm
  falls back to the setting `capacity.stale_after_hours`;
- `overbezet`: more patients than staffed beds (a surge). Such a location never counts as
  having free beds.

Per category the sums add what can be used: a location's free after holds counts only when
positive and not overbezet, so one over-allocated place never hides another's free bed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from ..errors import ValidationError
from ..settings import get_setting
from .categories import all_categories, check_category
from .rhythm import DEFAULT_TIME, WINDOW_HOURS, last_expected_at

if TYPE_CHECKING:
    from ..store import Store


@dataclass(frozen=True, slots=True)  # slots: thousands are made per overview
class BedFigure:
    """One location's current figure for one category, with what holds it and its age."""

    location_id: str
    location_name: str
    organisation_id: str | None
    organisation: str
    region_id: str | None
    category: str
    report_id: str
    reported_at: str
    total: int
    staffed: int
    occupied: int
    free: int  # `available` of the newest report
    expected_24h: int | None
    status: str
    held: int
    held_by: tuple[str, ...]  # the request ids counted in `held`
    age_s: int
    stale: bool

    @property
    def free_after_holds(self) -> int:
        return self.free - self.held

    @property
    def over_allocated(self) -> bool:
        return self.free_after_holds < 0

    @property
    def overbezet(self) -> bool:
        return self.occupied > self.staffed

    @property
    def usable_free(self) -> int:
        """What this place adds to its category's free beds: never negative, 0 when overbezet."""
        return 0 if self.overbezet else max(0, self.free_after_holds)

    @property
    def age_minutes(self) -> int:
        return self.age_s // 60

    def as_dict(self) -> dict[str, Any]:
        return {
            "location_id": self.location_id,
            "location_name": self.location_name,
            "organisation_id": self.organisation_id,
            "organisation": self.organisation,
            "region_id": self.region_id,
            "category": self.category,
            "report_id": self.report_id,
            "reported_at": self.reported_at,
            "total": self.total,
            "staffed": self.staffed,
            "occupied": self.occupied,
            "free": self.free,
            "held": self.held,
            "free_after_holds": self.free_after_holds,
            "over_allocated": self.over_allocated,
            "overbezet": self.overbezet,
            "expected_24h": self.expected_24h,
            "status": self.status,
            "age_s": self.age_s,
            "stale": self.stale,
        }


@dataclass(frozen=True)
class CategoryBeds:
    """A category's locations and their sums."""

    category: str
    name: str
    name_en: str
    kind: str
    rows: tuple[BedFigure, ...]

    @property
    def locations(self) -> int:
        return len(self.rows)

    @property
    def total(self) -> int:
        return sum(r.total for r in self.rows)

    @property
    def staffed(self) -> int:
        return sum(r.staffed for r in self.rows)

    @property
    def occupied(self) -> int:
        return sum(r.occupied for r in self.rows)

    @property
    def free(self) -> int:
        return sum(r.free for r in self.rows)

    @property
    def held(self) -> int:
        return sum(r.held for r in self.rows)

    @property
    def free_after_holds(self) -> int:
        """Free beds a coordinator can use: overbezet and over-allocated places count 0."""
        return sum(r.usable_free for r in self.rows)

    @property
    def expected_24h(self) -> int | None:
        given = [r.expected_24h for r in self.rows if r.expected_24h is not None]
        return sum(given) if given else None

    @property
    def oldest_age_s(self) -> int:
        return max((r.age_s for r in self.rows), default=0)

    @property
    def stale(self) -> int:
        return sum(r.stale for r in self.rows)

    @property
    def overbezet(self) -> int:
        return sum(r.overbezet for r in self.rows)

    @property
    def over_allocated(self) -> int:
        return sum(r.over_allocated for r in self.rows)

    def as_dict(self, per_location: bool = True) -> dict[str, Any]:
        return {
            "category": self.category,
            "name": self.name,
            "name_en": self.name_en,
            "kind": self.kind,
            "locations": self.locations,
            "total": self.total,
            "staffed": self.staffed,
            "occupied": self.occupied,
            "free": self.free,
            "held": self.held,
            "free_after_holds": self.free_after_holds,
            "expected_24h": self.expected_24h,
            "oldest_age_s": self.oldest_age_s,
            "stale": self.stale,
            "overbezet": self.overbezet,
            "over_allocated": self.over_allocated,
            "rows": [r.as_dict() for r in self.rows] if per_location else [],
        }


# The requests each current figure does not know about yet (see the module's docstring).
_HELD_SQL = """
    SELECT h.location_id, h.category, h.request_id
    FROM placement_holds h
    JOIN capacity_current c ON c.location_id = h.location_id AND c.category = h.category
    WHERE 1 {where} AND (
        h.offered_at >= c.reported_at
        OR h.state = 'geplaatst' AND EXISTS (
            SELECT 1 FROM placement_events e
            WHERE e.request_id = h.request_id AND e.to_state = 'geplaatst'
              AND e.at >= c.reported_at AND e.deleted = 0))
    ORDER BY h.request_id
"""


def held_requests(
    store: Store, *, category: str | None = None, location_id: str | None = None
) -> dict[tuple[str, str], list[str]]:
    """Per (location, category): the ids of the requests its current figure does not count."""
    where, params = "", []
    if category is not None:
        where += " AND h.category = ?"
        params.append(category)
    if location_id is not None:
        where += " AND h.location_id = ?"
        params.append(location_id)
    held: dict[tuple[str, str], list[str]] = {}
    for row in store.query(_HELD_SQL.format(where=where), params):
        held.setdefault((row["location_id"], row["category"]), []).append(row["request_id"])
    return held


def _aware(now: datetime) -> datetime:
    if now.tzinfo is None:
        raise ValidationError("'now' needs a time zone (use datetime.now(UTC)).")
    return now.astimezone(UTC)


class StaleLimits:
    """When a figure is stale at `now`: per reporting rhythm, the moment (UTC ISO) before
    which a figure was made.

    A figure made at r misses an expected time T when r + window < T <= now (see
    `rhythm.missed_since`), so it is stale exactly when r lies before the most recent
    expected time minus the window. Computed once per rhythm, not once per figure; without
    a rhythm, the setting `capacity.stale_after_hours` gives the limit.
    """

    def __init__(self, store: Store, now: datetime) -> None:
        self.now = now
        hours = get_setting(store, "capacity.stale_after_hours")
        self.fallback = _iso(now - timedelta(hours=hours))
        self.cutoffs: dict[tuple[str, int], str] = {}

    def before(self, report_time: str | None, every_hours: int | None) -> str:
        if not every_hours:
            return self.fallback
        rhythm = (report_time or DEFAULT_TIME, int(every_hours))
        cutoff = self.cutoffs.get(rhythm)
        if cutoff is None:
            window = timedelta(hours=min(WINDOW_HOURS, rhythm[1]))
            cutoff = self.cutoffs[rhythm] = _iso(last_expected_at(*rhythm, self.now) - window)
        return cutoff


def _iso(moment: datetime) -> str:
    # Stored times are UTC ISO to the second, so they compare as strings.
    return moment.astimezone(UTC).isoformat(timespec="seconds")


# The current figures with their place, in the order of BedFigure's first fields; then the
# location's reporting rhythm.
_FIGURES_SQL = """
    SELECT c.location_id, l.name, l.organisation_id,
           coalesce(nullif(o.short_name, ''), o.name, ''), l.region_id, c.category,
           c.report_id, c.reported_at, c.total, c.staffed, c.occupied, coalesce(c.available, 0),
           c.expected_24h, coalesce(c.status, ''), l.report_time, l.report_every_hours
    FROM capacity_current c
    JOIN locations l ON l.id = c.location_id AND l.deleted = 0
    LEFT JOIN organisations o ON o.id = l.organisation_id AND o.deleted = 0
    WHERE 1 {where}
    ORDER BY c.category, l.name, c.location_id
"""


def bed_figures(
    store: Store,
    *,
    now: datetime,
    category: str | None = None,
    location_id: str | None = None,
    region_id: str | None = None,
) -> list[BedFigure]:
    """Every current figure (filtered), ordered by category, location name and id."""
    now = _aware(now)
    where, params = "", []
    for column, value in (
        ("c.category", category),
        ("c.location_id", location_id),
        ("l.region_id", region_id),
    ):
        if value is not None:
            where += f" AND {column} = ?"
            params.append(value)
    rows = store.rows(_FIGURES_SQL.format(where=where), params)
    if not rows:
        return []
    held = held_requests(store, category=category, location_id=location_id)
    limits = StaleLimits(store, now)
    cutoffs: dict[tuple[str | None, int | None], str] = {}  # per rhythm as stored
    parse, figures = datetime.fromisoformat, []
    for row in rows:
        location, code, reported_at, rhythm = row[0], row[5], row[7], (row[14], row[15])
        holders = tuple(held.get((location, code), ()))
        age = max(0, int((now - parse(reported_at)).total_seconds()))
        cutoff = cutoffs.get(rhythm)
        if cutoff is None:
            cutoff = cutoffs[rhythm] = limits.before(*rhythm)
        stale = reported_at < cutoff
        values = (*row[:14], len(holders), holders, age, stale)
        figures.append(BedFigure(*values))
    return figures


def bed_figure(store: Store, location_id: str, category: str, *, now: datetime) -> BedFigure | None:
    """One location's current figure for one category, if it reported one."""
    found = bed_figures(store, now=now, category=category, location_id=location_id)
    return found[0] if found else None


def capacity_picture(
    store: Store,
    *,
    now: datetime,
    category: str | None = None,
    region_id: str | None = None,
    organisation_id: str | None = None,
) -> list[CategoryBeds]:
    """Per category (in the categories' own order) its locations' figures and their sums."""
    if category is not None:
        check_category(store, category)
    known = all_categories(store)
    grouped: dict[str, list[BedFigure]] = {}
    for figure in bed_figures(store, now=now, category=category, region_id=region_id):
        if organisation_id is None or figure.organisation_id == organisation_id:
            grouped.setdefault(figure.category, []).append(figure)
    order = {code: n for n, code in enumerate(known)}
    result = []
    for code in sorted(grouped, key=lambda c: (order.get(c, len(order)), c)):
        info = known.get(code)
        result.append(
            CategoryBeds(
                category=code,
                name=info.name if info else code,
                name_en=info.name_en if info else code,
                kind=info.kind if info else "bed",
                rows=tuple(grouped[code]),
            )
        )
    return result
