"""Benchmarks of the paper sheets: the whole binder of the demo region, and the
Bereikbaarheidslijst of a large synthetic region per 1,000 contacts."""

from __future__ import annotations

import statistics
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from printouts.context import make_context
from printouts.render import BINDER, print_to_file
from resilient_zcc.demo import load_demo_region
from resilient_zcc.keyheader import KdfCost
from resilient_zcc.store import Store
from resilient_zcc.synthetic import generate_synthetic_region

PASSPHRASE = "benchmark passphrase"
CHEAP = KdfCost(iterations=1, memory_kib=8192, lanes=1)


def binder(workdir: Path, runs: int = 3) -> dict[str, Any]:
    """`print binder` for the demo region (cover, contents, every sheet, 10 blank forms),
    written to a file: median of `runs`."""
    store, _ = Store.create(workdir / "binder", PASSPHRASE, label="Benchmark", cost=CHEAP)
    with store:
        load_demo_region(store, datetime.now(UTC))
        durations, pages = [], 0
        for n in range(runs):
            began = time.perf_counter()
            ctx = make_context(store)
            printed = print_to_file(ctx, BINDER, workdir / f"binder-{n}.pdf", {"forms": 10})
            durations.append(time.perf_counter() - began)
            pages = printed.pages
    return {
        "binder_s": round(statistics.median(durations), 2),
        "binder_max_s": round(max(durations), 2),
        "binder_pages": pages,
        "runs": runs,
    }


def contacts_pdf(workdir: Path, contacts: int = 20_000) -> dict[str, Any]:
    """The Bereikbaarheidslijst of a synthetic region of `contacts` people, read and
    rendered to a file once; seconds per 1,000 contacts."""
    store, _ = Store.create(workdir / "contacts-pdf", PASSPHRASE, label="Benchmark", cost=CHEAP)
    with store:
        generate_synthetic_region(store, contacts=contacts)
        began = time.perf_counter()
        printed = print_to_file(make_context(store), "bereikbaarheid", workdir / "lijst.pdf")
        seconds = time.perf_counter() - began
    return {
        "contacts_pdf_s_per_1000": round(seconds / contacts * 1000, 3),
        "contacts_pdf_total_s": round(seconds, 1),
        "contacts": contacts,
        "pages": printed.pages,
    }
