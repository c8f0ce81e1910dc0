"""The window, every screen and every dialog fit the laptops coordinators have:
1366x768 at 100 % and 1920x1080 at 150 % (1280x720 logical pixels)."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Callable

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QDialog, QWidget

import ui.dialogs
from resilient_zcc.contacts.queries import contact_card
from resilient_zcc.crisis.regions import default_region
from ui.call_card_presenter import from_contact
from ui.dialogs.call_card import CallCard, ClipboardKeeper
from ui.dialogs.contact_edit import ChannelDialog, ChannelsDialog, PersonDialog
from ui.dialogs.create import CreateProfileDialog, RecoveryKeyDialog
from ui.dialogs.help import AboutDialog, ShortcutsDialog
from ui.dialogs.import_wizard import ImportWizard
from ui.dialogs.outage import OutageDialog
from ui.dialogs.phase import PhaseDialog
from ui.dialogs.placement_request import RegisterRequestDialog
from ui.dialogs.prompt import PromptDialog
from ui.dialogs.rota import RotaDialog
from ui.dialogs.sitrap import SitrapDialog
from ui.dialogs.unlock import UnlockDialog
from ui.main_window import SMALLEST_SCREEN, MainWindow


def fits(widget: QWidget) -> QSize:
    """The least room the widget asks for: its minimum size or, when unset, its hint."""
    return widget.minimumSizeHint().expandedTo(widget.minimumSize())


def assert_fits(widget: QWidget, what: str) -> None:
    need = fits(widget)
    assert need.width() <= SMALLEST_SCREEN.width(), f"{what} needs {need.width()} px wide"
    assert need.height() <= SMALLEST_SCREEN.height(), f"{what} needs {need.height()} px high"


def test_the_window_fits_with_each_screen_in_front(qtbot, unlocked_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window = unlocked_window
    for index, key in enumerate(window.keys):
        window.open_index(index)
        qtbot.waitUntil(lambda: window.pages.currentIndex() == index)  # noqa: B023
        assert_fits(window, f"the window with {key}")
        window.resize(SMALLEST_SCREEN)
        qtbot.waitUntil(lambda: window.size() == SMALLEST_SCREEN)
    assert window.minimumWidth() <= SMALLEST_SCREEN.width()


@pytest.mark.parametrize("high_contrast", [False, True])
def test_at_the_smallest_size_no_screen_needs_scroll_bars(  # type: ignore[no-untyped-def]
    qtbot, unlocked_window: MainWindow, high_contrast: bool
) -> None:
    """At 1280x720 less a title bar and a task bar, each screen fits its area whole, also
    with the frames and padding of high contrast."""
    from PySide6.QtWidgets import QScrollArea

    window = unlocked_window
    window.resize(SMALLEST_SCREEN - QSize(0, 70))
    area = window.findChild(QScrollArea)
    assert area is not None and area.widget() is window.pages
    window.contrast_action.setChecked(high_contrast)
    try:
        for index, key in enumerate(window.keys):
            window.open_index(index)
            qtbot.waitUntil(lambda: window.pages.currentIndex() == index)  # noqa: B023
            qtbot.wait(10)
            assert not area.horizontalScrollBar().isVisible(), f"{key} scrolls sideways"
            assert not area.verticalScrollBar().isVisible(), (
                f"{key} scrolls down: {window.pages.minimumSizeHint()} in {area.viewport().size()}"
            )
    finally:
        window.contrast_action.setChecked(False)  # the palette is the application's


def _dialogs(window: MainWindow) -> dict[type, Callable[[], QWidget]]:
    """One way to open each dialog of ui/dialogs on the demo profile."""
    session = window.session
    store = session.store
    person = store.query_one("SELECT id FROM people WHERE deleted = 0 ORDER BY id")["id"]
    return {
        UnlockDialog: lambda: UnlockDialog(session, window),
        CreateProfileDialog: lambda: CreateProfileDialog(session, window),
        RecoveryKeyDialog: lambda: RecoveryKeyDialog("ABCD " * 8, window),
        PersonDialog: lambda: PersonDialog(session, person, window),
        ChannelDialog: lambda: ChannelDialog(session, ("person", person), None, window),
        ChannelsDialog: lambda: ChannelsDialog(session, person, window),
        RotaDialog: lambda: RotaDialog(session, person, window),
        PhaseDialog: lambda: PhaseDialog(session, default_region(store), "2a", None, window),
        OutageDialog: lambda: OutageDialog(session, default_region(store), None, window),
        RegisterRequestDialog: lambda: RegisterRequestDialog(session, window),
        ImportWizard: lambda: ImportWizard(session, window),
        PromptDialog: lambda: PromptDialog(
            window, "Titel", "Vraag", lambda _t, _c: True, choices=[("a", "Keuze")]
        ),
        ShortcutsDialog: lambda: ShortcutsDialog(window),
        AboutDialog: lambda: AboutDialog(session.profile, window),
        SitrapDialog: lambda: SitrapDialog(session, window),
        CallCard: lambda: CallCard(
            from_contact(contact_card(store, person)), ClipboardKeeper(session), window
        ),
    }


def _all_dialog_classes() -> set[type]:
    found: set[type] = set()
    for info in pkgutil.iter_modules(ui.dialogs.__path__):
        module = importlib.import_module(f"ui.dialogs.{info.name}")
        for _name, value in inspect.getmembers(module, inspect.isclass):
            if issubclass(value, QDialog) and value.__module__ == module.__name__:
                found.add(value)
    return found


def test_every_dialog_fits(qtbot, unlocked_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    makers = _dialogs(unlocked_window)
    abstract = {cls for cls in _all_dialog_classes() if cls.__name__ == "FormDialog"}
    missing = _all_dialog_classes() - abstract - set(makers)
    assert not missing, f"add these dialogs to the fit test: {sorted(c.__name__ for c in missing)}"
    for cls, make in makers.items():
        dialog = make()
        qtbot.addWidget(dialog)
        assert_fits(dialog, cls.__name__)
        dialog.show()  # and it opens no larger than the screen
        opened = dialog.size()
        dialog.close()
        assert opened.width() <= SMALLEST_SCREEN.width(), f"{cls.__name__} opens {opened}"
        assert opened.height() <= SMALLEST_SCREEN.height(), f"{cls.__name__} opens {opened}"


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_window_fits_in_both_languages(  # type: ignore[no-untyped-def]
    qtbot, unlocked_window: MainWindow, language: str
) -> None:
    from ui.i18n import set_language

    set_language(language)
    window = MainWindow(unlocked_window.session, lambda: None)
    qtbot.addWidget(window)
    window.show()
    for index in range(len(window.keys)):
        window.open_index(index)
        assert_fits(window, f"{language} {window.keys[index]}")
