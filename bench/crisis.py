"""Benchmarks of the crisis domain: the regional capacity overview over many reports."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from resilient_zcc.capacity.free_beds import capacity_picture
from resilient_zcc.keyheader import KdfCost
from resilient_zcc.store import Store
from resilient_zcc.synthetic.capacity import generate_synthetic_capacity

PASSPHRASE = "benchmark passphrase"
CHEAP = KdfCost(iterations=1, memory_kib=8192, lanes=1)


def _timed(action: Callable[[], object]) -> float:
    began = time.perf_counter()
    action()
    return (time.perf_counter() - began) * 1000


def overview(
    workdir: Path, locations: int = 2_000, reports: int = 50_000, runs: int = 40
) -> dict[str, Any]:
    """`capacity_picture` (current figure per location and category net of held places,
    sums, ages, staleness by rhythm) timed.

    One untimed-for-the-figure first run warms SQLCipher's page cache (reported separately
    as `first_run_ms`); then median and p95 over `runs` runs.
    """
    store, _ = Store.create(workdir / "overview", PASSPHRASE, cost=CHEAP)
    with store:
        now = datetime.now(UTC)
        began = time.perf_counter()
        generate_synthetic_capacity(store, locations=locations, reports=reports, now=now)
        generated_s = time.perf_counter() - began
        first_ms = _timed(lambda: capacity_picture(store, now=now))  # cold page cache
        durations = []
        figures = 0
        for _ in range(runs):
            began = time.perf_counter()
            groups = capacity_picture(store, now=now)
            durations.append((time.perf_counter() - began) * 1000)
            figures = sum(g.locations for g in groups)
    durations.sort()
    return {
        "overview_ms": round(durations[int(len(durations) * 0.95)], 1),
        "overview_median_ms": round(statistics.median(durations), 1),
        "first_run_ms": round(first_ms, 1),
        "runs": runs,
        "locations": locations,
        "reports": reports,
        "current_figures": figures,
        "generated_s": round(generated_s, 1),
    }
