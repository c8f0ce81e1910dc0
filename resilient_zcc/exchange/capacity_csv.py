"""Capacity as a plain CSV: location, category, total, staffed, occupied, (available), time."""

from __future__ import annotations

import csv
import io
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ..capacity.rhythm import AMSTERDAM
from ..errors import ZccError
from ..i18n import Text
from .capacity_export import current_picture
from .edxl_have import FigureRow
from .mapping import normalise_header
from .sheet_safety import guard_cell
from .tables import read_table

if TYPE_CHECKING:
    from ..store import Store

COLUMNS = ("location_id", "location", "category", "total", "staffed", "occupied", "available",
           "status", "time")  # fmt: skip
_SPELLINGS: dict[str, tuple[str, ...]] = {
    "location_id": ("location id", "locatie id"),
    "location": ("location", "locatie", "locatienaam", "instelling", "facility", "plek"),
    "category": ("category", "categorie", "bedtype", "bed type", "soort bed", "afdeling"),
    "total": ("total", "totaal", "bedden totaal", "capaciteit"),
    "staffed": ("staffed", "bemand", "operationeel", "beschikbaar gesteld"),
    "occupied": ("occupied", "bezet", "bezetting"),
    "available": ("available", "vrij", "beschikbaar", "beschikbare bedden"),
    "status": ("status", "kleur"),
    "time": ("time", "tijd", "tijdstip", "reported at", "gemeld", "datum tijd", "peilmoment"),
}
_BY_SPELLING = {normalise_header(s): f for f, spellings in _SPELLINGS.items() for s in spellings}


def export_capacity_csv(store: Store) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for facility in current_picture(store, beds_only=False):
        for f in facility.figures:  # the figures as reported, so the file reads back in
            writer.writerow(
                [guard_cell(str(v)) for v in (
                    facility.location_id, facility.name, f.category, f.total, f.staffed,
                    f.occupied, f.free, f.status, f.reported_at,
                )]
            )  # fmt: skip
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def parse_time(text: str, line: Text) -> datetime:
    """ISO with a zone, or 'YYYY-MM-DD HH:MM' / 'DD-MM-YYYY HH:MM' in Amsterdam time."""
    text = text.strip()
    for form in (None, "%d-%m-%Y %H:%M", "%d-%m-%Y %H:%M:%S"):
        try:
            moment = (
                datetime.fromisoformat(text.replace("Z", "+00:00"))
                if form is None
                else datetime.strptime(text, form)
            )
        except ValueError:
            continue
        return moment if moment.tzinfo else moment.replace(tzinfo=AMSTERDAM)
    raise ZccError(
        "{line}: '{text}' is not a time; write 2025-03-14 08:45 (Amsterdam time) or ISO 8601.",
        line=line,
        text=text,
    )


def _count(text: str, what: Text, line: Text, required: bool = True) -> int | None:
    text = text.strip()
    if not text and not required:
        return None
    try:
        value = int(float(text.replace(",", "."))) if text else None
    except (ValueError, OverflowError):  # OverflowError: "1e400" is infinite
        value = None
    if value is None or value < 0:
        raise ZccError(
            "{line}: {what} '{text}' is not a whole number of 0 or more.",
            line=line,
            what=what,
            text=text,
        )
    return value


def parse_capacity_csv(path: Path) -> list[FigureRow]:
    table = read_table(path)
    fields = {i: _BY_SPELLING.get(normalise_header(h)) for i, h in enumerate(table.headers)}
    present = set(fields.values())
    missing = [f for f in ("category", "total", "staffed", "occupied", "time") if f not in present]
    if missing or not present & {"location", "location_id"}:
        raise ZccError(
            "{name} lacks the column(s) {missing}; a capacity "
            "CSV has location, category, total, staffed, occupied and time (Dutch: locatie, "
            "categorie, totaal, bemand, bezet, tijd).",
            name=path.name,
            missing=", ".join(missing or ["location"]),
        )
    rows = []
    for number, cells in table.data_rows():
        line = Text("row {number}", number=number)
        value = {f: cells[i] for i, f in fields.items() if f and i < len(cells)}
        rows.append(
            FigureRow(
                line,
                value.get("location_id") or value.get("location", ""),
                value.get("category", "").strip(),
                _count(value.get("total", ""), Text("total"), line) or 0,
                _count(value.get("staffed", ""), Text("staffed"), line) or 0,
                _count(value.get("occupied", ""), Text("occupied"), line) or 0,
                _count(value.get("available", ""), Text("available"), line, required=False),
                parse_time(value.get("time", ""), line),
                value.get("status") or None,
            )
        )
    return rows
