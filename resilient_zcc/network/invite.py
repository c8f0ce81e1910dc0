"""Invitations: a short code that lets one device join the network of another.

The code carries a one-time secret (80 bits) and the first 80 bits of the inviting
device's id. The joining device connects without a certificate of its own yet, checks that
the TLS peer's device id starts with that fingerprint (so it talks to the inviter and no
one else), and proves it knows the secret with an HMAC over both device ids and a nonce
the inviter chose. The inviter then adds the joiner as a member and sends the network key,
sealed once more with a key derived from the secret (inside TLS already). A code works
once, for a limited time.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from ..errors import ValidationError, ZccError
from ..identity import verify
from . import certs, model

if TYPE_CHECKING:
    from ..store import Store

SECRET_BYTES = 10
FINGERPRINT_BYTES = 10
DEFAULT_HOURS = 24
QR_PREFIX = "RZCC-JOIN:"


class InvitationRefused(ZccError):
    def __init__(self) -> None:
        super().__init__(
            "The invitation code is wrong, already used or expired; ask the inviting device "
            "for a new one ('network invite'). Nothing was shared."
        )


@dataclass(frozen=True)
class Invitation:
    code: str
    expires_at: str
    inviter: str
    address: str | None = None

    @property
    def qr_text(self) -> str:
        return f"{QR_PREFIX}{self.code}" + (f"@{self.address}" if self.address else "")


@dataclass(frozen=True)
class ParsedCode:
    secret: bytes
    fingerprint: str  # hex prefix of the inviter's device id

    @property
    def invite_id(self) -> str:
        return invite_id(self.secret)


def invite_id(secret: bytes) -> str:
    return hashlib.sha256(b"rzcc invite id\n" + secret).hexdigest()[:24]


def create(store: Store, hours: int = DEFAULT_HOURS, address: str | None = None) -> Invitation:
    model.require(store)
    if not 1 <= hours <= 24 * 14:
        raise ValidationError("An invitation is valid between 1 hour and 14 days.")
    secret = os.urandom(SECRET_BYTES)
    me = store.identity.device_id
    raw = secret + bytes.fromhex(me)[:FINGERPRINT_BYTES]
    text = base64.b32encode(raw).decode("ascii")
    code = "-".join(text[i : i + 4] for i in range(0, len(text), 4))
    now = datetime.now(UTC)
    expires = (now + timedelta(hours=hours)).isoformat(timespec="seconds")
    with store.transaction():
        store.conn.execute(
            "INSERT INTO invitations (id, secret, created_at, expires_at) VALUES (?, ?, ?, ?)",
            (invite_id(secret), secret, now.isoformat(timespec="seconds"), expires),
        )
    return Invitation(code, expires, me, address)


def parse(code: str) -> tuple[ParsedCode, str | None]:
    """A typed or scanned code (with or without dashes, any case); the address if scanned."""
    text = code.strip()
    address = None
    if text.upper().startswith(QR_PREFIX):
        text = text[len(QR_PREFIX) :]
        if "@" in text:
            text, address = text.split("@", 1)
    compact = re.sub(r"[\s-]", "", text).upper()
    try:
        raw = base64.b32decode(compact)
    except ValueError:
        raw = b""
    if len(raw) != SECRET_BYTES + FINGERPRINT_BYTES:
        raise ValidationError(
            "That is not an invitation code: it has 8 groups of 4 letters and digits, "
            "like ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567."
        )
    return ParsedCode(raw[:SECRET_BYTES], raw[SECRET_BYTES:].hex()), address


def proof(secret: bytes, joiner: str, inviter: str, nonce: bytes) -> bytes:
    message = b"rzcc join v1\n" + joiner.encode() + b"\n" + inviter.encode() + b"\n" + nonce
    return hmac.new(secret, message, hashlib.sha256).digest()


def _wrap_key(secret: bytes, joiner: str, network_id: str) -> AESGCM:
    info = b"rzcc invite key v1\n" + joiner.encode() + b"\n" + network_id.encode()
    return AESGCM(HKDF(hashes.SHA256(), 32, salt=None, info=info).derive(secret))


def possession_message(nonce: bytes, inviter: str) -> bytes:
    """What the joiner signs with its device key: it holds the key its certificate names."""
    return b"rzcc join key v1\n" + inviter.encode() + b"\n" + nonce


def accept(
    store: Store,
    invite: str,
    given_proof: bytes,
    nonce: bytes,
    certificate: bytes,
    label: str,
    signature: bytes,
) -> dict[str, Any]:
    """On the inviting device: check the joiner's proof, make it a member, seal the key."""
    network = model.require(store)
    joiner = certs.device_id_of(certificate)
    if not verify(
        certs.public_key_of(certificate),
        signature,
        possession_message(nonce, store.identity.device_id),
    ):
        raise InvitationRefused()
    row = store.conn.execute(
        "SELECT secret, expires_at, used_at FROM invitations WHERE id = ?", (invite,)
    ).fetchone()
    if row is None or row[2] is not None or row[1] < datetime.now(UTC).isoformat():
        raise InvitationRefused()
    secret = bytes(row[0])
    expected = proof(secret, joiner, store.identity.device_id, nonce)
    if not hmac.compare_digest(expected, given_proof):
        raise InvitationRefused()
    with store.transaction():
        store.conn.execute(
            "UPDATE invitations SET used_by = ?, used_at = ? WHERE id = ?",
            (joiner, model.now_iso(), invite),
        )
        model.vouch_for_members(store)  # so the joiner admits the members' batches
        model.add_member(store, joiner, certs.public_key_of(certificate), certificate, label)
    box_nonce = os.urandom(12)
    sealed = _wrap_key(secret, joiner, network.id).encrypt(box_nonce, network.key, None)
    return {
        "network": network.id,
        "name": network.name,
        "nonce": box_nonce,
        "key": sealed,
        "epoch": network.key_ref[0],
    }


def open_welcome(
    store: Store, secret: bytes, inviter: str, welcome: dict[str, Any]
) -> model.Network:
    """On the joining device: unseal the network key and record the network."""
    try:
        network_id = str(welcome["network"])
        key = _wrap_key(secret, store.identity.device_id, network_id).decrypt(
            bytes(welcome["nonce"]), bytes(welcome["key"]), None
        )
    except (KeyError, TypeError, ValueError, InvalidTag) as exc:
        raise ZccError("The inviting device sent a network key that does not open.") from exc
    epoch = welcome.get("epoch", 0)
    model.join_local(store, network_id, key, epoch if isinstance(epoch, int) else 0, inviter)
    return model.require(store)


def join_directly(inviter: Store, joiner: Store) -> None:
    """Both profiles open in one process (tests, benchmarks, a hub set up beside a laptop):
    the same invitation, proof and sealed key as over the network, handed over in memory."""
    made = create(inviter, hours=1)
    parsed, _address = parse(made.code)
    nonce = os.urandom(32)
    joiner_id, inviter_id = joiner.identity.device_id, inviter.identity.device_id
    label = joiner.query_one("SELECT label FROM devices WHERE id = ?", (joiner_id,)) or {}
    welcome = accept(
        inviter,
        parsed.invite_id,
        proof(parsed.secret, joiner_id, inviter_id, nonce),
        nonce,
        certs.certificate_for(joiner.identity),
        str(label.get("label") or ""),
        joiner.identity.sign(possession_message(nonce, inviter_id)),
    )
    open_welcome(joiner, parsed.secret, inviter_id, welcome)
