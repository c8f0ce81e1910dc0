"""Plaatsingen on the demo window: the queue starts with the core's most urgent request,
marked overdue in words."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt

from resilient_zcc.placements.queries import open_queue
from ui.main_window import MainWindow
from ui.views.placements import PlacementsView

from ..conftest import PASSPHRASE


def test_ctrl_5_opens_the_queue_with_the_most_urgent_request_first_marked_overdue(
    qtbot,  # type: ignore[no-untyped-def]
    window: MainWindow,
) -> None:
    with qtbot.waitSignal(window.session.unlocked, timeout=10_000):
        window.session.unlock(PASSPHRASE)
    qtbot.keyClick(window, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    page = window.pages.currentWidget()
    assert isinstance(page, PlacementsView)
    first = open_queue(window.session.store, datetime.now(UTC))[0]
    assert first.overdue
    model = page.queue_model
    shown = [model.data(model.index(0, c)) for c in range(model.columnCount())]
    assert model.row(0)["id"] == first.id and shown[0] == first.reference
    target = shown[[c.title for c in model.columns].index("Streeftijd")]
    assert target.startswith("te laat: ") and target.endswith(" over streeftijd")
    assert model.data(model.index(0, 0), Qt.ItemDataRole.FontRole).bold()
    assert page.current_request() is not None and page.current_request()["id"] == first.id
