"""Plaatsingen: register, match, walk a request to placed, the core's refusals, conflicts."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt, QUrl

from resilient_zcc.placements.conflicts import open_conflicts
from resilient_zcc.placements.matching import get_request
from resilient_zcc.placements.queries import events
from ui.dialogs.placement_request import RegisterRequestDialog
from ui.dialogs.prompt import PromptDialog
from ui.main_window import MainWindow
from ui.views.placements import PlacementsView

from ..conftest import PASSPHRASE


@pytest.fixture
def view(qtbot, window: MainWindow) -> PlacementsView:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(window.session.unlocked, timeout=10_000):
        window.session.unlock(PASSPHRASE)
    window.open_page("placements")
    page = window.pages.currentWidget()
    assert isinstance(page, PlacementsView)
    return page


def click(qtbot, button: Any) -> None:  # type: ignore[no-untyped-def]
    assert button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def state_of(view: PlacementsView) -> str:
    request = view.current_request()
    assert request is not None
    return str(get_request(view.session.store, request["id"])["state"])


def select_reference(view: PlacementsView, reference: str) -> None:
    row = next(r for r in view.queue_model.rows if r["reference"] == reference)
    view.select_request(row["id"])


def select_state(view: PlacementsView, state: str) -> dict[str, Any]:
    row = next(r for r in view.queue_model.rows if r["state"] == state)
    view.select_request(row["id"])
    return row


def test_register_a_request_and_walk_it_to_placed(qtbot, view: PlacementsView) -> None:  # type: ignore[no-untyped-def]
    click(qtbot, view.register_button)
    dialog = view.dialog
    assert isinstance(dialog, RegisterRequestDialog) and dialog.isVisible()
    qtbot.keyClicks(dialog.reference, "TW-2026-0777")
    dialog.care_need.setCurrentIndex(dialog.care_need.findData("elv"))
    assert dialog.category.currentData() == "elv"  # the categories follow the care need
    dialog.urgency.setCurrentIndex(dialog.urgency.findData("hoog"))
    dialog.age_band.setCurrentIndex(dialog.age_band.findData("80+"))
    dialog.covid.setCurrentIndex(dialog.covid.findData("negatief"))
    qtbot.keyClicks(dialog.wishes, "Dicht bij dochter in Hengelo (fictief)")
    qtbot.keyClick(dialog.wishes, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.result() == dialog.DialogCode.Accepted
    request = view.current_request()
    assert request is not None and request["reference"] == "TW-2026-0777"
    assert "TW-2026-0777" in view.message.text()
    assert "Dicht bij dochter" in view.detail.toPlainText()

    click(qtbot, view.take)
    assert state_of(view) == "in_behandeling"
    assert view.matches_model.rowCount() > 0
    candidate = view.current_candidate()
    assert candidate is not None and candidate.suitable  # the best place is preselected
    assert "past" in view.reasons.toPlainText()
    click(qtbot, view.offer)
    assert state_of(view) == "plaats_aangeboden"
    placed_at = get_request(view.session.store, request["id"])["location_id"]
    assert placed_at == candidate.location_id
    click(qtbot, view.accept_button)
    assert state_of(view) == "geaccepteerd"
    click(qtbot, view.transport)
    assert state_of(view) == "vervoer_geregeld"
    click(qtbot, view.placed)
    assert state_of(view) == "geplaatst"
    # Steps within one second share a time stamp, so compare them unordered.
    steps = sorted(e["to_state"] for e in events(view.session.store, request["id"]))
    assert steps == sorted(
        [
            "aangemeld",
            "in_behandeling",
            "plaats_aangeboden",
            "geaccepteerd",
            "vervoer_geregeld",
            "geplaatst",
        ]
    )
    assert candidate.location_name in view.detail.toPlainText()
    assert not view.transport.isEnabled() and not view.cancel.isEnabled()  # closed


def test_a_bsn_in_the_reference_is_refused_and_the_form_stays(
    qtbot, view: PlacementsView, warnings: list[str]
) -> None:  # type: ignore[no-untyped-def]
    click(qtbot, view.register_button)
    dialog = view.dialog
    assert isinstance(dialog, RegisterRequestDialog)
    before = view.queue_model.rowCount()
    qtbot.keyClicks(dialog.reference, "123456782")
    click(qtbot, dialog.ok)
    assert warnings and "BSN" in warnings[0]
    assert dialog.isVisible() and dialog.reference.text() == "123456782"
    assert view.queue_model.rowCount() == before


def test_transport_before_acceptance_is_refused_with_the_core_message(
    qtbot, view: PlacementsView, warnings: list[str]
) -> None:  # type: ignore[no-untyped-def]
    select_state(view, "in_behandeling")
    click(qtbot, view.transport)
    assert len(warnings) == 1
    assert "Vervoer kan niet worden geregeld" in warnings[0]
    assert "ontvangende partij moet eerst hebben geaccepteerd" in warnings[0]
    assert state_of(view) == "in_behandeling"


def test_refusing_an_offer_needs_a_reason(qtbot, view: PlacementsView, warnings: list[str]) -> None:  # type: ignore[no-untyped-def]
    row = select_state(view, "plaats_aangeboden")
    click(qtbot, view.refuse)
    dialog = view.dialog
    assert isinstance(dialog, PromptDialog) and dialog.text is not None
    assert dialog.choice is not None and dialog.choice.currentData() == ""
    click(qtbot, dialog.ok)  # no reason chosen
    assert warnings and "is een reden uit de lijst nodig" in warnings[-1]
    assert dialog.isVisible() and state_of(view) == "plaats_aangeboden"
    dialog.choice.setCurrentIndex(dialog.choice.findData("anders"))
    dialog.text.insertPlainText("Geen eigen cliënt")  # QTest types ASCII only
    click(qtbot, dialog.ok)
    assert "geen reden om te weigeren" in warnings[-1]
    dialog.text.clear()
    dialog.choice.setCurrentIndex(dialog.choice.findData("zorgvraag_niet_passend"))
    qtbot.keyClicks(dialog.text, "Geen isolatiekamer vrij")
    qtbot.keyClick(dialog.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert not dialog.isVisible()
    select_reference(view, row["reference"])
    assert state_of(view) == "in_behandeling"
    assert "Geen isolatiekamer vrij" in view.detail.toPlainText()
    assert "geweigerd: zorgvraag kan hier niet worden geleverd" in view.detail.toPlainText()


def test_resolve_the_demo_conflict(qtbot, view: PlacementsView) -> None:  # type: ignore[no-untyped-def]
    view.tabs.setCurrentIndex(1)
    assert view.tabs.tabText(1) == "Conflicten (1)"
    assert view.conflicts_model.rowCount() == 1
    assert "vastgehouden door" in view.conflict_detail.toPlainText()
    assert "DEMO-TW-" in view.conflict_detail.toPlainText()
    held = open_conflicts(view.session.store)[0]["details"]["request_ids"]
    view.conflict_detail.anchorClicked.emit(QUrl(f"request:{held[-1]}"))  # a reference link
    assert view.tabs.currentIndex() == 0 and view.current_request()["id"] == held[-1]  # type: ignore[index]
    view.tabs.setCurrentIndex(1)
    click(qtbot, view.resolve)
    dialog = view.dialog
    assert isinstance(dialog, PromptDialog) and dialog.text is not None
    qtbot.keyClicks(dialog.text, "Aanbod aan DEMO-TW-0040 ingetrokken, opnieuw gematcht")
    click(qtbot, dialog.ok)
    assert not dialog.isVisible()
    assert view.conflicts_model.rowCount() == 0
    assert view.tabs.tabText(1) == "Conflicten (0)"
    assert open_conflicts(view.session.store) == []
    resolved = open_conflicts(view.session.store, include_resolved=True)
    assert resolved[0]["resolution"].startswith("Aanbod aan DEMO-TW-0040")


def test_locking_clears_the_page(qtbot, view: PlacementsView) -> None:  # type: ignore[no-untyped-def]
    assert view.queue_model.rowCount() == 40
    with qtbot.waitSignal(view.session.locked):
        view.session.lock()
    assert view.queue_model.rowCount() == 0 and view.matches_model.rowCount() == 0
    assert view.detail.toPlainText() == "" and view.conflicts_model.rowCount() == 0
