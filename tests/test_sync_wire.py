"""Frames and messages: round trips, limits, and a bounded fuzz of the decoders."""

from __future__ import annotations

import contextlib
import struct
import tempfile
from pathlib import Path

import msgpack
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from resilient_zcc.changelog import Batch, Change
from resilient_zcc.errors import ZccError
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


@settings(max_examples=400, deadline=None)
@given(
    st.sampled_from(sorted(wire.SHAPES)),
    st.dictionaries(
        st.sampled_from(["proto", "device", "vector", "items", "nonce", "count"]), _values
    ),
)
def test_fuzz_messages_of_known_kinds(kind: str, fields: dict[str, object]) -> None:
    body = msgpack.packb({"t": kind, **fields}, use_bin_type=True)
    try:
        message = wire.unpack(body)
    except wire.ProtocolError:
        return
    if message["t"] == "batches":
        for item in message["items"]:
            with contextlib.suppress(wire.ProtocolError):
                wire.batch_from_wire(item)


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
