"""Bad input never crashes a print and never clips a line: each case gets a clear message or
wraps correctly."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from printouts.context import make_context
from printouts.fonts import BOLD
from printouts.render import print_to_file, render_binder, render_sheet
from printouts.sheets import SHEETS
from resilient_zcc.cli import main
from resilient_zcc.contacts.model import (
    add_channel,
    add_function,
    add_organisation,
    add_person,
    assign_role,
)
from resilient_zcc.errors import NotFound, ValidationError
from resilient_zcc.printlog import print_status
from resilient_zcc.store import Store

from .conftest import PASSPHRASE
from .helpers import new_store_with_recovery
from .pdfcheck import flat, outside_the_page, text_of

pytestmark = pytest.mark.timeout(120)


def test_the_clipping_check_finds_a_line_off_the_page() -> None:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4)
    canvas.setFont(BOLD, 9)
    canvas.drawString(500, 400, "Deze regel loopt van de pagina af en wordt afgesneden")
    canvas.save()
    assert outside_the_page(buffer.getvalue())


@pytest.fixture
def demo(demo_profile: Path) -> Iterator[Store]:
    with Store.open(demo_profile, PASSPHRASE) as store:
        yield store


def test_unknown_organisation_or_region_is_a_clear_error(demo: Store) -> None:
    with pytest.raises(NotFound, match="No organisation matches 'Bestaat Niet'"):
        make_context(demo, organisation_text="Bestaat Niet")
    with pytest.raises(NotFound, match="No region matches 'Groningen'"):
        make_context(demo, region_text="Groningen")
    with pytest.raises(NotFound, match="matches .* organisations"):
        make_context(demo, organisation_text="Gemeente")
    with pytest.raises(ValidationError, match="Unknown language"):
        make_context(demo, lang="de")


def test_cli_unknown_organisation_exits_with_one_line(
    demo_profile: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RZCC_PASSPHRASE", PASSPHRASE)
    out = tmp_path / "x.pdf"
    result = CliRunner().invoke(
        main,
        [
            "--profile",
            str(demo_profile),
            "print",
            "alarmkaart",
            "--org",
            "Nergens",
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 1
    assert "No organisation matches 'Nergens'" in result.output
    assert "Traceback" not in result.output and not out.exists()


@pytest.mark.parametrize("name", [n for n in SHEETS if n != "herstelsleutel"])
def test_an_empty_profile_prints_every_sheet_with_a_hint(store: Store, name: str) -> None:
    ctx = make_context(store)
    printed = render_sheet(ctx, name, {"forms": 1})
    pages = text_of(printed.pdf)
    assert pages and all("Stand van gegevens:" in page for page in pages)
    if name != "aanmeldformulieren":  # blank forms need no data
        assert re.search(r"nog geen|Geen|geen", pages[0])


def test_an_empty_profile_prints_the_binder(store: Store) -> None:
    printed = render_binder(make_context(store), {"forms": 1})
    assert printed.pages >= 2 + len([s for s in SHEETS.values() if s.in_binder])


def _person(store: Store, org_name: str, name: str, channels: list[tuple[str, str]]) -> str:
    org = add_organisation(store, org_name, "ziekenhuis", city="Enschede")
    function = add_function(store, "Piket medisch specialist", "piket", org)
    person = add_person(store, name, org)
    assign_role(store, person, function)
    for kind, value in channels:
        add_channel(store, "person", person, kind, value)
    return org


def test_names_outside_latin_1_print_in_the_embedded_font(store: Store) -> None:
    _person(store, "Szpital Łódź", "Łukasz Çelik-Øğünç", [("mobile", "06 12345991")])
    printed = render_sheet(make_context(store, organisation_text="Łódź"), "bereikbaarheid")
    text = "".join(text_of(printed.pdf))
    assert "Łukasz Çelik-Øğünç" in text and "Szpital Łódź" in text
    fonts = set()
    for page in PdfReader(io.BytesIO(printed.pdf)).pages:
        for font in page["/Resources"]["/Font"].values():
            fonts.add(str(font.get_object()["/BaseFont"]))
    assert fonts and all("SourceSansPro" in f for f in fonts), fonts


def test_very_long_names_and_numbers_wrap_instead_of_clipping(store: Store) -> None:
    long_name = " ".join(["Anna-Maria Voorbeeld-Testerink van der Oefenberg"] * 6)
    long_email = "a" * 90 + "@" + "b" * 60 + ".invalid"
    long_place = "Verzamelpunt " + "achteringang-" * 20 + "einde"
    long_org = "Stichting " + "Zeer Lange Naam " * 15 + "Twente"
    _person(store, long_org, long_name, [("mobile", "06 12345992"), ("email", long_email),
                                         ("meeting_point", long_place)])  # fmt: skip
    for name in ("bereikbaarheid", "alarmkaart", "zakkaarten"):
        ctx = make_context(store, organisation_text="Stichting Zeer")
        printed = render_sheet(ctx, name, {"functions": ["piket"]})
        text = flat("".join(text_of(printed.pdf)))
        assert outside_the_page(printed.pdf) == [], name
        if name == "bereikbaarheid":
            for value in (long_name, long_email, long_place, long_org):
                assert flat(value) in text
        if name == "alarmkaart":
            assert printed.pages == 1
    header = text_of(render_sheet(ctx, "alarmkaart").pdf)[0]
    assert "…" in header  # the long organisation name is shortened in the header only


def test_recovery_key_sheet_checks_the_key_and_is_not_recorded(tmp_path: Path) -> None:
    store, key = new_store_with_recovery(tmp_path / "p", "Laptop")
    with store:
        ctx = make_context(store)
        with pytest.raises(ValidationError, match="does not open this profile"):
            render_sheet(ctx, "herstelsleutel", {"recovery_key": "AAAA-" * 7 + "AAAA"})
        with pytest.raises(ValidationError, match="does not open this profile"):
            render_sheet(ctx, "herstelsleutel", {"recovery_key": "onzin"})
        out = tmp_path / "envelop.pdf"
        printed = print_to_file(ctx, "herstelsleutel", out, {"recovery_key": key.lower()})
        text = "".join(text_of(printed.pdf))
        assert all(group in text for group in key.split("-"))
        assert "GEHEIM" in text
        assert print_status(store) == []  # the key is never kept, not even as a print record
        assert (
            key not in store.conn.execute("SELECT group_concat(payload) FROM changes").fetchone()[0]
        )


def test_bad_output_paths_are_refused_clearly(store: Store, tmp_path: Path) -> None:
    ctx = make_context(store)
    with pytest.raises(ValidationError, match="does not exist"):
        print_to_file(ctx, "alarmkaart", tmp_path / "missing" / "a.pdf")
    with pytest.raises(ValidationError, match="must end in .pdf"):
        print_to_file(ctx, "alarmkaart", tmp_path / "a.txt")
    with pytest.raises(ValidationError, match="Unknown sheet"):
        print_to_file(ctx, "weekrooster", tmp_path / "a.pdf")
    assert print_status(store) == []  # nothing recorded for a print that was not written


def test_cli_recovery_key_sheet_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store, key = new_store_with_recovery(tmp_path / "p", "Laptop")
    store.close()
    monkeypatch.setenv("RZCC_PASSPHRASE", PASSPHRASE)
    args = ["--profile", str(tmp_path / "p"), "print", "herstelsleutel"]
    out = tmp_path / "envelop.pdf"
    monkeypatch.setenv("RZCC_RECOVERY_KEY", "AAAA-BBBB")
    result = CliRunner().invoke(main, [*args, "--out", str(out)])
    assert result.exit_code == 1 and "does not open this profile" in result.output
    assert not out.exists()
    monkeypatch.setenv("RZCC_RECOVERY_KEY", key)
    result = CliRunner().invoke(main, [*args, "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert key.split("-")[0] in "".join(text_of(out.read_bytes()))


def test_a_placement_list_for_one_organisation_holds_only_its_patients(demo: Store) -> None:
    region_wide = "".join(text_of(render_sheet(make_context(demo), "plaatsingen").pdf))
    ctx = make_context(demo, organisation_text="MST")
    own = {
        r["reference"]
        for r in demo.query(
            "SELECT r.reference FROM placement_requests r LEFT JOIN locations l "
            "ON l.id = r.location_id WHERE r.state IN ('aangemeld', 'in_behandeling', "
            "'plaats_aangeboden', 'geaccepteerd', 'vervoer_geregeld') "
            "AND (r.referrer_org_id = ? OR l.organisation_id = ?)",
            (ctx.organisation_id, ctx.organisation_id),
        )
    }
    text = "".join(text_of(render_sheet(ctx, "plaatsingen").pdf))
    shown = set(re.findall(r"DEMO-TW-\d+", text))
    assert own and shown == own and shown < set(re.findall(r"DEMO-TW-\d+", region_wide))
