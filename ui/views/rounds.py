"""Belrondes: start a call round, work it (taken, reached by which channel with the answer,
not reached with the next step), close it into the logbook. Thin: ui.rounds_presenter reads
and writes through the core."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
)

from resilient_zcc.errors import ZccError
from resilient_zcc.rounds.vocabulary import GROUPS, label

from .. import rounds_presenter as presenter
from ..errors import show_error
from ..i18n import add_catalogue, language, tr
from ..models.rows import Column, RowsModel
from ..session import Session
from .page import Page
from .tables import row_table

add_catalogue(
    {
        "New call round": "Nieuwe belronde",
        "&Message:": "&Bericht:",
        "What to pass on": "Wat moet worden doorgegeven",
        "As&k back:": "&Vraag terug:",
        "What to ask back (optional)": "Wat terugvragen (optioneel)",
        "Fi&gure:": "&Getal:",
        "&Start round": "Belronde &starten",
        "R&ound:": "Bel&ronde:",
        "No call rounds yet: start one above.": "Nog geen belrondes: start er hierboven een.",
        "C&lose round": "Belronde s&luiten",
        "Function": "Functie",
        "Name on duty": "Naam in dienst",
        "Where it stands": "Stand",
        "Channels in fallback order": "Kanalen in terugvalvolgorde",
        "Marks": "Afvinkingen",
        "Mark the selected recipient": "Geselecteerde ontvanger afvinken",
        "&Taken": "&Opgepakt",
        "&Channel:": "&Kanaal:",
        "&Answer:": "&Antwoord:",
        "The answer given": "Het gegeven antwoord",
        "Fig&ure:": "Ge&tal:",
        "&Reached": "B&ereikt",
        "&Into continuity": "In contin&uïteit",
        "Also report the hours of autonomy as the location's continuity status": (
            "Meld de uren autonomie ook als continuïteitsstatus van de locatie"
        ),
        "&Next:": "Volge&nde:",
        "Retry in:": "Opnieuw over:",
        " min": " min",
        "Not reac&hed": "N&iet bereikt",
        "Select a recipient in the list first.": "Selecteer eerst een ontvanger in de lijst.",
        "Closed into the logbook.": "Gesloten en in het logboek gezet.",
    }
)


class RoundsView(Page):
    def __init__(self, session: Session) -> None:
        super().__init__(session)
        self.round_id: str | None = None
        self.closed = False
        self.asks_hours = False  # the round asks hours of autonomy: they can go to continuity
        self.rows: list[presenter.RecipientRow] = []

        # A new round: message, what to ask back, to whom, a figure.
        self.message = QLineEdit()
        self.message.setPlaceholderText(tr("What to pass on"))
        self.ask = QLineEdit()
        self.ask.setPlaceholderText(tr("What to ask back (optional)"))
        self.groups: dict[str, QCheckBox] = {
            code: QCheckBox(label(GROUPS, code, language())) for code in GROUPS
        }
        self.figure = QComboBox()
        for text, code in presenter.figure_choices():
            self.figure.addItem(text, code)
        self.start_button = QPushButton(tr("&Start round"))
        self.start_button.clicked.connect(self.start)
        new = QGroupBox(tr("New call round"))
        grid = QGridLayout(new)
        message_label, ask_label, figure_label = (
            QLabel(tr("&Message:")),
            QLabel(tr("As&k back:")),
            QLabel(tr("Fi&gure:")),
        )
        message_label.setBuddy(self.message)
        ask_label.setBuddy(self.ask)
        figure_label.setBuddy(self.figure)
        grid.addWidget(message_label, 0, 0)
        grid.addWidget(self.message, 0, 1)
        grid.addWidget(ask_label, 0, 2)
        grid.addWidget(self.ask, 0, 3)
        to_row = QHBoxLayout()
        for box in self.groups.values():
            to_row.addWidget(box)
        to_row.addStretch(1)
        to_row.addWidget(figure_label)
        to_row.addWidget(self.figure)
        to_row.addWidget(self.start_button)
        grid.addLayout(to_row, 1, 0, 1, 4)
        grid.setColumnStretch(1, 3)
        grid.setColumnStretch(3, 2)

        # The round being worked.
        self.round = QComboBox()
        # A long message must not widen the screen past the smallest laptop.
        self.round.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.round.setMinimumContentsLength(30)
        self.round.currentIndexChanged.connect(self._round_chosen)
        round_label = QLabel(tr("R&ound:"))
        round_label.setBuddy(self.round)
        self.close_button = QPushButton(tr("C&lose round"))
        self.close_button.clicked.connect(self.close_round)
        self.status = QLabel()
        self.status.setWordWrap(True)
        chooser = QHBoxLayout()
        chooser.addWidget(round_label)
        chooser.addWidget(self.round, 1)
        chooser.addWidget(self.close_button)

        self.model = RowsModel(
            [
                Column(tr("Function"), lambda r: r["row"].function),
                Column(tr("Name on duty"), lambda r: r["row"].name),
                Column(tr("Where it stands"), lambda r: r["row"].state),
                Column(tr("Channels in fallback order"), lambda r: r["row"].channels),
                Column(tr("Marks"), lambda r: r["row"].marks),
            ]
        )
        self.model.emphasis = lambda r: bool(r["row"].open)
        self.table = row_table(self.model)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.selectionModel().currentRowChanged.connect(
            lambda cur, _prev: self._recipient_chosen(cur.row())
        )

        # Marking the selected recipient.
        self.take_button = QPushButton(tr("&Taken"))
        self.take_button.clicked.connect(self.take)
        self.channel = QComboBox()
        self.channel.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.channel.setMinimumContentsLength(16)
        self.answer = QLineEdit()
        self.answer.setPlaceholderText(tr("The answer given"))
        self.figure_value = QLineEdit()
        self.figure_value.setMaximumWidth(70)
        self.to_continuity = QCheckBox(tr("&Into continuity"))
        self.to_continuity.setToolTip(
            tr("Also report the hours of autonomy as the location's continuity status")
        )
        self.reached_button = QPushButton(tr("&Reached"))
        self.reached_button.clicked.connect(self.reached)
        self.next_step = QComboBox()
        for text, code in presenter.next_step_choices():
            self.next_step.addItem(text, code)
        self.retry = QSpinBox()
        self.retry.setRange(0, 24 * 60)
        self.retry.setSingleStep(15)
        self.retry.setValue(30)
        self.retry.setSuffix(tr(" min"))
        self.not_reached_button = QPushButton(tr("Not reac&hed"))
        self.not_reached_button.clicked.connect(self.not_reached)
        marking = QGroupBox(tr("Mark the selected recipient"))
        mark_layout = QVBoxLayout(marking)
        reached_row = QHBoxLayout()
        reached_row.addWidget(self.take_button)
        reached_row.addSpacing(8)
        for text, widget, stretch in (
            (tr("&Channel:"), self.channel, 0),
            (tr("&Answer:"), self.answer, 1),
            (tr("Fig&ure:"), self.figure_value, 0),
        ):
            caption = QLabel(text)
            caption.setBuddy(widget)
            reached_row.addWidget(caption)
            reached_row.addWidget(widget, stretch)
        reached_row.addWidget(self.to_continuity)
        reached_row.addWidget(self.reached_button)
        missed_row = QHBoxLayout()
        next_label = QLabel(tr("&Next:"))
        next_label.setBuddy(self.next_step)
        missed_row.addWidget(next_label)
        missed_row.addWidget(self.next_step)
        missed_row.addWidget(QLabel(tr("Retry in:")))
        missed_row.addWidget(self.retry)
        missed_row.addWidget(self.not_reached_button)
        missed_row.addStretch(1)
        mark_layout.addLayout(reached_row)
        mark_layout.addLayout(missed_row)

        layout = QVBoxLayout(self)
        layout.addWidget(new)
        layout.addLayout(chooser)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)
        layout.addWidget(marking)
        self._enable()

    # --- reading -------------------------------------------------------------------------

    def reload(self) -> None:
        if not self.session.is_unlocked:
            return
        store = self.session.store
        keep = self.round_id
        choices = presenter.round_choices(store)
        self.round.blockSignals(True)
        self.round.clear()
        for text, round_id in choices:
            self.round.addItem(text, round_id)
        ids = [round_id for _text, round_id in choices]
        self.round.setCurrentIndex(ids.index(keep) if keep in ids else 0 if ids else -1)
        self.round.blockSignals(False)
        self._round_chosen()

    def _round_chosen(self, _index: int = -1) -> None:
        self.round_id = self.round.currentData()
        selected = self.table.currentIndex().row()
        if not self.round_id:
            self.rows = []
            self.status.setText(tr("No call rounds yet: start one above."))
        else:
            try:
                view = presenter.load(self.session.store, self.round_id)
            except ZccError as exc:
                show_error(self, exc)
                return
            self.rows = presenter.recipient_rows(view)
            self.status.setText(view.message + (f" — {view.ask}" if view.ask else ""))
            self.closed = bool(view.closed_at)
            self.asks_hours = view.figure == "autonomy_hours"
        self.model.set_rows([{"row": row} for row in self.rows])
        self.table.resizeColumnsToContents()
        for column, most in ((0, 300), (1, 220), (2, 200), (3, 320)):
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), most))
        if 0 <= selected < len(self.rows):
            self.table.selectRow(selected)
        self._enable()

    def _recipient_chosen(self, index: int) -> None:
        self.channel.clear()
        if 0 <= index < len(self.rows):
            for code in self.rows[index].channel_codes:
                self.channel.addItem(presenter.channel_label(code), code)
        self._enable()

    def _enable(self) -> None:
        open_round = bool(self.round_id) and not self.closed
        chosen = open_round and self.table.currentIndex().row() >= 0
        self.close_button.setEnabled(open_round)
        for widget in (self.take_button, self.reached_button, self.not_reached_button):
            widget.setEnabled(chosen)
        self.to_continuity.setEnabled(chosen and self.asks_hours)
        if not self.asks_hours:
            self.to_continuity.setChecked(False)

    def clear(self) -> None:
        self.round.clear()
        self.rows = []
        self.round_id = None
        self.model.set_rows([])
        self.status.clear()

    # --- writing -------------------------------------------------------------------------

    def selected_ref(self) -> str | None:
        index = self.table.currentIndex().row()
        if not 0 <= index < len(self.rows):
            show_error(self, ZccError(tr("Select a recipient in the list first.")))
            return None
        return self.rows[index].ref

    def start(self) -> None:
        store = self.session.store
        groups = [code for code, box in self.groups.items() if box.isChecked()]
        started: list[str] = []

        def command() -> None:
            view = presenter.start(
                store, self.message.text(), self.ask.text(), groups, self.figure.currentData()
            )
            started.append(view.id)

        self.round_id = None
        if self.write(command):
            self.round_id = started[0]
            self.message.clear()
            self.ask.clear()
            self.reload()

    def take(self) -> None:
        ref = self.selected_ref()
        if ref and self.round_id:
            round_id = self.round_id
            self.write(lambda: presenter.take(self.session.store, round_id, ref))

    def reached(self) -> None:
        ref = self.selected_ref()
        if ref and self.round_id:
            round_id, channel = self.round_id, self.channel.currentData()
            answer, figure = self.answer.text(), self.figure_value.text()
            into = self.to_continuity.isChecked()
            if self.write(
                lambda: presenter.reached(
                    self.session.store, round_id, ref, channel, answer, figure, into
                )
            ):
                self.answer.clear()
                self.figure_value.clear()

    def not_reached(self) -> None:
        ref = self.selected_ref()
        if ref and self.round_id:
            round_id, step, minutes = (
                self.round_id,
                self.next_step.currentData(),
                self.retry.value(),
            )
            self.write(
                lambda: presenter.not_reached(self.session.store, round_id, ref, step, minutes)
            )

    def close_round(self) -> None:
        if self.round_id:
            round_id = self.round_id
            if self.write(lambda: presenter.close(self.session.store, round_id)):
                self.status.setText(tr("Closed into the logbook."))
