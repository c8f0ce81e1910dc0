"""First start: create a profile (passphrase twice, strength hint), show the recovery key once."""

from __future__ import annotations

import threading

from PySide6.QtCore import Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from resilient_zcc.keyheader import check_passphrase_strength
from resilient_zcc.store import Store

from ..errors import show_error
from ..i18n import tr
from ..session import Session


class CreateProfileDialog(QDialog):
    # From the worker thread that calibrates the key derivation and writes the profile.
    created = Signal(object, str)  # the open Store and the recovery key
    failed = Signal(object)  # the ZccError that says why

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.recovery_key = ""
        self.setWindowTitle(f"{tr('Resilient ZCC')} — {tr('Create profile')}")
        self.first = QLineEdit()
        self.second = QLineEdit()
        for field in (self.first, self.second):
            field.setEchoMode(QLineEdit.EchoMode.Password)
            field.textChanged.connect(self.check)
        self.label = QLineEdit()
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        form = QFormLayout()
        form.addRow(tr("Passphrase"), self.first)
        form.addRow(tr("Repeat passphrase"), self.second)
        form.addRow(tr("Device name (shown in the audit trail)"), self.label)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(tr("Create profile"))
        self.buttons.accepted.connect(self.create_profile)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.hint)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(480)
        self.created.connect(self.on_created)
        self.failed.connect(self.on_failed)
        self.busy = False
        self.check()

    def check(self) -> None:
        weakness = check_passphrase_strength(self.first.text())
        if weakness:
            self.hint.setText(str(weakness))
        elif self.first.text() != self.second.text():
            self.hint.setText(tr("The passphrases differ."))
        else:
            self.hint.setText(tr("Strong enough."))
        ready = not weakness and self.first.text() == self.second.text()
        self.ok.setEnabled(ready and not self.busy)

    def create_profile(self) -> None:
        """Calibrate the key derivation and write the profile in a worker thread (about a
        second): the window stays responsive and says what it is doing."""
        if self.busy:
            return
        self.busy = True
        self.ok.setEnabled(False)
        self.hint.setText(tr("Creating the profile and tuning the encryption to this computer…"))
        passphrase, label = self.first.text(), self.label.text().strip()
        profile = self.session.profile

        def work() -> None:
            try:
                store, recovery_key = Store.create(profile, passphrase, label=label)
            except Exception as exc:  # shown through the one error path, never lost in a thread
                self.failed.emit(exc)
                return
            self.created.emit(store, recovery_key)

        threading.Thread(target=work, name="create-profile", daemon=True).start()

    def on_failed(self, exc: Exception) -> None:
        self.busy = False
        self.check()
        show_error(self, exc)

    def on_created(self, store: Store, recovery_key: str) -> None:
        self.recovery_key = recovery_key
        RecoveryKeyDialog(recovery_key, self).exec()
        self.session.adopt(store)
        self.accept()


class RecoveryKeyDialog(QDialog):
    """Shown once: the key, the advice, and a box to tick before it can be closed."""

    def __init__(self, recovery_key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Recovery key"))
        key = QLabel(recovery_key)
        key.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        key.setStyleSheet("font-size: 18pt; padding: 8px;")
        key.setTextInteractionFlags(key.textInteractionFlags().TextSelectableByMouse)
        advice = QLabel(
            tr(
                "Print or write down this recovery key and keep it in the sealed envelope of the "
                "crisis binder. It opens this profile when the passphrase is lost. It is shown "
                "only now."
            )
        )
        advice.setWordWrap(True)
        stored = QCheckBox(tr("I have stored the recovery key safely"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(False)
        stored.toggled.connect(ok.setEnabled)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        for widget in (advice, key, stored, buttons):
            layout.addWidget(widget)
        self.setMinimumWidth(520)
