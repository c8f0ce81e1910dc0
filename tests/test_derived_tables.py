"""Derived tables (current capacity, held places) follow every write, local or merged."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from resilient_zcc import schema
from resilient_zcc.capacity.queries import latest_reports
from resilient_zcc.placements.matching import allocations
from resilient_zcc.store import Store

from .conftest import PASSPHRASE
from .helpers import new_store, sync
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
        store.conn.execute("DROP TABLE capacity_current")
        store.conn.execute("DROP TABLE placement_holds")
        for later in (  # what migrations after 4 made
            "networks",
            "network_members",
            "revocations",
            "invitations",
            "sync_peers",
            "imported_bundles",
            "purged_ranges",
            "network_keys",
        ):
            store.conn.execute(f"DROP TABLE {later}")
        store.conn.execute("PRAGMA user_version = 3")  # as before migration 4
    with Store.open(profile, PASSPHRASE) as store:
        assert schema.version(store.conn) == schema.LATEST
        assert (_current(store), allocations(store)) == before
        assert before[1] and before[0]
