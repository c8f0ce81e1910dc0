"""The region's LNAZ phase and its noodscenario: each change updates the region and writes
a log entry (who decided, on whose advice, on which picture) in one transaction.

Rules:
- the phase is one of 1a, 1b, 2a, 2b, 2c, 2d, 3 and is set on a ROAZ region;
- who decided and the picture (beeld) it was decided on are required;
- setting the phase the region is already in is refused;
- phase 3 (crisiszorg, code zwart) is declared only nationally by the minister: moving to
  or out of phase 3 needs `national=True` (CLI: --national), stating that the decision is
  the national one; the region only records it;
- a change may not be dated before the change it follows (the log is kept as it happens).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from ..errors import ValidationError
from ..i18n import Text
from ..validation import new_id, utc_iso
from .logbook import entry_values
from .regions import roaz_region
from .vocabulary import (
    DEFAULT_PHASE,
    NATIONAL_PHASE,
    NOODSCENARIO_OFF,
    NOODSCENARIO_ON,
    PHASE_ORDER,
    PHASES,
    phase_label,
)

if TYPE_CHECKING:
    from ..store import Store


def _check_decision(decided_by: str, picture: str, what: Text) -> None:
    if not decided_by.strip():
        raise ValidationError(
            "{what} needs who decided (decided_by), e.g. 'Bestuurlijk ROAZ Euregio' or "
            "'DPG Twente'.",
            what=what,
        )
    if not picture.strip():
        raise ValidationError(
            "{what} needs the picture (beeld) it was decided on, e.g. the bed occupancy "
            "and the pressure reported by the chain partners.",
            what=what,
        )


def _check_order(since: str | None, at: str, what: Text) -> None:
    if since and at < since:
        raise ValidationError(
            "{what} is dated {at}, before the current state (since {since}); the log is "
            "kept as it happens: record it with the current time and mention the real time "
            "in the text.",
            what=what,
            at=at,
            since=since,
        )


def set_phase(
    store: Store,
    region_id: str,
    phase: str,
    decided_by: str,
    advised_by: str,
    picture: str,
    text: str,
    now: datetime,
    recorded_by: str,
    national: bool = False,
    entry_id: str | None = None,
) -> str:
    """Move the region to `phase`; returns the id of the 'fase' log entry."""
    row = roaz_region(store, region_id)
    if phase not in PHASES:
        raise ValidationError(
            "Unknown phase '{phase}'. Allowed (LNAZ): {allowed}.",
            phase=phase,
            allowed=", ".join(PHASE_ORDER),
        )
    current = row["phase"]
    if phase == current:
        raise ValidationError(
            "'{region}' is already in phase {phase} (since {since}); choose another phase: "
            "{others}.",
            region=row["name"],
            phase=phase,
            since=row["phase_since"],
            others=", ".join(p for p in PHASE_ORDER if p != phase),
        )
    if NATIONAL_PHASE in (phase, current) and not national:
        raise ValidationError(
            "Phase 3 (crisiszorg, code zwart) is declared and ended only nationally, by the "
            "minister. Record the national decision with national=True (CLI: --national) and "
            "name it in decided_by; regionally the choice is a noodscenario or 1a-2d."
        )
    _check_decision(decided_by, picture, Text("A phase change"))
    at = utc_iso(now, Text("The moment of the phase change"))
    _check_order(row["phase_since"], at, Text("The phase change"))
    values = entry_values(
        region_id,
        "fase",
        text,
        now,
        recorded_by,
        decided_by=decided_by,
        advised_by=advised_by,
        picture=picture,
        phase_from=current,
        phase_to=phase,
    )
    entry_id = entry_id or new_id()
    with store.transaction() as tx:
        tx.put("log_entries", entry_id, values)
        tx.put(
            "regions",
            region_id,
            {"phase": phase, "phase_since": at, "phase_entry_id": entry_id},
        )
    return entry_id


def set_noodscenario(
    store: Store,
    region_id: str,
    active: bool,
    decided_by: str,
    advised_by: str,
    picture: str,
    text: str,
    now: datetime,
    recorded_by: str,
    entry_id: str | None = None,
) -> str:
    """Declare (active=True) or end the regional noodscenario; returns the log entry's id."""
    row = roaz_region(store, region_id)
    state = bool(row["noodscenario"])
    if state == active:
        raise ValidationError(
            "The noodscenario of '{region}' is already {state}; nothing to change.",
            region=row["name"],
            state=Text("on") if state else Text("off"),
        )
    what = Text("Declaring the noodscenario") if active else Text("Ending the noodscenario")
    _check_decision(decided_by, picture, what)
    at = utc_iso(now, Text("The moment of the decision"))
    _check_order(row["noodscenario_since"], at, what)
    values = entry_values(
        region_id,
        "noodscenario",
        text,
        now,
        recorded_by,
        decided_by=decided_by,
        advised_by=advised_by,
        picture=picture,
        phase_from=NOODSCENARIO_ON if state else NOODSCENARIO_OFF,
        phase_to=NOODSCENARIO_ON if active else NOODSCENARIO_OFF,
    )
    entry_id = entry_id or new_id()
    with store.transaction() as tx:
        tx.put("log_entries", entry_id, values)
        tx.put(
            "regions",
            region_id,
            {
                "noodscenario": int(active),
                "noodscenario_since": at,
                "noodscenario_entry_id": entry_id,
            },
        )
    return entry_id


def phase_state(store: Store, region_id: str) -> dict[str, Any]:
    """The region's phase with its meaning and the decision behind it, and its noodscenario."""
    row = roaz_region(store, region_id)
    phase = row["phase"] or DEFAULT_PHASE
    decision = (
        store.query_one("SELECT * FROM log_entries WHERE id = ?", (row["phase_entry_id"],))
        if row["phase_entry_id"]
        else None
    ) or {}
    nood = (
        store.query_one("SELECT * FROM log_entries WHERE id = ?", (row["noodscenario_entry_id"],))
        if row["noodscenario_entry_id"]
        else None
    ) or {}
    return {
        "region_id": region_id,
        "region": row["name"],
        "phase": phase,
        "phase_recorded": row["phase"] is not None,
        "meaning": phase_label(phase),
        "meaning_en": phase_label(phase, "en"),
        "since": row["phase_since"],
        "decided_by": decision.get("decided_by"),
        "advised_by": decision.get("advised_by"),
        "picture": decision.get("picture"),
        "text": decision.get("text"),
        "entry_id": row["phase_entry_id"],
        "noodscenario": bool(row["noodscenario"]),
        "noodscenario_since": row["noodscenario_since"],
        "noodscenario_decided_by": nood.get("decided_by"),
    }


def phase_history(store: Store, region_id: str) -> list[dict[str, Any]]:
    """Every phase change and noodscenario decision of the region, oldest first."""
    roaz_region(store, region_id)
    rows = store.query(
        "SELECT id, kind, at, phase_from, phase_to, decided_by, advised_by, picture, text, "
        "recorded_by FROM log_entries WHERE region_id = ? AND deleted = 0 "
        "AND kind IN ('fase', 'noodscenario') ORDER BY at, json_extract(_clock, '$.kind[0]'), id",
        (region_id,),
    )
    for row in rows:
        row["meaning"] = phase_label(row["phase_to"]) if row["kind"] == "fase" else ""
    return rows
