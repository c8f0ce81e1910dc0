"""Spreadsheets written the way GHOR staff keep their lists; every person and number invented."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

HEADERS_NL = ["Naam", "Functie", "Organisatie", "Telefoon", "Mobiel", "Piket", "E-mail",
              "Bereikbaarheid"]  # fmt: skip
ROWS = [
    ["Anna Voorbeeld", "Crisiscoördinator", "Ziekenhuisgroep Twente", "053-123 4567",
     "06-1234 5678 / 06-8765 4321", "", "anna@voorbeeld.invalid", "24/7"],
    ["Henk de Proef", "Bedmanager", "Huisartsenpost Almelo", "", "06-2345 6789",
     "0546-123456", "", "kantoortijden"],
    ["Sanne Fictief", "Piket medisch specialist; Crisiscoördinator", "Ziekenhuisgroep Twente",
     "", "+31 (0)6 3456 7890", "053 - 765 4321", "s.fictief@voorbeeld.invalid", "volgens rooster"],
    ["Bram Testman", "Teamleider wijkverpleging", "Thuiszorg Oefenstad", "", "0031 6 4567 8901",
     "", "", "ma-vr 8-17"],
]  # fmt: skip


def write_csv(path: Path, headers: list[str], rows: list[list[str]], *, encoding: str = "utf-8",
              delimiter: str = ";", title: bool = False, bom: bool = False) -> Path:  # fmt: skip
    lines = []
    if title:
        lines += ["Sleutelfunctionarissen regio (oefenlijst, verzonnen)", ""]
    for row in [headers, *rows]:
        lines.append(delimiter.join(f'"{c}"' if delimiter in c or '"' in c else c for c in row))
    data = ("\r\n".join(lines) + "\r\n").encode(encoding)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)
    return path


def write_xlsx(path: Path, headers: list[str], rows: list[list[str]], *, title_rows: int = 0,
               merges: tuple[str, ...] = ()) -> Path:  # fmt: skip
    """A workbook with a merged title above the header row, and other merged ranges."""
    workbook = Workbook()
    sheet = workbook.active
    if title_rows:
        sheet.cell(row=1, column=1, value="Bereikbaarheidslijst GHOR (oefening, verzonnen)")
        sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(headers))
    start = title_rows + 1
    for c, header in enumerate(headers, start=1):
        sheet.cell(row=start, column=c, value=header)
    for r, row in enumerate(rows, start=start + 1):
        for c, value in enumerate(row, start=1):
            if value != "":
                sheet.cell(row=r, column=c, value=value)
    for ref in merges:
        sheet.merge_cells(ref)
    workbook.save(path)
    return path
