"""Contacten exporteren, Capaciteit exporteren: a save dialog, the format from the file type.

The file is made by the core (`resilient_zcc.exchange.export_files`) in a worker thread on a
second connection and written atomically; the window then says where it went and that it is
not encrypted. `export_contacts` / `export_capacity` take the path directly (tests, scripts).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from resilient_zcc.exchange.export_files import (
    CAPACITY_FORMATS,
    CONTACT_FORMATS,
    capacity_bytes,
    contacts_bytes,
    format_for,
    write_export_file,
)

from ..errors import show_error
from ..i18n import add_catalogue, language, tr
from ..jobs import StoreJob
from ..session import Session

add_catalogue(
    {
        "Export contacts": "Contacten exporteren",
        "Export capacity": "Capaciteit exporteren",
        "CSV for Excel (*.csv);;Excel workbook (*.xlsx);;vCard 4.0 for phones and mail (*.vcf)": (
            "CSV voor Excel (*.csv);;Excel-werkmap (*.xlsx);;vCard 4.0 voor telefoon en mail "
            "(*.vcf)"
        ),
        "EDXL-HAVE 1.0 (*.xml);;HL7 FHIR MeasureReport (*.json);;CSV (*.csv)": (
            "EDXL-HAVE 1.0 (*.xml);;HL7 FHIR MeasureReport (*.json);;CSV (*.csv)"
        ),
        "Export written": "Export geschreven",
        "Written: {path} ({size} bytes).\n\nNote: this file is NOT encrypted. Keep and share "
        "it only where that is allowed, and delete it when it is no longer needed.": (
            "Geschreven: {path} ({size} bytes).\n\nLet op: dit bestand is NIET versleuteld. "
            "Bewaar en deel het alleen waar dat mag, en verwijder het als het niet meer nodig is."
        ),
    }
)

# Keep a job referenced until it has reported, whoever started it.
_running: set[StoreJob] = set()


def export_contacts(parent: QWidget, session: Session, path: Path) -> StoreJob | None:
    """Contacts to CSV, XLSX or vCard, by the file's extension (in the window's language)."""
    lang = language()
    return _start(
        parent, session, path, CONTACT_FORMATS,
        lambda store, fmt: contacts_bytes(store, fmt, lang),
    )  # fmt: skip


def export_capacity(parent: QWidget, session: Session, path: Path) -> StoreJob | None:
    """The regional capacity picture to EDXL-HAVE (.xml), FHIR (.json) or CSV."""
    return _start(parent, session, path, CAPACITY_FORMATS, capacity_bytes)


def _start(
    parent: QWidget, session: Session, path: Path, formats: dict[str, str], make: Any
) -> StoreJob | None:
    try:
        fmt = format_for(path, formats)
        store = session.store
    except Exception as exc:  # one path for every error
        show_error(parent, exc)
        return None

    def work(twin: Any, _progress: Any) -> int:
        return write_export_file(path, make(twin, fmt))

    try:
        job = StoreJob(store, work)  # opens the second connection
    except Exception as exc:  # one path for every error
        show_error(parent, exc)
        return None
    job.succeeded.connect(lambda size: _written(parent, path, size))
    job.failed.connect(lambda exc: show_error(parent, exc))
    for signal in (job.succeeded, job.failed):
        signal.connect(lambda _value: _running.discard(job))
    _running.add(job)
    job.start()
    return job


def _written(parent: QWidget, path: Path, size: int) -> None:
    box = QMessageBox(
        QMessageBox.Icon.Information,
        tr("Export written"),
        tr(
            "Written: {path} ({size} bytes).\n\nNote: this file is NOT encrypted. Keep and "
            "share it only where that is allowed, and delete it when it is no longer needed.",
            path=str(path),
            size=f"{size:,}".replace(",", "."),
        ),
        QMessageBox.StandardButton.Ok,
        parent,
    )
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()  # window-modal, not blocking: the export is done, this only tells where


def _ask(
    parent: QWidget, title: str, name: str, filters: str, formats: dict[str, str]
) -> Path | None:
    chosen, selected = QFileDialog.getSaveFileName(parent, title, name, filters)
    if not chosen:
        return None
    path = Path(chosen)
    if not path.suffix:  # the extension of the file type chosen in the dialog
        extension = selected.rpartition("*.")[2].rstrip(")")
        path = path.with_suffix(f".{extension}" if extension in formats.values() else ".csv")
    return path


def ask_export_contacts(parent: QWidget, session: Session) -> None:
    filters = tr(
        "CSV for Excel (*.csv);;Excel workbook (*.xlsx);;vCard 4.0 for phones and mail (*.vcf)"
    )
    name = f"contacten-{datetime.now().strftime('%Y%m%d-%H%M')}.csv"
    path = _ask(parent, tr("Export contacts"), name, filters, CONTACT_FORMATS)
    if path is not None:
        export_contacts(parent, session, path)


def ask_export_capacity(parent: QWidget, session: Session) -> None:
    filters = tr("EDXL-HAVE 1.0 (*.xml);;HL7 FHIR MeasureReport (*.json);;CSV (*.csv)")
    name = f"capaciteit-{datetime.now().strftime('%Y%m%d-%H%M')}.xml"
    path = _ask(parent, tr("Export capacity"), name, filters, CAPACITY_FORMATS)
    if path is not None:
        export_capacity(parent, session, path)
