"""A read-only table model over rows a core query returned (a list of dicts)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from ..contrast import colour

Index = QModelIndex | QPersistentModelIndex
ALARM_COLOUR = "#c62828"  # red, dark enough to read on white and on the pale yellow


@dataclass(frozen=True)
class Column:
    title: str  # already translated
    text: Callable[[dict[str, Any]], str]
    align_right: bool = False


class RowsModel(QAbstractTableModel):
    def __init__(self, columns: list[Column]) -> None:
        super().__init__()
        self.columns = columns
        self.rows: list[dict[str, Any]] = []
        # A row may ask for emphasis (stale, overdue): bold text plus a pale background,
        # so it does not depend on colour alone.
        self.emphasis: Callable[[dict[str, Any]], bool] = lambda _row: False
        # A row may raise an alarm (overbezet): bold red text, beside a word that says it.
        self.alarm: Callable[[dict[str, Any]], bool] = lambda _row: False

    def set_rows(self, rows: list[dict[str, Any]]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def row(self, index: int) -> dict[str, Any]:
        return self.rows[index]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = self.rows[index.row()], self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and (self.emphasis(row) or self.alarm(row)):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.BackgroundRole and self.emphasis(row):
            return QBrush(QColor(colour("#fff2cc")))  # bright yellow in high contrast
        if role == Qt.ItemDataRole.ForegroundRole and self.emphasis(row):
            # Black on the (pale or bright) yellow in any palette; the words say "overbezet".
            return QBrush(QColor("#000000"))
        if role == Qt.ItemDataRole.ForegroundRole and self.alarm(row):
            return QBrush(QColor(colour(ALARM_COLOUR)))
        return None

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.columns[section].title
        return None
