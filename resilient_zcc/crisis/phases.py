"""The region's LNAZ phase and its noodscenario: each change updates the region and writes
a log entry (who decided, on whose advice, on which picture) in one transaction.

Rules:
- the phase is one of 1a, 1b, 2a, 2b, 2c, 2d, 3 and is set on a ROAZ region;
- who decided and the picture (beeld) it was decided on are required;
- setting the phase the region is already in is refused;
- who decides comes from the authority table (authority.py): 1a-2b regionally by the
  bestuurlijk ROAZ, 2c and 2d nationally, 3 only by the minister for Medische Zorg. A change
  to or from a national phase needs `national=True` (CLI: --national) with the national
  decision's source and date, and decided_by naming the national body; the region only
  records it. The deciding body of the table is stored with the entry (`authority`);
- the regional noodscenario is the DPG's decision, in consultation with the ROAZ and the
  chair of the safety region, with the approval of the minister of VWS (or that approval
  recorded as pending);
- a change may not be dated before the change it follows (the log is kept as it happens).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from ..errors import ValidationError
from ..i18n import Text
from ..validation import new_id, utc_iso
from .authority import APPROVAL_GRANTED, APPROVAL_PENDING, authority_for
from .logbook import entry_values
from .regions import roaz_region
from .vocabulary import (
    DEFAULT_PHASE,
    NOODSCENARIO_OFF,
    NOODSCENARIO_ON,
    PHASE_ORDER,
    PHASES,
    phase_label,
    phase_rank,
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


def _check_date(value: str) -> str:
    try:
        return date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        raise ValidationError(
            "The date of the national decision '{value}' is not a date: write it as "
            "YYYY-MM-DD (CLI: --decided-on).",
            value=value,
        ) from None


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
    national_source: str = "",
    national_date: str = "",
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
    auth = authority_for(current, phase)
    if auth.national and not national:
        raise ValidationError(
            "Phase {phase} is not a regional decision: it is decided by {body}. {how} "
            "Record the national decision with national=True (CLI: --national), its source "
            "(--source) and date (--decided-on).",
            phase=phase if phase_rank(phase) >= phase_rank(current) else current,
            body=auth.body,
            how=auth.how,
        )
    if national and not auth.national:
        raise ValidationError(
            "A change from {current} to {phase} is a regional decision of {body}, not a "
            "national one: record it without national (CLI: --national).",
            current=current or DEFAULT_PHASE,
            phase=phase,
            body=auth.body,
        )
    if decided_by.strip() and not any(n in decided_by.lower() for n in auth.names):
        raise ValidationError(
            "Phase {phase} is decided by {body}; '{by}' does not name it. Name the deciding "
            "body in decided_by (CLI: --by).",
            phase=phase,
            body=auth.body,
            by=decided_by,
        )
    if national:
        decided_by = decided_by.strip() or auth.label("nl")
        source = national_source.strip()
        if not source:
            raise ValidationError(
                "A national decision needs its source (CLI: --source), e.g. 'Kamerbrief "
                "minister MZS' or 'LNAZ-bericht'."
            )
        decided_on = _check_date(national_date)
    else:
        source, decided_on = "", ""
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
    values.update(
        authority=auth.label("nl"),
        national_source=source or None,
        national_date=decided_on or None,
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
    safety_chair: str = "",
    approval: str = "",
) -> str:
    """Declare (active=True) or end the regional noodscenario; returns the log entry's id.

    `approval` is the minister of VWS's approval: APPROVAL_GRANTED or APPROVAL_PENDING
    (needed when declaring); `safety_chair` names the chair of the safety region consulted.
    """
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
    if "dpg" not in decided_by.lower():
        raise ValidationError(
            "{what} is the DPG's decision (in consultation with the ROAZ and the chair of the "
            "safety region); '{by}' does not name the DPG. Name the DPG in decided_by (CLI: "
            "--by), e.g. 'DPG Twente'.",
            what=what,
            by=decided_by,
        )
    consulted = advised_by.strip()
    if active:
        if not safety_chair.strip():
            raise ValidationError(
                "Declaring the noodscenario is done in consultation with the chair of the "
                "safety region: name him or her (CLI: --safety-chair), e.g. 'Voorzitter "
                "Veiligheidsregio Twente'."
            )
        if approval not in (APPROVAL_GRANTED, APPROVAL_PENDING):
            raise ValidationError(
                "Declaring the noodscenario needs the approval of the minister of VWS: record "
                "it as '{granted}' or '{pending}' (CLI: --approval).",
                granted=APPROVAL_GRANTED,
                pending=APPROVAL_PENDING,
            )
        consulted = "; ".join(p for p in (advised_by.strip() or "ROAZ", safety_chair.strip()))
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
    values.update(
        authority="DPG",
        consulted=consulted or None,
        approval=(approval or None) if active else None,
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


def record_noodscenario_approval(
    store: Store,
    region_id: str,
    decided_by: str,
    now: datetime,
    recorded_by: str,
    text: str = "",
    entry_id: str | None = None,
) -> str:
    """Record that the minister of VWS approved the noodscenario declared with its approval
    pending: a 'besluit' log entry carrying the approval (entries are never changed)."""
    row = roaz_region(store, region_id)
    state = phase_state(store, region_id)
    if not state["noodscenario"] or state["noodscenario_approval"] != APPROVAL_PENDING:
        raise ValidationError(
            "There is no noodscenario in '{region}' awaiting the minister's approval.",
            region=row["name"],
        )
    if not any(n in decided_by.lower() for n in ("minister", "vws")):
        raise ValidationError(
            "The approval is the minister of VWS's; '{by}' does not name the minister or "
            "VWS (CLI: --by).",
            by=decided_by,
        )
    _check_order(row["noodscenario_since"], utc_iso(now), Text("The approval"))
    values = entry_values(
        region_id,
        "besluit",
        text.strip() or "Goedkeuring minister van VWS voor het regionale noodscenario verleend.",
        now,
        recorded_by,
        decided_by=decided_by,
    )
    values.update(authority=decided_by, approval=APPROVAL_GRANTED)
    entry_id = entry_id or new_id()
    with store.transaction() as tx:
        tx.put("log_entries", entry_id, values)
    return entry_id


def _approval(store: Store, region_id: str, since: str | None, declared: str | None) -> Any:
    """The newest approval recorded since the noodscenario was declared."""
    if not since:
        return declared
    row = store.query_one(
        "SELECT approval FROM log_entries WHERE region_id = ? AND kind = 'besluit' "
        "AND approval IS NOT NULL AND deleted = 0 AND at >= ? ORDER BY at DESC, id DESC LIMIT 1",
        (region_id, since),
    )
    return row["approval"] if row else declared


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
        "authority": decision.get("authority"),
        "national": bool(decision.get("national_source")),
        "national_source": decision.get("national_source"),
        "national_date": decision.get("national_date"),
        "advised_by": decision.get("advised_by"),
        "picture": decision.get("picture"),
        "text": decision.get("text"),
        "entry_id": row["phase_entry_id"],
        "noodscenario": bool(row["noodscenario"]),
        "noodscenario_since": row["noodscenario_since"],
        "noodscenario_decided_by": nood.get("decided_by"),
        "noodscenario_consulted": nood.get("consulted"),
        "noodscenario_approval": _approval(
            store, region_id, row["noodscenario_since"], nood.get("approval")
        ),
    }


def phase_history(store: Store, region_id: str) -> list[dict[str, Any]]:
    """Every phase change and noodscenario decision of the region, oldest first."""
    roaz_region(store, region_id)
    rows = store.query(
        "SELECT id, kind, at, phase_from, phase_to, decided_by, advised_by, picture, text, "
        "recorded_by, authority, national_source, national_date, consulted, approval "
        "FROM log_entries WHERE region_id = ? AND deleted = 0 "
        "AND kind IN ('fase', 'noodscenario') ORDER BY at, json_extract(_clock, '$.kind[0]'), id",
        (region_id,),
    )
    for row in rows:
        row["meaning"] = phase_label(row["phase_to"]) if row["kind"] == "fase" else ""
    return rows
