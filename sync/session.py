"""One sync exchange over an authenticated channel, the same code on both sides.

    client -> hello (device, network, schema, clock, version vector)
    server -> hello, then the batches the client lacks (frames of ~4,000 changes), done
    client -> the batches the server lacks, done

Each side applies every frame as it arrives, in its own transaction, so a transfer cut
short keeps what came and the next exchange starts from there (the version vectors say
where). Signatures, schema and membership are checked before anything is applied.

Delivery is acknowledged: after committing each frame the receiver sends an `ack` with its
version vector, and a final one after `done`. The sender reads acks as they come (no wait
per frame) and records as the peer's state only what an ack confirmed, so a cut transfer
leaves exactly the unconfirmed changes pending (for the next sync or a USB bundle).
"""

from __future__ import annotations

import contextlib
import select
import socket
import ssl
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from resilient_zcc import schema
from resilient_zcc.errors import ZccError
from resilient_zcc.hlc import wall_ms
from resilient_zcc.i18n import Text
from resilient_zcc.network import keys, model, status
from resilient_zcc.network.trust import MergeReport, Outgoing, TrustedMerger, trust_of
from resilient_zcc.store import Store

from . import wire

CLOCK_WARNING_MS = 5 * 60 * 1000
FRAME_DEADLINE_S = 60.0  # for one whole frame, however slowly its bytes trickle in


class UpdateRequired(ZccError):
    pass


class ConnectionLost(ZccError):
    """The exchange broke off after it began: says what was confirmed and what was kept."""


@dataclass
class Progress:
    stage: str  # "connected", "receiving", "sending", "done"
    received: int = 0  # changes received so far
    sent: int = 0  # changes sent so far
    to_send: int = 0


@dataclass
class SyncResult:
    peer: str
    received: MergeReport
    sent: int = 0
    bytes_sent: int = 0
    bytes_received: int = 0
    seconds: float = 0.0
    warnings: list[Text] = field(default_factory=list)


ProgressCallback = Callable[[Progress], None]


class Channel:
    """Messages over a (TLS) socket, counting bytes both ways.

    Each frame has one deadline for all its bytes (a peer trickling a byte at a time gets no
    more time than a silent one); `max_frame` is lower for a peer not yet authenticated.
    """

    def __init__(
        self,
        sock: socket.socket | ssl.SSLSocket,
        frame_seconds: float = FRAME_DEADLINE_S,
        max_frame: int = wire.MAX_FRAME,
    ) -> None:
        self.sock = sock
        self.frame_seconds = frame_seconds
        self.max_frame = max_frame
        self.bytes_sent = 0
        self.bytes_received = 0

    def send(self, message: dict[str, Any]) -> None:
        data = wire.frame(message)
        self.sock.settimeout(self.frame_seconds)  # sendall: one limit for the whole frame
        self.sock.sendall(data)
        self.bytes_sent += len(data)

    def ready(self) -> bool:
        """Whether a message has (begun to) arrive, without waiting."""
        if isinstance(self.sock, ssl.SSLSocket) and self.sock.pending():
            return True
        readable, _w, _x = select.select([self.sock], [], [], 0)
        return bool(readable)

    def _read(self, size: int, deadline: float) -> bytes:
        parts, remaining = [], size
        while remaining:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("no whole message within the time limit")
            self.sock.settimeout(left)
            chunk = self.sock.recv(min(remaining, 1 << 20))
            if not chunk:
                raise ConnectionResetError("the peer closed the connection")
            parts.append(chunk)
            remaining -= len(chunk)
        self.bytes_received += size
        return b"".join(parts)

    def recv(self, *expected: str) -> dict[str, Any]:
        deadline = time.monotonic() + self.frame_seconds
        header = self._read(wire.HEADER_SIZE, deadline)
        length, flag = wire.read_frame_header(header, self.max_frame)
        message = wire.open_body(self._read(length, deadline), flag, self.max_frame * 8)
        if message["t"] == "error":
            if message["code"] in ("update_required", "peer_outdated"):
                raise UpdateRequired("The peer refused: {reason}", reason=message["message"])
            raise ZccError("The peer refused: {reason}", reason=message["message"])
        if expected and message["t"] not in expected:
            raise wire.ProtocolError(
                "The peer sent '{kind}' where {expected} was expected.",
                kind=message["t"],
                expected=" or ".join(expected),
            )
        return message


def hello(store: Store) -> dict[str, Any]:
    network = model.require(store)
    return {
        "t": "hello",
        "proto": wire.PROTOCOL,
        "device": store.identity.device_id,
        "network": network.id,
        "schema": schema.LATEST,
        "clock": wall_ms(),
        "vector": store.log.version_vector(),
        "key": list(network.key_ref),
    }


def check_hello(store: Store, theirs: dict[str, Any], peer: str) -> list[Text]:
    """Refuse a hello from another network, device or schema; warn about a far clock."""
    if theirs["device"] != peer:
        raise wire.ProtocolError("The peer's hello names another device than its certificate.")
    if theirs["network"] != model.require(store).id:
        raise ZccError("The peer belongs to another region network; nothing was exchanged.")
    if theirs["proto"] != wire.PROTOCOL or theirs["schema"] > schema.LATEST:
        raise UpdateRequired(
            "Update required: the peer runs a newer Resilient ZCC (schema {current}, "
            "this one {latest}). Update this device; nothing was exchanged.",
            current=theirs["schema"],
            latest=schema.LATEST,
        )
    skew = theirs["clock"] - wall_ms()
    if abs(skew) > CLOCK_WARNING_MS:
        minutes = abs(skew) // 60000
        if skew > 0:
            return [
                Text(
                    "The peer's clock is {minutes} minutes ahead of this device's; "
                    "check the time on both. Changes still merge in the right order.",
                    minutes=minutes,
                )
            ]
        return [
            Text(
                "The peer's clock is {minutes} minutes behind this device's; "
                "check the time on both. Changes still merge in the right order.",
                minutes=minutes,
            )
        ]
    return []


def refuse_older(channel: Channel, theirs: dict[str, Any]) -> bool:
    """Tell a peer with an older schema to update instead of sending it changes it can't hold."""
    if theirs["schema"] < schema.LATEST:
        channel.send(
            {
                "t": "error",
                "code": "update_required",
                "message": (
                    f"update required: this device uses schema {schema.LATEST}, yours "
                    f"{theirs['schema']}. Update Resilient ZCC, then sync again."
                ),
            }
        )
        return True
    return False


@dataclass
class Delivery:
    """What the peer confirmed it committed of what this side sends it."""

    vector: dict[str, int]  # the peer's version vector as last confirmed
    total: int = 0  # changes to send (an upper bound)
    delivered: int = 0  # changes in frames the peer confirmed
    in_flight: deque[int] = field(default_factory=deque)  # changes per unconfirmed frame
    finished: bool = False

    @classmethod
    def to(cls, store: Store, theirs: dict[str, Any]) -> Delivery:
        vector = dict(theirs["vector"])
        return cls(vector, total=status.pending_for(store, vector))

    def take(self, ack: dict[str, Any]) -> None:
        self.vector = dict(ack["vector"])
        if self.in_flight:
            self.delivered += self.in_flight.popleft()
        self.finished = bool(ack["final"])


def send_batches(
    channel: Channel,
    store: Store,
    delivery: Delivery,
    progress: ProgressCallback,
) -> int:
    """Stream what the peer lacks, frame by frame, then wait for the peer's final ack. Acks of
    earlier frames are read as they arrive, never waited for. `purged` stays empty: a purge's
    batches travel (redacted changes as markers), and a receiver no longer takes a peer's
    word that a range of a third device is gone."""
    stream = Outgoing(store, dict(delivery.vector))
    sent = 0
    for group in wire.chunks(stream):
        channel.send({"t": "batches", "items": [wire.batch_to_wire(b) for b in group]})
        count = sum(len(b.changes) for b in group)
        delivery.in_flight.append(count)
        sent += count
        while channel.ready():
            delivery.take(channel.recv("ack"))
        progress(Progress("sending", sent=sent, to_send=max(delivery.total, sent)))
    channel.send({"t": "done", "count": sent, "purged": []})
    while not delivery.finished:
        delivery.take(channel.recv("ack"))
    return sent


class Held:
    """This side's version vector, moved on frame by frame for the devices a frame named
    (a full count per frame would cost a scan of the whole log)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.vector = store.log.version_vector()

    def advance(self, devices: set[str]) -> dict[str, int]:
        for device in devices:
            have = self.vector.get(device, 0)
            row = self.store.conn.execute(
                "SELECT min(c.counter) FROM peers p JOIN changes c ON c.origin = p.origin "
                "WHERE p.device_id = ? AND c.counter > ? AND NOT EXISTS (SELECT 1 FROM "
                "changes n WHERE n.origin = c.origin AND n.counter = c.counter + 1)",
                (device, have),
            ).fetchone()
            if (
                row[0] is not None
                and self.store.conn.execute(
                    "SELECT 1 FROM peers p JOIN changes c ON c.origin = p.origin "
                    "WHERE p.device_id = ? AND c.counter = ?",
                    (device, have + 1),
                ).fetchone()
            ):
                self.vector[device] = int(row[0])  # the end of the run right after `have`
        return self.vector


def receive_batches(
    channel: Channel, store: Store, progress: ProgressCallback, peer: str, tally: MergeReport
) -> MergeReport:
    """Apply each frame as it comes and confirm it; `tally` counts what was applied."""
    merger = TrustedMerger(store)
    merger.report = tally
    if not merger.trust.trusts_peer(peer):
        raise ZccError(
            "Device {device} is not a trusted member here; nothing was applied.", device=peer[:12]
        )
    received = 0
    held = Held(store)
    while True:
        message = channel.recv("batches", "done")
        if message["t"] == "done":
            # Its "purged" ranges are ignored: a bare claim must not silence a device.
            channel.send({"t": "ack", "vector": store.log.version_vector(), "final": True})
            break
        batches = [wire.batch_from_wire(item) for item in message["items"]]
        named = {b.device_id for b in [*merger.waiting, *batches]}  # waiting ones may apply now
        merger.add(batches)
        vector = held.advance(named)
        channel.send({"t": "ack", "vector": vector, "final": False})
        received += sum(len(b.changes) for b in batches)
        progress(Progress("receiving", received=received))
    return merger.finish()


def _newer(a: Any, b: Any) -> bool:
    return (int(a[0]), str(a[1])) > (int(b[0]), str(b[1]))


def give_key(channel: Channel, store: Store) -> None:
    """The newest network key, to a member that holds an older one (inside TLS, after both
    sides proved who they are; a revoked device never gets this far)."""
    network = model.require(store)
    channel.send({"t": "key", "epoch": network.key_ref[0], "key": network.key})


def take_key(channel: Channel, store: Store) -> None:
    message = channel.recv("key")
    keys.add(store, message["key"], message["epoch"])


def no_progress(_progress: Progress) -> None:
    """The default progress callback: report nothing."""


def run_client(
    channel: Channel,
    store: Store,
    peer: str,
    address: str | None = None,
    progress: ProgressCallback = no_progress,
) -> SyncResult:
    started = time.perf_counter()
    channel.send(hello(store))
    theirs = channel.recv("hello")  # a refused certificate shows here: the caller says so
    warnings = check_hello(store, theirs, peer)
    status.record(store, peer, address=address, vector=theirs["vector"])
    progress(Progress("connected"))
    delivery = Delivery.to(store, theirs)
    tally = MergeReport()
    with _confirmed_only(channel, store, peer, delivery, tally):
        mine = model.require(store).key_ref
        if _newer(theirs["key"], mine):
            take_key(channel, store)
        report = receive_batches(channel, store, progress, peer, tally)
        if _newer(mine, theirs["key"]):
            give_key(channel, store)
        sent = send_batches(channel, store, delivery, progress)
    return _finish(store, channel, peer, report, sent, delivery, warnings, started, progress)


def run_server(channel: Channel, store: Store, peer: str) -> SyncResult:
    started = time.perf_counter()
    theirs = channel.recv("hello")
    if theirs["schema"] > schema.LATEST:
        channel.send(
            {
                "t": "error",
                "code": "peer_outdated",
                "message": (
                    f"the device at this address runs an older Resilient ZCC (schema "
                    f"{schema.LATEST}, yours {theirs['schema']}); update that device, then "
                    "sync again. Nothing was exchanged."
                ),
            }
        )
        raise UpdateRequired(
            "Peer {device} runs a newer schema; update this device.", device=peer[:12]
        )
    warnings = check_hello(store, theirs, peer)
    if refuse_older(channel, theirs):
        raise UpdateRequired(
            "Peer {device} runs an older schema; it was told to update.", device=peer[:12]
        )
    status.record(store, peer, vector=theirs["vector"])
    mine = model.require(store).key_ref
    channel.send(hello(store))
    delivery = Delivery.to(store, theirs)
    tally = MergeReport()
    with _confirmed_only(channel, store, peer, delivery, tally):
        if _newer(mine, theirs["key"]):
            give_key(channel, store)
        sent = send_batches(channel, store, delivery, no_progress)
        if _newer(theirs["key"], mine):
            take_key(channel, store)
        report = receive_batches(channel, store, no_progress, peer, tally)
    return _finish(store, channel, peer, report, sent, delivery, warnings, started, no_progress)


@contextlib.contextmanager
def _confirmed_only(
    channel: Channel, store: Store, peer: str, delivery: Delivery, tally: MergeReport
) -> Iterator[None]:
    """If the exchange breaks off: record what the peer confirmed (acks still on their way
    are read first) and say how much was delivered and kept."""
    try:
        yield
    except (OSError, ssl.SSLError) as exc:
        _late_acks(channel, delivery)
        status.record(store, peer, vector=delivery.vector)
        raise ConnectionLost(
            "{delivered} of {total} changes delivered, connection lost ({reason}); "
            "{received} received and kept. Sync again to continue.",
            delivered=delivery.delivered,
            total=max(delivery.total, delivery.delivered),
            reason=str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__,
            received=tally.applied,
        ) from exc
    except ZccError:
        status.record(store, peer, vector=delivery.vector)
        raise


def _late_acks(channel: Channel, delivery: Delivery) -> None:
    """Acks the peer sent before the connection broke may still be readable."""
    channel.frame_seconds = 0.5
    with contextlib.suppress(OSError, ssl.SSLError, ZccError, ValueError):
        while delivery.in_flight and channel.ready():
            delivery.take(channel.recv("ack"))


def _finish(
    store: Store,
    channel: Channel,
    peer: str,
    report: MergeReport,
    sent: int,
    delivery: Delivery,
    warnings: list[Text],
    started: float,
    progress: ProgressCallback,
) -> SyncResult:
    if report.max_clock_ahead_ms > CLOCK_WARNING_MS:
        warnings.append(
            Text(
                "Changes from the peer carry times up to {minutes} "
                "minutes ahead of this device's clock; check the clocks.",
                minutes=report.max_clock_ahead_ms // 60000,
            )
        )
    if report.refused:
        warnings.append(
            Text(
                "{n} batch(es) from devices that are not members here or were "
                "revoked were refused.",
                n=report.refused,
            )
        )
    summary = f"received {report.applied}, sent {sent}"
    # the peer's state as it confirmed it, never this side's own vector
    status.record(store, peer, synced=True, result=summary, vector=delivery.vector)
    progress(Progress("done", received=report.applied, sent=sent))
    return SyncResult(
        peer,
        report,
        sent,
        channel.bytes_sent,
        channel.bytes_received,
        time.perf_counter() - started,
        warnings,
    )


__all__ = [
    "Channel",
    "ConnectionLost",
    "Progress",
    "SyncResult",
    "run_client",
    "run_server",
    "trust_of",
]
