"""The region's outage and the continuity of its locations: rules, bad input, the picture."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from resilient_zcc.continuity.model import report_continuity
from resilient_zcc.continuity.picture import outage_picture
from resilient_zcc.continuity.queries import continuity_overview, continuity_timeline
from resilient_zcc.crisis.logbook import list_entries
from resilient_zcc.crisis.outage import active_outages, declare_outage, end_outage
from resilient_zcc.errors import NotFound, ValidationError
from resilient_zcc.settings import set_setting
from resilient_zcc.store import Store

from .helpers import new_store, sync, sync_both
from .outage_setup import NOW, build_place


def _count(store: Store, table: str) -> int:
    row = store.query_one(f"SELECT count(*) AS n FROM {table}")
    assert row is not None
    return int(row["n"])


def _declare(store: Store, region: str, **kwargs: object) -> str:
    values: dict[str, object] = {
        "decided_by": "DPG Twente",
        "recorded_by": "ZCC",
        "now": NOW,
        "area": "Enschede, Hengelo",
        "started_at": NOW - timedelta(hours=6),
    }
    values.update(kwargs)
    return declare_outage(store, region, "stroom", **values)  # type: ignore[arg-type]


def test_an_outage_is_declared_and_ended_as_logged_decisions(store: Store) -> None:
    place = build_place(store)
    outage_id = _declare(store, place.region, expected_end=NOW + timedelta(hours=30))
    [outage] = active_outages(store, place.region)
    assert outage.id == outage_id and outage.municipalities == ("Enschede", "Hengelo")
    assert outage.active and outage.decided_by == "DPG Twente"
    with pytest.raises(ValidationError, match="already declared"):
        _declare(store, place.region, area="enschede,  hengelo")
    end_outage(store, outage_id, decided_by="DPG Twente", recorded_by="ZCC", now=NOW)
    assert active_outages(store) == ()
    with pytest.raises(ValidationError, match="ended already"):
        end_outage(store, outage_id, decided_by="DPG Twente", recorded_by="ZCC", now=NOW)
    kinds = [e["kind"] for e in list_entries(store, place.region)]
    assert kinds == ["uitval", "uitval"]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"decided_by": " "}, "who decided"),
        ({"started_at": NOW + timedelta(hours=1)}, "lies in the future"),
        ({"expected_end": NOW - timedelta(hours=7)}, "must lie after the start"),
    ],
)
def test_bad_outage_input_is_refused_and_nothing_stored(
    store: Store, kwargs: dict[str, object], message: str
) -> None:
    place = build_place(store)
    before = _count(store, "changes")
    with pytest.raises(ValidationError, match=message):
        _declare(store, place.region, **kwargs)
    with pytest.raises(ValidationError, match="Unknown kind of outage"):
        declare_outage(store, place.region, "zonnestorm", decided_by="x", recorded_by="x", now=NOW)
    with pytest.raises(NotFound):
        end_outage(store, "no-such-outage", decided_by="x", recorded_by="x", now=NOW)
    assert _count(store, "changes") == before


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"power": "aggregaat", "autonomy_hours": -1}, "cannot be negative"),
        ({"power": "aggregaat", "autonomy_hours": float("nan")}, "cannot be negative"),
        ({"power": "aggregaat", "autonomy_hours": 10_000}, "more than a month"),
        ({"power": "aggregaat"}, "give the hours of autonomy left"),
        ({"power": "ups", "autonomy_hours": "veel"}, "must be a number"),
        ({"power": "windmolen", "autonomy_hours": 3}, "Unknown power source"),
        ({"power": "net", "down": "epd,teleportatie"}, "Unknown service 'teleportatie'"),
        ({"power": "net", "care_scaled": "half"}, "Unknown care scale-down"),
        ({"power": "net", "evacuation": "misschien"}, "Unknown evacuation state"),
        ({"power": "net", "source": "duif"}, "Unknown source"),
        ({"power": "net", "reported_at": NOW + timedelta(hours=1)}, "lies in the future"),
    ],
)
def test_bad_continuity_input_is_refused_and_nothing_stored(
    store: Store, kwargs: dict[str, object], message: str
) -> None:
    place = build_place(store)
    before = _count(store, "continuity_reports")
    with pytest.raises(ValidationError, match=message):
        report_continuity(store, place.hospital, now=NOW, **kwargs)  # type: ignore[arg-type]
    with pytest.raises(NotFound):
        report_continuity(store, "no-such-location", power="net", now=NOW)
    assert _count(store, "continuity_reports") == before
    assert _count(store, "continuity_current") == 0


def test_the_newest_report_is_current_and_hours_left_run_down(store: Store) -> None:
    place = build_place(store)
    first = report_continuity(store, place.hospital, power="aggregaat", autonomy_hours=30,
                              now=NOW, reported_at=NOW - timedelta(hours=5))  # fmt: skip
    second = report_continuity(store, place.hospital, power="aggregaat", autonomy_hours=20,
                               down="telefonie,epd", now=NOW,
                               reported_at=NOW - timedelta(hours=2))  # fmt: skip
    # A paper form typed in late: older, so not current.
    report_continuity(store, place.hospital, power="net", now=NOW,
                      reported_at=NOW - timedelta(hours=8))  # fmt: skip
    overview = continuity_overview(store, now=NOW)
    [figure] = overview.figures
    assert figure.report.report_id == second
    assert figure.report.down == ("epd", "telefonie")  # the form's order
    assert figure.hours_left == 18.0 and not figure.below_threshold
    assert figure.phone == "+31531234999"
    later = continuity_overview(store, now=NOW + timedelta(hours=9))
    assert later.figures[0].hours_left == 9.0 and later.figures[0].below_threshold
    assert continuity_overview(store, now=NOW + timedelta(hours=40)).figures[0].hours_left == 0
    timeline = continuity_timeline(store, place.hospital)
    assert [r.report_id for r in timeline][1:] == [first, second]
    with pytest.raises(ValidationError, match="never changed"), store.transaction() as tx:
        tx.put("continuity_reports", first, {"autonomy_hours": 99.0})


def test_mains_keeps_no_hours_and_no_power_means_none_left(store: Store) -> None:
    place = build_place(store)
    report_continuity(store, place.hospital, power="net", autonomy_hours=5, now=NOW)
    report_continuity(store, place.care_home, power="geen", now=NOW)
    figures = {f.location_id: f for f in continuity_overview(store, now=NOW).figures}
    assert figures[place.hospital].hours_left is None
    assert figures[place.care_home].hours_left == 0 and figures[place.care_home].below_threshold
    # Least autonomy first, mains last.
    assert [f.location_id for f in continuity_overview(store, now=NOW).figures] == [
        place.care_home,
        place.hospital,
    ]


def test_the_threshold_is_a_region_setting(store: Store) -> None:
    place = build_place(store)
    report_continuity(store, place.hospital, power="aggregaat", autonomy_hours=20, now=NOW)
    assert not continuity_overview(store, now=NOW).below_threshold
    set_setting(store, "continuity.autonomy_threshold_hours", 24)
    overview = continuity_overview(store, now=NOW)
    assert overview.threshold_hours == 24 and len(overview.below_threshold) == 1


def test_an_outage_tightens_staleness_and_names_who_was_not_heard_from(store: Store) -> None:
    place = build_place(store)
    report_continuity(store, place.hospital, power="net", now=NOW,
                      reported_at=NOW - timedelta(hours=10))  # fmt: skip
    report_continuity(store, place.care_home, power="aggregaat", autonomy_hours=40, now=NOW,
                      reported_at=NOW - timedelta(hours=5))  # fmt: skip
    quiet = continuity_overview(store, now=NOW)
    assert quiet.outages == () and quiet.not_heard_from == ()
    assert not any(f.stale for f in quiet.figures)  # 24 h without an outage
    _declare(store, place.region)  # began 6 hours ago, in Enschede and Hengelo
    during = continuity_overview(store, now=NOW, region_id=place.region)
    assert during.stale_after_hours == 4
    assert all(f.stale for f in during.figures)
    # The hospital reported before the outage began, the depot never; Oldenzaal is outside.
    assert {s.location_id for s in during.not_heard_from} == {place.hospital, place.depot}
    picture = outage_picture(store, now=NOW, region_id=place.region)
    assert picture.active and picture.not_heard_from == during.not_heard_from


def test_the_current_figure_is_the_same_on_both_devices_after_a_merge(tmp_path: Path) -> None:
    a = new_store(tmp_path / "a", "laptop A")
    b = new_store(tmp_path / "b", "laptop B")
    with a, b:
        place = build_place(a)
        sync(a, b)
        report_continuity(b, place.hospital, power="aggregaat", autonomy_hours=12, now=NOW,
                          reported_at=NOW - timedelta(minutes=30))  # fmt: skip
        report_continuity(a, place.hospital, power="aggregaat", autonomy_hours=8, now=NOW,
                          reported_at=NOW - timedelta(hours=1))  # fmt: skip
        sync_both(a, b)
        for store in (a, b):
            [figure] = continuity_overview(store, now=NOW).figures
            assert figure.report.autonomy_hours == 12
        assert len(continuity_timeline(a, place.hospital)) == 2
