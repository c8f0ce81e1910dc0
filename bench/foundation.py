"""Benchmarks of the foundation: change-logged writes, contact search, unlock."""

from __future__ import annotations

import random
import statistics
import time
from pathlib import Path
from typing import Any

from resilient_zcc import schema
from resilient_zcc.contacts.queries import search_contacts
from resilient_zcc.keyheader import KdfCost, calibrate
from resilient_zcc.store import Store
from resilient_zcc.synthetic import generate_synthetic_region

PASSPHRASE = "benchmark passphrase"
CHEAP = KdfCost(iterations=1, memory_kib=8192, lanes=1)
COLUMNS = ("name", "organisation", "phone", "email", "notes")


def _rows(count: int, offset: int = 0) -> list[tuple[str, ...]]:
    rng = random.Random(1)
    return [
        (
            f"00000000-0000-4000-8000-{n + offset:012d}",
            f"Persoon {n} Voorbeeld",
            f"Organisatie {rng.randrange(2000)}",
            f"+3161234{n % 10000:04d}",
            f"persoon{n}@voorbeeld.invalid",
            "fictief",
        )
        for n in range(count)
    ]


def write_ratio(
    workdir: Path, count: int = 20_000, chunk: int = 500, rounds: int = 5
) -> dict[str, Any]:
    """Change-logged row writes per second / plain inserts per second, same rows, same file.

    Each round writes `count` fresh rows both ways, alternating chunks so that both see the
    same file growth and machine noise; commits (fsync) and WAL checkpoints make single
    rounds noisy, so the figure is the median round.
    """
    store, _ = Store.create(workdir / "write", PASSPHRASE, cost=CHEAP)
    ratios, logged_rates, plain_rates = [], [], []
    with store:
        columns = ", ".join(f"{c} TEXT" for c in COLUMNS)
        store.conn.execute(
            f"CREATE TABLE bench_logged (id TEXT PRIMARY KEY, {columns}, "
            f"{schema.REPLICATED_SUFFIX})"
        )
        store.conn.execute(f"CREATE TABLE bench_plain (id TEXT PRIMARY KEY, {columns})")
        store.log.columns = schema.replicated_columns(store.conn)
        plain_sql = f"INSERT INTO bench_plain VALUES (?{', ?' * len(COLUMNS)})"

        def plain(batch: list[tuple[str, ...]]) -> None:
            store.conn.execute("BEGIN IMMEDIATE")
            for row in batch:
                store.conn.execute(plain_sql, row)
            store.conn.execute("COMMIT")

        def logged(batch: list[tuple[str, ...]]) -> None:
            with store.transaction() as tx:
                for row in batch:
                    tx.put("bench_logged", row[0], dict(zip(COLUMNS, row[1:], strict=True)))

        for round_number in range(rounds):
            rows = _rows(count, offset=round_number * count)
            timings = {"plain": 0.0, "logged": 0.0}
            for start in range(0, count, chunk):
                batch = rows[start : start + chunk]
                for name, write in (("plain", plain), ("logged", logged)):
                    began = time.perf_counter()
                    write(batch)
                    timings[name] += time.perf_counter() - began
            plain_rates.append(count / timings["plain"])
            logged_rates.append(count / timings["logged"])
            ratios.append(logged_rates[-1] / plain_rates[-1])
    return {
        "write_ratio": round(statistics.median(ratios), 3),
        "write_ratio_range": f"{min(ratios):.3f}-{max(ratios):.3f}",
        "logged_rows_per_s": round(statistics.median(logged_rates)),
        "plain_rows_per_s": round(statistics.median(plain_rates)),
        "rows_per_round": count,
        "rounds": rounds,
        "rows_per_transaction": chunk,
    }


def search_p95(workdir: Path, contacts: int = 20_000, samples: int = 60) -> dict[str, Any]:
    """Search as you type over a large region: every prefix of names, organisations, numbers."""
    store, _ = Store.create(workdir / "search", PASSPHRASE, cost=CHEAP)
    with store:
        began = time.perf_counter()
        generate_synthetic_region(store, contacts=contacts)
        generated_s = time.perf_counter() - began
        rng = random.Random(3)
        people = store.query(
            "SELECT p.name, o.name AS org, (SELECT value FROM channels c WHERE c.owner_id = p.id "
            "AND c.kind = 'mobile' LIMIT 1) AS mobile FROM people p "
            "JOIN organisations o ON o.id = p.organisation_id"
        )
        typed: list[str] = []
        for person in rng.sample(people, samples):
            for text in (person["name"], person["org"], "0" + (person["mobile"] or "+31")[3:]):
                typed += [text[:n] for n in range(2, len(text) + 1)]
        durations = []
        for text in typed:
            began = time.perf_counter()
            search_contacts(store, text, limit=20)
            durations.append((time.perf_counter() - began) * 1000)
    durations.sort()
    return {
        "search_p95_ms": round(durations[int(len(durations) * 0.95)], 2),
        "search_median_ms": round(statistics.median(durations), 2),
        "searches": len(durations),
        "contacts": contacts,
        "region_generated_s": round(generated_s, 1),
    }


def unlock(workdir: Path, repeats: int = 3) -> dict[str, Any]:
    """Passphrase to first query, with the KDF cost calibrated for this machine."""
    cost = calibrate()
    store, _ = Store.create(workdir / "unlock", PASSPHRASE, cost=cost)
    store.close()
    durations = []
    for _ in range(repeats):
        began = time.perf_counter()
        with Store.open(workdir / "unlock", PASSPHRASE) as opened:
            opened.query("SELECT count(*) FROM people")
        durations.append(time.perf_counter() - began)
    return {
        "unlock_s": round(statistics.median(durations), 3),
        "argon2id_iterations": cost.iterations,
        "argon2id_memory_mib": cost.memory_kib // 1024,
    }
