"""The demo region Twente: real organisation names; every person, number and address invented.

The load is deterministic (fixed seeds, ids derived with uuid5), so two devices that each
loaded the demo merge instead of duplicating.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from ..errors import ValidationError
from .capacity import load_capacity
from .contacts import (
    FIRST_NAMES,
    REGIONAL_FUNCTIONS,
    SURNAMES,
    DemoSummary,
    load_contacts,
    shift_bounds,
)
from .crisis import load_crisis
from .outage import load_outage
from .placements import load_placements

if TYPE_CHECKING:
    from ..store import Store

# Each domain adds its demo data after the directory, in this order, in the same transaction.
LOADERS: list[Callable[[Store, datetime], None]] = []
LOADERS.append(load_crisis)  # first: the other domains refer to its region
LOADERS.append(load_capacity)  # after the crisis structure (regions) if that loads
LOADERS.append(load_placements)  # after capacity: offers are matched against its reports
LOADERS.append(load_outage)  # after capacity: reports and stocks are of its locations


def load_demo_region(store: Store, now: datetime) -> DemoSummary:
    """Fill a fresh profile with the demo region Twente; refuses a profile with data."""
    if now.tzinfo is None:
        raise ValidationError("The moment the demo is loaded at needs a time zone.")
    existing = store.query_one("SELECT count(*) AS n FROM organisations")
    if existing and existing["n"]:
        raise ValidationError(
            "This profile already holds {n} organisation(s); the demo region "
            "is only loaded into an empty profile. Create a new profile for the demo.",
            n=existing["n"],
        )
    with store.transaction():  # one transaction: the model's writes join it
        summary = load_contacts(store, now)
        for load in LOADERS:
            load(store, now)
    return summary


__all__ = [
    "FIRST_NAMES",
    "LOADERS",
    "REGIONAL_FUNCTIONS",
    "SURNAMES",
    "DemoSummary",
    "load_demo_region",
    "shift_bounds",
]
