"""Ctrl+Enter submits: a multi-line field that does not insert a line break, and forms."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDialog, QPlainTextEdit, QWidget

from ..session import Session

_SUBMIT_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def is_submit(event: QKeyEvent) -> bool:
    return event.key() in _SUBMIT_KEYS and bool(
        event.modifiers() & Qt.KeyboardModifier.ControlModifier
    )


class SubmitEdit(QPlainTextEdit):
    submitted = Signal()  # Ctrl+Enter was pressed in the field

    def __init__(self, lines: int = 3) -> None:
        super().__init__()
        self.setTabChangesFocus(True)  # Tab leaves the field, as in a form
        height = self.fontMetrics().lineSpacing() * lines + 14
        self.setMinimumHeight(height)
        self.setMaximumHeight(height + self.fontMetrics().lineSpacing() * 2)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if is_submit(event):
            self.submitted.emit()
            event.accept()
            return
        super().keyPressEvent(event)


class FormDialog(QDialog):
    """A form over the open profile: Ctrl+Enter submits, and locking closes it unsaved."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        session.locked.connect(self.reject)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if is_submit(event):  # one-line fields pass Ctrl+Enter on to the dialog
            self.submit()
            return
        super().keyPressEvent(event)

    def submit(self) -> None:
        if not self.session.is_unlocked:
            self.reject()
            return
        self.save()

    def save(self) -> None:
        """Write through the core; on an error say why and stay open."""
        raise NotImplementedError
