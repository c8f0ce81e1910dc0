"""Contact export: the directory as rows (CSV, XLSX) with headers the importer reads back."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import phonenumbers
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from ..contacts.phones import DEFAULT_REGION
from ..contacts.vocabulary import AVAILABILITY, PHONE_KINDS, SECTORS, label
from .mapping import CHANNEL_FIELDS, field_label
from .sheet_safety import guard_cell, needs_guard

if TYPE_CHECKING:
    from ..store import Store

COLUMNS = (
    "key", "name", "function", "organisation", "sector", "city",
    *CHANNEL_FIELDS, "availability", "notes",
)  # fmt: skip
EXTRA_COLUMNS = {
    "nl": ("Laatst geverifieerd", "Geverifieerd door"),
    "en": ("Last verified", "Verified by"),
}


@dataclass
class ExportPerson:
    id: str
    name: str
    organisation: str
    sector: str
    city: str
    functions: list[str]
    channels: list[dict[str, Any]]  # the person's own: kind, value, availability, note, order
    notes: str
    last_verified_at: str
    last_verified_by: str


def dialled_from_nl(e164: str) -> str:
    """'+31612345678' -> '06 12345678'; '+3221234567' -> '00 32 2 123 45 67'."""
    try:
        number = phonenumbers.parse(e164, DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        return e164
    if number.country_code == 31:
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_out_of_country_calling_number(number, DEFAULT_REGION)


def people_for_export(store: Store) -> list[ExportPerson]:
    """Every person with organisation, functions and own channels; a few bulk queries."""
    functions: dict[str, list[str]] = {}
    for r in store.query(
        "SELECT r.person_id, f.name FROM roles r JOIN functions f ON f.id = r.function_id "
        "WHERE r.deleted = 0 AND f.deleted = 0 ORDER BY f.name"
    ):
        functions.setdefault(r["person_id"], []).append(r["name"])
    channels: dict[str, list[dict[str, Any]]] = {}
    for r in store.query(
        "SELECT owner_id, kind, value, availability, note, fallback_order FROM channels "
        "WHERE deleted = 0 AND owner_type = 'person' ORDER BY fallback_order, id"
    ):
        channels.setdefault(r["owner_id"], []).append(r)
    people = []
    for r in store.query(
        "SELECT p.id, p.name, p.notes, p.last_verified_at, p.last_verified_by, "
        "o.name AS organisation, o.sector, o.city FROM people p "
        "LEFT JOIN organisations o ON o.id = p.organisation_id AND o.deleted = 0 "
        "WHERE p.deleted = 0 ORDER BY o.name, p.name, p.id"
    ):
        people.append(
            ExportPerson(
                r["id"],
                r["name"],
                r["organisation"] or "",
                r["sector"] or "",
                r["city"] or "",
                list(dict.fromkeys(functions.get(r["id"], []))),
                channels.get(r["id"], []),
                r["notes"] or "",
                r["last_verified_at"] or "",
                r["last_verified_by"] or "",
            )  # fmt: skip
        )
    return people


def _channel_text(channel: dict[str, Any]) -> str:
    """A number or address with its note in brackets, as people write it ("06 ... (privé)").

    Free text (C2000 group, NCV, meeting point) is written without its note: it may hold
    brackets of its own, so a note could not be told apart when the file is read back.
    """
    value = channel["value"]
    if channel["kind"] not in PHONE_KINDS and channel["kind"] != "email":
        return str(value)
    if channel["kind"] in PHONE_KINDS:
        value = dialled_from_nl(value)
    note = (channel["note"] or "").replace("(", "").replace(")", "")
    return f"{value} ({note})" if note else value


def person_row(person: ExportPerson, lang: str = "nl") -> list[str]:
    return [guard_cell(text) for text in _person_values(person, lang)]


def _person_values(person: ExportPerson, lang: str) -> list[str]:
    by_kind: dict[str, list[str]] = {}
    for channel in person.channels:
        by_kind.setdefault(channel["kind"], []).append(_channel_text(channel))
    # One availability per row: written only when all the person's channels share it, so
    # reading the file back never changes a channel's own availability.
    kinds = {channel["availability"] for channel in person.channels}
    availability = kinds.pop() if len(kinds) == 1 else ""
    values = {
        "key": person.id,
        "name": person.name,
        "function": "; ".join(person.functions),
        "organisation": person.organisation,
        "sector": label(SECTORS, person.sector, lang) if person.sector else "",
        "city": person.city,
        "availability": label(AVAILABILITY, availability, lang) if availability else "",
        "notes": person.notes,
        **{kind: "; ".join(by_kind.get(kind, [])) for kind in CHANNEL_FIELDS},
    }
    return [values[c] for c in COLUMNS] + [person.last_verified_at, person.last_verified_by]


def header_row(lang: str = "nl") -> list[str]:
    return [field_label(c, lang) for c in COLUMNS] + list(EXTRA_COLUMNS[lang])


def contacts_csv(store: Store, lang: str = "nl") -> bytes:
    """UTF-8 with BOM and ';' (what Dutch Excel opens directly), CRLF line ends."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(header_row(lang))
    for person in people_for_export(store):
        writer.writerow(person_row(person, lang))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _xlsx_cell(sheet: object, text: str) -> object:
    """Text that a spreadsheet would run as a formula is a text cell with the quote-prefix
    style: shown as typed, never evaluated, no visible apostrophe (Excel and LibreOffice)."""
    if not needs_guard(text):
        return text
    cell = WriteOnlyCell(sheet, value=text)
    cell.data_type = "s"  # openpyxl would otherwise take '=...' for a formula
    cell.quotePrefix = True
    return cell


def contacts_xlsx(store: Store, lang: str = "nl") -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Contacten" if lang == "nl" else "Contacts")
    sheet.append(header_row(lang))
    for person in people_for_export(store):
        sheet.append([_xlsx_cell(sheet, text) for text in _person_values(person, lang)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
