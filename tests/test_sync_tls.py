"""Sync over TLS 1.3 on loopback, in one process: a server thread and clients."""

from __future__ import annotations

import socket
import ssl
from collections.abc import Iterator
from pathlib import Path

import pytest

from resilient_zcc import schema
from resilient_zcc.errors import ZccError
from resilient_zcc.hlc import wall_ms
from resilient_zcc.network import invite, model
from resilient_zcc.store import Store
from sync import tls, transport, wire
from sync.session import Channel, Progress, UpdateRequired, hello

from .helpers import new_store
from .network_setup import network_of

pytestmark = pytest.mark.timeout(60)


class Served:
    def __init__(self, store: Store) -> None:
        self.log: list[str] = []
        self.server = transport.Server(store, "127.0.0.1", 0, log=self.log.append)
        self.address = self.server.start()

    def stop(self) -> None:
        self.server.stop()


@pytest.fixture
def peers(tmp_path: Path) -> Iterator[tuple[list[Store], Served]]:
    stores = network_of(tmp_path, 3)
    served = Served(stores[0])
    yield stores, served
    served.stop()
    for store in stores:
        store.close()


def _orgs(store: Store) -> set[str]:
    return {r["id"] for r in store.query("SELECT id FROM organisations")}


def _raw(address: str, identity: object | None) -> ssl.SSLSocket:
    host, port = tls.parse_address(address)
    sock = socket.create_connection((host, port), timeout=10)
    return tls.client_context(identity).wrap_socket(sock)  # type: ignore[arg-type]


def test_two_members_exchange_changes_both_ways(peers: tuple[list[Store], Served]) -> None:
    (a, b, _c), served = peers
    with b.transaction() as tx:
        tx.put("organisations", "o-b", {"name": "Van B"})
    seen: list[Progress] = []
    result = transport.sync_with(b, served.address, progress=seen.append)
    assert result.peer == a.identity.device_id and result.sent >= 1
    assert [p.stage for p in seen][0] == "connected" and seen[-1].stage == "done"
    served.stop()  # the server thread is done with a: read it here
    assert "o-b" in _orgs(a)
    assert a.log.version_vector() == b.log.version_vector()


def test_pinned_peer_must_match(peers: tuple[list[Store], Served]) -> None:
    (_a, b, c), served = peers
    with pytest.raises(ZccError, match="not " + c.identity.device_id[:12]):
        transport.sync_with(b, served.address, expect=c.identity.device_id[:12])


def test_unknown_device_gets_no_data(peers: tuple[list[Store], Served], tmp_path: Path) -> None:
    (a, _b, _c), served = peers
    received = b""
    with new_store(tmp_path / "x", "outsider") as outsider:
        try:
            with _raw(served.address, outsider.identity) as sock:
                sock.sendall(wire.frame(hello_for_outsider(outsider, a)))
                received = sock.recv(1024)
        except (ssl.SSLError, OSError):
            pass
    assert received == b""
    served.stop()
    assert any("TLS handshake failed" in line for line in served.log)


def hello_for_outsider(outsider: Store, a: Store) -> dict[str, object]:
    return {
        "t": "hello",
        "proto": 1,
        "device": outsider.identity.device_id,
        "network": model.require(a).id,
        "schema": schema.LATEST,
        "clock": wall_ms(),
        "vector": {},
        "key": [0, ""],
    }


def test_revoked_device_is_refused(peers: tuple[list[Store], Served]) -> None:
    (a, b, _c), served = peers
    served.stop()
    model.revoke(a, b.identity.device_id)
    served = Served(a)
    try:
        with pytest.raises(ZccError, match="does not accept this device"):
            transport.sync_with(b, served.address)
    finally:
        served.stop()


def test_join_over_tls_and_refusals(peers: tuple[list[Store], Served], tmp_path: Path) -> None:
    (a, _b, _c), served = peers
    served.stop()
    made = invite.create(a)
    served = Served(a)
    try:
        with new_store(tmp_path / "n", "Nieuw") as newcomer:
            first = "AAAA" if not made.code.startswith("AAAA") else "BBBB"
            wrong = first + made.code[4:]  # another secret, the right inviter
            with pytest.raises(ZccError, match="wrong, already used or expired"):
                transport.join(newcomer, wrong, served.address)
            assert model.current(newcomer) is None
            result = transport.join(newcomer, made.code, served.address)
            assert result.peer == a.identity.device_id
            assert len(model.members(newcomer)) == 4
            with pytest.raises(ZccError, match="already in a region network"):
                transport.join(newcomer, made.code, served.address)
        with (
            new_store(tmp_path / "m", "Te laat") as late,
            pytest.raises(ZccError, match="wrong, already used or expired"),
        ):
            transport.join(late, made.code, served.address)
    finally:
        served.stop()


def test_join_at_the_wrong_device_sends_nothing(
    peers: tuple[list[Store], Served], tmp_path: Path
) -> None:
    (_a, _b, c), served = peers
    made = invite.create(c)  # c's code, but a answers at this address
    with (
        new_store(tmp_path / "n") as newcomer,
        pytest.raises(ZccError, match="not the one that made this invitation"),
    ):
        transport.join(newcomer, made.code, served.address)


def test_older_peer_is_told_to_update(peers: tuple[list[Store], Served]) -> None:
    (_a, b, _c), served = peers
    with _raw(served.address, b.identity) as sock:
        channel = Channel(sock)
        channel.send({**hello(b), "schema": schema.LATEST - 1})
        with pytest.raises(UpdateRequired, match="update required"):
            channel.recv("hello")


def test_newer_peer_hears_that_this_one_is_outdated(peers: tuple[list[Store], Served]) -> None:
    (_a, b, _c), served = peers
    with _raw(served.address, b.identity) as sock:
        channel = Channel(sock)
        channel.send({**hello(b), "schema": schema.LATEST + 1})
        with pytest.raises(UpdateRequired, match="runs an older Resilient ZCC"):
            channel.recv("hello")


def test_far_clock_is_reported_and_garbage_is_survived(peers: tuple[list[Store], Served]) -> None:
    (_a, b, _c), served = peers
    with _raw(served.address, b.identity) as sock:
        sock.sendall(b"\x00\x00\x00\x05\x00garbage and more")
    with _raw(served.address, b.identity) as sock:
        channel = Channel(sock)
        channel.send({**hello(b), "clock": wall_ms() + 3 * 3600 * 1000})
        assert channel.recv("hello")["device"] == served.server.store.identity.device_id
        while channel.recv("batches", "done")["t"] != "done":
            pass
        channel.send({"t": "ack", "vector": b.log.version_vector(), "final": True})
        channel.send({"t": "done", "count": 0, "purged": []})
        assert channel.recv("ack")["final"] is True  # the server confirms what it holds
        sock.recv(1)  # the server closes when it is done
    result = transport.sync_with(b, served.address)  # still serving
    served.stop()
    assert result.peer == served.server.store.identity.device_id
    assert any("ended" in line for line in served.log)
    assert any("minutes ahead of this device" in line for line in served.log), served.log


def test_bad_addresses_give_clear_messages(peers: tuple[list[Store], Served]) -> None:
    (_a, b, _c), _served = peers
    for bad in ("nohost", "host:port", "127.0.0.1:99999"):
        with pytest.raises(ZccError, match="HOST:PORT"):
            transport.sync_with(b, bad)
    free = socket.socket()
    free.bind(("127.0.0.1", 0))
    port = free.getsockname()[1]
    free.close()
    with pytest.raises(ZccError, match="Cannot reach a peer"):
        transport.sync_with(b, f"127.0.0.1:{port}")


def test_a_newer_network_key_travels_from_client_to_server(
    peers: tuple[list[Store], Served],
) -> None:
    (a, b, c), served = peers  # a serves
    served.stop()
    model.revoke(b, c.identity.device_id)
    served = Served(a)
    try:
        transport.sync_with(b, served.address)
    finally:
        served.stop()
    assert model.require(a).key_ref == model.require(b).key_ref
    assert model.require(a).key == model.require(b).key
