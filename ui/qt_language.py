"""Qt's own texts (standard buttons, file, print and colour dialogs) in the window's language.

Our strings come from ui.i18n; Qt's come from the qtbase_<lang>.qm catalogue PySide6 ships.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator

from .i18n import set_language as set_our_language

_installed: QTranslator | None = None


def set_language(language: str) -> bool:
    """Switch our texts and Qt's; False when Qt has no catalogue for `language` (English
    then shows, which is Qt's own language)."""
    global _installed
    set_our_language(language)
    app = QCoreApplication.instance()
    if app is None:
        return False
    if _installed is not None:
        app.removeTranslator(_installed)
        _installed = None
    if language == "en":
        return True
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not translator.load(f"qtbase_{language}", folder):
        return False
    app.installTranslator(translator)
    _installed = translator
    return True
