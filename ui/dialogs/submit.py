"""A multi-line text field that submits on Ctrl+Enter instead of inserting a line break."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QPlainTextEdit

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
