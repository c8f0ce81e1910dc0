"""Synthetic capacity for benchmarks: many locations and reports over about two weeks.

Rows go straight to `tx.put` in chunks (no per-row validation), with values that pass every
rule of `capacity.model.report_capacity`: 0 <= occupied <= staffed <= total, available at
most staffed - occupied, a derived status, times in the past.
"""

from __future__ import annotations

import random
import uuid
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from ..capacity.categories import CATEGORIES, FEATURES
from ..capacity.model import derive_status
from ..errors import ValidationError

if TYPE_CHECKING:
    from ..store import Store

REGION = "Synthetisch"  # organisations.region of the synthetic region
CHUNK = 5_000  # rows per transaction
DAYS = 14
ORGANISATIONS_IF_NONE = 200
SOURCES = ("formulier", "telefoon", "lcps", "email")


def generate_synthetic_capacity(
    store: Store,
    locations: int = 2_000,
    reports: int = 50_000,
    seed: int = 11,
    *,
    region_id: str | None = None,
    now: datetime | None = None,
) -> None:
    """Write `locations` locations and `reports` reports spread over DAYS days before `now`."""
    if locations < 1 or reports < 0:
        raise ValidationError("Synthetic capacity needs a location or more, and reports >= 0.")
    rng = random.Random(seed)
    end = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)

    def new_id() -> str:
        return str(uuid.UUID(int=rng.getrandbits(128), version=4))

    org_ids = [
        row["id"]
        for row in store.query(
            "SELECT id FROM organisations WHERE region = ? AND deleted = 0 ORDER BY id", (REGION,)
        )
    ]
    if not org_ids:
        with store.transaction() as tx:
            for n in range(ORGANISATIONS_IF_NONE):
                org_ids.append(new_id())
                tx.put(
                    "organisations",
                    org_ids[-1],
                    {
                        "name": f"Zorginstelling Voorbeeld {n + 1:04d} (synthetisch)",
                        "short_name": f"VB{n + 1:04d}",
                        "sector": rng.choice(("ziekenhuis", "vvt", "ghz", "ggz")),
                        "region": REGION,
                        "city": "Synthetisch",
                    },
                )
    codes = list(CATEGORIES)
    features = list(FEATURES)
    # Each location holds one to three categories with fixed technical capacity.
    places: list[tuple[str, str, int]] = []  # location id, category, total
    location_rows = []
    for n in range(locations):
        location_id = new_id()
        location_rows.append(
            (
                location_id,
                {
                    "organisation_id": org_ids[n % len(org_ids)],
                    "region_id": region_id,
                    "name": f"Locatie Voorbeeld {n + 1:05d} (synthetisch)",
                    "address": f"Proefweg {n + 1}, Synthetisch (fictief)",
                    "city": "Synthetisch",
                    "features": ",".join(sorted(rng.sample(features, rng.randrange(3)))),
                    "report_time": "09:00",
                    "report_every_hours": 24,
                },
            )
        )
        for code in rng.sample(codes, rng.randint(1, 3)):
            places.append((location_id, code, rng.randint(4, 60)))
    for start in range(0, len(location_rows), CHUNK):
        with store.transaction() as tx:
            for location_id, values in location_rows[start : start + CHUNK]:
                tx.put("locations", location_id, values)
    span = DAYS * 86_400
    for start in range(0, reports, CHUNK):
        with store.transaction() as tx:
            for _ in range(start, min(start + CHUNK, reports)):
                location_id, code, total = rng.choice(places)
                staffed = rng.randint(total * 2 // 3, total)
                occupied = rng.randint(staffed // 2, staffed)
                available = staffed - occupied
                at = end - timedelta(seconds=rng.randrange(span))
                tx.put(
                    "capacity_reports",
                    new_id(),
                    {
                        "location_id": location_id,
                        "category": code,
                        "total": total,
                        "staffed": staffed,
                        "occupied": occupied,
                        "available": available,
                        "expected_24h": min(total, available + rng.randint(0, 2)),
                        "status": derive_status(staffed, available),
                        "reporter": "Synthetische generator",
                        "source": rng.choice(SOURCES),
                        "reported_at": at.isoformat(timespec="seconds"),
                    },
                )
