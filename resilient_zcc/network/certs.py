"""Self-signed TLS certificates made from the device's own Ed25519 key.

The certificate is deterministic (serial, names and validity derive from the key; Ed25519
signatures are deterministic), so a device always presents the same bytes, and a peer's
device id is the SHA-256 of the public key inside it: self-certifying, as in Syncthing.
"""

from __future__ import annotations

import base64
import hashlib
from datetime import UTC, datetime

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from cryptography.x509.oid import NameOID

from ..errors import ZccError
from ..identity import DeviceIdentity, device_id_for

NOT_BEFORE = datetime(2020, 1, 1, tzinfo=UTC)
NOT_AFTER = datetime(9999, 12, 31, 23, 59, 59, tzinfo=UTC)


def certificate_for(identity: DeviceIdentity) -> bytes:
    """The device's self-signed certificate (DER)."""
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, f"rzcc-{identity.device_id[:16]}")])
    serial = int.from_bytes(hashlib.sha256(identity.public_key).digest()[:16], "big") >> 1
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(identity.private_key.public_key())
        .serial_number(serial or 1)
        .not_valid_before(NOT_BEFORE)
        .not_valid_after(NOT_AFTER)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .sign(identity.private_key, None)
    )
    return cert.public_bytes(Encoding.DER)


def public_key_of(der: bytes) -> bytes:
    """The raw Ed25519 public key in a certificate; anything else is refused."""
    try:
        key = x509.load_der_x509_certificate(der).public_key()
    except ValueError as exc:
        raise ZccError("The peer's certificate cannot be read; no data was exchanged.") from exc
    if not isinstance(key, Ed25519PublicKey):
        raise ZccError("The peer's certificate is not a Resilient ZCC device certificate.")
    return key.public_bytes(Encoding.Raw, PublicFormat.Raw)


def device_id_of(der: bytes) -> str:
    return device_id_for(public_key_of(der))


def to_text(der: bytes) -> str:
    return base64.b64encode(der).decode("ascii")


def from_text(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"))


def pem_bundle(ders: list[bytes]) -> str:
    """Certificates as concatenated PEM text (what `ssl` takes as trusted `cadata`)."""
    return "".join(
        x509.load_der_x509_certificate(der).public_bytes(Encoding.PEM).decode("ascii")
        for der in ders
    )
