"""Urgency that shows: target waiting times, overdue requests first, one order everywhere."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from printouts.context import make_context
from printouts.render import render_sheet
from resilient_zcc.placements.matching import match
from resilient_zcc.placements.model import advance
from resilient_zcc.placements.queries import open_queue, queue, summary
from resilient_zcc.settings import set_setting
from resilient_zcc.store import Store

from .conftest import PASSPHRASE
from .pdfcheck import flat, text_of
from .placements_setup import BY, NOW, build_region, register
from .test_cli import run

HOUR = 3600


def _build_queue(store: Store) -> dict[str, str]:
    build_region(store)
    ids = {
        "normal_80h": register(
            store,
            "TW-1",
            urgency="normaal",
            care_need="elv",
            category="elv",
            covid_status="negatief",
            now=NOW - timedelta(hours=80),
        ),
        "acute_1h": register(store, "TW-2", urgency="acuut", now=NOW - timedelta(hours=1)),
        "acute_5h": register(store, "TW-3", urgency="acuut", now=NOW - timedelta(hours=5)),
        "high_2h": register(store, "TW-4", urgency="hoog", now=NOW - timedelta(hours=2)),
        "high_3h": register(store, "TW-5", urgency="hoog", now=NOW - timedelta(hours=3)),
        "closed": register(store, "TW-6", urgency="acuut", now=NOW - timedelta(hours=30)),
    }
    advance(
        store,
        ids["closed"],
        "geannuleerd",
        by=BY,
        now=NOW - timedelta(hours=29),
        reason="Lokaal opgelost (test)",
    )
    return ids


def _order(store: Store, ids: dict[str, str]) -> list[str]:
    names = {v: k for k, v in ids.items()}
    return [names[item.id] for item in queue(store, NOW)]


def test_overdue_first_then_most_urgent_then_longest_waiting(store: Store) -> None:
    ids = _build_queue(store)
    assert _order(store, ids) == [
        "acute_5h",
        "normal_80h",
        "acute_1h",
        "high_3h",
        "high_2h",
        "closed",
    ]
    items = {item.id: item for item in queue(store, NOW)}
    late = items[ids["acute_5h"]]
    assert (late.waiting_s, late.target_s, late.overdue, late.over_s) == (
        5 * HOUR,
        4 * HOUR,
        True,
        HOUR,
    )
    assert items[ids["normal_80h"]].target_s == 72 * HOUR and items[ids["normal_80h"]].overdue
    on_time = items[ids["acute_1h"]]
    assert (on_time.overdue, on_time.over_s, on_time.target_s) == (False, 0, 4 * HOUR)
    closed = items[ids["closed"]]
    assert not closed.overdue and closed.waiting_s == HOUR  # registration until cancelled
    assert [i.id for i in open_queue(store, NOW)] == [i.id for i in queue(store, NOW)][:5]


def test_changing_a_target_setting_changes_who_is_overdue(store: Store) -> None:
    ids = _build_queue(store)
    set_setting(store, "placements.target_minutes.acuut", 6 * 60)
    set_setting(store, "placements.target_minutes.normaal", 90 * 60)
    assert _order(store, ids) == [
        "acute_5h",
        "acute_1h",
        "high_3h",
        "high_2h",
        "normal_80h",
        "closed",
    ]
    assert not any(item.overdue for item in queue(store, NOW))
    set_setting(store, "placements.target_minutes.hoog", 150)
    assert _order(store, ids)[:2] == ["high_3h", "acute_5h"]  # only 'hoog' 3 h is past 2.5 h


def test_summary_counts_overdue_and_matches_the_most_urgent_seeking_request(
    store: Store,
) -> None:
    ids = _build_queue(store)
    result = summary(store, NOW)
    assert (result.open, result.overdue) == (5, 2)
    assert result.most_urgent is not None and result.most_urgent.id == ids["acute_5h"]
    top = match(store, ids["acute_5h"], NOW).candidates[0]
    assert top.suitable and result.best_match is not None
    assert (result.best_match.location_id, result.best_match.category) == (
        top.location_id,
        top.category,
    )
    # Once it holds a place it no longer seeks one: the next in queue order is asked about.
    advance(store, ids["acute_5h"], "in_behandeling", by=BY, now=NOW)
    advance(
        store,
        ids["acute_5h"],
        "plaats_aangeboden",
        by=BY,
        now=NOW,
        location_id=top.location_id,
        category=top.category,
    )
    after = summary(store, NOW)
    assert after.most_urgent is not None and after.most_urgent.id == ids["normal_80h"]
    assert after.overdue == 2  # still waiting for the patient to be placed


def test_summary_of_an_empty_queue(store: Store) -> None:
    result = summary(store, NOW)
    assert (result.open, result.overdue) == (0, 0)
    assert result.most_urgent is None and result.best_match is None


def test_a_target_outside_its_bounds_is_refused(store: Store) -> None:
    from resilient_zcc.errors import ValidationError

    with pytest.raises(ValidationError, match="between 15 and"):
        set_setting(store, "placements.target_minutes.acuut", 0)


def test_cli_list_json_is_the_core_queue_in_its_order(demo_profile: Path) -> None:
    result = run(demo_profile, "placements", "list", "--json")
    assert result.exit_code == 0, result.output
    listed = json.loads(result.output)
    with Store.open(demo_profile, PASSPHRASE) as store:
        core = queue(store, datetime.now(UTC))
    assert [r["id"] for r in listed] == [item.id for item in core]
    first = listed[0]
    assert first["overdue"] and first["urgency"] == "acuut"
    assert first["waiting_s"] > first["target_s"] == 4 * HOUR
    assert {"overdue", "waiting_s", "target_s", "over_s"} <= set(first)
    # the demo shows both: requests past their target and requests within it
    assert any(not r["overdue"] for r in listed if r["state"] in ("aangemeld", "in_behandeling"))
    text = run(demo_profile, "placements", "list").output
    assert "TE LAAT" in text and "Open aanvragen (" in text


def test_paper_list_prints_the_queue_order_overdue_first_and_marked(demo_profile: Path) -> None:
    with Store.open(demo_profile, PASSPHRASE) as store:
        ctx = make_context(store)
        expected = open_queue(store, ctx.now)
        text = flat("".join(text_of(render_sheet(ctx, "plaatsingen", {}).pdf)))
    assert expected[0].overdue and not expected[-1].overdue
    positions = [text.index(flat(item.reference or "")) for item in expected]
    assert positions == sorted(positions)
    late = sum(item.overdue for item in expected)
    assert f"Telaat:{late}van{len(expected)}openaanvragen." in text
    assert text.count("TELAAT") == late
    untried = sum(not item.local_route_tried for item in expected)
    assert untried and text.count("lokaleroutenietgeprobeerd") == untried
    # the old defect: an acute request printed after normal ones
    urgencies = [i.urgency for i in expected if not i.overdue]
    assert urgencies == sorted(urgencies, key=["acuut", "hoog", "normaal"].index)


@pytest.mark.parametrize("hours_later", [0, 3, 30, 100])
def test_the_summary_in_sql_says_what_the_queue_says(demo_profile: Path, hours_later: int) -> None:
    """`summary` counts and picks in SQL (start-up speed); it must equal the queue's answer."""
    now = datetime.now(UTC) + timedelta(hours=hours_later)
    with Store.open(demo_profile, PASSPHRASE) as store:
        items = open_queue(store, now)
        found = summary(store, now)
    seeking = [item for item in items if item.state in ("aangemeld", "in_behandeling")]
    assert found.open == len(items)
    assert found.overdue == sum(item.overdue for item in items)
    assert found.most_urgent == (seeking[0] if seeking else None)
