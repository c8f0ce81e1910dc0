"""Modules of measures: the catalogue, what applies per phase, binding flags, switching."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from resilient_zcc.crisis.common import NAMESPACE
from resilient_zcc.crisis.measures import (
    MEASURES,
    active_measures,
    applicable_measures,
    deviations,
    ensure_measures,
    region_measure_id,
    set_measure_active,
)
from resilient_zcc.crisis.phases import set_phase
from resilient_zcc.crisis.regions import add_region
from resilient_zcc.errors import ValidationError
from resilient_zcc.store import Store

from .helpers import new_store

NOW = datetime(2025, 3, 14, 10, 30, tzinfo=UTC)
PHASE_1 = {"1", "2", "3", "4A", "7", "B"}
FROM_2A = {"4B", "5", "6", "8", "A"}


def _phase(store: Store, region_id: str, phase: str, hours: int, national: bool = False) -> None:
    set_phase(
        store,
        region_id,
        phase,
        "Minister voor MZS" if national else "Bestuurlijk ROAZ",
        "",
        "beeld",
        "",
        NOW + timedelta(hours=hours),
        "Logger",
        national=national,
        national_source="Kamerbrief (test)" if national else "",
        national_date="2025-03-14" if national else "",
    )


def test_catalogue_is_seeded_once_with_the_same_ids_everywhere(
    store: Store, tmp_path: Path
) -> None:
    assert ensure_measures(store) == len(MEASURES) == 11
    assert ensure_measures(store) == 0
    rows = store.query("SELECT id, code FROM measures ORDER BY code")
    assert {r["code"] for r in rows} == PHASE_1 | FROM_2A
    for row in rows:
        assert row["id"] == str(uuid.uuid5(NAMESPACE, f"measure|{row['code']}"))
    with new_store(tmp_path / "other") as other:
        ensure_measures(other)
        assert other.query("SELECT id, code FROM measures ORDER BY code") == rows


def test_a_changed_catalogue_row_is_put_back(store: Store) -> None:
    ensure_measures(store)
    with store.transaction() as tx:
        tx.put("measures", MEASURES[4].id, {"applies_from": "1a"})
    assert ensure_measures(store) == 1
    row = store.query_one("SELECT applies_from FROM measures WHERE id = ?", (MEASURES[4].id,))
    assert row == {"applies_from": "2a"}


def test_applicable_measures_follow_the_phase_with_binding_flags(store: Store) -> None:
    region_id = add_region(store, "ROAZ-regio Test", "roaz")
    first = applicable_measures(store, region_id)
    assert {m["code"] for m in first} == PHASE_1
    assert not any(m["binding"] for m in first)
    _phase(store, region_id, "1b", 1)
    assert {m["code"] for m in applicable_measures(store, region_id)} == PHASE_1
    _phase(store, region_id, "2a", 2)
    second = applicable_measures(store, region_id)
    assert {m["code"] for m in second} == PHASE_1 | FROM_2A
    assert not any(m["binding"] for m in second)
    _phase(store, region_id, "2c", 3, national=True)
    binding = {m["code"] for m in applicable_measures(store, region_id) if m["binding"]}
    assert binding == {"5", "6", "8", "A"}
    _phase(store, region_id, "3", 4, national=True)
    assert {m["code"] for m in applicable_measures(store, region_id) if m["binding"]} == binding
    # A safety region reads the phase of its ROAZ region.
    vr = add_region(store, "VR Test", "veiligheidsregio", parent_id=region_id)
    assert len(applicable_measures(store, vr)) == len(MEASURES)


def test_switching_a_measure_writes_region_measure_and_log_entry(store: Store) -> None:
    region_id = add_region(store, "ROAZ-regio Test", "roaz")
    entry_id = set_measure_active(store, region_id, "1", True, "Bestuurlijk ROAZ", NOW, "Logger")
    row_id = region_measure_id(region_id, MEASURES[0].id)
    row = store.query_one("SELECT * FROM region_measures WHERE id = ?", (row_id,))
    assert row is not None
    assert (row["active"], row["since"], row["entry_id"]) == (
        1,
        "2025-03-14T10:30:00+00:00",
        entry_id,
    )
    entry = store.query_one(
        "SELECT kind, text, decided_by FROM log_entries WHERE id = ?", (entry_id,)
    )
    assert entry is not None
    assert entry["kind"] == "maatregel" and "Zuurstof" in entry["text"]
    assert entry["decided_by"] == "Bestuurlijk ROAZ"
    assert [m["code"] for m in active_measures(store, region_id)] == ["1"]
    set_measure_active(store, region_id, "1", False, "Bestuurlijk ROAZ", NOW, "Logger")
    assert active_measures(store, region_id) == []
    assert store.query_one("SELECT count(*) AS n FROM region_measures") == {"n": 1}


@pytest.mark.parametrize(
    ("code", "active", "decided_by", "message"),
    [
        ("9", True, "ROAZ", "Unknown measure '9'. Allowed: 1, 2, 3, 4A, 4B, 5, 6, 7, 8, A, B"),
        ("5", True, "ROAZ", "applies from phase 2a; 'ROAZ-regio Test' is in phase 1a"),
        ("1", True, "", "decided_by"),
        ("2", False, "ROAZ", "already inactive"),
    ],
)
def test_bad_switches_are_refused_and_store_nothing(
    store: Store, code: str, active: bool, decided_by: str, message: str
) -> None:
    region_id = add_region(store, "ROAZ-regio Test", "roaz")
    with pytest.raises(ValidationError, match=message):
        set_measure_active(store, region_id, code, active, decided_by, NOW, "Logger")
    assert store.query("SELECT id FROM region_measures") == []
    assert store.query("SELECT id FROM log_entries") == []


def test_switching_on_twice_is_refused_and_a_dropped_phase_is_flagged(store: Store) -> None:
    region_id = add_region(store, "ROAZ-regio Test", "roaz")
    _phase(store, region_id, "2a", 1)
    set_measure_active(store, region_id, "5", True, "ROAZ", NOW + timedelta(hours=2), "Logger")
    with pytest.raises(ValidationError, match="already active"):
        set_measure_active(store, region_id, "5", True, "ROAZ", NOW, "Logger")
    _phase(store, region_id, "1b", 3)
    (pacu,) = active_measures(store, region_id)
    assert pacu["code"] == "5" and pacu["applicable"] is False
    assert "5" not in {m["code"] for m in applicable_measures(store, region_id)}


def test_a_binding_measure_is_switched_off_only_with_a_reason_and_shows_as_deviation(
    store: Store,
) -> None:
    region_id = add_region(store, "ROAZ-regio Test", "roaz")
    _phase(store, region_id, "2a", 1)
    set_measure_active(
        store, region_id, "5", True, "Bestuurlijk ROAZ", NOW + timedelta(hours=2), "L"
    )
    # In 2a measure 5 is not binding yet: off without a word is fine.
    set_measure_active(
        store, region_id, "5", False, "Bestuurlijk ROAZ", NOW + timedelta(hours=3), "L"
    )
    set_measure_active(
        store, region_id, "5", True, "Bestuurlijk ROAZ", NOW + timedelta(hours=4), "L"
    )
    _phase(store, region_id, "2c", 5, national=True)
    assert deviations(store, region_id) and "5" not in {
        m["code"] for m in deviations(store, region_id)
    }
    later = NOW + timedelta(hours=6)
    with pytest.raises(ValidationError, match="binding from phase 2c.*needs a reason"):
        set_measure_active(store, region_id, "5", False, "Bestuurlijk ROAZ", later, "L")
    assert active_measures(store, region_id)[0]["code"] == "5"
    set_measure_active(
        store, region_id, "5", False, "Bestuurlijk ROAZ", later, "L", "Geen OK-personeel vrij"
    )
    shown = {m["code"]: m for m in deviations(store, region_id)}
    assert shown["5"]["reason"] == "Geen OK-personeel vrij" and shown["5"]["binding"]
    # Binding measures never switched on are deviations too, without a reason.
    assert shown["8"]["reason"] is None
    assert set(shown) == {"5", "6", "8", "A"}
