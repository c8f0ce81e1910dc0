"""Synchronisatie: a real second peer as a separate process (`sync serve` on loopback),
sync now with progress, bundles between profiles, revoke, locking during a sync, and the
background syncer's one timer."""

from __future__ import annotations

import contextlib
import json
import re
import socket
import struct
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from resilient_zcc.contacts.model import add_organisation
from resilient_zcc.network import model
from resilient_zcc.store import Store
from sync import bundle as bundles
from sync import tls
from sync.bundle import BadBundle
from ui.background_sync import BackgroundSync
from ui.main_window import MainWindow
from ui.session import Session
from ui.views.sync import SyncView

from ..helpers import PASSPHRASE, new_store, reopen
from ..network_setup import join_in_process, trusted_sync
from ..test_sync_peers import CLI, ENV, Peer, free_port, ok

pytestmark = [pytest.mark.slow, pytest.mark.timeout(120)]


def org_names(store: Store) -> set[str]:
    return {row["name"] for row in store.query("SELECT name FROM organisations")}


@pytest.fixture
def profiles(tmp_path: Path) -> Iterator[tuple[Path, Path, Path]]:
    """a (opened in the window), b (a member that serves) and c (a member, offline)."""
    a, b, c = (tmp_path / name for name in "abc")
    with new_store(a, "ZCC-laptop") as sa, new_store(b, "Laptop-B") as sb, new_store(c, "C") as sc:
        model.create(sa, "Testregio")
        join_in_process(sa, sb)
        join_in_process(sa, sc)
        trusted_sync(sa, sb)
        add_organisation(sb, "Ziekenhuis van B (oefening)", "ziekenhuis")
    yield a, b, c


@pytest.fixture
def serving(profiles: tuple[Path, Path, Path]) -> Iterator[Peer]:
    peer = Peer(profiles[1])
    peer.serve()
    yield peer
    peer.stop()


def open_window(qtbot, profile: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    session = Session(profile)
    window = MainWindow(session, lambda: None, discovery=False)
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(session.unlocked, timeout=10_000):
        session.unlock(PASSPHRASE)
    return window


@pytest.fixture
def view(qtbot, profiles: tuple[Path, Path, Path]) -> Iterator[SyncView]:  # type: ignore[no-untyped-def]
    window = open_window(qtbot, profiles[0])
    window.open_page("sync")
    page = window.pages.currentWidget()
    assert isinstance(page, SyncView)
    yield page
    window.close()
    window.session.lock()


def row_of(view: SyncView, label: str) -> int:
    labels = [r["label"] for r in view.peers_model.rows]
    return labels.index(label)


def cell(view: SyncView, row: int, title: str) -> str:
    column = [c.title for c in view.peers_model.columns].index(title)
    return str(view.peers_model.data(view.peers_model.index(row, column)))


def test_the_screen_shows_device_network_and_peers(view: SyncView) -> None:
    assert view.device_label.text().startswith("ZCC-laptop (id ")
    assert view.network_label.text().startswith("Testregio")
    assert not view.setup.isVisibleTo(view)
    assert sorted(r["label"] for r in view.peers_model.rows) == ["C", "Laptop-B"]
    b = row_of(view, "Laptop-B")
    assert cell(view, b, "Laatste sync") == "nooit"
    assert cell(view, b, "Lidmaatschap") == "lid"
    window = view.window()
    titles = [window.sidebar.item(n).text() for n in range(window.sidebar.count())]
    assert titles[window.keys.index("sync")] == "Synchronisatie"


def test_sync_now_with_a_real_peer_brings_its_change(  # type: ignore[no-untyped-def]
    qtbot, view: SyncView, serving: Peer
) -> None:
    store = view.session.store
    assert "Ziekenhuis van B (oefening)" not in org_names(store)
    status_before = view.window().data_age.text()
    assert "ander apparaat nooit" in status_before
    view.address.setText(serving.address)
    with qtbot.waitSignal(view.finished, timeout=60_000):
        assert view.sync_now()
        assert view.job is not None and not view.sync_button.isEnabled()
        assert view.progress.maximum() == 0  # a moving bar while it works
    assert view.last_progress is not None and view.last_progress.stage == "done"
    assert "Ziekenhuis van B (oefening)" in org_names(view.session.store)
    assert view.message.text().startswith("Gesynchroniseerd met ")
    assert re.search(r": [1-9]\d* wijzigingen ontvangen, 0 verzonden", view.message.text())
    b = row_of(view, "Laptop-B")
    assert cell(view, b, "Laatste sync") != "nooit"
    assert cell(view, b, "Adres") == serving.address
    assert re.fullmatch(r"[1-9]\d* ontvangen, 0 verzonden", cell(view, b, "Resultaat"))
    assert "ander apparaat nooit" not in view.window().data_age.text()  # the status bar too
    assert view.sync_button.isEnabled()


def test_a_bad_address_and_a_refused_peer_say_so(  # type: ignore[no-untyped-def]
    qtbot, view: SyncView, monkeypatch: pytest.MonkeyPatch
) -> None:
    view.address.setText("not an address")
    assert not view.sync_now()
    assert "HOST:POORT" in view.message.text()
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: shown.append(text))
    view.address.setText("127.0.0.1:1")  # nobody listens there
    with qtbot.waitSignal(view.finished, timeout=60_000):
        assert view.sync_now()
    assert len(shown) == 1 and "127.0.0.1:1" in shown[0]


def test_bundle_export_and_import_into_another_profile(  # type: ignore[no-untyped-def]
    qtbot, view: SyncView, profiles: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    add_organisation(view.session.store, "Nieuw in A (oefening)", "ziekenhuis")
    view.session.changed()
    stick = tmp_path / "stick.rzcc"
    view.bundle_path.setText(str(stick))
    assert view.bundle_scope.currentData() is None  # everything, unless a device is chosen
    with qtbot.waitSignal(view.finished, timeout=60_000):
        assert view.export_bundle()
    assert stick.exists() and "Bundel geschreven naar" in view.message.text()
    # Into C through its own window's screen.
    view.window().close()
    view.session.lock()
    other = open_window(qtbot, profiles[2])
    other.open_page("sync")
    screen = other.pages.currentWidget()
    assert isinstance(screen, SyncView)
    screen.bundle_path.setText(str(stick))
    with qtbot.waitSignal(screen.finished, timeout=60_000):
        assert screen.import_bundle()
    assert "nieuwe wijzigingen" in screen.message.text()
    assert "Nieuw in A (oefening)" in org_names(other.session.store)
    names_after_import = org_names(other.session.store)
    # The same stick again: the clear refusal, nothing applied twice.
    shown: list[str] = []
    original = QMessageBox.warning
    QMessageBox.warning = lambda _p, _t, text: shown.append(text)  # type: ignore[assignment,method-assign]
    try:
        with qtbot.waitSignal(screen.finished, timeout=60_000):
            assert screen.import_bundle()
    finally:
        QMessageBox.warning = original  # type: ignore[method-assign]
    with pytest.raises(BadBundle) as refused:  # what the core says (read applies nothing)
        bundles.read(other.session.store, stick)
    assert "already imported" in refused.value.message.template
    assert shown == [str(refused.value)]
    assert org_names(other.session.store) == names_after_import
    other.close()
    other.session.lock()


def test_revoke_after_confirmation(qtbot, view: SyncView) -> None:  # type: ignore[no-untyped-def]
    view.peers_table.selectRow(row_of(view, "C"))
    box = view.ask_revoke()
    assert box is not None and "C (id " in box.text()
    box.button(QMessageBox.StandardButton.Yes).click()
    c = row_of(view, "C")
    assert cell(view, c, "Lidmaatschap").startswith("INGETROKKEN")
    assert "ingetrokken" in view.message.text()
    assert view.peers_model.emphasis(view.peers_model.row(c))


def test_locking_during_a_sync_shows_nothing_and_does_not_crash(  # type: ignore[no-untyped-def]
    qtbot, view: SyncView, serving: Peer
) -> None:
    view.address.setText(serving.address)
    with qtbot.waitSignal(view.finished, timeout=60_000):
        assert view.sync_now()
        view.session.lock()
    assert view.message.text() == ""
    assert view.peers_model.rowCount() == 0
    # The worker's own connection did its work and closed; the data arrived all the same.
    with reopen(view.session.profile) as store:
        assert "Ziekenhuis van B (oefening)" in org_names(store)


def test_no_network_no_background_sync_and_no_timer(  # type: ignore[no-untyped-def]
    qtbot, demo_profile: Path
) -> None:
    window = open_window(qtbot, demo_profile)
    assert not window.background.active and not window.background.timer.isActive()
    window.session.changed()
    assert not window.background.active and not window.background.timer.isActive()
    window.open_page("sync")
    page = window.pages.currentWidget()
    assert isinstance(page, SyncView) and page.setup.isVisibleTo(page)
    assert "nog geen" in page.network_label.text()
    window.close()
    window.session.lock()


def test_background_sync_after_a_local_change_then_idle(  # type: ignore[no-untyped-def]
    qtbot, profiles: tuple[Path, Path, Path], serving: Peer
) -> None:
    with reopen(profiles[0]) as store:  # A knows B's address from an earlier sync
        from sync.api import sync_now

        sync_now(store, serving.address)
    window = open_window(qtbot, profiles[0])
    background = window.background
    assert background.active and not background.timer.isActive()  # idle: no timer at all
    add_organisation(window.session.store, "Alleen in A (oefening)", "ziekenhuis")
    with qtbot.waitSignal(background.round_done, timeout=60_000):
        window.session.changed()  # a local write: B is due now
        assert background.timer.isActive() or background.job is not None
    assert not background.timer.isActive()  # done, nothing pending: idle again
    window.close()
    window.session.lock()
    peer_err = serving.stop()
    with reopen(profiles[1]) as b:
        assert "Alleen in A (oefening)" in org_names(b), peer_err


def test_background_backs_off_and_stops_when_locked(  # type: ignore[no-untyped-def]
    qtbot, profiles: tuple[Path, Path, Path]
) -> None:
    session = Session(profiles[0])
    background = BackgroundSync(session, discovery=False)
    with qtbot.waitSignal(session.unlocked, timeout=10_000):
        session.unlock(PASSPHRASE)
    assert background.active and not background.timer.isActive()
    me = session.store.identity.device_id
    b = next(r["device_id"] for r in model.members(session.store) if r["device_id"] != me)
    background.peer_announced(b, "127.0.0.1:1")  # announced, but nobody listens there
    assert background.timer.isActive() and background.timer.remainingTime() <= 10
    with qtbot.waitSignal(background.round_done, timeout=60_000):
        pass
    assert background.timer.isActive()  # a retry after the backoff, not at once
    assert background.timer.remainingTime() > 3_000
    session.lock()
    assert not background.active and not background.timer.isActive()
    background.peer_announced(b, "127.0.0.1:1")  # locked: ignored
    assert not background.timer.isActive()


def test_invite_shows_the_code_and_its_qr_and_copies_it(view: SyncView) -> None:
    made = view.make_invitation()
    assert made is not None and view.invite_code.text() == made.code
    assert view.invite_qr.pixmap() is not None and not view.invite_qr.pixmap().isNull()
    assert "Geldig tot" in view.invite_note.text()
    view.copy_code()
    from PySide6.QtGui import QGuiApplication

    assert QGuiApplication.clipboard().text() == made.code
    view.session.lock()
    assert view.invite_code.text() == "" and view.invite_qr.pixmap().isNull()


def test_create_a_network_from_the_screen(qtbot, demo_profile: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(qtbot, demo_profile)
    window.open_page("sync")
    page = window.pages.currentWidget()
    assert isinstance(page, SyncView)
    shown: list[str] = []
    original = QMessageBox.warning
    QMessageBox.warning = lambda _p, _t, text: shown.append(text)  # type: ignore[assignment,method-assign]
    try:
        assert not page.create_network("  ")  # a name is required: said, nothing made
    finally:
        QMessageBox.warning = original  # type: ignore[method-assign]
    assert len(shown) == 1 and model.current(window.session.store) is None
    assert not window.background.active
    assert page.create_network("Oefenregio")
    assert page.network_label.text().startswith("Oefenregio")
    assert window.background.active and not window.background.timer.isActive()
    assert not page.setup.isVisibleTo(page)
    window.close()
    window.session.lock()


def test_a_member_announced_by_mdns_is_synced_with(  # type: ignore[no-untyped-def]
    qtbot, profiles: tuple[Path, Path, Path]
) -> None:
    """B serves and announces itself on loopback only; A's background syncer hears it."""
    peer = Peer(profiles[1])
    peer.serve("--advertise", "--mdns-interface", "127.0.0.1")
    session = Session(profiles[0])
    background = BackgroundSync(session, discovery=True, interfaces=["127.0.0.1"])
    try:
        with qtbot.waitSignal(background.round_done, timeout=30_000):
            session.unlock(PASSPHRASE)  # the watcher starts at unlock; B's announcement follows
        assert "Ziekenhuis van B (oefening)" in org_names(session.store)
        assert not background.timer.isActive()  # synced: nothing due, no timer
    finally:
        session.lock()
        assert background.watcher is None
        peer.stop()


def test_join_from_the_screen_with_a_code_from_a_serving_member(  # type: ignore[no-untyped-def]
    qtbot, serving: Peer, tmp_path: Path
) -> None:
    """B (not the founder) invites while it serves; the new laptop joins from the screen."""
    made = json.loads(ok(serving.profile, "network", "invite", "--json"))
    new_store(tmp_path / "d", "Nieuwe laptop").close()
    window = open_window(qtbot, tmp_path / "d")
    window.open_index(window.keys.index("sync"))
    page = window.pages.currentWidget()
    assert isinstance(page, SyncView) and page.setup.isVisibleTo(page)
    page.join_code.setText(made["code"])
    page.join_address.setText(serving.address)
    with qtbot.waitSignal(page.finished, timeout=60_000):
        page.join_button.click()
    assert page.message.text() == "Aangesloten bij regionetwerk 'Testregio'."
    assert not page.setup.isVisibleTo(page)
    assert page.network_label.text().startswith("Testregio")
    assert {"ZCC-laptop", "Laptop-B", "C"} <= {r["label"] for r in page.peers_model.rows}
    assert "Ziekenhuis van B (oefening)" in org_names(window.session.store)
    assert window.background.active  # a network now: background sync is on
    window.close()
    window.session.lock()


def test_revoke_cancelled_changes_nothing(qtbot, view: SyncView) -> None:  # type: ignore[no-untyped-def]
    view.peers_table.selectRow(row_of(view, "C"))
    box = view.ask_revoke()
    assert box is not None
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert cell(view, row_of(view, "C"), "Lidmaatschap") == "lid"


def test_the_app_accepts_a_sync_from_a_member_and_stops_when_locked(  # type: ignore[no-untyped-def]
    qtbot, view: SyncView, profiles: tuple[Path, Path, Path]
) -> None:
    """C syncs with the app itself (a separate process); the app's idle is a socket notifier."""
    port = free_port()
    view.listen.setText(f"127.0.0.1:{port}")
    view.serve_box.setChecked(True)
    assert view.serving.address == f"127.0.0.1:{port}"
    assert "Luistert op 127.0.0.1:" in view.serve_state.text()
    add_organisation(view.session.store, "Alleen in de app (oefening)", "ziekenhuis")
    with qtbot.waitSignal(view.serving.served, timeout=60_000):
        sync = subprocess.Popen(
            [*CLI, "--profile", str(profiles[2]), "sync", "with", f"127.0.0.1:{port}"],
            env=ENV,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
    out, err = sync.communicate(timeout=60)
    assert sync.returncode == 0, err
    with reopen(profiles[2]) as c:
        assert "Alleen in de app (oefening)" in org_names(c)
    assert cell(view, row_of(view, "C"), "Laatste sync") != "nooit"
    view.session.lock()
    assert view.serving.address is None
    with socket.socket() as probe:
        assert probe.connect_ex(("127.0.0.1", port)) != 0  # nobody listens any more


def test_a_taken_port_is_a_clear_message(  # type: ignore[no-untyped-def]
    view: SyncView, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: shown.append(text))
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        view.listen.setText(f"127.0.0.1:{taken.getsockname()[1]}")
        view.serve_box.setChecked(True)
    assert len(shown) == 1 and "127.0.0.1:" in shown[0]
    assert not view.serve_box.isChecked() and view.serving.address is None


def test_the_app_serves_a_member_while_strangers_hold_connections(  # type: ignore[no-untyped-def]
    qtbot, view: SyncView, profiles: tuple[Path, Path, Path]
) -> None:
    """A silent stranger and one announcing a frame and sending a byte every half second
    (each alone used to hold the app for as long as it liked): C's sync goes through."""
    port = free_port()
    view.listen.setText(f"127.0.0.1:{port}")
    view.serve_box.setChecked(True)
    held: list[socket.socket] = []
    stop = threading.Event()

    def strangers() -> None:
        held.append(socket.create_connection(("127.0.0.1", port), timeout=10))  # silent
        raw = socket.create_connection(("127.0.0.1", port), timeout=10)
        sock = tls.client_context(None).wrap_socket(raw)  # no certificate
        held.append(sock)
        sock.sendall(struct.pack(">IB", 1000, 0))  # a frame that never quite comes
        while not stop.wait(0.5):
            with contextlib.suppress(OSError):
                sock.send(b"\x00")

    thread = threading.Thread(target=strangers, daemon=True)
    thread.start()
    qtbot.wait(1000)  # the event loop accepts them
    started = time.monotonic()
    sync = subprocess.Popen(
        [*CLI, "--profile", str(profiles[2]), "sync", "with", f"127.0.0.1:{port}"],
        env=ENV,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        qtbot.waitUntil(lambda: sync.poll() is not None, timeout=60_000)
    finally:
        stop.set()
        thread.join(5)
        for sock in held:
            sock.close()
    _out, err = sync.communicate(timeout=10)
    assert sync.returncode == 0, err
    assert time.monotonic() - started < 15  # the strangers hold it up no longer than that
    view.session.lock()
