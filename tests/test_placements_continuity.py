"""Matching knows the outage: no patient to a place without power or being evacuated, and a
place about to run out of power is named before anyone is sent."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from resilient_zcc.continuity.model import report_continuity
from resilient_zcc.i18n import set_language
from resilient_zcc.placements.matching import match
from resilient_zcc.placements.queries import summary
from resilient_zcc.store import Store

from .conftest import PASSPHRASE


def _top(store: Store, request_id: str, now: datetime) -> str:
    return match(store, request_id, now).candidates[0].location_id


def test_power_and_evacuation_decide_where_a_patient_may_go(demo_profile: Path) -> None:
    set_language("nl")
    now = datetime.now(UTC)
    with Store.open(demo_profile, PASSPHRASE) as store:
        urgent = summary(store, now).most_urgent
        assert urgent is not None
        first = match(store, urgent.id, now).candidates[0]
        assert first.suitable
        place = first.location_id
        # Mains again at the first choice: still first, no continuity reason.
        report_continuity(store, place, power="net", now=now)  # each report a minute later
        assert _top(store, urgent.id, now) == place
        # Six hours on a generator: still suitable, but the coordinator is told to call.
        now += timedelta(minutes=1)
        report_continuity(store, place, power="aggregaat", autonomy_hours=6, now=now)
        again = next(c for c in match(store, urgent.id, now).candidates if c.location_id == place)
        assert again.suitable
        assert any("6.0 u stroomautonomie" in w for w in again.warnings)
        # No power: unsuitable, with the reason in words; the summary points elsewhere.
        now += timedelta(minutes=1)
        report_continuity(store, place, power="geen", now=now)
        dark = next(c for c in match(store, urgent.id, now).candidates if c.location_id == place)
        assert not dark.suitable
        assert "de locatie heeft geen stroom meer" in dark.failures()
        best = summary(store, now).best_match
        assert best is None or best.location_id != place
        # Evacuating, on mains: unsuitable too.
        now += timedelta(minutes=1)
        report_continuity(store, place, power="net", evacuation="voorbereiding", now=now)
        leaving = next(c for c in match(store, urgent.id, now).candidates if c.location_id == place)
        assert not leaving.suitable
