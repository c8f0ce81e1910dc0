"""Overzicht: phase and who decided, capacity at a glance, the queue, conflicts, stale contacts."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
)

from resilient_zcc.capacity.categories import all_categories
from resilient_zcc.capacity.queries import overdue_locations, regional_overview
from resilient_zcc.contacts.queries import stale_count
from resilient_zcc.crisis.phases import phase_state
from resilient_zcc.crisis.regions import default_region
from resilient_zcc.errors import ZccError
from resilient_zcc.placements.conflicts import open_conflicts
from resilient_zcc.placements.lifecycle import STATES
from resilient_zcc.placements.queries import counts_by_state

from ..format import duration, local
from ..i18n import language, tr
from ..models.rows import Column, RowsModel
from ..session import Session
from ..widgets.link import Link
from .page import Page


def _link(text: str) -> Link:
    link = Link(text)  # wraps: a long phase meaning must not hold the window wide
    link.setStyleSheet("padding: 4px;")
    return link


class OverviewView(Page):
    navigate = Signal(str)  # the key of the page a clicked item leads to

    def __init__(self, session: Session) -> None:
        super().__init__(session)
        self.phase = _link("")
        self.phase.setStyleSheet("font-size: 16pt; font-weight: bold;")
        self.phase_detail = QLabel()
        self.phase_detail.setWordWrap(True)
        self.nood = QLabel()
        self.capacity_title = QLabel(f"<b>{tr('Capacity')}</b>")
        self.capacity = RowsModel(
            [
                Column(tr("Category"), lambda r: r["name"] if language() == "nl" else r["name_en"]),
                Column(tr("Staffed"), lambda r: str(r["staffed"]), align_right=True),
                Column(tr("Occupied"), lambda r: str(r["occupied"]), align_right=True),
                Column(tr("Free"), lambda r: str(r["available"]), align_right=True),
                Column(tr("Oldest figure"), lambda r: r["oldest_age"]),
            ]
        )
        self.capacity.emphasis = lambda r: bool(r["stale"])
        table = QTableView()
        table.setModel(self.capacity)
        table.verticalHeader().hide()
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        table.activated.connect(lambda _index: self.navigate.emit("capacity"))
        self.capacity_table = table
        self.legend = QLabel(tr("Bold on yellow: a figure older than the limit (stale)."))
        self.overdue = _link("")
        self.queue = _link("")
        self.conflicts = _link("")
        self.stale_contacts = _link("")
        self.phase.clicked.connect(lambda: self.navigate.emit("crisis"))
        self.overdue.clicked.connect(lambda: self.navigate.emit("capacity"))
        self.queue.clicked.connect(lambda: self.navigate.emit("placements"))
        self.conflicts.clicked.connect(lambda: self.navigate.emit("placements"))
        self.stale_contacts.clicked.connect(lambda: self.navigate.emit("contacts"))
        layout = QVBoxLayout(self)
        for widget in (
            self.phase,
            self.phase_detail,
            self.nood,
            self.capacity_title,
            table,
            self.legend,
            self.overdue,
            self.queue,
            self.conflicts,
            self.stale_contacts,
        ):
            layout.addWidget(widget)

    def clear(self) -> None:
        self.capacity.set_rows([])
        for label in (
            self.phase,
            self.phase_detail,
            self.nood,
            self.overdue,
            self.queue,
            self.conflicts,
            self.stale_contacts,
        ):
            label.setText("")

    def reload(self) -> None:
        store, now = self.session.store, datetime.now(UTC)
        self._phase(store)
        rows = regional_overview(store, now=now, per_location=False)
        names = all_categories(store)
        for row in rows:
            row["oldest_age"] = duration(int(row["oldest_age_minutes"]))
            info = names.get(row["category"])
            row["name_en"] = info.name_en if info else row["name"]
        self.capacity.set_rows(rows)
        self.capacity_title.setText(
            f"<b>{tr('Capacity')}</b>" + ("" if rows else f" — {tr('No capacity reports yet.')}")
        )
        self.overdue.setText(
            tr("{n} locations have not reported on time", n=len(overdue_locations(store, now=now)))
        )
        counts = counts_by_state(store)
        queue = ", ".join(
            f"{STATES[state][0 if language() == 'nl' else 1]}: {n}"
            for state, n in counts.items()
            if n
        )
        self.queue.setText(f"{tr('Placement queue')}: {queue or '0'}")
        self.conflicts.setText(tr("{n} open conflicts", n=len(open_conflicts(store))))
        self.stale_contacts.setText(tr("{n} contacts not verified recently", n=stale_count(store)))

    def _phase(self, store: Any) -> None:
        try:
            state = phase_state(store, default_region(store))
        except ZccError:
            self.phase.setText(tr("No phase recorded yet"))
            self.phase_detail.setText("")
            self.nood.setText("")
            return
        meaning = state["meaning"] if language() == "nl" else state["meaning_en"]
        self.phase.setText(tr("Phase {phase}: {meaning}", phase=state["phase"], meaning=meaning))
        self.phase_detail.setText(
            tr(
                "since {since}, decided by {by}",
                since=local(state["since"]),
                by=state["decided_by"] or "-",
            )
        )
        self.nood.setText(
            tr("Noodscenario: ON since {since}", since=local(state["noodscenario_since"]))
            if state["noodscenario"]
            else tr("Noodscenario: off")
        )
