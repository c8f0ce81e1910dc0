"""Shared helpers for the core's tests: cheap real profiles, file snapshots, syncing stores."""

from __future__ import annotations

import contextlib
import ctypes
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import sqlcipher3

from resilient_zcc import schema
from resilient_zcc.changelog import ApplyReport
from resilient_zcc.hlc import HybridClock
from resilient_zcc.keyheader import KdfCost
from resilient_zcc.store import Store

PASSPHRASE = "correct horse battery"
# Argon2id at its cheapest: a profile is made in a few tens of milliseconds.
CHEAP = KdfCost(1, 8192, 1)
# The organisations columns two stores must agree on (`_clock` holds local numbering).
ORG_COLUMNS = ("id", "name", "sector", "region", "short_name", "city", "deleted")


def new_store(profile_dir: Path, label: str = "test") -> Store:
    store, _recovery = Store.create(profile_dir, PASSPHRASE, label=label, cost=CHEAP)
    return store


def new_store_with_recovery(profile_dir: Path, label: str = "test") -> tuple[Store, str]:
    return Store.create(profile_dir, PASSPHRASE, label=label, cost=CHEAP)


def reopen(profile_dir: Path, passphrase: str = PASSPHRASE) -> Store:
    return Store.open(profile_dir, passphrase)


def make_closed_profile(profile_dir: Path, label: str = "test") -> Path:
    """A profile on disk with a little data in it, closed (no WAL left)."""
    with new_store(profile_dir, label) as store, store.transaction() as tx:
        tx.put("organisations", "org-1", {"name": "Ziekenhuis Noord", "sector": "ziekenhuis"})
        tx.put("settings", "contacts.stale_after_days", {"value": "30"})
    return profile_dir


def _schema_objects(conn: Any) -> dict[str, str]:
    rows = conn.execute("SELECT name, type FROM sqlite_master WHERE sql IS NOT NULL")
    return {name: kind for name, kind in rows}


def wind_back(conn: Any, version: int) -> None:
    """Make a database look as schema `version` left it: drop every table and index that a
    fresh database of that version lacks, and set the version, so the later migrations run
    again on open (as they would on a real old profile)."""
    fresh = sqlcipher3.connect(":memory:", isolation_level=None)
    schema.migrate(fresh, target=version)
    keep = _schema_objects(fresh)
    columns = {
        name: {row[1] for row in fresh.execute(f"PRAGMA table_info({name})")}
        for name, kind in keep.items()
        if kind == "table"
    }
    fresh.close()
    for name, kind in sorted(_schema_objects(conn).items(), key=lambda item: item[1] != "index"):
        if name not in keep:
            conn.execute(f"DROP {kind.upper()} IF EXISTS {name}")
    for name, old in columns.items():  # columns later migrations added to an older table
        for row in conn.execute(f"PRAGMA table_info({name})").fetchall():
            if row[1] not in old:
                conn.execute(f"ALTER TABLE {name} DROP COLUMN {row[1]}")
    conn.execute(f"PRAGMA user_version = {version}")


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` (relative path -> bytes)."""
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def sync(src: Store, dst: Store) -> ApplyReport:
    """One direction of a sync: dst receives what src has and dst lacks."""
    return dst.log.apply_changes(src.log.changes_since(dst.log.version_vector()))


def sync_both(a: Store, b: Store) -> None:
    sync(a, b)
    sync(b, a)


def org_rows(store: Store) -> list[tuple[Any, ...]]:
    cols = ", ".join(ORG_COLUMNS)
    return [tuple(r.values()) for r in store.query(f"SELECT {cols} FROM organisations ORDER BY id")]


def set_clock(store: Store, now: Callable[[], int]) -> None:
    """Give the store's hybrid clock another wall clock (a skewed or frozen laptop clock)."""
    store.log.clock = HybridClock(store.log.clock.last, now=now)


def own_vector(store: Store, exclude: set[str] | None = None) -> dict[str, int]:
    exclude = exclude or set()
    return {k: v for k, v in store.log.version_vector().items() if k not in exclude}


def changes_table(store: Store) -> set[tuple[str, int]]:
    """(device id, counter) of every change the store holds."""
    rows = store.query(
        "SELECT p.device_id AS device, c.counter AS counter FROM changes c "
        "JOIN peers p ON p.origin = c.origin"
    )
    return {(r["device"], r["counter"]) for r in rows}


# --- running code as a user the file permissions apply to ------------------------------------

_PR_CAPBSET_DROP = 24
_CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH, _CAP_FOWNER = 1, 2, 3
NOBODY = 65534


def _become_nobody() -> None:
    os.setgroups([])
    os.setgid(NOBODY)
    os.setuid(NOBODY)


def _drop_dac_capabilities() -> None:
    """Stay uid 0 but lose the capabilities that let root ignore file permissions."""
    libc = ctypes.CDLL(None, use_errno=True)
    for cap in (_CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH, _CAP_FOWNER):
        if libc.prctl(_PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP) failed")


def run_unprivileged(args: list[str], **kwargs: Any) -> subprocess.CompletedProcess[str]:
    """Run `args` so that file permissions are enforced, also when the tests run as root.

    As root: first as `nobody`; if that user cannot reach the interpreter (a Python installed
    in root's home folder), as root without CAP_DAC_OVERRIDE, so the owner's permission bits apply.
    """
    kwargs.setdefault("capture_output", True)
    kwargs.setdefault("text", True)
    kwargs.setdefault("timeout", 60)
    if os.geteuid() != 0:
        return subprocess.run(args, **kwargs)
    try:
        return subprocess.run(args, preexec_fn=_become_nobody, **kwargs)
    except PermissionError:
        return subprocess.run(args, preexec_fn=_drop_dac_capabilities, **kwargs)


@contextlib.contextmanager
def world_readable_copy(profile_dir: Path) -> Iterator[Path]:
    """A copy of the profile in a fresh /tmp folder that anyone may read but nobody may write."""
    outer = Path(tempfile.mkdtemp(prefix="rzcc-ro-"))
    try:
        os.chmod(outer, 0o755)
        copy = outer / "profile"
        shutil.copytree(profile_dir, copy)
        for path in copy.iterdir():
            os.chmod(path, 0o444)
        os.chmod(copy, 0o555)
        yield copy
    finally:
        for path in [outer, *outer.rglob("*")]:
            with contextlib.suppress(OSError):
                os.chmod(path, 0o700 if path.is_dir() else 0o600)
        shutil.rmtree(outer, ignore_errors=True)
