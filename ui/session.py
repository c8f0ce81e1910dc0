"""The open profile as the window sees it: unlock off the GUI thread, lock, data changes.

This is the one bridge between the core and Qt: views ask it for the store, and it turns
"data changed" (a write here, later a sync) into a Qt signal every view listens to.
"""

from __future__ import annotations

import gc
import threading
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from resilient_zcc.errors import ZccError
from resilient_zcc.store import Store

from .i18n import tr


class Session(QObject):
    unlocked = Signal()  # the store is open
    unlock_failed = Signal(object)  # the ZccError that says why
    locking = Signal()  # about to close the store: stop work that uses it (worker threads)
    locked = Signal()  # the store was closed; views must hide their data
    data_changed = Signal()  # something was written: views reload

    def __init__(self, profile: Path) -> None:
        super().__init__()
        self.profile = profile
        self._store: Store | None = None

    @property
    def store(self) -> Store:
        if self._store is None:
            raise ZccError(tr("The profile is locked."))
        return self._store

    @property
    def is_unlocked(self) -> bool:
        return self._store is not None

    def unlock(self, passphrase: str) -> None:
        """Open the store in a worker thread (the key derivation takes about half a second)."""

        def work() -> None:
            try:
                store = Store.open(self.profile, passphrase)
            except ZccError as exc:
                self.unlock_failed.emit(exc)
                return
            self._store = store
            self.unlocked.emit()

        threading.Thread(target=work, name="unlock", daemon=True).start()

    def adopt(self, store: Store) -> None:
        """Take a store opened elsewhere (a profile just created)."""
        self._store = store
        self.unlocked.emit()

    def lock(self) -> None:
        """Close the store: the connection and the key go; Python keeps no other reference."""
        if self._store is None:
            return
        self.locking.emit()
        store, self._store = self._store, None
        store.close()
        del store
        gc.collect()
        self.locked.emit()

    def changed(self) -> None:
        self.data_changed.emit()
