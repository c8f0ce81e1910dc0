"""What the placement queue answers: the queue in the order to work it, a request's history,
and the dashboard's short answer (how many are overdue, where the most urgent one could go).

Order of the queue (one order for the window, the CLI and paper): open requests first;
among them overdue ones first (past the region's target for their urgency, a setting), then
most urgent, then longest waiting. Overdue leads because the target is the region's own
statement of how long a patient may wait; within overdue and within on-time requests the
urgency still decides. Closed requests follow, by state.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from ..errors import ValidationError
from ..settings import get_setting
from .lifecycle import OPEN_STATES, STATES
from .matching import Candidate, _aware, get_request, match
from .vocabulary import URGENCIES, URGENCY_ORDER

if TYPE_CHECKING:
    from ..store import Store

_STATE_ORDER = {state: n for n, state in enumerate(STATES)}
# Requests still looking for a place: the ones a coordinator can match now.
SEEKING_STATES = ("aangemeld", "in_behandeling")


@dataclass(frozen=True)
class QueueItem:
    """One request as the queue shows it; times in UTC ISO, durations in seconds."""

    id: str
    reference: str | None  # None once the patient data is removed after retention
    care_need: str
    category: str
    urgency: str
    covid_status: str | None
    age_band: str | None
    oxygen: bool
    hfno: bool
    isolation: bool
    transport: str | None
    acp_no_ic: bool
    acp_no_resuscitation: bool
    acp_no_hospital: bool
    state: str
    state_at: str
    registered_at: str
    closed_at: str | None
    location_id: str | None
    location_name: str | None
    escalated_to: str | None
    referrer_org_id: str | None
    referrer: str | None
    redacted: bool
    postoperative: bool
    local_route_tried: bool
    waiting_s: int  # open: registration until now; closed: until it closed
    target_s: int  # the region's target for this urgency
    overdue: bool  # open and waiting longer than the target
    over_s: int  # how long past the target (0 when not overdue)

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class QueueSummary:
    """The dashboard's answer to "who is waiting, and where could the most urgent one go"."""

    open: int
    overdue: int
    most_urgent: QueueItem | None  # first in queue order among requests still seeking a place
    best_match: Candidate | None  # its top suitable candidate; None: nothing fits, escalate


def targets(store: Store) -> dict[str, int]:
    """The target waiting time per urgency, in seconds."""
    return {
        urgency: 60 * get_setting(store, f"placements.target_minutes.{urgency}")
        for urgency in URGENCIES
    }


_SQL = (
    "SELECT r.id, r.reference, r.care_need, r.category, r.urgency, r.covid_status, "
    "r.age_band, r.oxygen, r.hfno, r.isolation, r.transport, r.acp_no_ic, "
    "r.acp_no_resuscitation, r.acp_no_hospital, r.state, r.state_at, r.registered_at, "
    "r.closed_at, r.location_id, l.name AS location_name, r.escalated_to, "
    "r.referrer_org_id, coalesce(o.short_name, o.name) AS referrer, r.redacted, "
    "r.postoperative, r.local_route_tried "
    "FROM placement_requests r "
    "LEFT JOIN locations l ON l.id = r.location_id AND l.deleted = 0 "
    "LEFT JOIN organisations o ON o.id = r.referrer_org_id AND o.deleted = 0 "
    "WHERE r.deleted = 0"
)
_FLAGS = (
    "oxygen",
    "hfno",
    "isolation",
    "acp_no_ic",
    "acp_no_resuscitation",
    "acp_no_hospital",
    "redacted",
    "postoperative",
    "local_route_tried",
)


def _item(row: dict[str, Any], now: datetime, target_s: dict[str, int]) -> QueueItem:
    state = row["state"] or "aangemeld"
    registered = datetime.fromisoformat(row["registered_at"])
    until = now if state in OPEN_STATES or not row["closed_at"] else row["closed_at"]
    end = until if isinstance(until, datetime) else datetime.fromisoformat(until)
    waiting_s = max(int((end - registered).total_seconds()), 0)
    target = target_s.get(row["urgency"], max(target_s.values()))
    overdue = state in OPEN_STATES and waiting_s > target
    values = dict(row, state=state, waiting_s=waiting_s, target_s=target, overdue=overdue)
    values.update({flag: bool(row[flag]) for flag in _FLAGS})
    values["over_s"] = waiting_s - target if overdue else 0
    return QueueItem(**values)


def _order(item: QueueItem) -> tuple[Any, ...]:
    if item.is_open:
        return (
            0,
            not item.overdue,
            URGENCY_ORDER.get(item.urgency, len(URGENCY_ORDER)),
            item.registered_at,
            item.id,
        )
    return (1, _STATE_ORDER.get(item.state, len(_STATE_ORDER)), item.registered_at, item.id)


def queue(store: Store, now: datetime, state: str | None = None) -> list[QueueItem]:
    """Every request (or those in one state) in the order to work them (module docstring)."""
    if state is not None and state not in STATES:
        raise ValidationError(
            "Unknown state '{state}'. Known states: {known}.", state=state, known=", ".join(STATES)
        )
    now = _aware(now)
    sql, params = _SQL, []
    if state is not None:
        sql += " AND r.state = ?"
        params.append(state)
    target_s = targets(store)
    items = [_item(row, now, target_s) for row in store.query(sql, params)]
    items.sort(key=_order)
    return items


def open_queue(store: Store, now: datetime) -> list[QueueItem]:
    """The open requests only, in queue order."""
    return [item for item in queue(store, now) if item.is_open]


def summary(store: Store, now: datetime) -> QueueSummary:
    """How many are open and overdue, and the most urgent request still seeking a place with
    the top candidate matching found for it.

    The same answer as reading `open_queue` (a test holds them equal), but worked out in SQL:
    the dashboard asks at every start-up, and building every request of a large region in
    Python cost more than the rest of the Overzicht together.
    """
    now = _aware(now)
    target_s = targets(store)
    cutoffs = {
        f"cut_{urgency}": (now - timedelta(seconds=seconds)).isoformat(timespec="seconds")
        for urgency, seconds in target_s.items()
    }
    latest = (now - timedelta(seconds=max(target_s.values()))).isoformat(timespec="seconds")
    overdue = (
        "(r.registered_at < CASE r.urgency "
        + " ".join(f"WHEN '{u}' THEN :cut_{u}" for u in target_s)
        + " ELSE :latest END)"
    )
    params: dict[str, Any] = {**cutoffs, "latest": latest}
    open_states = ", ".join(f"'{state}'" for state in OPEN_STATES)
    counts = store.query_one(
        f"SELECT count(*) AS open, coalesce(sum({overdue}), 0) AS overdue "
        f"FROM placement_requests r WHERE r.deleted = 0 AND r.state IN ({open_states})",
        params,
    )
    urgency_rank = (
        "CASE r.urgency "
        + " ".join(f"WHEN '{u}' THEN {n}" for u, n in URGENCY_ORDER.items())
        + f" ELSE {len(URGENCY_ORDER)} END"
    )
    seeking_states = ", ".join(f"'{state}'" for state in SEEKING_STATES)
    # First the id, from the queue index alone (migration 14), then that one request.
    first = store.query_one(
        f"SELECT r.id FROM placement_requests r WHERE r.deleted = 0 "
        f"AND r.state IN ({seeking_states}) "
        f"ORDER BY {overdue} DESC, {urgency_rank}, r.registered_at, r.id LIMIT 1",
        params,
    )
    rows = store.query(_SQL + " AND r.id = ?", (first["id"],)) if first else []
    seeking = _item(rows[0], now, target_s) if rows else None
    best = None
    if seeking is not None:
        candidates = match(store, seeking.id, now).candidates
        best = candidates[0] if candidates and candidates[0].suitable else None
    return QueueSummary(
        open=int(counts["open"]) if counts else 0,
        overdue=int(counts["overdue"]) if counts else 0,
        most_urgent=seeking,
        best_match=best,
    )


@dataclass(frozen=True)
class PlacementStatistics:
    """Counts over every request kept (redacted ones included: these fields are not personal)."""

    total: int
    open: int
    overdue: int
    local_route_tried: int  # the referrer tried the regular route before the ZCC
    local_route_not_tried: int
    by_state: dict[str, int]
    refusals: dict[str, int]  # by reason code; "" for refusals logged before the list

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def statistics(store: Store, now: datetime) -> PlacementStatistics:
    items = queue(store, now)
    tried = store.query(
        "SELECT coalesce(local_route_tried, 0) AS tried, count(*) AS n "
        "FROM placement_requests WHERE deleted = 0 GROUP BY 1"
    )
    counted = {int(row["tried"]): int(row["n"]) for row in tried}
    refusals = store.query(
        "SELECT coalesce(reason_code, '') AS code, count(*) AS n FROM placement_events "
        "WHERE deleted = 0 AND from_state = 'plaats_aangeboden' AND to_state = 'in_behandeling' "
        "GROUP BY 1 ORDER BY 2 DESC, 1"
    )
    return PlacementStatistics(
        total=len(items),
        open=sum(item.is_open for item in items),
        overdue=sum(item.overdue for item in items),
        local_route_tried=counted.get(1, 0),
        local_route_not_tried=counted.get(0, 0),
        by_state=counts_by_state(store),
        refusals={row["code"]: int(row["n"]) for row in refusals},
    )


def events(store: Store, request_id: str) -> list[dict[str, Any]]:
    """Every step of a request, oldest first."""
    get_request(store, request_id)
    return store.query(
        "SELECT e.id, e.from_state, e.to_state, e.at, e.by, e.location_id, "
        "l.name AS location_name, e.category, e.reason, e.reason_code FROM placement_events e "
        "LEFT JOIN locations l ON l.id = e.location_id "
        "WHERE e.request_id = ? AND e.deleted = 0 ORDER BY e.at, e.id",
        (request_id,),
    )


def counts_by_state(store: Store) -> dict[str, int]:
    rows = store.query(
        "SELECT state, count(*) AS n FROM placement_requests WHERE deleted = 0 GROUP BY state"
    )
    found = {row["state"]: int(row["n"]) for row in rows}
    return {state: found.get(state, 0) for state in STATES}
