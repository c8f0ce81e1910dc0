"""The quick report form: one location's figures for one category, checked as typed."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QIntValidator, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
)

from resilient_zcc.capacity import model as capacity_model
from resilient_zcc.capacity.categories import SOURCES, STATUSES, all_categories
from resilient_zcc.capacity.model import figure_problem, surge_warning
from resilient_zcc.capacity.queries import latest_reports, locations

from ..errors import show_error
from ..format import local
from ..i18n import add_catalogue, language, tr
from ..session import Session

add_catalogue(
    {
        "Report figures": "Cijfers melden",
        "&Location": "&Locatie",
        "Ca&tegory": "Ca&tegorie",
        "Total": "Totaal",
        "Staffed": "Bemand",
        "Occupied": "Bezet",
        "Expected free in 24 h": "Verwacht vrij over 24 u",
        "optional": "optioneel",
        "Source": "Bron",
        "Reported by": "Gemeld door",
        "name or function": "naam of functie",
        "&Report": "&Melden",
        "Free: {free}; status {status}": "Vrij: {free}; status {status}",
        "Reported: {location}, {category} at {when}": "Gemeld: {location}, {category} om {when}",
        "Ctrl+Enter reports the figures.": "Ctrl+Enter meldt de cijfers.",
    }
)

MAX_COUNT = 99_999
OVERBEZET_COLOUR = "#c62828"  # red; the text says 'Overbezet' too


def problem_text(total: int, staffed: int, occupied: int, expected: int | None) -> str:
    """The first rule the figures break, in the core's words; '' when they are fine."""
    problem = figure_problem(total, staffed, occupied, expected_24h=expected)
    return "" if problem is None else str(problem.message)


def surge_text(total: int, staffed: int, occupied: int) -> str:
    """The core's warning for a surge (accepted, shown as overbezet); '' when none."""
    warning = surge_warning(total, staffed, occupied)
    return "" if warning is None else str(warning.message)


def _count_box() -> QSpinBox:
    box = QSpinBox()
    box.setRange(0, MAX_COUNT)
    box.setAlignment(Qt.AlignmentFlag.AlignRight)
    return box


class ReportForm(QGroupBox):
    reported = Signal(str)  # the id of the report just written

    def __init__(self, session: Session) -> None:
        super().__init__(tr("Report figures"))
        self.session = session
        self.location = QComboBox()
        self.category = QComboBox()
        self.total = _count_box()
        self.staffed = _count_box()
        self.occupied = _count_box()
        self.expected = QLineEdit()
        self.expected.setValidator(QIntValidator(0, MAX_COUNT, self.expected))
        self.expected.setPlaceholderText(tr("optional"))
        self.expected.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.source = QComboBox()
        self.reporter = QLineEdit()
        self.reporter.setPlaceholderText(tr("name or function"))
        self.derived = QLabel()
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("font-weight: bold;")
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet(f"font-weight: bold; color: {OVERBEZET_COLOUR};")
        self.done = QLabel()
        self.done.setWordWrap(True)
        self.submit = QPushButton(tr("&Report"))
        self.submit.setToolTip(tr("Ctrl+Enter reports the figures."))
        self.submit.clicked.connect(self.send)

        form = QFormLayout()
        location_label = QLabel(tr("&Location"))
        location_label.setBuddy(self.location)
        category_label = QLabel(tr("Ca&tegory"))
        category_label.setBuddy(self.category)
        form.addRow(location_label, self.location)
        form.addRow(category_label, self.category)
        numbers = QHBoxLayout()
        for title, box in (
            (tr("Total"), self.total),
            (tr("Staffed"), self.staffed),
            (tr("Occupied"), self.occupied),
        ):
            column = QVBoxLayout()
            column.addWidget(QLabel(title))
            column.addWidget(box)
            numbers.addLayout(column)
        form.addRow(numbers)
        form.addRow(tr("Expected free in 24 h"), self.expected)
        form.addRow(tr("Source"), self.source)
        form.addRow(tr("Reported by"), self.reporter)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.derived)
        layout.addWidget(self.problem)
        layout.addWidget(self.warning)
        buttons = QHBoxLayout()
        buttons.addWidget(self.done, 1)
        buttons.addWidget(self.submit)
        layout.addLayout(buttons)
        layout.addStretch()

        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.setWhatsThis(self.submit.text())  # named in Help -> Sneltoetsen
            shortcut.activated.connect(self.send)
        for box in (self.total, self.staffed, self.occupied):
            box.valueChanged.connect(self.check)
        self.expected.textChanged.connect(self.check)
        self.location.currentIndexChanged.connect(self.prefill)
        self.category.currentIndexChanged.connect(self.prefill)
        self.check()

    # -- choices -------------------------------------------------------------------------

    def load_choices(self) -> None:
        """Fill the pickers from the core, keeping what was chosen (no prefill unless moved)."""
        store, lang = self.session.store, language()
        keep_location, keep_category = self.location.currentData(), self.category.currentData()
        keep_source = self.source.currentData()
        for box in (self.location, self.category, self.source):
            box.blockSignals(True)
            box.clear()
        for row in locations(store):
            city = f" ({row['city']})" if row["city"] and row["city"] not in row["name"] else ""
            self.location.addItem(f"{row['name']}{city}", row["id"])
        for code, info in all_categories(store).items():
            self.category.addItem(info.name if lang == "nl" else info.name_en, code)
        for code, labels in SOURCES.items():
            self.source.addItem(labels[0 if lang == "nl" else 1], code)
        self._select(self.location, keep_location)
        self._select(self.category, keep_category)
        self._select(self.source, keep_source)
        for box in (self.location, self.category, self.source):
            box.blockSignals(False)
        if (keep_location, keep_category) != (
            self.location.currentData(),
            self.category.currentData(),
        ):
            self.prefill()

    @staticmethod
    def _select(box: QComboBox, data: Any) -> bool:
        index = box.findData(data) if data is not None else -1
        box.setCurrentIndex(max(index, 0) if box.count() else -1)
        return index >= 0

    def choose(self, location_id: str, category: str | None = None) -> None:
        """Preset the form (from a selected row); the figures are those reported last."""
        self.location.blockSignals(True)
        found = self._select(self.location, location_id)
        self.location.blockSignals(False)
        if category is None and found:
            reported = latest_reports(self.session.store, location_id=location_id)
            category = reported[0]["category"] if reported else None
        if category is not None:
            self.category.blockSignals(True)
            self._select(self.category, category)
            self.category.blockSignals(False)
        self.prefill()

    def prefill(self) -> None:
        """Start from the figures reported last, so a report is a small correction."""
        self.done.setText("")
        location_id, category = self.location.currentData(), self.category.currentData()
        if not self.session.is_unlocked or location_id is None or category is None:
            return
        rows = latest_reports(self.session.store, location_id=location_id, category=category)
        last = rows[0] if rows else {"total": 0, "staffed": 0, "occupied": 0}
        for box, key in (
            (self.total, "total"),
            (self.staffed, "staffed"),
            (self.occupied, "occupied"),
        ):
            box.setValue(int(last[key] or 0))
        self.expected.clear()

    # -- checking and sending ------------------------------------------------------------

    def expected_value(self) -> int | None:
        text = self.expected.text().strip()
        return int(text) if text else None

    def check(self) -> bool:
        total, staffed, occupied = self.total.value(), self.staffed.value(), self.occupied.value()
        problem = problem_text(total, staffed, occupied, self.expected_value())
        self.problem.setText(f"⚠ {problem}" if problem else "")
        surge = "" if problem else surge_text(total, staffed, occupied)
        self.warning.setText(f"⚠ {surge}" if surge else "")
        self.warning.setVisible(bool(surge))  # no empty line in a form that is short of room
        if problem:
            self.derived.setText("")
        else:
            free = max(0, staffed - occupied)
            status = capacity_model.derive_status(staffed, free)
            self.derived.setText(
                tr(
                    "Free: {free}; status {status}",
                    free=free,
                    status=STATUSES[status][0 if language() == "nl" else 1],
                )
            )
        ok = not problem and self.location.currentData() is not None
        self.submit.setEnabled(ok and self.category.currentData() is not None)
        return self.submit.isEnabled()

    def send(self) -> None:
        if not self.check() or not self.session.is_unlocked:
            return
        location_id, category = self.location.currentData(), self.category.currentData()
        now = datetime.now(UTC)
        try:
            report_id = capacity_model.report_capacity(
                self.session.store,
                location_id,
                category,
                total=self.total.value(),
                staffed=self.staffed.value(),
                occupied=self.occupied.value(),
                expected_24h=self.expected_value(),
                reporter=self.reporter.text(),
                source=self.source.currentData(),
                now=now,
            )
        except Exception as exc:  # one path for every error
            show_error(self, exc)
            return
        self.done.setText(
            tr(
                "Reported: {location}, {category} at {when}",
                location=self.location.currentText(),
                category=self.category.currentText(),
                when=local(now.isoformat()),
            )
        )
        self.session.changed()
        self.reported.emit(report_id)

    def clear(self) -> None:
        for box in (self.location, self.category, self.source):
            box.blockSignals(True)
            box.clear()
            box.blockSignals(False)
        for spin in (self.total, self.staffed, self.occupied):
            spin.setValue(0)
        for line in (self.expected, self.reporter):
            line.clear()
        self.done.setText("")
        self.check()
