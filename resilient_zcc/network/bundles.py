"""Bookkeeping of imported bundle files (local: which ones this copy already took in)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import model

if TYPE_CHECKING:
    from ..store import Store


def imported_at(store: Store, bundle_id: str) -> str | None:
    row = store.conn.execute(
        "SELECT imported_at FROM imported_bundles WHERE id = ?", (bundle_id,)
    ).fetchone()
    return str(row[0]) if row else None


def mark_imported(store: Store, bundle_id: str, author: str) -> None:
    with store.transaction():
        store.conn.execute(
            "INSERT OR IGNORE INTO imported_bundles (id, imported_at, author) VALUES (?, ?, ?)",
            (bundle_id, model.now_iso(), author),
        )
