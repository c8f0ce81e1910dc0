"""Capaciteit: the regional picture per category, a category's locations, who has not
reported, a location's history as a chart, and the quick report form."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from resilient_zcc.capacity.categories import STATUSES, all_categories
from resilient_zcc.capacity.free_beds import capacity_picture
from resilient_zcc.capacity.queries import history, overdue_locations

from .. import contrast
from ..errors import show_error
from ..format import age, duration, local
from ..i18n import add_catalogue, language, tr
from ..models.rows import Column, RowsModel
from ..session import Session
from ..widgets.capacity_chart import HistoryChart
from .capacity_report import ReportForm
from .page import Page
from .tables import row_table

add_catalogue(
    {
        "Regional picture": "Regionaal beeld",
        "Locations": "Locaties",
        "Location": "Locatie",
        "Total": "Totaal",
        "Exp. free\n24 h": "Verw. vrij\n24 u",
        "Status": "Status",
        "Reported": "Gemeld",
        "LATE": "TE LAAT",
        "Locations: {category}": "Locaties: {category}",
        "Not reported on time ({n})": "Niet op tijd gemeld ({n})",
        "City": "Plaats",
        "Last report": "Laatste melding",
        "Due since": "Verwacht sinds",
        "Late by": "Te laat",
        "Free = free after held places (offered or placed since the figure). Bold on yellow "
        "with a marker: a figure a report time has passed since (STALE) or a location that "
        "missed its report time (LATE). Red OVERBEZET: more patients than staffed beds, counted "
        "as no free beds.": (
            "Vrij = vrij na vastgehouden plaatsen (aangeboden of geplaatst sinds het cijfer). "
            "Vet op geel met een markering: een cijfer waarna een meldtijd is verstreken "
            "(VEROUDERD) of een locatie die haar meldtijd heeft gemist (TE LAAT). Rood "
            "OVERBEZET: meer patiënten dan bemande bedden, telt als geen vrije bedden."
        ),
    }
)

STATUS_COLOURS = {
    "groen": "#2e7d32",
    "geel": "#f9a825",
    "oranje": "#ef6c00",
    "rood": "#c62828",
    "donkerrood": "#6a1010",
}
Index = QModelIndex | QPersistentModelIndex


NAME_WIDTH = 190  # a longer name is elided; its tooltip holds it whole
ROW_HEIGHT = 26


class CapacityRows(RowsModel):
    """Rows with the whole name as a tooltip and, in the status column, a colour swatch
    beside the colour's name (the text says the colour; the swatch only helps the eye)."""

    status_column = -1

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DecorationRole and index.column() == self.status_column:
            colour = STATUS_COLOURS.get(self.rows[index.row()].get("status") or "")
            return QColor(contrast.colour(colour)) if colour else None
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 0:
            return super().data(index, Qt.ItemDataRole.DisplayRole)
        return super().data(index, role)


def _number(key: str) -> Any:
    return lambda r: "" if r.get(key) is None else str(r[key])


def _fit(table: QTableView) -> None:
    """Names as wide as they need up to NAME_WIDTH; rows as high as their markers need."""
    table.resizeColumnToContents(0)
    table.setColumnWidth(0, min(table.columnWidth(0), NAME_WIDTH))
    table.resizeRowsToContents()


def _capacity_table(model: RowsModel) -> QTableView:
    table = row_table(model)
    table.verticalHeader().setMinimumSectionSize(ROW_HEIGHT)  # room for a second marker line
    table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
    return table


class CapacityView(Page):
    def __init__(self, session: Session) -> None:
        super().__init__(session)
        self.session = session
        self.groups: list[dict[str, Any]] = []
        self.overdue_ids: set[str] = set()
        self.category_code: str | None = None
        self.location_id: str | None = None
        self.quiet = False  # set while reloading: selections then are not the user's
        self.form_aimed = False  # the form follows the first selection after unlock

        self.categories = CapacityRows(
            [
                Column(tr("Category"), lambda r: r["label"]),
                Column(tr("Staffed"), _number("staffed"), align_right=True),
                Column(tr("Occupied"), _number("occupied"), align_right=True),
                Column(tr("Free"), _number("free_after_holds"), align_right=True),
                Column(tr("Held"), _number("held"), align_right=True),
                Column(tr("Exp. free\n24 h"), _number("expected_24h"), align_right=True),
                Column(tr("Oldest figure"), lambda r: r["oldest"]),
            ]
        )
        self.categories.emphasis = lambda r: bool(r["stale"])
        self.categories.alarm = lambda r: bool(r["overbezet"])
        self.category_table = _capacity_table(self.categories)

        self.locations = CapacityRows(
            [
                Column(tr("Location"), lambda r: r["location_name"]),
                Column(tr("Total"), _number("total"), align_right=True),
                Column(tr("Staffed"), _number("staffed"), align_right=True),
                Column(tr("Occupied"), _number("occupied"), align_right=True),
                Column(tr("Free"), _number("free_after_holds"), align_right=True),
                Column(tr("Held"), _number("held"), align_right=True),
                Column(tr("Exp. free\n24 h"), _number("expected_24h"), align_right=True),
                Column(tr("Status"), lambda r: r["status_text"]),
                Column(tr("Reported"), lambda r: r["age_text"]),
            ]
        )
        self.locations.status_column = 7
        self.locations.emphasis = lambda r: bool(r["stale"] or r["late"])
        self.locations.alarm = lambda r: bool(r["overbezet"])
        self.location_table = _capacity_table(self.locations)

        self.overdue = CapacityRows(
            [
                Column(tr("Location"), lambda r: r["location_name"]),
                Column(tr("City"), lambda r: r["city"] or ""),
                Column(tr("Last report"), lambda r: local(r["last_reported_at"])),
                Column(tr("Due since"), lambda r: local(r["missed_since"])),
                Column(tr("Late by"), lambda r: duration(int(r["late_minutes"]))),
            ]
        )
        self.overdue.emphasis = lambda _r: True
        self.overdue_table = _capacity_table(self.overdue)

        self.chart = HistoryChart()
        self.form = ReportForm(session)

        self.title = QLabel(f"<b>{tr('Regional picture')}</b>")
        self.legend = QLabel(
            tr(
                "Free = free after held places (offered or placed since the figure). Bold on "
                "yellow with a marker: a figure a report time has passed since (STALE) or a "
                "location that missed its report time (LATE). Red OVERBEZET: more patients "
                "than staffed beds, counted as no free beds."
            )
        )
        self.legend.setWordWrap(True)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.location_table, "")
        self.tabs.addTab(self.overdue_table, "")

        # Tables on the left, full width for their columns; chart and form on the right.
        picture = QWidget()
        picture_layout = QVBoxLayout(picture)
        picture_layout.setContentsMargins(0, 0, 0, 0)
        picture_layout.addWidget(self.title)
        picture_layout.addWidget(self.category_table)
        left = QSplitter(Qt.Orientation.Vertical)
        left.addWidget(picture)
        left.addWidget(self.tabs)
        left.setSizes([360, 340])
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.chart)
        right.addWidget(self.form)
        right.setSizes([360, 340])
        main = QSplitter(Qt.Orientation.Horizontal)
        main.addWidget(left)
        main.addWidget(right)
        main.setStretchFactor(0, 5)
        main.setStretchFactor(1, 3)
        main.setSizes([750, 450])
        layout = QVBoxLayout(self)
        layout.addWidget(main, 1)
        layout.addWidget(self.legend)
        self._set_tab_titles()

        self.category_table.selectionModel().currentRowChanged.connect(self._category_picked)
        self.location_table.selectionModel().currentRowChanged.connect(self._location_picked)
        self.overdue_table.selectionModel().currentRowChanged.connect(self._overdue_picked)
        self.form.reported.connect(lambda _id: self.follow_form())

    def _category_picked(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not self.quiet:
            self.show_category(current.row())

    def _location_picked(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not self.quiet:
            self.show_location(current.row(), aim_form=True)

    def _overdue_picked(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not self.quiet:
            self.choose_overdue(current.row())

    # -- loading ---------------------------------------------------------------------------

    def reload(self) -> None:
        if not self.session.is_unlocked:
            return
        store, now, lang = self.session.store, datetime.now(UTC), language()
        try:
            groups = [g.as_dict() for g in capacity_picture(store, now=now)]
            overdue = overdue_locations(store, now=now)
            names = all_categories(store)
            self.form.load_choices()
        except Exception as exc:  # one path for every error
            show_error(self, exc)
            return
        self.overdue_ids = {r["location_id"] for r in overdue}
        for group in groups:
            info = names.get(group["category"])
            group["label"] = group["name"] if info is None or lang == "nl" else info.name_en
            marks = [f"[{tr('{n} stale', n=group['stale'])}]"] * bool(group["stale"])
            marks += [f"[{tr('{n} overbezet', n=group['overbezet'])}]"] * bool(group["overbezet"])
            group["oldest"] = "\n".join([duration(int(group["oldest_age_s"]) // 60), *marks])
            for row in group["rows"]:
                row["late"] = row["location_id"] in self.overdue_ids
                status = STATUSES.get(row["status"] or "", ("", ""))[0 if lang == "nl" else 1]
                row["status_text"] = tr("OVERBEZET") if row["overbezet"] else status
                markers = [f"[{tr('STALE')}]"] * bool(row["stale"])
                markers += [f"[{tr('LATE')}]"] * row["late"]
                row["age_text"] = "\n".join([age(row["reported_at"], now), *markers])
        self.groups = groups
        keep_category, keep_location = self.category_code, self.location_id
        self.quiet = True
        try:
            self.overdue.set_rows(overdue)
            self.categories.set_rows(groups)
            _fit(self.overdue_table)
            _fit(self.category_table)
        finally:
            self.quiet = False
        codes = [g["category"] for g in groups]
        row = codes.index(keep_category) if keep_category in codes else (0 if codes else -1)
        self.show_category(row, keep_location)

    def _set_tab_titles(self) -> None:
        group = self.current_group()
        self.tabs.setTabText(
            0, tr("Locations: {category}", category=group["label"]) if group else tr("Locations")
        )
        self.tabs.setTabText(1, tr("Not reported on time ({n})", n=self.overdue.rowCount()))

    def current_group(self) -> dict[str, Any] | None:
        for group in self.groups:
            if group["category"] == self.category_code:
                return group
        return None

    # -- selection -------------------------------------------------------------------------

    def show_category(self, row: int, keep_location: str | None = None) -> None:
        """A category's locations with their figures and age; the first (or kept) one charted."""
        if row < 0 or row >= len(self.groups):
            self.category_code = None
            self.locations.set_rows([])
            self.show_location(-1)
            self._set_tab_titles()
            return
        group = self.groups[row]
        self.category_code = group["category"]
        ids = [r["location_id"] for r in group["rows"]]
        selected = ids.index(keep_location) if keep_location in ids else 0
        self.quiet = True
        try:
            if self.category_table.currentIndex().row() != row:
                self.category_table.selectRow(row)
            self.locations.set_rows(group["rows"])
            _fit(self.location_table)
            if ids:
                self.location_table.selectRow(selected)
        finally:
            self.quiet = False
        self._set_tab_titles()
        self.show_location(selected if ids else -1, aim_form=keep_location is None)

    def show_location(self, row: int, aim_form: bool = False) -> None:
        """Chart the location's history for the category; aimed, the form reports for it."""
        if row < 0 or row >= self.locations.rowCount() or self.category_code is None:
            self.location_id = None
            self.chart.clear()
            return
        picked = self.locations.row(row)
        self.location_id = picked["location_id"]
        group = self.current_group()
        try:
            rows = history(self.session.store, picked["location_id"], self.category_code)
        except Exception as exc:  # one path for every error
            show_error(self, exc)
            return
        self.chart.show_history(rows, picked["location_name"], group["label"] if group else "")
        if aim_form or not self.form_aimed:
            self.form_aimed = True
            self.form.choose(picked["location_id"], self.category_code)

    def choose_overdue(self, row: int) -> None:
        if 0 <= row < self.overdue.rowCount():
            self.form.choose(self.overdue.row(row)["location_id"])

    def follow_form(self) -> None:
        """After a report: show the category and location just reported."""
        category, location_id = self.form.category.currentData(), self.form.location.currentData()
        codes = [g["category"] for g in self.groups]
        if category in codes:
            self.show_category(codes.index(category), location_id)

    def clear(self) -> None:
        self.groups = []
        self.overdue_ids = set()
        self.category_code = self.location_id = None
        self.form_aimed = False
        self.categories.set_rows([])
        self.locations.set_rows([])
        self.overdue.set_rows([])
        self.chart.clear()
        self.form.clear()
        self._set_tab_titles()
