"""Crisisstructuur and Logboek on the real demo profile: phase dialog, log, filter, measures."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt

from resilient_zcc.crisis.logbook import list_entries
from resilient_zcc.crisis.phases import phase_state, set_phase
from resilient_zcc.crisis.regions import default_region
from ui.main_window import MainWindow
from ui.views.crisis import CrisisView
from ui.views.logbook import LogbookView

from ..conftest import PASSPHRASE

CTRL = Qt.KeyboardModifier.ControlModifier


def open_pages(qtbot, window: MainWindow) -> tuple[CrisisView, LogbookView]:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(window.session.unlocked, timeout=10_000):
        window.session.unlock(PASSPHRASE)
    window.open_page("crisis")  # a screen reads from the core when it comes to the front
    crisis, logbook = window.page("crisis"), window.page("logbook")
    assert isinstance(crisis, CrisisView) and isinstance(logbook, LogbookView)
    return crisis, logbook


@pytest.fixture
def errors(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Messages that would have been shown in a dialog, from every module of these pages."""
    shown: list[str] = []
    for module in ("ui.views.crisis", "ui.views.logbook", "ui.dialogs.phase"):
        monkeypatch.setattr(f"{module}.show_error", lambda _parent, exc: shown.append(str(exc)))
    return shown


def test_the_crisis_page_shows_phase_decision_path_cards_and_measures(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    crisis, _ = open_pages(qtbot, window)
    assert crisis.phase.text().startswith("Fase 2a: Grote of ongelijke druk")
    assert "Bestuurlijk ROAZ Euregio (demo)" in crisis.decision.text()
    assert "op advies van ZCC-overleg" in crisis.decision.text()
    assert "IC-bezetting regio 92%" in crisis.decision.text()
    assert crisis.nood.text() == "Noodscenario: uit"
    path = crisis.path.toPlainText()
    assert path.index("Bestuurlijk ROAZ") < path.index("DPG / voorzitter") < path.index("Kernteam")
    assert "Koen Voorbeeld" in path and "06 12346032" in path  # the DPG on duty and his piket
    assert crisis.card_list.rowCount() == 7
    assert "Mandaat" in crisis.card.toPlainText()
    assert crisis.tabs.tabText(2) == "Maatregelen (4 actief)"


def test_set_phase_through_the_dialog_shows_it_here_and_in_the_logbook(
    qtbot,  # type: ignore[no-untyped-def]
    window: MainWindow,
    errors: list[str],
) -> None:
    crisis, logbook = open_pages(qtbot, window)
    qtbot.mouseClick(crisis.set_phase, Qt.MouseButton.LeftButton)
    dialog = crisis.phase_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.phase.currentData() == "2b"  # the next phase up is offered first
    qtbot.keyClicks(dialog.decided_by, "Bestuurlijk ROAZ Euregio (test)")
    qtbot.keyClicks(dialog.advised_by, "ZCC-overleg (test)")
    qtbot.keyClicks(dialog.picture, "Druk in twee ROAZ-regio's (testbeeld)")
    qtbot.keyClick(dialog.picture, Qt.Key.Key_Return, CTRL)
    assert errors == [] and not dialog.isVisible()
    assert crisis.phase.text().startswith("Fase 2b:")
    assert "Bestuurlijk ROAZ Euregio (test)" in crisis.decision.text()
    window.open_page("logbook")
    newest = logbook.entries.row(0)
    assert (newest["kind"], newest["phase_from"], newest["phase_to"]) == ("fase", "2a", "2b")
    assert newest["decided_by"] == "Bestuurlijk ROAZ Euregio (test)"
    assert logbook.entries.data(logbook.entries.index(0, 1)) == "Fasewijziging"
    assert logbook.entries.data(logbook.entries.index(0, 2)).startswith("2a → 2b")


def test_the_phase_dialog_says_who_decides_2c_from_the_authority_table(
    qtbot,  # type: ignore[no-untyped-def]
    window: MainWindow,
    errors: list[str],
) -> None:
    crisis, _ = open_pages(qtbot, window)
    dialog = crisis.open_phase_dialog()
    assert dialog is not None
    assert "Wie besluit: het bestuurlijk ROAZ" in dialog.authority.text()  # 2b offered first
    dialog.phase.setCurrentIndex(dialog.phase.findData("2c"))
    assert "Wie besluit: landelijke regie (LNAZ, ministerie van VWS)" in dialog.authority.text()
    qtbot.keyClicks(dialog.decided_by, "Bestuurlijk ROAZ Euregio (test)")
    qtbot.keyClicks(dialog.picture, "Druk overal (test)")
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    assert len(errors) == 1 and "Fase 2c is geen regionaal besluit" in errors[0]
    store = window.session.store
    assert phase_state(store, default_region(store))["phase"] == "2a"


def test_phase_3_without_the_national_box_is_refused_with_the_core_message(
    qtbot,  # type: ignore[no-untyped-def]
    window: MainWindow,
    errors: list[str],
) -> None:
    crisis, _ = open_pages(qtbot, window)
    dialog = crisis.open_phase_dialog()
    assert dialog is not None
    dialog.phase.setCurrentIndex(dialog.phase.findData("3"))
    qtbot.keyClicks(dialog.decided_by, "Minister van VWS (test)")
    qtbot.keyClicks(dialog.picture, "Landelijk beeld (test)")
    qtbot.keyClick(dialog.decided_by, Qt.Key.Key_Return, CTRL)
    assert len(errors) == 1 and "Fase 3 is geen regionaal besluit" in errors[0]
    assert "minister voor Medische Zorg en Sport" in dialog.authority.text()
    assert dialog.isVisible()  # nothing lost: the user ticks the box and records again
    store = window.session.store
    assert phase_state(store, default_region(store))["phase"] == "2a"
    qtbot.mouseClick(dialog.national, Qt.MouseButton.LeftButton)
    assert dialog.national.isChecked()
    qtbot.keyClicks(dialog.national_source, "Kamerbrief (test)")
    qtbot.keyClicks(dialog.national_date, "2025-03-14")
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    assert len(errors) == 1 and not dialog.isVisible()
    assert crisis.phase.text().startswith("Fase 3: Crisiszorg")
    assert "Landelijk besluit (de minister voor Medische Zorg en Sport), bron: Kamerbrief" in (
        crisis.decision.text()
    )


def test_ctrl_enter_adds_an_event_and_a_decision_needs_who_decided(
    qtbot,  # type: ignore[no-untyped-def]
    window: MainWindow,
    errors: list[str],
) -> None:
    _, logbook = open_pages(qtbot, window)
    window.open_page("logbook")
    before = logbook.entries.rowCount()
    qtbot.keyClicks(logbook.text, "MST meldt SEH weer open (test)")
    qtbot.keyClick(logbook.text, Qt.Key.Key_Return, CTRL)
    assert logbook.entries.rowCount() == before + 1 and logbook.text.toPlainText() == ""
    newest = logbook.entries.row(0)
    assert (newest["kind"], newest["text"]) == ("gebeurtenis", "MST meldt SEH weer open (test)")
    assert newest["recorded_by"] == "Demolaptop"

    logbook.kind.setCurrentIndex(logbook.kind.findData("besluit"))
    assert logbook.decided_by.isEnabled()
    qtbot.keyClicks(logbook.text, "Extra ZCC-overleg om 16:00 (test)")
    qtbot.keyClick(logbook.text, Qt.Key.Key_Return, CTRL)
    assert len(errors) == 1 and "moet vermelden wie heeft besloten" in errors[0]
    assert logbook.text.toPlainText() != ""  # the typed text stays
    qtbot.keyClicks(logbook.decided_by, "DPG Twente (test)")
    qtbot.keyClick(logbook.text, Qt.Key.Key_Return, CTRL)
    newest = logbook.entries.row(0)
    assert (newest["kind"], newest["decided_by"]) == ("besluit", "DPG Twente (test)")
    assert len(errors) == 1


def test_filter_by_kind_text_and_since(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    _, logbook = open_pages(qtbot, window)
    window.open_page("logbook")
    total = logbook.entries.rowCount()
    logbook.filter_kind.setCurrentIndex(logbook.filter_kind.findData("maatregel"))
    kinds = {logbook.entries.row(i)["kind"] for i in range(logbook.entries.rowCount())}
    assert kinds == {"maatregel"} and logbook.entries.rowCount() < total
    logbook.filter_kind.setCurrentIndex(0)
    qtbot.keyClicks(logbook.search, "Roessingh")
    texts = [logbook.entries.row(i)["text"] for i in range(logbook.entries.rowCount())]
    assert len(texts) == 2 and all("Roessingh" in t for t in texts)
    assert logbook.count.text() == "2 regels"
    logbook.search.clear()
    logbook.since.setCurrentIndex(1)  # the last 8 hours
    cutoff = (datetime.now(UTC) - timedelta(hours=8)).isoformat()
    rows = [logbook.entries.row(i) for i in range(logbook.entries.rowCount())]
    assert all(r["at"] >= cutoff for r in rows) and len(rows) < total


def test_switching_a_measure_writes_a_log_entry(qtbot, window, errors: list[str]) -> None:  # type: ignore[no-untyped-def]
    crisis, logbook = open_pages(qtbot, window)
    row = next(
        i for i in range(crisis.measures.rowCount()) if crisis.measures.row(i)["code"] == "2"
    )
    crisis.measure_table.selectRow(row)
    assert crisis.toggle.text() == "&Inzetten"
    qtbot.mouseClick(crisis.toggle, Qt.MouseButton.LeftButton)
    assert len(errors) == 1 and "'besloten door'" in errors[0]
    qtbot.keyClicks(crisis.decided_by, "Bestuurlijk ROAZ Euregio (test)")
    qtbot.mouseClick(crisis.toggle, Qt.MouseButton.LeftButton)
    assert len(errors) == 1
    assert crisis.current_measure() is not None and crisis.current_measure()["active"]  # type: ignore[index]
    assert crisis.toggle.text() == "&Beëindigen"
    assert crisis.tabs.tabText(2) == "Maatregelen (5 actief)"
    window.open_page("logbook")
    newest = logbook.entries.row(0)
    assert newest["kind"] == "maatregel" and newest["text"].startswith("Maatregel 2 ")
    assert newest["decided_by"] == "Bestuurlijk ROAZ Euregio (test)"


def test_a_binding_measure_needs_a_reason_to_switch_off_and_shows_the_deviation(
    qtbot,  # type: ignore[no-untyped-def]
    window: MainWindow,
    errors: list[str],
) -> None:
    crisis, _ = open_pages(qtbot, window)
    store = window.session.store
    set_phase(
        store, default_region(store), "2c", "LNAZ", "", "beeld (test)", "",
        datetime.now(UTC), "test", national=True, national_source="LNAZ-bericht (test)",
        national_date="2025-03-14",
    )  # fmt: skip
    window.session.changed()
    row = next(
        i for i in range(crisis.measures.rowCount()) if crisis.measures.row(i)["code"] == "5"
    )
    crisis.measure_table.selectRow(row)
    assert crisis.toggle.text() == "&Beëindigen"
    qtbot.keyClicks(crisis.decided_by, "Bestuurlijk ROAZ Euregio (test)")
    qtbot.mouseClick(crisis.toggle, Qt.MouseButton.LeftButton)
    assert len(errors) == 1 and "vraagt een reden" in errors[0]
    qtbot.keyClicks(crisis.reason, "Geen OK-personeel (test)")
    qtbot.mouseClick(crisis.toggle, Qt.MouseButton.LeftButton)
    assert len(errors) == 1
    shown = crisis.measures.data(crisis.measures.index(row, 5))
    assert shown == "afwijking: Geen OK-personeel (test)"


def test_a_correction_is_a_new_entry_naming_the_old_one(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    _, logbook = open_pages(qtbot, window)
    window.open_page("logbook")
    target = next(
        i
        for i in range(logbook.entries.rowCount())
        if logbook.entries.row(i)["kind"] == "gebeurtenis"
        and not logbook.entries.row(i)["corrected_by"]
    )
    original = logbook.entries.row(target)
    logbook.table.selectRow(target)
    qtbot.mouseClick(logbook.correct, Qt.MouseButton.LeftButton)
    assert (
        logbook.correction.isVisibleTo(logbook) and logbook.text.toPlainText() == original["text"]
    )
    logbook.text.setPlainText("Gecorrigeerde tekst (test)")
    qtbot.keyClick(logbook.text, Qt.Key.Key_Return, CTRL)
    store = window.session.store
    newest = list_entries(store, default_region(store), limit=1)[0]
    assert (newest["kind"], newest["corrects_id"]) == ("correctie", original["id"])
    assert not logbook.correction.isVisibleTo(logbook)
    shown = {logbook.entries.row(i)["id"]: i for i in range(logbook.entries.rowCount())}
    text = logbook.entries.data(logbook.entries.index(shown[original["id"]], 2))
    assert text.startswith("[gecorrigeerd]")


def test_locking_clears_both_pages(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    crisis, logbook = open_pages(qtbot, window)
    window.open_page("logbook")
    assert logbook.entries.rowCount() > 0
    with qtbot.waitSignal(window.session.locked):
        window.session.lock()
    assert crisis.phase.text() == "" and crisis.path.toPlainText() == ""
    assert crisis.measures.rowCount() == 0 and crisis.card_list.rowCount() == 0
    assert logbook.entries.rowCount() == 0 and logbook.detail.toPlainText() == ""


def test_declare_the_noodscenario_through_the_dialog(qtbot, window, errors: list[str]) -> None:  # type: ignore[no-untyped-def]
    crisis, logbook = open_pages(qtbot, window)
    qtbot.mouseClick(crisis.set_nood, Qt.MouseButton.LeftButton)
    dialog = crisis.phase_dialog
    assert dialog is not None and dialog.windowTitle() == "Noodscenario afkondigen"
    assert "met goedkeuring van de minister van VWS" in dialog.authority.text()
    qtbot.keyClicks(dialog.decided_by, "DPG Twente (test)")
    qtbot.keyClicks(dialog.picture, "Geen plek meer voor VVT-uitstroom (testbeeld)")
    qtbot.keyClick(dialog.picture, Qt.Key.Key_Return, CTRL)
    assert len(errors) == 1 and "voorzitter van de veiligheidsregio" in errors[0]
    qtbot.keyClicks(dialog.safety_chair, "Voorzitter VRT (test)")
    assert dialog.approval.currentData() == "in afwachting"
    qtbot.keyClick(dialog.picture, Qt.Key.Key_Return, CTRL)
    assert len(errors) == 1 and not dialog.isVisible()
    assert "Noodscenario: AAN sinds" in crisis.nood.text()
    assert "goedkeuring minister van VWS: in afwachting" in crisis.nood.text()
    assert "DPG Twente (test)" in crisis.nood.text()
    window.open_page("logbook")
    assert logbook.entries.row(0)["kind"] == "noodscenario"
