"""TLS 1.3 contexts from the device's own Ed25519 key; peers pinned by device id.

Python's `ssl` reads keys only from files, so the private key is written, encrypted under
a random one-time password, to a private temporary file that is removed at once: the key
is never on disk in the clear. A server asks every client for its certificate and trusts
exactly the certificates of the network's members that are not revoked (rebuilt for each
connection, so a revocation applies to the next one); a client without a certificate may
only attempt to join. A client checks the server's device id itself after the handshake.
"""

from __future__ import annotations

import os
import secrets
import socket
import ssl
import tempfile

from cryptography.hazmat.primitives.serialization import (
    BestAvailableEncryption,
    Encoding,
    PrivateFormat,
)

from resilient_zcc.errors import ValidationError, ZccError
from resilient_zcc.identity import DeviceIdentity
from resilient_zcc.network import certs


def _load_identity(context: ssl.SSLContext, identity: DeviceIdentity) -> None:
    password = secrets.token_bytes(24).hex().encode()
    pem = certs.pem_bundle([certs.certificate_for(identity)]).encode() + (
        identity.private_key.private_bytes(
            Encoding.PEM, PrivateFormat.PKCS8, BestAvailableEncryption(password)
        )
    )
    fd, path = tempfile.mkstemp(prefix="rzcc-tls-", suffix=".pem")
    try:
        os.write(fd, pem)
        os.close(fd)
        context.load_cert_chain(path, password=password)
    finally:
        os.unlink(path)


def _base(purpose: int) -> ssl.SSLContext:
    context = ssl.SSLContext(purpose)
    context.minimum_version = ssl.TLSVersion.TLSv1_3
    return context


def server_context(identity: DeviceIdentity, trusted: list[bytes]) -> ssl.SSLContext:
    context = _base(ssl.PROTOCOL_TLS_SERVER)
    _load_identity(context, identity)
    context.verify_mode = ssl.CERT_OPTIONAL  # no certificate: join only (see server.py)
    anchors = trusted or [certs.certificate_for(identity)]
    context.load_verify_locations(cadata=certs.pem_bundle(anchors))
    return context


def client_context(identity: DeviceIdentity | None) -> ssl.SSLContext:
    context = _base(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname = False  # peers are pinned by device id, not by name
    context.verify_mode = ssl.CERT_NONE  # checked after the handshake: see peer_device()
    if identity is not None:
        _load_identity(context, identity)
    return context


def peer_device(sock: ssl.SSLSocket) -> str | None:
    """The device id of the other side's certificate (proven by the TLS handshake)."""
    der = sock.getpeercert(binary_form=True)
    return certs.device_id_of(der) if der else None


def parse_address(text: str, default_port: int | None = None) -> tuple[str, int]:
    """HOST:PORT (or [IPv6]:PORT); a clear message for anything else."""
    host, sep, port = text.strip().rpartition(":")
    if not sep:
        host, port = text.strip(), str(default_port or "")
    host = host.strip("[]")
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise ValidationError(
            "'{text}' is not an address; write HOST:PORT, e.g. 127.0.0.1:7400.", text=text
        )
    return host, int(port)


def connect(host: str, port: int, timeout: float) -> socket.socket:
    try:
        sock = socket.create_connection((host, port), timeout=timeout)
    except OSError as exc:
        raise ZccError(
            "Cannot reach a peer at {host}:{port} ({reason}); check the address "
            "and that 'sync serve' runs there.",
            host=host,
            port=port,
            reason=exc.strerror or exc,
        ) from exc
    no_delay(sock)
    return sock


def no_delay(sock: socket.socket) -> None:
    """Small messages leave at once (Nagle plus delayed ACKs would add ~40 ms per turn)."""
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
