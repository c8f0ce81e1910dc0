"""A location's capacity history for one category as lines over time (Qt Charts)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCharts import QChart, QChartView, QDateTimeAxis, QLineSeries, QValueAxis
from PySide6.QtCore import QDateTime, QEvent, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPalette, QPen

from .. import contrast
from ..i18n import add_catalogue, tr

add_catalogue(
    {
        "Staffed": "Bemand",
        "Occupied": "Bezet",
        "Free": "Vrij",
        "Select a location to see its history.": ("Kies een locatie om het verloop te zien."),
        "History: {location}, {category}": "Verloop: {location}, {category}",
    }
)

HOUR_MS = 3_600_000
# Each line differs in colour AND in pen style, so the chart reads without colour too.
LINES: tuple[tuple[str, str, Qt.PenStyle], ...] = (
    ("staffed", "#1f4e79", Qt.PenStyle.SolidLine),
    ("occupied", "#a63d00", Qt.PenStyle.DashLine),
    ("available", "#2e7d32", Qt.PenStyle.DotLine),
)


def _msecs(iso: str) -> float:
    return datetime.fromisoformat(iso).timestamp() * 1000


class HistoryChart(QChartView):
    def __init__(self) -> None:
        super().__init__()
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(240)
        self.chart_ = QChart()
        self.chart_.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.setChart(self.chart_)
        titles = {"staffed": tr("Staffed"), "occupied": tr("Occupied"), "available": tr("Free")}
        self.series: dict[str, QLineSeries] = {}
        self.x_axis = QDateTimeAxis()
        self.x_axis.setFormat("dd-MM HH:mm")
        self.x_axis.setTickCount(4)
        self.y_axis = QValueAxis()
        self.y_axis.setLabelFormat("%d")
        self.chart_.addAxis(self.x_axis, Qt.AlignmentFlag.AlignBottom)
        self.chart_.addAxis(self.y_axis, Qt.AlignmentFlag.AlignLeft)
        for key, _colour, _style in LINES:
            series = QLineSeries()
            series.setName(titles[key])
            series.setPointsVisible(True)
            self.chart_.addSeries(series)
            series.attachAxis(self.x_axis)
            series.attachAxis(self.y_axis)
            self.series[key] = series
        self.follow_palette()
        self.clear()

    def follow_palette(self) -> None:
        """Background, text, grid and lines from the window's palette (high contrast: white
        on black, bright lines), not the chart theme's fixed white and pastel."""
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        self.chart_.setBackgroundBrush(QBrush(palette.color(QPalette.ColorRole.Base)))
        self.chart_.setBackgroundPen(QPen(palette.color(QPalette.ColorRole.Mid)))
        self.chart_.setTitleBrush(QBrush(text))
        self.chart_.legend().setLabelColor(text)
        self.setBackgroundBrush(QBrush(palette.color(QPalette.ColorRole.Window)))
        for axis in (self.x_axis, self.y_axis):
            axis.setLabelsColor(text)
            axis.setLinePenColor(text)
            axis.setGridLineColor(palette.color(QPalette.ColorRole.Mid))
            axis.setTitleBrush(QBrush(text))
        for key, colour, style in LINES:
            pen = QPen(QColor(contrast.colour(colour)))
            pen.setWidth(3 if contrast.is_high() else 2)
            pen.setStyle(style)
            self.series[key].setPen(pen)
            self.series[key].setBrush(QBrush(pen.color()))  # the points

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self.follow_palette()

    def show_history(self, rows: list[dict[str, Any]], location: str, category: str) -> None:
        """One point per report (corrections included), oldest first."""
        self.chart_.setTitle(
            tr("History: {location}, {category}", location=location, category=category)
        )
        for key, series in self.series.items():
            series.clear()
            for row in rows:
                series.append(_msecs(row["reported_at"]), float(row[key] or 0))
        times = [_msecs(row["reported_at"]) for row in rows]
        if not times:
            self._empty_axes()
            return
        low, high = min(times), max(times)
        pad = max((high - low) * 0.04, HOUR_MS)  # no point on the frame; one report has room
        low, high = low - pad, high + pad
        self.x_axis.setRange(
            QDateTime.fromMSecsSinceEpoch(int(low)), QDateTime.fromMSecsSinceEpoch(int(high))
        )
        top = max((row["total"] or row["staffed"] or 0) for row in rows)
        self.y_axis.setRange(0, max(top, 1))
        self.y_axis.applyNiceNumbers()

    def clear(self) -> None:
        for series in self.series.values():
            series.clear()
        self.chart_.setTitle(tr("Select a location to see its history."))
        self._empty_axes()

    def _empty_axes(self) -> None:
        now = QDateTime.currentDateTime()
        self.x_axis.setRange(now.addDays(-1), now)
        self.y_axis.setRange(0, 10)

    def point_count(self) -> int:
        return len(self.series["staffed"].points())
