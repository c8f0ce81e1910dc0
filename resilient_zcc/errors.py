"""The project's own error types, and the translation of database-driver errors into them.

Two kinds, as qutebrowser sorts them: `ZccError` subclasses are the environment's or the
user's fault and carry a message fit for a person; anything else is our bug.
"""

from __future__ import annotations

import contextlib
import errno
import os
from collections.abc import Iterator

import sqlcipher3

from .i18n import Text


class ZccError(Exception):
    """An error with a message a user can act on, shown in the language current when shown.

    `ZccError("No location with id {id}.", id=x)`: the English template (a key of the Dutch
    catalogue) and its values are kept; `str(exc)` renders them in the current language. A
    plain string (no values, not in the catalogue) is shown as it is; a `Text` is kept as is.
    """

    def __init__(self, template: str | Text = "", /, **values: object) -> None:
        self.message = template if isinstance(template, Text) else Text(template, **values)
        super().__init__(self.message.template)

    def __str__(self) -> str:
        return str(self.message)


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


def _disk_full() -> DiskFull:
    return DiskFull(
        "The disk is full: free some space and try again. Nothing already stored was lost."
    )


# Below this much free space a disk I/O error is taken for a full disk: SQLite reports a
# failed write of its shared-memory or WAL file as SQLITE_IOERR, not SQLITE_FULL.
NEARLY_FULL_BYTES = 256 * 1024


def disk_is_full(path: str) -> bool:
    """Whether the file system holding `path` (a file or folder) has (almost) no room left."""
    folder = path if os.path.isdir(path) else os.path.dirname(path) or "."
    try:
        stats = os.statvfs(folder)
    except OSError:
        return False
    return stats.f_bavail * stats.f_frsize < NEARLY_FULL_BYTES


def full_disk_read_only() -> DiskFull:
    """For a write to a profile that was opened for reading only, on a full disk."""
    return DiskFull(
        "The disk is full, so this profile is open for reading only: nothing can be saved. "
        "Free some space, then open the profile again."
    )


def translate_os_error(exc: OSError, path: str) -> ZccError:
    if exc.errno == errno.ENOSPC:
        return _disk_full()
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return ReadOnlyProfile(
            "Cannot write in {path}: the folder is read-only ({reason}).",
            path=path,
            reason=exc.strerror,
        )
    return ZccError("Cannot access {path}: {reason}.", path=path, reason=exc.strerror or exc)


def translate_db_error(exc: sqlcipher3.Error, path: str) -> Exception:
    """Map a SQLCipher driver error onto our types; unknown errors are returned unchanged."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    text = str(exc)
    if name == "SQLITE_FULL" or "disk is full" in text:
        return _disk_full()
    if name.startswith("SQLITE_IOERR") or "disk I/O error" in text:
        if disk_is_full(path):
            return _disk_full()
        return ZccError(
            "The disk could not read or write {path} (input/output error). Check the disk or "
            "USB stick and its connection; if it persists, copy the profile to another disk "
            "or restore it from a backup or a peer.",
            path=path,
        )
    if name.startswith("SQLITE_READONLY") or "readonly database" in text:
        return ReadOnlyProfile("Cannot write to {path}: the profile is read-only.", path=path)
    if name.startswith("SQLITE_NOTADB") or "file is not a database" in text:
        return DatabaseCorrupt(
            "{path} cannot be read with this key: the database file is damaged or belongs "
            "to another profile. Restore it from a backup or a peer.",
            path=path,
        )
    if name.startswith("SQLITE_CORRUPT") or "malformed" in text or "vtable constructor" in text:
        return DatabaseCorrupt(
            "{path} is damaged ({reason}). Restore it from a backup or a peer.",
            path=path,
            reason=text,
        )
    if name.startswith("SQLITE_CANTOPEN"):
        return ZccError(
            "Cannot open {path}: check that the folder exists and is writable.", path=path
        )
    if name.startswith("SQLITE_BUSY") or name.startswith("SQLITE_LOCKED"):
        return ZccError("{path} is in use by another program; close it and try again.", path=path)
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
