"""Tables whose rows carry their own markers (the presenter sets `alarm` and `emphasis`)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QHeaderView, QPushButton, QTableView

from ..models.rows import RowsModel
from .tables import row_table

NAME_WIDTH = 230  # a longer name is cut short; its tooltip holds it whole
Index = QModelIndex | QPersistentModelIndex


class MarkedRows(RowsModel):
    """Rows with their own `alarm` and `emphasis` flags; the first column's whole text as a
    tooltip, as it may be cut short."""

    def __init__(self, columns: list[Any]) -> None:
        super().__init__(columns)
        self.alarm = lambda r: bool(r.get("alarm"))
        self.emphasis = lambda r: bool(r.get("emphasis"))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and index.isValid() and index.column() == 0:
            return super().data(index, Qt.ItemDataRole.DisplayRole)
        return super().data(index, role)


def marked_table(model: RowsModel) -> QTableView:
    table = row_table(model)
    table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
    return table


def fit_names(table: QTableView) -> None:
    """The first column (a name) as wide as it needs up to NAME_WIDTH; the rest follow."""
    table.resizeColumnToContents(0)
    table.setColumnWidth(0, min(table.columnWidth(0), NAME_WIDTH))


def cell(key: str) -> Any:
    """A column's text: the row's value for `key`, empty when missing."""
    return lambda r: "" if r.get(key) is None else str(r[key])


def plain_button(text: str) -> QPushButton:
    button = QPushButton(text)
    button.setAutoDefault(False)  # Enter in a table must not press it
    return button
