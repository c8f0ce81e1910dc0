"""Merge property: whatever order, duplication and splitting, replicas end up identical.

Random edits on two or three real stores (with syncs between them while they work) produce
batches; fresh stores take them in random orders, with duplicates, split over several
apply calls. Every store must end with the same organisations and the same version vector,
and that state must be the per-column last-writer-wins result by (HLC, device id).
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from resilient_zcc.changelog import Batch
from resilient_zcc.hlc import wall_ms
from resilient_zcc.store import Store

from .helpers import ORG_COLUMNS, new_store, org_rows, reopen, set_clock, sync

SOURCES = 3
TARGETS = 2
ROWS = ["org-a", "org-b", "org-c"]
DEFAULTS: dict[str, Any] = {
    "name": "",
    "sector": None,
    "region": None,
    "short_name": None,
    "city": None,
    "deleted": 0,
}

values_for = {
    "name": st.sampled_from(["", "Noord", "Zuid", "Oost"]),
    "sector": st.sampled_from([None, "ggz", "vvt"]),
    "region": st.sampled_from([None, "Twente", "IJsselland"]),
    "short_name": st.sampled_from([None, "N", "Z"]),
    "city": st.sampled_from([None, "Enschede", "Zwolle"]),
    "deleted": st.sampled_from([0, 1]),
}
edit_values = st.sets(st.sampled_from(sorted(values_for)), min_size=1, max_size=3).flatmap(
    lambda cols: st.fixed_dictionaries({c: values_for[c] for c in sorted(cols)})
)
store_index = st.integers(0, SOURCES - 1)
row_index = st.integers(0, len(ROWS) - 1)
operation = st.one_of(
    st.tuples(st.just("put"), store_index, row_index, edit_values),
    st.tuples(st.just("put"), store_index, row_index, edit_values),
    st.tuples(st.just("delete"), store_index, row_index, st.just({})),
    st.tuples(st.just("sync"), store_index, store_index, st.just({})),
    # Everyone syncs, then every device edits the same row: with frozen clocks all these
    # edits carry the same stamp, so only the device id can decide.
    st.tuples(
        st.just("round"),
        st.just(0),
        row_index,
        st.lists(edit_values, min_size=SOURCES, max_size=SOURCES),
    ),
)


@pytest.fixture(scope="module")
def templates(tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[Path]]:
    """Closed profiles, one per device; each example works on fresh copies of them."""
    base = tmp_path_factory.mktemp("merge-templates")
    paths = []
    for i in range(SOURCES + TARGETS):
        new_store(base / f"device-{i}", f"device {i}").close()
        paths.append(base / f"device-{i}")
    yield paths


def _copies(templates: list[Path], into: Path) -> list[Store]:
    stores = []
    for i, template in enumerate(templates):
        shutil.copytree(template, into / f"device-{i}")
        stores.append(reopen(into / f"device-{i}"))
    return stores


def _expected(batches: list[Batch]) -> list[tuple[Any, ...]]:
    """The organisations table as last-writer-wins by (HLC, device id) per column defines it."""
    best: dict[tuple[str, str], tuple[int, str, Any]] = {}
    seen: set[tuple[str, int]] = set()
    for batch in batches:
        for change in batch.changes:
            if (batch.device_id, change.counter) in seen or change.table != "organisations":
                continue
            seen.add((batch.device_id, change.counter))
            for column, value in json.loads(change.payload).items():
                key = (change.row_id, column)
                candidate = (change.hlc, batch.device_id, value)
                if key not in best or candidate[:2] > best[key][:2]:
                    best[key] = candidate
    rows = []
    for row_id in sorted({row for row, _col in best}):
        values = {col: best[(row_id, col)][2] for _row, col in best if _row == row_id}
        full = {"id": row_id, **DEFAULTS, **values}
        rows.append(tuple(full[c] for c in ORG_COLUMNS))
    return rows


def _unbroken_runs(held: set[tuple[str, int]], devices: set[str]) -> dict[str, int]:
    """Per device, the highest n such that changes 1..n are all held."""
    runs = {}
    for device in devices:
        n = 0
        while (device, n + 1) in held:
            n += 1
        runs[device] = n
    return runs


def _apply_in_pieces(
    store: Store, batches: list[Batch], cuts: list[int], devices: set[str]
) -> None:
    """Apply in several calls; after each, the version vector covers only unbroken runs."""
    bounds = sorted({0, len(batches), *(c % (len(batches) + 1) for c in cuts)})
    held: set[tuple[str, int]] = set()
    for start, end in zip(bounds, bounds[1:], strict=False):
        store.log.apply_changes(batches[start:end])
        held |= {(b.device_id, c.counter) for b in batches[start:end] for c in b.changes}
        vector = store.log.version_vector()
        got = {d: vector.get(d, 0) for d in devices}
        assert got == _unbroken_runs(held, devices)


def _sync_all(stores: list[Store]) -> None:
    for _ in range(2):
        for src in stores:
            for dst in stores:
                if src is not dst:
                    sync(src, dst)


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    ops=st.lists(operation, min_size=1, max_size=20),
    devices=st.integers(2, SOURCES),
    clock_mode=st.sampled_from(["real", "frozen", "skewed"]),
    data=st.data(),
)
def test_replicas_converge_whatever_the_order(
    templates: list[Path],
    ops: list[tuple[Any, ...]],
    devices: int,
    clock_mode: str,
    data: st.DataObject,
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        stores = _copies(templates, Path(tmp))
        try:
            sources, targets = stores[:devices], stores[SOURCES:]
            start = wall_ms() + 1_000
            for i, store in enumerate(sources):
                if clock_mode == "frozen":  # all read the same time: stamps collide
                    set_clock(store, lambda: start)
                elif clock_mode == "skewed":  # laptops minutes apart
                    set_clock(store, lambda skew=(i - 1) * 120_000: wall_ms() + skew)

            for kind, store_no, second, values in ops:
                first = store_no % devices
                if kind == "put":
                    with sources[first].transaction() as tx:
                        tx.put("organisations", ROWS[second], values)
                elif kind == "delete":
                    with sources[first].transaction() as tx:
                        tx.delete("organisations", ROWS[second])
                elif kind == "round":
                    _sync_all(sources)
                    for store, edit in zip(sources, values, strict=False):
                        with store.transaction() as tx:
                            tx.put("organisations", ROWS[second], edit)
                elif first != second % devices:
                    sync(sources[first], sources[second % devices])

            # Everything any source holds, relayed copies included: duplicates on purpose.
            batches = [b for s in sources for b in s.log.changes_since({})]
            expected = _expected(batches)
            source_ids = {s.identity.device_id for s in sources}
            for target in targets:
                order = data.draw(st.permutations(batches), label="order")
                extra = data.draw(st.lists(st.sampled_from(batches), max_size=4), label="dups")
                cuts = data.draw(st.lists(st.integers(0, 1_000), max_size=4), label="cuts")
                _apply_in_pieces(target, [*order, *extra], cuts, source_ids)
            for source in sources:  # the sources catch up too
                source.log.apply_changes(batches)

            full_vector = {s.identity.device_id: s.log.counter for s in sources}
            for store in [*sources, *targets]:
                assert org_rows(store) == expected
                vector = store.log.version_vector()
                assert {k: v for k, v in vector.items() if k in source_ids} == full_vector
        finally:
            for store in stores:
                store.close()
