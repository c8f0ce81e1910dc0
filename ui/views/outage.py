"""Uitval: the region's outage, the locations' continuity by hours of autonomy left, the
quick continuity report, power-dependent care at home per area, stocks and requests."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from resilient_zcc.continuity.queries import continuity_overview
from resilient_zcc.crisis.common import device_label
from resilient_zcc.crisis.outage import Outage
from resilient_zcc.crisis.regions import default_region
from resilient_zcc.homecare.queries import homecare_overview
from resilient_zcc.resources import model as resources_model
from resilient_zcc.resources.queries import Stock, requests, stocks

from .. import outage_presenter as present
from ..dialogs.outage import OutageDialog
from ..dialogs.prompt import PromptDialog
from ..errors import show_error
from ..i18n import add_catalogue, tr
from ..models.rows import Column, RowsModel
from ..session import Session
from .continuity_report import ContinuityForm
from .page import Page
from .tables import row_table

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
        "Resource": "Middel",
        "Counted": "Geteld",
        "Reserved": "Gereserveerd",
        "Free": "Vrij",
        "Unit": "Eenheid",
        "State": "Status",
        "Quantity": "Aantal",
        "Needed by": "Nodig voor",
        "Reason": "Reden",
        "Allocated from": "Toegewezen uit",
        "&Allocate…": "&Toewijzen…",
        "&Send": "&Verzenden",
        "Rec&eive": "&Ontvangen",
        "Re&fuse…": "&Weigeren…",
        "Allocate": "Toewijzen",
        "Allocate '{resource}' ({quantity}) to {location} from which stock?": (
            "'{resource}' ({quantity}) toewijzen aan {location} uit welke voorraad?"
        ),
        "Stock:": "Voorraad:",
        "Quantity (empty: all asked):": "Aantal (leeg: alles wat gevraagd is):",
        "Refuse request": "Aanvraag weigeren",
        "Why is '{resource}' for {location} refused? The requester reads it.": (
            "Waarom wordt '{resource}' voor {location} geweigerd? De aanvrager leest het."
        ),
        "Reason:": "Reden:",
        "Give the quantity as a whole number, or leave it empty.": (
            "Geef het aantal als heel getal, of laat het leeg."
        ),
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


class MarkedRows(RowsModel):
    """Rows that carry their own `alarm` and `emphasis` flags (the presenter sets them); the
    first column's whole text as a tooltip, as it may be cut short."""

    def __init__(self, columns: list[Column]) -> None:
        super().__init__(columns)
        self.alarm = lambda r: bool(r.get("alarm"))
        self.emphasis = lambda r: bool(r.get("emphasis"))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and index.isValid() and index.column() == 0:
            return super().data(index, Qt.ItemDataRole.DisplayRole)
        return super().data(index, role)


def _table(model: RowsModel) -> QTableView:
    table = row_table(model)
    table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
    return table


def _fit(table: QTableView) -> None:
    """The first column (a name) as wide as it needs up to NAME_WIDTH; the rest follow."""
    table.resizeColumnToContents(0)
    table.setColumnWidth(0, min(table.columnWidth(0), NAME_WIDTH))


NAME_WIDTH = 230  # a longer name is cut short; its tooltip holds it whole
Index = QModelIndex | QPersistentModelIndex


def _text(key: str) -> Any:
    return lambda r: "" if r.get(key) is None else str(r[key])


def _button(text: str) -> QPushButton:
    button = QPushButton(text)
    button.setAutoDefault(False)
    return button


class OutageView(Page):
    def __init__(self, session: Session) -> None:
        super().__init__(session)
        self.outages: tuple[Outage, ...] = ()
        self.stocks: tuple[Stock, ...] = ()
        self.dialog: OutageDialog | PromptDialog | None = None  # the one open now

        self.outage_text = QLabel()
        self.outage_text.setWordWrap(True)
        self.outage_text.setStyleSheet("font-weight: bold;")
        self.outage_choice = QComboBox()  # which outage 'end' ends, when several last
        self.declare = _button(tr("&Declare outage…"))
        self.declare.clicked.connect(self.ask_declare)
        self.end = _button(tr("E&nd outage…"))
        self.end.clicked.connect(self.ask_end)

        self.continuity = MarkedRows(
            [
                Column(tr("Location"), _text("location")),
                Column(tr("Hours left"), _text("hours"), align_right=True),
                Column(tr("Marker"), _text("marks")),
                Column(tr("Power"), _text("power")),
                Column(tr("City"), _text("city")),
                Column(tr("Down"), _text("down")),
                Column(tr("Reported"), _text("age")),
                Column(tr("24/7 number"), _text("phone")),
            ]
        )
        self.continuity_table = _table(self.continuity)
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
                Column(tr("Area"), _text("area")),
                Column(tr("At risk"), _text("at_risk"), align_right=True),
                Column(tr("Clients"), _text("total"), align_right=True),
                Column(tr("Provider"), _text("provider")),
                Column(tr("24/7 number"), _text("phone")),
                Column(tr("Updated"), _text("updated")),
                Column(tr("Marker"), _text("marks")),
                Column(tr("At risk by kind"), _text("kinds")),
            ]
        )
        self.homecare_table = _table(self.homecare)
        self.homecare_legend = QLabel()
        self.homecare_legend.setWordWrap(True)
        self.homecare_detail = QLabel()  # the selected area's clients at risk by kind, whole
        self.homecare_detail.setWordWrap(True)

        self.stock_model = MarkedRows(
            [
                Column(tr("Resource"), _text("resource")),
                Column(tr("Free"), _text("free"), align_right=True),
                Column(tr("Unit"), _text("unit")),
                Column(tr("Marker"), _text("marks")),
                Column(tr("Counted"), _text("quantity"), align_right=True),
                Column(tr("Reserved"), _text("reserved"), align_right=True),
                Column(tr("Location"), _text("location")),
            ]
        )
        self.stock_table = _table(self.stock_model)
        self.request_model = MarkedRows(
            [
                Column(tr("State"), _text("state_text")),
                Column(tr("Resource"), _text("resource")),
                Column(tr("Quantity"), _text("quantity"), align_right=True),
                Column(tr("Needed by"), _text("needed_by")),
                Column(tr("Location"), _text("location")),
                Column(tr("Allocated from"), _text("allocated")),
                Column(tr("Reason"), _text("reason")),
            ]
        )
        self.request_table = _table(self.request_model)
        self.request_detail = QLabel()  # the selected request in full
        self.request_detail.setWordWrap(True)
        self.allocate = _button(tr("&Allocate…"))
        self.allocate.clicked.connect(self.ask_allocate)
        self.send = _button(tr("&Send"))
        self.send.clicked.connect(lambda: self.step(resources_model.send))
        self.receive = _button(tr("Rec&eive"))
        self.receive.clicked.connect(lambda: self.step(resources_model.receive))
        self.refuse = _button(tr("Re&fuse…"))
        self.refuse.clicked.connect(self.ask_refuse)

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

        resources_tab = QWidget()
        resources_layout = QVBoxLayout(resources_tab)
        tables = QSplitter(Qt.Orientation.Vertical)
        tables.addWidget(self.stock_table)
        tables.addWidget(self.request_table)
        resources_layout.addWidget(tables, 1)
        resources_layout.addWidget(self.request_detail)
        actions = QHBoxLayout()
        for button in (self.allocate, self.send, self.receive, self.refuse):
            actions.addWidget(button)
        actions.addStretch()
        resources_layout.addLayout(actions)

        self.tabs = QTabWidget()
        self.tabs.addTab(locations_tab, "")
        self.tabs.addTab(homecare_tab, tr("Care at home"))
        self.tabs.addTab(resources_tab, tr("Stocks and requests"))

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
        self.request_table.selectionModel().currentRowChanged.connect(
            lambda _c, _p: self._enable_steps()
        )
        self.homecare_table.selectionModel().currentRowChanged.connect(self._area_picked)
        self._enable_steps()

    # -- loading ---------------------------------------------------------------------------

    def reload(self) -> None:
        if not self.session.is_unlocked:
            return
        store, now = self.session.store, datetime.now(UTC)
        keep_request = self.current_request()
        try:
            overview = continuity_overview(store, now=now)
            care = homecare_overview(store, now=now)
            self.stocks = stocks(store)
            asked = requests(store)
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
        _fit(self.continuity_table)
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
        _fit(self.homecare_table)
        if self.homecare.rowCount():
            self.homecare_table.selectRow(0)
        self.homecare_legend.setText(
            tr(
                "Clients at home whose own backup runs out within {n} h, per area; call the "
                "provider's 24/7 number.",
                n=care.within_hours,
            )
        )
        self.stock_model.set_rows(present.stock_rows(self.stocks))
        self.request_model.set_rows(present.request_rows(asked))
        _fit(self.stock_table)
        _fit(self.request_table)
        ids = [r["request_id"] for r in self.request_model.rows]
        if keep_request is not None and keep_request["request_id"] in ids:
            self.request_table.selectRow(ids.index(keep_request["request_id"]))
        elif ids:  # the most urgent open request
            self.request_table.selectRow(0)
        self._enable_steps()

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

    def _open(self, dialog: OutageDialog | PromptDialog) -> None:
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

    # -- resources -------------------------------------------------------------------------

    def current_request(self) -> dict[str, Any] | None:
        row = self.request_table.currentIndex().row()
        return self.request_model.row(row) if 0 <= row < self.request_model.rowCount() else None

    def _enable_steps(self) -> None:
        request = self.current_request() or {}
        self.request_detail.setText(request.get("detail", ""))
        state = request.get("state")
        self.allocate.setEnabled(state == "aangevraagd")
        self.send.setEnabled(state == "toegewezen")
        self.receive.setEnabled(state == "verzonden")
        self.refuse.setEnabled(state in ("aangevraagd", "toegewezen"))

    def step(self, command: Any) -> None:
        request = self.current_request()
        if request is None or not self.session.is_unlocked:
            return
        store = self.session.store
        self.write(
            lambda: command(
                store, request["request_id"], by=device_label(store), now=datetime.now(UTC)
            )
        )

    def ask_allocate(self) -> None:
        request = self.current_request()
        if request is None or not self.session.is_unlocked:
            return
        store = self.session.store

        def submit(text: str, stock: str | None) -> bool:
            amount = text.strip()
            if amount and not amount.isdigit():
                QMessageBox.warning(
                    self, tr("Error"), tr("Give the quantity as a whole number, or leave it empty.")
                )
                return False
            return self.write(
                lambda: resources_model.allocate(
                    store,
                    request["request_id"],
                    stock or "",
                    by=device_label(store),
                    now=datetime.now(UTC),
                    quantity=int(amount) if amount else None,
                )
            )

        self._open(
            PromptDialog(
                self,
                tr("Allocate"),
                tr(
                    "Allocate '{resource}' ({quantity}) to {location} from which stock?",
                    resource=request["resource"],
                    quantity=request["quantity"],
                    location=request["location"],
                ),
                submit,
                text_label=tr("Quantity (empty: all asked):"),
                choices=present.stock_choices(self.stocks, request["resource_code"]),
                choice_label=tr("Stock:"),
                ok_text=tr("Allocate"),
            )
        )

    def ask_refuse(self) -> None:
        request = self.current_request()
        if request is None or not self.session.is_unlocked:
            return
        store = self.session.store

        def submit(text: str, _choice: str | None) -> bool:
            return self.write(
                lambda: resources_model.refuse(
                    store,
                    request["request_id"],
                    by=device_label(store),
                    reason=text,
                    now=datetime.now(UTC),
                )
            )

        self._open(
            PromptDialog(
                self,
                tr("Refuse request"),
                tr(
                    "Why is '{resource}' for {location} refused? The requester reads it.",
                    resource=request["resource"],
                    location=request["location"],
                ),
                submit,
                text_label=tr("Reason:"),
            )
        )

    def clear(self) -> None:
        self.outages = ()
        self.stocks = ()
        self.outage_text.setText("")
        self.homecare_detail.setText("")
        self.outage_choice.clear()
        for model in (self.continuity, self.homecare, self.stock_model, self.request_model):
            model.set_rows([])
        self.form.clear()
        self._enable_steps()
