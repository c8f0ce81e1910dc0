"""Widget tests drive the real window against a real encrypted profile (offscreen)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from ui.i18n import set_language  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402
from ui.session import Session  # noqa: E402

from ..conftest import PASSPHRASE  # noqa: E402


@pytest.fixture(autouse=True)
def dutch() -> Iterator[None]:
    set_language("nl")
    yield
    set_language("nl")


@pytest.fixture
def session(demo_profile: Path) -> Iterator[Session]:
    opened = Session(demo_profile)
    yield opened
    opened.lock()


@pytest.fixture
def window(qtbot, session: Session) -> MainWindow:  # type: ignore[no-untyped-def]
    unlock_requests: list[bool] = []
    main = MainWindow(session, lambda: unlock_requests.append(True))
    main.unlock_requests = unlock_requests  # type: ignore[attr-defined]
    qtbot.addWidget(main)
    main.show()  # as in the app: the screen in front reads from the core, hidden ones wait
    return main


@pytest.fixture
def unlocked_window(qtbot, window: MainWindow) -> MainWindow:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(window.session.unlocked, timeout=10_000):
        window.session.unlock(PASSPHRASE)
    return window


@pytest.fixture
def warnings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The texts show_error puts in a warning box (the box itself would wait for a click)."""
    shown: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "warning", lambda _parent, _title, text, *a: shown.append(text)
    )
    return shown
