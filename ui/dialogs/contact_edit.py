"""Edit a contact: name, organisation and notes, and the channels in fallback order of the
person or of a function they hold (such as its piket phone)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from resilient_zcc.contacts import model as contacts_model
from resilient_zcc.contacts.queries import (
    Channel,
    all_organisations,
    contact_card,
    functions_of_person,
    own_channels,
)
from resilient_zcc.contacts.vocabulary import AVAILABILITY, CHANNEL_KINDS, label

from ..errors import show_error
from ..i18n import add_catalogue, language, tr
from ..models.rows import Column, RowsModel
from ..session import Session
from .submit import FormDialog, SubmitEdit

add_catalogue(
    {
        "Edit contact": "Contact bewerken",
        "&Name:": "&Naam:",
        "N&otes:": "N&otities:",
        "&Save": "&Opslaan",
        "&Cancel": "&Annuleren",
        "Ctrl+Enter saves.": "Ctrl+Enter slaat op.",
        "Channels of {name}": "Kanalen van {name}",
        "Kind": "Soort",
        "Number or address": "Nummer of adres",
        "Availability": "Bereikbaarheid",
        "Note": "Opmerking",
        "&Add…": "&Toevoegen…",
        "&Change…": "&Wijzigen…",
        "Re&move": "&Verwijderen",
        "Move &up": "Om&hoog",
        "Move &down": "Om&laag",
        "&Close": "&Sluiten",
        "The first channel is tried first. A function's channels (such as its piket phone) "
        "reach whoever holds the function: choose the function above to edit them.": (
            "Het eerste kanaal wordt het eerst geprobeerd. De kanalen van een functie (zoals "
            "het piketnummer) bereiken wie de functie heeft: kies de functie hierboven om ze "
            "te bewerken."
        ),
        "Channels &of:": "Kanalen &van:",
        "{name} (personal)": "{name} (persoonlijk)",
        "Function: {name}": "Functie: {name}",
        "&Organisation:": "&Organisatie:",
        "(none)": "(geen)",
        "Add channel": "Kanaal toevoegen",
        "Change channel": "Kanaal wijzigen",
        "&Kind:": "&Soort:",
        "N&umber or address:": "N&ummer of adres:",
        "A&vailability:": "&Bereikbaarheid:",
        "No&te:": "Op&merking:",
        "e.g. 06-1234 5678 or name@example.nl": "bijv. 06-1234 5678 of naam@voorbeeld.nl",
        "Remove channel": "Kanaal verwijderen",
        "Remove {kind} {value}?": "{kind} {value} verwijderen?",
    }
)


def _buddy(text: str, widget: QWidget) -> QLabel:
    caption = QLabel(text)
    caption.setBuddy(widget)
    return caption


def _buttons(dialog: QDialog, ok_text: str) -> QDialogButtonBox:
    box = QDialogButtonBox()
    cancel = box.addButton(tr("&Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
    cancel.setAutoDefault(False)
    ok = box.addButton(ok_text, QDialogButtonBox.ButtonRole.AcceptRole)
    ok.setDefault(True)
    box.rejected.connect(dialog.reject)
    return box


class PersonDialog(FormDialog):
    """The person's name and notes; on an error the dialog stays open."""

    def __init__(self, session: Session, person_id: str, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.person_id = person_id
        card = contact_card(session.store, person_id)
        self.setWindowTitle(tr("Edit contact"))
        self.name = QLineEdit(card.name)
        self.organisation = QComboBox()
        self.organisation.addItem(tr("(none)"), "")
        for org in all_organisations(session.store):
            self.organisation.addItem(org["name"], org["id"])
        self.organisation.setCurrentIndex(max(self.organisation.findData(card.organisation_id), 0))
        self.notes = SubmitEdit(4)
        self.notes.setPlainText(card.notes)
        form = QFormLayout()
        form.addRow(_buddy(tr("&Name:"), self.name), self.name)
        form.addRow(_buddy(tr("&Organisation:"), self.organisation), self.organisation)
        form.addRow(_buddy(tr("N&otes:"), self.notes), self.notes)
        hint = QLabel(tr("Ctrl+Enter saves."))
        hint.setStyleSheet("color: palette(mid);")
        buttons = _buttons(self, tr("&Save"))
        buttons.accepted.connect(self.submit)
        self.notes.submitted.connect(self.submit)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        self.setMinimumWidth(480)

    def save(self) -> None:
        try:
            contacts_model.update_person(
                self.session.store,
                self.person_id,
                name=self.name.text(),
                notes=self.notes.toPlainText(),
                organisation_id=str(self.organisation.currentData()),
            )
        except Exception as exc:  # one path for every error
            show_error(self, exc)
            return
        self.session.changed()
        self.accept()


Owner = tuple[str, str]  # (owner type, id): ("person", id) or ("function", id)


class ChannelDialog(FormDialog):
    """Add a channel to a person or function (`channel=None`) or change one; the core checks
    the value."""

    def __init__(
        self,
        session: Session,
        owner: Owner,
        channel: Channel | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(session, parent)
        self.owner = owner
        self.channel = channel
        lang = language()
        self.setWindowTitle(tr("Add channel") if channel is None else tr("Change channel"))
        self.kind = QComboBox()
        for code in CHANNEL_KINDS:
            self.kind.addItem(label(CHANNEL_KINDS, code, lang), code)
        self.value = QLineEdit()
        self.value.setPlaceholderText(tr("e.g. 06-1234 5678 or name@example.nl"))
        self.availability = QComboBox()
        for code in AVAILABILITY:
            self.availability.addItem(label(AVAILABILITY, code, lang), code)
        self.note = QLineEdit()
        if channel is not None:
            self.kind.setCurrentIndex(self.kind.findData(channel.kind))
            self.value.setText(channel.display)
            self.availability.setCurrentIndex(self.availability.findData(channel.availability))
            self.note.setText(channel.note)
        form = QFormLayout()
        form.addRow(_buddy(tr("&Kind:"), self.kind), self.kind)
        form.addRow(_buddy(tr("N&umber or address:"), self.value), self.value)
        form.addRow(_buddy(tr("A&vailability:"), self.availability), self.availability)
        form.addRow(_buddy(tr("No&te:"), self.note), self.note)
        buttons = _buttons(self, tr("&Save"))
        buttons.accepted.connect(self.submit)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)
        self.value.setFocus()

    def save(self) -> None:
        kind = str(self.kind.currentData())
        availability = str(self.availability.currentData())
        try:
            if self.channel is None:
                contacts_model.add_channel(
                    self.session.store,
                    *self.owner,
                    kind,
                    self.value.text(),
                    availability=availability,
                    note=self.note.text().strip(),
                )
            else:
                contacts_model.update_channel(
                    self.session.store,
                    self.channel.id,
                    kind=kind,
                    value=self.value.text(),
                    availability=availability,
                    note=self.note.text(),
                )
        except Exception as exc:  # one path for every error
            show_error(self, exc)
            return
        self.session.changed()
        self.accept()


class ChannelsDialog(QDialog):
    """The channels of the person, or of a function they hold, in fallback order: add,
    change, remove, move up or down."""

    def __init__(self, session: Session, person_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.person_id = person_id
        self.channels: list[Channel] = []
        self.owner_choice = QComboBox()  # the person, then each function they hold
        self.form: ChannelDialog | None = None  # the add/change form while it is open
        lang = language()
        self.rows = RowsModel(
            [
                Column(tr("Kind"), lambda r: label(CHANNEL_KINDS, r["kind"], lang)),
                Column(tr("Number or address"), lambda r: r["display"]),
                Column(tr("Availability"), lambda r: label(AVAILABILITY, r["availability"], lang)),
                Column(tr("Note"), lambda r: r["note"]),
            ]
        )
        self.table = QTableView()
        self.table.setModel(self.rows)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)  # a long meeting point wraps instead of pushing columns off
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        self.add = QPushButton(tr("&Add…"))
        self.change = QPushButton(tr("&Change…"))
        self.remove = QPushButton(tr("Re&move"))
        self.up = QPushButton(tr("Move &up"))
        self.down = QPushButton(tr("Move &down"))
        close = QPushButton(tr("&Close"))
        side = QVBoxLayout()
        for button in (self.add, self.change, self.remove, self.up, self.down):
            button.setAutoDefault(False)
            side.addWidget(button)
        side.addStretch()
        side.addWidget(close)
        hint = QLabel(
            tr(
                "The first channel is tried first. A function's channels (such as its piket "
                "phone) reach whoever holds the function: choose the function above to edit them."
            )
        )
        hint.setWordWrap(True)
        owner_row = QFormLayout()
        owner_row.addRow(_buddy(tr("Channels &of:"), self.owner_choice), self.owner_choice)
        body = QHBoxLayout()
        body.addWidget(self.table, 1)
        body.addLayout(side)
        layout = QVBoxLayout(self)
        layout.addLayout(owner_row)
        layout.addLayout(body)
        layout.addWidget(hint)
        self.add.clicked.connect(lambda: self.open_form(None))
        self.change.clicked.connect(lambda: self.open_form(self.current()))
        self.table.doubleClicked.connect(lambda _index: self.open_form(self.current()))
        self.remove.clicked.connect(self.remove_current)
        self.up.clicked.connect(lambda: self.move_current(-1))
        self.down.clicked.connect(lambda: self.move_current(1))
        close.clicked.connect(self.accept)
        session.data_changed.connect(self.reload)
        session.locked.connect(self.reject)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self.enable())
        self.owner_choice.currentIndexChanged.connect(lambda _i: self.reload())
        self.resize(880, 440)
        self.reload()

    @property
    def owner(self) -> Owner:
        kind, _, owner_id = str(self.owner_choice.currentData() or "").partition(":")
        return (kind, owner_id) if owner_id else ("person", self.person_id)

    def _fill_owners(self, name: str) -> None:
        """The person first, then each function they hold or are on the rota for."""
        chosen = self.owner_choice.currentData()
        self.owner_choice.blockSignals(True)
        self.owner_choice.clear()
        self.owner_choice.addItem(tr("{name} (personal)", name=name), f"person:{self.person_id}")
        for function in functions_of_person(self.session.store, self.person_id):
            self.owner_choice.addItem(
                tr("Function: {name}", name=function["name"]), f"function:{function['id']}"
            )
        self.owner_choice.setCurrentIndex(max(self.owner_choice.findData(chosen), 0))
        self.owner_choice.blockSignals(False)

    def reload(self, select: str | None = None) -> None:
        if not self.session.is_unlocked:
            return
        current = self.current()
        keep = select or (current.id if current else None)
        try:
            card = contact_card(self.session.store, self.person_id)
            self._fill_owners(card.name)
            self.channels = own_channels(self.session.store, *self.owner)
        except Exception as exc:  # the person was deleted meanwhile
            show_error(self, exc)
            self.reject()
            return
        self.setWindowTitle(tr("Channels of {name}", name=card.name))
        self.rows.set_rows([dict(c.__dict__, display=c.display) for c in self.channels])
        self.table.resizeRowsToContents()
        ids = [c.id for c in self.channels]
        self.table.selectRow(ids.index(keep) if keep in ids else 0)
        self.enable()

    def current(self) -> Channel | None:
        row = self.table.currentIndex().row()
        return self.channels[row] if 0 <= row < len(self.channels) else None

    def enable(self) -> None:
        row = self.table.currentIndex().row() if self.current() else -1
        for button in (self.change, self.remove):
            button.setEnabled(row >= 0)
        self.up.setEnabled(row > 0)
        self.down.setEnabled(0 <= row < len(self.channels) - 1)

    def open_form(self, channel: Channel | None) -> None:
        if not self.session.is_unlocked:
            return
        self.form = ChannelDialog(self.session, self.owner, channel, self)
        self.form.open()

    def move_current(self, delta: int) -> None:
        channel = self.current()
        if channel is None:
            return
        try:
            contacts_model.move_channel(self.session.store, channel.id, delta)
        except Exception as exc:  # one path for every error
            show_error(self, exc)
            return
        self.session.changed()
        self.reload(channel.id)

    def remove_current(self) -> None:
        channel = self.current()
        if channel is None:
            return
        answer = QMessageBox.question(
            self,
            tr("Remove channel"),
            tr(
                "Remove {kind} {value}?",
                kind=label(CHANNEL_KINDS, channel.kind, language()),
                value=channel.display,
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            contacts_model.delete(self.session.store, "channels", channel.id)
        except Exception as exc:  # one path for every error
            show_error(self, exc)
            return
        self.session.changed()
