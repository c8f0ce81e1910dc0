"""Benchmarks of the outage picture: the continuity overview over a large region."""

from __future__ import annotations

import statistics
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from resilient_zcc.continuity.queries import continuity_overview
from resilient_zcc.crisis.outage import declare_outage
from resilient_zcc.crisis.regions import add_region
from resilient_zcc.store import Store
from resilient_zcc.synthetic.continuity import generate_synthetic_continuity

from .crisis import CHEAP, PASSPHRASE, _timed


def continuity_overview_ms(
    workdir: Path, locations: int = 2_000, reports: int = 20_000, runs: int = 40
) -> dict[str, Any]:
    """`continuity_overview` (newest report per location, hours left, stale and threshold
    flags, 24/7 numbers, locations not heard from since the outage began) timed while an
    outage covering the whole region lasts; p95 and median over `runs` after a cold run."""
    store, _ = Store.create(workdir / "continuity", PASSPHRASE, cost=CHEAP)
    with store:
        now = datetime.now(UTC)
        began = time.perf_counter()
        generate_synthetic_continuity(store, locations=locations, reports=reports, now=now)
        region = add_region(store, "Synthetisch", "roaz")
        declare_outage(store, region, "stroom", decided_by="Synthetisch", recorded_by="bench",
                       now=now, started_at=now - timedelta(hours=24))  # fmt: skip
        generated_s = time.perf_counter() - began
        first_ms = _timed(lambda: continuity_overview(store, now=now))
        durations, cpu = [], []
        shown = silent = 0
        for _ in range(runs):
            began, began_cpu = time.perf_counter(), time.process_time()
            overview = continuity_overview(store, now=now)
            durations.append((time.perf_counter() - began) * 1000)
            cpu.append((time.process_time() - began_cpu) * 1000)
            shown, silent = len(overview.figures), len(overview.not_heard_from)
    durations.sort()
    cpu.sort()
    return {
        "continuity_overview_ms": round(durations[int(len(durations) * 0.95)], 1),
        "continuity_overview_median_ms": round(statistics.median(durations), 1),
        # CPU time of this process: what the query costs when others share the cores.
        "continuity_overview_cpu_p95_ms": round(cpu[int(len(cpu) * 0.95)], 1),
        "first_run_ms": round(first_ms, 1),
        "runs": runs,
        "locations": locations,
        "reports": reports,
        "current_figures": shown,
        "not_heard_from": silent,
        "generated_s": round(generated_s, 1),
    }
