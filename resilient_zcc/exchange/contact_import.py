"""Contact import: open a source, plan (a dry run), apply (one transaction).

A wizard drives it in the same steps as the CLI: `open_source` (read the file, guess or
recall the mapping; `ImportSource.set_field` changes a column), `plan_import` (what would
be created, updated or left, and every problem by row), `apply_import` (write it all in one
transaction, with progress).
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..errors import ZccError
from ..store import now_iso
from .import_planner import ImportPlan, Key, plan_import, replan
from .import_report import ImportSummary
from .import_source import NAMESPACE, ImportSource, derived_id, open_source

if TYPE_CHECKING:
    from ..store import Store

__all__ = [
    "NAMESPACE", "ImportPlan", "ImportRefused", "ImportResult", "ImportSource", "apply_import",
    "derived_id", "open_source", "plan_import",
]  # fmt: skip
Progress = Callable[[int, int], None]


@dataclass
class ImportResult:
    summary: ImportSummary
    skipped_rows: list[int]


IMPORT_CACHE_KIB = 128 * 1024
PROGRESS_EVERY = 2000  # writes between two progress calls


@contextlib.contextmanager
def _import_cache(store: Store) -> Iterator[None]:
    """A larger page cache while one transaction writes a whole list: without it SQLite
    spills dirty pages to the WAL mid-transaction (each encrypted, later read back), which
    measured about a third of the import's time. Restored afterwards."""
    before = store.conn.execute("PRAGMA cache_size").fetchone()[0]
    store.conn.execute(f"PRAGMA cache_size = -{IMPORT_CACHE_KIB}")
    try:
        yield
    finally:
        store.conn.execute(f"PRAGMA cache_size = {int(before)}")


class ImportRefused(ZccError):
    """Rows have problems and the user did not agree to skip them; nothing was written."""


def apply_import(
    store: Store,
    plan: ImportPlan,
    *,
    skip_bad_rows: bool = False,
    progress: Progress | None = None,
) -> ImportResult:
    """Write every good row in one transaction; refuse if a row has a problem, unless the
    user agreed to skip those rows. Remembers the mapping for this source."""
    with _import_cache(store), store.transaction() as tx:
        if store.log.version_vector() != plan.vector:  # changed since the dry run: plan again
            plan = replan(store, plan)
        # Only problems that leave nothing to import keep a row out (no name and no
        # number, a formula); a bad cell is kept as a note and its row imported.
        bad = [row.row for row in plan.rows if row.blocking]
        if bad and not skip_bad_rows:
            raise ImportRefused(
                "{n} rows have problems (first: row {first}); nothing was imported. "
                "Fix them in the file and import again, or use --skip-bad-rows to import "
                "the other rows.",
                n=len(bad),
                first=bad[0],
            )
        good = [row for row in plan.rows if not row.blocking]
        shared_needed: set[Key] = set()
        for row in good:
            shared_needed |= plan.needs[row.row]
        for key in sorted(shared_needed, key=lambda k: k[0] != "organisations"):
            tx.put(key[0], key[1], plan.shared[key])
        # In key order: inserting into each table's B-tree in order touches far fewer pages
        # than the file's order (measured about a fifth of the writing time). The rows are
        # independent, so the order within the one transaction changes nothing else.
        writes = sorted(
            (w for row in good for w in row.writes), key=lambda w: (w[0], w[1])
        )  # fmt: skip
        total, count = len(good), len(writes)
        for done, (table, row_id, values) in enumerate(writes, start=1):
            tx.put(table, row_id, values)
            if progress is not None and done % PROGRESS_EVERY == 0:
                progress(total * done // count, total)
        if progress is not None:
            progress(total, total)
        sig = plan.source.signature
        tx.put(
            "import_mappings",
            derived_id("mapping", sig),
            {
                "signature": sig,
                "source": plan.source.table.source,
                "mapping": json.dumps(plan.source.mapping, ensure_ascii=False, sort_keys=True),
                "updated_at": now_iso(),
                "deleted": 0,
            },
        )
    return ImportResult(plan.summary, bad)
