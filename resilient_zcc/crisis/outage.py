"""The region's outages (power, ICT, telephony, water): declared and ended as logged decisions.

An outage lives next to the phase: declaring one writes an `outages` row and a log entry of
kind 'uitval' (who decided, on which picture) in one transaction; ending it does the same.
While any outage of the region lasts, continuity figures go stale sooner and the overview
leads with the outage picture (see continuity/picture.py).

Rules:
- kind is one of stroom, ict, telefonie, water, overig; who decided is required;
- the start may lie in the past but not in the future; an expected end lies after the start;
- the same kind of outage cannot be declared twice for the same area while it lasts;
- an outage ends once, not before it started.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from ..errors import NotFound, ValidationError
from ..i18n import Text
from ..validation import FUTURE_TOLERANCE, new_id, utc_iso
from .logbook import entry_values
from .regions import region

if TYPE_CHECKING:
    from ..store import Store


class OutageKind(StrEnum):
    POWER = "stroom"
    ICT = "ict"
    TELEPHONY = "telefonie"
    WATER = "water"
    OTHER = "overig"


OUTAGE_KINDS: dict[str, tuple[str, str]] = {
    OutageKind.POWER: ("Stroomuitval", "Power outage"),
    OutageKind.ICT: ("ICT-uitval", "ICT outage"),
    OutageKind.TELEPHONY: ("Uitval telefonie", "Telephony outage"),
    OutageKind.WATER: ("Uitval drinkwater", "Water outage"),
    OutageKind.OTHER: ("Andere uitval", "Other outage"),
}


@dataclass(frozen=True)
class Outage:
    """One declared outage; `active` while it has not been ended."""

    id: str
    region_id: str
    kind: OutageKind
    area: str  # municipalities, comma-separated; empty: the whole region
    started_at: str
    expected_end: str | None
    decided_by: str
    entry_id: str
    ended_at: str | None
    ended_by: str | None

    @property
    def active(self) -> bool:
        return self.ended_at is None

    @property
    def municipalities(self) -> tuple[str, ...]:
        return area_names(self.area)

    def label(self, lang: str = "nl") -> str:
        pair = OUTAGE_KINDS[self.kind]
        return pair[0] if lang == "nl" else pair[1]


def area_names(area: str) -> tuple[str, ...]:
    """The municipalities of an area text, as written ('Enschede, Hengelo')."""
    return tuple(part.strip() for part in area.split(",") if part.strip())


def _outage(row: dict[str, Any]) -> Outage:
    return Outage(
        id=row["id"],
        region_id=row["region_id"],
        kind=OutageKind(row["kind"]),
        area=row["area"] or "",
        started_at=row["started_at"],
        expected_end=row["expected_end"],
        decided_by=row["decided_by"] or "",
        entry_id=row["entry_id"],
        ended_at=row["ended_at"],
        ended_by=row["ended_by"],
    )


def declare_outage(
    store: Store,
    region_id: str,
    kind: str,
    *,
    decided_by: str,
    recorded_by: str,
    now: datetime,
    area: str = "",
    started_at: datetime | None = None,
    expected_end: datetime | None = None,
    text: str = "",
    outage_id: str | None = None,
    entry_id: str | None = None,
) -> str:
    """Declare an outage in the region; returns its id."""
    row = region(store, region_id)
    if kind not in OUTAGE_KINDS:
        raise ValidationError(
            "Unknown kind of outage '{kind}'. Allowed: {allowed}.",
            kind=kind,
            allowed=", ".join(OUTAGE_KINDS),
        )
    if not decided_by.strip():
        raise ValidationError(
            "Declaring an outage needs who decided (decided_by), e.g. 'DPG Twente'."
        )
    now_iso = utc_iso(now, Text("The current time"))
    start = started_at or now
    start_iso = utc_iso(start, Text("The start of the outage"))
    if start > now + FUTURE_TOLERANCE:
        raise ValidationError(
            "The start of the outage {at} lies in the future (now is {now}); declare it "
            "when it has begun.",
            at=start_iso,
            now=now_iso,
        )
    end_iso = None
    if expected_end is not None:
        end_iso = utc_iso(expected_end, Text("The expected end"))
        if expected_end <= start:
            raise ValidationError(
                "The expected end {end} must lie after the start {start}.",
                end=end_iso,
                start=start_iso,
            )
    area = ", ".join(area_names(area))
    for other in active_outages(store, region_id):
        if other.kind == kind and other.area.lower() == area.lower():
            raise ValidationError(
                "This outage is already declared (since {since}); end it first or give "
                "another area.",
                since=other.started_at,
            )
    summary = text.strip() or f"{OUTAGE_KINDS[kind][0]}: {area or row['name']}"
    values = entry_values(region_id, "uitval", summary, now, recorded_by, decided_by=decided_by)
    outage_id = outage_id or new_id()
    entry_id = entry_id or new_id()
    with store.transaction() as tx:
        tx.put("log_entries", entry_id, values)
        tx.put(
            "outages",
            outage_id,
            {
                "region_id": region_id,
                "kind": kind,
                "area": area,
                "started_at": start_iso,
                "expected_end": end_iso,
                "decided_by": decided_by.strip(),
                "entry_id": entry_id,
                "ended_at": None,
                "ended_by": None,
                "end_entry_id": None,
            },
        )
    return outage_id


def end_outage(
    store: Store,
    outage_id: str,
    *,
    decided_by: str,
    recorded_by: str,
    now: datetime,
    text: str = "",
) -> str:
    """End a declared outage; returns the id of the 'uitval' log entry that records it."""
    outage = get_outage(store, outage_id)
    if not outage.active:
        raise ValidationError(
            "This outage ended already on {at} ({by}).", at=outage.ended_at, by=outage.ended_by
        )
    if not decided_by.strip():
        raise ValidationError("Ending an outage needs who decided (decided_by).")
    at = utc_iso(now, Text("The end of the outage"))
    if at < outage.started_at:
        raise ValidationError(
            "The outage cannot end ({at}) before it started ({start}).",
            at=at,
            start=outage.started_at,
        )
    summary = text.strip() or f"{OUTAGE_KINDS[outage.kind][0]} beëindigd"
    values = entry_values(
        outage.region_id, "uitval", summary, now, recorded_by, decided_by=decided_by
    )
    entry_id = new_id()
    with store.transaction() as tx:
        tx.put("log_entries", entry_id, values)
        tx.put(
            "outages",
            outage_id,
            {"ended_at": at, "ended_by": decided_by.strip(), "end_entry_id": entry_id},
        )
    return entry_id


def get_outage(store: Store, outage_id: str) -> Outage:
    row = store.query_one("SELECT * FROM outages WHERE id = ? AND deleted = 0", (outage_id,))
    if row is None:
        raise NotFound("No outage with id {id}; 'outage show' lists them.", id=outage_id)
    return _outage(row)


def active_outages(store: Store, region_id: str | None = None) -> tuple[Outage, ...]:
    """The outages that last now, oldest first (all regions if none is named)."""
    sql = "SELECT * FROM outages WHERE deleted = 0 AND ended_at IS NULL"
    params: tuple[str, ...] = ()
    if region_id is not None:
        sql += " AND region_id = ?"
        params = (region_id,)
    return tuple(_outage(r) for r in store.query(sql + " ORDER BY started_at, id", params))


def outage_history(store: Store, region_id: str | None = None) -> tuple[Outage, ...]:
    """Every outage, ended ones included, newest first."""
    sql = "SELECT * FROM outages WHERE deleted = 0"
    params: tuple[str, ...] = ()
    if region_id is not None:
        sql += " AND region_id = ?"
        params = (region_id,)
    return tuple(_outage(r) for r in store.query(sql + " ORDER BY started_at DESC, id", params))
