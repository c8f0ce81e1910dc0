"""One path for every error: clear messages for ours, a dialog and a log line for bugs."""

from __future__ import annotations

import logging
import sys
import traceback
from types import TracebackType

from PySide6.QtWidgets import QMessageBox, QWidget

from resilient_zcc.errors import ZccError

from .i18n import tr

log = logging.getLogger("resilient_zcc.ui")


def show_error(parent: QWidget | None, exc: BaseException) -> None:
    if isinstance(exc, ZccError):
        QMessageBox.warning(parent, tr("Error"), str(exc))
        return
    # The message of an unexpected error may quote data; the log keeps only where it happened.
    frames = "".join(traceback.format_tb(exc.__traceback__))
    log.error("unexpected %s\n%s", type(exc).__name__, frames)
    QMessageBox.critical(
        parent,
        tr("Unexpected error"),
        tr(
            "Something went wrong that should not have. Your data is safe; the details were "
            "written to the log. Please report: {error}",
            error=type(exc).__name__,
        ),
    )


def install_excepthook() -> None:
    """An exception nobody caught shows a dialog instead of ending the app silently."""

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, exc, tb)
            return
        show_error(None, exc)

    sys.excepthook = hook
