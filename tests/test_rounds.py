"""Call rounds on the demo region: start, work from two laptops, sync, close into the logbook."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from resilient_zcc.capacity.model import add_location
from resilient_zcc.contacts.model import add_function
from resilient_zcc.continuity.queries import continuity_overview
from resilient_zcc.errors import NotFound, ValidationError
from resilient_zcc.rounds import model
from resilient_zcc.rounds.queries import round_summaries, round_view
from resilient_zcc.rounds.vocabulary import State
from resilient_zcc.store import Store

from .helpers import PASSPHRASE, new_store, sync, sync_both

NOW = datetime(2026, 12, 3, 14, 0, tzinfo=UTC)


def test_a_round_to_all_crisis_coordinators_resolves_each_to_a_holder(demo_profile: Path) -> None:
    with Store.open(demo_profile, PASSPHRASE) as store:
        count = len(model.group_functions(store, "crisiscoordinatoren"))
        round_id = model.start_round(
            store,
            "Stroomuitval Enschede: meld uw uren autonomie",
            ask="Hoeveel uur autonomie heeft u nog?",
            figure="autonomy_hours",
            groups=["crisiscoordinatoren"],
            now=NOW,
            started_by="ZCC Twente",
        )
        view = round_view(store, round_id)
        assert view.number == 1 and len(view.recipients) == count > 20
        for r in view.recipients:  # a holder, or several when no rota decides, or flagged
            assert (r.cover == "nobody") == (r.name == "")
            assert (" / " in r.name) == (r.cover == "unclear")
        assert {"single", "unclear", "nobody"} <= {r.cover for r in view.recipients}
        assert all(r.channels for r in view.recipients if r.cover != "nobody")
        assert all(r.function == "Crisiscoördinator" for r in view.recipients)
        assert {r.state for r in view.recipients} == {State.OPEN}


def test_a_function_nobody_holds_is_flagged_not_dropped(demo_profile: Path) -> None:
    with Store.open(demo_profile, PASSPHRASE) as store:
        empty = add_function(store, "Crisiscoördinator", "crisiscoordinator", None, "vacature")
        round_id = model.start_round(
            store, "Test", function_ids=[empty], now=NOW, started_by="ZCC Twente"
        )
        [recipient] = round_view(store, round_id).recipients
        assert recipient.cover == "nobody" and recipient.name == ""
        assert "niemand" in recipient.who


def test_a_round_with_no_recipients_is_refused(store: Store) -> None:
    from resilient_zcc.crisis.regions import add_region

    add_region(store, "Twente", "roaz")
    with pytest.raises(ValidationError, match="A round needs recipients"):
        model.start_round(store, "Test", groups=["zcc"], now=NOW, started_by="ZCC")
    with pytest.raises(ValidationError, match="Unknown recipient group"):
        model.start_round(store, "Test", groups=["iedereen"], now=NOW, started_by="ZCC")
    with pytest.raises(NotFound, match="No function with id"):
        model.start_round(store, "Test", function_ids=["nope"], now=NOW, started_by="ZCC")
    assert round_summaries(store) == ()


def test_an_unknown_recipient_and_a_mark_on_a_closed_round_are_refused(
    demo_profile: Path,
) -> None:
    with Store.open(demo_profile, PASSPHRASE) as store:
        round_id = model.start_round(
            store, "Test", groups=["zcc"], now=NOW, started_by="ZCC Twente"
        )
        with pytest.raises(ValidationError, match="has no recipient '99'"):
            model.mark(store, round_id, "99", reached=True, channel="mobile", by="A", now=NOW)
        with pytest.raises(ValidationError, match="by which channel"):
            model.mark(store, round_id, "1", reached=True, by="A", now=NOW)
        model.close_round(store, round_id, by="ZCC Twente", now=NOW)
        with pytest.raises(ValidationError, match="was closed"):
            model.mark(store, "1", "1", reached=True, channel="mobile", by="A", now=NOW)
        assert all(not r.marks for r in round_view(store, round_id).recipients)


def test_two_laptops_work_one_round_and_agree_after_sync(
    demo_profile: Path, tmp_path: Path
) -> None:
    with Store.open(demo_profile, PASSPHRASE) as a, new_store(tmp_path / "b", "laptop B") as b:
        round_id = model.start_round(a, "Test", groups=["zcc"], now=NOW, started_by="Coördinator A")
        sync(a, b)
        later = NOW + timedelta(minutes=5)
        model.take(a, round_id, "1", by="Coördinator A", now=NOW)
        model.mark(a, round_id, "1", reached=True, channel="mobile", by="Coördinator A", now=later)
        model.take(b, "1", "2", by="Coördinator B", now=NOW)
        model.mark(
            b,
            "1",
            "3",
            reached=False,
            next_step="loper",
            retry_at=later + timedelta(minutes=30),
            by="Coördinator B",
            now=later,
        )
        # Both reached recipient 1 while cut off: both marks stay.
        model.mark(
            b,
            "1",
            "1",
            reached=True,
            channel="satellite",
            by="Coördinator B",
            now=later + timedelta(minutes=1),
        )
        sync_both(a, b)
        va, vb = round_view(a, round_id), round_view(b, round_id)
        assert va == vb
        first, second, third = va.recipients[:3]
        assert first.state is State.REACHED and len(first.marks) == 3
        assert [m.channel for m in first.marks if m.outcome == "bereikt"] == ["mobile", "satellite"]
        assert second.state is State.TAKEN and second.taken_by == ("Coördinator B",)
        assert third.state is State.NOT_REACHED and third.last_failure is not None
        assert third.last_failure.next_step == "loper"
        assert len({m.device_id for m in first.marks}) == 2


def test_closing_writes_the_summary_into_the_logbook(demo_profile: Path) -> None:
    with Store.open(demo_profile, PASSPHRASE) as store:
        round_id = model.start_round(store, "Test", groups=["zcc"], now=NOW, started_by="ZCC")
        model.mark(store, round_id, "1", reached=True, channel="mobile", by="A", now=NOW)
        total = len(round_view(store, round_id).recipients)
        entry_id = model.close_round(store, round_id, by="ZCC", now=NOW)
        entry = store.query_one("SELECT kind, text FROM log_entries WHERE id = ?", (entry_id,))
        assert entry is not None and entry["kind"] == "belronde"
        assert f"1 van {total} bereikt" in entry["text"]
        [summary] = round_summaries(store)
        assert (summary.reached, summary.total, summary.closed_at) == (1, total, NOW.isoformat())
        assert len(summary.not_reached) == total - 1
        assert summary.not_reached[0] in entry["text"]
        with pytest.raises(ValidationError, match="was closed"):
            model.close_round(store, round_id, by="ZCC", now=NOW)


def test_hours_of_autonomy_go_into_the_continuity_status(demo_profile: Path) -> None:
    with Store.open(demo_profile, PASSPHRASE) as store:
        round_id = model.start_round(
            store,
            "Uren autonomie?",
            figure="autonomy_hours",
            groups=["vvt"],
            now=NOW,
            started_by="ZCC",
        )
        recipient = round_view(store, round_id).recipients[0]
        org = store.query_one(
            "SELECT organisation_id FROM functions WHERE id = ?", (recipient.function_id,)
        )
        assert org is not None
        location = add_location(store, org["organisation_id"], "Proeflocatie Belronde")
        model.mark(
            store,
            round_id,
            "1",
            reached=True,
            channel="satellite",
            figure=5,
            answer="Aggregaat loopt",
            continuity_location=location,
            by="ZCC",
            now=NOW,
        )
        [figure] = [
            f for f in continuity_overview(store, now=NOW).figures if f.location_id == location
        ]
        assert figure.hours_left == 5 and figure.report.source == "telefoon"
        [m] = round_view(store, round_id).recipients[0].marks
        assert m.figure == 5 and m.report_id


def test_two_rounds_numbered_alike_while_apart_are_named_by_id(
    demo_profile: Path, tmp_path: Path
) -> None:
    with Store.open(demo_profile, PASSPHRASE) as a, new_store(tmp_path / "b", "laptop B") as b:
        sync(a, b)
        first = model.start_round(a, "Van A", groups=["zcc"], now=NOW, started_by="A")
        second = model.start_round(b, "Van B", groups=["zcc"], now=NOW, started_by="B")
        sync_both(a, b)
        with pytest.raises(ValidationError, match="Round 1 exists 2 times"):
            round_view(a, "1")
        assert round_view(a, first[:8]).message == "Van A"
        assert round_view(b, second).message == "Van B"
        assert model.start_round(a, "Derde", groups=["zcc"], now=NOW, started_by="A")
        assert [s.number for s in round_summaries(a)].count(2) == 1
