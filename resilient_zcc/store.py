"""One place to open the encrypted store, and one place every write goes through."""

from __future__ import annotations

import contextlib
import functools
import os
import shutil
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import sqlcipher3

from . import keyheader, schema
from .changelog import ChangeLog, Transaction
from .errors import (
    DatabaseCorrupt,
    DiskFull,
    ProfileExists,
    ProfileMissing,
    ReadOnlyProfile,
    ZccError,
    disk_is_full,
    full_disk_read_only,
    translate_db_error,
    translated_errors,
)
from .identity import DeviceIdentity
from .keyheader import KdfCost, KeyHeader, calibrate
from .profile import db_path, header_path

if TYPE_CHECKING:
    import sqlite_utils

# Derived indexes (full-text search) refresh themselves from the rows a transaction touched,
# whether the change was made here or arrived from a peer.
DerivedIndex = Callable[["Store", set[tuple[str, str]]], None]


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Store:
    """An open, unlocked profile: the SQLCipher connection, the device identity, the log."""

    def __init__(
        self,
        conn: sqlcipher3.Connection,
        profile_dir: Path,
        db_key: bytes | bytearray | None = None,
    ) -> None:
        self.conn = conn
        # Kept (as a bytearray, wiped on close) only so `twin()` can open a second connection.
        self._db_key = bytearray(db_key) if db_key is not None else None
        self.profile_dir = profile_dir
        self.db_file = str(db_path(profile_dir))
        # Set when the disk was full at opening: reads work, every write is refused.
        self.read_only = False
        self.identity = DeviceIdentity.from_private_bytes(self._meta("device_private_key"))
        self.log = ChangeLog(self)
        self.derived_indexes: list[DerivedIndex] = _derived_indexes()

    # --- opening -------------------------------------------------------------------------

    @classmethod
    def create(
        cls,
        profile_dir: Path,
        passphrase: str,
        *,
        label: str = "",
        cost: KdfCost | None = None,
    ) -> tuple[Store, str]:
        """Make a new profile; returns the open store and the recovery key (shown once)."""
        if header_path(profile_dir).exists() or db_path(profile_dir).exists():
            raise ProfileExists("A profile already exists in {path}.", path=profile_dir)
        header, db_key, recovery_key = KeyHeader.create(passphrase, cost or calibrate())
        created_dir = not profile_dir.exists()
        try:
            profile_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
            header.save(header_path(profile_dir))
            conn = _connect(profile_dir, db_key)
            with _translated(profile_dir):
                db_path(profile_dir).chmod(0o600)
                schema.migrate(conn)
                identity = DeviceIdentity.generate()
                conn.execute(
                    "INSERT INTO local_meta (key, value) VALUES ('device_private_key', ?)",
                    (identity.private_bytes(),),
                )
            store = cls(conn, profile_dir, db_key)
            with store.transaction() as tx:
                tx.put("devices", identity.device_id, {"label": label, "created_at": now_iso()})
        except BaseException:
            _remove_partial_profile(profile_dir, created_dir)
            raise
        return store, recovery_key

    @classmethod
    def open(
        cls, profile_dir: Path, passphrase: str | None = None, *, recovery_key: str | None = None
    ) -> Store:
        header = KeyHeader.load(header_path(profile_dir))
        if recovery_key is not None:
            db_key = header.unlock_with_recovery_key(recovery_key)
        else:
            db_key = header.unlock(passphrase or "")
        if not db_path(profile_dir).exists():
            raise ProfileMissing(
                "The database {path} is missing; restore the profile from a backup or a peer.",
                path=db_path(profile_dir),
            )
        if not os.access(profile_dir, os.W_OK):
            raise ReadOnlyProfile(
                "The profile folder {path} is read-only; Resilient ZCC needs to write "
                "there (journal and changes). Copy the profile to a writable folder.",
                path=profile_dir,
            )
        if db_path(profile_dir).stat().st_size == 0:  # SQLite would take it for a new one
            raise DatabaseCorrupt(
                "The database {path} is empty (0 bytes): it was cut off, perhaps by a full "
                "disk or a copy that did not finish. Restore the profile from a backup or a "
                "peer; nothing was written.",
                path=db_path(profile_dir),
            )
        conn, full = _connect_or_read_only(profile_dir, db_key)
        try:
            with _translated(profile_dir):
                if schema.version(conn) == 0:  # a profile's database is never unmigrated
                    raise DatabaseCorrupt(
                        "{path} holds no Resilient ZCC profile (no schema). Restore the "
                        "profile from a backup or a peer; nothing was written.",
                        path=db_path(profile_dir),
                    )
                if full and schema.version(conn) < schema.LATEST:
                    raise full_disk_read_only()  # an update needs room to migrate
                schema.migrate(conn)
                store = cls(conn, profile_dir, db_key)
                store.read_only = full
                return store
        except BaseException:
            conn.close()
            raise

    def twin(self) -> Store:
        """A second connection to this profile with the same key, for a worker thread (a
        connection serves one thread at a time); the worker closes it. No key derivation."""
        if self._db_key is None:
            raise ZccError("This store was not opened with a key; open the profile again.")
        if self.read_only:
            raise full_disk_read_only()
        conn = _connect(self.profile_dir, self._db_key)
        try:
            with _translated(self.profile_dir):
                return Store(conn, self.profile_dir, self._db_key)
        except BaseException:
            conn.close()
            raise

    def close(self) -> None:
        with contextlib.suppress(sqlcipher3.Error):
            self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self.conn.close()
        if self._db_key is not None:  # the key does not outlive the connection
            self._db_key[:] = bytes(len(self._db_key))
            self._db_key = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- keys ----------------------------------------------------------------------------

    def change_passphrase(self, old: str, new: str, cost: KdfCost | None = None) -> None:
        """Rewrap the database key under a new passphrase; the database is not re-keyed."""
        keyheader.change_passphrase(header_path(self.profile_dir), new, old=old, cost=cost)

    def new_recovery_key(self, passphrase: str) -> str:
        """Issue a new recovery key; the old one stops working."""
        return keyheader.issue_recovery_key(header_path(self.profile_dir), passphrase)

    # --- reading and writing -------------------------------------------------------------

    @functools.cached_property
    def db(self) -> sqlite_utils.Database:
        """sqlite-utils over the same connection, for table helpers (imported when first used:
        it costs a tenth of the window's start-up)."""
        import sqlite_utils

        # sqlite-utils is typed for the standard library's connection; SQLCipher's is a twin.
        return sqlite_utils.Database(cast(Any, self.conn))

    def query(self, sql: str, params: Any = ()) -> list[dict[str, Any]]:
        """Rows as dicts (column name to value), reading this transaction's own writes."""
        with _translated(self.profile_dir):
            self.log.refresh_derived()
            cursor = self.conn.execute(sql, params)
            names = [column[0] for column in cursor.description or ()]
            return [dict(zip(names, row, strict=True)) for row in cursor]

    def rows(self, sql: str, params: Any = ()) -> list[tuple[Any, ...]]:
        """Rows as tuples, for a query over thousands of rows that builds its own objects."""
        with _translated(self.profile_dir):
            self.log.refresh_derived()
            return self.conn.execute(sql, params).fetchall()

    def query_one(self, sql: str, params: Any = ()) -> dict[str, Any] | None:
        rows = self.query(sql, params)
        return rows[0] if rows else None

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Transaction]:
        """All writes of one user action: tables and change log in one SQLite transaction."""
        with _translated(self.profile_dir), self.log.transaction() as tx:
            yield tx

    def _meta(self, key: str) -> bytes:
        row = self.conn.execute("SELECT value FROM local_meta WHERE key = ?", (key,)).fetchone()
        if row is None:
            raise DatabaseCorrupt(
                "The profile database lacks its {key}; restore the profile.", key=key
            )
        return bytes(row[0])

    def refresh_derived(self, touched: set[tuple[str, str]]) -> None:
        for refresh in self.derived_indexes:
            refresh(self, touched)


def _derived_indexes() -> list[DerivedIndex]:
    from .capacity.current import refresh_current_capacity
    from .contacts.search import refresh_search_index
    from .continuity.current import refresh_continuity_current
    from .placements.conflicts import refresh_conflicts
    from .placements.holds import refresh_holds
    from .resources.conflicts import refresh_resource_conflicts

    # In this order: conflicts read the current capacity and the holds.
    return [
        refresh_search_index,
        refresh_current_capacity,
        refresh_holds,
        refresh_conflicts,
        refresh_continuity_current,
        refresh_resource_conflicts,
    ]


def _connect_or_read_only(
    profile_dir: Path, db_key: bytes | bytearray
) -> tuple[sqlcipher3.Connection, bool]:
    """A connection, and whether it is for reading only because the disk is full."""
    try:
        return _connect(profile_dir, db_key), False
    except DiskFull:
        if not disk_is_full(str(profile_dir)):
            raise
    # WAL mode needs room for its shared-memory index; in exclusive locking mode SQLite
    # keeps that index in memory instead, so the profile can still be read.
    return _connect(profile_dir, db_key, exclusive=True), True


def _connect(
    profile_dir: Path, db_key: bytes | bytearray, *, exclusive: bool = False
) -> sqlcipher3.Connection:
    path = db_path(profile_dir)
    try:
        conn = sqlcipher3.connect(str(path), isolation_level=None, check_same_thread=False)
    except sqlcipher3.Error as exc:
        raise translate_db_error(exc, str(path)) from exc
    try:
        _set_up(conn, profile_dir, db_key, exclusive)
    except BaseException:
        conn.close()
        raise
    return conn


def _set_up(
    conn: sqlcipher3.Connection, profile_dir: Path, db_key: bytes | bytearray, exclusive: bool
) -> None:
    with _translated(profile_dir):
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(f"PRAGMA key = \"x'{db_key.hex()}'\"")
        if exclusive:
            conn.execute("PRAGMA locking_mode = EXCLUSIVE")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA temp_store = MEMORY")
        conn.execute("PRAGMA cache_size = -32768")  # 32 MiB: bulk loads and searches
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA busy_timeout = 5000")


def _translated(profile_dir: Path) -> contextlib.AbstractContextManager[None]:
    return translated_errors(str(db_path(profile_dir)))


def _remove_partial_profile(profile_dir: Path, created_dir: bool) -> None:
    """Undo a failed `create`, so that a retry starts clean."""
    if created_dir:
        shutil.rmtree(profile_dir, ignore_errors=True)
        return
    for name in (header_path(profile_dir), db_path(profile_dir)):
        for path in (name, Path(f"{name}-wal"), Path(f"{name}-shm")):
            with contextlib.suppress(OSError):
                path.unlink()


__all__ = ["Store", "ZccError", "now_iso"]
