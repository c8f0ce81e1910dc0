"""Start the desktop app: `resilient-zcc-desktop [--profile DIR] [--lang nl|en]`."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

import platformdirs
from PySide6.QtWidgets import QApplication, QDialog

from resilient_zcc.profile import default_profile_dir, header_path

from .dialogs.unlock import UnlockDialog
from .errors import install_excepthook
from .i18n import LANGUAGES, tr
from .main_window import DEFAULT_IDLE_LOCK_MIN, MainWindow
from .qt_language import set_language
from .session import Session


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="resilient-zcc-desktop", description=__doc__)
    parser.add_argument("--profile", type=Path, default=None, help="profile folder")
    parser.add_argument("--lang", choices=sorted(LANGUAGES), default="nl", help="language")
    parser.add_argument(
        "--lock-after",
        type=float,
        default=DEFAULT_IDLE_LOCK_MIN,
        metavar="MINUTES",
        help="lock after this many minutes without input (default 15)",
    )
    parser.add_argument("--high-contrast", action="store_true", help="white on black")
    return parser.parse_args(argv)


def _log_to_file() -> None:
    """Unexpected errors go to a log file (type and place only, never data)."""
    folder = Path(platformdirs.user_log_dir("resilient-zcc", appauthor=False))
    folder.mkdir(parents=True, exist_ok=True)
    logging.basicConfig(filename=folder / "desktop.log", level=logging.WARNING)


class DesktopApp:
    """Wires session, dialogs and window; kept apart from `main` so tests can drive it."""

    def __init__(self, profile: Path, idle_lock_minutes: float) -> None:
        self.session = Session(profile)
        self.window = MainWindow(self.session, self.ask_unlock, idle_lock_minutes)

    def start(self) -> bool:
        """Unlock (or create) the profile, then show the window; False when the user gives up."""
        passphrase = os.environ.get("RZCC_PASSPHRASE")  # scripts and `make run` on the demo
        if not header_path(self.session.profile).exists():
            from .dialogs.create import CreateProfileDialog  # first start only

            if CreateProfileDialog(self.session).exec() != QDialog.DialogCode.Accepted:
                return False
        elif passphrase is not None:
            dialog = UnlockDialog(self.session)
            dialog.passphrase.setText(passphrase)
            dialog.try_unlock()
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return False
        elif not self.ask_unlock():
            return False
        self.window.show()
        return True

    def ask_unlock(self) -> bool:
        if self.session.is_unlocked:
            return True
        return UnlockDialog(self.session, self.window).exec() == QDialog.DialogCode.Accepted


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    app = QApplication(sys.argv[:1])
    set_language(args.lang)  # after the application exists: Qt's own texts follow too
    app.setApplicationName(tr("Resilient ZCC"))
    _log_to_file()
    install_excepthook()
    desktop = DesktopApp(args.profile or default_profile_dir(), args.lock_after)
    desktop.window.contrast_action.setChecked(args.high_contrast)
    if not desktop.start():
        return 1
    code = app.exec()
    desktop.session.lock()
    return int(code)


if __name__ == "__main__":
    sys.exit(main())
