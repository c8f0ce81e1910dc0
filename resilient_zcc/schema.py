"""The schema, as numbered migrations; `PRAGMA user_version` records how far a database is.

Replicated tables (every domain table) share a shape: `id` (a UUID), their own columns,
`deleted` (a tombstone flag, merged like any column) and `_clock` (per column, the stamp of
the change that wrote the current value: local bookkeeping for last-writer-wins).
They declare no foreign keys: changes from several devices may arrive in any order, so a
reference can briefly point at a row that has not arrived yet.
"""

from __future__ import annotations

from collections.abc import Callable

import sqlcipher3

from .errors import SchemaTooNew

Migration = Callable[[sqlcipher3.Connection], None]

REPLICATED_SUFFIX = "deleted INTEGER NOT NULL DEFAULT 0, _clock TEXT NOT NULL DEFAULT '{}'"


def _replicated(name: str, columns: str) -> str:
    return f"CREATE TABLE {name} (id TEXT PRIMARY KEY, {columns}, {REPLICATED_SUFFIX})"


def _m1_change_log(conn: sqlcipher3.Connection) -> None:
    """Device identity, peers known by id, the change log and its signed batches."""
    # One statement at a time: executescript() would commit the migration's transaction.
    script = """
        CREATE TABLE local_meta (key TEXT PRIMARY KEY, value BLOB);
        CREATE TABLE peers (
            origin INTEGER PRIMARY KEY, device_id TEXT NOT NULL UNIQUE, public_key BLOB NOT NULL
        );
        CREATE TABLE changes (
            origin INTEGER NOT NULL, counter INTEGER NOT NULL, hlc INTEGER NOT NULL,
            tbl TEXT NOT NULL, row_id TEXT NOT NULL, payload TEXT NOT NULL,
            PRIMARY KEY (origin, counter)
        ) WITHOUT ROWID;
        CREATE INDEX changes_by_row ON changes (row_id);
        CREATE TABLE batches (
            origin INTEGER NOT NULL, first_counter INTEGER NOT NULL, last_counter INTEGER NOT NULL,
            hlc INTEGER NOT NULL, schema INTEGER NOT NULL, signature BLOB NOT NULL,
            PRIMARY KEY (origin, last_counter)
        ) WITHOUT ROWID;
        """
    for statement in script.split(";"):
        if statement.strip():
            conn.execute(statement)
    conn.execute(_replicated("devices", "label TEXT, created_at TEXT"))
    conn.execute(_replicated("settings", "value TEXT"))


def _m2_contacts(conn: sqlcipher3.Connection) -> None:
    """The key-contact directory and its full-text index."""
    for statement in (
        _replicated(
            "organisations",
            "name TEXT NOT NULL DEFAULT '', short_name TEXT, sector TEXT, region TEXT, city TEXT",
        ),
        _replicated(
            "people",
            "name TEXT NOT NULL DEFAULT '', organisation_id TEXT, "
            "notes TEXT, last_verified_at TEXT, last_verified_by TEXT",
        ),
        _replicated(
            "functions",
            "name TEXT NOT NULL DEFAULT '', code TEXT, organisation_id TEXT, description TEXT",
        ),
        _replicated("roles", "person_id TEXT, function_id TEXT"),
        _replicated(
            "rota_shifts", "function_id TEXT, person_id TEXT, starts_at TEXT, ends_at TEXT"
        ),
        _replicated(
            "channels",
            "owner_type TEXT, owner_id TEXT, kind TEXT, value TEXT, "
            "fallback_order INTEGER, availability TEXT, note TEXT",
        ),
        "CREATE INDEX people_by_org ON people (organisation_id)",
        "CREATE INDEX functions_by_org ON functions (organisation_id)",
        "CREATE INDEX roles_by_person ON roles (person_id)",
        "CREATE INDEX roles_by_function ON roles (function_id)",
        "CREATE INDEX shifts_by_function ON rota_shifts (function_id, starts_at)",
        "CREATE INDEX shifts_by_person ON rota_shifts (person_id)",
        "CREATE INDEX channels_by_owner ON channels (owner_id)",
        # Derived, rebuilt from the tables above; never replicated. FTS5 cannot look rows up
        # by an unindexed column, so each person's document number is kept beside it.
        "CREATE TABLE contact_search_docs (doc INTEGER PRIMARY KEY, person_id TEXT UNIQUE)",
        "CREATE VIRTUAL TABLE contact_search USING fts5("
        "person_id UNINDEXED, name, organisation, functions, numbers, "
        "tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3 4')",
    ):
        conn.execute(statement)


MIGRATIONS: list[Migration] = [_m1_change_log, _m2_contacts]
LATEST = len(MIGRATIONS)


def version(conn: sqlcipher3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlcipher3.Connection, target: int = LATEST) -> None:
    """Bring the database to `target`, one migration per transaction; refuse a newer database."""
    current = version(conn)
    if current > LATEST:
        raise SchemaTooNew(
            f"This profile was written by a newer Resilient ZCC (schema {current}; this version "
            f"knows up to {LATEST}). Update the app; the data was not touched."
        )
    for number in range(current + 1, target + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            MIGRATIONS[number - 1](conn)
            conn.execute(f"PRAGMA user_version = {number}")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")


def replicated_columns(conn: sqlcipher3.Connection) -> dict[str, frozenset[str]]:
    """Writable columns of each replicated table (those with a `_clock` column)."""
    tables = [row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    result = {}
    for table in tables:
        columns = {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}
        if "_clock" in columns:
            result[table] = frozenset(columns - {"id", "_clock"})
    return result


def required_columns(conn: sqlcipher3.Connection) -> dict[str, frozenset[str]]:
    """Columns declared NOT NULL in each replicated table: a peer may not set them to null."""
    result = {}
    for table in replicated_columns(conn):
        info = conn.execute(f"PRAGMA table_info({table})").fetchall()
        result[table] = frozenset(row[1] for row in info if row[3] and row[1] != "id")
    return result
