"""The unlock screen: passphrase, a calm message when wrong, a growing delay, no lock-out."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from resilient_zcc.errors import WrongPassphrase, ZccError

from ..errors import show_error
from ..i18n import tr
from ..session import Session

MAX_DELAY_S = 30


def retry_delay(failures: int) -> int:
    """Seconds to wait after `failures` wrong tries: 0, 1, 2, 4 … up to 30; never a lock-out."""
    return 0 if failures <= 0 else min(2 ** (failures - 1), MAX_DELAY_S)


class UnlockDialog(QDialog):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.failures = 0
        self.setWindowTitle(f"{tr('Resilient ZCC')} — {tr('Unlock')}")
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName(tr("Passphrase"))
        self.profile_line = tr("Profile: {path}", path=str(session.profile))
        self.message = QLabel(self.profile_line)
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(tr("Unlock"))
        self.buttons.accepted.connect(self.try_unlock)
        self.passphrase.returnPressed.connect(self.try_unlock)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(tr("Passphrase")))
        layout.addWidget(self.passphrase)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(420)
        session.unlocked.connect(self.accept)
        session.unlock_failed.connect(self.on_failed)

    def try_unlock(self) -> None:
        if not self.ok.isEnabled():
            return
        self.ok.setEnabled(False)
        self.message.setText(tr("Unlocking…"))
        self.session.unlock(self.passphrase.text())

    def on_failed(self, exc: ZccError) -> None:
        self.passphrase.clear()
        if not isinstance(exc, WrongPassphrase):
            self.ok.setEnabled(True)
            self.message.setText("")
            show_error(self, exc)
            return
        self.failures += 1
        delay = retry_delay(self.failures)
        self.message.setText(
            tr("Wrong passphrase. Wait {seconds} s before the next try.", seconds=delay)
        )
        QTimer.singleShot(delay * 1000, self.ready)

    def ready(self) -> None:
        """The wait is over: the button works again and the profile line returns."""
        self.ok.setEnabled(True)
        self.message.setText(self.profile_line)
