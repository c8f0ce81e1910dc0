"""`make screenshots`: every screen of the demo in both languages, as PNG files to look at.

Runs the real window (under Xvfb in `make screenshots`) on a copy of a demo profile, sized as
a maximised window on the virtual screen, and saves what each screen shows: Dutch, English
and Dutch in high contrast. The Makefile runs it on a 1366x768 screen at 100 % and on a
1920x1080 screen at 150 % (QT_SCALE_FACTOR=1.5, 1280x720 logical pixels), the laptops
coordinators have. Usage: python -m ui.screenshots PROFILE OUTDIR (passphrase from
RZCC_PASSPHRASE).
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication, QWidget

from .dialogs.import_wizard import ImportWizard
from .dialogs.unlock import UnlockDialog
from .i18n import LANGUAGES
from .main_window import MainWindow
from .qt_language import set_language
from .session import Session
from .views.printing import PrintingView


def capture(
    profile: Path,
    out: Path,
    passphrase: str,
    languages: tuple[str, ...] = tuple(LANGUAGES),
    high_contrast: bool = False,
    tag: str = "",
    size: QSize | None = None,
) -> list[Path]:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    out.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory() as work:
        copy = Path(work) / "profile"
        shutil.copytree(profile, copy)  # searches and verifications stay out of the original
        for language in languages:
            set_language(language)
            session = Session(copy)
            window = MainWindow(session, lambda: None)
            window.contrast_action.setChecked(high_contrast)
            if size is not None:
                window.resize(size)
            written.append(_shot(UnlockDialog(session, window), out, f"00-unlock-{language}{tag}"))
            session.unlock(passphrase)
            deadline = time.monotonic() + 30
            while not session.is_unlocked and time.monotonic() < deadline:
                app.processEvents()
                time.sleep(0.02)
            app.processEvents()
            window.show()
            for index, key in enumerate(window.keys):
                window.open_index(index)
                if key == "contacts":
                    window.contacts.search.setText("piket")
                if key == "print":
                    page = window.pages.currentWidget()
                    if isinstance(page, PrintingView):  # one sheet printed, the card shown
                        _render(page, lambda p=page: p.save_pdf(Path(work) / "alarmkaart.pdf"))
                        _render(page, page.preview)
                app.processEvents()
                path = out / f"{index + 1:02d}-{key}-{language}{tag}.png"
                window.grab().save(str(path))
                written.append(path)
            written += capture_import_wizard(window, out, Path(work), f"{language}{tag}")
            written.append(_shot(window.show_shortcuts(), out, f"21-shortcuts-{language}{tag}"))
            written.append(_shot(window.show_about(), out, f"22-about-{language}{tag}"))
            session.lock()
            app.processEvents()
            window.grab().save(str(out / f"23-locked-{language}{tag}.png"))
            written.append(out / f"23-locked-{language}{tag}.png")
            window.contrast_action.setChecked(False)
            window.close()
    set_language("nl")
    return written


def _render(page: PrintingView, start: object) -> None:
    """Start a sheet (laid out in a worker thread) and wait until it is done."""
    if start():  # type: ignore[operator]
        _wait(lambda: page.job is None)
        _settle(1.0)  # the preview draws its pages after the document has loaded


def _settle(seconds: float) -> None:
    until = time.monotonic() + seconds
    _wait(lambda: time.monotonic() > until, seconds + 1)


def _shot(dialog: QWidget, out: Path, name: str) -> Path:
    """A dialog at the size it opens with, then closed."""
    dialog.show()
    QApplication.processEvents()
    path = out / f"{name}.png"
    dialog.grab().save(str(path))
    dialog.close()
    return path


# An invented list, as Dutch Excel saves it (';', Windows-1252), with one bad number.
SAMPLE_LIST = (
    "Naam;Functie;Organisatie;Sector;Mobiel;E-mailadres;Dienst\r\n"
    "Anneke Testpersoon;Crisiscoördinator;Zorgcentrum De Proefhoeve;VVT;06-1234 5678;"
    "anneke@voorbeeld.invalid;0546-123 456\r\n"
    "Bram Voorbeeldig;Teamleider;Zorgcentrum De Proefhoeve;VVT;06-1234 5679;;\r\n"
    "Cécile Oefenaar;Bedmanager;Zorgcentrum De Proefhoeve;VVT;06-12;;\r\n"
)


def _wait(until: object, seconds: float = 30) -> None:
    app = QApplication.instance()
    deadline = time.monotonic() + seconds
    while not until() and time.monotonic() < deadline:  # type: ignore[operator]
        if app is not None:
            app.processEvents()
        time.sleep(0.02)


def capture_import_wizard(window: MainWindow, out: Path, work: Path, tag: str) -> list[Path]:
    """Each step of the import wizard on an invented list (imported into the copy)."""
    path = work / f"sleutelfunctionarissen-{tag}.csv"
    path.write_bytes(SAMPLE_LIST.encode("cp1252"))
    wizard = window.import_contacts()
    if not isinstance(wizard, ImportWizard):
        return []
    written = []

    def shot(step: int, name: str) -> None:
        QApplication.processEvents()
        target = out / f"20-import-{step}-{name}-{tag}.png"
        wizard.grab().save(str(target))
        written.append(target)

    wizard.open_file(path)
    _wait(lambda: wizard.source is not None and not wizard.busy())
    shot(1, "file")
    wizard.next()
    wizard.mapping_page.choose("Dienst", "piket")
    shot(2, "mapping")
    wizard.next()
    _wait(lambda: wizard.plan is not None and not wizard.busy())
    shot(3, "dry-run")
    wizard.plan_page.skip.setChecked(True)
    wizard.next()
    _wait(lambda: wizard.imported is not None)
    shot(4, "applied")
    wizard.accept()
    return written


# A maximised window leaves the title bar and a task bar of the screen (logical pixels).
WINDOW_FRAME = QSize(0, 70)


def main() -> int:
    """Every screen in both languages, then Dutch in high contrast, on the screen this runs
    on (its size and QT_SCALE_FACTOR name the files)."""
    profile, out = Path(sys.argv[1]), Path(sys.argv[2])
    passphrase = os.environ["RZCC_PASSPHRASE"]
    QApplication.instance() or QApplication(sys.argv[:1])
    screen = QApplication.primaryScreen()
    logical = screen.size()
    physical = logical * screen.devicePixelRatio()
    scale = round(screen.devicePixelRatio() * 100)
    tag = f"-{physical.width()}x{physical.height()}-{scale}pct"
    size = logical - WINDOW_FRAME
    written = capture(profile, out, passphrase, tag=tag, size=size)
    written += capture(
        profile, out, passphrase, ("nl",), high_contrast=True, tag=f"{tag}-hc", size=size
    )
    for path in written:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
