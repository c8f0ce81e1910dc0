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
from .queries import latest_reports
from .rhythm import missed_since

if TYPE_CHECKING:
    from ..store import Store


@dataclass(frozen=True)
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
    WHERE 1 {where} AND CASE WHEN h.state = 'geplaatst' THEN (
            SELECT max(e.at) FROM placement_events e
            WHERE e.request_id = h.request_id AND e.to_state = 'geplaatst' AND e.deleted = 0
        ) >= c.reported_at
        ELSE h.offered_at >= c.reported_at END
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


def _rhythms(store: Store) -> dict[str, tuple[str, int]]:
    rows = store.query(
        "SELECT id, report_time, report_every_hours FROM locations "
        "WHERE deleted = 0 AND report_every_hours IS NOT NULL"
    )
    return {r["id"]: (r["report_time"] or "09:00", int(r["report_every_hours"])) for r in rows}


def is_stale(
    reported_at: datetime, now: datetime, rhythm: tuple[str, int] | None, fallback: timedelta
) -> bool:
    """Stale when an expected report time passed since the figure was made; without a
    rhythm, when older than the fallback limit."""
    if rhythm is None:
        return now - reported_at > fallback
    return missed_since(rhythm[0], rhythm[1], reported_at, now) is not None


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
    reports = latest_reports(store, category=category, location_id=location_id, region_id=region_id)
    if not reports:
        return []
    held = held_requests(store, category=category, location_id=location_id)
    rhythms = _rhythms(store)
    fallback = timedelta(hours=get_setting(store, "capacity.stale_after_hours"))
    figures = []
    for r in reports:
        made = datetime.fromisoformat(r["reported_at"])
        holders = tuple(held.get((r["location_id"], r["category"]), ()))
        figures.append(
            BedFigure(
                location_id=r["location_id"],
                location_name=r["location_name"] or "",
                organisation_id=r["organisation_id"],
                organisation=r["organisation"] or "",
                region_id=r["region_id"],
                category=r["category"],
                report_id=r["report_id"],
                reported_at=r["reported_at"],
                total=int(r["total"]),
                staffed=int(r["staffed"]),
                occupied=int(r["occupied"]),
                free=int(r["available"] or 0),
                expected_24h=r["expected_24h"],
                status=r["status"] or "",
                held=len(holders),
                held_by=holders,
                age_s=max(0, int((now - made).total_seconds())),
                stale=is_stale(made, now, rhythms.get(r["location_id"]), fallback),
            )
        )
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
