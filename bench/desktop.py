"""Benchmarks of the desktop client: start-up, a keystroke in the search, CPU when idle.

Each runs the real window with Qt's offscreen platform, on a large synthetic region
(20,000 contacts, 2,000 locations with 50,000 reports, 5,000 placement requests).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from resilient_zcc.store import Store
from resilient_zcc.synthetic import generate_synthetic_region
from resilient_zcc.synthetic.capacity import generate_synthetic_capacity
from resilient_zcc.synthetic.placements import generate_synthetic_placements

from .foundation import CHEAP, PASSPHRASE

# The child prints SHOWN once the window (or the empty window) is on screen.
_APP = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from ui.app import DesktopApp
app = QApplication([])
desktop = DesktopApp(__import__("pathlib").Path(sys.argv[1]), 15)
desktop.start()
def shown():
    print("SHOWN", flush=True)
    if sys.argv[2] == "quit":
        app.quit()
QTimer.singleShot(0, shown)
app.exec()
desktop.session.lock()
"""
_EMPTY = """
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
window = QMainWindow()
window.show()
QTimer.singleShot(0, lambda: (print("SHOWN", flush=True), app.quit()))
app.exec()
"""


def large_profile(workdir: Path) -> Path:
    path = workdir / "desktop"
    if not path.exists():
        now = datetime.now(UTC)
        store, _ = Store.create(path, PASSPHRASE, cost=CHEAP)
        with store:
            generate_synthetic_region(store, contacts=20_000)
            generate_synthetic_capacity(store, locations=2_000, reports=50_000, now=now)
            generate_synthetic_placements(store, requests=5_000, now=now)
    return path


def _env() -> dict[str, str]:
    return dict(os.environ, QT_QPA_PLATFORM="offscreen", RZCC_PASSPHRASE=PASSPHRASE)


def _until_shown(args: list[str]) -> float:
    began = time.perf_counter()
    child = subprocess.Popen(args, stdout=subprocess.PIPE, text=True, env=_env())
    assert child.stdout is not None
    for line in child.stdout:
        if line.startswith("SHOWN"):
            break
    elapsed = time.perf_counter() - began
    child.wait(timeout=60)
    return elapsed


def startup(workdir: Path, repeats: int = 3) -> dict[str, Any]:
    """Process start to the unlocked window on the large region / to an empty QMainWindow."""
    profile = large_profile(workdir)
    app = [_until_shown([sys.executable, "-c", _APP, str(profile), "quit"]) for _ in range(repeats)]
    empty = [_until_shown([sys.executable, "-c", _EMPTY]) for _ in range(repeats)]
    return {
        "startup_ratio": round(statistics.median(app) / statistics.median(empty), 2),
        "startup_app_s": round(statistics.median(app), 2),
        "startup_empty_window_s": round(statistics.median(empty), 2),
        "repeats": repeats,
        "kdf": "cheap (the deliberate unlock cost is unlock_s)",
    }


def search_keystroke(workdir: Path, words: int = 40) -> dict[str, Any]:
    """A keystroke in the contact search to the updated result list, in this process."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from ui.main_window import MainWindow
    from ui.session import Session

    app = QApplication.instance() or QApplication([])
    profile = large_profile(workdir)
    session = Session(profile)
    window = MainWindow(session, lambda: None)
    session.adopt(Store.open(profile, PASSPHRASE))
    window.open_page("contacts")
    names = [r["name"] for r in session.store.query("SELECT name FROM people LIMIT 4000")]
    typed = names[:: max(1, len(names) // words)][:words] + ["06-1234 5", "0612345"]
    timings = []
    for text in typed:
        window.contacts.search.clear()
        for char in text:
            began = time.perf_counter()
            QTest.keyClicks(window.contacts.search, char)
            timings.append((time.perf_counter() - began) * 1000)
    app.processEvents()
    session.lock()
    window.close()
    timings.sort()
    return {
        "search_keystroke_ms": round(timings[int(len(timings) * 0.95)], 1),
        "search_keystroke_median_ms": round(statistics.median(timings), 1),
        "keystrokes": len(timings),
    }


def idle_cpu(workdir: Path, seconds: int = 60) -> dict[str, Any]:
    """CPU used by the unlocked app over `seconds` with no input, as % of one core."""
    profile = large_profile(workdir)
    child = subprocess.Popen(
        [sys.executable, "-c", _APP, str(profile), "stay"],
        stdout=subprocess.PIPE,
        text=True,
        env=_env(),
    )
    assert child.stdout is not None
    for line in child.stdout:
        if line.startswith("SHOWN"):
            break
    time.sleep(2)  # let start-up work settle
    before = _cpu_seconds(child.pid)
    time.sleep(seconds)
    used = _cpu_seconds(child.pid) - before
    child.terminate()
    child.wait(timeout=30)
    return {"idle_cpu_pct": round(used / seconds * 100, 2), "idle_seconds": seconds}


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    return (int(fields[11]) + int(fields[12])) / ticks  # utime + stime
