"""What was printed, on which data version, and exactly what changed since."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from printouts.context import make_context
from printouts.render import print_to_file
from resilient_zcc.capacity.queries import latest_reports
from resilient_zcc.cli import main
from resilient_zcc.contacts.model import update_person, verify_person
from resilient_zcc.placements.model import check_reference
from resilient_zcc.printlog import (
    data_version,
    form_blocks,
    form_prefix,
    print_status,
    reserve_form_numbers,
)
from resilient_zcc.store import Store

from .conftest import PASSPHRASE
from .helpers import new_store, sync

pytestmark = pytest.mark.timeout(120)


@pytest.fixture
def demo(demo_profile: Path) -> Iterator[Store]:
    with Store.open(demo_profile, PASSPHRASE) as store:
        yield store


def _people(store: Store, n: int) -> list[str]:
    return [r["id"] for r in store.query("SELECT id FROM people ORDER BY id LIMIT ?", (n,))]


def test_status_reports_exactly_the_changed_items(demo: Store, tmp_path: Path) -> None:
    ctx = make_context(demo)
    print_to_file(ctx, "bereikbaarheid", tmp_path / "lijst.pdf")
    print_to_file(ctx, "capaciteit", tmp_path / "capaciteit.pdf")
    print_to_file(ctx, "aanmeldformulieren", tmp_path / "formulieren.pdf", {"forms": 1})
    assert [r["outdated"] for r in print_status(demo)] == [False, False, False]
    now = datetime.now(UTC)
    first, second, third = _people(demo, 3)
    verify_person(demo, first, "test", now)
    update_person(demo, second, notes="nieuw nummer doorgegeven")
    update_person(demo, second, name="Anna Gewijzigd")  # the same person twice: counted once
    verify_person(demo, third, "test", now)
    status = {r["sheet"]: r for r in print_status(demo)}
    assert status["bereikbaarheid"]["outdated"]
    assert status["bereikbaarheid"]["changed"] == {"people": 3}
    assert status["bereikbaarheid"]["reasons"][0].startswith("3 contacten gewijzigd sinds ")
    assert not status["capaciteit"]["outdated"]
    assert not status["aanmeldformulieren"]["outdated"]  # blank forms show no data
    report = latest_reports(demo)[0]
    from resilient_zcc.capacity.model import report_capacity

    report_capacity(demo, report["location_id"], report["category"], total=10, staffed=8,
                    occupied=5, now=datetime.now(UTC))  # fmt: skip
    status = {r["sheet"]: r for r in print_status(demo, "en")}
    assert status["capaciteit"]["changed"] == {"capacity_reports": 1}
    assert status["capaciteit"]["reasons"][0].startswith("1 capacity report changed since ")
    assert status["bereikbaarheid"]["changed"] == {"people": 3}


def test_a_new_print_is_current_again_and_printing_changes_no_data(
    demo: Store, tmp_path: Path
) -> None:
    before = data_version(demo)
    print_to_file(make_context(demo), "alarmkaart", tmp_path / "a.pdf")
    assert data_version(demo) == before  # the print log is device-local, not a change
    update_person(demo, _people(demo, 1)[0], notes="x")
    assert print_status(demo)[0]["outdated"]
    print_to_file(make_context(demo), "alarmkaart", tmp_path / "b.pdf")
    (row,) = print_status(demo)
    assert not row["outdated"] and row["file"].endswith("b.pdf")


def test_changes_arriving_from_a_peer_make_paper_stale(demo: Store, tmp_path: Path) -> None:
    print_to_file(make_context(demo), "bereikbaarheid", tmp_path / "a.pdf")
    with new_store(tmp_path / "peer", "Laptop 2") as peer:
        sync(demo, peer)
        update_person(peer, _people(peer, 1)[0], notes="elders gewijzigd")
        sync(peer, demo)
    (row,) = print_status(demo)
    assert row["changed"] == {"people": 1}


def test_form_numbers_never_repeat_and_differ_per_device(demo: Store, tmp_path: Path) -> None:
    now = datetime.now(UTC)
    a = reserve_form_numbers(demo, 3, now)
    b = reserve_form_numbers(demo, 2, now)
    assert len(set(a + b)) == 5
    assert [n[-5:] for n in a + b] == ["00001", "00002", "00003", "00004", "00005"]
    assert all(check_reference(n) == n for n in a + b)  # accepted as a placement reference
    assert [(r["first"], r["last"]) for r in form_blocks(demo)] == [(1, 3), (4, 5)]
    with new_store(tmp_path / "other", "Laptop 2") as other:
        c = reserve_form_numbers(other, 5, now)
        assert form_prefix(other) != form_prefix(demo)
        assert not set(c) & set(a + b)


def test_cli_prints_says_plaintext_and_lists_status(
    demo_profile: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RZCC_PASSPHRASE", PASSPHRASE)
    runner = CliRunner()
    out = tmp_path / "lijst.pdf"
    args = ["--profile", str(demo_profile), "print"]
    result = runner.invoke(main, [*args, "bereikbaarheid", "--org", "MST", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "niet versleuteld" in result.output and out.read_bytes().startswith(b"%PDF")
    assert oct(out.stat().st_mode & 0o777) == "0o600"
    result = runner.invoke(main, [*args, "status", "--json"])
    (row,) = json.loads(result.output)
    assert row["sheet"] == "bereikbaarheid" and row["scope_label"] == "Medisch Spectrum Twente"
    assert not row["outdated"]
    for sub in ("binder", "status", "alarmkaart", "herstelsleutel"):
        help_text = runner.invoke(main, [*args, sub, "--help"]).output
        assert "Example:" in help_text


def test_a_sheet_for_one_organisation_counts_only_its_own_changes(
    demo: Store, tmp_path: Path
) -> None:
    ctx = make_context(demo, organisation_text="Medisch Spectrum Twente")
    org = ctx.organisation_id
    print_to_file(ctx, "bereikbaarheid", tmp_path / "mst.pdf")
    print_to_file(ctx, "noodprocedures", tmp_path / "mst-procedures.pdf")
    ours = demo.query("SELECT id FROM people WHERE organisation_id = ? LIMIT 1", (org,))[0]["id"]
    # Someone elsewhere who holds a function an MST procedure names (e.g. the GHOR's OvD-G).
    named = demo.query(
        "SELECT r.person_id FROM procedure_steps s JOIN procedures p ON p.id = s.procedure_id "
        "JOIN functions f ON f.id = s.function_id JOIN roles r ON r.function_id = f.id "
        "WHERE p.organisation_id = ? AND f.organisation_id IS NOT ? LIMIT 1",
        (org, org),
    )[0]["person_id"]
    unrelated = demo.query(
        "SELECT id FROM people WHERE organisation_id IS NOT ? AND id NOT IN "
        "(SELECT person_id FROM roles WHERE function_id IN (SELECT function_id FROM "
        "procedure_steps)) LIMIT 1",
        (org,),
    )[0]["id"]
    update_person(demo, unrelated, notes="elders")
    assert not any(r["outdated"] for r in print_status(demo))
    update_person(demo, ours, notes="nieuw")
    update_person(demo, named, notes="nieuw")
    status = {r["sheet"]: r for r in print_status(demo)}
    assert status["bereikbaarheid"]["changed"] == {"people": 1}
    assert status["noodprocedures"]["changed"] == {"people": 2}


def test_a_printed_rota_expires_after_a_week(demo: Store, tmp_path: Path) -> None:
    ctx = make_context(demo)
    print_to_file(ctx, "bereikbaarheid", tmp_path / "lijst.pdf")
    print_to_file(ctx, "capaciteit", tmp_path / "capaciteit.pdf")
    later = datetime.now(UTC) + timedelta(days=8)
    status = {r["sheet"]: r for r in print_status(demo, "nl", now=later)}
    assert status["bereikbaarheid"]["outdated"] and status["bereikbaarheid"]["changed"] == {}
    assert status["bereikbaarheid"]["reasons"][0].startswith("het rooster op dit blad liep tot")
    assert not status["capaciteit"]["outdated"]  # shows no rota
    assert not print_status(demo, "nl", now=datetime.now(UTC) + timedelta(days=6))[0]["outdated"]
