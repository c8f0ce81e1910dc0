"""The sitrap's picture (beeld), read from the core queries that own each figure.

Capacity, the queue and the open conflicts are taken from `dashboard()` as they are, so the
sitrap, the Overzicht and `overview --json` cannot differ. Patient references are left out:
a sitrap is kept for good, a placement request's personal data is not.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from ..capacity.seh import seh_overview
from ..continuity.picture import outage_picture
from ..crisis.outage import OUTAGE_KINDS
from ..crisis.phases import phase_state
from ..crisis.regions import default_region
from ..dashboard import dashboard
from ..rounds.queries import round_summaries
from ..validation import utc_iso
from .log import previous

if TYPE_CHECKING:
    from ..store import Store

# Log kinds that are decisions or change the region's state: what happened since the last one.
DECISION_KINDS = ("besluit", "fase", "noodscenario", "maatregel", "uitval", "correctie")
MAX_DECISIONS = 25
# The first sitrap looks back one day for decisions: enough to brief, short enough to read.
FIRST_LOOKBACK = timedelta(hours=24)


@dataclass(frozen=True)
class Part:
    """Where a part of the picture comes from and how old it is."""

    source: str  # a code: logbook, outages, continuity, seh, capacity, placements
    as_of: str | None  # UTC ISO; None: nothing reported


@dataclass(frozen=True)
class Sitrap:
    number: int  # 0 while a preview, not yet made
    region_id: str
    region: str
    made_at: str
    made_by: str
    previous_at: str | None  # the time of the sitrap before this one
    phase: dict[str, Any]
    outage: dict[str, Any]
    seh: list[dict[str, Any]]
    beds: list[dict[str, Any]]  # dashboard().beds as they are
    queue: dict[str, Any]  # dashboard().queue, the most urgent request without reference
    open_conflicts: int
    late_locations: int
    decisions: list[dict[str, Any]]
    rounds: list[dict[str, Any]] = field(default_factory=list)  # call rounds since the last
    oordeel: str = ""
    proposals: list[str] = field(default_factory=list)
    parts: dict[str, Part] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Sitrap:
        values = dict(data)
        values["parts"] = {k: Part(**v) for k, v in data.get("parts", {}).items()}
        return cls(**values)


def _phase(store: Store, region_id: str) -> dict[str, Any]:
    state = phase_state(store, region_id)
    keep = (
        "region",
        "phase",
        "phase_recorded",
        "meaning",
        "meaning_en",
        "since",
        "decided_by",
        "authority",
        "advised_by",
        "national",
        "noodscenario",
        "noodscenario_since",
        "noodscenario_decided_by",
        "noodscenario_approval",
    )
    return {key: state[key] for key in keep}


def _outage(store: Store, now: datetime, region_id: str) -> dict[str, Any]:
    picture = outage_picture(store, now=now, region_id=region_id)
    return {
        "active": picture.active,
        "outages": [
            {
                "kind": str(o.kind),
                "label": OUTAGE_KINDS[o.kind][0],
                "label_en": OUTAGE_KINDS[o.kind][1],
                "area": o.area,
                "started_at": o.started_at,
                "expected_end": o.expected_end,
                "decided_by": o.decided_by,
            }
            for o in picture.outages
        ],
        "threshold_hours": picture.threshold_hours,
        "below_threshold": [
            {"location": f.location_name, "hours_left": round(f.hours_left or 0, 1)}
            for f in picture.below_threshold
        ],
        "not_heard_from": len(picture.not_heard_from),
        "homecare_at_risk": sum(a.at_risk for a in picture.homecare_at_risk),
        "homecare_within_hours": picture.within_hours,
        "open_resource_requests": len(picture.open_requests),
        "resource_conflicts": len(picture.resource_conflicts),
        "as_of": picture.as_of,
    }


def _seh(store: Store, now: datetime) -> list[dict[str, Any]]:
    keep = ("name", "status", "label", "label_en", "expected_until", "overrun", "reported_at")
    return [{key: row[key] for key in keep} for row in seh_overview(store, now)]


def _decisions(store: Store, region_id: str, since: str) -> list[dict[str, Any]]:
    """The newest decisions after `since`, oldest first."""
    rows = store.query(
        "SELECT kind, at, decided_by, text, phase_from, phase_to FROM log_entries "
        f"WHERE region_id = ? AND deleted = 0 AND kind IN ({','.join('?' * len(DECISION_KINDS))}) "
        "AND at > ? ORDER BY at DESC, id DESC LIMIT ?",
        (region_id, *DECISION_KINDS, since, MAX_DECISIONS),
    )
    return [dict(row) for row in reversed(rows)]


def build_sitrap(
    store: Store,
    now: datetime,
    made_by: str,
    oordeel: str = "",
    proposals: list[str] | None = None,
    region_id: str | None = None,
) -> Sitrap:
    """The sitrap as it would be made now (number 0: a preview); raises a clear `ZccError`
    on a profile without a region."""
    region_id = region_id or default_region(store)
    board = dashboard(store, now)
    at = utc_iso(now)
    last = previous(store, region_id)
    since = last["at"] if last else None
    phase = _phase(store, region_id)
    outage = _outage(store, now, region_id)
    seh = _seh(store, now)
    queue = asdict(board.queue)
    if queue["most_urgent"] is not None:
        queue["most_urgent"]["reference"] = None
        queue["most_urgent"]["id"] = ""
    oldest = max((b.oldest_age_s for b in board.beds), default=None)
    newest_seh = max((r["reported_at"] or "" for r in seh), default="") or None
    parts = {
        "phase": Part("logbook", phase["since"]),
        "outage": Part("continuity", outage["as_of"]),
        "seh": Part("seh", newest_seh),
        "beds": Part(
            "capacity",
            None if oldest is None else utc_iso(now - timedelta(seconds=oldest)),
        ),
        "queue": Part("placements", at),
        "decisions": Part("logbook", at),
        "rounds": Part("rounds", at),
    }
    looked_back = since or utc_iso(now - FIRST_LOOKBACK)
    return Sitrap(
        number=0,
        region_id=region_id,
        region=phase["region"],
        made_at=at,
        made_by=made_by,
        previous_at=since,
        phase=phase,
        outage=outage,
        seh=seh,
        beds=[asdict(b) for b in board.beds],
        queue=queue,
        open_conflicts=board.open_conflicts,
        late_locations=board.late_locations,
        decisions=_decisions(store, region_id, looked_back),
        rounds=[r.as_dict() for r in round_summaries(store, looked_back)],
        oordeel=oordeel.strip(),
        proposals=[p.strip() for p in proposals or [] if p.strip()],
        parts=parts,
    )
