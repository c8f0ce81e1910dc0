"""Commands that change the capacity picture; each validates, then writes through the log.

Report figures, per location and category (for a team category, counted in clients):

- `total`: technical capacity (beds that exist, or clients the team could take at full strength);
- `staffed`: operational capacity, the part with staff for it now (the real constraint);
- `occupied`: in use now;
- `available`: free and staffed now; by default `staffed - occupied`, lower if the location
  holds beds back (e.g. kept free for an expected admission), never higher; 0 in a surge
  (`occupied` above `staffed`, accepted with a warning: see `surge_warning`);
- `expected_24h`: the number the location expects to have available (free and staffed) 24
  hours after `reported_at`, taking expected admissions, discharges and rosters into account;
  optional, at most `total`;
- `status`: the colour the location reports; if not given it is derived from the free share
  `available / staffed` (see `derive_status`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from ..errors import ValidationError
from ..i18n import Text
from ..validation import new_id, report_time, require_row
from .categories import FEATURES, SOURCES, STATUSES, check_category
from .rhythm import DEFAULT_EVERY_HOURS, DEFAULT_TIME, check_rhythm

if TYPE_CHECKING:
    from ..store import Store


# Derived status by the free share of staffed capacity (available / staffed), checked in order.
STATUS_THRESHOLDS: tuple[tuple[float, str], ...] = (
    (0.20, "groen"),  # at least a fifth free
    (0.10, "geel"),  # at least a tenth
    (0.05, "oranje"),  # at least a twentieth
)
# Below 5 % but something free: rood. Nothing free (or nothing staffed): donkerrood.


def derive_status(staffed: int, available: int) -> str:
    """The colour for a free share of staffed capacity: >=20 % groen, >=10 % geel,
    >=5 % oranje, anything free rood, nothing free (or nothing staffed) donkerrood."""
    if staffed <= 0 or available <= 0:
        return "donkerrood"
    share = available / staffed
    for threshold, colour in STATUS_THRESHOLDS:
        if share >= threshold:
            return colour
    return "rood"


def clean_features(features: list[str] | tuple[str, ...] | str) -> str:
    """Feature codes as stored: known codes, sorted, comma-separated, no repeats."""
    if isinstance(features, str):
        features = features.split(",")
    codes = sorted({f.strip() for f in features if f.strip()})
    unknown = [code for code in codes if code not in FEATURES]
    if unknown:
        raise ValidationError(
            "Unknown location feature '{feature}'. Allowed: {allowed}.",
            feature=unknown[0],
            allowed=", ".join(FEATURES),
        )
    return ",".join(codes)


def add_location(
    store: Store,
    organisation_id: str,
    name: str,
    *,
    region_id: str | None = None,
    address: str = "",
    city: str = "",
    features: list[str] | tuple[str, ...] | str = (),
    report_time: str | None = DEFAULT_TIME,
    report_every_hours: int | None = DEFAULT_EVERY_HOURS,
    location_id: str | None = None,
) -> str:
    """A site of an organisation where capacity is; daily 09:00 reports expected by default."""
    require_row(store, "organisations", organisation_id, Text("organisation"))
    if region_id is not None:
        require_row(store, "regions", region_id, Text("region"))
    name = name.strip()
    if not name:
        raise ValidationError("A location needs a name (like 'MST Enschede, IC').")
    report_time, report_every_hours = check_rhythm(report_time, report_every_hours)
    values = {
        "organisation_id": organisation_id,
        "region_id": region_id,
        "name": name,
        "address": address.strip(),
        "city": city.strip(),
        "features": clean_features(features),
        "report_time": report_time,
        "report_every_hours": report_every_hours,
    }
    location_id = location_id or new_id()
    with store.transaction() as tx:
        tx.put("locations", location_id, values)
    return location_id


def set_report_rhythm(
    store: Store, location_id: str, report_time: str | None, every_hours: int | None
) -> None:
    """When the location is expected to report: local time and interval; both None = none."""
    require_row(store, "locations", location_id, Text("location"))
    report_time, every_hours = check_rhythm(report_time, every_hours)
    with store.transaction() as tx:
        tx.put(
            "locations",
            location_id,
            {"report_time": report_time, "report_every_hours": every_hours},
        )


def set_features(
    store: Store, location_id: str, features: list[str] | tuple[str, ...] | str
) -> None:
    require_row(store, "locations", location_id, Text("location"))
    clean = clean_features(features)
    with store.transaction() as tx:
        tx.put("locations", location_id, {"features": clean})


# Far above any real ward or region, and far below where sums over a region could overflow.
MAX_COUNT = 1_000_000


def _count(value: int | None, what: str) -> None:
    if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
        raise ValidationError(
            "{what} must be a whole number, not {value!r}.", what=what, value=value
        )
    if value is not None and value < 0:
        raise ValidationError(
            "{what} cannot be negative ({value}); give 0 or more.", what=what, value=value
        )
    if value is not None and value > MAX_COUNT:
        raise ValidationError(
            "{what} is too large ({value}); at most {limit}.",
            what=what,
            value=value,
            limit=MAX_COUNT,
        )


@dataclass(frozen=True)
class FigureProblem:
    """The first rule a set of figures breaks: a code a form can translate, and the text."""

    code: str  # 'staffed_over_total', 'available_over_free', 'occupied_over_staffed', ...
    values: dict[str, int]
    message: Text


def figure_problem(
    total: int,
    staffed: int,
    occupied: int,
    available: int | None = None,
    expected_24h: int | None = None,
) -> FigureProblem | None:
    """The first rule the figures break (the report is refused), without writing anything.

    More patients than staffed beds is not refused: it is a surge, see `surge_warning`.
    """
    if staffed > total:
        return FigureProblem(
            "staffed_over_total",
            {"staffed": staffed, "total": total},
            Text(
                "staffed ({staffed}) cannot exceed total ({total}): staffed beds are part of "
                "the total.",
                staffed=staffed,
                total=total,
            ),
        )
    free = max(0, staffed - occupied)
    if available is not None and available > free:
        return FigureProblem(
            "available_over_free",
            {"available": available, "free": free},
            Text(
                "available ({available}) cannot exceed staffed - occupied ({free}); give at "
                "most {free}.",
                available=available,
                free=free,
            ),
        )
    if expected_24h is not None and expected_24h > total:
        return FigureProblem(
            "expected_over_total",
            {"expected": expected_24h, "total": total},
            Text(
                "expected_24h ({expected}) cannot exceed total ({total}): it counts beds "
                "expected free and staffed in 24 hours.",
                expected=expected_24h,
                total=total,
            ),
        )
    return None


def surge_warning(total: int, staffed: int, occupied: int) -> FigureProblem | None:
    """A surge: more patients than staffed beds (or even than beds). Accepted, with this
    warning, because patients without staff are the signal a coordinator needs; the
    location is shown as overbezet and counts no free beds."""
    if occupied > total:
        return FigureProblem(
            "occupied_over_total",
            {"occupied": occupied, "staffed": staffed, "total": total},
            Text(
                "Overbezet: occupied ({occupied}) exceeds total ({total}) and staffed "
                "({staffed}): patients without a bed. Accepted; the location counts no free "
                "beds.",
                occupied=occupied,
                staffed=staffed,
                total=total,
            ),
        )
    if occupied > staffed:
        return FigureProblem(
            "occupied_over_staffed",
            {"occupied": occupied, "staffed": staffed, "total": total},
            Text(
                "Overbezet: occupied ({occupied}) exceeds staffed ({staffed}): patients in beds "
                "without staff. Accepted; the location counts no free beds.",
                occupied=occupied,
                staffed=staffed,
            ),
        )
    return None


def report_capacity(
    store: Store,
    location_id: str,
    category: str,
    *,
    total: int,
    staffed: int,
    occupied: int,
    now: datetime,
    available: int | None = None,
    expected_24h: int | None = None,
    status: str | None = None,
    reporter: str = "",
    source: str = "formulier",
    reported_at: datetime | None = None,
    report_id: str | None = None,
) -> str:
    """Record a report (an immutable fact); a correction is a newer report. Returns its id.

    `reported_at` is when the figures were true (default `now`); it may lie in the past
    (a paper form typed in later), but not more than 5 minutes after `now`.
    """
    require_row(
        store,
        "locations",
        location_id,
        Text("location"),
        Text("'capacity locations' lists the locations."),
    )
    check_category(store, category)
    for value, what in (
        (total, "total"),
        (staffed, "staffed"),
        (occupied, "occupied"),
        (available, "available"),
        (expected_24h, "expected_24h"),
    ):
        _count(value, what)
    problem = figure_problem(total, staffed, occupied, available, expected_24h)
    if problem is not None:
        raise ValidationError(problem.message)
    if available is None:
        available = max(0, staffed - occupied)
    if status is None:
        status = derive_status(staffed, available)
    elif status not in STATUSES:
        raise ValidationError(
            "Unknown status colour '{status}'. Allowed: {allowed}.",
            status=status,
            allowed=", ".join(STATUSES),
        )
    if source not in SOURCES:
        raise ValidationError(
            "Unknown source '{source}'. Allowed: {allowed}.",
            source=source,
            allowed=", ".join(SOURCES),
        )
    at = report_time(reported_at, now)
    report_id = report_id or new_id()
    with store.transaction() as tx:
        tx.put(
            "capacity_reports",
            report_id,
            {
                "location_id": location_id,
                "category": category,
                "total": total,
                "staffed": staffed,
                "occupied": occupied,
                "available": available,
                "expected_24h": expected_24h,
                "status": status,
                "reporter": reporter.strip(),
                "source": source,
                "reported_at": at,
            },
        )
    return report_id
