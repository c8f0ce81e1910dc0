"""Noodprocedures: reorder, edit, add and remove steps, copy, and the resolving preview."""

from __future__ import annotations

import warnings
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from resilient_zcc.contacts.model import add_function
from resilient_zcc.procedures.model import set_step_function
from resilient_zcc.procedures.queries import list_procedures, resolve_procedure
from ui.dialogs.prompt import PromptDialog
from ui.main_window import MainWindow
from ui.views.procedures import ProceduresView

from ..conftest import PASSPHRASE


@pytest.fixture
def view(qtbot, window: MainWindow) -> ProceduresView:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(window.session.unlocked, timeout=10_000):
        window.session.unlock(PASSPHRASE)
    window.open_page("procedures")
    page = window.pages.currentWidget()
    assert isinstance(page, ProceduresView)
    assert page.procedures.rowCount() > 0 and page.resolved is not None
    return page


def click(qtbot, button: Any) -> None:  # type: ignore[no-untyped-def]
    assert button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def texts(view: ProceduresView) -> list[str]:
    return [step["text"] for step in view.steps.rows]


def preview_order(view: ProceduresView, wanted: list[str]) -> list[int]:
    """Where each step text appears in the preview."""
    shown = view.preview.toPlainText().replace("\n", " ")
    return [shown.index(text[:40]) for text in wanted]


def test_move_a_step_up_and_the_preview_follows(qtbot, view: ProceduresView) -> None:  # type: ignore[no-untyped-def]
    before = texts(view)
    view.steps_table.selectRow(1)
    assert not view.up.isEnabled() or view.current_step() is not None
    click(qtbot, view.up)
    after = texts(view)
    assert after == [before[1], before[0], *before[2:]]
    current = view.current_step()
    assert current is not None and current["text"] == before[1]  # the moved step stays chosen
    positions = preview_order(view, after[:2])
    assert positions[0] < positions[1]
    assert not view.up.isEnabled()  # it is number 1 now
    window = view.window()
    window.show()
    with warnings.catch_warnings():  # offscreen has no window manager to activate it
        warnings.simplefilter("ignore", DeprecationWarning)
        QApplication.setActiveWindow(window)
    qtbot.keyClick(view.steps_table, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert texts(view) == before


def test_edit_add_and_remove_a_step(qtbot, view: ProceduresView) -> None:  # type: ignore[no-untyped-def]
    procedure_id = view.resolved["id"] if view.resolved else ""
    before = texts(view)
    view.steps_table.selectRow(0)
    click(qtbot, view.edit)
    dialog = view.dialog
    assert isinstance(dialog, PromptDialog) and dialog.text is not None
    assert dialog.text.toPlainText() == before[0]
    dialog.text.selectAll()
    qtbot.keyClicks(dialog.text, "Bel eerst de storingsdienst (oefening)")
    qtbot.keyClick(dialog.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert not dialog.isVisible()
    assert texts(view) == ["Bel eerst de storingsdienst (oefening)", *before[1:]]
    kept = resolve_procedure(view.session.store, procedure_id, _now())["steps"][0]
    assert kept["function"] is not None  # the function stayed

    view.steps_table.selectRow(0)
    click(qtbot, view.add)
    dialog = view.dialog
    assert isinstance(dialog, PromptDialog) and dialog.text is not None
    qtbot.keyClicks(dialog.text, "Noteer het tijdstip in het logboek")
    click(qtbot, dialog.ok)
    assert texts(view)[1] == "Noteer het tijdstip in het logboek"
    assert "Noteer het tijdstip" in view.preview.toPlainText()

    view.steps_table.selectRow(1)
    click(qtbot, view.remove)
    assert texts(view) == ["Bel eerst de storingsdienst (oefening)", *before[1:]]


def test_copy_a_procedure_from_another_organisation(qtbot, view: ProceduresView) -> None:  # type: ignore[no-untyped-def]
    store = view.session.store
    target = view.organisation.currentData()
    before = len(list_procedures(store, target))
    view.incident.setCurrentIndex(view.incident.findData("stroomuitval"))
    click(qtbot, view.copy_button)
    dialog = view.dialog
    assert isinstance(dialog, PromptDialog) and dialog.choice is not None
    source = next(
        r
        for r in list_procedures(store, incident_type="stroomuitval")
        if r["organisation_id"] != target and r["organisation"] == "Medisch Spectrum Twente"
    )
    dialog.choice.setCurrentIndex(dialog.choice.findData(source["id"]))
    assert "Medisch Spectrum Twente" in dialog.choice.currentText()
    click(qtbot, dialog.ok)
    assert not dialog.isVisible()
    assert len(list_procedures(store, target)) == before + 1
    assert view.message.text().startswith("Gekopieerd:")
    assert view.resolved is not None and view.resolved["organisation_id"] == target
    assert view.resolved["id"] != source["id"]
    assert texts(view) == [
        s["text"] for s in resolve_procedure(store, source["id"], _now())["steps"]
    ]


def test_a_step_whose_function_has_no_holder_is_warned_about(qtbot, view: ProceduresView) -> None:  # type: ignore[no-untyped-def]
    store = view.session.store
    step = view.steps.rows[2]
    vacant = add_function(store, "Hoofd technische dienst (vacant)", code="htd")
    set_step_function(store, step["id"], vacant)
    view.session.changed()
    warned = view.steps.rows[2]
    assert warned["id"] == step["id"] and warned["warning"]
    assert view.steps.emphasis(warned) and not view.steps.emphasis(view.steps.rows[0])
    preview = view.preview.toPlainText()
    assert "Niemand vervult nu de functie 'Hoofd technische dienst (vacant)'" in preview
    assert "Stap 3:" in preview  # listed under the warnings at the top
    assert "Bij elke stap is nu iemand bereikbaar" not in preview


def _now():  # type: ignore[no-untyped-def]
    from datetime import UTC, datetime

    return datetime.now(UTC)


def test_create_a_procedure_for_an_organisation_without_one_then_delete_it(  # type: ignore[no-untyped-def]
    qtbot, view: ProceduresView, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = view.session.store
    with_procedures = {r["organisation_id"] for r in list_procedures(store)}
    index = next(
        i
        for i in range(view.organisation.count())
        if view.organisation.itemData(i) and view.organisation.itemData(i) not in with_procedures
    )
    view.organisation.setCurrentIndex(index)
    organisation_id = view.organisation.currentData()
    assert view.procedures.rowCount() == 0
    click(qtbot, view.new_button)
    dialog = view.dialog
    assert isinstance(dialog, PromptDialog) and dialog.choice is not None and dialog.text
    dialog.choice.setCurrentIndex(dialog.choice.findData("ict_uitval"))
    qtbot.keyClicks(dialog.text, "ICT-uitval locatie Oefendorp")
    click(qtbot, dialog.ok)
    assert not dialog.isVisible()
    (created,) = list_procedures(store, organisation_id)
    assert created["incident_type"] == "ict_uitval"
    assert view.organisation.currentData() == organisation_id
    assert view.resolved is not None and view.resolved["id"] == created["id"]

    # Any function of the region may act in a step, not only those already named.
    click(qtbot, view.add)
    dialog = view.dialog
    assert isinstance(dialog, PromptDialog) and dialog.choice is not None and dialog.text
    offered = [dialog.choice.itemData(i) for i in range(dialog.choice.count())]
    functions = store.query("SELECT id FROM functions WHERE deleted = 0")
    assert {f["id"] for f in functions} <= set(offered)
    dialog.choice.setCurrentIndex(1)
    qtbot.keyClicks(dialog.text, "Meld de uitval bij de ZCC")
    click(qtbot, dialog.ok)
    assert texts(view) == ["Meld de uitval bij de ZCC"]

    asked: list[str] = []

    def confirm(_parent: Any, _title: str, text: str, *_a: Any) -> Any:
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", confirm)
    click(qtbot, view.delete_button)
    assert asked and "ICT-uitval locatie Oefendorp" in asked[0] and "alle stappen (1)" in asked[0]
    assert list_procedures(store, organisation_id) == []
    assert view.procedures.rowCount() == 0
