"""Long core work (a sync, a bundle) in a worker thread on its own connection.

The GUI thread's connection is never used from the worker: the job opens a twin of the
store (same profile, same key) on the GUI thread, uses it in `run` and closes it there when
done. Progress reports travel back as a queued signal; the caller reads `result` or `error`
once `finished` arrives (on the GUI thread).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal

from resilient_zcc.store import Store

Work = Callable[[Store, Callable[[Any], None]], Any]


class StoreJob(QThread):
    progressed = Signal(object)  # whatever the work reports (e.g. sync.api.Progress)

    def __init__(self, store: Store, work: Work, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.twin: Store | None = store.twin()
        self.work = work
        self.result: Any = None
        self.error: BaseException | None = None

    def run(self) -> None:
        twin, self.twin = self.twin, None
        if twin is None:
            return
        try:
            self.result = self.work(twin, self.progressed.emit)
        except Exception as exc:  # shown (or noted) on the GUI thread
            self.error = exc
        finally:
            twin.close()
