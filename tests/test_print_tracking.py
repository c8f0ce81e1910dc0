"""What was printed, on which data version, and exactly what changed since."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from printouts.context import make_context
from printouts.render import print_to_file, reprint_outdated
from resilient_zcc.capacity.queries import latest_reports
from resilient_zcc.cli import main
from resilient_zcc.contacts.model import update_channel, update_person, verify_person
from resilient_zcc.errors import ValidationError
from resilient_zcc.placements.model import check_reference
from resilient_zcc.printlog import (
    data_version,
    form_blocks,
    form_prefix,
    outdated_tabs,
    print_status,
    reserve_form_numbers,
    short_date,
)
from resilient_zcc.store import Store

from .conftest import PASSPHRASE
from .helpers import new_store, sync
from .pdfcheck import text_of

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
    # The print record travels through the change log, but it is not data: the data date
    # on the paper stays, and the print does not make itself out of date.
    assert data_version(demo).as_of == before.as_of
    assert not print_status(demo)[0]["outdated"]
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
    for sub in ("binder", "status", "reprint", "alarmkaart", "herstelsleutel"):
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


def test_two_laptops_know_which_binder_tab_is_out_of_date_and_reprint_only_those(
    demo: Store, tmp_path: Path
) -> None:
    """Printed on the first laptop, a number changed on the second, a sync: both name the
    binder's tab with the reason; reprinting the out-of-date tabs prints only those."""
    binder = "de map in de ZCC-ruimte"
    ctx = make_context(demo)
    print_to_file(ctx, "binder", tmp_path / "map.pdf", {"binder": binder, "forms": 1})
    with new_store(tmp_path / "peer", "Laptop 2") as peer:
        sync(demo, peer)
        before = print_status(peer)  # the print is known on the second laptop too
        assert {r["binder"] for r in before} == {binder} and not any(r["outdated"] for r in before)
        channel = peer.query_one(
            "SELECT c.id FROM channels c JOIN people p ON p.id = c.owner_id "
            "WHERE c.kind = 'mobile' AND c.deleted = 0 LIMIT 1"
        )
        assert channel is not None
        update_channel(peer, channel["id"], value="06 12340000")
        sync(peer, demo)
        for store in (demo, peer):
            status = {r["sheet"]: r for r in print_status(store) if r["binder"] == binder}
            contacts = status["bereikbaarheid"]
            assert contacts["outdated"] and contacts["tab"] == 2
            assert contacts["reasons"] == [
                f"1 kanaal gewijzigd sinds {short_date(contacts['printed_at'])}"
            ]
            assert not status["capaciteit"]["outdated"]
        stale = {r["sheet"] for r in outdated_tabs(peer, binder)}
        assert {"alarmkaart", "bereikbaarheid", "zakkaarten"} <= stale
        assert "capaciteit" not in stale and "plaatsingen" not in stale
        printed = reprint_outdated(demo, binder, tmp_path / "vervang.pdf")
        assert printed is not None
        assert {sheet for _n, sheet in printed.tabs} == stale
        pages = text_of(printed.pdf)
        assert "Controlelijst" in pages[-1] and "Capaciteitsoverzicht" in pages[-1]  # every tab
        assert "Capaciteitsoverzicht" not in "".join(pages[:-1])  # but not reprinted
        assert not outdated_tabs(demo, binder)
        sync(demo, peer)
        assert not outdated_tabs(peer, binder)
        assert reprint_outdated(peer, binder, tmp_path / "niets.pdf") is None


def test_reprint_names_an_unknown_binder_clearly(demo: Store, tmp_path: Path) -> None:
    print_to_file(make_context(demo), "binder", tmp_path / "map.pdf", {"binder": "Map A"})
    with pytest.raises(ValidationError, match="Map A"):
        reprint_outdated(demo, "Map B", tmp_path / "x.pdf")


def test_cli_registers_a_binder_by_name_and_reprints_its_stale_tabs(
    demo_profile: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RZCC_PASSPHRASE", PASSPHRASE)
    runner = CliRunner()
    args = ["--profile", str(demo_profile), "print"]
    binder = "de map in de ZCC-ruimte"
    out = tmp_path / "map.pdf"
    result = runner.invoke(main, [*args, "binder", "--name", binder, "--out", str(out)])
    assert result.exit_code == 0, result.output
    result = runner.invoke(main, [*args, "reprint", binder, "--out", str(tmp_path / "r.pdf")])
    assert result.exit_code == 0 and "zijn actueel; niets afgedrukt" in result.output
    with Store.open(demo_profile, PASSPHRASE) as store:
        update_person(store, _people(store, 1)[0], notes="nieuw nummer")
    result = runner.invoke(main, [*args, "status"])
    assert f"VEROUDERD {binder}, tab 2: Bereikbaarheidslijst" in result.output
    assert "1 contact gewijzigd sinds" in result.output
    result = runner.invoke(main, [*args, "reprint", binder, "--out", str(tmp_path / "r.pdf")])
    assert result.exit_code == 0, result.output
    assert "tabbladen 1, 2, 3, 8, 9" in result.output
    result = runner.invoke(main, [*args, "reprint", "een andere map"])
    assert result.exit_code != 0 and "No binder named 'een andere map'" in result.output
    assert "Traceback" not in result.output
