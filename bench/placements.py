"""Benchmark of the placement queue: matching one request in a large region."""

from __future__ import annotations

import statistics
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from resilient_zcc.placements.matching import match as match_request
from resilient_zcc.store import Store
from resilient_zcc.synthetic.capacity import generate_synthetic_capacity
from resilient_zcc.synthetic.placements import generate_synthetic_placements

from .foundation import CHEAP, PASSPHRASE

REPEATS = 60


def match(workdir: Path) -> dict[str, Any]:
    """`match` for waiting requests: 2,000 locations, 50,000 reports, 5,000 requests."""
    now = datetime.now(UTC)
    store, _ = Store.create(workdir / "placements", PASSPHRASE, cost=CHEAP)
    with store:
        generate_synthetic_capacity(store, locations=2_000, reports=50_000, now=now)
        holding = generate_synthetic_placements(store, requests=5_000, now=now)
        waiting = [
            row["id"]
            for row in store.query(
                "SELECT id FROM placement_requests WHERE state = 'in_behandeling' ORDER BY id"
            )
        ]
        timings, candidates = [], []
        for n in range(REPEATS):
            request_id = waiting[n % len(waiting)]
            began = time.perf_counter()
            result = match_request(store, request_id, now)
            timings.append((time.perf_counter() - began) * 1000)
            candidates.append(len(result.candidates))
    timings.sort()
    return {
        "match_ms": round(statistics.median(timings), 1),
        "match_p95_ms": round(timings[int(len(timings) * 0.95) - 1], 1),
        "candidates_median": int(statistics.median(candidates)),
        "locations": 2_000,
        "reports": 50_000,
        "requests": 5_000,
        "holding_a_place": holding,
        "repeats": REPEATS,
    }
