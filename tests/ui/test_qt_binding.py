"""The Qt binding itself: a regression test for a crash the pinned version must not have."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QHeaderView, QTableView

from ui.models.rows import Column, RowsModel


def test_resizing_rows_from_the_model_keeps_references_to_none(qtbot) -> None:  # type: ignore[no-untyped-def]
    """PySide6 6.12.0 lost a reference to None on every such resize, until Python aborted
    ("deallocating None") after a few thousand keystrokes in the contact search."""
    model = RowsModel([Column("a", lambda r: r["a"]), Column("b", lambda r: r["a"], True)])
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.show()
    before = sys.getrefcount(None)
    for round_ in range(40):
        model.set_rows([{"a": str(i)} for i in range(round_ % 7, 40)])
        view.resizeRowsToContents()
        QApplication.processEvents()
    assert sys.getrefcount(None) >= before - 10
