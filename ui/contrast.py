"""A high-contrast palette for bright rooms, poor screens and tired eyes."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

# White on black, selection black on yellow: WCAG contrast well above 7:1.
_HIGH = {
    QPalette.ColorRole.Window: "#000000",
    QPalette.ColorRole.WindowText: "#ffffff",
    QPalette.ColorRole.Base: "#000000",
    QPalette.ColorRole.AlternateBase: "#1a1a1a",
    QPalette.ColorRole.Text: "#ffffff",
    QPalette.ColorRole.Button: "#000000",
    QPalette.ColorRole.ButtonText: "#ffffff",
    QPalette.ColorRole.Highlight: "#ffff00",
    QPalette.ColorRole.HighlightedText: "#000000",
    QPalette.ColorRole.ToolTipBase: "#000000",
    QPalette.ColorRole.ToolTipText: "#ffffff",
    QPalette.ColorRole.PlaceholderText: "#d0d0d0",
    QPalette.ColorRole.Link: "#00ffff",
}
_STYLE = "* { border-color: #ffffff; } QPushButton { border: 2px solid #ffffff; padding: 4px; }"


class Contrast:
    def __init__(self, app: QApplication) -> None:
        self.app = app
        self.normal = QPalette(app.palette())
        self.normal_style = app.styleSheet()
        self.high = False

    def set_high(self, high: bool) -> None:
        self.high = high
        if high:
            palette = QPalette(self.normal)
            for role, colour in _HIGH.items():
                palette.setColor(role, QColor(colour))
            self.app.setPalette(palette)
            self.app.setStyleSheet(self.normal_style + _STYLE)
        else:
            self.app.setPalette(self.normal)
            self.app.setStyleSheet(self.normal_style)
