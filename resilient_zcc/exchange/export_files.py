"""An export as a file: the format by name or by the file's extension, written atomically.

The CLI and the desktop app both write exports through here, so a format means the same
bytes wherever it is chosen. Every export is plaintext; the callers say so.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ..atomic import atomic_write
from ..errors import ValidationError

if TYPE_CHECKING:
    from ..store import Store

CONTACT_FORMATS = {"csv": "csv", "xlsx": "xlsx", "vcf": "vcf"}  # format -> extension
CAPACITY_FORMATS = {"have": "xml", "fhir": "json", "csv": "csv"}
CONTINUITY_FORMATS = {"csv": "csv", "edxl": "xml"}


def format_for(path: Path, formats: dict[str, str]) -> str:
    """The format a file name asks for ('lijst.xlsx' -> 'xlsx'); refused if none fits."""
    extension = path.suffix.lower().lstrip(".")
    for fmt, ext in formats.items():
        if extension == ext:
            return fmt
    choices = ", ".join(f".{ext}" for ext in formats.values())
    raise ValidationError(
        "Cannot tell the format from the name {name}; end it in {choices}.",
        name=path.name,
        choices=choices,
    )


def contacts_bytes(store: Store, fmt: str, lang: str = "nl") -> bytes:
    from .contact_export import contacts_csv, contacts_xlsx
    from .vcard import contacts_vcf

    return _made(
        fmt,
        CONTACT_FORMATS,
        {
            "csv": lambda: contacts_csv(store, lang),
            "xlsx": lambda: contacts_xlsx(store, lang),
            "vcf": lambda: contacts_vcf(store),
        },
    )


def capacity_bytes(store: Store, fmt: str, reporter: str = "GHOR") -> bytes:
    from .capacity_csv import export_capacity_csv
    from .edxl_have import export_have
    from .fhir import export_fhir

    return _made(
        fmt,
        CAPACITY_FORMATS,
        {
            "have": lambda: export_have(store),
            "fhir": lambda: export_fhir(store, reporter),
            "csv": lambda: export_capacity_csv(store),
        },
    )


def continuity_bytes(store: Store, fmt: str, now: datetime) -> bytes:
    """The continuity picture as CSV, or within the EDXL-HAVE document (the same one
    `export capacity --format have` writes: one document, one answer)."""
    from .continuity_csv import export_continuity_csv
    from .edxl_have import export_have

    return _made(
        fmt,
        CONTINUITY_FORMATS,
        {
            "csv": lambda: export_continuity_csv(store, now),
            "edxl": lambda: export_have(store, now),
        },
    )


def _made(fmt: str, formats: dict[str, str], makers: dict[str, Callable[[], bytes]]) -> bytes:
    if fmt not in makers:
        raise ValidationError(
            "Unknown format '{fmt}'; choose {choices}.", fmt=fmt, choices=", ".join(formats)
        )
    return makers[fmt]()


def write_export_file(path: Path, data: bytes) -> int:
    """Never half a file; readable by the owner only. Returns the size written."""
    atomic_write(path, data, mode=0o600)
    return len(data)
