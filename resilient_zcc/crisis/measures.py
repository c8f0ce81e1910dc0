"""The modules of measures of the expert team (seed 003), with the LNAZ phase from which
each applies and from which it becomes binding, and which ones a region has switched on.

Phases, from the module pages of seed 003 ("Fase") and its overview figure; where they
differ we chose as noted:
- 1, 2, 3, 7 and pilot B: all phases (from 1a).
- 4A (HFNO on the ward): the module page says all phases, with most impact from phase 2;
  the overview figure groups it with the 2a modules. We follow the module page: from 1a.
- 4B (HFNO transport): "in te zetten vanaf fase 2": from 2a (the first step of phase 2).
- 5 (PACU), 6 (ZBC's): as needed from 2a, "vanaf fase 2c een meer verplichtend karakter":
  binding from 2c. For 6 the brief also calls it a last resort; that is in its description.
- 8 (VVT concentration) and pilot A (IC concentration): from 2a, mandatory from 2c ("2C en
  2D"): binding from 2c.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from ..errors import ValidationError
from ..i18n import Text
from ..validation import new_id, required, utc_iso
from .common import stable_id
from .logbook import entry_values
from .regions import region
from .vocabulary import DEFAULT_PHASE, phase_rank

if TYPE_CHECKING:
    from ..store import Store

SOURCE = "Expertteam COVID-ziekenhuiszorg, advies modules (seed 003)"


@dataclass(frozen=True)
class Measure:
    code: str
    title: str
    description: str
    applies_from: str
    binding_from: str | None = None

    @property
    def id(self) -> str:
        return measure_id(self.code)


# fmt: off
MEASURES: tuple[Measure, ...] = (
    Measure("1", "Zuurstof en/of monitoring thuis",
            "Patiënten met zuurstof en/of monitoring thuis begeleiden, zodat opname wordt "
            "voorkomen of ontslag eerder kan.", "1a"),
    Measure("2", "Taakdifferentiatie en opleiding",
            "Taakherschikking en opleiding om de bestaande arbeidscapaciteit te vergroten.",
            "1a"),
    Measure("3", "Regionale coördinatie en informatie-uitwisseling",
            "Regionale coördinatie van (COVID-)zorg en actueel inzicht in de regionale "
            "capaciteit.", "1a"),
    Measure("4A", "HFNO op de verpleegafdeling",
            "Kliniek gedelegeerde zorg met High Flow Nasal Oxygen buiten de IC; de meeste "
            "impact vanaf fase 2.", "1a"),
    Measure("4B", "HFNO-transport",
            "Vervoer van HFNO-patiënten om de stijging van de inzet van HFNO te faciliteren; "
            "voorbereiding eerder nodig.", "2a"),
    Measure("5", "Uitbreiden PACU-capaciteit",
            "Tijdelijk uitbreiden van de PACU-capaciteit om IC-patiënten op te vangen.",
            "2a", "2c"),
    Measure("6", "Inzet ZBC's voor U4/U5-zorg",
            "Zelfstandige behandelcentra nemen U4- en U5-zorg over om de ziekenhuizen te "
            "ontlasten; laatste redmiddel, in reguliere afspraken vanaf 2a.", "2a", "2c"),
    Measure("7", "Vroegsignalering door huisartsen",
            "Vroegsignalering van hoogrisicopatiënten in de huisartsenpraktijk.", "1a"),
    Measure("8", "Concentratie COVID-zorg in de VVT",
            "Regionale concentratie van COVID-zorg in de VVT op bestaande locaties; "
            "verplicht vanaf 2c/2d.", "2a", "2c"),
    Measure("A", "Pilot A: concentratie COVID-IC-zorg",
            "Regionale concentratie van COVID-IC-zorg op bestaande locaties (pilot).",
            "2a", "2c"),
    Measure("B", "Pilot B: High Care Monitoring",
            "High Care Monitoring voor efficiënte benutting van de ziekenhuiscapaciteit "
            "(pilot).", "1a"),
)
# fmt: on
BY_CODE = {m.code: m for m in MEASURES}


def measure_id(code: str) -> str:
    return stable_id("measure", code)


def region_measure_id(region_id: str, measure: str) -> str:
    return stable_id("region_measure", region_id, measure)


def _values(measure: Measure) -> dict[str, Any]:
    return {
        "code": measure.code,
        "title": measure.title,
        "description": measure.description,
        "applies_from": measure.applies_from,
        "binding_from": measure.binding_from,
        "source": SOURCE,
    }


def ensure_measures(store: Store) -> int:
    """Write the catalogue where it is missing or differs; same ids on every device.

    Returns how many rows were written (0 when the catalogue is already in place).
    """
    stored = {
        r["id"]: r
        for r in store.query(
            "SELECT id, code, title, description, applies_from, binding_from, source, deleted "
            "FROM measures"
        )
    }
    todo = []
    for measure in MEASURES:
        values = _values(measure)
        row = stored.get(measure.id)
        if row is None or row["deleted"] or any(row[k] != v for k, v in values.items()):
            todo.append((measure.id, {**values, "deleted": 0}))
    if todo:
        with store.transaction() as tx:
            for row_id, values in todo:
                tx.put("measures", row_id, values)
    return len(todo)


def _phase_of(store: Store, region_id: str) -> tuple[dict[str, Any], str]:
    row = region(store, region_id)
    phase = row["phase"]
    if row["kind"] != "roaz" and row["parent_id"]:
        parent = store.query_one("SELECT phase FROM regions WHERE id = ?", (row["parent_id"],))
        phase = (parent or {}).get("phase")
    return row, phase or DEFAULT_PHASE


def measures_overview(store: Store, region_id: str) -> list[dict[str, Any]]:
    """Every measure with, for the region's phase: applicable, binding, active."""
    _, phase = _phase_of(store, region_id)
    rows = store.query(
        "SELECT m.id, m.code, m.title, m.description, m.applies_from, m.binding_from, "
        "rm.active, rm.since, rm.entry_id, rm.reason FROM measures m LEFT JOIN region_measures rm "
        "ON rm.measure_id = m.id AND rm.region_id = ? AND rm.deleted = 0 "
        "WHERE m.deleted = 0",
        (region_id,),
    )
    order = {m.code: n for n, m in enumerate(MEASURES)}
    rows.sort(key=lambda r: (order.get(r["code"], len(order)), r["code"]))
    for row in rows:
        row["phase"] = phase
        row["applicable"] = phase_rank(row["applies_from"]) <= phase_rank(phase)
        row["binding"] = bool(row["binding_from"]) and phase_rank(
            row["binding_from"]
        ) <= phase_rank(phase)
        row["active"] = bool(row["active"])
        # A binding measure that is not on is a deviation from national direction: shown as
        # such everywhere, with the reason it was switched off.
        row["deviation"] = row["binding"] and not row["active"]
    return rows


def deviations(store: Store, region_id: str) -> list[dict[str, Any]]:
    """Binding measures (phase 2c and higher) that the region does not carry out."""
    return [r for r in measures_overview(store, region_id) if r["deviation"]]


def applicable_measures(store: Store, region_id: str) -> list[dict[str, Any]]:
    """Measures that apply in the region's current phase; `binding` flags the binding ones."""
    return [r for r in measures_overview(store, region_id) if r["applicable"]]


def active_measures(store: Store, region_id: str) -> list[dict[str, Any]]:
    """Measures switched on in the region (with `applicable` false if the phase dropped)."""
    return [r for r in measures_overview(store, region_id) if r["active"]]


def set_measure_active(
    store: Store,
    region_id: str,
    measure_code: str,
    active: bool,
    decided_by: str,
    now: datetime,
    recorded_by: str,
    text: str = "",
    entry_id: str | None = None,
) -> str:
    """Switch a measure on or off for the region, with a 'maatregel' log entry.

    A measure is switched on only in a phase where it applies. Switching off is allowed,
    but a measure binding in the region's phase (2c and higher, seed 003: "vanaf fase 2c kan
    het een verplichtend karakter krijgen") needs a reason in `text`, and then shows as a
    deviation. Returns the log entry's id.
    """
    row, phase = _phase_of(store, region_id)
    measure = BY_CODE.get(measure_code.strip().upper())
    if measure is None:
        raise ValidationError(
            "Unknown measure '{code}'. Allowed: {allowed}.",
            code=measure_code,
            allowed=", ".join(BY_CODE),
        )
    decided_by = required(decided_by, Text("Who decided on the measure (decided_by)"))
    at = utc_iso(now, Text("The moment of the decision"))
    current = store.query_one(
        "SELECT active FROM region_measures WHERE id = ? AND deleted = 0",
        (region_measure_id(region_id, measure.id),),
    )
    if bool(current and current["active"]) == active:
        raise ValidationError(
            "Measure {code} ({title}) is already {state} in '{region}'.",
            code=measure.code,
            title=measure.title,
            state=Text("active") if active else Text("inactive"),
            region=row["name"],
        )
    if active and phase_rank(measure.applies_from) > phase_rank(phase):
        raise ValidationError(
            "Measure {code} ({title}) applies from phase {applies_from}; '{region}' is in "
            "phase {phase}. Raise the phase first, or prepare the measure without switching "
            "it on.",
            code=measure.code,
            title=measure.title,
            applies_from=measure.applies_from,
            region=row["name"],
            phase=phase,
        )
    binding = bool(measure.binding_from) and phase_rank(measure.binding_from) <= phase_rank(phase)
    if not active and binding and not text.strip():
        raise ValidationError(
            "Measure {code} ({title}) is binding from phase {binding_from}, and '{region}' is "
            "in phase {phase}: switching it off is a deviation and needs a reason (CLI: "
            "--reason).",
            code=measure.code,
            title=measure.title,
            binding_from=measure.binding_from,
            region=row["name"],
            phase=phase,
        )
    words = "ingezet" if active else "beëindigd"
    note = f"Maatregel {measure.code} {measure.title} {words}."
    values = entry_values(
        region_id,
        "maatregel",
        f"{note} {text.strip()}".strip(),
        now,
        recorded_by,
        decided_by=decided_by,
    )
    entry_id = entry_id or new_id()
    with store.transaction() as tx:
        ensure_measures(store)
        tx.put("log_entries", entry_id, values)
        tx.put(
            "region_measures",
            region_measure_id(region_id, measure.id),
            {
                "region_id": region_id,
                "measure_id": measure.id,
                "active": int(active),
                "since": at,
                "entry_id": entry_id,
                "reason": None if active else (text.strip() or None),
                "deleted": 0,
            },
        )
    return entry_id
