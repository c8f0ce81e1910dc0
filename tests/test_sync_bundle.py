"""Bundle files for a USB stick: encrypted, signed, taken in once; bad ones change nothing."""

from __future__ import annotations

import os
from pathlib import Path

import msgpack
import pytest

from resilient_zcc.network import model
from resilient_zcc.store import Store
from sync import bundle

from .helpers import new_store
from .network_setup import network_of, trusted_sync

pytestmark = pytest.mark.timeout(60)


def _state(store: Store) -> tuple[dict[str, int], int]:
    count = store.query_one("SELECT count(*) AS n FROM changes")
    return store.log.version_vector(), int(count["n"]) if count else 0


@pytest.fixture
def three(tmp_path: Path):  # type: ignore[no-untyped-def]
    stores = network_of(tmp_path, 3)
    a = stores[0]
    with a.transaction() as tx:
        tx.put("organisations", "o-usb", {"name": "Per USB-stick", "city": "Hengelo"})
    yield stores
    for store in stores:
        store.close()


def test_export_import_carries_the_changes(three: list[Store], tmp_path: Path) -> None:
    a, b, _c = three
    path = tmp_path / "stick" / "a.rzcc"
    path.parent.mkdir()
    made = bundle.export(a, path)
    assert made.changes > 0 and path.exists()
    assert b"Per USB-stick" not in path.read_bytes() and b"Hengelo" not in path.read_bytes()
    header, report = bundle.import_bundle(b, path)
    assert header["author"] == a.identity.device_id and report.applied > 0
    assert b.query_one("SELECT name FROM organisations WHERE id = 'o-usb'") == {
        "name": "Per USB-stick"
    }
    assert not list(path.parent.glob(".*tmp*"))  # written atomically, nothing left over


def test_export_for_a_device_holds_only_what_it_lacks(three: list[Store], tmp_path: Path) -> None:
    from resilient_zcc.network import status

    a, b, _c = three
    trusted_sync(b, a)
    status.record(a, b.identity.device_id, synced=True, vector=a.log.version_vector())
    with a.transaction() as tx:
        tx.put("organisations", "o-new", {"name": "Nieuw"})
    made = bundle.export(a, tmp_path / "for-b.rzcc", for_device=b.identity.device_id[:10])
    assert made.changes == 1
    everything = bundle.export(a, tmp_path / "all.rzcc")
    assert everything.changes > made.changes


def _assert_refused(store: Store, path: Path, message: str) -> None:
    before = _state(store)
    with pytest.raises(bundle.BadBundle, match=message):
        bundle.import_bundle(store, path)
    assert _state(store) == before


def test_tampered_truncated_and_foreign_files_are_refused(
    three: list[Store], tmp_path: Path
) -> None:
    a, b, _c = three
    good = tmp_path / "good.rzcc"
    bundle.export(a, good)
    data = good.read_bytes()
    cases = {
        "not a Resilient ZCC bundle": b"PK\x03\x04" + data[4:],
        "damaged or cut short": data[: len(data) // 2],
        "damaged or cut short ": data[: len(bundle.MAGIC) + 3],
        "altered": data[:-80] + bytes([data[-80] ^ 1]) + data[-79:],
    }
    for message, content in cases.items():
        path = tmp_path / "bad.rzcc"
        path.write_bytes(content)
        _assert_refused(b, path, message.strip())
    _assert_refused(b, tmp_path / "missing.rzcc", "Cannot read")


def test_body_altered_and_resigned_by_an_outsider_is_refused(
    three: list[Store], tmp_path: Path
) -> None:
    a, b, _c = three
    good = tmp_path / "good.rzcc"
    bundle.export(a, good)
    envelope = msgpack.unpackb(good.read_bytes()[len(bundle.MAGIC) :])
    header = msgpack.unpackb(envelope["header"])
    with new_store(tmp_path / "x", "outsider") as outsider:
        header["author"] = outsider.identity.device_id
        header["public_key"] = outsider.identity.public_key
        header_bytes = msgpack.packb(header)
        signature = outsider.identity.sign(bundle.MAGIC + header_bytes + envelope["body"])
    forged = tmp_path / "forged.rzcc"
    forged.write_bytes(
        bundle.MAGIC
        + msgpack.packb({"header": header_bytes, "body": envelope["body"], "signature": signature})
    )
    _assert_refused(b, forged, "not a member")


def test_replayed_bundle_is_refused(three: list[Store], tmp_path: Path) -> None:
    a, b, _c = three
    path = tmp_path / "a.rzcc"
    bundle.export(a, path)
    bundle.import_bundle(b, path)
    _assert_refused(b, path, "already imported")


def test_bundle_from_another_network_is_refused(three: list[Store], tmp_path: Path) -> None:
    _a, b, _c = three
    with new_store(tmp_path / "other", "elders") as other:
        model.create(other, "Andere regio")
        path = tmp_path / "other.rzcc"
        bundle.export(other, path)
    _assert_refused(b, path, "another region network")


def test_wrong_network_key_is_refused(three: list[Store], tmp_path: Path) -> None:
    a, b, _c = three
    path = tmp_path / "a.rzcc"
    bundle.export(a, path)
    # b's copy of the key damaged (or a bundle sealed with another key): it cannot open.
    b.conn.execute("UPDATE network_keys SET key = ?", (os.urandom(32),))
    _assert_refused(b, path, "cannot be opened with this network's key")


def test_bundle_from_a_revoked_device_is_refused(three: list[Store], tmp_path: Path) -> None:
    a, b, c = three
    trusted_sync(a, c)
    path = tmp_path / "c.rzcc"
    with c.transaction() as tx:
        tx.put("organisations", "o-c", {"name": "Van C"})
    bundle.export(c, path)
    model.revoke(b, c.identity.device_id)
    _assert_refused(b, path, "revoked")


def test_bundle_from_a_newer_version_asks_for_an_update(three: list[Store], tmp_path: Path) -> None:
    import dataclasses

    from resilient_zcc import schema

    a, b, _c = three
    newest = a.log.changes_since({})[-1]
    newer = dataclasses.replace(newest, schema=schema.LATEST + 1, signature=b"")
    signed = dataclasses.replace(newer, signature=a.identity.sign(newer.message()))
    path = tmp_path / "newer.rzcc"
    bundle.write(a, path, [signed])
    _assert_refused(b, path, "Update required")


def test_after_a_revocation_bundles_use_a_key_the_revoked_device_never_gets(
    three: list[Store], tmp_path: Path
) -> None:
    from sync import transport

    from .test_sync_tls import Served

    a, b, c = three
    trusted_sync(a, c)
    old_ref = model.require(a).key_ref
    model.revoke(a, c.identity.device_id)
    assert model.require(a).key_ref > old_ref
    path = tmp_path / "after.rzcc"
    bundle.export(a, path)
    # b learns the new key only in a mutually authenticated sync with a member.
    _assert_refused(b, path, "does not hold")
    served = Served(a)
    try:
        transport.sync_with(b, served.address)
        with pytest.raises(Exception, match="does not accept this device"):
            transport.sync_with(c, served.address)
    finally:
        served.stop()
    assert model.require(b).key_ref == model.require(a).key_ref
    header, report = bundle.import_bundle(b, path)
    assert header["author"] == a.identity.device_id
    _assert_refused(c, path, "does not hold")
    # Bundles sealed with the old key still open where that key is held.
    older = tmp_path / "older.rzcc"
    bundle.export(c, older)
    assert model.require(c).key_ref == old_ref
