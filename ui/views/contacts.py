"""Contacten: search as you type, results with their first channels, a detail pane, verify."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from html import escape

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
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

from resilient_zcc.contacts import model as contacts_model
from resilient_zcc.contacts.queries import ContactCard, contact_card, functions_of_person
from resilient_zcc.contacts.search import SearchResult, results_for, search_results
from resilient_zcc.contacts.vocabulary import AVAILABILITY, CHANNEL_KINDS, label
from resilient_zcc.crisis.common import device_label

from ..call_card_presenter import from_contact
from ..dialogs.call_card import CallCard, ClipboardKeeper
from ..dialogs.contact_edit import ChannelsDialog, PersonDialog
from ..dialogs.export import ask_export_contacts
from ..dialogs.import_wizard import ImportWizard
from ..dialogs.rota import RotaDialog
from ..errors import show_error
from ..format import local
from ..i18n import add_catalogue, language, tr
from ..models.rows import Column, RowsModel
from ..session import Session

RESULTS = 50

add_catalogue(
    {
        "&Edit…": "Be&werken…",
        "C&hannels…": "&Kanalen…",
        "&Rota…": "&Rooster…",
        "Notes": "Notities",
        "&Import…": "&Importeren…",
        "E&xport…": "E&xporteren…",
        "Import a contact list (CSV or Excel)": "Een contactenlijst importeren (CSV of Excel)",
        "Export every contact (CSV, Excel or vCard)": (
            "Alle contacten exporteren (CSV, Excel of vCard)"
        ),
        "Function": "Functie",
        "On duty": "Dienst",
        "ON DUTY": "IN DIENST",
        "First number": "Eerste nummer",
        "&Call card…": "Be&lkaart…",
        "The number to dial, large, with its fallbacks (Enter on a result)": (
            "Het nummer om te bellen, groot, met de uitwijkkanalen (Enter op een resultaat)"
        ),
        "Type to search; Down moves into the results, where Enter opens the call card.": (
            "Typ om te zoeken; pijl omlaag gaat naar de resultaten, waar Enter de belkaart opent."
        ),
    }
)


class ContactsView(QWidget):
    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.cards: list[SearchResult] = []
        self.card: ContactCard | None = None  # the selected person's full card
        self.clipboard = ClipboardKeeper(session)
        self.call_card: CallCard | None = None
        self.search = QLineEdit()
        self.search.setPlaceholderText(tr("Search name, organisation, function or number…"))
        self.search.setClearButtonEnabled(True)
        self.search.setToolTip(
            tr("Type to search; Down moves into the results, where Enter opens the call card.")
        )
        self.count = QLabel()
        self.results = RowsModel(
            [
                Column(
                    tr("Name"), lambda r: r["name"] + (f"  ({tr('STALE')})" if r["stale"] else "")
                ),
                # Who is on duty and the number first: at 1366 px the rest may scroll.
                Column(tr("On duty"), lambda r: f"● {tr('ON DUTY')}" if r["on_duty"] else ""),
                Column(tr("First number"), lambda r: r["first_number"]),
                Column(tr("Function"), lambda r: r["function"]),
                Column(tr("Organisation"), lambda r: r["organisation"]),
            ]
        )
        self.results.emphasis = lambda r: bool(r["stale"])
        self.table = QTableView()
        self.table.setModel(self.results)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)  # one line per result: rows need no resizing per keystroke
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.detail = QTextBrowser()
        self.detail.setOpenLinks(False)
        self.verify = QPushButton(tr("Still correct"))
        self.verify.setEnabled(False)
        self.verify.clicked.connect(self.verify_current)
        self.edit = QPushButton(tr("&Edit…"))
        self.edit.clicked.connect(self.edit_current)
        self.channels = QPushButton(tr("C&hannels…"))
        self.channels.clicked.connect(self.edit_channels)
        self.rota = QPushButton(tr("&Rota…"))
        self.rota.clicked.connect(self.edit_rota)
        self.call = QPushButton(tr("&Call card…"))
        self.call.setToolTip(
            tr("The number to dial, large, with its fallbacks (Enter on a result)")
        )
        self.call.clicked.connect(self.open_call_card)
        self.card_buttons = (self.call, self.edit, self.channels, self.rota, self.verify)
        self.dialog: QDialog | None = None  # the edit dialog while it is open
        self.import_button = QPushButton(tr("&Import…"))
        self.import_button.setToolTip(tr("Import a contact list (CSV or Excel)"))
        self.import_button.clicked.connect(self.open_import)
        self.export_button = QPushButton(tr("E&xport…"))
        self.export_button.setToolTip(tr("Export every contact (CSV, Excel or vCard)"))
        self.export_button.clicked.connect(lambda: ask_export_contacts(self, self.session))
        self.wizard: ImportWizard | None = None

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        search_row = QHBoxLayout()
        search_row.addWidget(self.search, 1)
        search_row.addWidget(self.import_button)
        search_row.addWidget(self.export_button)
        left_layout.addLayout(search_row)
        left_layout.addWidget(self.count)
        left_layout.addWidget(self.table)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.detail)
        buttons = QHBoxLayout()
        for button in self.card_buttons:
            button.setEnabled(False)
            buttons.addWidget(button)
        buttons.addStretch()
        right_layout.addLayout(buttons)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([640, 360])
        splitter.setStretchFactor(0, 2)  # the results grow, the detail keeps to its share
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        self.search.textChanged.connect(self.run_search)
        self.search.returnPressed.connect(self.open_first)
        self.search.installEventFilter(self)
        self.table.installEventFilter(self)
        self.table.doubleClicked.connect(lambda _index: self.open_call_card())
        self.table.selectionModel().currentRowChanged.connect(
            lambda cur, _prev: self.show_card(cur.row())
        )
        session.data_changed.connect(self.refresh)
        session.locked.connect(self.clear)

    def open_import(self) -> ImportWizard | None:
        """The import wizard over this window; it reloads the list when it has written."""
        if not self.session.is_unlocked:
            return None
        if self.wizard is not None:
            self.wizard.deleteLater()  # the previous one, closed
        self.wizard = ImportWizard(self.session, self)
        self.wizard.open()
        return self.wizard

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def focus_default(self) -> None:
        """Where the cursor goes when the screen is opened: the search box."""
        self.focus_search()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """Down leaves the search box for the results; in the results, Enter opens the call
        card and Copy copies the dialable number (not the name)."""
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        if watched is self.search and event.key() == Qt.Key.Key_Down and self.cards:
            self.table.setFocus()
            return True
        if watched is self.table:
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.open_call_card()
                return True
            if event.matches(QKeySequence.StandardKey.Copy):
                self.copy_number()
                return True
        return False

    def open_call_card(self) -> CallCard | None:
        """The call card of the selected person."""
        card = self.current()
        if card is None or not self.session.is_unlocked:
            return None
        if self.call_card is not None:
            self.call_card.deleteLater()
        self.call_card = CallCard(from_contact(card), self.clipboard, self)
        self.call_card.open()
        return self.call_card

    def copy_number(self) -> None:
        card = self.current()
        if card is not None:
            self.clipboard.copy(from_contact(card).copy_text)

    def run_search(self, text: str, keep: str | None = None) -> None:
        """Show the matches; `keep` (a person just edited) stays listed and selected."""
        if not self.session.is_unlocked:
            return
        text = text.strip()
        store = self.session.store
        self.cards = search_results(store, text, RESULTS) if text else []
        ids = [c.person_id for c in self.cards]
        if keep is not None and keep not in ids:
            self.cards[:0] = results_for(store, [keep])  # renamed: still shown
            ids = [c.person_id for c in self.cards]
        self.results.set_rows([dict(c.__dict__) for c in self.cards])
        self.count.setText(tr("{n} contacts", n=len(self.cards)) if text else "")
        if self.cards:
            self.table.selectionModel().setCurrentIndex(
                self.results.index(ids.index(keep) if keep in ids else 0, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
        else:
            self.show_card(-1)

    def open_first(self) -> None:
        if self.cards:
            self.table.setFocus()

    def show_card(self, row: int) -> None:
        if row < 0 or row >= len(self.cards) or not self.session.is_unlocked:
            self.card = None
            self.detail.clear()
            for button in self.card_buttons:
                button.setEnabled(False)
            return
        card = self.card = contact_card(self.session.store, self.cards[row].person_id)
        self.detail.setHtml(card_html(card))
        for button in self.card_buttons:
            button.setEnabled(True)
        self.rota.setEnabled(bool(functions_of_person(self.session.store, card.id)))

    def current(self) -> ContactCard | None:
        return self.card

    def verify_current(self) -> None:
        card = self.current()
        if card is None:
            return
        store = self.session.store
        try:
            contacts_model.verify_person(store, card.id, device_label(store), datetime.now(UTC))
        except Exception as exc:  # one path for every error
            show_error(self, exc)
            return
        self.session.changed()

    def open_dialog(self, make: Callable[[Session, str, QWidget], QDialog]) -> None:
        """A dialog on the selected person; it writes through the core and calls changed()."""
        card = self.current()
        if card is None or not self.session.is_unlocked:
            return
        try:
            self.dialog = make(self.session, card.id, self)
        except Exception as exc:  # one path for every error
            show_error(self, exc)
            return
        self.dialog.open()

    def edit_current(self) -> None:
        self.open_dialog(PersonDialog)

    def edit_channels(self) -> None:
        self.open_dialog(ChannelsDialog)

    def edit_rota(self) -> None:
        self.open_dialog(RotaDialog)

    def refresh(self) -> None:
        """After a change: run the search again, keeping the selected person."""
        selected = self.current()
        self.run_search(self.search.text(), selected.id if selected else None)

    def clear(self) -> None:
        self.search.clear()
        self.cards = []
        self.card = None
        if self.call_card is not None:
            self.call_card.close()
        self.results.set_rows([])
        self.detail.clear()
        for button in self.card_buttons:
            button.setEnabled(False)


def card_html(card: ContactCard) -> str:
    lang = language()
    parts = [f"<h2>{escape(card.name)}</h2><p>{escape(card.organisation)}</p>"]
    if card.functions:
        parts.append(f"<p><b>{tr('Functions')}:</b> {escape(', '.join(card.functions))}</p>")
    if card.on_duty:
        parts.append(f"<p><b>{tr('On duty now as')}:</b> {escape(', '.join(card.on_duty))}</p>")
    parts.append(f"<h3>{tr('Channels in fallback order')}</h3><ol>")
    for channel in card.channels:
        via = (
            f" — {tr('via {function}', function=escape(channel.via_function))}"
            if channel.via_function
            else ""
        )
        note = f" — {escape(channel.note)}" if channel.note else ""
        parts.append(
            f"<li><b>{escape(label(CHANNEL_KINDS, channel.kind, lang))}</b>: "
            f"<span style='font-size: 13pt'>{escape(channel.display)}</span> "
            f"({escape(label(AVAILABILITY, channel.availability, lang))}){via}{note}</li>"
        )
    parts.append("</ol>")
    if card.last_verified_at:
        verified = tr(
            "Last verified: {when} by {by}",
            when=local(card.last_verified_at),
            by=escape(card.last_verified_by or "-"),
        )
    else:
        verified = tr("Never verified")
    if card.notes:
        notes = escape(card.notes).replace("\n", "<br>")
        parts.append(f"<p><b>{tr('Notes')}:</b> {notes}</p>")
    stale = f" <b>[{tr('STALE')}]</b>" if card.stale else ""
    parts.append(f"<p>{verified}{stale}</p>")
    return "".join(parts)
