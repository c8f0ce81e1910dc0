"""Run every benchmark once; write bench/results.json and BENCHMARKS.md."""

from __future__ import annotations

import json
import os
import platform
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from . import (
    crisis,
    desktop,
    exchange,
    foundation,
    outage,
    placements,
    printouts,
    sitrap,
    sync,
    wizard,
)

ROOT = Path(__file__).resolve().parent.parent

# figure: (target as text, whether a value meets it)
TARGETS: dict[str, tuple[str, Any]] = {
    "write_ratio": ("≥ 0.2", lambda v: v >= 0.2),
    "search_p95_ms": ("< 20 ms", lambda v: v < 20),
    "unlock_s": ("0.2–1 s (deliberate)", lambda v: 0.2 <= v <= 1.0),
    "overview_ms": ("< 100 ms", lambda v: v < 100),
    "continuity_overview_ms": ("< 100 ms", lambda v: v < 100),
    "match_ms": ("< 50 ms (median)", lambda v: v < 50),
    "sitrap_s": ("< 1 s (median)", lambda v: v < 1),
    "startup_ratio": ("≤ 3", lambda v: v <= 3),
    "search_keystroke_ms": ("< 50 ms (p95)", lambda v: v < 50),
    "idle_cpu_pct": ("< 1 %", lambda v: v < 1),
    "binder_s": ("< 5 s", lambda v: v < 5),
    "contacts_pdf_s_per_1000": ("< 2 s", lambda v: v < 2),
    "import_rows_per_s": ("≥ 2,000 rows/s", lambda v: v >= 2000),
    "wizard_gui_stall_ms": ("< 250 ms", lambda v: v < 250),
    "merge_changes_per_s": ("≥ 50,000", lambda v: v >= 50_000),
    "bytes_per_change": ("≤ 60", lambda v: v <= 60),
    "noop_sync_bytes": ("< 5 KB, one round trip", lambda v: v < 5000),
    "noop_sync_ms": ("one round trip", lambda v: v < 100),
    "initial_sync_100k_s": ("< 30 s", lambda v: v < 30),
    "concurrent_sync_s": ("≤ 0.7 (ratio)", lambda v: v <= 0.7),
    "discovery_s": ("< 10 s", lambda v: v < 10),
    "merge_rss_mb": ("< 300 MB", lambda v: v < 300),
}


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}"
    )


RUNS = (
    foundation.write_ratio,
    foundation.search_p95,
    foundation.unlock,
    crisis.overview,
    outage.continuity_overview_ms,
    placements.match,
    sitrap.sitrap_s,
    desktop.startup,
    desktop.search_keystroke,
    desktop.idle_cpu,
    printouts.binder,
    printouts.contacts_pdf,
    exchange.import_rows_per_s,
    wizard.wizard_import,
    sync.merge_changes_per_s,
    sync.wire_bytes,
    sync.initial_sync_100k,
    sync.concurrent_sync,
    sync.discovery,
    sync.merge_rss,
)


def main(only: list[str]) -> None:
    """Every benchmark, or with names (`python -m bench merge_rss`) only those: their
    figures replace the same ones in bench/results.json and say when they were rerun."""
    unknown = set(only) - {run.__name__ for run in RUNS}
    if unknown:
        raise SystemExit(f"unknown benchmarks: {', '.join(sorted(unknown))}")
    results_file = ROOT / "bench" / "results.json"
    report: dict[str, Any] = {"results": {}, "rerun": {}}
    if only and results_file.exists():
        report = {"rerun": {}, **json.loads(results_file.read_text())}
    now = datetime.now(UTC).isoformat(timespec="seconds")
    with tempfile.TemporaryDirectory(prefix="rzcc-bench-") as work:
        workdir = Path(work)
        for run in RUNS:
            if only and run.__name__ not in only:
                continue
            print(f"running {run.__name__} ...", flush=True)
            report["results"][run.__name__] = run(workdir)
            print(f"  {report['results'][run.__name__]}", flush=True)
            if only:
                report["rerun"][run.__name__] = now
    if not only:
        report.update(date=now, machine=machine(), rerun={})
    results_file.write_text(json.dumps(report, indent=2) + "\n")
    (ROOT / "BENCHMARKS.md").write_text(markdown(report), encoding="utf-8")
    print("wrote BENCHMARKS.md and bench/results.json")


def markdown(report: dict[str, Any]) -> str:
    lines = [
        "# Benchmarks",
        "",
        "Written by `make bench` (`python -m bench`); figures from one run on one machine.",
        "Ratios compare two things measured in the same run, so they travel between machines;",
        "milliseconds do not.",
        "",
        f"- Date: {report['date']}",
        f"- Machine: {report['machine']}",
        *(f"- `{name}` rerun alone on {when}" for name, when in report.get("rerun", {}).items()),
        "",
        "| figure | value | target | met | details |",
        "| --- | --- | --- | --- | --- |",
    ]
    for group in report["results"].values():
        for name, (target, met) in TARGETS.items():
            if name in group:
                details = ", ".join(f"{k}={v}" for k, v in group.items() if k != name)
                ok = "yes" if met(group[name]) else "NO"
                lines.append(f"| `{name}` | {group[name]} | {target} | {ok} | {details} |")
    lines += [
        "",
        "## What is measured",
        "",
        "- `write_ratio`: rows written through the change log (`Store.transaction()` and",
        "  `tx.put`: row upsert, change record, signed batch) per second, divided by plain",
        "  `INSERT`s per second of the same rows into a table of the same columns in the same",
        "  SQLCipher file; both one `execute` per row, 500 rows per transaction, chunks",
        "  alternating so both see the same file growth; the median of 5 rounds of 20,000",
        "  rows (commits with fsync make single rounds noisy; the range is shown).",
        "- `search_p95_ms`: `search_contacts(text, limit=20)` (FTS5 query plus the 20 result",
        "  cards with channels) for every prefix, from 2 characters, of 60 random people's names,",
        "  organisations and mobile numbers (typed as 06...) in a synthetic 20,000-contact region.",
        "- `unlock_s`: `Store.open` with the passphrase to the first query, Argon2id calibrated",
        "  for this machine by `calibrate()` (median of 3).",
        "- `overview_ms`: p95 of 40 `capacity_picture` calls (newest report per location and",
        "  category net of held places, sums per category, age and staleness by rhythm of every",
        "  figure) over 2,000 synthetic locations and",
        "  50,000 reports; a first, cold-cache call is reported apart as `first_run_ms`.",
        "- `continuity_overview_ms`: p95 of 40 `continuity_overview` calls (newest continuity",
        "  report per location with hours left, stale and threshold flags and 24/7 numbers,",
        "  and the locations not heard from since the outage began) over 2,000 synthetic",
        "  locations and 20,000 reports while an outage covers the region.",
        "- `match_ms`: median of 60 `match` calls (rank every location with a fitting category,",
        "  with reasons and free places net of held places) for waiting requests, over 2,000",
        "  locations, 50,000 reports and 5,000 requests.",
        "- `sitrap_s`: `make_sitrap` (phase, outage and continuity, SEH, the Overzicht's",
        "  capacity and queue, decisions since the last one; numbered and kept) and its radio",
        "  text over 2,000 synthetic locations, 50,000 capacity and 20,000 continuity reports",
        "  and 5,000 requests during a region-wide outage; median of 7 after a cold run.",
        "- `startup_ratio`: seconds from starting the process to the unlocked main window on",
        "  the large region (20,000 contacts, 2,000 locations, 50,000 reports, 5,000",
        "  requests; cheap KDF, since `unlock_s` measures the deliberate cost) divided by the",
        "  seconds to show an empty QMainWindow, both as fresh processes (median of 3).",
        "- `search_keystroke_ms`: p95 of one typed character in the contact search to the",
        "  updated result list (real widgets, offscreen), over 40 names and 2 numbers.",
        "- `idle_cpu_pct`: CPU time of the unlocked app over 60 s without input, as a share",
        "  of one core (from /proc).",
        "- `binder_s`: `print binder` for the demo region Twente (cover, contents, every sheet",
        "  behind its tab, 10 blank forms), written to a file; median of 3.",
        "- `contacts_pdf_s_per_1000`: `print bereikbaarheid` of the synthetic region of 20,000",
        "  contacts (read in bulk, rendered, written), seconds per 1,000 contacts.",
        "- `import_rows_per_s`: rows per second importing a 20,000-row contact XLSX (title",
        "  row, headers on row 3, 400 organisations, two numbers in some cells) from reading",
        "  the file to the committed transaction: read-only openpyxl, mapping, plan with every",
        "  phone number validated, one transaction through the change log); the median of",
        "  3 runs into fresh profiles, with the range and rows per CPU second.",
        "- `wizard_gui_stall_ms`: the same 20,000-row workbook through the real import wizard",
        "  (offscreen: read, dry run, apply, each in a worker thread on its own connection);",
        "  the longest gap between two ticks of a 10 ms timer on the window's thread, i.e.",
        "  the longest the window could not repaint; `wizard_rows_per_s` end to end. The",
        "  worker shares the interpreter (GIL) with the window, so long C calls in it show.",
        "- `merge_changes_per_s`: changes (row writes of 5 fields each; `fields_per_s` counts",
        "  the fields) from 100,000 applied into a fresh member's encrypted profile in wire-sized",
        "  chunks, signature, schema and membership checks included.",
        "- `bytes_per_change`: frame bytes both ways (hello, vectors, zlib-compressed batches)",
        "  of an incremental sync over loopback TLS after one field changed in 2,000 rows,",
        "  per changed field.",
        "- `noop_sync_bytes` / `noop_sync_ms`: a sync between two peers already in step (hello,",
        "  hello and done, ack and done, ack), frame bytes and median time over 15 runs",
        "  after the TLS handshake; `noop_with_tls_handshake_ms` includes connecting.",
        "- `initial_sync_100k_s`: a fresh member pulls 100,000 changes from a `sync serve`",
        "  process over loopback TLS, connect to done.",
        "- `concurrent_sync_s`: two members (separate processes) each pull 10,000 changes from",
        "  one hub (a `sync serve` process) at the same time, divided by the same two syncs one",
        "  after the other (each against the hub as it was, so both ways do the same work);",
        "  `push_ratio` is the same with each member sending 10,000 of its own to the hub.",
        "- `discovery_s`: from starting an mDNS browse to finding a member that announces",
        "  itself, on the loopback interface (tests/test_sync_netns.py checks < 10 s between",
        "  network namespaces when run as root).",
        "- `merge_rss_mb`: peak resident memory of a fresh member's process (a separate",
        "  process, so nothing else is counted) while it pulls and applies 1,000,000 changes",
        "  from a `sync serve` process; `rss_before_mb` is the same process before the sync.",
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    main(sys.argv[1:])
