"""Frames and messages: round trips, limits, and a bounded fuzz of the decoders."""

from __future__ import annotations

import contextlib
import struct
import tempfile
import uuid
from pathlib import Path

import msgpack
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from resilient_zcc.changelog import Batch, Change
from resilient_zcc.errors import ZccError
from resilient_zcc.network import model
from resilient_zcc.store import Store
from sync import bundle, wire

from .network_setup import network_of

pytestmark = pytest.mark.timeout(120)

HELLO = {
    "t": "hello",
    "proto": 1,
    "device": "d" * 64,
    "network": "n",
    "schema": 5,
    "clock": 1,
    "vector": {"d" * 64: 3},
    "key": [0, "0123456789abcdef"],
}


def test_frames_round_trip_and_compress() -> None:
    big = {"t": "error", "code": "x", "message": "herhaling " * 500}
    data = wire.frame(HELLO) + wire.frame(big)
    assert wire.decode_frames(data) == [HELLO, big]
    assert len(wire.frame(big)) < 200  # compressed


def test_batches_round_trip() -> None:
    batch = Batch(
        "d" * 64, b"k" * 32, 5, (Change(1, 2, "organisations", "o", '{"name":"x"}'),), b"s"
    )
    message = {"t": "batches", "items": [wire.batch_to_wire(batch)]}
    (decoded,) = wire.decode_frames(wire.frame(message))
    assert wire.batch_from_wire(decoded["items"][0]) == batch


@pytest.mark.parametrize(
    "data",
    [
        b"\x00\x00",  # header cut
        struct.pack(">IB", 10, 0) + b"abc",  # body cut
        struct.pack(">IB", wire.MAX_FRAME + 10, 0),  # too large
        struct.pack(">IB", 2, 7) + b"x",  # unknown flag
        struct.pack(">IB", 4, 1) + b"xyz",  # not zlib
        wire.frame({"t": "nonsense"}),
        wire.frame({"t": "hello", "proto": "one"}),
        wire.frame({**HELLO, "vector": {"d": "x"}}),
        struct.pack(">IB", 2, 0) + b"\xc1",  # msgpack's never-used byte
    ],
)
def test_garbage_is_a_clean_protocol_error(data: bytes) -> None:
    with pytest.raises(wire.ProtocolError):
        wire.decode_frames(data)


@pytest.mark.parametrize(
    "message",
    [
        {"t": ["hello"]},  # a list where the kind belongs
        {"t": {"k": 1}},  # a map
        {"t": b"hello"},
        {"t": 5},
        {**HELLO, "vector": {"d" * 64: 2**63}},  # past SQLite's integer range
        {**HELLO, "vector": {"d" * 64: -1}},
        {**HELLO, "vector": {"d" * 64: True}},
        {**HELLO, "clock": 2**64 - 1},
        {**HELLO, "schema": -5},
        {**HELLO, "key": [2**63, "abc"]},
        {"t": "done", "count": 0, "purged": [["d" * 64, 1, 2**63]]},
        {"t": "done", "count": 0, "purged": [["d" * 64, 1, 2**62, 7]]},
        {"t": "done", "count": -1, "purged": []},
        {"t": "ack", "vector": {"d": 2**63}, "final": True},
        {"t": "ack", "vector": {"d": 1}, "final": 1},
        {"t": "key", "epoch": 2**63, "key": b"k" * 32},
    ],
)
def test_wrong_kinds_and_out_of_range_fields_are_refused(message: dict[str, object]) -> None:
    body = msgpack.packb(message, use_bin_type=True)
    with pytest.raises(wire.ProtocolError):
        wire.unpack(body)


@pytest.mark.parametrize(
    "item",
    [
        ["d", b"k", 5, b"s", [[2**63, 2, "t", "r", "{}"]]],  # counter past SQLite's range
        ["d", b"k", 5, b"s", [[0, 2, "t", "r", "{}"]]],  # counters start at 1
        ["d", b"k", 5, b"s", [[1, -2, "t", "r", "{}"]]],
        ["d", b"k", 5, b"s", [[True, 2, "t", "r", "{}"]]],
        ["d", b"k", 2**64, b"s", [[1, 2, "t", "r", "{}"]]],
        {"d": 1},
        "batch",
    ],
)
def test_batches_with_out_of_range_fields_are_refused(item: object) -> None:
    with pytest.raises(wire.ProtocolError):
        wire.batch_from_wire(item)  # type: ignore[arg-type]


def test_decompression_bomb_is_refused() -> None:
    import zlib

    body = zlib.compress(b"\x00" * (wire.MAX_MESSAGE + 1024), 9)
    with pytest.raises(wire.ProtocolError, match="too large"):
        wire.decode_frames(struct.pack(">IB", len(body) + 1, 1) + body)


def test_malformed_batches_are_refused() -> None:
    for item in ([], ["d", b"k", 5, b"s", []], ["d", b"k", 5, b"s", [[1, 2, "t", "r", 3]]]):
        with pytest.raises(wire.ProtocolError):
            wire.batch_from_wire(item)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=300))
def test_fuzz_frame_decoder_bytes(data: bytes) -> None:
    try:
        for message in wire.decode_frames(data):
            if message["t"] == "batches":
                for item in message["items"]:
                    wire.batch_from_wire(item)
    except wire.ProtocolError:
        pass


_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**63), 2**64 - 1)
    | st.text(max_size=8)
    | st.binary(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4)
    ),
    max_leaves=12,
)


_FIELDS = sorted({f for shape in wire.SHAPES.values() for f in shape})


@settings(max_examples=150, deadline=None)
@given(
    st.sampled_from(sorted(wire.SHAPES)) | _values,
    st.dictionaries(st.sampled_from(_FIELDS), _values),
)
def test_fuzz_messages_of_known_kinds(kind: object, fields: dict[str, object]) -> None:
    """Any kind (also a list, a map, a number) with any fields: a valid message or a clean
    refusal, never another exception; every accepted field is within its bounds."""
    body = msgpack.packb({"t": kind, **fields}, use_bin_type=True)
    try:
        message = wire.unpack(body)
    except wire.ProtocolError:
        return
    _within_bounds(message)
    if message["t"] == "batches":
        for item in message["items"]:
            with contextlib.suppress(wire.ProtocolError):
                batch = wire.batch_from_wire(item)
                assert all(0 < c.counter <= wire.MAX_INT for c in batch.changes)


def _within_bounds(message: dict[str, object]) -> None:
    for value in message.values():
        if isinstance(value, int):
            assert -1 < value <= wire.MAX_INT or isinstance(value, bool)
        elif isinstance(value, dict):
            for v in value.values():
                assert isinstance(v, int) and 0 <= v <= wire.MAX_INT


@pytest.fixture(scope="module")
def bundle_peers(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    stores = network_of(tmp_path_factory.mktemp("fuzz"), 2)
    good = tmp_path_factory.mktemp("bundle") / "good.rzcc"
    bundle.export(stores[0], good)
    yield stores, good.read_bytes()
    for store in stores:
        store.close()


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_fuzz_bundle_decoder(bundle_peers: tuple[list[Store], bytes], data: st.DataObject) -> None:
    (_a, b), good = bundle_peers
    kind = data.draw(st.sampled_from(["flip", "cut", "random", "splice"]))
    if kind == "flip":
        position = data.draw(st.integers(0, len(good) - 1))
        content = (
            good[:position]
            + bytes([good[position] ^ data.draw(st.integers(1, 255))])
            + good[position + 1 :]
        )
    elif kind == "cut":
        content = good[: data.draw(st.integers(0, len(good) - 1))]
    elif kind == "splice":
        content = bundle.MAGIC + data.draw(st.binary(max_size=200))
    else:
        content = data.draw(st.binary(max_size=200))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "x.rzcc"
        path.write_bytes(content)
        with pytest.raises(ZccError):
            bundle.read(b, path)


def _sealed(store: Store, path: Path, header: dict[str, object], plain: bytes) -> None:
    """A bundle a member really signed and sealed, around any content at all: what a
    malicious or broken member could put on a stick."""
    import os
    import zlib

    network = model.require(store)
    nonce = os.urandom(12)
    fields = {
        "network": network.id,
        "bundle": str(uuid.uuid4()),
        "author": store.identity.device_id,
        "public_key": store.identity.public_key,
        "created_at": model.now_iso(),
        "for": None,
        "nonce": nonce,
        "key_id": network.key_ref[1],
        "changes": 1,
        **header,
    }
    header_bytes = msgpack.packb(fields, use_bin_type=True)
    body = bundle._cipher(network.key).encrypt(  # noqa: SLF001 - sealing as the writer does
        nonce, zlib.compress(plain), bundle.MAGIC + header_bytes
    )
    signature = store.identity.sign(bundle.MAGIC + header_bytes + body)
    envelope = {"header": header_bytes, "body": body, "signature": signature}
    path.write_bytes(bundle.MAGIC + msgpack.packb(envelope, use_bin_type=True))


@settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    header=st.dictionaries(
        st.sampled_from(["for", "changes", "created_at", "key_id", "bundle"]), _values, max_size=2
    ),
    items=_values,
    raw=st.booleans(),
)
def test_fuzz_bundle_contents_from_a_member(
    bundle_peers: tuple[list[Store], bytes], header: dict[str, object], items: object, raw: bool
) -> None:
    """Correctly signed and sealed by a member, any header fields and any contents: the
    reader applies nothing and refuses cleanly, or reads valid batches."""
    (a, b), _good = bundle_peers
    plain = msgpack.packb(items, use_bin_type=True) if not raw else str(items).encode()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "x.rzcc"
        _sealed(a, path, header, plain)
        try:
            _header, batches = bundle.read(b, path)
        except ZccError:
            return
        assert all(isinstance(x, Batch) for x in batches)
