"""Uitval: the region's outage, the locations' continuity by hours of autonomy left, the
quick continuity report, power-dependent care at home per area, stocks and requests."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from resilient_zcc.continuity.queries import continuity_overview
from resilient_zcc.crisis.outage import Outage
from resilient_zcc.crisis.regions import default_region
from resilient_zcc.homecare.queries import homecare_overview

from .. import outage_presenter as present
from ..dialogs.outage import OutageDialog
from ..errors import show_error
from ..i18n import add_catalogue, tr
from ..models.rows import Column
from ..session import Session
from .continuity_report import ContinuityForm
from .marked_tables import MarkedRows, cell, fit_names, marked_table, plain_button
from .outage_resources import ResourcesPanel
from .page import Page

add_catalogue(
    {
        "&Declare outage…": "Uitval &afkondigen…",
        "E&nd outage…": "Uitval &beëindigen…",
        "Location": "Locatie",
        "City": "Plaats",
        "Power": "Stroom",
        "Hours left": "Uren over",
        "Down": "Uitgevallen",
        "Reported": "Gemeld",
        "24/7 number": "24/7-nummer",
        "Marker": "Markering",
        "S&ort by:": "S&orteren op:",
        "hours of autonomy left": "uren autonomie over",
        "location": "locatie",
        "city": "plaats",
        "Locations ({n})": "Locaties ({n})",
        "Care at home": "Zorg thuis",
        "Stocks and requests": "Voorraad en aanvragen",
        "Area": "Gebied",
        "At risk": "Met risico",
        "Clients": "Cliënten",
        "At risk by kind": "Risico per soort",
        "Provider": "Aanbieder",
        "{area}, at risk by kind: {kinds}": "{area}, risico per soort: {kinds}",
        "Updated": "Bijgewerkt",
        "Hours left = the reported autonomy minus the hours since the report; below {n} h is "
        "marked BELOW THRESHOLD (bold red). Bold on yellow: STALE or NOT HEARD FROM since the "
        "outage began.": (
            "Uren over = de gemelde autonomie min de uren sinds de melding; onder {n} u staat "
            "ONDER DREMPEL (vet rood). Vet op geel: VEROUDERD of NIET GEHOORD sinds het begin "
            "van de uitval."
        ),
        "Clients at home whose own backup runs out within {n} h, per area; call the provider's "
        "24/7 number.": (
            "Cliënten thuis van wie de eigen back-up binnen {n} u op is, per gebied; bel het "
            "24/7-nummer van de aanbieder."
        ),
    }
)


class OutageView(Page):
    def __init__(self, session: Session) -> None:
        super().__init__(session)
        self.outages: tuple[Outage, ...] = ()
        self.dialog: OutageDialog | None = None  # the one open now

        self.outage_text = QLabel()
        self.outage_text.setWordWrap(True)
        self.outage_text.setStyleSheet("font-weight: bold;")
        self.outage_choice = QComboBox()  # which outage 'end' ends, when several last
        self.declare = plain_button(tr("&Declare outage…"))
        self.declare.clicked.connect(self.ask_declare)
        self.end = plain_button(tr("E&nd outage…"))
        self.end.clicked.connect(self.ask_end)

        self.continuity = MarkedRows(
            [
                Column(tr("Location"), cell("location")),
                Column(tr("Hours left"), cell("hours"), align_right=True),
                Column(tr("Marker"), cell("marks")),
                Column(tr("Power"), cell("power")),
                Column(tr("City"), cell("city")),
                Column(tr("Down"), cell("down")),
                Column(tr("Reported"), cell("age")),
                Column(tr("24/7 number"), cell("phone")),
            ]
        )
        self.continuity_table = marked_table(self.continuity)
        self.sort = QComboBox()
        for code, text in zip(
            present.SORT_KEYS,
            (tr("hours of autonomy left"), tr("location"), tr("city")),
            strict=True,
        ):
            self.sort.addItem(text, code)
        self.sort.currentIndexChanged.connect(lambda _i: self.reload())
        self.legend = QLabel()
        self.legend.setWordWrap(True)

        self.homecare = MarkedRows(
            [
                Column(tr("Area"), cell("area")),
                Column(tr("At risk"), cell("at_risk"), align_right=True),
                Column(tr("Clients"), cell("total"), align_right=True),
                Column(tr("Provider"), cell("provider")),
                Column(tr("24/7 number"), cell("phone")),
                Column(tr("Updated"), cell("updated")),
                Column(tr("Marker"), cell("marks")),
                Column(tr("At risk by kind"), cell("kinds")),
            ]
        )
        self.homecare_table = marked_table(self.homecare)
        self.homecare_legend = QLabel()
        self.homecare_legend.setWordWrap(True)
        self.homecare_detail = QLabel()  # the selected area's clients at risk by kind, whole
        self.homecare_detail.setWordWrap(True)

        self.resources = ResourcesPanel(session, self.write)

        self.form = ContinuityForm(session)

        # -- layout ----------------------------------------------------------------------
        top = QHBoxLayout()
        top.addWidget(self.outage_text, 1)
        top.addWidget(self.outage_choice)
        top.addWidget(self.declare)
        top.addWidget(self.end)

        locations_tab = QWidget()
        locations_layout = QVBoxLayout(locations_tab)
        sort_row = QHBoxLayout()
        sort_label = QLabel(tr("S&ort by:"))
        sort_label.setBuddy(self.sort)
        sort_row.addWidget(sort_label)
        sort_row.addWidget(self.sort)
        sort_row.addStretch()
        locations_layout.addLayout(sort_row)
        locations_layout.addWidget(self.continuity_table, 1)
        locations_layout.addWidget(self.legend)

        homecare_tab = QWidget()
        homecare_layout = QVBoxLayout(homecare_tab)
        homecare_layout.addWidget(self.homecare_legend)
        homecare_layout.addWidget(self.homecare_table, 1)
        homecare_layout.addWidget(self.homecare_detail)

        self.tabs = QTabWidget()
        self.tabs.addTab(locations_tab, "")
        self.tabs.addTab(homecare_tab, tr("Care at home"))
        self.tabs.addTab(self.resources, tr("Stocks and requests"))

        main = QSplitter(Qt.Orientation.Horizontal)
        main.addWidget(self.tabs)
        main.addWidget(self.form)
        main.setStretchFactor(0, 5)
        main.setStretchFactor(1, 2)
        main.setSizes([860, 260])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(main, 1)

        self.continuity_table.selectionModel().currentRowChanged.connect(self._location_picked)
        self.homecare_table.selectionModel().currentRowChanged.connect(self._area_picked)

    # -- loading ---------------------------------------------------------------------------

    def reload(self) -> None:
        if not self.session.is_unlocked:
            return
        store, now = self.session.store, datetime.now(UTC)
        try:
            overview = continuity_overview(store, now=now)
            care = homecare_overview(store, now=now)
            held, asked = self.resources.read(store)
            self.form.load_choices()
        except Exception as exc:  # one path for every error
            show_error(self, exc)
            return
        self.outages = overview.outages
        self.outage_text.setText("\n".join(present.outage_lines(overview.outages)))
        self.outage_choice.clear()
        for outage in overview.outages:
            self.outage_choice.addItem(outage.label(present.lang()), outage.id)
        self.outage_choice.setVisible(len(overview.outages) > 1)
        self.end.setEnabled(bool(overview.outages))
        rows = present.continuity_rows(overview, now, self.sort.currentData() or "hours")
        current = self.continuity_table.currentIndex().row()
        keep = self.continuity.row(current)["location_id"] if current >= 0 else None
        self.continuity.set_rows(rows)
        fit_names(self.continuity_table)
        ids = [r["location_id"] for r in rows]
        if ids:  # the row the form reports for, or the first (least autonomy)
            self.continuity_table.selectRow(ids.index(keep) if keep in ids else 0)
        self.tabs.setTabText(0, tr("Locations ({n})", n=len(rows)))
        self.legend.setText(
            tr(
                "Hours left = the reported autonomy minus the hours since the report; below "
                "{n} h is marked BELOW THRESHOLD (bold red). Bold on yellow: STALE or NOT "
                "HEARD FROM since the outage began.",
                n=overview.threshold_hours,
            )
        )
        self.homecare.set_rows(present.homecare_rows(care))
        fit_names(self.homecare_table)
        if self.homecare.rowCount():
            self.homecare_table.selectRow(0)
        self.homecare_legend.setText(
            tr(
                "Clients at home whose own backup runs out within {n} h, per area; call the "
                "provider's 24/7 number.",
                n=care.within_hours,
            )
        )
        self.resources.show_rows(held, asked)

    def _area_picked(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = current.row()
        if 0 <= row < self.homecare.rowCount():
            picked = self.homecare.row(row)
            self.homecare_detail.setText(
                tr("{area}, at risk by kind: {kinds}", area=picked["area"], kinds=picked["kinds"])
            )
        else:
            self.homecare_detail.setText("")

    def _location_picked(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if 0 <= current.row() < self.continuity.rowCount():
            self.form.choose(self.continuity.row(current.row()))

    def focus_default(self) -> None:
        self.continuity_table.setFocus()

    # -- the outage ------------------------------------------------------------------------

    def _open(self, dialog: OutageDialog) -> None:
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()  # window-modal, without a nested event loop

    def ask_declare(self) -> None:
        if not self.session.is_unlocked:
            return
        try:
            region_id = default_region(self.session.store)
        except Exception as exc:  # one path for every error
            show_error(self, exc)
            return
        self._open(OutageDialog(self.session, region_id, None, self))

    def ask_end(self) -> None:
        chosen = self.outage_choice.currentData()
        outage = next((o for o in self.outages if o.id == chosen), None)
        if outage is not None and self.session.is_unlocked:
            self._open(OutageDialog(self.session, outage.region_id, outage, self))

    def clear(self) -> None:
        self.outages = ()
        self.outage_text.setText("")
        self.homecare_detail.setText("")
        self.outage_choice.clear()
        for model in (self.continuity, self.homecare):
            model.set_rows([])
        self.resources.clear()
        self.form.clear()
