"""The continuity picture as a CSV, and continuity reports read from one.

The export is the one continuity query's figures (`continuity_overview`), with the report
as made (power, autonomy as reported, what is down...) so that the file reads back in, and
the hours left and marks as the screens show them. The import reads the same columns, or a
sheet typed from paper forms with Dutch headings; see docs/EXCHANGE.md.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ..continuity.queries import continuity_overview
from ..continuity.vocabulary import CARE_SCALE, DOWN, EVACUATION, POWER, SOURCES
from ..errors import ZccError
from .contact_values import unescape_formula_guard
from .mapping import normalise_header
from .sheet_safety import guard_cell
from .tables import read_table

if TYPE_CHECKING:
    from ..store import Store

COLUMNS = (
    "location_id", "location", "organisation", "city", "power", "autonomy_hours",
    "hours_left", "below_threshold", "stale", "down", "care_scaled", "evacuation", "note",
    "reporter", "source", "time",
)  # fmt: skip
_SPELLINGS: dict[str, tuple[str, ...]] = {
    "location_id": ("location id", "locatie id"),
    "location": ("location", "locatie", "locatienaam", "instelling", "facility"),
    "power": ("power", "stroom", "stroomvoorziening", "energie"),
    "autonomy_hours": (
        "autonomy hours", "autonomy", "hours", "uren", "autonomie", "uren autonomie",
        "uren autonomie over", "uren over",
    ),
    "down": ("down", "ligt eruit", "uitgevallen", "uitval", "storingen"),
    "care_scaled": ("care scaled", "care scaled down", "afgeschaald", "zorg afgeschaald",
                    "afschaling"),
    "evacuation": ("evacuation", "evacuatie"),
    "note": ("note", "toelichting", "opmerking", "notitie"),
    "reporter": ("reporter", "reported by", "melder", "gemeld door"),
    "source": ("source", "bron", "ontvangen via"),
    "form": ("form", "form number", "formulier", "formuliernummer", "formulier nr"),
    "time": ("time", "tijd", "tijdstip", "reported at", "gemeld", "datum tijd", "peilmoment"),
}  # fmt: skip
_BY_SPELLING = {normalise_header(s): f for f, spellings in _SPELLINGS.items() for s in spellings}
REQUIRED = ("power", "time")


def _number(value: float | None) -> str:
    """A decimal comma, as Dutch Excel reads a number ('8.4' would become 8 April)."""
    return "" if value is None else f"{value:g}".replace(".", ",")


def export_continuity_csv(store: Store, now: datetime) -> bytes:
    """Every location's current continuity report, least autonomy left first."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for f in continuity_overview(store, now=now).figures:
        r = f.report
        cells = (
            f.location_id, f.location_name, f.organisation, f.city, r.power.value,
            _number(r.autonomy_hours), _number(f.hours_left),
            "ja" if f.below_threshold else "nee", "ja" if f.stale else "nee", ",".join(r.down),
            r.care_scaled.value, r.evacuation.value, r.note, r.reporter, r.source,
            r.reported_at,
        )  # fmt: skip
        writer.writerow([guard_cell(str(value)) for value in cells])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def codes_of(vocabulary: dict[str, tuple[str, str]]) -> dict[str, str]:
    """A vocabulary's codes by code and by Dutch or English label, normalised."""
    found = {}
    for code, (dutch, english) in vocabulary.items():
        for text in (code, dutch, english):
            found[normalise_header(text)] = str(code)  # the stored text, not the enum
    return found


POWER_CODES = codes_of(POWER)
DOWN_CODES = codes_of(DOWN)
CARE_CODES = codes_of(CARE_SCALE)
EVACUATION_CODES = codes_of(EVACUATION)
SOURCE_CODES = codes_of(SOURCES)


@dataclass
class ContinuityRow:
    """One data row of the file as text per field, with the headers it came under."""

    number: int  # as the user sees it in a spreadsheet
    values: dict[str, str]
    headers: dict[str, str] = field(default_factory=dict)  # field -> the file's heading


@dataclass
class ContinuityTable:
    name: str
    rows: list[ContinuityRow]


def read_continuity_table(path: Path) -> ContinuityTable:
    """The rows of a continuity CSV or XLSX; a file without the needed columns is refused."""
    table = read_table(path)
    fields = {i: _BY_SPELLING.get(normalise_header(h)) for i, h in enumerate(table.headers)}
    present = {f for f in fields.values() if f}
    missing = [f for f in REQUIRED if f not in present]
    if missing or not present & {"location", "location_id"}:
        raise ZccError(
            "{name} lacks the column(s) {missing}; a continuity CSV has location, power, "
            "autonomy_hours and time, and may have down, care_scaled, evacuation, note, "
            "reporter and source (Dutch: locatie, stroom, uren, tijd, ligt eruit, "
            "afgeschaald, evacuatie, toelichting, melder, bron).",
            name=path.name,
            missing=", ".join(missing or ["location"]),
        )
    headers = {f: table.headers[i] for i, f in fields.items() if f}
    rows = []
    for number, cells in table.data_rows():
        values = {
            f: unescape_formula_guard(cells[i].strip())
            for i, f in fields.items()
            if f and i < len(cells)
        }
        rows.append(ContinuityRow(number, values, headers))
    return ContinuityTable(path.name, rows)
