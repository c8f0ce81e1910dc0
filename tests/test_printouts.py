"""Paper sheets from the demo region, read back with a PDF text extractor (pypdf)."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from printouts.context import make_context
from printouts.render import Printed, render_binder, render_sheet
from printouts.sheets import SHEETS
from resilient_zcc.capacity.queries import locations
from resilient_zcc.contacts.directory import alarm_functions, directory_listing
from resilient_zcc.crisis.regions import default_region
from resilient_zcc.crisis.taskcards import list_task_cards
from resilient_zcc.placements.queries import queue
from resilient_zcc.printlog import form_prefix
from resilient_zcc.procedures.queries import list_procedures
from resilient_zcc.store import Store

from .conftest import PASSPHRASE
from .pdfcheck import flat, outside_the_page, text_lines, text_of

pytestmark = pytest.mark.timeout(120)
DATA_SHEETS = [name for name in SHEETS if name != "herstelsleutel"]


@pytest.fixture(scope="module")
def demo_store(
    demo_profile_template: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Store]:
    target = tmp_path_factory.mktemp("print-demo") / "profile"
    shutil.copytree(demo_profile_template, target)
    with Store.open(target, PASSPHRASE) as store:
        yield store


@pytest.fixture(scope="module")
def rendered(demo_store: Store) -> dict[str, tuple[Printed, list[str]]]:
    ctx = make_context(demo_store)
    result = {}
    for name in DATA_SHEETS:
        printed = render_sheet(ctx, name, {"forms": 4})
        result[name] = (printed, text_of(printed.pdf))
    return result


@pytest.mark.parametrize("name", DATA_SHEETS)
def test_every_page_carries_the_shared_template(
    rendered: dict[str, tuple[Printed, list[str]]], demo_store: Store, name: str
) -> None:
    printed, pages = rendered[name]
    assert printed.pages == len(pages) >= 1
    device = demo_store.identity.device_id[:8]
    for number, text in enumerate(pages, 1):
        assert "Stand van gegevens:" in text
        assert "Afgedrukt:" in text
        assert f"({device})" in text
        assert f"pagina {number} van {len(pages)}" in text
        assert "VERTROUWELIJK" in text
        assert "ROAZ-regio Euregio" in text  # the region
    assert outside_the_page(printed.pdf) == []


def test_contact_list_holds_every_person_and_number(
    rendered: dict[str, tuple[Printed, list[str]]], demo_store: Store
) -> None:
    printed, pages = rendered["bereikbaarheid"]
    text = flat("".join(pages))
    listing = directory_listing(demo_store, datetime.now(UTC))
    people = {h["name"] for o in listing for f in o["functions"] for h in f["holders"]}
    people |= {p["name"] for o in listing for p in o["people"]}
    assert len(people) > 250
    missing = [name for name in people if flat(name) not in text]
    assert not missing
    numbers = [c["value"] for o in listing for f in o["functions"] for h in f["holders"]
               for c in h["channels"]]  # fmt: skip
    assert all(flat(value) in text for value in numbers[:400])
    assert "[VEROUDERD]" in text and "Roostersopditblad" in text and "[24/7]" in text
    assert 20 < printed.pages < 120


def test_alarm_card_is_two_pages_with_the_most_important_functions(
    rendered: dict[str, tuple[Printed, list[str]]], demo_store: Store
) -> None:
    printed, pages = rendered["alarmkaart"]
    assert printed.pages <= 2
    text = flat("".join(pages))
    first = alarm_functions(directory_listing(demo_store, datetime.now(UTC)))[:20]
    assert all(flat(f["name"]) in text for f in first)
    assert flat(first[0]["channels"][0]["value"]) in text
    assert "DPG" in text


def test_crisis_structure_has_phase_path_and_one_task_card_per_page(
    rendered: dict[str, tuple[Printed, list[str]]], demo_store: Store
) -> None:
    _printed, pages = rendered["crisisstructuur"]
    cards = list_task_cards(demo_store, default_region(demo_store))
    # The structure (phase, who decides what, the escalation path) takes at most two pages.
    head = len(pages) - len(cards)
    assert 1 <= head <= 2
    assert "HUIDIGE FASE" in pages[0] and "Escalatiepad" in "".join(pages[:head])
    structure = flat("".join(pages[:head]))
    # "Wie besluit wat" comes from the core's authority table (seeds 000, 003).
    for text in (
        "Bestuurlijk ROAZ",
        "Landelijke regie (LNAZ, ministerie van VWS)",
        "De minister voor Medische Zorg en Sport",
        "IGJ (kwaliteit) en de NZa (toegankelijkheid)",
        "met goedkeuring van de minister van VWS",
        "Kernteam LNAZ, contactpersoon",
    ):
        assert flat(text) in structure, text
    for card, page in zip(cards, pages[head:], strict=True):
        assert flat(card["title"]) in flat(page) and "Mandaat" in page


def test_capacity_tally_and_placement_sheets(
    rendered: dict[str, tuple[Printed, list[str]]], demo_store: Store
) -> None:
    places = locations(demo_store)
    _printed, tally = rendered["telformulieren"]
    # A form per location, each starting on its own page, in order; a location without
    # reports (the PBM depot) lists every bed category and may run onto a second page.
    texts = [flat(page) for page in tally]
    starts = [next(i for i, t in enumerate(texts) if flat(p["name"]) in t) for p in places]
    assert starts == sorted(set(starts)) and len(starts) == len(places) <= len(tally)
    overview = flat("".join(rendered["capaciteit"][1]))
    assert all(flat(p["name"]) in overview for p in places if p["last_reported_at"])
    queue_text = "".join(rendered["plaatsingen"][1])
    open_refs = [i.reference for i in queue(demo_store, datetime.now(UTC)) if i.is_open]
    assert open_refs and all(ref in queue_text for ref in open_refs)
    assert "PATIËNTGEGEVENS" in queue_text


def test_blank_forms_carry_numbers_reserved_for_this_device(
    rendered: dict[str, tuple[Printed, list[str]]], demo_store: Store
) -> None:
    _printed, pages = rendered["aanmeldformulieren"]
    assert len(pages) == 4
    numbers = [re.search(r"Formuliernummer: (\S+)", page).group(1) for page in pages]  # type: ignore[union-attr]
    assert len(set(numbers)) == 4
    assert all(n.startswith(form_prefix(demo_store) + "-") for n in numbers)


def test_procedures_and_pocket_cards(
    rendered: dict[str, tuple[Printed, list[str]]], demo_store: Store
) -> None:
    text = flat("".join(rendered["noodprocedures"][1]))
    assert all(flat(p["title"]) in text for p in list_procedures(demo_store))
    printed, cards = rendered["zakkaarten"]
    regional = [f for f in directory_listing(demo_store, datetime.now(UTC))[0]["functions"]]
    assert printed.pages == len(regional)  # one A6 card each
    for function, card in zip(regional, cards, strict=True):
        assert flat(function["name"]) in flat(card)
    box = PdfReader(io.BytesIO(printed.pdf)).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (298, 420)  # A6


def test_binder_has_cover_contents_tabs_and_every_sheet(demo_store: Store) -> None:
    ctx = make_context(demo_store, lang="en")
    printed = render_binder(ctx, {"forms": 2})
    reader = PdfReader(io.BytesIO(printed.pdf))
    pages = [p.extract_text() or "" for p in reader.pages]
    assert printed.pages == len(pages)
    assert "Crisis binder: paper fallback" in pages[0]
    assert "Contents" in pages[1]
    titles = [s.title("en") for s in SHEETS.values() if s.in_binder]
    tabs = [n for n, page in enumerate(pages) if re.search(r"TAB \d+", page)]
    assert len(tabs) == len(titles)
    outline = [item for item in reader.outline if not isinstance(item, list)]
    check = "Check list: is this sheet current?"  # the last page, after the tabs
    assert [item.title for item in outline] == [*titles, check]
    assert check in pages[-1] and "Data as of" in pages[-1]
    assert "resilient-zcc" not in pages[0]  # the cover speaks to a reader of paper
    outline = outline[:-1]
    for item in outline:  # each outline entry opens its tab page; it tells its data date
        tab_page = pages[reader.get_destination_page_number(item)]
        assert re.search(r"TAB \d+", tab_page) and item.title in tab_page
        assert tab_page.count("Data as of:") == 2 and "Binder: Crisismap" in tab_page
    # The entries of the contents are links to their pages, too.
    numbers = {p.indirect_reference.idnum: n for n, p in enumerate(reader.pages)}
    links = [a.get_object()["/Dest"][0].idnum for a in reader.pages[1]["/Annots"]]
    assert [numbers[link] for link in links[:2]] == [
        reader.get_destination_page_number(item) for item in outline[:2]
    ]
    contents = flat("".join(pages[1:5]))
    assert all(flat(title) in contents for title in titles)
    assert all("Data as of:" in page and "CONFIDENTIAL" in page for page in pages)
    # The contents give the right page of each tab.
    lines = [line for n in range(1, 5) for line in text_lines(printed.pdf, n)]
    for title in titles:
        found = [re.fullmatch(re.escape(title) + r"[ .]*?(\d+)", line) for line in lines]
        numbers = [int(m.group(1)) for m in found if m]
        assert len(numbers) == 1, (title, lines[:20])
        tab_page = pages[numbers[0] - 1]
        assert re.search(r"TAB \d+", tab_page) and title in tab_page


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils not installed")
def test_sheets_render_to_png(
    rendered: dict[str, tuple[Printed, list[str]]], tmp_path: Path
) -> None:
    for name in ("alarmkaart", "zakkaarten"):
        pdf = tmp_path / f"{name}.pdf"
        pdf.write_bytes(rendered[name][0].pdf)
        subprocess.run(["pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "1", str(pdf),
                        str(tmp_path / name)], check=True, timeout=60)  # fmt: skip
        assert list(tmp_path.glob(f"{name}*.png"))


def test_placement_list_is_in_the_order_of_the_screen(
    rendered: dict[str, tuple[Printed, list[str]]], demo_store: Store
) -> None:
    """Overdue first, then most urgent, then longest waiting: the queue the Plaatsingen
    screen shows (open requests only, the same core query)."""
    text = flat("".join(rendered["plaatsingen"][1]))
    screen = [i.reference for i in queue(demo_store, datetime.now(UTC)) if i.is_open]
    references = [r for r in screen if r]
    assert len(references) >= 3
    positions = [text.find(flat(r)) for r in references]
    assert all(p >= 0 for p in positions)
    assert positions == sorted(positions)
