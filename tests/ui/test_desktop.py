"""The desktop client with pytest-qt: unlock, overview, search, verify, lock."""

from __future__ import annotations

import warnings
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from resilient_zcc.contacts.queries import stale_people
from resilient_zcc.dashboard import BedsAnswer
from ui.dialogs.create import CreateProfileDialog
from ui.dialogs.unlock import UnlockDialog, retry_delay
from ui.main_window import MainWindow
from ui.session import Session

from ..conftest import PASSPHRASE
from ..helpers import fill, new_store, small_disk

STALE_IC = BedsAnswer(
    category="ic",
    name="IC",
    name_en="IC",
    locations=1,
    staffed=1,
    occupied=1,
    free=0,
    held=0,
    free_after_holds=0,
    oldest_age_s=3 * 86400,
    stale_locations=1,
    overbezet_locations=0,
)


def unlock(qtbot, session: Session, passphrase: str = PASSPHRASE) -> UnlockDialog:  # type: ignore[no-untyped-def]
    dialog = UnlockDialog(session)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.passphrase, passphrase)
    return dialog


def test_unlock_shows_the_overview_with_phase_capacity_and_queue(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.show()  # hidden screens read nothing; the one in front reads on unlock
    dialog = unlock(qtbot, window.session)
    with qtbot.waitSignal(window.session.unlocked, timeout=10_000):
        qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)
    overview = window.overview
    qtbot.waitUntil(lambda: overview.capacity.rowCount() > 0)
    lines = overview.line_texts()
    at = next(n for n, line in enumerate(lines) if line.startswith("Fase "))
    assert lines[at].startswith("Fase 2a")
    assert "besloten door" in lines[at + 1] and "op advies van" in lines[at + 1]
    assert overview.capacity.rowCount() >= 10
    assert any(
        overview.capacity.row(i)["beds"].category == "ic"
        for i in range(overview.capacity.rowCount())
    )
    assert any(line.startswith("Plaatsingswachtrij") for line in lines)
    assert "1 open conflict" in lines
    assert "Gegevens:" in window.data_age.text()


def test_a_profile_on_a_full_disk_opens_for_reading_with_a_warning(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with small_disk(tmp_path / "disk") as disk:
        new_store(disk / "profile").close()
        fill(disk)
        session = Session(disk / "profile")
        main = MainWindow(session, lambda: None)
        qtbot.addWidget(main)
        main.show()
        with qtbot.waitSignal(session.unlocked, timeout=10_000):
            session.unlock(PASSPHRASE)
        main.update_status()
        assert main.data_age.text().startswith("Schijf vol: alleen lezen")
        assert not main.background.active  # no syncs that could not be stored
        session.lock()


def test_wrong_passphrase_is_calm_and_delays_without_lock_out(qtbot, session: Session) -> None:  # type: ignore[no-untyped-def]
    dialog = unlock(qtbot, session, "not the passphrase")
    with qtbot.waitSignal(session.unlock_failed, timeout=10_000):
        dialog.try_unlock()
    assert "Onjuiste wachtwoordzin" in dialog.message.text()
    assert not dialog.ok.isEnabled() and dialog.passphrase.text() == ""
    qtbot.waitUntil(dialog.ok.isEnabled, timeout=3_000)  # one failure: one second
    assert not session.is_unlocked
    assert [retry_delay(n) for n in range(1, 8)] == [1, 2, 4, 8, 16, 30, 30]


def test_search_open_and_verify_a_contact(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    session = window.session
    with qtbot.waitSignal(session.unlocked, timeout=10_000):
        session.unlock(PASSPHRASE)
    stale_before = stale_people(session.store)
    target = stale_before[0]
    window.open_page("contacts")
    view = window.contacts
    qtbot.keyClicks(view.search, target["name"])
    assert view.results.rowCount() >= 1
    assert view.current() is not None and view.current().name == target["name"]
    assert target["name"] in view.detail.toPlainText()
    assert "VEROUDERD" in view.detail.toPlainText()
    qtbot.mouseClick(view.verify, Qt.MouseButton.LeftButton)
    assert "Laatst geverifieerd" in view.detail.toPlainText()
    assert "VEROUDERD" not in view.detail.toPlainText()
    assert len(stale_people(session.store)) == len(stale_before) - 1


def test_search_by_number_as_typed(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(window.session.unlocked, timeout=10_000):
        window.session.unlock(PASSPHRASE)
    qtbot.keyClicks(window.contacts.search, "06-1234 6")
    assert window.contacts.results.rowCount() > 0


def test_ctrl_l_locks_hides_the_data_and_asks_to_unlock(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    session = window.session
    with qtbot.waitSignal(session.unlocked, timeout=10_000):
        session.unlock(PASSPHRASE)
    window.show()
    with warnings.catch_warnings():  # offscreen has no window manager to activate it
        warnings.simplefilter("ignore", DeprecationWarning)
        QApplication.setActiveWindow(window)
    window.open_page("contacts")
    qtbot.keyClicks(window.contacts.search, "MST")
    with qtbot.waitSignal(session.locked):
        qtbot.keyClick(window.contacts.search, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert not session.is_unlocked
    assert window.body.currentWidget() is window.locked_label
    assert window.contacts.results.rowCount() == 0 and window.contacts.search.text() == ""
    qtbot.waitUntil(lambda: window.unlock_requests == [True])  # type: ignore[attr-defined]


def test_idle_lock_fires_once_without_input(qtbot, demo_profile: Path) -> None:  # type: ignore[no-untyped-def]
    session = Session(demo_profile)
    window = MainWindow(session, lambda: None, idle_lock_minutes=0.01)  # 0.6 s
    qtbot.addWidget(window)
    with qtbot.waitSignal(session.unlocked, timeout=10_000):
        session.unlock(PASSPHRASE)
    with qtbot.waitSignal(session.locked, timeout=5_000):
        pass
    assert not session.is_unlocked
    assert not window.idle_lock.timer.isActive()  # nothing left to wake the CPU


def test_idle_lock_waits_while_keys_and_mouse_reach_the_window(qtbot, demo_profile: Path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QPoint
    from PySide6.QtTest import QTest

    session = Session(demo_profile)
    window = MainWindow(session, lambda: None, idle_lock_minutes=0.01)  # 0.6 s
    qtbot.addWidget(window)
    window.show()
    handle = window.windowHandle()
    with qtbot.waitSignal(session.unlocked, timeout=10_000):
        session.unlock(PASSPHRASE)
    # Input goes through the window as a real one would, before Qt hands it to a widget.
    for step in range(8):  # 1.6 s of input, each gap shorter than the 0.6 s limit
        if step % 2:
            QTest.mouseMove(handle, QPoint(100 + step, 100))
        else:
            QTest.keyClick(handle, Qt.Key.Key_Shift)
        qtbot.wait(200)
        assert session.is_unlocked
    with qtbot.waitSignal(session.locked, timeout=5_000):
        pass  # and once the input stops, it locks


def test_create_profile_shows_the_recovery_key_once(qtbot, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import resilient_zcc.store as store_module
    from resilient_zcc.keyheader import KdfCost

    monkeypatch.setattr(store_module, "calibrate", lambda: KdfCost(1, 8192, 1))
    session = Session(tmp_path / "new")
    dialog = CreateProfileDialog(session)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.first, "kort")
    assert not dialog.ok.isEnabled() and "8" in dialog.hint.text()
    dialog.first.clear()
    qtbot.keyClicks(dialog.first, "een lange zin voor de test")
    qtbot.keyClicks(dialog.second, "een lange zin voor de tesT")
    assert not dialog.ok.isEnabled() and "verschillen" in dialog.hint.text()
    dialog.second.clear()
    qtbot.keyClicks(dialog.second, "een lange zin voor de test")
    assert dialog.ok.isEnabled()
    shown: list[str] = []

    def accept_recovery() -> None:
        for widget in QApplication.topLevelWidgets():
            if widget.windowTitle() == "Herstelsleutel" and widget.isVisible():
                shown.append(widget.findChildren(type(dialog.hint))[1].text())
                widget.accept()  # type: ignore[attr-defined]

    from PySide6.QtCore import QTimer

    with qtbot.waitSignal(dialog.created, timeout=10_000):
        dialog.create_profile()  # the work runs in a thread; the dialog says what it does
        assert not dialog.ok.isEnabled() and "aangemaakt" in dialog.hint.text()
        QTimer.singleShot(300, accept_recovery)
    qtbot.waitUntil(lambda: session.is_unlocked, timeout=10_000)
    assert len(shown) == 1 and len(shown[0].replace("-", "")) == 32
    session.lock()


def test_creating_a_profile_where_one_exists_says_so_and_stays_open(  # type: ignore[no-untyped-def]
    qtbot, demo_profile: Path, monkeypatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr("ui.dialogs.create.show_error", lambda _p, exc: shown.append(str(exc)))
    dialog = CreateProfileDialog(Session(demo_profile))
    qtbot.addWidget(dialog)
    for field in (dialog.first, dialog.second):
        qtbot.keyClicks(field, "een lange zin voor de test")
    with qtbot.waitSignal(dialog.failed, timeout=10_000):
        dialog.create_profile()
    assert shown and "bestaat al" in shown[0]
    assert dialog.ok.isEnabled() and not dialog.session.is_unlocked


def test_high_contrast_is_a_toggle_and_emphasis_stays_readable(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QPalette

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    normal = app.palette().color(QPalette.ColorRole.Window).name()
    window.contrast_action.trigger()
    assert app.palette().color(QPalette.ColorRole.Window).name() == "#000000"
    assert app.palette().color(QPalette.ColorRole.Text).name() == "#ffffff"
    model = window.overview.capacity
    model.set_rows([{"beds": STALE_IC}])
    index = model.index(0, 0)
    assert model.data(index, Qt.ItemDataRole.ForegroundRole).color().name() == "#000000"
    window.contrast_action.trigger()
    assert app.palette().color(QPalette.ColorRole.Window).name() == normal


def test_the_wait_message_clears_when_the_wait_is_over(qtbot, session: Session) -> None:  # type: ignore[no-untyped-def]
    dialog = unlock(qtbot, session, "not the passphrase")
    profile_line = f"Profiel: {session.profile}"
    assert dialog.message.text() == profile_line
    with qtbot.waitSignal(session.unlock_failed, timeout=10_000):
        dialog.try_unlock()
    assert dialog.message.text() == "Onjuiste wachtwoordzin. Wacht 1 s tot de volgende poging."
    qtbot.waitUntil(dialog.ok.isEnabled, timeout=3_000)
    assert dialog.message.text() == profile_line
