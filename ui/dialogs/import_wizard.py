"""Contacten importeren: a wizard over the core's import API, one step per page.

1 choose a file (and a sheet), 2 the mapping, 3 the dry run with its problems, 4 apply with
progress. Reading, planning and applying run in a worker thread on a second connection
(`ui.jobs.StoreJob`); the GUI's connection is never used from there. Locking closes the
wizard: a job in progress is cancelled, and an apply in progress rolls back.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QWidget,
    QWizard,
    QWizardPage,
)

from resilient_zcc.exchange.contact_import import ImportPlan, ImportResult, ImportSource

from ..errors import show_error
from ..i18n import add_catalogue, tr
from ..jobs import StoreJob, Work
from ..session import Session
from .import_pages import ApplyPage, MappingPage, PlanPage, busy_bar

add_catalogue(
    {
        "Import contacts": "Contacten importeren",
        "Choose the list": "Kies de lijst",
        "A key-contact list as CSV or Excel (.xlsx), with Dutch or English column headings "
        "in any order.": (
            "Een lijst met sleutelfunctionarissen als CSV of Excel (.xlsx), met Nederlandse of "
            "Engelse kolomkoppen in willekeurige volgorde."
        ),
        "&File:": "&Bestand:",
        "&Browse…": "&Bladeren…",
        "S&heet:": "&Werkblad:",
        "Choose a contact list": "Kies een contactenlijst",
        "Spreadsheets (*.csv *.xlsx *.txt);;All files (*)": (
            "Spreadsheets (*.csv *.xlsx *.txt);;Alle bestanden (*)"
        ),
        "Reading {name}…": "{name} wordt gelezen…",
        "< &Back": "< &Vorige",
        "&Next >": "V&olgende >",
        "&Finish": "&Voltooien",
        "Cancel": "Annuleren",
        "{name}: {rows} rows; heading on row {header}. Read as: {notes}.": (
            "{name}: {rows} rijen; kopregel op rij {header}. Gelezen als: {notes}."
        ),
    }
)


class ImportWizard(QWizard):
    """The four steps; tests drive it through `open_file` and the pages' own methods."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowTitle(tr("Import contacts"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        for button, text in (
            (QWizard.WizardButton.BackButton, tr("< &Back")),
            (QWizard.WizardButton.NextButton, tr("&Next >")),
            (QWizard.WizardButton.FinishButton, tr("&Finish")),
            (QWizard.WizardButton.CancelButton, tr("Cancel")),
        ):
            self.setButtonText(button, text)  # Qt's own texts are not translated
        self.source: ImportSource | None = None
        self.plan: ImportPlan | None = None
        self.imported: ImportResult | None = None
        self.job: StoreJob | None = None
        self.file_page = FilePage(self)
        self.mapping_page = MappingPage(self)
        self.plan_page = PlanPage(self)
        self.apply_page = ApplyPage(self)
        for page in (self.file_page, self.mapping_page, self.plan_page, self.apply_page):
            self.addPage(page)
        session.locking.connect(self.cancel_job)  # before the connection closes
        self.finished.connect(self._forget)
        session.locked.connect(self.on_locked)
        self.resize(900, 620)

    # --- jobs ------------------------------------------------------------------------------

    def run(
        self,
        work: Work,
        done: Callable[[Any], None],
        bar: QProgressBar,
        failed: Callable[[BaseException], None] | None = None,
    ) -> StoreJob | None:
        """Start one job on a second connection; `done` gets its result on this thread."""
        if self.job is not None and self.job.is_running():
            return None
        if not self.session.is_unlocked:
            self.reject()
            return None
        try:
            job = StoreJob(self.session.store, work)  # opens the second connection
        except Exception as exc:  # one path for every error
            show_error(self, exc)
            return None
        job.progress.connect(lambda counted: _show_progress(bar, *counted))
        job.succeeded.connect(lambda result: self._finished(job, bar, lambda: done(result)))
        job.failed.connect(lambda exc: self._finished(job, bar, lambda: self._failed(exc, failed)))
        self.job = job
        busy_bar(bar, True)
        job.start()
        return job

    def _finished(self, job: StoreJob, bar: QProgressBar, then: Callable[[], None]) -> None:
        if job is not self.job or job.cancelled:
            return
        self.job = None
        busy_bar(bar, False)
        then()
        for page in (self.file_page, self.mapping_page, self.plan_page, self.apply_page):
            page.completeChanged.emit()

    def _failed(self, exc: BaseException, failed: Callable[[BaseException], None] | None) -> None:
        if failed is not None:
            failed(exc)
        show_error(self, exc)

    def busy(self) -> bool:
        return self.job is not None and self.job.is_running()

    # --- step 1 ----------------------------------------------------------------------------

    def open_file(self, path: Path, sheet: str | None = None) -> StoreJob | None:
        """Read a file (and its remembered or guessed mapping) in the worker."""
        from resilient_zcc.exchange.contact_import import open_source

        if self.busy():  # one file at a time
            return None
        self.source = None
        self.plan = None
        return self.file_page.read(
            path, sheet, lambda store, _p: open_source(store, path, None, sheet)
        )

    # --- closing ---------------------------------------------------------------------------

    def cancel_job(self) -> None:
        """Stop the worker: its next progress call raises, so an apply rolls back."""
        if self.job is not None:
            self.job.cancel()

    def on_locked(self) -> None:
        """Locked: nothing more is written, and everything read is forgotten."""
        self.cancel_job()
        self.source = None
        self.plan = None
        self.reject()

    def _forget(self) -> None:
        """Closed: let the file's rows and the plan go (a large list holds a lot)."""
        self.source = None
        self.plan = None

    def reject(self) -> None:
        if self.job is not None and self.job.is_running():
            self.job.cancel()  # Cancel during the apply: its transaction rolls back
        super().reject()


class FilePage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.owner = wizard
        self.setTitle(tr("Choose the list"))
        self.setSubTitle(
            tr(
                "A key-contact list as CSV or Excel (.xlsx), with Dutch or English column "
                "headings in any order."
            )
        )
        self.path = QLineEdit()
        self.path.setReadOnly(True)
        self.browse = QPushButton(tr("&Browse…"))
        self.browse.clicked.connect(self.ask_file)
        self.sheet = QComboBox()
        self.sheet.activated.connect(self.choose_sheet)
        self.sheet_label = QLabel(tr("S&heet:"))
        self.sheet_label.setBuddy(self.sheet)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.bar = QProgressBar()
        busy_bar(self.bar, False)
        grid = QGridLayout(self)
        caption = QLabel(tr("&File:"))
        caption.setBuddy(self.browse)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(self.browse)
        grid.addWidget(caption, 0, 0)
        grid.addLayout(row, 0, 1)
        grid.addWidget(self.sheet_label, 1, 0)
        grid.addWidget(self.sheet, 1, 1)
        grid.addWidget(self.status, 2, 0, 1, 2)
        grid.addWidget(self.bar, 3, 0, 1, 2)
        grid.setRowStretch(4, 1)
        grid.setColumnStretch(1, 1)
        self._show_sheets([])

    def ask_file(self) -> None:
        chosen, _filter = QFileDialog.getOpenFileName(
            self,
            tr("Choose a contact list"),
            "",
            tr("Spreadsheets (*.csv *.xlsx *.txt);;All files (*)"),
        )
        if chosen:
            self.owner.open_file(Path(chosen))

    def choose_sheet(self, index: int) -> None:
        if self.path.text() and index >= 0:
            self.owner.open_file(Path(self.path.text()), self.sheet.itemText(index))

    def read(
        self, path: Path, sheet: str | None, work: Callable[[Any, Any], ImportSource]
    ) -> StoreJob | None:
        self.path.setText(str(path))
        self.status.setText(tr("Reading {name}…", name=path.name))
        if sheet is None:
            self._show_sheets([])
        self.completeChanged.emit()
        return self.owner.run(work, self._read, self.bar, lambda _exc: self.status.clear())

    def _read(self, source: ImportSource) -> None:
        self.owner.source = source
        table = source.table
        self._show_sheets(table.sheets, table.sheet)
        self.status.setText(
            tr(
                "{name}: {rows} rows; heading on row {header}. Read as: {notes}.",
                name=table.source,
                rows=len(table.data_rows()),
                header=table.header_index + 1,
                notes="; ".join(table.notes),
            )
        )

    def _show_sheets(self, names: list[str], current: str = "") -> None:
        self.sheet.clear()
        self.sheet.addItems(names)
        if current:
            self.sheet.setCurrentText(current)
        several = len(names) > 1
        self.sheet.setVisible(several)
        self.sheet_label.setVisible(several)

    def isComplete(self) -> bool:  # noqa: N802
        return self.owner.source is not None and not self.owner.busy()


def _show_progress(bar: QProgressBar, done: int, total: int) -> None:
    if total > 0:
        bar.setRange(0, total)
        bar.setValue(done)
