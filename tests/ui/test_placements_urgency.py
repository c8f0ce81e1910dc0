"""Plaatsingen on the demo window: the queue starts with the core's most urgent request,
marked overdue in words."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt

from resilient_zcc.placements.matching import get_request
from resilient_zcc.placements.queries import open_queue, statistics
from ui.dialogs.placement_request import RegisterRequestDialog
from ui.dialogs.prompt import PromptDialog
from ui.main_window import MainWindow
from ui.views.placements import PlacementsView

from ..conftest import PASSPHRASE


def test_ctrl_6_opens_the_queue_with_the_most_urgent_request_first_marked_overdue(
    qtbot,  # type: ignore[no-untyped-def]
    window: MainWindow,
) -> None:
    with qtbot.waitSignal(window.session.unlocked, timeout=10_000):
        window.session.unlock(PASSPHRASE)
    qtbot.keyClick(window, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
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


def test_register_marks_local_route_and_hfno_offers_ambulance_plus(
    qtbot,  # type: ignore[no-untyped-def]
    window: MainWindow,
) -> None:
    with qtbot.waitSignal(window.session.unlocked, timeout=10_000):
        window.session.unlock(PASSPHRASE)
    qtbot.keyClick(window, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    page = window.pages.currentWidget()
    assert isinstance(page, PlacementsView)
    assert "Lokale route eerst geprobeerd: " in page.stats.text()
    before = statistics(window.session.store, datetime.now(UTC)).local_route_tried
    qtbot.mouseClick(page.register_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, RegisterRequestDialog)
    qtbot.keyClicks(dialog.reference, "TW-2026-0778")
    dialog.care_need.setCurrentIndex(dialog.care_need.findData("ziekenhuis"))
    dialog.covid.setCurrentIndex(dialog.covid.findData("positief"))
    dialog.hfno.setChecked(True)
    assert dialog.transport.currentData() == "ambulance_plus"
    dialog.local_route.setChecked(True)
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    assert dialog.result() == dialog.DialogCode.Accepted
    request = page.current_request()
    assert request is not None and request["reference"] == "TW-2026-0778"
    assert request["local_route_tried"] is True
    assert "Lokale route eerst geprobeerd ja" in " ".join(page.detail.toPlainText().split())
    after = statistics(window.session.store, datetime.now(UTC)).local_route_tried
    assert after == before + 1
    assert f"Lokale route eerst geprobeerd: {after} van" in page.stats.text()


def test_escalating_a_vg_client_offers_the_vg_cohort_and_refuses_rcps(
    qtbot,  # type: ignore[no-untyped-def]
    window: MainWindow,
    warnings: list[str],
) -> None:
    with qtbot.waitSignal(window.session.unlocked, timeout=10_000):
        window.session.unlock(PASSPHRASE)
    window.open_page("placements")
    page = window.pages.currentWidget()
    assert isinstance(page, PlacementsView)
    vg = next(
        r
        for r in page.queue_model.rows
        if r["care_need"] == "vg_cohort" and r["state"] != "opgeschaald"
    )
    page.select_request(vg["id"])
    qtbot.mouseClick(page.escalate, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, PromptDialog) and dialog.choice is not None and dialog.text
    assert dialog.choice.currentData() == "vg_cohort"  # the route for VG/LG clients first
    dialog.choice.setCurrentIndex(dialog.choice.findData("rcps"))
    qtbot.keyClicks(dialog.text, "VG-cohort regio vol")
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    assert warnings and "ziekenhuispatiënten" in warnings[-1] and dialog.isVisible()
    dialog.choice.setCurrentIndex(dialog.choice.findData("vg_cohort"))
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    request = get_request(window.session.store, vg["id"])
    assert (request["state"], request["escalated_to"]) == ("opgeschaald", "vg_cohort")
