"""Three peers syncing over real TLS sockets, each sync cut at a random byte (in either
direction, so anywhere in any frame or in the handshake): no sender ever counts as delivered
more than the receiver holds, and a final full sync leaves all three identical."""

from __future__ import annotations

import contextlib
import socket
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from resilient_zcc.errors import ZccError
from resilient_zcc.network import status
from resilient_zcc.store import Store
from sync import transport

from .network_setup import domain_hash, network_of

pytestmark = [pytest.mark.slow, pytest.mark.timeout(300)]


class CuttingProxy:
    """Forwards one connection to `target` and closes both sides after `limit` bytes have
    passed (counted over both directions): a cable pulled at a chosen moment."""

    def __init__(self, target: str, limit: int | None) -> None:
        host, port = target.rsplit(":", 1)
        self.target = (host, int(port))
        self.limit = limit
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.address = f"127.0.0.1:{self.listener.getsockname()[1]}"
        self.passed = 0
        self.lock = threading.Lock()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        with self.listener:
            self.listener.settimeout(30)
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
        server = socket.create_connection(self.target)
        pipes = [
            threading.Thread(target=self._pipe, args=(client, server), daemon=True),
            threading.Thread(target=self._pipe, args=(server, client), daemon=True),
        ]
        for pipe in pipes:
            pipe.start()
        for pipe in pipes:
            pipe.join(60)
        client.close()
        server.close()

    def _pipe(self, source: socket.socket, sink: socket.socket) -> None:
        with contextlib.suppress(OSError):
            while True:
                data = source.recv(16384)
                if not data:
                    break
                with self.lock:
                    room = None if self.limit is None else self.limit - self.passed
                    if room is not None and room <= 0:
                        break
                    data = data if room is None else data[:room]
                    self.passed += len(data)
                sink.sendall(data)
        for side in (source, sink):  # one direction cut or ended: the cable is out
            with contextlib.suppress(OSError):
                side.shutdown(socket.SHUT_RDWR)


def _write(store: Store, tag: str, count: int) -> None:
    with store.transaction() as tx:
        for i in range(count):
            tx.put("organisations", f"{tag}-{i:05d}", {"name": f"Org {tag} {i}", "city": "Oss"})


def _settle(servers: list[transport.Server]) -> None:
    deadline = time.monotonic() + 30
    while any(s.busy for s in servers) and time.monotonic() < deadline:
        time.sleep(0.02)


def _never_claims_more(stores: list[Store]) -> None:
    """What each device recorded as a peer's state, the peer really holds."""
    truth = {s.identity.device_id: s.log.version_vector() for s in stores}
    for store in stores:
        for peer, held in truth.items():
            if peer == store.identity.device_id:
                continue
            claimed = status.known_vector(store, peer)
            for device, counter in claimed.items():
                assert counter <= held.get(device, 0), (store.identity.device_id[:8], peer[:8])


STEP = st.one_of(
    st.tuples(st.just("write"), st.integers(0, 2), st.integers(1, 6000)),
    st.tuples(
        st.just("sync"),
        st.integers(0, 2),
        st.integers(1, 2),
        st.one_of(st.none(), st.integers(0, 400_000)),
    ),
)


@settings(
    max_examples=5,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(st.lists(STEP, min_size=3, max_size=8))
def test_cut_syncs_between_three_peers_end_identical(steps: list[tuple[Any, ...]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        stores = network_of(Path(folder), 3)
        servers = [transport.Server(s, "127.0.0.1", 0) for s in stores]
        addresses = [server.start() for server in servers]
        try:
            for number, step in enumerate(steps):
                if step[0] == "write":
                    _, who, count = step
                    _write(stores[who], f"s{number}", count)
                    continue
                _, client, offset, limit = step
                server = (client + offset) % 3
                proxy = CuttingProxy(addresses[server], limit)
                with contextlib.suppress(ZccError):
                    transport.sync_with(stores[client], proxy.address)
                proxy.thread.join(30)
                _settle(servers)
                _never_claims_more(stores)
            for _round in range(2):  # a final full sync, every pair
                for client in range(3):
                    for server in range(3):
                        if client != server:
                            transport.sync_with(stores[client], addresses[server])
            _settle(servers)
            vectors = [s.log.version_vector() for s in stores]
            assert vectors[0] == vectors[1] == vectors[2]
            hashes = [domain_hash(s) for s in stores]
            assert hashes[0] == hashes[1] == hashes[2]
            _never_claims_more(stores)
            for store in stores:  # after a full sync nothing is left pending for anyone
                assert all(p["pending"] == 0 for p in status.peers(store))
        finally:
            for server in servers:
                server.stop()
            for store in stores:
                store.close()
