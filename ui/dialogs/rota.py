"""The rota of a function the person holds: the coming 7 days with who, add and remove shifts."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from resilient_zcc.contacts import model as contacts_model
from resilient_zcc.contacts.queries import (
    contact_card,
    function_holders,
    functions_of_person,
    shifts_for_function,
)

from ..errors import show_error
from ..format import local
from ..i18n import add_catalogue, tr
from ..models.rows import Column, RowsModel
from ..session import Session

DAYS = 7

add_catalogue(
    {
        "Rota": "Rooster",
        "&Function:": "&Functie:",
        "Shifts in the coming 7 days": "Diensten in de komende 7 dagen",
        "Who": "Wie",
        "From": "Van",
        "Until": "Tot",
        "New shift": "Nieuwe dienst",
        "&Person:": "&Persoon:",
        "&Start:": "&Begin:",
        "&End:": "&Einde:",
        "&Add shift": "Dienst &toevoegen",
        "&Double cover (overlap with another shift on purpose)": (
            "&Dubbele bezetting (bewust overlappen met een andere dienst)"
        ),
        "Re&move shift": "Dienst &verwijderen",
        "&Close": "&Sluiten",
        "Bold: on duty now. Times are local.": "Vet: nu in dienst. Tijden in lokale tijd.",
    }
)

FORMAT = "dd-MM-yyyy HH:mm"


def _buddy(text: str, widget: QWidget) -> QLabel:
    caption = QLabel(text)
    caption.setBuddy(widget)
    return caption


def _local(moment: datetime) -> QDateTime:
    return QDateTime.fromSecsSinceEpoch(int(moment.timestamp()))


class RotaDialog(QDialog):
    """Open with a person: the functions they hold; shifts are for anyone holding the function."""

    def __init__(self, session: Session, person_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.person_id = person_id
        self.shifts: list[dict[str, object]] = []
        store = session.store
        self.setWindowTitle(f"{tr('Rota')} — {contact_card(store, person_id).name}")
        self.function = QComboBox()
        for function in functions_of_person(store, person_id):
            text = function["name"] + (f" ({function['code']})" if function["code"] else "")
            self.function.addItem(text, function["id"])
        self.rows = RowsModel(
            [
                Column(tr("Who"), lambda r: r["person"]),
                Column(tr("From"), lambda r: local(r["starts_at"])),
                Column(tr("Until"), lambda r: local(r["ends_at"])),
            ]
        )
        self.rows.emphasis = lambda r: bool(r["now"])
        self.table = QTableView()
        self.table.setModel(self.rows)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.remove = QPushButton(tr("Re&move shift"))
        self.remove.setAutoDefault(False)

        self.person = QComboBox()
        start = datetime.now().astimezone().replace(minute=0, second=0, microsecond=0)
        start += timedelta(hours=1)
        self.start = QDateTimeEdit(_local(start))
        self.end = QDateTimeEdit(_local(start + timedelta(hours=8)))
        for edit in (self.start, self.end):
            edit.setDisplayFormat(FORMAT)
            edit.setCalendarPopup(True)
        self.double_cover = QCheckBox(tr("&Double cover (overlap with another shift on purpose)"))
        self.add = QPushButton(tr("&Add shift"))
        self.add.setAutoDefault(False)
        new = QGroupBox(tr("New shift"))
        form = QFormLayout(new)
        form.addRow(_buddy(tr("&Person:"), self.person), self.person)
        form.addRow(_buddy(tr("&Start:"), self.start), self.start)
        form.addRow(_buddy(tr("&End:"), self.end), self.end)
        form.addRow(self.double_cover)
        add_row = QHBoxLayout()
        add_row.addStretch()
        add_row.addWidget(self.add)
        form.addRow(add_row)

        close = QPushButton(tr("&Close"))
        close.setAutoDefault(False)
        top = QFormLayout()
        top.addRow(_buddy(tr("&Function:"), self.function), self.function)
        listed = QHBoxLayout()
        listed.addWidget(QLabel(tr("Shifts in the coming 7 days")))
        listed.addStretch()
        listed.addWidget(self.remove)
        hint = QLabel(tr("Bold: on duty now. Times are local."))
        hint.setStyleSheet("color: palette(mid);")
        bottom = QHBoxLayout()
        bottom.addWidget(hint)
        bottom.addStretch()
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(listed)
        layout.addWidget(self.table, 1)
        layout.addWidget(new)
        layout.addLayout(bottom)

        self.function.currentIndexChanged.connect(lambda _i: self.reload())
        self.add.clicked.connect(self.add_shift)
        self.remove.clicked.connect(self.remove_current)
        close.clicked.connect(self.accept)
        session.data_changed.connect(self.reload)
        session.locked.connect(self.reject)
        self.resize(620, 520)
        self.reload()

    def function_id(self) -> str | None:
        data = self.function.currentData()
        return str(data) if data else None

    def reload(self) -> None:
        function_id = self.function_id()
        if not self.session.is_unlocked or function_id is None:
            self.remove.setEnabled(False)
            self.add.setEnabled(False)
            return
        store = self.session.store
        now = datetime.now(UTC)
        moment = now.isoformat(timespec="seconds")
        self.shifts = [
            dict(s, now=s["starts_at"] <= moment < s["ends_at"])
            for s in shifts_for_function(store, function_id, now, now + timedelta(days=DAYS))
        ]
        self.rows.set_rows(self.shifts)
        chosen = self.person.currentData() or self.person_id
        holders = function_holders(store, function_id)
        if self.person_id not in {h["id"] for h in holders}:
            holders.insert(
                0, {"id": self.person_id, "name": contact_card(store, self.person_id).name}
            )
        self.person.clear()
        for holder in holders:
            self.person.addItem(holder["name"], holder["id"])
        self.person.setCurrentIndex(max(self.person.findData(chosen), 0))
        if self.shifts:
            self.table.selectRow(0)
        self.remove.setEnabled(bool(self.shifts))
        self.add.setEnabled(True)

    def add_shift(self) -> None:
        function_id = self.function_id()
        if function_id is None or not self.session.is_unlocked:
            return
        starts = datetime.fromtimestamp(self.start.dateTime().toSecsSinceEpoch(), UTC)
        ends = datetime.fromtimestamp(self.end.dateTime().toSecsSinceEpoch(), UTC)
        try:
            contacts_model.add_shift(
                self.session.store,
                function_id,
                str(self.person.currentData()),
                starts,
                ends,
                double_cover=self.double_cover.isChecked(),
            )
        except Exception as exc:  # one path for every error
            show_error(self, exc)
            return
        self.double_cover.setChecked(False)
        self.session.changed()

    def remove_current(self) -> None:
        row = self.table.currentIndex().row()
        if not 0 <= row < len(self.shifts) or not self.session.is_unlocked:
            return
        try:
            contacts_model.remove_shift(self.session.store, str(self.shifts[row]["id"]))
        except Exception as exc:  # one path for every error
            show_error(self, exc)
            return
        self.session.changed()
