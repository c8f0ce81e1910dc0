"""The Uitval screen's stocks and resource requests: allocate, send, receive, refuse."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMessageBox, QSplitter, QVBoxLayout, QWidget

from resilient_zcc.crisis.common import device_label
from resilient_zcc.resources import model as resources_model
from resilient_zcc.resources.queries import ResourceRequest, Stock, requests, stocks
from resilient_zcc.store import Store

from .. import outage_presenter as present
from ..dialogs.prompt import PromptDialog
from ..i18n import add_catalogue, tr
from ..models.rows import Column
from ..session import Session
from .marked_tables import MarkedRows, cell, fit_names, marked_table, plain_button

add_catalogue(
    {
        "Resource": "Middel",
        "Location": "Locatie",
        "Marker": "Markering",
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
    }
)

Write = Callable[[Callable[[], object]], bool]  # Page.write: run, say why it refused


class ResourcesPanel(QWidget):
    def __init__(self, session: Session, write: Write) -> None:
        super().__init__()
        self.session = session
        self.write = write
        self.stocks: tuple[Stock, ...] = ()
        self.dialog: PromptDialog | None = None  # the one open now
        self.stock_model = MarkedRows(
            [
                Column(tr("Resource"), cell("resource")),
                Column(tr("Free"), cell("free"), align_right=True),
                Column(tr("Unit"), cell("unit")),
                Column(tr("Marker"), cell("marks")),
                Column(tr("Counted"), cell("quantity"), align_right=True),
                Column(tr("Reserved"), cell("reserved"), align_right=True),
                Column(tr("Location"), cell("location")),
            ]
        )
        self.stock_table = marked_table(self.stock_model)
        self.request_model = MarkedRows(
            [
                Column(tr("State"), cell("state_text")),
                Column(tr("Resource"), cell("resource")),
                Column(tr("Quantity"), cell("quantity"), align_right=True),
                Column(tr("Needed by"), cell("needed_by")),
                Column(tr("Location"), cell("location")),
                Column(tr("Allocated from"), cell("allocated")),
                Column(tr("Reason"), cell("reason")),
            ]
        )
        self.request_table = marked_table(self.request_model)
        self.request_detail = QLabel()  # the selected request in full
        self.request_detail.setWordWrap(True)
        self.allocate = plain_button(tr("&Allocate…"))
        self.allocate.clicked.connect(self.ask_allocate)
        self.send = plain_button(tr("&Send"))
        self.send.clicked.connect(lambda: self.step(resources_model.send))
        self.receive = plain_button(tr("Rec&eive"))
        self.receive.clicked.connect(lambda: self.step(resources_model.receive))
        self.refuse = plain_button(tr("Re&fuse…"))
        self.refuse.clicked.connect(self.ask_refuse)

        layout = QVBoxLayout(self)
        tables = QSplitter(Qt.Orientation.Vertical)
        tables.addWidget(self.stock_table)
        tables.addWidget(self.request_table)
        layout.addWidget(tables, 1)
        layout.addWidget(self.request_detail)
        actions = QHBoxLayout()
        for button in (self.allocate, self.send, self.receive, self.refuse):
            actions.addWidget(button)
        actions.addStretch()
        layout.addLayout(actions)
        self.request_table.selectionModel().currentRowChanged.connect(
            lambda _c, _p: self._enable_steps()
        )
        self._enable_steps()

    @staticmethod
    def read(store: Store) -> tuple[tuple[Stock, ...], tuple[ResourceRequest, ...]]:
        return stocks(store), requests(store)

    def show_rows(self, held: tuple[Stock, ...], asked: tuple[ResourceRequest, ...]) -> None:
        """Show what `read` returned, keeping the selected request (or the most urgent)."""
        keep = self.current_request()
        self.stocks = held
        self.stock_model.set_rows(present.stock_rows(held))
        self.request_model.set_rows(present.request_rows(asked))
        fit_names(self.stock_table)
        fit_names(self.request_table)
        ids = [r["request_id"] for r in self.request_model.rows]
        if keep is not None and keep["request_id"] in ids:
            self.request_table.selectRow(ids.index(keep["request_id"]))
        elif ids:
            self.request_table.selectRow(0)
        self._enable_steps()

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

    def _open(self, dialog: PromptDialog) -> None:
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()  # window-modal, without a nested event loop

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
        self.stocks = ()
        self.stock_model.set_rows([])
        self.request_model.set_rows([])
        self._enable_steps()
