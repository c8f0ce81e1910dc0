"""The key header beside the database: the random database key, wrapped twice.

passphrase --Argon2id--> key-encryption key --AES-GCM--> database key
recovery key --HKDF----> key-encryption key --AES-GCM--> the same database key

Changing the passphrase or issuing a new recovery key rewraps; the database is never re-keyed.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
import secrets
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from .atomic import atomic_write
from .errors import HeaderCorrupt, ProfileMissing, WrongPassphrase, ZccError
from .i18n import Text

FORMAT = "resilient-zcc-key-header"
VERSION = 1
KEY_BYTES = 32
RECOVERY_BYTES = 20  # 160 bits: 32 base32 characters, 8 groups of 4 on paper
MIN_PASSPHRASE = 8


@dataclass(frozen=True)
class KdfCost:
    """Argon2id cost; stored in the header so a profile opens with the cost it was made with."""

    iterations: int
    memory_kib: int = 64 * 1024
    lanes: int = 4


# What a header may ask of Argon2id: calibration makes 2..200 iterations at 64 MiB and 4
# lanes (tests use 1 iteration, 8 MiB, 1 lane). A tampered header asking for more must be a
# refusal, not an OverflowError, an exhausted memory or an unlock that never ends.
MAX_ITERATIONS = 200
MIN_MEMORY_KIB, MAX_MEMORY_KIB = 8 * 1024, 1024 * 1024
MAX_LANES = 16


def _stored_cost(wrap: dict[str, Any]) -> KdfCost | None:
    """The header's Argon2id cost if it is one calibration could have made, else None."""
    iterations, memory_kib, lanes = (
        _whole(wrap.get(k)) for k in ("iterations", "memory_kib", "lanes")
    )
    if iterations is None or memory_kib is None or lanes is None:
        return None
    if not (
        1 <= iterations <= MAX_ITERATIONS
        and 1 <= lanes <= MAX_LANES
        and max(MIN_MEMORY_KIB, 8 * lanes) <= memory_kib <= MAX_MEMORY_KIB
    ):
        return None
    return KdfCost(iterations, memory_kib, lanes)


def _whole(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def calibrate(target_s: float = 0.4, memory_kib: int = 64 * 1024) -> KdfCost:
    """Choose Argon2id iterations so that one unlock takes about `target_s` on this machine."""
    # The fastest of a few tries is the least disturbed by whatever else the machine does.
    one, three = (min(_time_derive(KdfCost(n, memory_kib)) for _ in range(3)) for n in (1, 3))
    per_iteration = max((three - one) / 2, 1e-4)
    fixed = max(one - per_iteration, 0.0)
    iterations = round((target_s - fixed) / per_iteration)
    return KdfCost(min(max(iterations, 2), 200), memory_kib)


def _time_derive(cost: KdfCost) -> float:
    start = time.perf_counter()
    _argon2(b"calibration", os.urandom(16), cost)
    return time.perf_counter() - start


def _argon2(secret: bytes, salt: bytes, cost: KdfCost) -> bytes:
    kdf = Argon2id(
        salt=salt,
        length=KEY_BYTES,
        iterations=cost.iterations,
        lanes=cost.lanes,
        memory_cost=cost.memory_kib,
    )
    return kdf.derive(secret)


def _hkdf(secret: bytes, salt: bytes) -> bytes:
    kdf = HKDF(hashes.SHA256(), KEY_BYTES, salt, b"resilient-zcc recovery key")
    return kdf.derive(secret)


def format_recovery_key(raw: bytes) -> str:
    text = base64.b32encode(raw).decode("ascii")
    return "-".join(text[i : i + 4] for i in range(0, len(text), 4))


def parse_recovery_key(text: str) -> bytes:
    cleaned = "".join(ch for ch in text.upper() if ch.isalnum())
    # Letters people misread on paper: base32 has no 0, 1 or 8.
    cleaned = cleaned.translate(str.maketrans("018", "OIB"))
    try:
        raw = base64.b32decode(cleaned)
    except (binascii.Error, ValueError):
        raw = b""
    if len(raw) != RECOVERY_BYTES:
        raise WrongPassphrase()
    return raw


def check_passphrase_strength(passphrase: str) -> Text | None:
    """A reason the passphrase is too weak (shown with `str()`), or None."""
    if len(passphrase) < MIN_PASSPHRASE:
        return Text("The passphrase must be at least {n} characters.", n=MIN_PASSPHRASE)
    if len(set(passphrase)) < 4:
        return Text("The passphrase repeats too few different characters.")
    return None


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: Any) -> bytes:
    if not isinstance(text, str):
        raise ValueError("not base64 text")
    return base64.b64decode(text, validate=True)


def _aad(kind: str) -> bytes:
    return f"{FORMAT}/v{VERSION}/{kind}".encode()


@dataclass
class KeyHeader:
    """The wraps of one profile's database key; `save` writes it atomically."""

    wraps: dict[str, dict[str, Any]]

    @classmethod
    def create(cls, passphrase: str, cost: KdfCost) -> tuple[KeyHeader, bytes, str]:
        """A new header for a new random database key; returns (header, key, recovery key)."""
        db_key = secrets.token_bytes(KEY_BYTES)
        header = cls({})
        header.set_passphrase(db_key, passphrase, cost)
        recovery = header.new_recovery_key(db_key)
        return header, db_key, recovery

    def set_passphrase(self, db_key: bytes, passphrase: str, cost: KdfCost) -> None:
        reason = check_passphrase_strength(passphrase)
        if reason:
            raise ZccError(reason)
        salt = os.urandom(16)
        kek = _argon2(passphrase.encode("utf-8"), salt, cost)
        self.wraps["passphrase"] = {"kdf": "argon2id", "salt": _b64(salt), **asdict(cost)}
        self._seal("passphrase", kek, db_key)

    def new_recovery_key(self, db_key: bytes) -> str:
        raw = secrets.token_bytes(RECOVERY_BYTES)
        salt = os.urandom(16)
        self.wraps["recovery"] = {"kdf": "hkdf-sha256", "salt": _b64(salt)}
        self._seal("recovery", _hkdf(raw, salt), db_key)
        return format_recovery_key(raw)

    def _seal(self, kind: str, kek: bytes, db_key: bytes) -> None:
        nonce = os.urandom(12)
        wrapped = AESGCM(kek).encrypt(nonce, db_key, _aad(kind))
        self.wraps[kind].update(nonce=_b64(nonce), wrapped_key=_b64(wrapped))

    def unlock(self, passphrase: str) -> bytes:
        wrap = self._wrap("passphrase")
        cost = _stored_cost(wrap)
        if cost is None:
            raise self._corrupt()
        try:
            kek = _argon2(passphrase.encode("utf-8"), _unb64(wrap["salt"]), cost)
        except (KeyError, TypeError, ValueError, OverflowError) as exc:
            raise self._corrupt() from exc
        return self._open("passphrase", kek)

    def unlock_with_recovery_key(self, recovery_key: str) -> bytes:
        wrap = self._wrap("recovery")
        raw = parse_recovery_key(recovery_key)
        try:
            kek = _hkdf(raw, _unb64(wrap["salt"]))
        except (KeyError, ValueError) as exc:
            raise self._corrupt() from exc
        return self._open("recovery", kek)

    def _open(self, kind: str, kek: bytes) -> bytes:
        wrap = self.wraps[kind]
        try:
            nonce, wrapped = _unb64(wrap["nonce"]), _unb64(wrap["wrapped_key"])
        except (KeyError, ValueError) as exc:
            raise self._corrupt() from exc
        try:
            return AESGCM(kek).decrypt(nonce, wrapped, _aad(kind))
        except InvalidTag:
            raise WrongPassphrase() from None
        except ValueError as exc:  # a nonce of the wrong length
            raise self._corrupt() from exc

    def _wrap(self, kind: str) -> dict[str, Any]:
        wrap = self.wraps.get(kind)
        if not isinstance(wrap, dict):
            raise self._corrupt()
        return wrap

    @staticmethod
    def _corrupt() -> HeaderCorrupt:
        return HeaderCorrupt(
            "The key header (keys.json) of this profile is damaged. The database cannot be "
            "opened without it: restore keys.json from a backup, or restore the profile."
        )

    def to_bytes(self) -> bytes:
        doc = {"format": FORMAT, "version": VERSION, "wraps": self.wraps}
        return json.dumps(doc, indent=2, sort_keys=True).encode("utf-8")

    @classmethod
    def from_bytes(cls, data: bytes) -> KeyHeader:
        try:
            doc = json.loads(data.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise cls._corrupt() from exc
        if not isinstance(doc, dict) or doc.get("format") != FORMAT:
            raise cls._corrupt()
        if doc.get("version") != VERSION:
            raise HeaderCorrupt(
                "The key header has version {found!r}; this version of "
                "Resilient ZCC reads version {version}. Update the app.",
                found=doc.get("version"),
                version=VERSION,
            )
        wraps = doc.get("wraps")
        if not isinstance(wraps, dict):
            raise cls._corrupt()
        return cls(wraps)

    def save(self, path: Path) -> None:
        atomic_write(path, self.to_bytes())

    @classmethod
    def load(cls, path: Path) -> KeyHeader:
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            if path.with_name("zcc.db").exists():
                raise HeaderCorrupt(
                    "The key header {path} is missing; the database cannot be opened without "
                    "it. Restore keys.json from a backup, or restore the profile.",
                    path=path,
                ) from None
            raise ProfileMissing(
                "No profile in {folder}. Create one with `resilient-zcc init`.", folder=path.parent
            ) from None
        except OSError as exc:
            raise ZccError(
                "Cannot read {path} ({reason}): check that this user account may read "
                "the profile folder.",
                path=path,
                reason=exc.strerror,
            ) from exc
        return cls.from_bytes(data)


def change_passphrase(
    path: Path,
    new: str,
    *,
    old: str | None = None,
    recovery_key: str | None = None,
    cost: KdfCost | None = None,
) -> None:
    """Rewrap the database key under `new`, unlocking with the old passphrase or recovery key."""
    header = KeyHeader.load(path)
    if recovery_key is not None:
        db_key = header.unlock_with_recovery_key(recovery_key)
    else:
        db_key = header.unlock(old or "")
    header.set_passphrase(db_key, new, cost or calibrate())
    header.save(path)


def issue_recovery_key(path: Path, passphrase: str) -> str:
    """A new recovery key; the previous one stops working."""
    header = KeyHeader.load(path)
    db_key = header.unlock(passphrase)
    recovery_key = header.new_recovery_key(db_key)
    header.save(path)
    return recovery_key
