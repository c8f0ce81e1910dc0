"""Bundle files: changes carried on a USB stick, encrypted with the network key and signed.

    file = MAGIC + msgpack {"header": bytes, "body": bytes, "signature": bytes}
    header = msgpack {network, bundle, author, public_key, created_at, for, nonce, changes}
    body = AES-256-GCM(key = HKDF(network key), nonce, zlib(msgpack batch list),
                       associated data = MAGIC + header)
    signature = Ed25519 of the author over MAGIC + header + body

A lost stick leaks nothing (only members hold the network key); a forged, altered, cut or
foreign bundle is refused before anything is applied; a bundle is taken in once (its id is
remembered), so replaying an old stick does nothing.
"""

from __future__ import annotations

import os
import uuid
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import msgpack
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from resilient_zcc import schema
from resilient_zcc.atomic import atomic_write
from resilient_zcc.changelog import Batch
from resilient_zcc.errors import ZccError
from resilient_zcc.identity import device_id_for, verify
from resilient_zcc.network import bundles, keys, model, status
from resilient_zcc.network.trust import MergeReport, apply_trusted, outgoing, trust_of
from resilient_zcc.store import Store

from . import wire

MAGIC = b"RZCC-BUNDLE\x01"
MAX_BUNDLE = 512 * 1024 * 1024


class BadBundle(ZccError):
    pass


@dataclass
class ExportResult:
    path: Path
    bundle_id: str
    batches: int
    changes: int


def _cipher(network_key: bytes) -> AESGCM:
    key = HKDF(hashes.SHA256(), 32, salt=None, info=b"rzcc bundle v1").derive(network_key)
    return AESGCM(key)


def export(store: Store, path: Path, for_device: str | None = None) -> ExportResult:
    """Write what `for_device` lacks (as far as this device knows), or everything."""
    model.require(store)
    vector: dict[str, int] = {}
    if for_device:
        for_device = model.resolve_member(store, for_device)
        vector = status.known_vector(store, for_device)
    return write(store, path, outgoing(store, vector), for_device)


def write(
    store: Store, path: Path, batches: list[Batch], for_device: str | None = None
) -> ExportResult:
    """Seal, sign and atomically write these batches as a bundle file."""
    network = model.require(store)
    bundle_id = str(uuid.uuid4())
    nonce = os.urandom(12)
    header = msgpack.packb(
        {
            "network": network.id,
            "bundle": bundle_id,
            "author": store.identity.device_id,
            "public_key": store.identity.public_key,
            "created_at": model.now_iso(),
            "for": for_device,
            "nonce": nonce,
            "key_id": network.key_ref[1],
            "changes": sum(len(b.changes) for b in batches),
        },
        use_bin_type=True,
    )
    plain = zlib.compress(msgpack.packb([wire.batch_to_wire(b) for b in batches]), 6)
    body = _cipher(network.key).encrypt(nonce, plain, MAGIC + header)
    signature = store.identity.sign(MAGIC + header + body)
    data = MAGIC + msgpack.packb({"header": header, "body": body, "signature": signature})
    atomic_write(path, data)
    return ExportResult(path, bundle_id, len(batches), sum(len(b.changes) for b in batches))


def _fields(data: bytes) -> tuple[bytes, bytes, bytes, dict[str, Any]]:
    damaged = BadBundle(
        "The bundle file is damaged or cut short (copy it again from the stick); nothing "
        "was applied."
    )
    if not data.startswith(MAGIC):
        raise BadBundle("This file is not a Resilient ZCC bundle; nothing was applied.")
    try:
        envelope = msgpack.unpackb(data[len(MAGIC) :], raw=False, strict_map_key=True)
        header_bytes, body, signature = (
            envelope["header"],
            envelope["body"],
            envelope["signature"],
        )
        header = msgpack.unpackb(header_bytes, raw=False, strict_map_key=True)
        if not all(isinstance(v, bytes) for v in (header_bytes, body, signature)):
            raise TypeError("envelope")
        if not (
            isinstance(header, dict)
            and all(isinstance(header.get(k), str) for k in ("network", "bundle", "author"))
            and isinstance(header.get("public_key"), bytes)
            and isinstance(header.get("nonce"), bytes)
            and len(header["nonce"]) == 12
        ):
            raise TypeError("header")
    except (ValueError, TypeError, KeyError, OverflowError, msgpack.UnpackException) as exc:
        raise damaged from exc
    return header_bytes, body, signature, header


def read(store: Store, path: Path) -> tuple[dict[str, Any], list[Any]]:
    """Check a bundle completely and return its header and batches; applies nothing."""
    network = model.require(store)
    try:
        if path.stat().st_size > MAX_BUNDLE:
            raise BadBundle("The file is too large to be a bundle; nothing was applied.")
        data = path.read_bytes()
    except OSError as exc:
        raise BadBundle(
            "Cannot read {path}: {reason}.", path=path, reason=exc.strerror or exc
        ) from exc
    header_bytes, body, signature, header = _fields(data)
    if header["network"] != network.id:
        raise BadBundle("This bundle comes from another region network; nothing was applied.")
    author = header["author"]
    if device_id_for(header["public_key"]) != author or not verify(
        header["public_key"], signature, MAGIC + header_bytes + body
    ):
        raise BadBundle(
            "The bundle was altered after it was made (its signature does not match); "
            "nothing was applied."
        )
    if not trust_of(store).trusts_peer(author) and author != store.identity.device_id:
        raise BadBundle(
            "The bundle was made by device {device}, which is not a member of this "
            "network or was revoked; nothing was applied.",
            device=author[:12],
        )
    when = bundles.imported_at(store, header["bundle"])
    if when:
        raise BadBundle(
            "This bundle was already imported ({when}); nothing was applied again.", when=when
        )
    sealed_with = header.get("key_id")
    key = keys.by_id(store, sealed_with) if isinstance(sealed_with, str) else None
    if key is None:
        raise BadBundle(
            "The bundle was sealed with a network key this device does not hold (a newer one, "
            "made when a device was revoked, or another network's). Sync with a member over "
            "the network first; nothing was applied."
        )
    try:
        plain = _cipher(key).decrypt(header["nonce"], body, MAGIC + header_bytes)
    except InvalidTag as exc:
        raise BadBundle(
            "The bundle cannot be opened with this network's key (made with another key); "
            "nothing was applied."
        ) from exc
    try:
        inflater = zlib.decompressobj()
        items = msgpack.unpackb(inflater.decompress(plain, wire.MAX_MESSAGE * 8), raw=False)
        if not isinstance(items, list):
            raise TypeError("batches")
        batches = [wire.batch_from_wire(item) for item in items]
    except (ValueError, TypeError, zlib.error, msgpack.UnpackException, wire.ProtocolError) as e:
        raise BadBundle("The bundle's contents are damaged; nothing was applied.") from e
    newest = max((b.schema for b in batches), default=0)
    if newest > schema.LATEST:
        raise BadBundle(
            "The bundle was made by a newer Resilient ZCC (schema {current}; this one "
            "{latest}). Update required; nothing was applied.",
            current=newest,
            latest=schema.LATEST,
        )
    if not all(b.is_authentic() for b in batches):
        raise BadBundle(
            "The bundle holds changes whose signatures do not match; nothing was applied."
        )
    return header, batches


def import_bundle(store: Store, path: Path) -> tuple[dict[str, Any], MergeReport]:
    header, batches = read(store, path)
    report = apply_trusted(store, batches)
    bundles.mark_imported(store, header["bundle"], header["author"])
    if header["author"] != store.identity.device_id:
        status.record(store, header["author"], result=f"bundle: received {report.applied}")
    return header, report
