"""TLS over TCP: serve peers (also the hub), sync with a peer, join a network.

A server serves each connection in its own thread on its own SQLite connection (SQLite
orders the writers; each frame is one short transaction), so a slow peer never holds up
another. A stranger cannot block it: a connection without a proven membership gets one
deadline for the whole TLS handshake and join exchange (not per read), small frames only,
and at most `MAX_STRANGERS` such connections exist at once (a new one closes the oldest).
"""

from __future__ import annotations

import contextlib
import os
import socket
import ssl
import threading
import time
import traceback
from collections.abc import Callable
from pathlib import Path

from resilient_zcc.errors import ZccError
from resilient_zcc.i18n import t
from resilient_zcc.identity import DeviceIdentity
from resilient_zcc.network import certs, invite, model, status
from resilient_zcc.network.trust import trust_of
from resilient_zcc.store import Store

from . import tls, wire
from .session import (
    FRAME_DEADLINE_S,
    Channel,
    ConnectionLost,
    ProgressCallback,
    SyncResult,
    UpdateRequired,
    no_progress,
    run_client,
    run_server,
)

TIMEOUT_S = 30.0  # a client's limit to connect, and (doubled) for each frame
HANDSHAKE_TIMEOUT_S = 10.0  # a stranger's whole TLS handshake and join exchange
MAX_STRANGERS = 32  # connections at once that have not proven membership
STRANGER_MAX_FRAME = 64 * 1024  # bytes; a join's messages are a few KB
# Members exchanging at once: more wait their turn (SQLite has one writer, and a writer
# waits at most its busy timeout of 5 s for the others' frame transactions).
MAX_MEMBERS = 4
Log = Callable[[str], None]


class CannotListen(ZccError):
    pass


def trusted_certificates(store: Store) -> list[bytes]:
    trust = trust_of(store)
    return [
        certs.from_text(row["certificate"])
        for row in store.query(
            "SELECT id, certificate FROM network_members WHERE deleted = 0 "
            "AND certificate IS NOT NULL"
        )
        if trust.trusts_peer(row["id"])
    ]


# --- client side -----------------------------------------------------------------------------


def _open(
    address: str, identity: DeviceIdentity | None, timeout: float
) -> tuple[ssl.SSLSocket, str]:
    host, port = tls.parse_address(address)
    raw = tls.connect(host, port, timeout)
    try:
        sock = tls.client_context(identity).wrap_socket(raw)
    except (ssl.SSLError, OSError) as exc:
        raw.close()
        raise ZccError(
            "The TLS handshake with {address} failed ({reason}); is it a Resilient ZCC peer?",
            address=address,
            reason=exc,
        ) from exc
    peer = tls.peer_device(sock)
    if peer is None:
        sock.close()
        raise ZccError("{address} sent no certificate; not a Resilient ZCC peer.", address=address)
    return sock, peer


def sync_with(
    store: Store,
    address: str,
    expect: str | None = None,
    progress: ProgressCallback = no_progress,
    timeout: float = TIMEOUT_S,
) -> SyncResult:
    """Exchange changes with the peer at HOST:PORT; `expect` pins its device id (prefix)."""
    model.require(store)
    sock, peer = _open(address, store.identity, timeout)
    with sock:
        if expect and not peer.startswith(expect.lower()):
            raise ZccError(
                "The peer at {address} is device {device}, not {expected}; nothing was sent.",
                address=address,
                device=peer[:12],
                expected=expect[:12],
            )
        if not trust_of(store).trusts_peer(peer) or peer == store.identity.device_id:
            raise ZccError(
                "The peer at {address} is device {device}, which is not a trusted member "
                "of this network (unknown or revoked); nothing was sent.",
                address=address,
                device=peer[:12],
            )
        try:
            channel = Channel(sock, frame_seconds=max(timeout * 2, FRAME_DEADLINE_S))
            return run_client(channel, store, peer, address, progress)
        except (ssl.SSLError, ConnectionResetError) as exc:
            raise _refused(address, exc) from exc
        except OSError as exc:
            raise ZccError(
                "The connection to {address} broke ({reason}); what arrived was kept, sync "
                "again to continue.",
                address=address,
                reason=exc,
            ) from exc


def _refused(address: str, exc: OSError) -> ZccError:
    """TLS 1.3 reports a refused client certificate only at the first read."""
    return ZccError(
        "The peer at {address} does not accept this device: it is not (yet) a member there, "
        "or it was revoked ({reason}). Nothing was exchanged.",
        address=address,
        reason=_short(exc),
    )


def join(
    store: Store,
    code: str,
    address: str | None,
    timeout: float = TIMEOUT_S,
    progress: ProgressCallback = no_progress,
) -> SyncResult:
    """Join the network of the device that made `code`, then sync with it once (a sync cut
    short says what was received and kept, like any other)."""
    parsed, scanned = invite.parse(code)
    address = address or scanned
    if not address:
        raise ZccError("Give the inviting device's address: --peer HOST:PORT.")
    if model.current(store) is not None:
        raise ZccError("This profile is already in a region network.")
    sock, peer = _open(address, None, timeout)
    with sock:
        if not peer.startswith(parsed.fingerprint):
            raise ZccError(
                "The device at {address} is not the one that made this invitation "
                "({device}); nothing was sent.",
                address=address,
                device=peer[:12],
            )
        channel = Channel(sock)
        try:
            nonce = channel.recv("challenge")["nonce"]
            me = store.identity.device_id
            label = store.query_one("SELECT label FROM devices WHERE id = ?", (me,)) or {}
            channel.send(
                {
                    "t": "join",
                    "invite": parsed.invite_id,
                    "proof": invite.proof(parsed.secret, me, peer, nonce),
                    "certificate": certs.certificate_for(store.identity),
                    "label": str(label.get("label") or ""),
                    "signature": store.identity.sign(invite.possession_message(nonce, peer)),
                }
            )
            welcome = channel.recv("welcome")
        except OSError as exc:
            raise ZccError(
                "The connection to {address} broke while joining ({reason}).",
                address=address,
                reason=exc,
            ) from exc
    invite.open_welcome(store, parsed.secret, peer, welcome)
    return sync_with(store, address, expect=peer, progress=progress, timeout=timeout)


# --- server side -----------------------------------------------------------------------------


class Server:
    """Listens on HOST:PORT and serves peers, each in its own thread, until `stop()`."""

    def __init__(self, store: Store, host: str, port: int, log: Log = lambda _m: None) -> None:
        self.store = store  # each connection works on a twin of it
        self.log = log
        try:
            self.listener = socket.create_server((host, port))
        except OSError as exc:
            raise CannotListen(
                "Cannot listen on {address}: {reason}. Is another 'sync serve' or the desktop "
                "already serving there? Choose another port with --listen HOST:PORT.",
                address=f"{host}:{port}",
                reason=exc.strerror or exc,
            ) from exc
        self.listener.settimeout(0.5)
        self.address = self.listener.getsockname()[:2]
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self._strangers: dict[socket.socket, float] = {}  # in the order they came
        self._workers: set[threading.Thread] = set()
        self._context_lock = threading.Lock()
        self._members = threading.BoundedSemaphore(MAX_MEMBERS)
        # Connections to the profile, kept for the next peer: closing one checkpoints the
        # log, which would make the other exchanges' writers wait.
        self._pool: list[Store] = []
        self._context: tuple[object, ssl.SSLContext] | None = None

    def stop(self) -> None:
        """Stop accepting, let the connections being served finish, close what they used."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(10)
            self._thread = None
        self.wait()
        with self._lock:
            pool, self._pool = self._pool, []
        for store in pool:
            store.close()

    def _borrow(self) -> Store:
        with self._lock:
            if self._pool:
                return self._pool.pop()
        return self.store.twin()

    def _give_back(self, store: Store) -> None:
        with self._lock:
            if not self._stop.is_set() and len(self._pool) < MAX_MEMBERS:
                self._pool.append(store)
                return
        store.close()

    def wait(self, seconds: float = 15.0) -> None:
        """Let the connections being served finish (each is bounded by its deadlines)."""
        until = time.monotonic() + seconds
        with self._lock:
            workers = list(self._workers)
        for worker in workers:
            worker.join(max(0.0, until - time.monotonic()))

    @property
    def busy(self) -> int:
        with self._lock:
            return len(self._workers)

    def start(self) -> str:
        """Serve in a background thread (desktop, tests, benchmarks); returns HOST:PORT."""
        self._thread = threading.Thread(target=self.serve_forever, daemon=True)
        self._thread.start()
        return f"{self.address[0]}:{self.address[1]}"

    def serve_forever(self) -> None:
        with self.listener:
            while not self._stop.is_set():
                try:
                    raw, remote = self.listener.accept()
                except TimeoutError:
                    continue
                except OSError:
                    if self._stop.is_set():
                        return
                    raise
                self.submit(raw, f"{remote[0]}:{remote[1]}")

    def submit(
        self, raw: socket.socket, remote: str, done: Callable[[], None] | None = None
    ) -> None:
        """Serve an accepted connection in its own thread; `done` is called after."""
        worker = threading.Thread(target=self._serve, args=(raw, remote, done), daemon=True)
        with self._lock:
            self._workers.add(worker)
        worker.start()

    def _serve(self, raw: socket.socket, remote: str, done: Callable[[], None] | None) -> None:
        try:
            with contextlib.closing(raw):
                self.handle(raw, remote)
        finally:
            with self._lock:
                self._workers.discard(threading.current_thread())
            if done is not None:
                done()

    def _admit(self, raw: socket.socket) -> None:
        """Count a new stranger; at the limit, the one waiting longest is cut off."""
        with self._lock:
            oldest = None
            if len(self._strangers) >= MAX_STRANGERS:
                oldest = next(iter(self._strangers))
                del self._strangers[oldest]
            self._strangers[raw] = time.monotonic()
        if oldest is not None:
            _cut(oldest)

    def _trusted(self, raw: socket.socket) -> None:
        with self._lock:
            self._strangers.pop(raw, None)

    def handle(self, raw: socket.socket, remote: str) -> None:
        """Serve one connection (in the calling thread, on a twin of the store)."""
        self._admit(raw)
        # One deadline for the handshake and a join, however slowly the bytes come.
        watchdog = threading.Timer(HANDSHAKE_TIMEOUT_S, _cut, (raw,))
        watchdog.daemon = True
        watchdog.start()
        try:
            raw.settimeout(HANDSHAKE_TIMEOUT_S)
            tls.no_delay(raw)
            self._handle(raw, remote, watchdog)
        except (OSError, ZccError) as exc:
            self.log(t("exchange with {remote} ended: {reason}", remote=remote,
                       reason=_short(exc)))  # fmt: skip
        finally:
            watchdog.cancel()
            self._trusted(raw)

    def _tls_context(self) -> ssl.SSLContext:
        """The server context for the current members, rebuilt whenever the profile's files
        changed (a revocation applies to the next connection; a stranger costs no query)."""
        state = (_stamp(self.store.db_file), _stamp(self.store.db_file + "-wal"))
        with self._context_lock:
            if self._context is None or self._context[0] != state:
                store = self._borrow()
                try:
                    context = tls.server_context(store.identity, trusted_certificates(store))
                finally:
                    self._give_back(store)
                self._context = (state, context)
            return self._context[1]

    def _handle(self, raw: socket.socket, remote: str, watchdog: threading.Timer) -> None:
        try:
            sock = self._tls_context().wrap_socket(raw, server_side=True)
        except (ssl.SSLError, OSError) as exc:
            self.log(
                t("refused {remote}: TLS handshake failed ({reason})", remote=remote,
                  reason=_short(exc))
            )  # fmt: skip
            return
        with sock:
            if tls.peer_device(sock) is None:  # a stranger: a join is all it may try
                self._join(Channel(sock, HANDSHAKE_TIMEOUT_S, STRANGER_MAX_FRAME), remote)
                return
            store = self._borrow()
            try:
                self._exchange(sock, remote, store, raw, watchdog)
            finally:
                self._give_back(store)

    def _exchange(
        self,
        sock: ssl.SSLSocket,
        remote: str,
        store: Store,
        raw: socket.socket,
        watchdog: threading.Timer,
    ) -> None:
        peer = str(tls.peer_device(sock))
        channel = Channel(sock)
        try:
            if not trust_of(store).trusts_peer(peer):
                self.log(
                    t("refused {remote}: device {device} is not a trusted member",
                      remote=remote, device=peer[:12])
                )  # fmt: skip
                return
            watchdog.cancel()
            self._trusted(raw)
            with self._members:
                result = run_server(channel, store, peer)
            self.log(
                t("synced with {device} ({remote}): received {received}, sent {sent}",
                  device=peer[:12], remote=remote, received=result.received.applied,
                  sent=result.sent)
                + "".join(f"; {w}" for w in result.warnings)
            )  # fmt: skip
        except (ZccError, OSError, ssl.SSLError) as exc:
            self.log(t("exchange with {remote} ended: {reason}", remote=remote,
                       reason=_short(exc)))  # fmt: skip
            told = isinstance(exc, (wire.ProtocolError, UpdateRequired, ConnectionLost))
            if isinstance(exc, ZccError) and not told:
                with contextlib.suppress(OSError, ZccError, ValueError):
                    channel.send({"t": "error", "code": "refused", "message": str(exc)})
        except Exception as exc:  # a bug: keep serving the others, say where
            frames = traceback.extract_tb(exc.__traceback__)
            place = f"{Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else "?"
            self.log(
                t("internal error ({kind} at {place}) serving {remote}",
                  kind=type(exc).__name__, place=place, remote=remote)
            )  # fmt: skip

    def _join(self, channel: Channel, remote: str) -> None:
        """A client without a certificate: it may only present an invitation (all of it
        within the stranger's deadline and frame limit)."""
        nonce = os.urandom(32)
        try:
            channel.send({"t": "challenge", "nonce": nonce})
            request = channel.recv("join")
        except (ZccError, OSError, ssl.SSLError) as exc:
            self.log(t("exchange with {remote} ended: {reason}", remote=remote,
                       reason=_short(exc)))  # fmt: skip
            return
        store = self._borrow()
        try:
            welcome = invite.accept(
                store,
                request["invite"],
                request["proof"],
                nonce,
                request["certificate"],
                request["label"],
                request["signature"],
            )
            joined = certs.device_id_of(request["certificate"])
            status.record(store, joined, result="joined")
        except ZccError as exc:
            self.log(t("refused a join from {remote}: {reason}", remote=remote, reason=exc))
            with contextlib.suppress(OSError, ssl.SSLError, ValueError):
                channel.send({"t": "error", "code": "join_refused", "message": str(exc)})
            return
        finally:
            self._give_back(store)
        with contextlib.suppress(OSError, ssl.SSLError, ValueError):
            channel.send({"t": "welcome", **welcome})
            self.log(
                t("device {device} joined the network ({remote})", device=joined[:12],
                  remote=remote)
            )  # fmt: skip


def _stamp(path: str) -> tuple[int, int] | None:
    try:
        found = os.stat(path)
    except OSError:
        return None
    return found.st_mtime_ns, found.st_size


def _cut(raw: socket.socket) -> None:
    """End a connection from another thread: its blocked reads and writes return at once."""
    with contextlib.suppress(OSError):
        raw.shutdown(socket.SHUT_RDWR)


def _short(exc: BaseException) -> str:
    return str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
