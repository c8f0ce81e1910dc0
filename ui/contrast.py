"""A high-contrast palette for bright rooms, poor screens and tired eyes.

Besides the palette, a style sheet gives every input a visible border (so a placeholder does
not read as a label) and a thick yellow focus frame; charts and status colours ask `is_high()`
and `colour()` for their high-contrast variants.
"""

from __future__ import annotations

from pathlib import Path

import platformdirs
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPalette, QPolygonF
from PySide6.QtWidgets import QApplication

# White on black, selection black on cyan: WCAG contrast well above 7:1. Yellow is kept for
# what must stand out (a stale or overdue row, bold black on yellow) and for the focus frame,
# so a selected row never looks like an emphasised one.
_HIGH = {
    QPalette.ColorRole.Window: "#000000",
    QPalette.ColorRole.WindowText: "#ffffff",
    QPalette.ColorRole.Base: "#000000",
    QPalette.ColorRole.AlternateBase: "#1a1a1a",
    QPalette.ColorRole.Text: "#ffffff",
    QPalette.ColorRole.Button: "#000000",
    QPalette.ColorRole.ButtonText: "#ffffff",
    QPalette.ColorRole.BrightText: "#ffff00",
    QPalette.ColorRole.Highlight: "#00ffff",
    QPalette.ColorRole.HighlightedText: "#000000",
    QPalette.ColorRole.ToolTipBase: "#000000",
    QPalette.ColorRole.ToolTipText: "#ffffff",
    QPalette.ColorRole.PlaceholderText: "#b8b8b8",
    QPalette.ColorRole.Link: "#00ffff",
    QPalette.ColorRole.Mid: "#c0c0c0",  # hints use palette(mid): light grey stays readable
    QPalette.ColorRole.Light: "#ffffff",
    QPalette.ColorRole.Dark: "#c0c0c0",
}
# Disabled controls: grey, still readable on black, and clearly unlike enabled white.
_DISABLED = {
    QPalette.ColorRole.WindowText: "#9a9a9a",
    QPalette.ColorRole.Text: "#9a9a9a",
    QPalette.ColorRole.ButtonText: "#9a9a9a",
}

_INPUTS = (
    "QLineEdit, QSpinBox, QDoubleSpinBox, QDateTimeEdit, QDateEdit, QTimeEdit, QComboBox, "
    "QTextEdit, QPlainTextEdit, QAbstractItemView"
)


def _focused(selectors: str) -> str:
    return ", ".join(f"{s.strip()}:focus" for s in selectors.split(","))


STYLE = f"""
* {{ border-color: #ffffff; }}
{_INPUTS} {{ border: 2px solid #ffffff; background: #000000; color: #ffffff;
    selection-background-color: #00ffff; selection-color: #000000; }}
QLineEdit, QSpinBox, QDoubleSpinBox, QDateTimeEdit, QDateEdit, QTimeEdit, QComboBox
    {{ padding: 0px 3px; }}
{_focused(_INPUTS)} {{ border: 3px solid #ffff00; }}
QLineEdit:disabled, QSpinBox:disabled, QComboBox:disabled, QTextEdit:disabled,
QPlainTextEdit:disabled {{ border: 2px dashed #9a9a9a; color: #9a9a9a; }}
QComboBox QAbstractItemView {{ border: 2px solid #ffffff; }}
QAbstractSpinBox::up-button, QAbstractSpinBox::down-button {{ width: 16px; background: #000000;
    border-left: 1px solid #ffffff; }}
QAbstractSpinBox::up-arrow {{ image: url("{{up}}"); width: 10px; height: 6px; }}
QAbstractSpinBox::down-arrow {{ image: url("{{down}}"); width: 10px; height: 6px; }}
QComboBox::down-arrow {{ image: url("{{down}}"); width: 10px; height: 6px; }}
QPushButton, QToolButton {{ border: 2px solid #ffffff; padding: 2px 8px; background: #000000;
    color: #ffffff; }}
QPushButton:focus, QToolButton:focus {{ border: 3px solid #ffff00; }}
QPushButton:pressed, QPushButton:checked {{ background: #00ffff; color: #000000; }}
QPushButton:disabled, QToolButton:disabled {{ border: 2px dashed #9a9a9a; color: #9a9a9a; }}
QCheckBox:focus, QRadioButton:focus, QLabel:focus {{ border: 2px solid #ffff00; }}
QCheckBox::indicator, QRadioButton::indicator {{ width: 14px; height: 14px;
    border: 2px solid #ffffff; background: #000000; }}
QCheckBox::indicator:checked, QRadioButton::indicator:checked {{ background: #00ffff; }}
QTabBar::tab {{ border: 2px solid #ffffff; padding: 2px 8px; color: #ffffff;
    background: #000000; }}
QTabBar::tab:selected {{ background: #00ffff; color: #000000; }}
QTabBar::tab:focus {{ border: 3px solid #ffff00; }}
QHeaderView::section {{ background: #000000; color: #ffffff; border: 1px solid #ffffff;
    padding: 0px 3px; font-weight: bold; }}
QGroupBox {{ border: 1px solid #ffffff; margin-top: 1.1em; }}
QGroupBox::title {{ subcontrol-origin: margin; left: 6px; padding: 0 4px; }}
QMenuBar::item:selected, QMenu::item:selected {{ background: #00ffff; color: #000000; }}
QMenu {{ border: 2px solid #ffffff; }}
QToolTip {{ border: 1px solid #ffffff; }}
QDialogButtonBox {{ dialogbuttonbox-buttons-have-icons: 0; }}
"""

# The region's status colours (capacity) and the chart's lines, bright on black.
_HIGH_COLOURS = {
    "#2e7d32": "#00ff00",  # groen; chart: free
    "#f9a825": "#ffff00",  # geel
    "#ef6c00": "#ff9900",  # oranje
    "#c62828": "#ff4040",  # rood
    "#6a1010": "#ff80ff",  # donkerrood: magenta, the one bright colour left
    "#1f4e79": "#00ffff",  # chart: staffed
    "#a63d00": "#ff9900",  # chart: occupied
    "#fff2cc": "#ffff00",  # emphasis background (stale, overdue), with black bold text
}

_high = False


def _arrows() -> dict[str, str]:
    """White arrow images for spin boxes and combo boxes (the style's own are drawn dark
    once inputs have a style sheet); drawn here, so no image files ship with the app."""
    folder = Path(platformdirs.user_cache_dir("resilient-zcc", appauthor=False)) / "contrast"
    folder.mkdir(parents=True, exist_ok=True)
    paths = {}
    for name, points in (("up", ((0, 6), (10, 6), (5, 0))), ("down", ((0, 0), (10, 0), (5, 6)))):
        path = folder / f"{name}-white.png"
        if not path.exists():
            image = QImage(20, 12, QImage.Format.Format_ARGB32)
            image.fill(Qt.GlobalColor.transparent)
            painter = QPainter(image)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor("#ffffff"))
            painter.drawPolygon(QPolygonF([QPointF(x * 2, y * 2) for x, y in points]))
            painter.end()
            image.save(str(path))
        paths[name] = path.as_posix()
    return paths


def style() -> str:
    return STYLE.replace("{up}", _arrows()["up"]).replace("{down}", _arrows()["down"])


def is_high() -> bool:
    return _high


def colour(normal: str) -> str:
    """`normal` (a hex colour used on a light window), or its high-contrast counterpart."""
    return _HIGH_COLOURS.get(normal.lower(), normal) if _high else normal


class Contrast:
    def __init__(self, app: QApplication) -> None:
        self.app = app
        self.normal = QPalette(app.palette())
        self.normal_style = app.styleSheet()
        self.high = False

    def set_high(self, high: bool) -> None:
        global _high
        self.high = _high = high
        if high:
            palette = QPalette(self.normal)
            for role, value in _HIGH.items():
                palette.setColor(role, QColor(value))
            for role, value in _DISABLED.items():
                palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(value))
            self.app.setPalette(palette)
            self.app.setStyleSheet(self.normal_style + style())
        else:
            self.app.setPalette(self.normal)
            self.app.setStyleSheet(self.normal_style)
