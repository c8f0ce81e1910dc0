"""Question (a) of the 60-second test: who to call now, from the keyboard, in the real window.

After unlocking: Ctrl+2, type, Down, Enter -> the call card shows the same first number as
the core's who-to-call answer and `contacts who --json`; copying puts the whole dialable
number on the clipboard, cleared by the timer and at lock.
"""

from __future__ import annotations

import json
import warnings
from datetime import UTC, datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from resilient_zcc.contacts.who import who_to_call
from ui.dialogs.call_card import CallCard
from ui.main_window import MainWindow

from ..test_cli import run_process


def _activate(window: MainWindow) -> None:
    window.show()
    with warnings.catch_warnings():  # offscreen has no window manager to activate it
        warnings.simplefilter("ignore", DeprecationWarning)
        QApplication.setActiveWindow(window)


def _open_card_by_keyboard(qtbot, window: MainWindow) -> CallCard:  # type: ignore[no-untyped-def]
    _activate(window)
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    view = window.contacts
    assert window.pages.currentWidget() is view
    assert QApplication.focusWidget() is view.search  # typed text is not lost
    qtbot.keyClicks(QApplication.focusWidget(), "zgt crisiscoordinator")
    qtbot.keyClick(view.search, Qt.Key.Key_Down)
    assert QApplication.focusWidget() is view.table
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    card = view.call_card
    assert isinstance(card, CallCard) and card.isVisible()
    return card


def test_who_to_call_in_three_keys_matches_core_and_cli(qtbot, unlocked_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window = unlocked_window
    card = _open_card_by_keyboard(qtbot, window)
    store = window.session.store
    answer = who_to_call(store, "ZGT", "crisiscoördinator", datetime.now(UTC))
    first = answer.entries[0]
    assert first.on_duty and first.first_number is not None
    # The card: the on-duty holder, their first number large, the fallbacks below.
    assert card.model.name == first.name and card.model.on_duty
    assert card.number.text() == first.first_number.display
    assert card.model.copy_text == first.first_number.dialable
    assert "NU IN DIENST" in card.findChildren(type(card.number))[1].text()
    # Below it: the person's other channels in the core's order, then their functions' own.
    rest = [line.text for line in card.model.fallbacks]
    assert rest[: len(first.channels) - 1] == [c.display for c in first.channels[1:]]
    assert all("via" in line.note for line in card.model.fallbacks[len(first.channels) - 1 :])
    assert len(card.fallbacks) == len(card.model.fallbacks)
    assert card.number.font().pointSize() >= 30 or "36pt" in card.number.styleSheet()
    # The command line gives the same first number.
    result = run_process(
        window.session.profile, "contacts", "who", "ZGT", "crisiscoördinator", "--json"
    )
    assert result.returncode == 0, result.stderr
    items = json.loads(result.stdout)
    dialable = next(c["dialable"] for c in items[0]["channels"] if c["dialable"])
    assert items[0]["name"] == first.name and dialable == card.model.copy_text


def test_copy_puts_the_dialable_number_and_clears_it(qtbot, unlocked_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window = unlocked_window
    card = _open_card_by_keyboard(qtbot, window)
    clipboard = QGuiApplication.clipboard()
    keeper = window.contacts.clipboard
    keeper.interval_ms = 200  # 30 s in the app
    qtbot.mouseClick(card.copy_button, Qt.MouseButton.LeftButton)
    assert clipboard.text() == card.model.copy_text and clipboard.text().startswith("+31")
    assert "gewist" in card.status.text()
    qtbot.waitUntil(lambda: clipboard.text() == "", timeout=3_000)
    # Something the user copied since is left alone.
    keeper.interval_ms = 60_000
    qtbot.keyClick(card, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert clipboard.text() == card.model.copy_text
    clipboard.setText("iets anders")
    keeper.clear()
    assert clipboard.text() == "iets anders"
    # Lock clears what we put there, and closes the card.
    qtbot.mouseClick(card.copy_button, Qt.MouseButton.LeftButton)
    assert clipboard.text() == card.model.copy_text
    with qtbot.waitSignal(window.session.locked):
        window.session.lock()
    assert clipboard.text() == ""
    assert not card.isVisible()


def test_ctrl_c_in_the_results_copies_the_number_not_the_name(
    qtbot, unlocked_window: MainWindow
) -> None:  # type: ignore[no-untyped-def]
    window = unlocked_window
    _activate(window)
    window.open_page("contacts")
    view = window.contacts
    qtbot.keyClicks(view.search, "zgt piket")
    qtbot.keyClick(view.search, Qt.Key.Key_Down)
    qtbot.keyClick(view.table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    first = view.cards[0]
    assert first.on_duty and first.first_dialable.startswith("+31")
    assert QGuiApplication.clipboard().text() == first.first_dialable
    # The row shows function, organisation, a worded on-duty mark and the number in full.
    texts = [view.results.index(0, c).data() for c in range(view.results.columnCount())]
    assert texts[1] == "● IN DIENST" and texts[2] == first.first_number
    assert texts[2].replace(" ", "").startswith("0")  # the whole number, with its 0
    assert "Piket medisch specialist" in texts[3] and "Ziekenhuisgroep Twente" in texts[4]
    # The button opens the same card as Enter.
    qtbot.mouseClick(view.call, Qt.MouseButton.LeftButton)
    assert view.call_card is not None and view.call_card.model.copy_text == first.first_dialable
    view.call_card.close()
    # Ctrl+F from the results puts the cursor back in the search box, the text selected.
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is view.search and view.search.selectedText() == "zgt piket"
    window.session.lock()
