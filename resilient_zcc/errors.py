"""The project's own error types, and the translation of database-driver errors into them.

Two kinds, as qutebrowser sorts them: `ZccError` subclasses are the environment's or the
user's fault and carry a message fit for a person; anything else is our bug.
"""

from __future__ import annotations

import contextlib
import errno
from collections.abc import Iterator

import sqlcipher3


class ZccError(Exception):
    """An error with a message a user can act on."""


class WrongPassphrase(ZccError):
    def __init__(self) -> None:
        super().__init__("Wrong passphrase (or recovery key). Nothing was changed.")


class ProfileMissing(ZccError):
    pass


class ProfileExists(ZccError):
    pass


class HeaderCorrupt(ZccError):
    pass


class DatabaseCorrupt(ZccError):
    pass


class SchemaTooNew(ZccError):
    pass


class DiskFull(ZccError):
    pass


class ReadOnlyProfile(ZccError):
    pass


class ValidationError(ZccError):
    """Input that breaks a rule; the message says what is wrong and what is allowed."""


class NotFound(ZccError):
    pass


class BadBatch(ZccError):
    """A batch of changes from elsewhere that is malformed, forged or from a newer schema."""


_DISK_FULL = "The disk is full: free some space and try again. Nothing already stored was lost."


def translate_os_error(exc: OSError, path: str) -> ZccError:
    if exc.errno == errno.ENOSPC:
        return DiskFull(_DISK_FULL)
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return ReadOnlyProfile(f"Cannot write in {path}: the folder is read-only ({exc.strerror}).")
    return ZccError(f"Cannot access {path}: {exc.strerror or exc}.")


def translate_db_error(exc: sqlcipher3.Error, path: str) -> Exception:
    """Map a SQLCipher driver error onto our types; unknown errors are returned unchanged."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    text = str(exc)
    if name == "SQLITE_FULL" or "disk is full" in text:
        return DiskFull(_DISK_FULL)
    if name.startswith("SQLITE_READONLY") or "readonly database" in text:
        return ReadOnlyProfile(f"Cannot write to {path}: the profile is read-only.")
    if name.startswith("SQLITE_NOTADB") or "file is not a database" in text:
        return DatabaseCorrupt(
            f"{path} cannot be read with this key: the database file is damaged or belongs "
            "to another profile. Restore it from a backup or a peer."
        )
    if name.startswith("SQLITE_CORRUPT") or "malformed" in text or "vtable constructor" in text:
        return DatabaseCorrupt(f"{path} is damaged ({text}). Restore it from a backup or a peer.")
    if name.startswith("SQLITE_CANTOPEN"):
        return ZccError(f"Cannot open {path}: check that the folder exists and is writable.")
    if name.startswith("SQLITE_BUSY") or name.startswith("SQLITE_LOCKED"):
        return ZccError(f"{path} is in use by another program; close it and try again.")
    return exc


@contextlib.contextmanager
def translated_errors(path: str) -> Iterator[None]:
    """Turn driver and OS errors into the project's own, with a message for the user."""
    try:
        yield
    except sqlcipher3.Error as exc:
        translated = translate_db_error(exc, path)
        if translated is exc:
            raise
        raise translated from exc
    except OSError as exc:
        raise translate_os_error(exc, path) from exc
