"""Core work off the GUI thread, on a second connection of its own.

A `StoreJob` opens a twin of the session's store (`Store.twin()`: the same key, another
SQLite connection), runs one function with it in a worker thread and closes it. The GUI's
connection is never used from the worker. Results, progress and errors come back as Qt
signals, delivered on the GUI thread. `cancel()` (the profile was locked) makes the next
progress report raise, so a write transaction in progress rolls back. Imports, exports,
syncs and bundles all run this way.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from resilient_zcc.store import Store

Report = Callable[[Any], None]  # what the work reports: (done, total), a sync.api.Progress …
Work = Callable[[Store, Report], Any]


class Cancelled(Exception):
    """The job was cancelled (the profile was locked); its transaction rolled back."""


class StoreJob(QObject):
    progress = Signal(object)  # whatever the work reports
    succeeded = Signal(object)  # what the work returned
    failed = Signal(object)  # the exception (not emitted after cancel())
    finished = Signal()  # last, in every case: `result` or `error` is set

    def __init__(self, store: Store, work: Work, parent: QObject | None = None) -> None:
        super().__init__(parent)
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

    def wait(self, seconds: float | None = None) -> bool:
        """For tests and shutdown: True when the worker has finished."""
        self._thread.join(seconds)
        return not self._thread.is_alive()

    def _raise_if_cancelled(self) -> None:
        if self._cancelled.is_set():
            raise Cancelled()

    def _report(self, value: Any) -> None:
        self._raise_if_cancelled()
        self.progress.emit(value)

    def _run(self) -> None:
        twin = self._twin
        try:
            try:
                self._raise_if_cancelled()
                result = self._work(twin, self._report)
                self._raise_if_cancelled()  # a lock during the work discards its result
            finally:
                twin.close()
        except BaseException as exc:  # shown on the GUI thread
            self.error = exc
            if not self._cancelled.is_set():
                self.failed.emit(exc)
        else:
            self.result = result
            self.succeeded.emit(result)
        self.finished.emit()
