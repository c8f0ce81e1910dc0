"""Demo and synthetic capacity: realistic, valid, deterministic data."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from resilient_zcc.capacity.categories import CATEGORIES
from resilient_zcc.capacity.free_beds import capacity_picture
from resilient_zcc.capacity.queries import latest_reports, overdue_locations
from resilient_zcc.demo import load_demo_region
from resilient_zcc.demo.capacity import LOCATIONS
from resilient_zcc.demo.contacts import demo_id
from resilient_zcc.errors import ValidationError
from resilient_zcc.store import Store
from resilient_zcc.synthetic.capacity import generate_synthetic_capacity

from .helpers import new_store

NOW = datetime(2025, 3, 14, 10, 30, tzinfo=UTC)  # 11:30 in Amsterdam


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    store = new_store(tmp_path_factory.mktemp("capacity-demo") / "profile")
    load_demo_region(store, NOW)
    yield store
    store.close()


def test_demo_locations_belong_to_demo_organisations_with_fictional_addresses(
    demo: Store,
) -> None:
    rows = demo.query(
        "SELECT l.*, o.name AS org FROM locations l "
        "LEFT JOIN organisations o ON o.id = l.organisation_id WHERE l.deleted = 0"
    )
    assert len(rows) == len(LOCATIONS) >= 15
    assert {r["id"] for r in rows} == {demo_id("location", loc.key) for loc in LOCATIONS}
    assert all(r["org"] for r in rows), "every location's organisation exists"
    assert all(r["address"].endswith("(fictief)") for r in rows)
    names = {r["name"] for r in rows}
    assert {"MST Enschede", "ZGT Almelo", "ZGT Hengelo"} <= names
    region = demo.query_one("SELECT id FROM regions WHERE id = ?", (demo_id("region", "twente"),))
    expected_region = region["id"] if region else None
    assert {r["region_id"] for r in rows} == {expected_region}


@pytest.mark.parametrize("hours_later", [0, 24 * 9])  # some figures stale, then all
def test_the_dashboard_sums_equal_the_sums_over_every_location(
    demo: Store, hours_later: int
) -> None:
    now = NOW + timedelta(hours=hours_later)
    full = [g.as_dict() for g in capacity_picture(demo, now=now)]
    for group in full:
        rows = group["rows"]
        assert group["locations"] == len(rows)
        for key in ("total", "staffed", "occupied", "free", "held"):
            assert group[key] == sum(row[key] or 0 for row in rows)
        assert group["free_after_holds"] == sum(
            0 if row["overbezet"] else max(0, row["free_after_holds"]) for row in rows
        )
        assert group["stale"] == sum(row["stale"] for row in rows)
        assert group["oldest_age_s"] == max(row["age_s"] for row in rows)
    stale, figures = sum(g["stale"] for g in full), sum(g["locations"] for g in full)
    assert (0 < stale < figures) if hours_later == 0 else stale == figures


def test_demo_covers_every_builtin_category_with_valid_figures(demo: Store) -> None:
    groups = capacity_picture(demo, now=NOW)
    assert {g.category for g in groups} == set(CATEGORIES)
    vg = next(g for g in groups if g.category == "vg_cohort")
    assert vg.total == 15  # the supra-regional VG cohort
    reports = demo.query("SELECT * FROM capacity_reports")
    assert len(reports) > 150
    for r in reports:
        assert 0 <= r["available"] <= r["staffed"] - r["occupied"]
        assert 0 <= r["occupied"] <= r["staffed"] <= r["total"]
        assert r["reported_at"] <= NOW.isoformat()
    first = min(r["reported_at"] for r in reports)
    assert first >= (NOW - timedelta(days=7)).isoformat()


def test_demo_has_overdue_locations_two_or_more_days_late(demo: Store) -> None:
    late = overdue_locations(demo, now=NOW)
    stopped = {demo_id("location", loc.key) for loc in LOCATIONS if loc.stopped_days_ago}
    assert {r["location_id"] for r in late} == stopped
    assert len(stopped) >= 3
    assert all(r["late_minutes"] >= 24 * 60 for r in late)
    assert max(r["late_minutes"] for r in late) >= 3 * 24 * 60


def test_demo_mst_ic_figure_was_corrected_this_morning(demo: Store) -> None:
    [ic] = latest_reports(demo, location_id=demo_id("location", "mst"), category="ic")
    assert ic["report_id"] == demo_id("capacity_report", "mst:ic:0:correctie")
    assert ic["source"] == "telefoon"


def test_demo_is_deterministic(tmp_path: Path, demo: Store) -> None:
    with new_store(tmp_path / "again") as again:
        load_demo_region(again, NOW)
        sql = "SELECT id, occupied, available, reported_at FROM capacity_reports ORDER BY id"
        assert again.query(sql) == demo.query(sql)


def test_synthetic_capacity_is_valid_and_spread(store: Store) -> None:
    generate_synthetic_capacity(store, locations=40, reports=600, seed=3, now=NOW)
    counts = store.query_one(
        "SELECT (SELECT count(*) FROM locations) AS locations, "
        "(SELECT count(*) FROM capacity_reports) AS reports, "
        "(SELECT count(DISTINCT organisation_id) FROM locations) AS orgs"
    )
    assert counts == {"locations": 40, "reports": 600, "orgs": 40}
    for r in store.query("SELECT * FROM capacity_reports"):
        assert 0 <= r["available"] <= r["staffed"] - r["occupied"]
        assert 0 <= r["occupied"] <= r["staffed"] <= r["total"]
        assert r["category"] in CATEGORIES
        assert (NOW - timedelta(days=14)).isoformat() <= r["reported_at"] <= NOW.isoformat()
    groups = capacity_picture(store, now=NOW)
    assert sum(g.locations for g in groups) == len(latest_reports(store)) >= 40


def test_synthetic_capacity_refuses_no_locations(store: Store) -> None:
    with pytest.raises(ValidationError, match="a location or more"):
        generate_synthetic_capacity(store, locations=0)
