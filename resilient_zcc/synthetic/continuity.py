"""Synthetic continuity reports for benchmarks: many locations reporting over three days of
an outage. Rows go straight to `tx.put` in chunks, with values that pass every rule of
`continuity.model.report_continuity` (hours only on a generator or battery, never negative,
known codes, times in the past)."""

from __future__ import annotations

import random
import uuid
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from ..continuity.vocabulary import CARE_SCALE, DOWN, EVACUATION, Power
from ..errors import ValidationError
from .capacity import REGION, generate_synthetic_capacity

if TYPE_CHECKING:
    from ..store import Store

CHUNK = 5_000  # rows per transaction
HOURS = 72
POWER_WEIGHTS = ((Power.MAINS, 4), (Power.GENERATOR, 4), (Power.BATTERY, 1), (Power.NONE, 1))
SOURCES = ("formulier", "telefoon", "radio", "papier")


def generate_synthetic_continuity(
    store: Store,
    locations: int = 2_000,
    reports: int = 20_000,
    seed: int = 14,
    *,
    now: datetime | None = None,
) -> list[str]:
    """Continuity reports over the synthetic region's locations (made if there are fewer
    than `locations`), spread over the HOURS before `now`; returns the location ids."""
    if locations < 1 or reports < 0:
        raise ValidationError("Synthetic continuity needs a location or more, and reports >= 0.")
    rng = random.Random(seed)
    end = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    sql = (
        "SELECT l.id FROM locations l JOIN organisations o ON o.id = l.organisation_id "
        "WHERE o.region = ? AND l.deleted = 0 ORDER BY l.id LIMIT ?"
    )
    ids = [r["id"] for r in store.query(sql, (REGION, locations))]
    if len(ids) < locations:
        generate_synthetic_capacity(store, locations=locations - len(ids), reports=0, now=end)
        ids = [r["id"] for r in store.query(sql, (REGION, locations))]
    powers = [p for p, weight in POWER_WEIGHTS for _ in range(weight)]
    down_codes = list(DOWN)
    span = HOURS * 3_600
    for start in range(0, reports, CHUNK):
        with store.transaction() as tx:
            for _ in range(start, min(start + CHUNK, reports)):
                power = rng.choice(powers)
                hours: float | None = None
                if power in (Power.GENERATOR, Power.BATTERY):
                    hours = round(rng.uniform(0, 96 if power == Power.GENERATOR else 8), 1)
                elif power == Power.NONE:
                    hours = 0.0
                down = sorted(rng.sample(down_codes, rng.randrange(4)), key=down_codes.index)
                at = end - timedelta(seconds=rng.randrange(span))
                tx.put(
                    "continuity_reports",
                    str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                    {
                        "location_id": rng.choice(ids),
                        "power": power.value,
                        "autonomy_hours": hours,
                        "down": ",".join(down),
                        "care_scaled": str(rng.choice(list(CARE_SCALE))),
                        "evacuation": str(rng.choice(list(EVACUATION)[:2])),
                        "note": "",
                        "reporter": "Synthetische generator",
                        "source": rng.choice(SOURCES),
                        "reported_at": at.isoformat(timespec="seconds"),
                    },
                )
    return ids
