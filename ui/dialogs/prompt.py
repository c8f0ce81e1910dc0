"""A small form that asks for a text and/or a choice, and stays open while the core says no.

Used for reasons (refuse, cancel, escalate), a conflict's resolution and a procedure step.
`submit(text, choice)` runs the core command and returns True when it succeeded; on an
error it has shown the message and the dialog stays open so the user can correct the input.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ..i18n import add_catalogue, tr

add_catalogue(
    {
        "Ctrl+Enter confirms.": "Ctrl+Enter bevestigt.",
    }
)

Submit = Callable[[str, str | None], bool]


class TextEdit(QPlainTextEdit):
    """A few lines of text; Tab leaves the field and Ctrl+Enter submits the form."""

    submitted = Signal()  # Ctrl+Enter pressed in the field

    def __init__(self, lines: int = 3) -> None:
        super().__init__()
        self.setTabChangesFocus(True)
        height = self.fontMetrics().lineSpacing() * lines + 14
        self.setMinimumHeight(height)
        self.setMaximumHeight(height + self.fontMetrics().lineSpacing() * 3)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
            event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            self.submitted.emit()
            event.accept()
            return
        super().keyPressEvent(event)


class PromptDialog(QDialog):
    def __init__(
        self,
        parent: QWidget,
        title: str,
        prompt: str,
        submit: Submit,
        *,
        text: str | None = "",
        text_label: str = "",
        choices: list[tuple[str, str]] | None = None,
        choice_label: str = "",
        current_choice: str | None = None,
        ok_text: str = "",
    ) -> None:
        super().__init__(parent)
        self.submit = submit
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.prompt = QLabel(prompt)
        self.prompt.setWordWrap(True)
        form = QFormLayout()
        self.choice: QComboBox | None = None
        if choices is not None:
            self.choice = QComboBox()
            for code, label in choices:
                self.choice.addItem(label, code)
            if current_choice is not None:
                found = self.choice.findData(current_choice)
                if found >= 0:
                    self.choice.setCurrentIndex(found)
            form.addRow(choice_label, self.choice)
        self.text: TextEdit | None = None
        if text is not None:
            self.text = TextEdit()
            self.text.setPlainText(text)
            self.text.submitted.connect(self.try_submit)
            form.addRow(text_label, self.text)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        if ok_text:
            self.ok.setText(ok_text)
        self.ok.setToolTip(tr("Ctrl+Enter confirms."))
        self.buttons.accepted.connect(self.try_submit)
        self.buttons.rejected.connect(self.reject)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.try_submit)
        layout = QVBoxLayout(self)
        layout.addWidget(self.prompt)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)
        if self.text is not None:
            self.text.setFocus()

    def value(self) -> tuple[str, str | None]:
        text = self.text.toPlainText() if self.text is not None else ""
        choice = self.choice.currentData() if self.choice is not None else None
        return text, choice

    def try_submit(self) -> None:
        if self.submit(*self.value()):
            self.accept()
