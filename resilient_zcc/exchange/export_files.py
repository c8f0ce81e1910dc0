"""An export as a file: the format by name or by the file's extension, written atomically.

The CLI and the desktop app both write exports through here, so a format means the same
bytes wherever it is chosen. Every export is plaintext; the callers say so.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..atomic import atomic_write
from ..errors import ValidationError

if TYPE_CHECKING:
    from ..store import Store

CONTACT_FORMATS = {"csv": "csv", "xlsx": "xlsx", "vcf": "vcf"}  # format -> extension
CAPACITY_FORMATS = {"have": "xml", "fhir": "json", "csv": "csv"}


def format_for(path: Path, formats: dict[str, str]) -> str:
    """The format a file name asks for ('lijst.xlsx' -> 'xlsx'); refused if none fits."""
    extension = path.suffix.lower().lstrip(".")
    for fmt, ext in formats.items():
        if extension == ext:
            return fmt
    choices = ", ".join(f".{ext}" for ext in formats.values())
    raise ValidationError(f"Cannot tell the format from the name {path.name}; end it in {choices}.")


def contacts_bytes(store: Store, fmt: str, lang: str = "nl") -> bytes:
    from .contact_export import contacts_csv, contacts_xlsx
    from .vcard import contacts_vcf

    if fmt == "vcf":
        return contacts_vcf(store)
    if fmt == "csv":
        return contacts_csv(store, lang)
    if fmt == "xlsx":
        return contacts_xlsx(store, lang)
    raise ValidationError(f"Unknown contact format '{fmt}'; choose csv, xlsx or vcf.")


def capacity_bytes(store: Store, fmt: str, reporter: str = "GHOR") -> bytes:
    from .capacity_csv import export_capacity_csv
    from .edxl_have import export_have
    from .fhir import export_fhir

    if fmt == "have":
        return export_have(store)
    if fmt == "fhir":
        return export_fhir(store, reporter)
    if fmt == "csv":
        return export_capacity_csv(store)
    raise ValidationError(f"Unknown capacity format '{fmt}'; choose have, fhir or csv.")


def write_export_file(path: Path, data: bytes) -> int:
    """Never half a file; readable by the owner only. Returns the size written."""
    atomic_write(path, data, mode=0o600)
    return len(data)
