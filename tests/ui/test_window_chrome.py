"""Menus, shortcuts, title, Help and Qt's own texts: the desktop conventions."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMenu

from ui.dialogs.help import AboutDialog, ShortcutsDialog
from ui.main_window import MainWindow


def _mnemonic(text: str) -> str:
    return text[text.index("&") + 1].lower()


def _menus(window: MainWindow) -> list[QMenu]:
    menus = [action.menu() for action in window.menuBar().actions()]
    return [menu for menu in menus if isinstance(menu, QMenu)]


def test_menus_have_unique_mnemonics(window: MainWindow) -> None:
    menus = _menus(window)
    titles = [menu.title() for menu in menus]
    assert titles == ["&Bestand", "Bee&ld", "&Help"]
    assert len({_mnemonic(t) for t in titles}) == len(titles)
    for menu in menus:
        keys = [_mnemonic(a.text()) for a in menu.actions() if "&" in a.text()]
        assert len(keys) == len(set(keys)), f"{menu.title()}: {keys}"


def test_file_menu_holds_lock_and_quit(window: MainWindow) -> None:
    file_menu = _menus(window)[0]
    by_text = {a.text(): a.shortcut().toString() for a in file_menu.actions()}
    assert by_text["&Vergrendelen"] == "Ctrl+L"
    assert by_text["&Afsluiten"] == "Ctrl+Q"


def test_quit_closes_the_window(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    assert window.isVisible()
    window.quit_action.trigger()
    qtbot.waitUntil(lambda: not window.isVisible())


def test_screen_shortcuts_are_shown_in_the_sidebar_tooltips(window: MainWindow) -> None:
    for number in range(window.sidebar.count()):
        digit = (number + 1) % 10  # the tenth screen is Ctrl+0
        keys = QKeySequence(f"Ctrl+{digit}").toString(QKeySequence.SequenceFormat.NativeText)
        assert window.sidebar.item(number).toolTip().endswith(f"({keys})")
    assert window.sidebar.item(1).toolTip().startswith("Contacten")


def test_the_shortcut_overview_is_made_from_the_actions(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    dialog = window.show_shortcuts()
    assert isinstance(dialog, ShortcutsDialog)
    table = dialog.table
    shown = {table.item(r, 0).text(): table.item(r, 1).text() for r in range(table.rowCount())}
    assert shown["Vergrendelen"] == "Ctrl+L"
    assert shown["Afsluiten"] == "Ctrl+Q"
    assert shown["Hoog contrast"] == "Ctrl+Shift+H"
    assert shown["Overzicht"] == "Ctrl+1" and shown["Uitval"] == "Ctrl+5"
    assert shown["Synchronisatie"] == "Ctrl+0"
    # A screen's own shortcuts are listed with the screen they work on.
    where = {table.item(r, 0).text(): table.item(r, 2).text() for r in range(table.rowCount())}
    assert shown["Nieuwe aanvraag"] == "Ctrl+N" and where["Nieuwe aanvraag"] == "Plaatsingen"
    assert where["Vergrendelen"] == "overal"
    # An action added later shows up without anyone keeping a list.
    extra = window.menuBar().actions()[0].menu().addAction("Proefactie")  # type: ignore[union-attr]
    extra.setShortcut(QKeySequence("Ctrl+Shift+P"))
    again = window.show_shortcuts()
    rows = {again.table.item(r, 0).text() for r in range(again.table.rowCount())}
    assert "Proefactie" in rows


def test_about_names_version_profile_and_licences(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    dialog = window.show_about()
    assert isinstance(dialog, AboutDialog)
    assert "Versie 0.1.0" in dialog.text.text()
    assert str(window.session.profile) in dialog.text.text()
    table = dialog.table
    licences = {table.item(r, 0).text(): table.item(r, 2).text() for r in range(table.rowCount())}
    assert "LGPL-3.0-only" in licences["PySide6_Essentials"]
    assert licences["SQLCipher"] == "BSD-3-Clause"
    assert "BSD" in licences["reportlab"]
    assert any(part.startswith("Qt 6") for part in licences)


def test_title_shows_region_and_phase_and_only_locked_when_locked(
    qtbot, window: MainWindow
) -> None:  # type: ignore[no-untyped-def]
    from ..conftest import PASSPHRASE

    session = window.session
    with qtbot.waitSignal(session.unlocked, timeout=10_000):
        session.unlock(PASSPHRASE)
    qtbot.waitUntil(lambda: "fase" in window.windowTitle())
    assert window.windowTitle().startswith("Resilient ZCC — ")
    assert "Twente" in window.windowTitle()
    assert window.windowTitle().endswith(" — fase 2a")
    session.lock()
    assert window.windowTitle() == "Resilient ZCC — vergrendeld"


def test_ctrl_q_is_a_window_shortcut(window: MainWindow) -> None:
    assert window.quit_action.shortcutContext() == Qt.ShortcutContext.WindowShortcut


def test_qt_own_buttons_follow_the_language(qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QDialogButtonBox

    from ui.i18n import tr
    from ui.qt_language import set_language

    def cancel_text() -> str:
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        qtbot.addWidget(box)
        return box.button(QDialogButtonBox.StandardButton.Cancel).text()

    try:
        assert set_language("nl")
        assert cancel_text() == "Annuleren"
        assert tr("Print") == "Afdrukken"
        assert set_language("en")
        assert cancel_text() == "Cancel"
        assert tr("Print") == "Print"
        assert set_language("nl")
        assert cancel_text() == "Annuleren"
    finally:
        set_language("en")  # the other tests see Qt as they always did


def test_overview_lines_wrap_and_open_their_screen_by_key_or_click(
    qtbot, unlocked_window: MainWindow
) -> None:  # type: ignore[no-untyped-def]
    window = unlocked_window
    overview = window.overview
    qtbot.waitUntil(lambda: bool(overview.line_texts()))
    phase = next(b for b in overview.line_buttons() if b.text().startswith("Fase"))
    assert phase.wordWrap()  # a long phase meaning no longer holds the window wide
    phase.setFocus()
    qtbot.keyClick(phase, Qt.Key.Key_Space)
    assert window.pages.currentIndex() == window.keys.index("crisis")
    window.open_index(0)
    queue = next(b for b in overview.line_buttons() if b.text().startswith("Plaatsingswachtrij"))
    qtbot.mouseClick(queue, Qt.MouseButton.LeftButton)
    assert window.pages.currentIndex() == window.keys.index("placements")
