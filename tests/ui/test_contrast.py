"""High contrast (Ctrl+Shift+H): bordered inputs, visible focus, chart and status colours."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ui import contrast
from ui.main_window import MainWindow
from ui.widgets.capacity_chart import HistoryChart

from .test_desktop import STALE_IC


@pytest.fixture
def high(window: MainWindow) -> Iterator[MainWindow]:
    window.contrast_action.setChecked(True)
    yield window
    window.contrast_action.setChecked(False)


def _bright(colour: QColor) -> bool:
    return colour.value() > 200  # at least one channel near full: reads on black


def _border_pixel(widget: QWidget) -> QColor:
    """The colour one pixel inside the left edge, half-way down: where a border is drawn."""
    image = widget.grab().toImage()
    return image.pixelColor(1, image.height() // 2)


def test_every_kind_of_input_has_a_visible_border_and_a_yellow_focus(
    qtbot, high: MainWindow
) -> None:  # type: ignore[no-untyped-def]
    form = QWidget()
    qtbot.addWidget(form)
    line = QLineEdit()
    line.setPlaceholderText("Naam")
    fields: list[QWidget] = [line, QSpinBox(), QComboBox(), QPlainTextEdit()]
    layout = QVBoxLayout(form)
    for field in fields:
        layout.addWidget(field)
    form.show()
    qtbot.waitExposed(form)
    for field in fields:
        border = _border_pixel(field)
        assert _bright(border), f"{type(field).__name__} border is {border.name()}"
        inside = field.grab().toImage().pixelColor(field.width() // 2, 6)
        assert inside.lightness() < 60, f"{type(field).__name__} is not black inside"
    line.setFocus()
    qtbot.waitUntil(line.hasFocus)
    focused = _border_pixel(line)
    assert focused.red() > 200 and focused.green() > 200 and focused.blue() < 80  # yellow


def test_turning_it_off_restores_the_normal_look(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = (app.styleSheet(), app.palette().color(QPalette.ColorRole.Base).name())
    window.contrast_action.setChecked(True)
    assert "QLineEdit" in app.styleSheet() and ":focus" in app.styleSheet()
    arrows = re.findall(r'url\("([^"]+)"\)', app.styleSheet())
    assert arrows and all(Path(path).is_file() for path in arrows)  # white arrows, drawn
    assert contrast.is_high()
    window.contrast_action.setChecked(False)
    assert not contrast.is_high()
    assert (app.styleSheet(), app.palette().color(QPalette.ColorRole.Base).name()) == before


def test_the_chart_follows_the_palette(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    chart = HistoryChart()
    qtbot.addWidget(chart)
    normal_line = chart.series["staffed"].pen().color().name()
    window.contrast_action.setChecked(True)
    try:
        qtbot.waitUntil(lambda: chart.chart_.backgroundBrush().color().name() == "#000000")
        assert chart.chart_.titleBrush().color().name() == "#ffffff"
        assert chart.x_axis.labelsColor().name() == "#ffffff"
        for series in chart.series.values():
            assert _bright(series.pen().color())
        assert chart.series["staffed"].pen().color().name() != normal_line
    finally:
        window.contrast_action.setChecked(False)
    qtbot.waitUntil(lambda: chart.series["staffed"].pen().color().name() == normal_line)


def test_status_colours_and_emphasis_follow_it(high: MainWindow) -> None:
    from PySide6.QtCore import Qt

    assert contrast.colour("#6a1010") != "#6a1010"  # donkerrood would vanish on black
    model = high.overview.capacity
    model.set_rows([{"beds": STALE_IC}])
    index = model.index(0, 0)
    assert model.data(index, Qt.ItemDataRole.BackgroundRole).color().name() == "#ffff00"
    assert model.data(index, Qt.ItemDataRole.ForegroundRole).color().name() == "#000000"
