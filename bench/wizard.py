"""Benchmark of the import wizard: a 20,000-row workbook through the real wizard, and how
long the window's event loop was ever kept waiting meanwhile (the work runs in a worker)."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

from resilient_zcc.store import Store

from .exchange import CHEAP, PASSPHRASE, write_workbook

TICK_MS = 10


def wizard_import(workdir: Path, rows: int = 20_000) -> dict[str, Any]:
    """Open, map, dry-run and apply with the real wizard (offscreen), in this process; a
    timer ticking every 10 ms records the longest gap between two ticks (the GUI stall)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from ui.dialogs.import_wizard import ImportWizard
    from ui.main_window import MainWindow
    from ui.session import Session

    app = QApplication.instance() or QApplication([])
    path = workdir / "wizard-contacten.xlsx"
    write_workbook(path, rows)
    profile = workdir / "wizard-profile"
    store, _ = Store.create(profile, PASSPHRASE, cost=CHEAP)
    session = Session(profile)
    window = MainWindow(session, lambda: None)
    session.adopt(store)
    window.show()
    gaps: list[float] = []
    last = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        gaps.append((now - last[0]) * 1000)
        last[0] = now

    timer = QTimer()
    timer.setInterval(TICK_MS)
    timer.timeout.connect(tick)

    def wait(until: Any, seconds: float = 300) -> None:
        deadline = time.monotonic() + seconds
        while not until() and time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.002)
        assert until(), "the wizard did not finish in time"

    wizard = window.import_contacts()
    assert isinstance(wizard, ImportWizard)
    timer.start()
    last[0] = time.perf_counter()
    began = time.perf_counter()
    wizard.open_file(path)
    wait(lambda: wizard.source is not None and not wizard.busy())
    read_s = time.perf_counter() - began
    wizard.next()
    wizard.next()
    wait(lambda: wizard.plan is not None and not wizard.busy())
    plan_s = time.perf_counter() - began - read_s
    wizard.next()
    wait(lambda: wizard.imported is not None)
    total_s = time.perf_counter() - began
    timer.stop()
    people = session.store.query_one("SELECT count(*) AS n FROM people")
    assert people is not None and people["n"] == rows
    wizard.accept()
    session.lock()
    window.close()
    return {
        "wizard_gui_stall_ms": round(max(gaps), 1),
        "wizard_rows_per_s": round(rows / total_s),
        "rows": rows,
        "read_s": round(read_s, 2),
        "plan_s": round(plan_s, 2),
        "apply_s": round(total_s - read_s - plan_s, 2),
    }
