"""The quick continuity report form: what a location runs on and for how long, checked as typed."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from resilient_zcc.capacity.queries import locations
from resilient_zcc.continuity import model as continuity_model
from resilient_zcc.continuity.vocabulary import CARE_SCALE, DOWN, EVACUATION, POWER, SOURCES, label

from ..dialogs.submit import is_submit
from ..errors import show_error
from ..format import local
from ..i18n import add_catalogue, language, tr
from ..outage_presenter import hours_input, parse_hours, report_problem
from ..session import Session

add_catalogue(
    {
        "Report continuity": "Continuïteit melden",
        "&Location": "&Locatie",
        "&Power": "&Stroom",
        "&Hours left": "&Uren autonomie",
        "fuel or battery, e.g. 10": "brandstof of accu, bijv. 10",
        "Down": "Uitgevallen",
        "&Care": "&Zorg",
        "E&vacuation": "&Evacuatie",
        "Source": "Bron",
        "Reported by": "Gemeld door",
        "name or function": "naam of functie",
        "Note": "Opmerking",
        "&Report": "&Melden",
        "Ctrl+Enter reports.": "Ctrl+Enter meldt.",
        "Reported: {location} at {when}": "Gemeld: {location} om {when}",
    }
)


class ContinuityForm(QGroupBox):
    reported = Signal(str)  # the id of the report just written

    def __init__(self, session: Session) -> None:
        super().__init__(tr("Report continuity"))
        self.session = session
        lang = "nl" if language() == "nl" else "en"
        self.location = QComboBox()
        # Long names are cut short in the closed box (the list shows them whole).
        self.location.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.location.setMinimumContentsLength(18)
        self.power = QComboBox()
        for code in POWER:
            self.power.addItem(label(POWER, code, lang), code)
        self.hours = QLineEdit()
        self.hours.setPlaceholderText(tr("fuel or battery, e.g. 10"))
        self.down: dict[str, QCheckBox] = {}
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        for number, code in enumerate(DOWN):
            box = QCheckBox(label(DOWN, code, lang))
            self.down[code] = box
            grid.addWidget(box, number // 2, number % 2)
        self.care = QComboBox()
        for code in CARE_SCALE:
            self.care.addItem(label(CARE_SCALE, code, lang), code)
        self.evacuation = QComboBox()
        for code in EVACUATION:
            self.evacuation.addItem(label(EVACUATION, code, lang), code)
        self.source = QComboBox()
        for code in SOURCES:
            self.source.addItem(label(SOURCES, code, lang), code)
        self.reporter = QLineEdit()
        self.reporter.setPlaceholderText(tr("name or function"))
        self.note = QLineEdit()
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("font-weight: bold;")
        self.done = QLabel()
        self.done.setWordWrap(True)
        self.submit = QPushButton(tr("&Report"))
        self.submit.setToolTip(tr("Ctrl+Enter reports."))
        self.submit.clicked.connect(self.send)

        form = QFormLayout()
        for text, widget in (
            (tr("&Location"), self.location),
            (tr("&Power"), self.power),
            (tr("&Hours left"), self.hours),
        ):
            buddy = QLabel(text)
            buddy.setBuddy(widget)
            form.addRow(buddy, widget)
        form.addRow(QLabel(tr("Down")))
        form.addRow(grid)  # the whole width: the form stays narrow beside the tables
        for text, widget in ((tr("&Care"), self.care), (tr("E&vacuation"), self.evacuation)):
            buddy = QLabel(text)
            buddy.setBuddy(widget)
            form.addRow(buddy, widget)
        form.addRow(tr("Source"), self.source)
        form.addRow(tr("Reported by"), self.reporter)
        form.addRow(tr("Note"), self.note)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        buttons = QHBoxLayout()
        buttons.addWidget(self.done, 1)
        buttons.addWidget(self.submit)
        layout.addLayout(buttons)
        layout.addStretch()

        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.setWhatsThis(tr("Report continuity"))  # named in Help -> Sneltoetsen
            shortcut.activated.connect(self.send)
        self.power.currentIndexChanged.connect(self.check)
        self.hours.textChanged.connect(self.check)
        self.check()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        # Ctrl+Enter that a field passed on (the shortcut misses it in an inactive window).
        if is_submit(event):
            self.send()
            return
        super().keyPressEvent(event)

    def load_choices(self) -> None:
        """The locations from the core, keeping the one chosen."""
        keep = self.location.currentData()
        self.location.blockSignals(True)
        self.location.clear()
        for row in locations(self.session.store):
            city = f" ({row['city']})" if row["city"] and row["city"] not in row["name"] else ""
            self.location.addItem(f"{row['name']}{city}", row["id"])
        found = self.location.findData(keep) if keep is not None else -1
        self.location.setCurrentIndex(max(found, 0) if self.location.count() else -1)
        self.location.blockSignals(False)
        self.check()

    def choose(self, row: dict[str, Any]) -> None:
        """Aim the form at a location of the table, starting from its current figure."""
        found = self.location.findData(row["location_id"])
        if found < 0 or found == self.location.currentIndex():
            return
        self.location.setCurrentIndex(found)
        self.done.setText("")  # the last report's line is about another location
        for box, key in (
            (self.power, "power_code"),
            (self.care, "care_code"),
            (self.evacuation, "evacuation_code"),
        ):
            index = box.findData(row.get(key))
            box.setCurrentIndex(max(index, 0))
        hours = row.get("hours_left")
        self.hours.setText("" if hours is None else hours_input(hours))
        for code, check in self.down.items():
            check.setChecked(code in row.get("down_codes", ()))

    def check(self) -> bool:
        problem = report_problem(self.power.currentData(), self.hours.text())
        self.problem.setText(f"⚠ {problem}" if problem else "")
        self.submit.setEnabled(not problem and self.location.currentData() is not None)
        return self.submit.isEnabled()

    def send(self) -> None:
        if not self.check() or not self.session.is_unlocked:
            return
        now = datetime.now(UTC)
        try:
            report_id = continuity_model.report_continuity(
                self.session.store,
                self.location.currentData(),
                power=self.power.currentData(),
                autonomy_hours=parse_hours(self.hours.text()),
                down=[code for code, box in self.down.items() if box.isChecked()],
                care_scaled=self.care.currentData(),
                evacuation=self.evacuation.currentData(),
                note=self.note.text(),
                reporter=self.reporter.text(),
                source=self.source.currentData(),
                now=now,
            )
        except Exception as exc:  # one path for every error
            show_error(self, exc)
            return
        self.done.setText(
            tr(
                "Reported: {location} at {when}",
                location=self.location.currentText(),
                when=local(now.isoformat()),
            )
        )
        self.session.changed()
        self.reported.emit(report_id)

    def clear(self) -> None:
        self.location.clear()
        self.hours.clear()
        self.reporter.clear()
        self.note.clear()
        for box in self.down.values():
            box.setChecked(False)
        self.done.setText("")
        self.check()
