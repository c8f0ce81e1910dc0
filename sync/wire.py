"""Frames and messages on the wire: msgpack in length-prefixed frames with a size limit.

A frame is a 4-byte big-endian length, a flag byte (0 plain, 1 zlib) and the msgpack body.
Every decoded message is checked against its declared shape, so garbage, truncation and
hostile sizes end in `ProtocolError`, never in another exception.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import msgpack

from resilient_zcc.changelog import Batch, Change
from resilient_zcc.errors import ZccError

PROTOCOL = 1
MAX_FRAME = 8 * 1024 * 1024  # bytes on the wire
MAX_MESSAGE = 64 * 1024 * 1024  # after decompression
COMPRESS_OVER = 512  # bytes; smaller bodies are sent as they are
_HEADER = struct.Struct(">IB")


MAX_INT = 2**63 - 1  # SQLite's largest integer: counters, clocks and epochs stay below it


class ProtocolError(ZccError):
    """The peer sent something that is not a valid message of this protocol."""


def is_count(value: Any) -> bool:
    """A whole number SQLite can store, not negative (a bool is not a number here)."""
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= MAX_INT


def _is_vector(value: Any) -> bool:
    return isinstance(value, dict) and all(
        isinstance(k, str) and is_count(v) for k, v in value.items()
    )


def _is_ranges(value: Any) -> bool:
    return isinstance(value, list) and all(
        isinstance(r, list)
        and len(r) == 3
        and isinstance(r[0], str)
        and is_count(r[1])
        and is_count(r[2])
        for r in value
    )


def _list_of(kind: type) -> Callable[[Any], bool]:
    return lambda value: isinstance(value, list) and all(isinstance(v, kind) for v in value)


# message type -> field -> check
SHAPES: dict[str, dict[str, Callable[[Any], bool]]] = {
    "hello": {
        "proto": is_count,
        "device": lambda v: isinstance(v, str),
        "network": lambda v: isinstance(v, str),
        "schema": is_count,
        "clock": is_count,
        "vector": _is_vector,
        "key": lambda v: (
            isinstance(v, list) and len(v) == 2 and is_count(v[0]) and isinstance(v[1], str)
        ),
    },
    "key": {
        "epoch": is_count,
        "key": lambda v: isinstance(v, bytes) and len(v) == 32,
    },
    "batches": {"items": _list_of(list)},
    "done": {"count": is_count, "purged": _is_ranges},
    # what the receiver has committed: its version vector after the commit ("final" after done)
    "ack": {"vector": _is_vector, "final": lambda v: isinstance(v, bool)},
    "error": {"code": lambda v: isinstance(v, str), "message": lambda v: isinstance(v, str)},
    "challenge": {"nonce": lambda v: isinstance(v, bytes) and 16 <= len(v) <= 64},
    "join": {
        "invite": lambda v: isinstance(v, str),
        "proof": lambda v: isinstance(v, bytes),
        "certificate": lambda v: isinstance(v, bytes) and len(v) < 4096,
        "label": lambda v: isinstance(v, str),
        "signature": lambda v: isinstance(v, bytes) and len(v) == 64,
    },
    "welcome": {
        "network": lambda v: isinstance(v, str),
        "name": lambda v: isinstance(v, str),
        "nonce": lambda v: isinstance(v, bytes),
        "key": lambda v: isinstance(v, bytes),
        "epoch": is_count,
    },
}


def pack(message: dict[str, Any]) -> bytes:
    body: bytes = msgpack.packb(message, use_bin_type=True)
    return body


def unpack(body: bytes) -> dict[str, Any]:
    """A message from msgpack bytes, checked against its shape."""
    try:
        message = msgpack.unpackb(body, raw=False, strict_map_key=True, use_list=True)
    except (ValueError, TypeError, OverflowError, msgpack.UnpackException) as exc:
        raise ProtocolError(
            "The peer sent an unreadable message ({kind}).", kind=type(exc).__name__
        ) from exc
    kind = message.get("t") if isinstance(message, dict) else None
    if not isinstance(kind, str) or kind not in SHAPES:
        raise ProtocolError("The peer sent a message of an unknown kind.")
    for field, check in SHAPES[message["t"]].items():
        if field not in message or not check(message[field]):
            raise ProtocolError(
                "The peer sent a '{kind}' message without a valid {field}.",
                kind=message["t"],
                field=field,
            )
    # only the declared fields travel on: nothing unchecked reaches the code that uses them
    return {"t": kind, **{field: message[field] for field in SHAPES[kind]}}


def frame(message: dict[str, Any]) -> bytes:
    body = pack(message)
    flag = 0
    if len(body) > COMPRESS_OVER:
        body, flag = zlib.compress(body, 1), 1
    if len(body) > MAX_FRAME:
        raise ProtocolError("A message is too large to send; send fewer changes at once.")
    return _HEADER.pack(len(body) + 1, flag) + body


def read_frame_header(header: bytes, limit: int = MAX_FRAME) -> tuple[int, int]:
    """(body length, flag) from the 5 header bytes; refuses sizes past `limit`."""
    length, flag = _HEADER.unpack(header)
    if length < 1 or length - 1 > limit or flag not in (0, 1):
        raise ProtocolError("The peer sent a frame of an impossible size or kind.")
    return length - 1, flag


def open_body(body: bytes, flag: int, limit: int = MAX_MESSAGE) -> dict[str, Any]:
    if flag == 1:
        inflater = zlib.decompressobj()
        try:
            body = inflater.decompress(body, limit)
        except zlib.error as exc:
            raise ProtocolError("The peer sent a damaged compressed frame.") from exc
        if inflater.unconsumed_tail or not inflater.eof:
            raise ProtocolError("The peer sent a frame that is too large or cut short.")
    return unpack(body)


def decode_frames(data: bytes) -> list[dict[str, Any]]:
    """Every message in a byte string of whole frames (files, tests); rejects any leftover."""
    messages, offset = [], 0
    while offset < len(data):
        if len(data) - offset < _HEADER.size:
            raise ProtocolError("The data ends inside a frame header.")
        length, flag = read_frame_header(data[offset : offset + _HEADER.size])
        offset += _HEADER.size
        if len(data) - offset < length:
            raise ProtocolError("The data ends inside a frame.")
        messages.append(open_body(data[offset : offset + length], flag))
        offset += length
    return messages


HEADER_SIZE = _HEADER.size

# --- batches ------------------------------------------------------------------------------


def batch_to_wire(batch: Batch) -> list[Any]:
    return [
        batch.device_id,
        batch.public_key,
        batch.schema,
        batch.signature,
        [[c.counter, c.hlc, c.table, c.row_id, c.payload] for c in batch.changes],
    ]


def _change(item: Any) -> Change:
    counter, hlc, table, row_id, payload = item
    if not (
        is_count(counter)
        and counter > 0
        and is_count(hlc)
        and isinstance(table, str)
        and isinstance(row_id, str)
        and isinstance(payload, str)
    ):
        raise TypeError("change fields")
    return Change(counter, hlc, table, row_id, payload)


def batch_from_wire(item: list[Any]) -> Batch:
    """A batch as received; its signature is checked later, when it is applied."""
    try:
        device_id, public_key, schema, signature, changes = item
        if not (
            isinstance(device_id, str)
            and isinstance(public_key, bytes)
            and is_count(schema)
            and isinstance(signature, bytes)
            and isinstance(changes, list)
            and changes
        ):
            raise TypeError("batch fields")
        return Batch(device_id, public_key, schema, tuple(map(_change, changes)), signature)
    except (TypeError, ValueError) as exc:
        raise ProtocolError("The peer sent a batch of changes in the wrong shape.") from exc


def chunks(batches: Iterable[Batch], max_changes: int = 4000) -> Iterator[list[Batch]]:
    """Batches grouped so that each frame holds about `max_changes` changes."""
    current: list[Batch] = []
    size = 0
    for batch in batches:
        if current and size + len(batch.changes) > max_changes:
            yield current
            current, size = [], 0
        current.append(batch)
        size += len(batch.changes)
    if current:
        yield current
