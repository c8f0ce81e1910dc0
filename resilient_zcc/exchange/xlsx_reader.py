"""XLSX with openpyxl in read-only mode: stored values only, formulas never evaluated.

openpyxl parses the workbook's XML through defusedxml when it is installed (it is one of
our dependencies), so entity tricks inside an .xlsx are refused as well.

`data_only=True` gives the value Excel saved with the file for a formula cell (openpyxl
computes nothing). Merged cells are filled from their top-left cell, so an organisation
name merged over five rows applies to all five.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils.cell import range_boundaries

from .tables import MAX_COLUMNS, MAX_ROWS, Table, UnreadableFile, clean_cell, too_many_rows

_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+[0-9]+:[A-Z]+[0-9]+)"')


MAX_UNPACKED = 1024 * 1024 * 1024  # a workbook that unpacks to more is refused (zip bomb)


def is_xlsx(path: Path, head: bytes) -> bool:
    """A zip holding a workbook; one that would unpack to more than 1 GiB is refused."""
    if not head.startswith(b"PK"):
        return False
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
    except zipfile.BadZipFile:
        return False
    if not any(e.filename == "xl/workbook.xml" for e in entries):
        return False
    if sum(e.file_size for e in entries) > MAX_UNPACKED:
        raise UnreadableFile(
            "{name} would unpack to more than {limit} GB; it is refused. "
            "Save the list again from Excel or LibreOffice.",
            name=path.name,
            limit=MAX_UNPACKED // 1024**3,
        )
    return True


def read_xlsx(path: Path, sheet_name: str | None = None) -> Table:
    try:
        workbook = load_workbook(path, read_only=True, data_only=True, keep_links=False)
    except Exception as exc:  # openpyxl raises many kinds on damaged files
        raise UnreadableFile(
            "{name} cannot be read as an Excel workbook ({kind}); open it "
            "in Excel or LibreOffice and save it again as .xlsx.",
            name=path.name,
            kind=type(exc).__name__,
        ) from exc
    try:
        names = workbook.sheetnames
        if sheet_name is not None and sheet_name not in names:
            raise UnreadableFile(
                "{name} has no sheet '{sheet}'. Its sheets: {sheets}.",
                name=path.name,
                sheet=sheet_name,
                sheets=", ".join(names),
            )
        sheet = workbook[sheet_name] if sheet_name is not None else workbook.worksheets[0]
        sheet.reset_dimensions()  # some writers store a wrong size; read what is there
        rows: list[list[str]] = []
        wide: dict[int, int] = {}
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            if number > MAX_ROWS + 50:
                raise too_many_rows(path.name)
            if len(values) > MAX_COLUMNS and any(v is not None for v in values[MAX_COLUMNS:]):
                wide[number] = len(values)
            rows.append([clean_cell(v) for v in values[:MAX_COLUMNS]])
        merged = _merged_ranges(workbook, sheet)
        title = sheet.title
        sheets = len(workbook.worksheets)
    finally:
        workbook.close()
    _fill_merged(rows, merged)
    width = max((len(r) for r in rows), default=0)
    for row in rows:
        row.extend([""] * (width - len(row)))
    others = f" (of {sheets}: {', '.join(names)}; choose with --sheet)" if sheets > 1 else ""
    notes = [f"Excel, sheet '{title}'{others}"]
    return Table(path.name, "xlsx", rows, notes=notes, wide_rows=wide)


def _merged_ranges(workbook: object, sheet: object) -> list[tuple[int, int, int, int]]:
    """Merged ranges of the sheet, read from its XML (read-only sheets do not expose them)."""
    archive = getattr(workbook, "_archive", None)
    sheet_path = getattr(sheet, "_worksheet_path", None)
    if archive is None or sheet_path is None:
        return []
    ranges = []
    with archive.open(sheet_path) as source:
        tail = b""
        while chunk := source.read(1 << 20):
            data = tail + chunk
            ranges += [m.group(1).decode() for m in _MERGE.finditer(data)]
            tail = data[-200:]
            # a match split across chunks is found again in the tail; duplicates are removed
    result = []
    for ref in dict.fromkeys(ranges):
        min_col, min_row, max_col, max_row = range_boundaries(ref)
        result.append((min_col, min_row, max_col, max_row))
    return result


def _fill_merged(rows: list[list[str]], merged: list[tuple[int, int, int, int]]) -> None:
    for min_col, min_row, max_col, max_row in merged:
        if min_row > len(rows) or min_col > MAX_COLUMNS:
            continue
        top = rows[min_row - 1]
        value = top[min_col - 1] if min_col - 1 < len(top) else ""
        for r in range(min_row, min(max_row, len(rows)) + 1):
            row = rows[r - 1]
            for c in range(min_col, min(max_col, MAX_COLUMNS) + 1):
                while len(row) < c:
                    row.append("")
                if not row[c - 1]:
                    row[c - 1] = value
