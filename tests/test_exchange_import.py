"""Contact import from lists as GHOR staff keep them: real files, a real encrypted profile."""

from __future__ import annotations

from pathlib import Path

import pytest

from resilient_zcc.errors import ValidationError
from resilient_zcc.exchange.contact_import import (
    ImportRefused,
    apply_import,
    open_source,
    plan_import,
)
from resilient_zcc.exchange.mapping import guess_mapping
from resilient_zcc.exchange.tables import UnreadableFile
from resilient_zcc.store import Store

from .exchange_fixtures import HEADERS_NL, ROWS, write_csv, write_xlsx


def _counts(store: Store) -> dict[str, int]:
    return {
        t: store.query_one(f"SELECT count(*) AS n FROM {t} WHERE deleted = 0")["n"]
        for t in ("organisations", "people", "functions", "roles", "channels")
    }


def _import(store: Store, path: Path, **kwargs: object) -> object:
    mapping = kwargs.pop("mapping", None)
    source = open_source(store, path, mapping)  # type: ignore[arg-type]
    plan = plan_import(store, source)
    return apply_import(store, plan, **kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("encoding", "delimiter", "bom", "title"),
    [("utf-8", ";", True, True), ("utf-8", ",", False, False), ("cp1252", ";", False, True)],
)
def test_csv_in_any_encoding_and_separator(
    store: Store, tmp_path: Path, encoding: str, delimiter: str, bom: bool, title: bool
) -> None:
    path = write_csv(tmp_path / "lijst.csv", HEADERS_NL, ROWS, encoding=encoding,
                     delimiter=delimiter, bom=bom, title=title)  # fmt: skip
    source = open_source(store, path)
    assert source.table.header_index == (2 if title else 0)
    assert source.mapping["Mobiel"] == "mobile" and source.mapping["Piket"] == "piket"
    plan = plan_import(store, source)
    assert plan.summary.created == 4 and not plan.problems
    assert _counts(store)["people"] == 0  # a plan writes nothing
    apply_import(store, plan)
    card = store.query_one("SELECT id FROM people WHERE name = 'Anna Voorbeeld'")
    channels = store.query(
        "SELECT kind, value, availability FROM channels WHERE owner_id = ? ORDER BY fallback_order",
        (card["id"],),
    )
    # Two numbers in one cell, a landline, an e-mail, all 24/7, in fallback order.
    assert [(c["kind"], c["value"]) for c in channels] == [
        ("direct", "+31531234567"), ("mobile", "+31612345678"), ("mobile", "+31687654321"),
        ("email", "anna@voorbeeld.invalid"),
    ]  # fmt: skip
    assert {c["availability"] for c in channels} == {"24/7"}
    henk = store.query_one(
        "SELECT c.availability FROM channels c JOIN people p ON p.id = c.owner_id "
        "WHERE p.name = 'Henk de Proef' AND c.kind = 'piket'"
    )
    assert henk["availability"] == "office_hours"
    sectors = {
        r["name"]: r["sector"] for r in store.query("SELECT name, sector FROM organisations")
    }
    assert sectors == {
        "Ziekenhuisgroep Twente": "ziekenhuis", "Huisartsenpost Almelo": "huisartsen",
        "Thuiszorg Oefenstad": "vvt",
    }  # fmt: skip
    # "Piket medisch specialist; Crisiscoördinator": two functions, one shared with Anna.
    assert _counts(store)["functions"] == 4


def test_english_headers_in_another_order(store: Store, tmp_path: Path) -> None:
    headers = ["E-mail address", "Mobile phone", "Organization", "Full name", "Role", "Notes"]
    rows = [
        ["x@voorbeeld.invalid", "06-11112222", "GHOR Twente", "Iris Oefenink", "Officier", "nb"]
    ]
    path = write_csv(tmp_path / "list.csv", headers, rows, delimiter=",")
    source = open_source(store, path)
    assert source.mapping == {
        "E-mail address": "email", "Mobile phone": "mobile", "Organization": "organisation",
        "Full name": "name", "Role": "function", "Notes": "notes",
    }  # fmt: skip
    apply_import(store, plan_import(store, source))
    assert store.query_one("SELECT sector FROM organisations")["sector"] == "coordinatie"


def test_xlsx_with_title_rows_and_merged_organisation(store: Store, tmp_path: Path) -> None:
    rows = [list(r) for r in ROWS[:3]]
    rows[2][2] = ""  # Sanne's organisation cell lies under the merge of Anna's
    rows[1], rows[2] = rows[2], rows[1]
    rows[1][2] = ""
    path = write_xlsx(tmp_path / "lijst.xlsx", HEADERS_NL, rows, title_rows=2,
                      merges=("C4:C5",))  # fmt: skip
    source = open_source(store, path)
    assert source.table.kind == "xlsx" and source.table.header_index == 2
    plan = plan_import(store, source)
    assert not plan.problems, [p.text() for p in plan.problems]
    assert [r.organisation for r in plan.rows] == [
        "Ziekenhuisgroep Twente", "Ziekenhuisgroep Twente", "Huisartsenpost Almelo",
    ]  # fmt: skip


def test_mapping_override_and_remembered(store: Store, tmp_path: Path) -> None:
    headers = ["Naam", "Organisatie", "Buiten kantoortijd", "Sector"]
    rows = [["Koen Testerink", "Apotheek Voorbeeld", "06-55556666", "Apotheken"]]
    path = write_csv(tmp_path / "a.csv", headers, rows)
    assert guess_mapping(headers)["Buiten kantoortijd"] == "ignore"
    source = open_source(store, path, "Buiten kantoortijd=mobile")
    assert source.mapping["Buiten kantoortijd"] == "mobile" and source.mapping_origin == "given"
    apply_import(store, plan_import(store, source))
    again = open_source(store, write_csv(tmp_path / "b.csv", headers, rows))
    assert again.mapping_origin == "remembered" and again.mapping["Buiten kantoortijd"] == "mobile"
    with pytest.raises(ValidationError, match="no column 'Tel9'"):
        open_source(store, path, "Tel9=mobile")
    with pytest.raises(ValidationError, match="Unknown field 'fax'"):
        open_source(store, path, "Buiten kantoortijd=fax")


def test_problems_reported_by_row_and_nobody_dropped(store: Store, tmp_path: Path) -> None:
    rows = [
        ROWS[0],
        ["", "Arts", "Ziekenhuisgroep Twente", "", "06-22223333", "", "", ""],
        ["Gijs Nepveld", "Arts", "Bureau Onbekend", "", "12345", "", "geen-mail", "soms"],
        ROWS[0],
        ["", "", "", "", "06-33334444", "", "", ""],
    ]
    path = write_csv(tmp_path / "fout.csv", HEADERS_NL, rows)
    plan = plan_import(store, open_source(store, path))
    codes = {(p.row, p.code) for p in plan.problems}
    assert codes == {
        (4, "unclassified"), (4, "invalid_number"), (4, "invalid_email"),
        (4, "unknown_availability"), (5, "duplicate_person"), (6, "missing_name"),
    }  # fmt: skip
    assert "rij 4: ongeldig telefoonnummer in 'Mobiel': '12345'" in [
        p.text("nl") for p in plan.problems
    ]
    # Only the row with nothing to attach its number to keeps the import from going ahead.
    with pytest.raises(ImportRefused, match="1 rows have problems"):
        apply_import(store, plan)
    assert _counts(store)["people"] == 0
    result = apply_import(store, plan, skip_bad_rows=True)
    assert result.skipped_rows == [6]
    assert _counts(store)["people"] == 2
    gijs = store.query_one("SELECT notes FROM people WHERE name = 'Gijs Nepveld'")
    assert "ongeldig nummer uit import: 12345 (Mobiel)" in gijs["notes"]
    assert "ongeldig e-mailadres uit import: geen-mail (E-mail)" in gijs["notes"]
    arts = store.query_one(
        "SELECT c.value FROM channels c JOIN functions f ON f.id = c.owner_id "
        "WHERE c.owner_type = 'function' AND f.name = 'Arts'"
    )
    assert arts["value"] == "+31622223333"
    assert plan.summary.unclassified == ["Bureau Onbekend"]


def test_reimport_updates_instead_of_duplicating(store: Store, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "lijst.csv", HEADERS_NL, ROWS)
    _import(store, path)
    before = _counts(store)
    changed = [list(r) for r in ROWS]
    changed[1][4] = "06-5432 1098"  # Henk has a new mobile
    changed[0][2] = "ziekenhuisgroep  twente"  # spelling differs, same organisation
    plan = plan_import(
        store, open_source(store, write_csv(tmp_path / "v2.csv", HEADERS_NL, changed))
    )
    assert (plan.summary.created, plan.summary.updated, plan.summary.unchanged) == (0, 1, 3)
    henk = next(r for r in plan.rows if r.name == "Henk de Proef")
    assert henk.changes == ["mobile +31623456789 -> +31654321098"]
    apply_import(store, plan)
    assert _counts(store) == before
    assert store.query_one("SELECT count(*) AS n FROM channels WHERE value = '+31623456789' "
                           "AND deleted = 0")["n"] == 0  # fmt: skip


def test_apply_replans_when_the_store_changed(store: Store, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "lijst.csv", HEADERS_NL, ROWS)
    plan = plan_import(store, open_source(store, path))
    _import(store, path)  # someone else imported it meanwhile
    result = apply_import(store, plan)
    assert result.summary.created == 0 and _counts(store)["people"] == 4


def test_progress_is_reported(store: Store, tmp_path: Path) -> None:
    rows = [[f"Persoon {n} Voorbeeld", "Arts", "Ziekenhuisgroep Twente", "", f"06-1234{n:04d}",
             "", "", "24/7"] for n in range(1200)]  # fmt: skip
    path = write_csv(tmp_path / "groot.csv", HEADERS_NL, rows)
    seen: list[tuple[int, int]] = []
    apply_import(store, plan_import(store, open_source(store, path)),
                 progress=lambda done, total: seen.append((done, total)))  # fmt: skip
    # Rows done out of all rows, rising, ending at the total (3 writes a row here).
    assert seen == [(666, 1200), (1200, 1200)]


def test_sector_from_option_when_the_name_says_nothing(store: Store, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "a.csv", ["Naam", "Organisatie"], [["Tess Proef", "De Linde"]])
    source = open_source(store, path)
    assert [p.code for p in plan_import(store, source).problems] == ["unclassified"]
    plan = plan_import(store, source, default_sector="VVT")
    assert not plan.problems
    apply_import(store, plan)
    assert store.query_one("SELECT sector FROM organisations")["sector"] == "vvt"


def test_unknown_format_is_refused(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "lijst.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 600)
    with pytest.raises(UnreadableFile, match=r"cannot be read as a workbook"):
        open_source(store, path)


def test_derived_ids_are_uuid5() -> None:
    import uuid

    from resilient_zcc.exchange.contact_import import NAMESPACE, derived_id

    for parts in (("a",), ("Anna Voorbeeld", "org-1"), ("é", "x|y", "")):
        assert derived_id("person", *parts) == str(
            uuid.uuid5(NAMESPACE, "person:" + "|".join(parts))
        )


def test_a_wizard_drives_the_same_steps(store: Store, tmp_path: Path) -> None:
    """open -> show mapping -> change a column -> dry run -> apply with progress."""
    headers = ["Naam", "Organisatie", "Sector", "Buiten kantoortijd"]
    rows = [["Fleur Demokamp", "GGD Twente", "GHOR", "06-23456781"]]
    source = open_source(store, write_csv(tmp_path / "w.csv", headers, rows))
    shown = {r["column"]: (r["field"], r["example"]) for r in source.mapping_rows()}
    assert shown["Buiten kantoortijd"] == ("ignore", "06-23456781")
    source.set_field("Buiten kantoortijd", "piket")
    with pytest.raises(ValidationError):
        source.set_field("Buiten kantoortijd", "fax")
    plan = plan_import(store, source)
    assert plan.as_dict()["rows"][0]["changes"] == ["piket +31623456781"]
    steps: list[tuple[int, int]] = []
    apply_import(store, plan, progress=lambda done, total: steps.append((done, total)))
    assert steps == [(1, 1)]


def test_a_quoted_cell_with_two_lines_holds_two_numbers(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "meerregelig.csv"
    path.write_text(
        "Naam;Organisatie;Mobiel\r\n"
        '"Evi Verzinsel";"GGZ Oefenoord";"06-12345678\r\n06-23456789"\r\n',
        encoding="utf-8",
    )
    plan = plan_import(store, open_source(store, path))
    assert plan.rows[0].changes == ["mobile +31612345678", "mobile +31623456789"]


def test_a_workbook_sheet_can_be_chosen(store: Store, tmp_path: Path) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.title = "Uitleg"
    workbook.active.append(["Deze lijst is verzonnen (oefening)."])
    vvt = workbook.create_sheet("VVT")
    vvt.append(["Naam", "Organisatie", "Mobiel"])
    vvt.append(["Marloes Oefenink", "Zorggroep Oefenstad", "06-12345678"])
    path = tmp_path / "regio.xlsx"
    workbook.save(path)
    source = open_source(store, path, sheet="VVT")
    assert "choose with --sheet" in source.table.notes[0]
    assert (source.table.sheet, source.table.sheets) == ("VVT", ["Uitleg", "VVT"])
    assert [r.name for r in plan_import(store, source).rows] == ["Marloes Oefenink"]
    with pytest.raises(UnreadableFile, match="no sheet 'GGZ'. Its sheets: Uitleg, VVT"):
        open_source(store, path, sheet="GGZ")


def test_a_workbook_that_would_unpack_to_gigabytes_is_refused(store: Store, tmp_path: Path) -> None:
    import zipfile

    path = tmp_path / "bom.xlsx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
            block = b"\0" * (1 << 20)
            for _ in range(1100):
                member.write(block)
    assert path.stat().st_size < 5_000_000
    with pytest.raises(UnreadableFile, match="would unpack to more than 1 GB"):
        open_source(store, path)


def test_excel_unicode_text_utf16_with_tabs(store: Store, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "unicode.txt", HEADERS_NL, ROWS, encoding="utf-16", delimiter="\t")
    source = open_source(store, path)
    assert source.table.notes == ["CSV, encoding utf-16, separator '\t'"]
    plan = plan_import(store, source)
    assert plan.summary.created == 4 and not plan.problems


def test_excel_sep_line_and_numbers_stored_as_numbers(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "sep.csv"
    path.write_text("sep=,\nNaam,Organisatie,Mobiel\nIlse Testhorst,GGD Twente,612345678\n")
    source = open_source(store, path)
    assert source.table.headers == ["Naam", "Organisatie", "Mobiel"]
    # Excel shows a phone typed into a number cell without its 0: still the same number.
    assert plan_import(store, source).rows[0].changes == ["mobile +31612345678"]


@pytest.mark.parametrize(
    ("cell", "parts"),
    [
        ("06-12345678", [("06-12345678", "")]),
        ("+31 6 1234 5678", [("+31 6 1234 5678", "")]),
        ("06-12345678 / 053-1234567", [("06-12345678", ""), ("053-1234567", "")]),
        ("06-12345678 (privé); tel: 053-1234567", [("06-12345678", "privé"), ("053-1234567", "")]),
        ("mob. 06-12345678 of 06-87654321", [("06-12345678", ""), ("06-87654321", "")]),
        ("mailto:a@voorbeeld.invalid, b@voorbeeld.invalid",
         [("a@voorbeeld.invalid", ""), ("b@voorbeeld.invalid", "")]),
        ("053/1234567", [("053/1234567", "")]),
        ("mobiel 06-1234 5603 / privé 06-1234 5604",
         [("06-1234 5603", ""), ("06-1234 5604", "privé")]),
        ("06-1234 5624 (via receptie)", [("06-1234 5624", "via receptie")]),
        ("werk: 053-123 4567 of thuis 053-765 4321",
         [("053-123 4567", "werk"), ("053-765 4321", "thuis")]),
        ("piket 06-1234 5609", [("06-1234 5609", "piket")]),
    ],
)  # fmt: skip
def test_several_values_in_one_cell(cell: str, parts: list[tuple[str, str]]) -> None:
    from resilient_zcc.exchange.contact_values import split_values

    assert split_values(cell) == parts
