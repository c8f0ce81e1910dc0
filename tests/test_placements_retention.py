"""Retention: patient data is removed (not hidden) from tables and change log after closing."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from resilient_zcc.errors import ValidationError
from resilient_zcc.placements.model import advance
from resilient_zcc.placements.retention import purge_closed
from resilient_zcc.settings import set_setting
from resilient_zcc.store import Store

from .helpers import new_store, sync
from .placements_setup import BY, NOW, build_region, offered, register

WISH = "Wil-naar-Kasteel-Oefenburg-bij-kleindochter"
LIMIT = "Geen-sondevoeding-Proefvlinder"
REASON = "Reden-met-Testpersoonlijke-details"


def _everywhere(store: Store, needle: str) -> list[str]:
    """Every table's every text value and every change payload that contains `needle`."""
    found = []
    tables = [r["name"] for r in store.query("SELECT name FROM sqlite_master WHERE type = 'table'")]
    for table in tables:
        columns = [r["name"] for r in store.query(f"PRAGMA table_info({table})")]
        for column in columns:
            rows = store.query(
                f"SELECT 1 FROM {table} WHERE CAST({column} AS TEXT) LIKE ? LIMIT 1",
                (f"%{needle}%",),
            )
            if rows:
                found.append(f"{table}.{column}")
    return found


def _closed_request(store: Store) -> str:
    region = build_region(store)
    request_id = offered(
        store,
        region.cohort,
        wishes=WISH,
        treatment_limits=LIMIT,
        current_location="Oefenstraat 12 (fictief)",
        referrer_contact="Huisarts Testman (fictief)",
        acp_no_resuscitation=True,
    )
    advance(
        store,
        request_id,
        "in_behandeling",
        by="Roessingh",
        now=NOW,
        reason=REASON,
        reason_code="anders",
    )
    advance(store, request_id, "geannuleerd", by=BY, now=NOW, reason="lokaal opgelost")
    return request_id


def test_purge_removes_patient_data_from_tables_and_log(store: Store) -> None:
    request_id = _closed_request(store)
    for needle in (WISH, LIMIT, REASON, "TW-2026-0001"):
        assert _everywhere(store, needle)  # present before: the check can fail
    assert purge_closed(store, NOW + timedelta(days=13)) == 0  # within the 14 days
    assert _everywhere(store, WISH)
    assert purge_closed(store, NOW + timedelta(days=14, minutes=1)) == 1
    for needle in (WISH, LIMIT, REASON, "TW-2026-0001", "Oefenstraat", "Testman"):
        assert _everywhere(store, needle) == [], needle
    row = store.query_one("SELECT * FROM placement_requests WHERE id = ?", (request_id,))
    assert row is not None and row["redacted"] == 1
    assert (row["care_need"], row["category"], row["urgency"], row["state"]) == (
        "vvt_herstel",
        "cohort_covid_pos",
        "hoog",
        "geannuleerd",
    )
    assert row["registered_at"] == "2026-03-02T00:00:00+00:00"
    assert row["age_band"] is None and row["acp_no_resuscitation"] is None
    # The events (who, when, why) go entirely: every copy removes them the same way.
    assert not store.query("SELECT 1 FROM placement_events WHERE request_id = ?", (request_id,))
    assert purge_closed(store, NOW + timedelta(days=30)) == 0  # once only
    # The WAL was checkpointed to nothing after the purge.
    wal = Path(f"{store.db_file}-wal")
    assert not wal.exists() or wal.stat().st_size == 0


def test_open_requests_are_kept_and_retention_is_a_setting(store: Store) -> None:
    request_id = _closed_request(store)
    open_id = register(store, "TW-2026-0002", wishes=WISH)
    set_setting(store, "placements.retention_days", 2)
    with pytest.raises(ValidationError, match="between 1 and 365"):
        set_setting(store, "placements.retention_days", 0)
    assert purge_closed(store, NOW + timedelta(days=2, minutes=1)) == 1
    assert store.query_one("SELECT wishes FROM placement_requests WHERE id = ?", (open_id,)) == {
        "wishes": WISH
    }
    assert store.query_one(
        "SELECT redacted FROM placement_requests WHERE id = ?", (request_id,)
    ) == {"redacted": 1}


def test_old_values_arriving_from_a_peer_later_are_scrubbed_too(tmp_path: Path) -> None:
    a = new_store(tmp_path / "a", "laptop A")
    b = new_store(tmp_path / "b", "laptop B")
    with a, b:
        _closed_request(a)
        sync(a, b)
        assert purge_closed(b, NOW + timedelta(days=15)) == 1
        assert _everywhere(b, WISH) == []
        sync(b, a)  # a receives the redaction; its own log still holds the old values
        assert _everywhere(a, WISH)
        assert purge_closed(a, NOW + timedelta(days=15)) == 0  # already redacted ...
        assert _everywhere(a, WISH) == []  # ... but its log is scrubbed all the same
        assert _everywhere(a, REASON) == []
