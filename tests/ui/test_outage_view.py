"""The Uitval screen on the demo region: the same hours left as the core and the CLI, an
outage declared and ended, a continuity report, a refused input, a resource allocated."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt

from resilient_zcc.continuity.queries import continuity_overview, continuity_timeline
from resilient_zcc.crisis.outage import active_outages, outage_history
from resilient_zcc.resources.model import get_request
from ui.dialogs.outage import OutageDialog
from ui.dialogs.prompt import PromptDialog
from ui.main_window import MainWindow
from ui.views.outage import OutageView

from ..conftest import PASSPHRASE


@pytest.fixture
def view(qtbot, window: MainWindow) -> OutageView:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(window.session.unlocked, timeout=10_000):
        window.session.unlock(PASSPHRASE)
    qtbot.keyClick(window, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    page = window.pages.currentWidget()
    assert isinstance(page, OutageView)
    return page


def test_generators_and_hours_left_as_the_core_and_the_cli(view: OutageView) -> None:
    store = view.session.store
    core = continuity_overview(store, now=datetime.now(UTC))
    generators = {f.location_name: f.hours_left for f in core.on_generator}
    assert "ZGT Almelo" in generators
    shown = {
        view.continuity.row(i)["location"]: view.continuity.row(i)
        for i in range(view.continuity.rowCount())
    }
    for name, hours in generators.items():
        assert shown[name]["hours_left"] == hours
        assert shown[name]["power"] == "Noodstroomaggregaat"
    assert "ONDER DREMPEL" in shown["ZGT Almelo"]["marks"]
    assert view.tabs.tabText(0) == f"Locaties ({view.continuity.rowCount()})"
    assert "Stroomuitval" in view.outage_text.text()

    env = dict(os.environ, RZCC_PASSPHRASE=PASSPHRASE)
    result = subprocess.run(
        [sys.executable, "-m", "resilient_zcc", "--profile", str(view.session.profile)]
        + ["continuity", "overview", "--json"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    cli = {f["location_name"]: f["hours_left"] for f in json.loads(result.stdout)["figures"]}
    for name, hours in generators.items():
        # A few seconds later: the same figure, or one tenth of an hour less at a boundary.
        assert hours is not None and hours - 0.1 <= cli[name] <= hours


def test_declare_and_end_an_outage_from_the_screen(qtbot, view: OutageView) -> None:  # type: ignore[no-untyped-def]
    store = view.session.store
    before = len(active_outages(store))
    qtbot.mouseClick(view.declare, Qt.MouseButton.LeftButton)
    dialog = view.dialog
    assert isinstance(dialog, OutageDialog)
    dialog.kind.setCurrentIndex(dialog.kind.findData("telefonie"))
    qtbot.keyClicks(dialog.area, "Oldenzaal")
    dialog.duration.setValue(6)
    qtbot.keyClicks(dialog.decided_by, "DPG Twente")
    qtbot.keyClick(dialog.decided_by, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    outages = active_outages(store)
    assert len(outages) == before + 1
    declared = next(o for o in outages if o.kind == "telefonie")
    assert declared.area == "Oldenzaal" and declared.expected_end is not None
    assert "Uitval telefonie: Oldenzaal" in view.outage_text.text()
    assert view.outage_choice.isVisibleTo(view)  # two outages: the choice says which ends

    view.outage_choice.setCurrentIndex(view.outage_choice.findData(declared.id))
    qtbot.mouseClick(view.end, Qt.MouseButton.LeftButton)
    ending = view.dialog
    assert isinstance(ending, OutageDialog) and ending.outage == declared
    qtbot.keyClicks(ending.decided_by, "DPG Twente")
    qtbot.mouseClick(ending.ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not ending.isVisible())
    assert len(active_outages(store)) == before
    ended = next(o for o in outage_history(store) if o.id == declared.id)
    assert ended.ended_by == "DPG Twente"
    assert "Oldenzaal" not in view.outage_text.text()


def test_declaring_without_who_decided_shows_the_cores_message(  # type: ignore[no-untyped-def]
    qtbot, view: OutageView, warnings: list[str]
) -> None:
    before = len(outage_history(view.session.store))
    qtbot.mouseClick(view.declare, Qt.MouseButton.LeftButton)
    dialog = view.dialog
    assert isinstance(dialog, OutageDialog)
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    assert warnings and "wie besloot" in warnings[-1].lower()
    assert dialog.isVisible() and len(outage_history(view.session.store)) == before
    dialog.reject()


def test_a_continuity_report_from_the_form(qtbot, view: OutageView) -> None:  # type: ignore[no-untyped-def]
    store = view.session.store
    row = next(
        i
        for i in range(view.continuity.rowCount())
        if view.continuity.row(i)["location"] == "ZGT Almelo"
    )
    view.continuity_table.setFocus()
    view.continuity_table.selectRow(row)
    form = view.form
    location_id = form.location.currentData()
    assert location_id == view.continuity.row(row)["location_id"]
    # The form starts from the current figure: a report is a small correction.
    shown_before = view.continuity.row(row)
    assert form.power.currentData() == "aggregaat"
    assert form.hours.text() == f"{shown_before['hours_left']:g}".replace(".", ",")
    assert form.down["epd"].isChecked() and form.down["internet"].isChecked()
    form.down["internet"].setChecked(False)
    form.hours.clear()
    qtbot.keyClicks(form.hours, "-2")
    assert "negatief" in form.problem.text() and not form.submit.isEnabled()
    form.hours.clear()
    qtbot.keyClicks(form.hours, "20,5")
    assert form.problem.text() == "" and form.submit.isEnabled()
    qtbot.keyClick(form.hours, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    newest = continuity_timeline(store, location_id)[-1]
    assert newest.autonomy_hours == 20.5 and newest.down == ("epd",)
    assert "Gemeld" in form.done.text()
    shown = next(
        view.continuity.row(i)
        for i in range(view.continuity.rowCount())
        if view.continuity.row(i)["location_id"] == location_id
    )
    assert shown["hours_left"] == 20.5 and "ONDER DREMPEL" not in shown["marks"]


def test_allocate_send_and_refuse_a_resource_request(  # type: ignore[no-untyped-def]
    qtbot, view: OutageView, warnings: list[str]
) -> None:
    store = view.session.store
    view.tabs.setCurrentIndex(2)
    waiting = [
        i
        for i in range(view.resources.request_model.rowCount())
        if view.resources.request_model.row(i)["state"] == "aangevraagd"
    ]
    assert waiting, "the demo has open requests"
    view.resources.request_table.selectRow(waiting[0])
    request = view.resources.current_request()
    assert (
        request is not None
        and view.resources.allocate.isEnabled()
        and not view.resources.send.isEnabled()
    )
    qtbot.mouseClick(view.resources.allocate, Qt.MouseButton.LeftButton)
    dialog = view.resources.dialog
    assert (
        isinstance(dialog, PromptDialog) and dialog.choice is not None and dialog.text is not None
    )
    assert dialog.choice.count() >= 1
    dialog.text.setPlainText("999999")  # more than any stock has free
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    assert warnings and ("meer dan" in warnings[-1])
    assert (
        dialog.isVisible() and get_request(store, request["request_id"])["state"] == "aangevraagd"
    )
    dialog.text.setPlainText("1")
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    stored = get_request(store, request["request_id"])
    assert stored["state"] == "toegewezen" and stored["allocated"] == 1
    assert view.resources.current_request() is not None and view.resources.send.isEnabled()
    assert "1 toegewezen uit Regionaal PBM-depot" in view.resources.request_detail.text()
    qtbot.mouseClick(view.resources.send, Qt.MouseButton.LeftButton)
    assert get_request(store, request["request_id"])["state"] == "verzonden"

    others = [
        i
        for i in range(view.resources.request_model.rowCount())
        if view.resources.request_model.row(i)["state"] == "aangevraagd"
    ]
    assert others, "the demo has a second open request"
    view.resources.request_table.selectRow(others[0])
    refused = view.resources.current_request()
    assert refused is not None
    qtbot.mouseClick(view.resources.refuse, Qt.MouseButton.LeftButton)
    prompt = view.resources.dialog
    assert isinstance(prompt, PromptDialog) and prompt.text is not None
    qtbot.mouseClick(prompt.ok, Qt.MouseButton.LeftButton)  # no reason
    assert "reden" in warnings[-1]
    qtbot.keyClicks(prompt.text, "Voorraad nodig voor ziekenhuizen")
    qtbot.keyClick(prompt.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not prompt.isVisible())
    assert get_request(store, refused["request_id"])["state"] == "geweigerd"
    assert "geweigerd: Voorraad nodig voor ziekenhuizen" in view.resources.request_detail.text()


def test_care_at_home_per_area_with_the_providers_number(view: OutageView) -> None:
    view.tabs.setCurrentIndex(1)
    rows = [view.homecare.row(i) for i in range(view.homecare.rowCount())]
    enschede = next(r for r in rows if r["area"] == "Enschede")
    assert enschede["provider"] == "Livio" and enschede["phone"].startswith("+316")
    assert any(r["marks"] == "NIET BIJGEWERKT" for r in rows)


def test_keyboard_moves_through_locations_and_every_action_has_an_access_key(  # type: ignore[no-untyped-def]
    qtbot, view: OutageView
) -> None:
    table = view.continuity_table
    assert table.currentIndex().row() == 0  # the least autonomy left, aimed at by the form
    first = view.form.location.currentData()
    assert first == view.continuity.row(0)["location_id"]
    qtbot.keyClick(table, Qt.Key.Key_Down)
    assert view.form.location.currentData() == view.continuity.row(1)["location_id"] != first
    panel = view.resources
    buttons = (view.declare, view.end, panel.allocate, panel.send, panel.receive, panel.refuse)
    for button in (*buttons, view.form.submit):
        assert "&" in button.text(), button.text()
    view.sort.setCurrentIndex(view.sort.findData("location"))
    names = [view.continuity.row(i)["location"] for i in range(view.continuity.rowCount())]
    assert names == sorted(names, key=str.lower)
