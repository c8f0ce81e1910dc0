"""The call card: the number to dial, readable at arm's length, its fallbacks, and a copy
action that puts the whole dialable number on the clipboard for a limited time."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QClipboard, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..call_card_presenter import CallCardModel, ClipboardGuard
from ..i18n import add_catalogue, tr
from ..session import Session

CLEAR_AFTER_MS = 30_000  # as password managers do

add_catalogue(
    {
        "Call card": "Belkaart",
        "&Copy number": "Nummer &kopiëren",
        "Copied {number}; the clipboard is cleared in {seconds} s.": (
            "{number} gekopieerd; het klembord wordt over {seconds} s gewist."
        ),
        "ON DUTY NOW": "NU IN DIENST",
        "If this number does not answer": "Als dit nummer niet opneemt",
    }
)


class ClipboardKeeper(QObject):
    """Copies a number and clears it again after `interval_ms` and at lock, but only if the
    clipboard still holds what we put there."""

    def __init__(self, session: Session, interval_ms: int = CLEAR_AFTER_MS) -> None:
        super().__init__()
        self.interval_ms = interval_ms
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.clear)
        self.guard = ClipboardGuard(self._read, self._write)
        session.locked.connect(self.clear)

    @staticmethod
    def _clipboard() -> QClipboard:
        return QGuiApplication.clipboard()

    def _read(self) -> str:
        return self._clipboard().text()

    def _write(self, text: str) -> None:
        if text:
            self._clipboard().setText(text)
        else:
            self._clipboard().clear()

    def copy(self, text: str) -> bool:
        if not text:
            return False
        self.guard.put(text)
        self.timer.start(self.interval_ms)
        return True

    def clear(self) -> None:
        self.timer.stop()
        self.guard.clear()


class CallCard(QDialog):
    def __init__(self, model: CallCardModel, keeper: ClipboardKeeper, parent: QWidget) -> None:
        super().__init__(parent)
        self.model = model
        self.keeper = keeper
        self.setWindowTitle(tr("Call card"))
        name = QLabel(f"<b>{escape(model.name)}</b>")
        name.setStyleSheet("font-size: 16pt;")
        marks = [tr("ON DUTY NOW")] if model.on_duty else []
        marks += [tr("STALE")] if model.stale else []
        subtitle = QLabel(escape(model.subtitle) + "".join(f" <b>[{m}]</b>" for m in marks))
        subtitle.setWordWrap(True)
        self.number = QLabel(model.headline)
        self.number.setStyleSheet("font-size: 36pt; font-weight: bold;")
        self.number.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        first = model.number
        self.kind = QLabel(
            " — ".join(p for p in (first.label, first.dialable or "", first.note) if p)
            if first
            else ""
        )
        self.copy_button = QPushButton(tr("&Copy number"))
        self.copy_button.setEnabled(bool(model.copy_text))
        self.copy_button.clicked.connect(self.copy)
        QShortcut(QKeySequence.StandardKey.Copy, self, self.copy)
        self.status = QLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(name)
        layout.addWidget(subtitle)
        layout.addWidget(self.number)
        layout.addWidget(self.kind)
        layout.addWidget(self.copy_button)
        layout.addWidget(self.status)
        if model.fallbacks:
            layout.addWidget(QLabel(f"<b>{tr('If this number does not answer')}:</b>"))
        self.fallbacks = []
        for n, line in enumerate(model.fallbacks, start=2):
            note = f" — {escape(line.note)}" if line.note else ""
            text = QLabel(
                f"{n}. {escape(line.label)}: <span style='font-size: 14pt'>"
                f"{escape(line.text)}</span>{note}"
            )
            text.setWordWrap(True)
            text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.fallbacks.append(text)
            layout.addWidget(text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.copy_button.setFocus()

    def copy(self) -> None:
        if self.keeper.copy(self.model.copy_text):
            self.status.setText(
                tr(
                    "Copied {number}; the clipboard is cleared in {seconds} s.",
                    number=self.model.copy_text,
                    seconds=self.keeper.interval_ms // 1000,
                )
            )
