"""Logboek: the region's entries newest first, a filter, a quick add field (Ctrl+Enter) and
corrections as new entries (the log is append-only)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from html import escape
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from resilient_zcc.crisis.common import device_label
from resilient_zcc.crisis.logbook import add_entry, list_entries
from resilient_zcc.crisis.regions import default_region
from resilient_zcc.crisis.vocabulary import LOG_KINDS
from resilient_zcc.errors import ZccError
from resilient_zcc.sitrap.report import Sitrap
from resilient_zcc.sitrap.text import radio_text

from ..dialogs.submit import SubmitEdit
from ..errors import show_error
from ..format import local
from ..i18n import add_catalogue, language, tr
from ..models.rows import Column, RowsModel
from ..session import Session
from .page import Page

LIMIT = 500
SINCE_HOURS: tuple[int | None, ...] = (None, 8, 24, 24 * 7)

add_catalogue(
    {
        "New entry": "Nieuwe regel",
        "&Kind:": "&Soort:",
        "Decided b&y:": "Besloten &door:",
        "Who decided (needed for a decision)": "Wie besloot (nodig bij een besluit)",
        "What happened or was decided… (Ctrl+Enter adds)": (
            "Wat er gebeurde of besloten werd… (Ctrl+Enter voegt toe)"
        ),
        "&Add": "&Toevoegen",
        "Correction of the entry of {when}: {entry}": "Correctie op de regel van {when}: {entry}",
        "Cancel correction": "Correctie annuleren",
        "All kinds": "Alle soorten",
        "Search text, who decided, advice, picture…": "Zoek in tekst, besluiter, advies, beeld…",
        "Any time": "Altijd",
        "Last 8 hours": "Laatste 8 uur",
        "Last 24 hours": "Laatste 24 uur",
        "Last 7 days": "Laatste 7 dagen",
        "&Search:": "&Zoeken:",
        "Si&nce:": "S&inds:",
        "Kin&d:": "S&oort:",
        "{n} entries": "{n} regels",
        "{n} entries (the newest {limit}; narrow the filter for older ones)": (
            "{n} regels (de nieuwste {limit}; verfijn het filter voor oudere)"
        ),
        "Time": "Tijd",
        "Kind": "Soort",
        "Text": "Tekst",
        "Decided by": "Besloten door",
        "Recorded by": "Vastgelegd door",
        "[corrected]": "[gecorrigeerd]",
        "corrects {when}": "corrigeert {when}",
        "&Correct…": "&Corrigeren…",
        "Advice": "Advies",
        "Picture": "Beeld",
        "Phase": "Fase",
        "Corrects the entry of {when}": "Corrigeert de regel van {when}",
        "Corrected by the entry of {when}": "Gecorrigeerd door de regel van {when}",
    }
)


def kind_label(kind: str) -> str:
    pair = LOG_KINDS.get(kind)
    if pair is None:
        return kind
    return pair[0] if language() == "nl" else pair[1]


def entry_text(row: dict[str, Any], times: dict[str, str]) -> str:
    """One line for the table: phase changes show from → to, corrections what they correct."""
    text = (row["text"] or "").replace("\n", " ")
    if row["kind"] == "fase":
        text = f"{row['phase_from'] or '—'} → {row['phase_to']}: {text}".rstrip(": ")
    if row["corrects_id"]:
        target = times.get(row["corrects_id"], "?")
        text = f"({tr('corrects {when}', when=target)}) {text}"
    if row["corrected_by"]:
        text = f"{tr('[corrected]')} {text}"
    return text


class LogbookView(Page):
    def __init__(self, session: Session) -> None:
        super().__init__(session)
        self.session = session
        self.region_id: str | None = None
        self.correcting: dict[str, Any] | None = None  # the entry a correction is written for
        self.times: dict[str, str] = {}  # entry id -> local time, to name corrected entries

        # New entry: kind, who decided, text; Ctrl+Enter adds.
        self.kind = QComboBox()
        for code in ("gebeurtenis", "besluit"):
            self.kind.addItem(kind_label(code), code)
        self.decided_by = QLineEdit()
        self.decided_by.setPlaceholderText(tr("Who decided (needed for a decision)"))
        self.text = SubmitEdit(2)
        self.text.setPlaceholderText(tr("What happened or was decided… (Ctrl+Enter adds)"))
        self.text.submitted.connect(self.add)
        self.add_button = QPushButton(tr("&Add"))
        self.add_button.clicked.connect(self.add)
        self.correction = QLabel()
        self.correction.setWordWrap(True)
        self.correction.setStyleSheet("font-weight: bold;")
        self.cancel_correction = QPushButton(tr("Cancel correction"))
        self.cancel_correction.clicked.connect(self.stop_correcting)
        kind_label_widget = QLabel(tr("&Kind:"))
        kind_label_widget.setBuddy(self.kind)
        decided_label = QLabel(tr("Decided b&y:"))
        decided_label.setBuddy(self.decided_by)
        new = QGroupBox(tr("New entry"))
        new_layout = QVBoxLayout(new)
        top = QHBoxLayout()
        top.addWidget(kind_label_widget)
        top.addWidget(self.kind)
        top.addSpacing(12)
        top.addWidget(decided_label)
        top.addWidget(self.decided_by, 1)
        new_layout.addLayout(top)
        correction_row = QHBoxLayout()
        correction_row.addWidget(self.correction, 1)
        correction_row.addWidget(self.cancel_correction)
        new_layout.addLayout(correction_row)
        entry_row = QHBoxLayout()
        entry_row.addWidget(self.text, 1)
        entry_row.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignTop)
        new_layout.addLayout(entry_row)
        self.kind.currentIndexChanged.connect(self._kind_changed)

        # Filter: kind, text, since.
        self.filter_kind = QComboBox()
        self.filter_kind.addItem(tr("All kinds"), None)
        for code in LOG_KINDS:
            self.filter_kind.addItem(kind_label(code), code)
        self.search = QLineEdit()
        self.search.setPlaceholderText(tr("Search text, who decided, advice, picture…"))
        self.search.setClearButtonEnabled(True)
        self.since = QComboBox()
        for text in (tr("Any time"), tr("Last 8 hours"), tr("Last 24 hours"), tr("Last 7 days")):
            self.since.addItem(text)
        self.count = QLabel()
        filters = QHBoxLayout()
        for text, widget, stretch in (
            (tr("Kin&d:"), self.filter_kind, 0),
            (tr("&Search:"), self.search, 1),
            (tr("Si&nce:"), self.since, 0),
        ):
            caption = QLabel(text)
            caption.setBuddy(widget)
            filters.addWidget(caption)
            filters.addWidget(widget, stretch)
            filters.addSpacing(8)
        filters.addWidget(self.count)
        self.filter_kind.currentIndexChanged.connect(self.reload)
        self.search.textChanged.connect(self.reload)
        self.since.currentIndexChanged.connect(self.reload)

        self.entries = RowsModel(
            [
                Column(tr("Time"), lambda r: local(r["at"])),
                Column(tr("Kind"), lambda r: kind_label(r["kind"])),
                Column(tr("Text"), lambda r: entry_text(r, self.times)),
                Column(tr("Decided by"), lambda r: r["decided_by"] or ""),
                Column(tr("Recorded by"), lambda r: r["recorded_by"]),
            ]
        )
        self.table = QTableView()
        self.table.setModel(self.entries)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)  # the whole text is in the pane below
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.table.selectionModel().currentRowChanged.connect(
            lambda cur, _prev: self.show_entry(cur.row())
        )
        self.detail = QTextBrowser()
        self.detail.setOpenLinks(False)
        self.correct = QPushButton(tr("&Correct…"))
        self.correct.setEnabled(False)
        self.correct.clicked.connect(self.start_correcting)
        below = QWidget()
        below_layout = QHBoxLayout(below)
        below_layout.setContentsMargins(0, 0, 0, 0)
        below_layout.addWidget(self.detail, 1)
        below_layout.addWidget(self.correct, 0, Qt.AlignmentFlag.AlignTop)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(below)
        splitter.setSizes([420, 140])

        layout = QVBoxLayout(self)
        layout.addWidget(new)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)
        self.setTabOrder(self.kind, self.decided_by)
        self.setTabOrder(self.decided_by, self.text)
        self.setTabOrder(self.text, self.add_button)
        self.setTabOrder(self.add_button, self.filter_kind)
        self.setTabOrder(self.filter_kind, self.search)
        self.setTabOrder(self.search, self.since)
        self.setTabOrder(self.since, self.table)
        self.setTabOrder(self.table, self.correct)
        self._kind_changed()
        self.stop_correcting()

    def _kind_changed(self) -> None:
        self.decided_by.setEnabled(self.kind.currentData() == "besluit")

    # --- reading -------------------------------------------------------------------------

    def reload(self) -> None:
        if not self.session.is_unlocked:
            return
        store = self.session.store
        hours = SINCE_HOURS[max(self.since.currentIndex(), 0)]
        since = datetime.now(UTC) - timedelta(hours=hours) if hours else None
        selected = self.current()
        try:
            self.region_id = default_region(store)
            rows = list_entries(
                store,
                self.region_id,
                kind=self.filter_kind.currentData(),
                since=since,
                text=self.search.text().strip() or None,
                limit=LIMIT,
            )
            # Corrections name what they correct by its time, also when it is filtered out.
            everything = list_entries(store, self.region_id, limit=LIMIT)
        except ZccError as exc:  # no region yet, or several
            self.clear()
            self.count.setText(str(exc))
            return
        self.times = {r["id"]: local(r["at"]) for r in everything + rows}
        self.entries.set_rows(rows)
        self._size_columns()
        self.count.setText(
            tr(
                "{n} entries (the newest {limit}; narrow the filter for older ones)",
                n=len(rows),
                limit=LIMIT,
            )
            if len(rows) >= LIMIT
            else tr("{n} entries", n=len(rows))
        )
        row = next((i for i, r in enumerate(rows) if selected and r["id"] == selected["id"]), 0)
        if rows:
            self.table.selectRow(row)
        self.show_entry(self.table.currentIndex().row() if rows else -1)

    def _size_columns(self) -> None:
        """Time, kind and names fit their contents (capped); the text takes the rest."""
        header = self.table.horizontalHeader()
        for column in (0, 1, 3, 4):
            self.table.resizeColumnToContents(column)
            header.resizeSection(column, min(header.sectionSize(column), 240))

    def current(self) -> dict[str, Any] | None:
        row = self.table.currentIndex().row()
        return self.entries.row(row) if 0 <= row < self.entries.rowCount() else None

    def show_entry(self, row: int) -> None:
        if not 0 <= row < self.entries.rowCount():
            self.detail.clear()
            self.correct.setEnabled(False)
            return
        entry = self.entries.row(row)
        self.detail.setHtml(entry_html(entry, self.times))
        self.correct.setEnabled(True)

    # --- writing -------------------------------------------------------------------------

    def add(self) -> None:
        """Add the typed entry (or the correction being written) through the core."""
        if self.region_id is None or not self.session.is_unlocked:
            return
        store = self.session.store
        kind = "correctie" if self.correcting else str(self.kind.currentData())
        decided_by = self.decided_by.text() if kind == "besluit" else None
        try:
            add_entry(
                store,
                self.region_id,
                kind,
                self.text.toPlainText(),
                datetime.now(UTC),
                device_label(store),
                decided_by=decided_by,
                corrects_id=self.correcting["id"] if self.correcting else None,
            )
        except Exception as exc:  # one path for every error
            show_error(self, exc)
            return
        self.text.clear()
        self.decided_by.clear()
        self.stop_correcting()
        self.session.changed()
        self.text.setFocus()

    def start_correcting(self) -> None:
        """Write a correction: a new entry naming the selected one, starting from its text."""
        entry = self.current()
        if entry is None:
            return
        self.correcting = entry
        self.correction.setText(
            tr(
                "Correction of the entry of {when}: {entry}",
                when=local(entry["at"]),
                entry=(entry["text"] or "")[:120],
            )
        )
        self.correction.show()
        self.cancel_correction.show()
        self.kind.setEnabled(False)
        self.decided_by.setEnabled(False)
        self.text.setPlainText(entry["text"] or "")
        self.text.selectAll()
        self.text.setFocus()

    def stop_correcting(self) -> None:
        self.correcting = None
        self.correction.hide()
        self.cancel_correction.hide()
        self.kind.setEnabled(True)
        self._kind_changed()

    def focus_entry(self) -> None:
        self.text.setFocus()

    def clear(self) -> None:
        self.region_id = None
        self.times = {}
        self.entries.set_rows([])
        self.detail.clear()
        self.text.clear()
        self.decided_by.clear()
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.count.setText("")
        self.correct.setEnabled(False)
        self.stop_correcting()


def entry_html(entry: dict[str, Any], times: dict[str, str]) -> str:
    parts = [f"<p><b>{escape(kind_label(entry['kind']))}</b> — {local(entry['at'])}</p>"]
    if entry["kind"] == "fase":
        parts.append(
            f"<p><b>{tr('Phase')}:</b> {escape(entry['phase_from'] or '—')} → "
            f"{escape(entry['phase_to'] or '')}</p>"
        )
    if entry["text"]:
        parts.append(f"<p>{escape(entry['text']).replace(chr(10), '<br>')}</p>")
    if entry["kind"] == "sitrap" and entry["picture"]:
        # A sitrap keeps its report as JSON in `picture`: show it as its radio text.
        report = Sitrap.from_json(json.loads(entry["picture"]))
        parts.append(f"<pre>{escape(radio_text(report, language()))}</pre>")
        entry = {**entry, "picture": None}
    for title, key in (
        (tr("Decided by"), "decided_by"),
        (tr("Advice"), "advised_by"),
        (tr("Picture"), "picture"),
        (tr("Recorded by"), "recorded_by"),
    ):
        if entry[key]:
            parts.append(f"<b>{title}:</b> {escape(entry[key])}<br>")
    if entry["corrects_id"]:
        when = times.get(entry["corrects_id"], "?")
        parts.append(f"<p>{tr('Corrects the entry of {when}', when=when)}</p>")
    for other in entry["corrected_by"]:
        when = times.get(other, "?")
        parts.append(f"<p><b>{tr('Corrected by the entry of {when}', when=when)}</b></p>")
    return "".join(parts)
