"""Derived tables (current capacity, held places) follow every write, local or merged."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from resilient_zcc import schema
from resilient_zcc.capacity.queries import latest_reports
from resilient_zcc.placements.matching import allocations
from resilient_zcc.store import Store

from .conftest import PASSPHRASE
from .helpers import new_store, sync, wind_back
from .placements_setup import REPORTED, build_region, offered, report


def _current(store: Store) -> dict[tuple[str, str], int]:
    return {(r["location_id"], r["category"]): r["available"] for r in latest_reports(store)}


def test_newest_report_wins_whatever_order_reports_arrive_in(tmp_path: Path) -> None:
    with new_store(tmp_path / "a") as a, new_store(tmp_path / "b") as b:
        region = build_region(a)
        sync(a, b)
        report(b, region.elv, "elv", 7, at=REPORTED + timedelta(hours=1))  # newer, made on b
        report(a, region.elv, "elv", 1, at=REPORTED + timedelta(minutes=30))  # older, on a
        sync(a, b)
        sync(b, a)
        assert _current(a) == _current(b)
        assert _current(a)[(region.elv, "elv")] == 7


def test_a_transaction_reads_its_own_writes(store: Store) -> None:
    with store.transaction():
        region = build_region(store, cohort_free=1)
        assert _current(store)[(region.cohort, "cohort_covid_pos")] == 1
        request = offered(store, region.cohort)  # the offer re-checks free capacity
        assert [a["request_id"] for a in allocations(store)] == [request]


def test_migration_4_backfills_the_derived_tables(profile: Path) -> None:
    with Store.open(profile, PASSPHRASE) as store:
        region = build_region(store)
        offered(store, region.cohort)
        before = (_current(store), allocations(store))
        wind_back(store.conn, 3)  # as before migration 4
    with Store.open(profile, PASSPHRASE) as store:
        assert schema.version(store.conn) == schema.LATEST
        assert (_current(store), allocations(store)) == before
        assert before[1] and before[0]


def test_migration_5_copies_the_current_figures_and_adds_the_start_up_indexes(
    profile: Path,
) -> None:
    with Store.open(profile, PASSPHRASE) as store:
        region = build_region(store)
        report(store, region.elv, "elv", 4, at=REPORTED + timedelta(hours=1))
        before = latest_reports(store)
        # Back to schema 4: its capacity_current held only the report id.
        wind_back(store.conn, 3)
        schema.migrate(store.conn, target=4)
        columns = {r[1] for r in store.conn.execute("PRAGMA table_info(capacity_current)")}
        assert columns == {"location_id", "category", "report_id"}
    with Store.open(profile, PASSPHRASE) as store:
        assert schema.version(store.conn) == schema.LATEST
        assert latest_reports(store) == before
        assert _current(store)[(region.elv, "elv")] == 4
        indexes = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master")}
        assert {"reports_by_time", "people_by_verified"} <= indexes
