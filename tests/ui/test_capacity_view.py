"""Capaciteit: the regional picture, drill-down, overdue list, history chart, report form."""

from __future__ import annotations

import warnings
from datetime import UTC, datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from resilient_zcc.capacity.queries import history, overdue_locations
from ui.main_window import MainWindow
from ui.views.capacity import CapacityView

from ..conftest import PASSPHRASE


def open_capacity(qtbot, window: MainWindow) -> CapacityView:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(window.session.unlocked, timeout=10_000):
        window.session.unlock(PASSPHRASE)
    window.show()
    with warnings.catch_warnings():  # offscreen has no window manager to activate it
        warnings.simplefilter("ignore", DeprecationWarning)
        QApplication.setActiveWindow(window)
    window.open_page("capacity")
    view = window.pages.currentWidget()
    assert isinstance(view, CapacityView)
    return view


def category_row(view: CapacityView, code: str) -> int:
    codes = [view.categories.row(i)["category"] for i in range(view.categories.rowCount())]
    return codes.index(code)


def test_report_through_the_form_changes_the_sums(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    view = open_capacity(qtbot, window)
    row = category_row(view, "ic")
    view.category_table.selectRow(row)
    before = dict(view.categories.row(row))
    view.location_table.selectRow(0)
    picked = view.locations.row(0)
    form = view.form
    assert form.location.currentData() == picked["location_id"]
    assert form.category.currentData() == "ic"
    assert form.staffed.value() == picked["staffed"]  # starts from the figures reported last
    reports = len(history(window.session.store, picked["location_id"], "ic"))
    form.total.setValue(picked["total"] + 4)
    form.staffed.setValue(picked["staffed"] + 3)
    form.occupied.setValue(picked["occupied"] + 1)
    assert form.submit.isEnabled() and "Vrij:" in form.derived.text()
    form.occupied.setFocus()
    with qtbot.waitSignal(window.session.data_changed):
        qtbot.keyClick(form.occupied, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    after = view.categories.row(category_row(view, "ic"))
    assert after["staffed"] == before["staffed"] + 3
    assert after["occupied"] == before["occupied"] + 1
    assert after["free"] == before["free"] + 2
    assert len(history(window.session.store, picked["location_id"], "ic")) == reports + 1
    assert view.chart.point_count() == reports + 1  # the chart follows the new report
    assert "Gemeld: " in form.done.text()


def test_a_surge_is_accepted_with_the_core_warning_and_shown_as_overbezet(
    qtbot, window: MainWindow
) -> None:  # type: ignore[no-untyped-def]
    view = open_capacity(qtbot, window)
    form = view.form
    location_id, category = form.location.currentData(), form.category.currentData()
    reports = len(history(window.session.store, location_id, category))
    form.total.setValue(20)
    form.staffed.setValue(10)
    form.occupied.clear()
    qtbot.keyClicks(form.occupied, "12")  # typed, digit by digit
    assert form.submit.isEnabled() and form.problem.text() == ""
    assert "Overbezet: bezet (12) is meer dan bemand (10)" in form.warning.text()
    assert "Vrij: 0" in form.derived.text()
    form.occupied.setValue(23)  # patients in the corridor
    assert "Overbezet: bezet (23) is meer dan totaal (20)" in form.warning.text()
    form.occupied.setFocus()
    with qtbot.waitSignal(window.session.data_changed):
        qtbot.keyClick(form.occupied, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert len(history(window.session.store, location_id, category)) == reports + 1
    group = view.categories.row(category_row(view, category))
    assert group["overbezet"] >= 1 and "1 overbezet" in group["oldest"]
    assert view.categories.alarm(group)
    rows = [view.locations.row(i) for i in range(view.locations.rowCount())]
    mine = next(i for i, r in enumerate(rows) if r["location_id"] == location_id)
    assert view.locations.index(mine, 7).data() == "OVERBEZET"
    assert rows[mine]["free_after_holds"] <= 0
    red = view.locations.index(mine, 7).data(Qt.ItemDataRole.ForegroundRole)
    assert red.color().name() == "#c62828"


def test_bad_figures_are_refused_as_typed_in_the_cores_words(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    view = open_capacity(qtbot, window)
    form = view.form
    location_id, category = form.location.currentData(), form.category.currentData()
    reports = len(history(window.session.store, location_id, category))
    form.total.setValue(20)
    form.staffed.setValue(25)
    assert not form.submit.isEnabled()
    assert "bemand (25) kan niet meer zijn dan totaal (20)" in form.problem.text()
    form.occupied.setFocus()
    qtbot.keyClick(form.occupied, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    form.send()  # even called directly, nothing is stored
    assert len(history(window.session.store, location_id, category)) == reports
    qtbot.keyClicks(form.expected, "x5")  # numbers only
    assert form.expected.text() == "5"
    form.staffed.setValue(10)
    assert form.submit.isEnabled() and form.problem.text() == ""


def test_drill_down_shows_age_and_marks_stale_and_late(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    view = open_capacity(qtbot, window)
    overdue = {r["location_id"] for r in overdue_locations(window.session.store, datetime.now(UTC))}
    stale_group = next(
        i for i in range(view.categories.rowCount()) if view.categories.row(i)["stale"]
    )
    view.category_table.selectRow(stale_group)
    assert view.tabs.tabText(0).startswith("Locaties: ")
    texts = [
        view.locations.index(i, 8).data() for i in range(view.locations.rowCount())
    ]  # column "Gemeld"
    assert all(("min" in t or " u" in t or " d " in t) for t in texts)
    for i, text in enumerate(texts):
        row = view.locations.row(i)
        assert ("[VEROUDERD]" in text) == bool(row["stale"])
        assert ("[TE LAAT]" in text) == (row["location_id"] in overdue)
        assert view.locations.emphasis(row) == bool(row["stale"] or row["location_id"] in overdue)
    status = view.locations.index(0, 7).data()
    assert status.split(":")[0] in {"groen", "geel", "oranje", "rood", "donkerrood"}


def test_chart_has_one_point_per_report(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    view = open_capacity(qtbot, window)
    store = window.session.store
    for row in range(view.locations.rowCount()):
        view.location_table.selectRow(row)
        picked = view.locations.row(row)
        reports = history(store, picked["location_id"], view.category_code or "")
        assert view.chart.point_count() == len(reports) > 0
        assert picked["location_name"] in view.chart.chart_.title()
        assert [p.y() for p in view.chart.series["occupied"].points()] == [
            r["occupied"] for r in reports
        ]


def test_overdue_list_shows_the_demo_locations(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    view = open_capacity(qtbot, window)
    expected = overdue_locations(window.session.store, datetime.now(UTC))
    assert expected  # the demo has locations that missed their report
    shown = [view.overdue.row(i)["location_name"] for i in range(view.overdue.rowCount())]
    assert shown == [r["location_name"] for r in expected]
    assert view.tabs.tabText(1) == f"Niet op tijd gemeld ({len(expected)})"
    view.tabs.setCurrentIndex(1)
    view.overdue_table.selectRow(0)
    assert view.form.location.currentData() == expected[0]["location_id"]  # ready to report


def test_lock_clears_the_page(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    view = open_capacity(qtbot, window)
    assert view.categories.rowCount() > 0
    with qtbot.waitSignal(window.session.locked):
        window.session.lock()
    assert view.categories.rowCount() == view.locations.rowCount() == 0
    assert view.overdue.rowCount() == 0 and view.chart.point_count() == 0
    assert view.form.location.count() == 0 and not view.form.submit.isEnabled()


def test_report_for_another_category_shows_it(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    view = open_capacity(qtbot, window)
    view.category_table.selectRow(category_row(view, "ic"))
    form = view.form
    form.category.setCurrentIndex(form.category.findData("hospice"))
    form.total.setValue(9)
    form.staffed.setValue(8)
    form.occupied.setValue(8)
    assert "donkerrood" in form.derived.text()  # nothing free: the core's derived colour
    form.submit.click()
    assert view.category_code == "hospice" and "Gemeld: " in form.done.text()
    assert view.locations.row(view.location_table.currentIndex().row())["location_id"] == (
        form.location.currentData()
    )
