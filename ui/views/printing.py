"""Afdrukken: choose a sheet (or the binder, by the name it is registered under), preview
it, print it through Qt's print dialog or save it as PDF; the sheets and binder tabs printed
anywhere in the region that are now out of date, with the reason; and reprinting just the
out-of-date tabs of a binder in one action."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QIODevice,
    QObject,
    QRectF,
    QSize,
    QSizeF,
    Qt,
    QThread,
    QTimer,
    Signal,
)
from PySide6.QtGui import QGuiApplication, QPageLayout, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from printouts.context import PrintContext, make_context
from printouts.render import (
    BINDER,
    Prepared,
    Printed,
    check_output,
    prepare,
    record_printed,
    save_printed,
)
from printouts.sheets import SHEETS
from resilient_zcc.errors import ZccError
from resilient_zcc.printlog import DEFAULT_BINDER, binders, outdated_tabs, print_status

from ..errors import show_error
from ..format import local
from ..i18n import add_catalogue, language, tr
from ..models.rows import Column, RowsModel
from ..session import Session
from .page import Page
from .tables import row_table

PRINT_DPI = 200

add_catalogue(
    {
        "Sheet": "Blad",
        "The whole binder": "De hele crisismap",
        "Organisation (empty: the whole region)": "Organisatie (leeg: de hele regio)",
        "&Sheet:": "&Blad:",
        "&Organisation:": "&Organisatie:",
        "&Language:": "&Taal:",
        "Blank &forms:": "Lege &formulieren:",
        "P&review": "&Voorbeeld",
        "&Print…": "&Afdrukken…",
        "Save as P&DF…": "Opslaan als P&DF…",
        "Save as PDF": "Opslaan als PDF",
        "PDF files (*.pdf)": "PDF-bestanden (*.pdf)",
        "Preparing the sheet…": "Blad wordt opgemaakt…",
        "{title}: {pages} pages, data as of {as_of}.": (
            "{title}: {pages} pagina's, stand van gegevens {as_of}."
        ),
        "Saved {path}. Note: a PDF is not encrypted (plain text); do not keep or send it "
        "unprotected, and delete it after printing.": (
            "Opgeslagen: {path}. Let op: een PDF is niet versleuteld (platte tekst); bewaar of "
            "verstuur het niet onbeveiligd en verwijder het na het afdrukken."
        ),
        "Sent {pages} pages to {printer}.": "{pages} pagina's naar {printer} gestuurd.",
        "The printer could not be opened; check it and try again.": (
            "De printer kon niet worden geopend; controleer hem en probeer het opnieuw."
        ),
        "Printed in the region": "Afgedrukt in de regio",
        "&Binder name:": "&Naam van de map:",
        "e.g. de map in de ZCC-ruimte": "bijv. de map in de ZCC-ruimte",
        "Binder, tab": "Map, tab",
        "Device": "Apparaat",
        "{binder}, tab {tab}": "{binder}, tab {tab}",
        "Reprint the out-of-date &tabs of:": "Verouderde &tabbladen opnieuw afdrukken van:",
        "Save out-of-date tabs as PDF…": "Verouderde tabbladen opslaan als PDF…",
        "Every tab of {binder} is current; nothing to print.": (
            "Alle tabbladen van {binder} zijn actueel; niets af te drukken."
        ),
        "No binder printed yet.": "Nog geen map afgedrukt.",
        "For": "Voor",
        "Printed": "Afgedrukt",
        "Data as of": "Stand van gegevens",
        "State": "Status",
        "OUT OF DATE: {reasons}": "VEROUDERD: {reasons}",
        "current": "actueel",
        "{n} of {total} printed sheets are out of date; print them again before an outage.": (
            "{n} van de {total} afgedrukte bladen zijn verouderd; druk ze opnieuw af vóór een "
            "uitval."
        ),
        "Nothing printed in the region yet.": "Nog niets afgedrukt in de regio.",
        "Bold on yellow: printed sheet out of date.": "Vet op geel: afgedrukt blad verouderd.",
    }
)


class PrintingView(Page):
    rendered = Signal()  # a sheet was laid out (or failed): the preview, file or print follows

    def __init__(self, session: Session) -> None:
        super().__init__(session)
        self.printed: Printed | None = None
        self.job: RenderThread | None = None
        self.previewing = False  # a preview is on screen: it follows the choice
        self.follow_later = False  # the choice changed while a job ran
        self.printer: QPrinter | None = None
        self.sheet = QComboBox()
        for name, sheet in SHEETS.items():
            if name != "herstelsleutel":  # needs the key: the command line asks for it
                self.sheet.addItem(sheet.title(language()), name)
        self.sheet.addItem(tr("The whole binder"), BINDER)
        self.organisation = QLineEdit()
        self.organisation.setPlaceholderText(tr("Organisation (empty: the whole region)"))
        self.lang = QComboBox()
        self.lang.addItem("Nederlands", "nl")
        self.lang.addItem("English", "en")
        self.forms = QSpinBox()
        self.forms.setRange(1, 500)
        self.forms.setValue(10)
        self.binder_name = QLineEdit(DEFAULT_BINDER)
        self.binder_name.setPlaceholderText(tr("e.g. de map in de ZCC-ruimte"))
        self.binder_choice = QComboBox()
        self.reprint_button = QPushButton(tr("Save out-of-date tabs as PDF…"))
        self.reprint_button.clicked.connect(self.ask_reprint)
        self.preview_button = QPushButton(tr("P&review"))
        self.print_button = QPushButton(tr("&Print…"))
        self.save_button = QPushButton(tr("Save as P&DF…"))
        self.preview_button.clicked.connect(self.preview)
        self.print_button.clicked.connect(self.ask_print)
        self.save_button.clicked.connect(self.ask_save)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # The preview shows what is chosen: a new choice clears it and, after a pause (so
        # typing or scrolling through the list does not lay out every sheet), renders anew.
        self.follow = QTimer(self)
        self.follow.setSingleShot(True)
        self.follow.setInterval(400)
        self.follow.timeout.connect(self.follow_choice)
        self.sheet.currentIndexChanged.connect(self.choice_changed)
        self.sheet.currentIndexChanged.connect(self._binder_field)
        self._binder_field()
        self.lang.currentIndexChanged.connect(self.choice_changed)
        self.forms.valueChanged.connect(self.choice_changed)
        self.organisation.editingFinished.connect(self.choice_changed)

        form = QGridLayout()
        for row, (text, field) in enumerate(
            (
                (tr("&Sheet:"), self.sheet),
                (tr("&Organisation:"), self.organisation),
                (tr("&Language:"), self.lang),
                (tr("Blank &forms:"), self.forms),
                (tr("&Binder name:"), self.binder_name),
            )
        ):
            caption = QLabel(text)
            caption.setBuddy(field)
            form.addWidget(caption, row, 0)
            form.addWidget(field, row, 1)
        buttons = QHBoxLayout()
        for button in (self.preview_button, self.print_button, self.save_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        reprint = QHBoxLayout()
        reprint_caption = QLabel(tr("Reprint the out-of-date &tabs of:"))
        reprint_caption.setBuddy(self.binder_choice)
        reprint.addWidget(reprint_caption)
        reprint.addWidget(self.binder_choice, 1)
        reprint.addWidget(self.reprint_button)

        self.document = QPdfDocument(self)
        self.view = QPdfView()
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self._buffer: QBuffer | None = None

        # The state (with its reasons, which can be long) comes last and takes the room
        # left, so the dates are never pushed out of sight; its tooltip holds it whole.
        self.status_model = StatusRows(
            [
                Column(tr("Sheet"), lambda r: _sheet_title(r["sheet"])),
                Column(tr("For"), lambda r: r["scope_label"]),
                Column(
                    tr("Binder, tab"),
                    lambda r: (
                        tr("{binder}, tab {tab}", binder=r["binder"], tab=r["tab"])
                        if r["binder"]
                        else "-"
                    ),
                ),
                Column(tr("Device"), lambda r: r["device"] or "-"),
                Column(tr("Printed"), lambda r: local(r["printed_at"])),
                Column(tr("Data as of"), lambda r: local(r["data_as_of"])),
                Column(
                    tr("State"),
                    lambda r: (
                        tr("OUT OF DATE: {reasons}", reasons="; ".join(r["reasons"]))
                        if r["outdated"]
                        else tr("current")
                    ),
                ),
            ]
        )
        self.status_model.emphasis = lambda row: bool(row["outdated"])
        self.status_table = row_table(self.status_model)
        self.status_summary = QLabel()
        self.status_summary.setWordWrap(True)
        status_box = QGroupBox(tr("Printed in the region"))
        status_layout = QVBoxLayout(status_box)
        status_layout.addWidget(self.status_summary)
        status_layout.addLayout(reprint)
        status_layout.addWidget(self.status_table)
        status_layout.addWidget(QLabel(tr("Bold on yellow: printed sheet out of date.")))

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addLayout(form)
        left_layout.addLayout(buttons)
        left_layout.addWidget(self.message)
        left_layout.addStretch(1)
        top = QSplitter()
        top.addWidget(left)
        top.addWidget(self.view)
        top.setStretchFactor(1, 1)
        top.setSizes([420, 640])
        # The printed list spans the whole width below: its dates and reasons need it.
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(status_box)
        splitter.setStretchFactor(0, 1)
        splitter.setSizes([500, 200])  # the preview first; the list scrolls
        layout = QVBoxLayout(self)
        title = QLabel(tr("Print"))
        title.setStyleSheet("font-size: 16pt; font-weight: bold;")
        layout.addWidget(title)
        layout.addWidget(splitter, 1)

    # --- reading ---------------------------------------------------------------------------

    def reload(self) -> None:
        rows = print_status(self.session.store, language())
        self.status_model.set_rows(rows)
        stale = sum(1 for r in rows if r["outdated"])
        self.status_summary.setText(
            tr(
                "{n} of {total} printed sheets are out of date; print them again before an outage.",
                n=stale,
                total=len(rows),
            )
            if rows
            else tr("Nothing printed in the region yet.")
        )
        chosen = self.binder_choice.currentText()
        self.binder_choice.clear()
        names = binders(self.session.store)
        self.binder_choice.addItems(names)
        if chosen in names:
            self.binder_choice.setCurrentText(chosen)
        self.reprint_button.setEnabled(bool(names))
        self.printed = None  # the data may have changed: render again when asked

    def clear(self) -> None:
        self.status_model.set_rows([])
        self.binder_choice.clear()
        self.document.close()
        self.printed = None
        self.previewing = False
        self.follow.stop()
        self.message.clear()

    def choose_sheet(self, name: str) -> None:
        """Choose a sheet and show it (the Overzicht's Sitrap dialog asks for its sheet)."""
        index = self.sheet.findData(name)
        if index >= 0:
            self.sheet.setCurrentIndex(index)
            self.preview()

    def _binder_field(self) -> None:
        """The binder's name matters only when the whole binder is printed."""
        self.binder_name.setEnabled(self.sheet.currentData() == BINDER)

    def choice_changed(self) -> None:
        if not self.previewing:
            return
        self.document.close()  # never a sheet on screen other than the one chosen
        self.printed = None
        self.follow.start()

    def follow_choice(self) -> None:
        if not self.previewing or not self.session.is_unlocked:
            return
        if self.job is not None:
            self.follow_later = True  # after the job in hand
            return
        self.preview()

    # --- rendering -------------------------------------------------------------------------

    def choice(self) -> tuple[str, str | None, str, dict[str, Any]]:
        name = str(self.sheet.currentData())
        organisation = self.organisation.text().strip() or None
        options: dict[str, Any] = {"forms": self.forms.value()}
        if name == BINDER:
            options["binder"] = self.binder_name.text().strip() or DEFAULT_BINDER
        return name, organisation, str(self.lang.currentData()), options

    # --- rendering, in a worker thread -----------------------------------------------------

    def start(
        self,
        then: Callable[[PrintContext, Printed], None],
        choice: tuple[str, str | None, str, dict[str, Any]] | None = None,
    ) -> bool:
        """Read the sheet here (quick), lay it out in a worker thread (seconds for the
        binder), then hand the PDF to `then` back on this thread. False if refused."""
        if self.job is not None:
            return False
        name, organisation, lang, options = choice or self.choice()
        try:
            ctx = make_context(self.session.store, organisation_text=organisation, lang=lang)
            prepared = prepare(ctx, name, options)
        except Exception as exc:
            show_error(self, exc)
            return False
        job = RenderThread(prepared, self)
        job.finished.connect(lambda: self._finish(job, ctx, then))
        self.job = job
        self._busy(True)
        job.start()
        return True

    def _busy(self, busy: bool) -> None:
        for button in (self.preview_button, self.print_button, self.save_button):
            button.setEnabled(not busy)
        if busy:
            self.message.setText(tr("Preparing the sheet…"))
            QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        else:
            QGuiApplication.restoreOverrideCursor()

    def _finish(
        self, job: RenderThread, ctx: PrintContext, then: Callable[[PrintContext, Printed], None]
    ) -> None:
        self.job = None
        self._busy(False)
        try:
            if not self.session.is_unlocked:
                self.message.clear()  # locked meanwhile: show and record nothing
                return
            if job.error is not None or job.result is None:
                self.message.clear()
                show_error(self, job.error or RuntimeError("no result"))
                return
            printed = job.result
            self.message.setText(
                tr(
                    "{title}: {pages} pages, data as of {as_of}.",
                    title=printed.title,
                    pages=printed.pages,
                    as_of=local(ctx.version.as_of),
                )
            )
            try:
                then(ctx, printed)
            except Exception as exc:
                show_error(self, exc)
        finally:
            job.deleteLater()
            self.rendered.emit()
            if self.follow_later:
                self.follow_later = False
                self.follow.start()

    def preview(self) -> bool:
        return self.start(self._show)

    def _show(self, _ctx: PrintContext, printed: Printed) -> None:
        self.printed = printed
        self.previewing = True
        self.document.close()
        self._buffer = QBuffer(self)
        self._buffer.setData(QByteArray(printed.pdf))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(self._buffer)

    def save_pdf(self, path: Path) -> bool:
        """Write the chosen sheet (atomically) and record the print; say it is plain text."""
        try:
            check_output(path)
        except Exception as exc:
            show_error(self, exc)
            return False
        return self.start(lambda ctx, printed: self._save(ctx, printed, path))

    def _save(self, ctx: PrintContext, printed: Printed, path: Path) -> None:
        save_printed(ctx, printed, path)
        self.reload()
        self.message.setText(
            tr(
                "Saved {path}. Note: a PDF is not encrypted (plain text); do not keep or send "
                "it unprotected, and delete it after printing.",
                path=str(path),
            )
        )

    def reprint_outdated(self, path: Path) -> bool:
        """One action: save the out-of-date tabs of the chosen binder (each under its own
        tab number, with a new check list) and record them. False if nothing was started."""
        binder = self.binder_choice.currentText()
        try:
            check_output(path)
            if not binder:
                raise ZccError(tr("No binder printed yet."))
            stale = outdated_tabs(self.session.store, binder, language())
        except Exception as exc:
            show_error(self, exc)
            return False
        if not stale:
            self.message.setText(tr("Every tab of {binder} is current; nothing to print.",
                                    binder=binder))  # fmt: skip
            return False
        scope = str(stale[0]["scope"])
        kind, _colon, key = scope.partition(":")
        tabs = sorted({str(r["sheet"]) for r in stale if r["scope"] == scope})
        choice = (
            BINDER,
            key if kind == "org" else None,
            str(self.lang.currentData()),
            {"forms": self.forms.value(), "binder": binder, "tabs": tabs},
        )
        return self.start(lambda ctx, printed: self._save(ctx, printed, path), choice)

    def ask_reprint(self) -> None:
        chosen, _filter = QFileDialog.getSaveFileName(
            self, tr("Save as PDF"), "vervangbladen.pdf", tr("PDF files (*.pdf)")
        )
        if chosen:
            path = Path(chosen)
            self.reprint_outdated(
                path if path.suffix.lower() == ".pdf" else path.with_suffix(".pdf")
            )

    def ask_save(self) -> None:
        name = str(self.sheet.currentData())
        chosen, _filter = QFileDialog.getSaveFileName(
            self, tr("Save as PDF"), f"{name}.pdf", tr("PDF files (*.pdf)")
        )
        if chosen:
            path = Path(chosen)
            self.save_pdf(path if path.suffix.lower() == ".pdf" else path.with_suffix(".pdf"))

    def ask_print(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QPrintDialog.DialogCode.Accepted:
            self.printer = printer  # kept alive until the job is done
            self.print_to(printer)

    def print_to(self, printer: QPrinter) -> bool:
        """Print the sheet's pages on a printer (or any QPrinter, such as a PDF file)."""
        return self.start(lambda ctx, printed: self._print(ctx, printed, printer))

    def _print(self, ctx: PrintContext, printed: Printed, printer: QPrinter) -> None:
        document = QPdfDocument(self)
        buffer = QBuffer(self)
        buffer.setData(QByteArray(printed.pdf))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        document.load(buffer)
        painter = QPainter()
        _orient(printer, document.pagePointSize(0))
        if not painter.begin(printer):
            raise ZccError(tr("The printer could not be opened; check it and try again."))
        try:
            for number in range(document.pageCount()):
                size = document.pagePointSize(number)
                if number:
                    _orient(printer, size)
                    printer.newPage()
                # 200 dpi is sharp on paper; the page is fitted without distortion.
                image = document.render(
                    number,
                    QSize(int(size.width() / 72 * PRINT_DPI), int(size.height() / 72 * PRINT_DPI)),
                )
                area = painter.viewport()
                # True size where it fits (an A6 card stays A6, to cut out), else shrunk.
                scale = min(
                    area.width() / size.width(),
                    area.height() / size.height(),
                    printer.resolution() / 72,
                )
                painter.drawImage(QRectF(0, 0, size.width() * scale, size.height() * scale), image)
        finally:
            painter.end()
            document.close()
        target = printer.printerName() or printer.outputFileName()
        record_printed(ctx, printed.sheet, printed, target)
        self.reload()
        self.message.setText(
            tr("Sent {pages} pages to {printer}.", pages=printed.pages, printer=target)
        )


class StatusRows(RowsModel):
    """The printed sheets, each cell's whole text as its tooltip (the state may be elided)."""

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and index.isValid():
            return super().data(index, Qt.ItemDataRole.DisplayRole)
        return super().data(index, role)


class RenderThread(QThread):
    """Lays a prepared sheet out as PDF bytes; it touches no database."""

    def __init__(self, prepared: Prepared, parent: QObject) -> None:
        super().__init__(parent)
        self.prepared = prepared
        self.result: Printed | None = None
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            self.result = self.prepared.render()
        except Exception as exc:  # shown on the GUI thread
            self.error = exc


def _orient(printer: QPrinter, size: QSizeF) -> None:
    """Landscape sheets print on landscape paper, the rest portrait."""
    landscape = size.width() > size.height()
    printer.setPageOrientation(
        QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    )


def _sheet_title(name: str) -> str:
    if name == BINDER:
        return tr("The whole binder")
    sheet = SHEETS.get(name)
    return sheet.title(language()) if sheet else name
