"""Core work off the GUI thread, on a second connection of its own.

A `StoreJob` opens a twin of the session's store (`Store.twin()`: the same key, another
SQLite connection), runs one function with it in a worker thread and closes it. The GUI's
connection is never used from the worker. Results, progress and errors come back as Qt
signals, delivered on the GUI thread. `cancel()` (the profile was locked) makes the next
progress call raise, so a write transaction in progress rolls back.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from resilient_zcc.store import Store

Progress = Callable[[int, int], None]
Work = Callable[[Store, Progress], Any]


class Cancelled(Exception):
    """The job was cancelled (the profile was locked); its transaction rolled back."""


class StoreJob(QObject):
    progress = Signal(int, int)  # done, total
    succeeded = Signal(object)  # what the work returned
    failed = Signal(object)  # the exception (not emitted after cancel())

    def __init__(self, store: Store, work: Work) -> None:
        super().__init__()
        # Opened here, on the GUI thread (no key derivation: milliseconds), so a lock that
        # comes before the worker runs cannot leave it without a connection; the worker
        # alone uses it from now on, and closes it.
        self._twin = store.twin()
        self._work = work
        self._cancelled = threading.Event()
        self._thread = threading.Thread(target=self._run, name="store-job", daemon=True)
        self.result: Any = None
        self.error: BaseException | None = None

    def start(self) -> None:
        self._thread.start()

    def cancel(self) -> None:
        self._cancelled.set()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def is_running(self) -> bool:
        return self._thread.is_alive()

    def wait(self, seconds: float) -> bool:
        """For tests and shutdown: True when the worker has finished."""
        self._thread.join(seconds)
        return not self._thread.is_alive()

    def _check(self, done: int, total: int) -> None:
        if self._cancelled.is_set():
            raise Cancelled()
        self.progress.emit(done, total)

    def _run(self) -> None:
        twin = self._twin
        try:
            try:
                self._check(0, 0)
                result = self._work(twin, self._check)
                self._check(1, 1)  # a lock that came during the work discards its result
            finally:
                twin.close()
        except BaseException as exc:  # shown on the GUI thread
            self.error = exc
            if not self._cancelled.is_set():
                self.failed.emit(exc)
            return
        self.result = result
        self.succeeded.emit(result)
