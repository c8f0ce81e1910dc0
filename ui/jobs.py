"""Core work off the GUI thread, on a second connection of its own.

A `StoreJob` opens a twin of the session's store (`Store.twin()`: the same key, another
SQLite connection), runs one function with it in a worker thread and closes it. The GUI's
connection is never used from the worker. Results, progress and errors come back as Qt
signals, delivered on the GUI thread. `cancel()` (the profile was locked) makes the next
progress report raise, so a write transaction in progress rolls back. Imports, exports,
syncs and bundles all run this way.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from resilient_zcc.store import Store

Report = Callable[[Any], None]  # what the work reports: (done, total), a sync.api.Progress …
Work = Callable[[Store, Report], Any]


class _CollectorPause:
    """Python's cyclic collector off while any bulk job runs.

    A full collection in the worker holds the GIL for hundreds of milliseconds and freezes
    the window (issue 19). A counter, so that of two overlapping jobs the first to end does
    not switch it back on under the second; the last one restores it and asks for one
    collection on the GUI thread once the event loop is idle.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._jobs = 0
        self._was_enabled = False

    @property
    def jobs(self) -> int:
        return self._jobs

    def enter(self) -> None:
        with self._lock:
            if self._jobs == 0:
                self._was_enabled = gc.isenabled()
                gc.disable()
                gc.freeze()  # what exists now need not be scanned again afterwards
            self._jobs += 1

    def leave(self) -> bool:
        """True when this was the last job and the collector is on again."""
        with self._lock:
            self._jobs -= 1
            if self._jobs > 0:
                return False
            gc.unfreeze()
            if not self._was_enabled:
                return False
            gc.enable()
            return True


def collect_when_idle() -> None:
    """One collection on the GUI thread once its queue is empty, unless a job began."""

    def collect() -> None:
        if collector_pause.jobs == 0:
            gc.collect()

    QTimer.singleShot(0, collect)


collector_pause = _CollectorPause()


class Cancelled(Exception):
    """The job was cancelled (the profile was locked); its transaction rolled back."""


class StoreJob(QObject):
    progress = Signal(object)  # whatever the work reports
    succeeded = Signal(object)  # what the work returned
    failed = Signal(object)  # the exception (not emitted after cancel())
    finished = Signal()  # last, in every case: `result` or `error` is set
    _collect = Signal()  # from the worker, so the collection runs on the GUI thread

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
        self._collect.connect(collect_when_idle)

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
        collector_pause.enter()
        try:
            self._run_work()
        finally:
            if collector_pause.leave():
                self._collect.emit()
        self.finished.emit()

    def _run_work(self) -> None:
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
