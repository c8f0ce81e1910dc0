"""The Sitrap dialog, opened from the Overzicht: preview the report the data gives now, add
the judgement (oordeel) and proposed decisions, make the numbered version, then print it."""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from resilient_zcc.errors import ZccError

from ..errors import show_error
from ..i18n import add_catalogue, tr
from ..session import Session
from ..sitrap_presenter import SitrapPresenter
from .submit import FormDialog, SubmitEdit

add_catalogue(
    {
        "Situation report (sitrap)": "Situatierapport (sitrap)",
        "&Judgement (oordeel):": "&Oordeel:",
        "What the picture means: where it is tight, what is expected": (
            "Wat het beeld betekent: waar het knelt, wat verwacht wordt"
        ),
        "Proposed &decisions (one per line):": "Voorgestelde &besluiten (één per regel):",
        "e.g. Phase 2a maintained": "bijv. Fase 2a handhaven",
        "&Refresh preview": "Voorbeeld &vernieuwen",
        "&Make sitrap": "Sitrap &maken",
        "&Print…": "&Afdrukken…",
        "&Close": "&Sluiten",
        "Sitrap {number} is made and kept in the logbook.": (
            "Sitrap {number} is gemaakt en in het logboek bewaard."
        ),
        "Preview (radio and e-mail text):": "Voorbeeld (tekst voor radio en e-mail):",
    }
)


class SitrapDialog(FormDialog):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.presenter = SitrapPresenter(session.store)
        self.wants_print = False
        self.setWindowTitle(tr("Situation report (sitrap)"))
        self.rhythm = QLabel()
        self.rhythm.setWordWrap(True)
        self.oordeel = SubmitEdit(3)
        self.oordeel.setPlaceholderText(
            tr("What the picture means: where it is tight, what is expected")
        )
        self.proposals = QPlainTextEdit()
        self.proposals.setTabChangesFocus(True)
        self.proposals.setPlaceholderText(tr("e.g. Phase 2a maintained"))
        self.proposals.setMaximumHeight(self.fontMetrics().lineSpacing() * 5 + 14)
        self.preview_text = QPlainTextEdit()
        self.preview_text.setReadOnly(True)
        self.preview_text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.message = QLabel()
        self.message.setWordWrap(True)

        refresh = QPushButton(tr("&Refresh preview"))
        refresh.clicked.connect(self.refresh)
        buttons = QDialogButtonBox()
        self.make_button = buttons.addButton(
            tr("&Make sitrap"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.print_button = buttons.addButton(tr("&Print…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.print_button.setEnabled(False)
        self.print_button.clicked.connect(self.ask_print)
        close = buttons.addButton(tr("&Close"), QDialogButtonBox.ButtonRole.RejectRole)
        close.clicked.connect(self.reject)
        buttons.accepted.connect(self.submit)

        layout = QVBoxLayout(self)
        layout.addWidget(self.rhythm)
        for text, field in (
            (tr("&Judgement (oordeel):"), self.oordeel),
            (tr("Proposed &decisions (one per line):"), self.proposals),
        ):
            caption = QLabel(text)
            caption.setBuddy(field)
            layout.addWidget(caption)
            layout.addWidget(field)
        row = QHBoxLayout()
        row.addWidget(QLabel(tr("Preview (radio and e-mail text):")), 1)
        row.addWidget(refresh)
        layout.addLayout(row)
        layout.addWidget(self.preview_text, 1)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.resize(640, 600)
        self.refresh()

    def refresh(self) -> None:
        try:
            self.rhythm.setText(self.presenter.rhythm())
            self.preview_text.setPlainText(
                self.presenter.preview(self.oordeel.toPlainText(), self.proposals.toPlainText())
            )
        except ZccError as exc:
            self.preview_text.setPlainText(str(exc))
            self.make_button.setEnabled(False)

    def save(self) -> None:
        if self.presenter.made is not None:
            return  # one version per opening: Ctrl+Enter twice does not make two
        try:
            text = self.presenter.make(self.oordeel.toPlainText(), self.proposals.toPlainText())
        except ZccError as exc:
            show_error(self, exc)
            return
        made = self.presenter.made
        self.preview_text.setPlainText(text)
        self.rhythm.setText(self.presenter.rhythm())
        self.message.setText(
            tr(
                "Sitrap {number} is made and kept in the logbook.",
                number=made.number if made else 0,
            )
        )
        self.make_button.setEnabled(False)
        self.print_button.setEnabled(True)

    def ask_print(self) -> None:
        """Close and let the window open Afdrukken with this sitrap chosen."""
        self.wants_print = True
        self.accept()
