"""Benchmark of the situation report: making one for the large synthetic region."""

from __future__ import annotations

import statistics
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from resilient_zcc.crisis.outage import declare_outage
from resilient_zcc.crisis.regions import add_region
from resilient_zcc.sitrap.model import make_sitrap
from resilient_zcc.sitrap.text import radio_text
from resilient_zcc.store import Store
from resilient_zcc.synthetic.capacity import generate_synthetic_capacity
from resilient_zcc.synthetic.continuity import generate_synthetic_continuity
from resilient_zcc.synthetic.placements import generate_synthetic_placements

from .foundation import CHEAP, PASSPHRASE

REPEATS = 7


def sitrap_s(workdir: Path) -> dict[str, Any]:
    """`make_sitrap` (every part of the picture read, numbered, kept) and its radio text,
    over 2,000 locations, 50,000 capacity and 20,000 continuity reports, 5,000 requests,
    during an outage of the whole region; median of `REPEATS` after a cold run."""
    now = datetime.now(UTC)
    store, _ = Store.create(workdir / "sitrap", PASSPHRASE, cost=CHEAP)
    with store:
        region = add_region(store, "Synthetisch", "roaz")
        generate_synthetic_capacity(store, locations=2_000, reports=50_000, now=now)
        generate_synthetic_placements(store, requests=5_000, now=now)
        generate_synthetic_continuity(store, locations=2_000, reports=20_000, now=now)
        declare_outage(store, region, "stroom", decided_by="Synthetisch", recorded_by="bench",
                       now=now, started_at=now - timedelta(hours=24))  # fmt: skip
        timings, lines = [], 0
        for n in range(REPEATS + 1):
            began = time.perf_counter()
            report = make_sitrap(store, now + timedelta(minutes=n), "bench", "Oordeel", ["Besluit"])
            lines = len(radio_text(report, "nl").splitlines())
            timings.append(time.perf_counter() - began)
    first, rest = timings[0], sorted(timings[1:])
    return {
        "sitrap_s": round(statistics.median(rest), 3),
        "sitrap_max_s": round(rest[-1], 3),
        "first_run_s": round(first, 3),
        "radio_lines": lines,
        "locations": 2_000,
        "reports": 50_000,
        "requests": 5_000,
        "repeats": REPEATS,
    }
