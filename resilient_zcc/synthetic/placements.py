"""Synthetic placement requests for benchmarks, on top of the synthetic capacity.

Rows go straight to `tx.put` in chunks (no per-row validation). Requests take a category with
a reported location; those in a state that holds a place get an offer after that location's
newest report, at most as many as it has available (a request finds no room: it waits).
References are obviously fake (SYN-000001 ...); no free text is generated.
"""

from __future__ import annotations

import random
import uuid
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from ..capacity.queries import latest_reports
from ..errors import ValidationError
from ..placements.lifecycle import ALLOCATED_STATES, STATES
from ..placements.vocabulary import AGE_BANDS, CARE_NEEDS, COVID_POSITIVE_CATEGORIES, URGENCIES

if TYPE_CHECKING:
    from ..store import Store

CHUNK = 2_000  # requests per transaction
PATH = (
    "aangemeld",
    "in_behandeling",
    "plaats_aangeboden",
    "geaccepteerd",
    "vervoer_geregeld",
    "geplaatst",
)
# Share of requests per final state: a busy queue with most of them still open.
STATE_WEIGHTS = {
    "aangemeld": 20,
    "in_behandeling": 20,
    "plaats_aangeboden": 12,
    "geaccepteerd": 8,
    "vervoer_geregeld": 6,
    "geplaatst": 20,
    "geannuleerd": 8,
    "opgeschaald": 6,
}


def generate_synthetic_placements(
    store: Store, requests: int = 5_000, seed: int = 23, *, now: datetime | None = None
) -> int:
    """Write `requests` placement requests with their events; returns how many hold a place."""
    if requests < 0:
        raise ValidationError("The number of synthetic requests cannot be negative.")
    rng = random.Random(seed)
    end = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)

    def new_id() -> str:
        return str(uuid.UUID(int=rng.getrandbits(128), version=4))

    rooms: dict[str, list[dict[str, Any]]] = {}
    for report in latest_reports(store):
        if (report["available"] or 0) > 0:
            rooms.setdefault(report["category"], []).append(dict(report, left=report["available"]))
    care_of = {code: care for care, entry in CARE_NEEDS.items() for code in entry[2]}
    categories = sorted(code for code in rooms if code in care_of) or sorted(care_of)
    states, weights = list(STATE_WEIGHTS), list(STATE_WEIGHTS.values())
    holding = 0
    for start in range(0, requests, CHUNK):
        with store.transaction() as tx:
            for n in range(start, min(start + CHUNK, requests)):
                category = rng.choice(categories)
                final = rng.choices(states, weights)[0]
                registered = end - timedelta(minutes=rng.randrange(30, 72 * 60))
                place = None
                if final in ALLOCATED_STATES:
                    open_rooms = [r for r in rooms.get(category, []) if r["left"] > 0]
                    if open_rooms:
                        place = rng.choice(open_rooms)
                        place["left"] -= 1
                        holding += 1
                    else:
                        final = "in_behandeling"
                steps = (
                    list(PATH[: PATH.index(final) + 1])
                    if final in PATH
                    else [
                        "aangemeld",
                        "in_behandeling",
                        final,
                    ]
                )
                request_id = new_id()
                moment = registered
                offered_after = (
                    datetime.fromisoformat(place["reported_at"]) if place else registered
                )
                previous = None
                for step in steps:
                    if step == "plaats_aangeboden":
                        moment = max(moment, offered_after) + timedelta(minutes=1)
                    else:
                        moment = moment + timedelta(minutes=rng.randrange(1, 20))
                    moment = min(moment, end)
                    tx.put(
                        "placement_events",
                        new_id(),
                        {
                            "request_id": request_id,
                            "from_state": previous,
                            "to_state": step,
                            "at": moment.isoformat(timespec="seconds"),
                            "by": "Synthetische coördinator",
                            "location_id": place["location_id"]
                            if place and step in ALLOCATED_STATES
                            else None,
                            "category": category,
                            "reason": None,
                        },
                    )
                    previous = step
                closed = final in ("geplaatst", "geannuleerd", "opgeschaald")
                covid = (
                    "positief"
                    if category in COVID_POSITIVE_CATEGORIES
                    else rng.choice(("negatief", "onbekend"))
                )
                tx.put(
                    "placement_requests",
                    request_id,
                    {
                        "reference": f"SYN-{n + 1:06d}",
                        "age_band": rng.choice(list(AGE_BANDS)),
                        "covid_status": covid,
                        "care_need": care_of[category],
                        "category": category,
                        "urgency": rng.choice(list(URGENCIES)),
                        "oxygen": int(rng.random() < 0.3),
                        "hfno": 0,
                        "isolation": int(rng.random() < 0.2),
                        "transport": "ambulance",
                        "acp_no_ic": int(rng.random() < 0.2),
                        "acp_no_resuscitation": int(rng.random() < 0.3),
                        "acp_no_hospital": 0,
                        "state": final,
                        "state_at": moment.isoformat(timespec="seconds"),
                        "location_id": place["location_id"] if place else None,
                        "escalated_to": rng.choice(("rcps", "lcps"))
                        if final == "opgeschaald"
                        else None,
                        "registered_at": registered.isoformat(timespec="seconds"),
                        "closed_at": moment.isoformat(timespec="seconds") if closed else None,
                        "redacted": 0,
                    },
                )
    assert set(STATE_WEIGHTS) == set(STATES)
    return holding
