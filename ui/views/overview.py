"""Overzicht: the first answers (phase, free beds, queue, conflicts, contacts, paper).

A thin widget over `resilient_zcc.dashboard` (the figures) and `dashboard_lines` (their
wording), the same two the CLI's `overview` prints: each line is a link to its screen.
"""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from resilient_zcc.dashboard import BedsAnswer, Dashboard, dashboard
from resilient_zcc.dashboard_lines import (
    Line,
    bed_lines,
    other_lines,
    outage_lines,
    phase_lines,
)
from resilient_zcc.localtime import duration_text

from ..i18n import add_catalogue, language, tr
from ..models.rows import Column, RowsModel
from ..session import Session
from ..widgets.link import Link
from .page import Page

LINE_MIN_WIDTH = 780
PRINT_SITRAP = "print:sitrap"  # a key for the window: Afdrukken with the sitrap sheet chosen

add_catalogue(
    {
        "&Sitrap…": "&Sitrap…",
        "Make the situation report from the data, then print it": (
            "Maak het situatierapport uit de gegevens en druk het af"
        ),
    }
)


class _LineButton(Link):
    """One line of the Overzicht: it wraps (a long phase meaning must not hold the window
    wide), opens its screen by click, Space or Enter, and is bold when it asks for attention."""

    def __init__(self, line: Line, heading: bool = False) -> None:
        super().__init__(("    " * line.indent) + line.text)
        self.line = line
        # Wide enough that the box's minimum height, worked out at its minimum width, stays
        # a few lines (at a few words wide every line would count as many).
        self.setMinimumWidth(LINE_MIN_WIDTH)
        style = "padding: 2px 4px;"
        if heading:
            style += " font-size: 16pt; font-weight: bold;"
        elif line.warn:
            style += " font-weight: bold;"
        self.setStyleSheet(style)
        self.setToolTip(line.text)


class OverviewView(Page):
    navigate = Signal(str)  # the key of the page a clicked item leads to

    def __init__(self, session: Session) -> None:
        super().__init__(session)
        self.board: Dashboard | None = None
        self.phase_box = QVBoxLayout()
        self.phase_box.setSpacing(0)  # each line has its own padding
        self.capacity_title = QLabel()
        self.capacity = RowsModel(
            [
                Column(
                    tr("Category"),
                    lambda r: r["beds"].name if language() == "nl" else r["beds"].name_en,
                ),
                Column(tr("Free"), lambda r: str(r["beds"].free_after_holds), align_right=True),
                Column(tr("Held"), lambda r: str(r["beds"].held), align_right=True),
                Column(tr("Staffed"), lambda r: str(r["beds"].staffed), align_right=True),
                Column(tr("Occupied"), lambda r: str(r["beds"].occupied), align_right=True),
                Column(tr("Oldest figure"), lambda r: _oldest(r["beds"])),
            ]
        )
        self.capacity.emphasis = lambda r: bool(r["beds"].stale_locations)
        self.capacity.alarm = lambda r: bool(r["beds"].overbezet_locations)
        table = QTableView()
        table.setModel(self.capacity)
        table.verticalHeader().hide()
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        table.activated.connect(lambda _index: self.navigate.emit("capacity"))
        self.capacity_table = table
        self.legend = QLabel(
            tr(
                "Free = free after held places (offered or placed since the figure). Bold on "
                "yellow: a figure a report time has passed since (stale). Red: overbezet, more "
                "patients than staffed beds, counted as no free beds."
            )
        )
        self.legend.setWordWrap(True)
        self.legend.setMinimumWidth(LINE_MIN_WIDTH)
        self.lines_box = QVBoxLayout()
        self.lines_box.setSpacing(0)
        self.sitrap_button = QPushButton(tr("&Sitrap…"))
        self.sitrap_button.setToolTip(tr("Make the situation report from the data, then print it"))
        self.sitrap_button.clicked.connect(self.open_sitrap)
        layout = QVBoxLayout(self)
        layout.addLayout(self.phase_box)
        layout.addWidget(self.capacity_title)
        layout.addWidget(table, 1)
        layout.addWidget(self.legend)
        layout.addLayout(self.lines_box)
        layout.addWidget(self.sitrap_button)

    def clear(self) -> None:
        self.board = None
        self.capacity.set_rows([])
        self.capacity_title.setText("")
        for box in (self.phase_box, self.lines_box):
            _empty(box)

    def reload(self) -> None:
        lang = language()
        self.board = board = dashboard(self.session.store, datetime.now(UTC), lang)
        for box in (self.phase_box, self.lines_box):
            _empty(box)
        # While an outage lasts it leads; the outage and the phase are the headings.
        for line in [*outage_lines(board, lang), *phase_lines(board, lang)]:
            self.phase_box.addWidget(self._button(line, heading=not line.indent))
        heading = bed_lines(board, lang)[0]  # the bed lines themselves are the table
        self.capacity_title.setText(f"<b>{heading.text}</b>")
        self.capacity.set_rows([{"beds": beds} for beds in board.beds])
        for line in other_lines(board, lang):
            self.lines_box.addWidget(self._button(line))

    def _button(self, line: Line, heading: bool = False) -> _LineButton:
        button = _LineButton(line, heading)
        if line.target == "sitrap":
            button.clicked.connect(self.open_sitrap)
        else:
            button.clicked.connect(lambda key=line.target: self.navigate.emit(key))
        return button

    def open_sitrap(self) -> None:
        """The Sitrap dialog; printing a made one opens Afdrukken with the sitrap chosen."""
        from ..dialogs.sitrap import SitrapDialog  # loaded when first used, not at start-up

        dialog = SitrapDialog(self.session, self)
        dialog.exec()
        if self.session.is_unlocked:
            self.reload()
        if dialog.wants_print:
            self.navigate.emit(PRINT_SITRAP)

    def line_texts(self) -> list[str]:
        """What the lines say, in order (for tests and screen readers alike)."""
        return [button.line.text for button in self.line_buttons()]

    def line_buttons(self) -> list[_LineButton]:
        found = []
        for box in (self.phase_box, self.lines_box):
            for i in range(box.count()):
                item = box.itemAt(i)
                if item is not None and isinstance(button := item.widget(), _LineButton):
                    found.append(button)
        return found


def _oldest(beds: BedsAnswer) -> str:
    marks = [tr("{n} stale", n=beds.stale_locations)] * bool(beds.stale_locations)
    marks += [tr("{n} overbezet", n=beds.overbezet_locations)] * bool(beds.overbezet_locations)
    oldest = duration_text(beds.oldest_age_s // 60, language())
    return f"{oldest} ({', '.join(marks)})" if marks else oldest


def _empty(box: QVBoxLayout) -> None:
    while box.count():
        item = box.takeAt(0)
        widget: QWidget | None = item.widget() if item else None
        if widget is not None:
            widget.deleteLater()
