"""A stranger cannot block the server: 50 slow or junk connections without a certificate
while two members sync with the hub (a real `serve` process); both finish in their normal
time, and a port in use is a clear message."""

from __future__ import annotations

import contextlib
import os
import socket
import ssl
import struct
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from resilient_zcc.store import Store
from sync import tls, transport

from .helpers import PASSPHRASE
from .network_setup import network_of

pytestmark = [pytest.mark.slow, pytest.mark.timeout(180)]
ENV = {**os.environ, "RZCC_PASSPHRASE": PASSPHRASE, "RZCC_LANG": "nl"}
CLI = [sys.executable, "-m", "resilient_zcc"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def hub(tmp_path: Path) -> Iterator[tuple[list[Store], str, subprocess.Popen[str]]]:
    stores = network_of(tmp_path, 3)
    stores[0].close()
    port = free_port()
    process = subprocess.Popen(
        [*CLI, "--profile", str(tmp_path / "p0"), "serve", "--listen", f"127.0.0.1:{port}"],
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    address = f"127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                break
        time.sleep(0.05)
    yield stores[1:], address, process
    process.terminate()
    process.communicate(timeout=20)
    for store in stores[1:]:
        store.close()


def _write(store: Store, tag: str, count: int = 2000) -> None:
    with store.transaction() as tx:
        for i in range(count):
            tx.put("organisations", f"{tag}-{i:05d}", {"name": f"Org {tag} {i}"})


def _sync_both(members: list[Store], address: str) -> list[float]:
    """Both members sync at the same time; each one's seconds (connect to end)."""
    seconds: list[float] = [0.0, 0.0]
    errors: list[BaseException] = []

    def run(i: int) -> None:
        started = time.monotonic()
        try:
            transport.sync_with(members[i], address)
        except BaseException as exc:  # reported below, in the test's thread
            errors.append(exc)
        seconds[i] = time.monotonic() - started

    threads = [threading.Thread(target=run, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert not errors, errors
    return seconds


class Strangers:
    """50 connections without a certificate: silent, junk, a TLS handshake one byte at a
    time, and a certificate-less TLS client announcing an 8 MB frame and sending a byte at a
    time. A thread keeps dribbling until `close()`."""

    def __init__(self, address: str, count: int = 50) -> None:
        host, port = tls.parse_address(address)
        self.dribble: list[tuple[socket.socket | ssl.SSLSocket, bytes]] = []
        self.socks: list[socket.socket] = []
        hello = _hello_bytes()
        for i in range(count):
            raw = socket.create_connection((host, port), timeout=10)
            self.socks.append(raw)
            kind = i % 6  # 0, 1: silent
            if kind in (2, 3):
                self.dribble.append((raw, hello))  # a handshake, a byte at a time
            elif kind == 4:
                raw.sendall(os.urandom(64))  # junk where a TLS handshake belongs
            elif kind == 5:
                sock = tls.client_context(None).wrap_socket(raw)  # no certificate: join only
                sock.sendall(struct.pack(">IB", 8 * 1024 * 1024, 0))  # an 8 MB frame...
                self.dribble.append((sock, b"\x00" * 100))  # ...that never comes
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._dribble, daemon=True)
        self.thread.start()

    def _dribble(self) -> None:
        position = 0
        while not self.stop.wait(0.5):
            for sock, data in self.dribble:
                with contextlib.suppress(OSError):  # cut off by the server: as it should
                    sock.send(data[position % len(data) : position % len(data) + 1])
            position += 1

    def close(self) -> None:
        self.stop.set()
        self.thread.join(5)
        for sock in self.socks:
            sock.close()


def _hello_bytes() -> bytes:
    incoming, outgoing = ssl.MemoryBIO(), ssl.MemoryBIO()
    tls_object = tls.client_context(None).wrap_bio(incoming, outgoing)
    with contextlib.suppress(ssl.SSLWantReadError):
        tls_object.do_handshake()
    return outgoing.read()


def test_fifty_strangers_do_not_hold_up_two_members(
    hub: tuple[list[Store], str, subprocess.Popen[str]],
) -> None:
    (b, c), address, _process = hub
    _write(b, "b0")
    _write(c, "c0")
    normal = _sync_both([b, c], address)
    _write(b, "b1")
    _write(c, "c1")
    strangers = Strangers(address)
    try:
        time.sleep(1)  # let them settle in
        attacked = _sync_both([b, c], address)
        # Once more, after the handshake deadline has passed for the first strangers.
        _write(b, "b2")
        _write(c, "c2")
        later = _sync_both([b, c], address)
    finally:
        strangers.close()
    transport.sync_with(c, address)
    transport.sync_with(b, address)
    for before, during, after in zip(normal, attacked, later, strict=True):
        assert during < max(3 * before, before + 2.0), (normal, attacked)
        assert after < max(3 * before, before + 2.0), (normal, later)
    b_orgs = {r["id"] for r in b.query("SELECT id FROM organisations WHERE id LIKE 'c_-%'")}
    assert len(b_orgs) == 6000  # c's changes reached b through the hub


def test_a_port_in_use_is_a_clear_message(tmp_path: Path) -> None:
    stores = network_of(tmp_path, 1)
    stores[0].close()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [*CLI, "--profile", str(tmp_path / "p0"), "sync", "serve", "--listen",
             f"127.0.0.1:{port}"],
            env=ENV, capture_output=True, text=True, timeout=60,
        )  # fmt: skip
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert f"Kan niet luisteren op 127.0.0.1:{port}" in result.stderr + result.stdout


def test_a_frame_has_one_deadline_however_its_bytes_trickle() -> None:
    """Each read succeeds (a byte every 0.2 s), yet the frame as a whole is cut at its limit."""
    from sync import wire
    from sync.session import Channel

    mine, theirs = socket.socketpair()
    stop = threading.Event()

    def trickle() -> None:
        data = wire.frame({"t": "error", "code": "x", "message": "langzaam " * 40})
        for byte in data:
            if stop.wait(0.2):
                return
            with contextlib.suppress(OSError):
                theirs.send(bytes([byte]))

    thread = threading.Thread(target=trickle, daemon=True)
    thread.start()
    started = time.monotonic()
    with mine, theirs, pytest.raises(TimeoutError):
        Channel(mine, frame_seconds=1.0).recv("error")
    stop.set()
    thread.join(5)
    assert time.monotonic() - started < 3
