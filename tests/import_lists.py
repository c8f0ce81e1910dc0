"""Key-contact lists as regions keep them, with every case issue 16 names; all people,
numbers and addresses invented (06-1234 5xxx and .invalid mail)."""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

from .exchange_fixtures import write_csv, write_xlsx

# A piket list in Dutch: no sector column, landline and piket columns with their own
# headings, piket rows without a person, cells with two labelled numbers, 112, bad cells.
PIKET_HEADERS = ["Organisatie", "Functie", "Naam", "Vast / doorkiesnummer", "Mobiel",
                 "Piket (24/7)", "E-mail", "Bereikbaarheid"]  # fmt: skip
PIKET_ROWS = [
    ["Medisch Spectrum Twente", "Crisiscoördinator", "van der Berg, J.", "053-123 4501",
     "mobiel 06-1234 5603 / privé 06-1234 5604", "", "j.vdberg@voorbeeld.invalid", "24/7"],
    ["Medisch Spectrum Twente", "Piket SEH-arts", "", "", "", "053-123 4502", "", "rooster"],
    ["Alerta", "Teamleider", "Dijkstra, R.", "06-1234 5624 (via receptie)", "", "112",
     "r.dijkstra@", "bij opschaling"],
    ["THOEZ", "Coördinator zorg", "Dr. E. (Els) Kuipers", "12345", "06-1234 5605", "", "", ""],
    ["Roessingh", "Manager bedrijfsvoering", "van 't Hof, L.", "", "06-1234 5606", "",
     "l.vanthof@voorbeeld.invalid", "kantoortijden"],
    ["Mediant", "Crisisteam GGZ", "Piet Voorbeeld", "", "06-1234 5607", "", "", "soms"],
    ["Aveleijn", "Bestuurder", "Ans de Proef", "0546-123 456 of 0546-123 457", "", "", "",
     "24/7"],
    ["Aveleijn", "Piket zorg", "", "", "", "06-1234 5608", "", ""],
    ["Roessingh", "", "", "053-123 4503", "", "", "", "24/7"],
]  # fmt: skip


def piket_list(tmp_path: Path) -> Path:
    return write_xlsx(tmp_path / "piketlijst.xlsx", PIKET_HEADERS, PIKET_ROWS, title_rows=1)


# The held-out style: another region's list, English headings, a CSV with commas, a
# satellite and a C2000 column, "Privé" and "Secretariaat" columns, initials first.
HELD_OUT_HEADERS = ["Organisation", "Role", "Contact", "Office phone", "Secretariaat",
                    "Privé", "On call (24/7)", "Sat", "Portofoon", "Email", "Hours"]  # fmt: skip
HELD_OUT_ROWS = [
    ["Ziekenhuis Oefenburg", "Crisis coordinator", "Mr. drs. K. de Wit", "053-123 4510",
     "053-123 4511", "06-1234 5610", "", "+881 6 1234 5610", "ZCC-Oefen-1",
     "k.dewit@voorbeeld.invalid", "office hours"],
    ["Ziekenhuis Oefenburg", "Duty manager", "", "", "", "", "053-123 4512", "", "", "",
     ""],
    ["Stichting Nepzorg", "Director", "Bakker, T.", "", "", "06-1234 5611 of 06-1234 5612",
     "", "", "", "t.bakker@voorbeeld", "when scaled up"],
    ["Stichting Nepzorg", "Care lead", "W. (Wim) van den Heuvel", "0546 123 458", "", "",
     "", "", "", "", ""],
    ["Huisartsenpost Fictiefstad", "Triagist", "S. Yılmaz", "", "", "06-1234 5613 (thuis)",
     "112", "", "", "s.yilmaz@voorbeeld.invalid", "24/7"],
]  # fmt: skip


def held_out_list(tmp_path: Path) -> Path:
    return write_csv(tmp_path / "regio-oefen.csv", HELD_OUT_HEADERS, HELD_OUT_ROWS,
                     delimiter=",")  # fmt: skip


def write_ods(path: Path, headers: list[str], rows: list[list[str]], *,
              merged_first_column: int = 0) -> Path:  # fmt: skip
    """An OpenDocument spreadsheet as LibreOffice writes one, the least it needs: the
    mimetype first and stored, a manifest, and content.xml. `merged_first_column` merges
    the first column's cell of the first data row over that many rows."""

    def cell(text: str, span: int = 0) -> str:
        extra = f' table:number-rows-spanned="{span}"' if span else ""
        if not text:
            return f"<table:table-cell{extra}/>"
        return (f'<table:table-cell office:value-type="string"{extra}>'
                f"<text:p>{escape(text)}</text:p></table:table-cell>")  # fmt: skip

    body = []
    for index, row in enumerate([headers, *rows]):
        cells = []
        for c, text in enumerate(row):
            if c == 0 and index == 1 and merged_first_column:
                cells.append(cell(text, merged_first_column))
            elif c == 0 and 1 < index <= merged_first_column:
                cells.append("<table:covered-table-cell/>")
            else:
                cells.append(cell(text))
        body.append("<table:table-row>" + "".join(cells) + "</table:table-row>")
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        "<office:document-content "
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        '<office:body><office:spreadsheet><table:table table:name="Contacten">'
        + "".join(body)
        + "</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"'
        ' manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type='
        '"application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"),
                         "application/vnd.oasis.opendocument.spreadsheet")  # fmt: skip
        archive.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
    return path
