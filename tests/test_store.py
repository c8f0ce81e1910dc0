"""Opening the store with bad input, and a store in a bad environment (full, damaged, read-only)."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlcipher3

from resilient_zcc import atomic, schema
from resilient_zcc.errors import (
    DatabaseCorrupt,
    DiskFull,
    ProfileExists,
    ProfileMissing,
    SchemaTooNew,
    WrongPassphrase,
    ZccError,
    translate_db_error,
)
from resilient_zcc.keyheader import KeyHeader
from resilient_zcc.profile import db_path, header_path
from resilient_zcc.store import Store, _connect

from . import helpers
from .helpers import (
    CHEAP,
    PASSPHRASE,
    changes_table,
    make_closed_profile,
    new_store,
    new_store_with_recovery,
    reopen,
    run_unprivileged,
    snapshot,
    world_readable_copy,
)


def _ids(store: Store, table: str = "organisations") -> set[str]:
    return {r["id"] for r in store.query(f"SELECT id FROM {table}")}


def _logged_rows(store: Store) -> set[str]:
    return {r["row_id"] for r in store.query("SELECT row_id FROM changes")}


def _db_key(folder: Path) -> bytes:
    return KeyHeader.load(header_path(folder)).unlock(PASSPHRASE)


# --- a profile that is there, or not ---------------------------------------------------------


def test_wrong_passphrase_or_recovery_key_leaves_files_byte_identical(tmp_path: Path) -> None:
    folder = tmp_path / "profile"
    store, recovery = new_store_with_recovery(folder)
    with store, store.transaction() as tx:
        tx.put("organisations", "org-1", {"name": "Bewaard"})
    before = snapshot(folder)
    assert set(before) == {"keys.json", "zcc.db"}
    with pytest.raises(WrongPassphrase) as err:
        Store.open(folder, "correct horse battery staple")
    assert "Nothing was changed" in str(err.value)
    with pytest.raises(WrongPassphrase):
        Store.open(folder, None)
    other_recovery = recovery.replace(recovery[0], "A" if recovery[0] != "A" else "B", 1)
    with pytest.raises(WrongPassphrase):
        Store.open(folder, recovery_key=other_recovery)
    assert snapshot(folder) == before
    with reopen(folder) as store:
        assert _ids(store) == {"org-1"}


def test_creating_where_a_profile_exists_is_refused(tmp_path: Path) -> None:
    folder = make_closed_profile(tmp_path / "profile")
    before = snapshot(folder)
    with pytest.raises(ProfileExists):
        Store.create(folder, PASSPHRASE, label="second", cost=CHEAP)
    assert snapshot(folder) == before
    # Half a profile is still a profile: it is not silently replaced.
    header_path(folder).unlink()
    with pytest.raises(ProfileExists):
        Store.create(folder, PASSPHRASE, label="second", cost=CHEAP)
    assert db_path(folder).read_bytes() == before["zcc.db"]


def test_creating_in_an_existing_empty_folder_works(tmp_path: Path) -> None:
    folder = tmp_path / "profile"
    folder.mkdir()
    with new_store(folder) as store:
        assert store.log.counter == 1
    assert {p.name for p in folder.iterdir()} == {"keys.json", "zcc.db"}
    assert (db_path(folder).stat().st_mode & 0o077) == 0, "the database is private to its user"
    assert (header_path(folder).stat().st_mode & 0o077) == 0


def test_opening_an_empty_folder_says_there_is_no_profile(tmp_path: Path) -> None:
    with pytest.raises(ProfileMissing):
        Store.open(tmp_path, PASSPHRASE)
    assert list(tmp_path.iterdir()) == []


# --- a database from the future --------------------------------------------------------------


def _from_the_future(tmp_path: Path) -> Path:
    folder = make_closed_profile(tmp_path / "profile")
    conn = _connect(folder, _db_key(folder))
    conn.execute(f"PRAGMA user_version = {schema.LATEST + 1}")
    conn.close()
    return folder


def test_database_newer_than_the_code_is_refused_and_untouched(tmp_path: Path) -> None:
    folder = _from_the_future(tmp_path)
    before = snapshot(folder)
    with pytest.raises(SchemaTooNew) as err:
        Store.open(folder, PASSPHRASE)
    message = str(err.value)
    assert f"schema {schema.LATEST + 1}" in message
    assert "Update" in message
    after = snapshot(folder)
    assert after["zcc.db"] == before["zcc.db"]
    assert after["keys.json"] == before["keys.json"]


# --- a damaged database ----------------------------------------------------------------------


def _root_pages(folder: Path) -> dict[str, int]:
    with reopen(folder) as store:
        rows = store.query("SELECT name, rootpage FROM sqlite_master WHERE rootpage > 0")
        page_size = int(store.query("PRAGMA cipher_page_size")[0]["cipher_page_size"])
    assert page_size == 4096
    return {r["name"]: r["rootpage"] for r in rows}


def _overwrite(path: Path, offset: int, length: int = 200) -> None:
    data = bytearray(path.read_bytes())
    assert offset + length <= len(data)
    data[offset : offset + length] = bytes((i * 37 + 11) % 256 for i in range(length))
    path.write_bytes(bytes(data))


def _open_and_read(folder: Path, table: str) -> None:
    with reopen(folder) as store:
        store.query(f"SELECT * FROM {table}")
        with store.transaction() as tx:
            tx.put("organisations", "written-after-damage", {"name": "x"})


@pytest.mark.parametrize(
    ("where", "read"),
    [
        ("salt", "organisations"),
        ("first-page", "organisations"),
        ("local_meta", "local_meta"),
        ("peers", "peers"),
        ("sqlite_autoindex_peers_1", "peers"),
        ("changes", "changes"),
        ("organisations", "organisations"),
        ("channels", "channels"),
        ("contact_search_content", "contact_search"),
        ("contact_search_config", "contact_search"),
    ],
)
def test_damaged_database_is_reported_as_damaged(tmp_path: Path, where: str, read: str) -> None:
    folder = make_closed_profile(tmp_path / "profile")
    pages = _root_pages(folder)
    if where == "salt":
        offset = 0
    elif where == "first-page":
        offset = 1000
    else:
        offset = (pages[where] - 1) * 4096 + 100
    _overwrite(db_path(folder), offset)
    with pytest.raises(DatabaseCorrupt) as err:
        _open_and_read(folder, read)
    assert "zcc.db" in str(err.value)
    assert "Restore" in str(err.value)


def test_database_encrypted_with_another_key_is_not_a_wrong_passphrase(tmp_path: Path) -> None:
    """keys.json from one profile beside zcc.db of another: the passphrase is right."""
    first = make_closed_profile(tmp_path / "first")
    second = make_closed_profile(tmp_path / "second")
    header_path(first).write_bytes(header_path(second).read_bytes())
    with pytest.raises(DatabaseCorrupt) as err:
        Store.open(first, PASSPHRASE)
    assert "another profile" in str(err.value)


def test_an_empty_database_file_is_refused_and_left_empty(tmp_path: Path) -> None:
    """A 0-byte zcc.db (cut off by a full disk or a copy) is damage, not a new profile."""
    folder = make_closed_profile(tmp_path / "profile")
    db_path(folder).write_bytes(b"")
    with pytest.raises(DatabaseCorrupt, match="empty"):
        reopen(folder)
    assert db_path(folder).stat().st_size == 0
    assert not Path(f"{db_path(folder)}-wal").exists()


# --- a full disk -----------------------------------------------------------------------------


def test_full_database_raises_disk_full_and_keeps_what_was_committed(tmp_path: Path) -> None:
    folder = tmp_path / "profile"
    store = new_store(folder)
    committed = []
    for i in range(3):
        with store.transaction() as tx:
            tx.put("organisations", f"small-{i}", {"name": f"Klein {i}"})
        committed.append(f"small-{i}")
    pages = store.query("PRAGMA page_count")[0]["page_count"]
    store.conn.execute(f"PRAGMA max_page_count = {pages + 4}")
    with pytest.raises(DiskFull) as err:
        for i in range(1_000):
            with store.transaction() as tx:
                tx.put("organisations", f"big-{i}", {"name": f"{i} " + "x" * 3000})
                tx.put("organisations", f"big-{i}", {"city": "y" * 1000})
            committed.append(f"big-{i}")
    assert "disk is full" in str(err.value)
    failed = f"big-{len(committed) - 3}"
    # Nothing of the failed action, everything before it, and a consistent change log.
    assert failed not in _ids(store)
    assert _ids(store) == set(committed)
    own = store.identity.device_id
    assert store.log.version_vector()[own] == store.log.counter
    assert store.log.counter == len(changes_table(store))
    # Space freed: the store goes on without a gap in its numbering.
    store.conn.execute("PRAGMA max_page_count = 1073741823")
    with store.transaction() as tx:
        tx.put("organisations", "after", {"name": "Na het opruimen"})
    counter = store.log.counter
    store.close()
    with reopen(folder) as store:
        assert _ids(store) == {*committed, "after"}
        assert _logged_rows(store) >= {*committed, "after"}
        assert store.log.version_vector()[own] == counter
        assert store.query("PRAGMA integrity_check") == [{"integrity_check": "ok"}]


def test_full_disk_while_applying_a_peers_changes(tmp_path: Path) -> None:
    with new_store(tmp_path / "a") as a, new_store(tmp_path / "b") as b:
        for i in range(20):
            with a.transaction() as tx:
                tx.put("organisations", f"org-{i}", {"name": "x" * 3000})
        before = (_ids(b), changes_table(b), b.log.version_vector())
        pages = b.query("PRAGMA page_count")[0]["page_count"]
        b.conn.execute(f"PRAGMA max_page_count = {pages + 2}")
        with pytest.raises(DiskFull):
            b.log.apply_changes(a.log.changes_since(b.log.version_vector()))
        assert (_ids(b), changes_table(b), b.log.version_vector()) == before


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    with helpers.small_disk(tmp_path / "disk") as mount:
        yield mount


def test_a_disk_that_fills_while_open_refuses_writes_clearly(small_disk: Path) -> None:
    folder = small_disk / "profile"
    with new_store(folder) as store:
        with store.transaction() as tx:
            tx.put("organisations", "org-eerst", {"name": "Eerst"})
        helpers.fill(small_disk)
        with pytest.raises(DiskFull, match="disk is full"):  # SQLITE_FULL or SQLITE_IOERR
            for i in range(200):
                with store.transaction() as tx:
                    tx.put("organisations", f"org-{i}", {"name": "x" * 4000})
        assert "org-eerst" in _ids(store)
        (small_disk / "filler").unlink()
        with store.transaction() as tx:
            tx.put("organisations", "org-daarna", {"name": "Daarna"})
    with reopen(folder) as store:
        assert {"org-eerst", "org-daarna"} <= _ids(store)
        assert store.query("PRAGMA integrity_check") == [{"integrity_check": "ok"}]


def test_a_profile_on_a_full_disk_opens_for_reading(small_disk: Path) -> None:
    folder = small_disk / "profile"
    with new_store(folder) as store, store.transaction() as tx:
        tx.put("organisations", "org-vol", {"name": "Zorggroep Volle Schijf"})
    helpers.fill(small_disk)
    assert os.statvfs(small_disk).f_bavail == 0
    with reopen(folder) as store:
        assert store.read_only
        assert _ids(store) == {"org-vol"}
        with (
            pytest.raises(DiskFull, match="open for reading only"),
            store.transaction() as tx,
        ):
            tx.put("organisations", "org-nieuw", {"name": "Past niet meer"})
        with pytest.raises(DiskFull, match="open for reading only"):
            store.twin()
    # The command line reads too, and a write is one clear line, not a traceback.
    cli = [sys.executable, "-m", "resilient_zcc", "--lang", "en", "--profile", str(folder)]
    env = {**os.environ, "RZCC_PASSPHRASE": PASSPHRASE}
    read = subprocess.run([*cli, "settings", "list"], env=env, capture_output=True, text=True)
    assert read.returncode == 0 and "contacts.stale_after_days" in read.stdout, read.stderr
    write = [*cli, "settings", "set", "contacts.stale_after_days", "60"]
    refused = subprocess.run(write, env=env, capture_output=True, text=True)
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert "open for reading only" in refused.stderr + refused.stdout
    (small_disk / "filler").unlink()  # room again: a normal, writable open
    with reopen(folder) as store:
        assert not store.read_only
        with store.transaction() as tx:
            tx.put("organisations", "org-nieuw", {"name": "Past weer"})


def test_an_io_error_that_is_not_a_full_disk_names_the_disk() -> None:
    exc = sqlcipher3.OperationalError("disk I/O error")
    translated = translate_db_error(exc, "/tmp/zcc.db")  # /tmp has room
    assert isinstance(translated, ZccError) and "input/output error" in str(translated)


class _FullDiskOs:
    """The os module as atomic_write sees it on a full disk: writes stop after a few bytes."""

    def __init__(self) -> None:
        self.calls = 0

    def __getattr__(self, name: str) -> Any:
        return getattr(os, name)

    def write(self, fd: int, data: Any) -> int:
        self.calls += 1
        if self.calls == 1:
            return os.write(fd, bytes(data[:10]))
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


@pytest.mark.parametrize("action", ["change-passphrase", "new-recovery-key"])
def test_full_disk_when_writing_keys_keeps_the_old_header(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, action: str
) -> None:
    folder = tmp_path / "profile"
    store, recovery = new_store_with_recovery(folder)
    header_before = header_path(folder).read_bytes()
    full = _FullDiskOs()
    monkeypatch.setattr(atomic, "os", full)
    with pytest.raises(DiskFull) as err:
        if action == "change-passphrase":
            store.change_passphrase(PASSPHRASE, "paarden nietje batterij", cost=CHEAP)
        else:
            store.new_recovery_key(PASSPHRASE)
    monkeypatch.undo()
    assert full.calls >= 2, "the write must actually have hit the full disk"
    assert "disk is full" in str(err.value)
    store.close()
    assert header_path(folder).read_bytes() == header_before
    assert sorted(p.name for p in folder.iterdir()) == ["keys.json", "zcc.db"], "no temp file"
    reopen(folder).close()
    Store.open(folder, recovery_key=recovery).close()


# --- another program holds the database ------------------------------------------------------


def test_busy_database_refuses_the_write_and_the_next_one_is_logged(tmp_path: Path) -> None:
    folder = make_closed_profile(tmp_path / "profile")
    store = reopen(folder)
    other = reopen(folder)  # e.g. a second window or the CLI on the same profile
    try:
        store.conn.execute("PRAGMA busy_timeout = 0")  # do not wait the 5 s a user would
        other.conn.execute("BEGIN IMMEDIATE")
        with pytest.raises(ZccError) as err, store.transaction() as tx:
            tx.put("organisations", "while-busy", {"name": "Geweigerd"})
        assert "in use" in str(err.value)
        other.conn.execute("ROLLBACK")
        with store.transaction() as tx:
            tx.put("organisations", "after-busy", {"name": "Daarna"})
        assert "while-busy" not in _ids(store)
        # Every write goes through the change log, also right after a refused one.
        assert "after-busy" in _logged_rows(store)
        vector = store.log.version_vector()
        assert vector[store.identity.device_id] == store.log.counter
    finally:
        other.close()
        store.close()
    with reopen(folder) as store:
        assert "after-busy" in _ids(store)
        assert "after-busy" in _logged_rows(store)


def test_a_profile_locked_by_another_program_is_a_clear_message_on_open(tmp_path: Path) -> None:
    folder = make_closed_profile(tmp_path / "profile")
    holder = sqlcipher3.connect(str(db_path(folder)), isolation_level=None)
    try:
        holder.execute(f"PRAGMA key = \"x'{_db_key(folder).hex()}'\"")
        holder.execute("PRAGMA locking_mode = EXCLUSIVE")  # as a program that keeps it all
        holder.execute("BEGIN EXCLUSIVE")
        with pytest.raises(ZccError, match="in use by another program"):
            reopen(folder)
    finally:
        holder.close()
    with reopen(folder) as store:
        assert not store.read_only


# --- a read-only profile ---------------------------------------------------------------------

_OPEN_AND_WRITE = """
import sys
from pathlib import Path
from resilient_zcc.errors import ZccError
from resilient_zcc.store import Store
try:
    store = Store.open(Path(sys.argv[1]), sys.argv[2])
    with store.transaction() as tx:
        tx.put("organisations", "written", {"name": "x"})
    print("WROTE")
except ZccError as exc:
    print(f"{type(exc).__name__}: {exc}")
"""


@pytest.mark.slow
def test_read_only_profile_folder(tmp_path: Path) -> None:
    folder = make_closed_profile(tmp_path / "profile")
    with world_readable_copy(folder) as copy:
        before = snapshot(copy)
        result = run_unprivileged([sys.executable, "-c", _OPEN_AND_WRITE, str(copy), PASSPHRASE])
        assert result.returncode == 0, result.stderr
        assert result.stdout.startswith("ReadOnlyProfile: "), result.stdout + result.stderr
        assert "read-only" in result.stdout
        assert snapshot(copy) == before


@pytest.mark.slow
def test_read_only_database_file_in_a_writable_folder(tmp_path: Path) -> None:
    folder = make_closed_profile(tmp_path / "profile")
    with world_readable_copy(folder) as copy:
        os.chmod(copy, 0o777)
        db_before = db_path(copy).read_bytes()
        result = run_unprivileged([sys.executable, "-c", _OPEN_AND_WRITE, str(copy), PASSPHRASE])
        assert result.returncode == 0, result.stderr
        assert result.stdout.startswith("ReadOnlyProfile: "), result.stdout + result.stderr
        assert db_path(copy).read_bytes() == db_before


_OPEN_ONLY = """
import sys
from pathlib import Path
from resilient_zcc.errors import ZccError
from resilient_zcc.store import Store
try:
    Store.open(Path(sys.argv[1]), sys.argv[2]).close()
    print("OPENED")
except ZccError as exc:
    print(f"{type(exc).__name__}: {exc}")
"""


@pytest.mark.slow
@pytest.mark.parametrize("name", ["keys.json", "zcc.db"])
def test_unreadable_profile_file_is_a_clear_error(tmp_path: Path, name: str) -> None:
    """A profile copied from another account: a message naming the file, not a traceback."""
    folder = make_closed_profile(tmp_path / "profile")
    with world_readable_copy(folder) as copy:
        os.chmod(copy, 0o755)
        os.chmod(copy / name, 0o000)
        result = run_unprivileged([sys.executable, "-c", _OPEN_ONLY, str(copy), PASSPHRASE])
        assert result.returncode == 0, result.stderr  # a ZccError, caught and printed
        assert result.stdout.strip(), result.stderr
        assert not result.stdout.startswith("OPENED")
        assert name in result.stdout


# --- a second connection for a worker thread ---------------------------------------------------


def test_a_twin_is_a_second_connection_with_the_same_key(tmp_path: Path) -> None:
    store = new_store(tmp_path / "p")
    twin = store.twin()
    try:
        assert twin.conn is not store.conn
        assert twin.identity.device_id == store.identity.device_id
        with twin.transaction() as tx:
            tx.put("organisations", "org-twin", {"name": "Zorggroep Tweeling", "sector": "vvt"})
        assert "org-twin" in _ids(store)  # the other connection sees the commit
        with store.transaction() as tx:  # and writes on with the next counter
            tx.put("organisations", "org-main", {"name": "Zorggroep Een", "sector": "vvt"})
        counters = [r["counter"] for r in store.query("SELECT counter FROM changes ORDER BY 1")]
        assert len(counters) == len(set(counters))  # no counter used twice
    finally:
        twin.close()
    assert "org-main" in _ids(store)  # closing the twin leaves the store open
    key = store._db_key
    store.close()
    assert store._db_key is None and key is not None and not any(key)  # the key was wiped
    with pytest.raises(ZccError, match="not opened with a key"):
        store.twin()
