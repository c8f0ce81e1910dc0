"""`make screenshots`: every screen of the demo in both languages, as PNG files to look at.

Runs the real window (under Xvfb in `make screenshots`) on a copy of a demo profile and saves
what each screen shows. Usage: python -m ui.screenshots PROFILE OUTDIR (passphrase from
RZCC_PASSPHRASE).
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtWidgets import QApplication

from .dialogs.import_wizard import ImportWizard
from .i18n import LANGUAGES, set_language
from .main_window import MainWindow
from .session import Session
from .views.printing import PrintingView


def capture(
    profile: Path,
    out: Path,
    passphrase: str,
    languages: tuple[str, ...] = tuple(LANGUAGES),
    high_contrast: bool = False,
    tag: str = "",
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
            window.set_high_contrast(high_contrast)
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
                    if isinstance(page, PrintingView) and page.preview():  # the alarm card
                        until = time.monotonic() + 30  # laid out in a worker thread
                        while page.job is not None and time.monotonic() < until:
                            app.processEvents()
                            time.sleep(0.02)
                app.processEvents()
                path = out / f"{index + 1:02d}-{key}-{language}{tag}.png"
                window.grab().save(str(path))
                written.append(path)
            written += capture_import_wizard(window, out, Path(work), f"{language}{tag}")
            session.lock()
            window.set_high_contrast(False)
            window.close()
    set_language("nl")
    return written


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


def main() -> int:
    """Every screen in both languages; then Dutch in high contrast, and at 125 % when
    QT_SCALE_FACTOR says so (the Makefile runs that as a second process)."""
    profile, out = Path(sys.argv[1]), Path(sys.argv[2])
    passphrase = os.environ["RZCC_PASSPHRASE"]
    scale = os.environ.get("QT_SCALE_FACTOR")
    if scale:
        written = capture(profile, out, passphrase, ("nl",), tag=f"-scale{scale}")
    else:
        written = capture(profile, out, passphrase)
        written += capture(profile, out, passphrase, ("nl",), high_contrast=True, tag="-hc")
    for path in written:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
