"""What the power-dependent care picture answers: per area how many clients at home are at
risk within the next hours, by kind, and which provider to call; which providers have not
updated since the outage began (or within the stale limit)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from ..contacts.reachable import round_the_clock
from ..continuity.queries import stale_after_hours
from ..crisis.outage import active_outages
from ..errors import ValidationError
from .vocabulary import MIDDLE_BAND_HOURS, SHORT_BAND_HOURS, Dependency

if TYPE_CHECKING:
    from ..store import Store

DEFAULT_WITHIN_HOURS = 4


@dataclass(frozen=True)
class DependencyCount:
    dependency: Dependency
    under_4h: int
    from_4_to_12h: int
    over_12h: int

    @property
    def total(self) -> int:
        return self.under_4h + self.from_4_to_12h + self.over_12h

    def at_risk(self, within_hours: int) -> int:
        """Clients whose own backup runs out within `within_hours` (by band)."""
        count = self.under_4h
        if within_hours > SHORT_BAND_HOURS:
            count += self.from_4_to_12h
        if within_hours > MIDDLE_BAND_HOURS:
            count += self.over_12h
        return count


@dataclass(frozen=True)
class ProviderFigures:
    """One provider's current counts in one area, with its 24/7 number and their age."""

    organisation_id: str
    provider: str
    phone: str
    updated_at: str
    stale: bool  # older than the stale limit, or from before the outage began
    counts: tuple[DependencyCount, ...]

    @property
    def total(self) -> int:
        return sum(c.total for c in self.counts)


@dataclass(frozen=True)
class HomecareArea:
    area: str
    within_hours: int
    at_risk: int
    total: int
    by_dependency: tuple[DependencyCount, ...]  # summed over providers
    providers: tuple[ProviderFigures, ...]


@dataclass(frozen=True)
class HomecareOverview:
    as_of: str
    within_hours: int
    areas: tuple[HomecareArea, ...]  # most clients at risk first

    @property
    def not_updated(self) -> tuple[ProviderFigures, ...]:
        """Providers with a stale figure in some area (each area listed)."""
        return tuple(p for a in self.areas for p in a.providers if p.stale)


_CURRENT_SQL = """
SELECT h.organisation_id, h.area, h.dependency, h.under_4h, h.from_4_to_12h, h.over_12h,
       h.reported_at, coalesce(nullif(o.short_name, ''), o.name, '') AS provider
FROM (SELECT *, row_number() OVER (PARTITION BY organisation_id, area, dependency
                                   ORDER BY reported_at DESC, id DESC) AS rank
      FROM homecare_reports WHERE deleted = 0) h
LEFT JOIN organisations o ON o.id = h.organisation_id
WHERE h.rank = 1
ORDER BY h.area, provider, h.organisation_id, h.dependency
"""


def _sum(counts: list[DependencyCount]) -> tuple[DependencyCount, ...]:
    totals: dict[Dependency, list[int]] = {}
    for c in counts:
        into = totals.setdefault(c.dependency, [0, 0, 0])
        into[0] += c.under_4h
        into[1] += c.from_4_to_12h
        into[2] += c.over_12h
    order = list(Dependency)
    return tuple(
        DependencyCount(kind, *values)
        for kind, values in sorted(totals.items(), key=lambda kv: order.index(kv[0]))
    )


def homecare_overview(
    store: Store, *, now: datetime, within_hours: int = DEFAULT_WITHIN_HOURS
) -> HomecareOverview:
    """Per area the power-dependent clients at home, at risk within `within_hours`."""
    if now.tzinfo is None:
        raise ValidationError("'now' needs a time zone (use datetime.now(UTC)).")
    if isinstance(within_hours, bool) or not isinstance(within_hours, int) or within_hours < 1:
        raise ValidationError(
            "Give the hours ahead as a whole number of 1 or more, not {value!r}.",
            value=within_hours,
        )
    now = now.astimezone(UTC)
    outages = active_outages(store)
    stale_hours = stale_after_hours(store, outages)
    since = min((o.started_at for o in outages), default=None)
    rows = store.query(_CURRENT_SQL)
    phones = round_the_clock(store, sorted({r["organisation_id"] for r in rows}))
    grouped: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for row in rows:
        grouped.setdefault(row["area"], {}).setdefault(row["organisation_id"], []).append(row)
    areas = []
    for area, providers in grouped.items():
        figures = []
        for org_id, org_rows in providers.items():
            updated = max(r["reported_at"] for r in org_rows)
            age = (now - datetime.fromisoformat(updated)).total_seconds() / 3600
            phone = phones.get(org_id)
            figures.append(
                ProviderFigures(
                    organisation_id=org_id,
                    provider=org_rows[0]["provider"] or "",
                    phone=phone.number if phone else "",
                    updated_at=updated,
                    stale=age > stale_hours or (since is not None and updated < since),
                    counts=tuple(
                        DependencyCount(
                            Dependency(r["dependency"]),
                            r["under_4h"] or 0,
                            r["from_4_to_12h"] or 0,
                            r["over_12h"] or 0,
                        )
                        for r in org_rows
                    ),
                )
            )
        summed = _sum([c for p in figures for c in p.counts])
        areas.append(
            HomecareArea(
                area=area,
                within_hours=within_hours,
                at_risk=sum(c.at_risk(within_hours) for c in summed),
                total=sum(c.total for c in summed),
                by_dependency=summed,
                providers=tuple(figures),
            )
        )
    areas.sort(key=lambda a: (-a.at_risk, -a.total, a.area))
    return HomecareOverview(
        as_of=now.isoformat(timespec="seconds"), within_hours=within_hours, areas=tuple(areas)
    )
