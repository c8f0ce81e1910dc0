"""Full backup and restore of a profile as one encrypted file (for a new laptop).

backup:  a consistent snapshot of the whole database is copied by SQLCipher's
         `sqlcipher_export` into a new database encrypted under a fresh random key; that key
         is wrapped with the backup passphrase by the key-header machinery (Argon2id,
         AES-GCM). The file is: magic line, header length, header (JSON: the wrap, the
         schema, the device, a SHA-256 of the database part), the encrypted database.
         Nothing is ever written in plaintext, not even temporarily: the snapshot is born
         encrypted.
restore: into an empty profile folder; the database part becomes the profile's database
         unchanged (same key), and a new key header wraps that key with the profile's new
         passphrase and a new recovery key. The device identity is the one of the backed-up
         laptop: the new laptop carries on as that device, so the old one must not be used
         any more (two laptops with one identity would hand out the same change numbers).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import secrets
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlcipher3

from .. import schema
from ..atomic import atomic_write
from ..errors import DatabaseCorrupt, ProfileExists, ZccError, translate_os_error
from ..keyheader import KdfCost, KeyHeader, calibrate
from ..profile import db_path, header_path
from ..store import Store, now_iso

MAGIC = b"RESILIENT-ZCC-BACKUP v1\n"
KEY_BYTES = 32


class BackupCorrupt(ZccError):
    pass


@dataclass(frozen=True)
class BackupInfo:
    created_at: str
    schema: int
    device_id: str
    label: str
    size: int


def _key_pragma(key: bytes) -> str:
    return f"\"x'{key.hex()}'\""


def _temp_beside(path: Path, tag: str) -> Path:
    return path.with_name(f".{path.name}.{tag}-{os.getpid()}-{secrets.token_hex(4)}")


def _remove(path: Path) -> None:
    for suffix in ("", "-journal", "-wal", "-shm"):
        with contextlib.suppress(OSError):
            Path(f"{path}{suffix}").unlink()


def create_backup(
    store: Store, target: Path, passphrase: str, *, cost: KdfCost | None = None
) -> BackupInfo:
    """Write the whole profile, encrypted under `passphrase`, to `target` (atomically)."""
    db_key = secrets.token_bytes(KEY_BYTES)
    header = KeyHeader({})
    header.set_passphrase(db_key, passphrase, cost or calibrate())  # refuses weak ones
    snapshot = _temp_beside(target, "snapshot")
    conn = store.conn
    try:
        conn.execute(f"ATTACH DATABASE ? AS backup KEY {_key_pragma(db_key)}", (str(snapshot),))
        try:
            conn.execute("BEGIN")  # one read transaction: a consistent snapshot
            try:
                conn.execute("SELECT sqlcipher_export('backup')")
                conn.execute(f"PRAGMA backup.user_version = {schema.version(conn)}")
            finally:
                conn.execute("COMMIT")
        finally:
            conn.execute("DETACH DATABASE backup")
        data = snapshot.read_bytes()
    except sqlcipher3.Error as exc:
        raise ZccError(
            "The backup could not be made ({reason}); nothing was written.", reason=exc
        ) from exc
    except OSError as exc:
        raise translate_os_error(exc, str(target.parent)) from exc
    finally:
        _remove(snapshot)
    device = store.query_one("SELECT label FROM devices WHERE id = ?", (store.identity.device_id,))
    info = BackupInfo(
        now_iso(), schema.version(conn), store.identity.device_id,
        (device or {}).get("label") or "", len(data),
    )  # fmt: skip
    meta = {
        "format": "resilient-zcc-backup",
        "version": 1,
        "created_at": info.created_at,
        "schema": info.schema,
        "device_id": info.device_id,
        "label": info.label,
        "database_sha256": hashlib.sha256(data).hexdigest(),
        "database_bytes": len(data),
        "key": json.loads(header.to_bytes()),
    }
    head = json.dumps(meta, sort_keys=True).encode("utf-8")
    atomic_write(target, MAGIC + struct.pack(">I", len(head)) + head + data)
    return info


def _read(path: Path) -> tuple[dict[str, Any], bytes]:
    try:
        blob = path.read_bytes()
    except FileNotFoundError:
        raise ZccError("{path} does not exist.", path=path) from None
    except OSError as exc:
        raise ZccError("Cannot read {path}: {reason}.", path=path, reason=exc.strerror) from exc
    damaged = BackupCorrupt(
        "{name} is not a complete Resilient ZCC backup (damaged or another kind of "
        "file); nothing was restored. Use another copy of the backup.",
        name=path.name,
    )
    if not blob.startswith(MAGIC) or len(blob) < len(MAGIC) + 4:
        raise damaged
    (length,) = struct.unpack(">I", blob[len(MAGIC) : len(MAGIC) + 4])
    start = len(MAGIC) + 4
    try:
        meta = json.loads(blob[start : start + length].decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise damaged from None
    data = blob[start + length :]
    if not isinstance(meta, dict) or meta.get("format") != "resilient-zcc-backup":
        raise damaged
    if hashlib.sha256(data).hexdigest() != meta.get("database_sha256"):
        raise damaged
    return meta, data


def backup_info(path: Path) -> dict[str, Any]:
    """What a backup holds (without the passphrase): when, which device, schema, size."""
    meta, _data = _read(path)
    return {k: meta[k] for k in ("created_at", "schema", "device_id", "label", "database_bytes")}


def restore_backup(
    path: Path,
    profile_dir: Path,
    backup_passphrase: str,
    new_passphrase: str,
    *,
    cost: KdfCost | None = None,
) -> str:
    """Restore into an empty profile folder; returns the new recovery key (show it once)."""
    if header_path(profile_dir).exists() or db_path(profile_dir).exists():
        raise ProfileExists(
            "{path} already holds a profile; restore into an empty folder "
            "(--profile NEW-FOLDER). Nothing was changed.",
            path=profile_dir,
        )
    meta, data = _read(path)
    if not isinstance(meta.get("schema"), int) or meta["schema"] > schema.LATEST:
        raise ZccError(
            "The backup was made by a newer Resilient ZCC (schema {current}; this "
            "version knows up to {latest}). Update the app; nothing was restored.",
            current=meta.get("schema"),
            latest=schema.LATEST,
        )
    try:
        header = KeyHeader.from_bytes(json.dumps(meta.get("key")).encode())
    except ZccError:
        raise BackupCorrupt(
            "The key part of {name} is damaged; nothing was restored.", name=path.name
        ) from None
    db_key = header.unlock(backup_passphrase)  # WrongPassphrase: nothing touched
    created_dir = not profile_dir.exists()
    try:
        profile_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        atomic_write(db_path(profile_dir), data)
        _check_database(profile_dir, db_key)
        new_header = KeyHeader({})
        new_header.set_passphrase(db_key, new_passphrase, cost or calibrate())
        recovery_key = new_header.new_recovery_key(db_key)
        new_header.save(header_path(profile_dir))
        Store.open(profile_dir, new_passphrase).close()  # migrates an older schema
    except BaseException:
        _undo(profile_dir, created_dir)
        raise
    return recovery_key


def _check_database(profile_dir: Path, db_key: bytes) -> None:
    conn = sqlcipher3.connect(str(db_path(profile_dir)), isolation_level=None)
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(f"PRAGMA key = {_key_pragma(db_key)}")
        problems = [r[0] for r in conn.execute("PRAGMA cipher_integrity_check").fetchall()]
        result = conn.execute("PRAGMA quick_check").fetchone()
        if problems or not result or result[0] != "ok":
            raise DatabaseCorrupt("The database in the backup is damaged; nothing was restored.")
    except sqlcipher3.Error as exc:
        raise DatabaseCorrupt(
            "The database in the backup cannot be read ({reason}); nothing was restored.",
            reason=exc,
        ) from exc
    finally:
        conn.close()


def _undo(profile_dir: Path, created_dir: bool) -> None:
    _remove(db_path(profile_dir))
    with contextlib.suppress(OSError):
        header_path(profile_dir).unlink()
    if created_dir:
        with contextlib.suppress(OSError):
            profile_dir.rmdir()
