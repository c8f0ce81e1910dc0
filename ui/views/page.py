"""A screen that reads from the core only while it is shown.

Hidden screens only note that their data changed; they catch up when shown. So unlocking,
or a write on one screen, costs the queries of the screen in front, not of every screen.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget

from ..errors import show_error
from ..session import Session


class Page(QWidget):
    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.stale = True
        session.unlocked.connect(self.data_changed)
        session.data_changed.connect(self.data_changed)
        session.locked.connect(self.clear)

    def data_changed(self) -> None:
        if self.isVisible() and self.session.is_unlocked:
            self.stale = False
            self.reload()
        else:
            self.stale = True

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if self.stale and self.session.is_unlocked:
            self.stale = False
            self.reload()

    def write(self, command: Callable[[], object]) -> bool:
        """Run one core command; when it refuses, say why. Every screen then reloads."""
        try:
            command()
        except Exception as exc:  # one path for every error
            show_error(self, exc)
            return False
        self.session.changed()
        return True

    def reload(self) -> None:
        """Read what the screen shows from the core."""

    def clear(self) -> None:
        """Forget everything shown: the profile was locked."""
