"""Contact export to CSV, XLSX and vCard 4.0; round trips through the importer."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
import vobject
from openpyxl import load_workbook

from resilient_zcc.contacts import model
from resilient_zcc.exchange.contact_export import contacts_csv, contacts_xlsx, dialled_from_nl
from resilient_zcc.exchange.contact_import import apply_import, open_source, plan_import
from resilient_zcc.exchange.vcard import contacts_vcf
from resilient_zcc.store import Store

from .conftest import PASSPHRASE
from .exchange_fixtures import HEADERS_NL, ROWS, write_csv


def _import(store: Store, path: Path) -> None:
    apply_import(store, plan_import(store, open_source(store, path)))


def _state(store: Store) -> list[tuple[object, ...]]:
    """Every domain column of the directory (not the local `_clock` bookkeeping)."""
    rows = []
    for table, cols in (
        ("organisations", "id, name, sector, short_name, city, region, deleted"),
        ("people", "id, name, organisation_id, notes, deleted"),
        ("functions", "id, name, organisation_id, deleted"),
        ("roles", "id, person_id, function_id, deleted"),
        ("channels", "id, owner_id, kind, value, fallback_order, availability, note, deleted"),
    ):
        rows += [
            (table, *r.values()) for r in store.query(f"SELECT {cols} FROM {table} ORDER BY id")
        ]
    return rows


def test_csv_round_trip_changes_nothing(store: Store, tmp_path: Path) -> None:
    _import(store, write_csv(tmp_path / "lijst.csv", HEADERS_NL, ROWS))
    before = _state(store)
    changes_before = store.log.version_vector()
    exported = tmp_path / "export.csv"
    exported.write_bytes(contacts_csv(store))
    plan = plan_import(store, open_source(store, exported))
    assert plan.summary.unchanged == 4 and plan.summary.created == plan.summary.updated == 0
    assert not plan.problems
    apply_import(store, plan)
    assert _state(store) == before
    # Only the remembered mapping of the new source was written.
    written = store.log.version_vector()[store.identity.device_id]
    assert written == changes_before[store.identity.device_id] + 1
    # And the second export is the first.
    assert contacts_csv(store) == exported.read_bytes()


def test_xlsx_round_trip_changes_nothing(store: Store, tmp_path: Path) -> None:
    _import(store, write_csv(tmp_path / "lijst.csv", HEADERS_NL, ROWS))
    before = _state(store)
    exported = tmp_path / "export.xlsx"
    exported.write_bytes(contacts_xlsx(store))
    plan = plan_import(store, open_source(store, exported))
    assert plan.summary.unchanged == 4 and not plan.problems
    apply_import(store, plan)
    assert _state(store) == before


def test_csv_export_guards_against_formula_injection(store: Store) -> None:
    org = model.add_organisation(store, '=HYPERLINK("http://x.invalid")', "gemeente")
    person = model.add_person(store, "@SUM(1+1)*cmd|' /C calc'!A0", org, notes="-2+3")
    model.add_channel(store, "person", person, "mobile", "06-12345678")
    model.add_channel(store, "person", person, "direct", "+32 2 555 12 34")
    text = contacts_csv(store).decode("utf-8-sig")
    row = list(csv.reader(io.StringIO(text), delimiter=";"))[1]
    assert "'@SUM(1+1)*cmd|' /C calc'!A0" in row
    assert '\'=HYPERLINK("http://x.invalid")' in row
    assert "'-2+3" in row
    assert "06 12345678" in row and "00 32 2 555 12 34" in row  # no '+' to guard
    for cell in row:
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))
    # XLSX: the text as typed, a text cell with the quote-prefix style, no apostrophe.
    data = contacts_xlsx(store)
    sheet = load_workbook(io.BytesIO(data)).active
    cells = {c.value: c for c in sheet[2]}
    for text in ("@SUM(1+1)*cmd|' /C calc'!A0", '=HYPERLINK("http://x.invalid")', "-2+3"):
        assert cells[text].data_type == "s" and cells[text].quotePrefix, text
    assert all(c.data_type != "f" for c in sheet[2])
    assert not any(str(c.value).startswith("'") for c in sheet[2] if c.value)
    assert not cells["06 12345678"].quotePrefix  # plain cells keep the plain style


def test_an_xlsx_with_quote_prefixed_cells_reads_back_unchanged(
    store: Store, tmp_path: Path
) -> None:
    org = model.add_organisation(store, "=Gemeente Oefenstad", "gemeente")
    person = model.add_person(store, "Kees Testpersoon", org, notes="-2+3 is geen formule")
    model.add_channel(store, "person", person, "mobile", "06-12345678")
    before = _state(store)
    path = tmp_path / "export.xlsx"
    path.write_bytes(contacts_xlsx(store))
    plan = plan_import(store, open_source(store, path))
    assert not plan.problems
    apply_import(store, plan)
    assert _state(store) == before


def test_foreign_numbers_are_dialled_from_the_netherlands() -> None:
    assert dialled_from_nl("+31612345678") == "06 12345678"
    assert dialled_from_nl("+4930123456") == "00 49 30 123456"


def test_vcard_40_parsed_back_by_vobject(store: Store, tmp_path: Path) -> None:
    _import(store, write_csv(tmp_path / "lijst.csv", HEADERS_NL, ROWS))
    data = contacts_vcf(store)
    text = data.decode("utf-8")
    for line in text.split("\r\n"):
        assert len(line.encode("utf-8")) <= 75  # folded at 75 octets (RFC 6350 3.2)
    assert "CHARSET" not in text  # not a 4.0 parameter
    cards = list(vobject.readComponents(text))
    assert len(cards) == 4
    anna = next(c for c in cards if c.fn.value == "Anna Voorbeeld")
    assert text.split("\r\n")[1] == "VERSION:4.0"
    assert anna.version.value == "4.0"
    assert anna.n.value.given == "Anna" and anna.n.value.family == "Voorbeeld"
    assert anna.org.value == ["Ziekenhuisgroep Twente"]
    assert anna.title.value == "Crisiscoördinator"
    tels = [(t.value, t.params["TYPE"], t.params["PREF"]) for t in anna.contents["tel"]]
    assert tels == [
        ("tel:+31531234567", ["work", "voice"], ["1"]),
        ("tel:+31612345678", ["cell", "voice"], ["2"]),
        ("tel:+31687654321", ["cell", "voice"], ["3"]),
    ]
    assert all(t.params["VALUE"] == ["uri"] for t in anna.contents["tel"])
    assert anna.email.value == "anna@voorbeeld.invalid"
    assert anna.uid.value.startswith("urn:uuid:")
    assert anna.kind.value == "individual"


def test_the_demo_regions_export_reads_back_into_it_unchanged(
    demo_profile: Path, tmp_path: Path
) -> None:
    """Per-channel availability, notes on meeting points and region-wide functions survive."""
    with Store.open(demo_profile, PASSPHRASE) as demo:
        before = _state(demo)
        path = tmp_path / "demo.xlsx"
        path.write_bytes(contacts_xlsx(demo))
        plan = plan_import(demo, open_source(demo, path))
        assert (plan.summary.created, plan.summary.updated, plan.summary.problem_rows) == (0, 0, 0)
        apply_import(demo, plan)
        assert _state(demo) == before


def test_an_english_export_reads_back_unchanged(store: Store, tmp_path: Path) -> None:
    _import(store, write_csv(tmp_path / "lijst.csv", HEADERS_NL, ROWS))
    before = _state(store)
    exported = tmp_path / "contacts.csv"
    exported.write_bytes(contacts_csv(store, "en"))
    header = exported.read_text(encoding="utf-8-sig").splitlines()[0]
    assert header.startswith("Key;Name;Function;Organisation;Sector;City;Phone;Mobile;On-call")
    plan = plan_import(store, open_source(store, exported))
    assert plan.summary.unchanged == 4 and not plan.problems
    apply_import(store, plan)
    assert _state(store) == before


def test_the_export_format_follows_the_file_name(tmp_path: Path) -> None:
    from resilient_zcc.errors import ValidationError
    from resilient_zcc.exchange.export_files import (
        CAPACITY_FORMATS,
        CONTACT_FORMATS,
        contacts_bytes,
        format_for,
    )

    assert format_for(tmp_path / "Lijst.XLSX", CONTACT_FORMATS) == "xlsx"
    assert format_for(tmp_path / "beeld.xml", CAPACITY_FORMATS) == "have"
    assert format_for(tmp_path / "beeld.json", CAPACITY_FORMATS) == "fhir"
    with pytest.raises(ValidationError, match=r"lijst.txt; end it in .csv, .xlsx, .vcf"):
        format_for(tmp_path / "lijst.txt", CONTACT_FORMATS)
    with pytest.raises(ValidationError, match="Unknown format 'pdf'; choose csv, xlsx, vcf"):
        contacts_bytes(None, "pdf")  # type: ignore[arg-type]


def test_vcard_names_parse_back_into_the_right_family_names(store: Store, tmp_path: Path) -> None:
    """The names as lists write them; vobject, an independent parser, reads N back."""
    from .import_lists import PIKET_HEADERS, PIKET_ROWS, piket_list

    assert PIKET_HEADERS[2] == "Naam"
    apply_import(store, plan_import(store, open_source(store, piket_list(tmp_path))))
    text = contacts_vcf(store).decode("utf-8")
    cards = {c.fn.value: c for c in vobject.readComponents(text)}
    assert set(cards) == {row[2] for row in PIKET_ROWS if row[2]}
    names = {fn: (c.n.value.family, c.n.value.given, c.n.value.prefix) for fn, c in cards.items()}
    assert names["van der Berg, J."] == ("van der Berg", "J.", "")
    assert names["Dijkstra, R."] == ("Dijkstra", "R.", "")
    assert names["Dr. E. (Els) Kuipers"] == ("Kuipers", "Els", "Dr.")
    assert names["van 't Hof, L."] == ("van 't Hof", "L.", "")
    assert cards["van der Berg, J."].n.params["SORT-AS"] == ["Berg van der"]
    # Sorted as Dutch lists do: 'van der Berg' under B, "van 't Hof" under H.
    assert [c.fn.value for c in vobject.readComponents(text)] == [
        "van der Berg, J.", "Dijkstra, R.", "van 't Hof, L.", "Dr. E. (Els) Kuipers",
        "Ans de Proef", "Piet Voorbeeld",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "family", "infix", "given", "titles"),
    [
        ("van der Berg, J.", "Berg", "van der", "J.", ""),
        ("Berg, J. van der", "Berg", "van der", "J.", ""),
        ("van 't Hof, L.", "Hof", "van 't", "L.", ""),
        ("Dr. E. (Els) Kuipers", "Kuipers", "", "Els", "Dr."),
        ("Mr. drs. K. de Wit", "Wit", "de", "K.", "Mr. drs."),
        ("W. (Wim) van den Heuvel", "Heuvel", "van den", "Wim", ""),
        ("Henk de Proef", "Proef", "de", "Henk", ""),
        ("Dijkstra, R.", "Dijkstra", "", "R.", ""),
        ("Anna Voorbeeld", "Voorbeeld", "", "Anna", ""),
    ],
)  # fmt: skip
def test_dutch_names_in_parts(name: str, family: str, infix: str, given: str, titles: str) -> None:
    from resilient_zcc.contacts.names import parse_name

    parts = parse_name(name)
    assert (parts.family, parts.infix, parts.given, parts.titles) == (family, infix, given, titles)
