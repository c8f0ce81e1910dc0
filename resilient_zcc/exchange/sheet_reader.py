"""Workbooks (XLSX, old XLS, OpenDocument ODS) read with python-calamine: stored values
only, formulas never evaluated, one library for all three and much faster than openpyxl.

calamine (Rust) gives each cell's stored value (for a formula, the value the spreadsheet
saved with the file) and the merged ranges; merged cells are filled from their top-left
cell, so an organisation name merged over five rows applies to all five. A zip that would
unpack to more than 1 GiB is refused before calamine opens it.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import python_calamine
from defusedxml.ElementTree import iterparse

from .tables import MAX_COLUMNS, MAX_ROWS, Table, UnreadableFile, clean_cell, too_many_rows

MAX_UNPACKED = 1024 * 1024 * 1024  # a workbook that unpacks to more is refused (zip bomb)
OLE2 = b"\xd0\xcf\x11\xe0"  # old .xls, or an encrypted (password) workbook
_ODS = b"application/vnd.oasis.opendocument.spreadsheet"
_KINDS = {"xlsx": "Excel", "xls": "Excel 97-2003", "ods": "OpenDocument"}


def workbook_kind(path: Path, head: bytes) -> str | None:
    """'xlsx', 'ods' or 'xls' by content (never by name); None for anything else."""
    if head.startswith(OLE2):
        return "xls"
    if not head.startswith(b"PK"):
        return None
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
            names = {e.filename for e in entries}
            if "xl/workbook.xml" in names:
                kind = "xlsx"
            elif "mimetype" in names and archive.read("mimetype").strip() == _ODS:
                kind = "ods"
            else:
                return None
    except zipfile.BadZipFile:
        return None
    if sum(e.file_size for e in entries) > MAX_UNPACKED:
        raise UnreadableFile(
            "{name} would unpack to more than {limit} GB; it is refused. "
            "Save the list again from Excel or LibreOffice.",
            name=path.name,
            limit=MAX_UNPACKED // 1024**3,
        )
    return kind


def read_workbook(path: Path, kind: str, sheet_name: str | None = None) -> Table:
    try:
        workbook = python_calamine.CalamineWorkbook.from_path(str(path))
    except python_calamine.PasswordError as exc:
        raise UnreadableFile(
            "{name} is protected with a password. Save it without a password (or as .csv) "
            "and import that.",
            name=path.name,
        ) from exc
    except Exception as exc:  # calamine raises several kinds on damaged files
        raise UnreadableFile(
            "{name} cannot be read as a workbook ({kind}); open it in Excel or LibreOffice "
            "and save it again as .xlsx or .ods.",
            name=path.name,
            kind=type(exc).__name__,
        ) from exc
    try:
        names = list(workbook.sheet_names)
        if sheet_name is not None and sheet_name not in names:
            raise UnreadableFile(
                "{name} has no sheet '{sheet}'. Its sheets: {sheets}.",
                name=path.name,
                sheet=sheet_name,
                sheets=", ".join(names),
            )
        if not names:
            raise UnreadableFile("{name} holds no sheets.", name=path.name)
        title = sheet_name if sheet_name is not None else names[0]
        try:
            sheet = workbook.get_sheet_by_name(title)
            values = sheet.to_python(skip_empty_area=False)
            merged = sheet.merged_cell_ranges or []
            if kind == "ods" and not merged:  # calamine reports no ranges for ODS
                merged = _ods_merged(path, names.index(title))
        except python_calamine.CalamineError as exc:
            raise UnreadableFile(
                "{name} cannot be read as a workbook ({kind}); open it in Excel or "
                "LibreOffice and save it again as .xlsx or .ods.",
                name=path.name,
                kind=type(exc).__name__,
            ) from exc
    finally:
        workbook.close()
    if len(values) > MAX_ROWS + 50:
        raise too_many_rows(path.name)
    rows: list[list[str]] = []
    wide: dict[int, int] = {}
    for number, row in enumerate(values, start=1):
        if len(row) > MAX_COLUMNS and any(v not in ("", None) for v in row[MAX_COLUMNS:]):
            wide[number] = len(row)
        rows.append([clean_cell(v) for v in row[:MAX_COLUMNS]])
    _fill_merged(rows, merged)
    width = max((len(r) for r in rows), default=0)
    for cells in rows:
        cells.extend([""] * (width - len(cells)))
    others = (
        f" (of {len(names)}: {', '.join(names)}; choose with --sheet)" if len(names) > 1 else ""
    )
    notes = [f"{_KINDS[kind]}, sheet '{title}'{others}"]
    return Table(path.name, kind, rows, notes=notes, wide_rows=wide, sheet=title, sheets=names)


Range = tuple[tuple[int, int], tuple[int, int]]  # ((first row, first column), (last ...))
_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_REPEAT_CAP = 1000  # a repeated empty row or cell at a sheet's end can claim a million


def _ods_merged(path: Path, sheet_index: int) -> list[Range]:
    """The merged ranges of an ODS sheet, from content.xml's `number-rows-spanned` and
    `number-columns-spanned` (parsed with defusedxml; read only when the file has any)."""
    with zipfile.ZipFile(path) as archive:
        content = archive.read("content.xml")
    if b"-spanned=" not in content:
        return []
    ranges: list[Range] = []
    table_index, row, column = -1, 0, 0
    for event, element in iterparse(io.BytesIO(content), events=("start", "end")):
        tag = element.tag
        if event == "start" and tag == f"{_TABLE}table":
            table_index, row = table_index + 1, 0
        if table_index != sheet_index:
            if event == "end":
                element.clear()
            continue
        if event == "start" and tag == f"{_TABLE}table-row":
            column = 0
        elif event == "end" and tag == f"{_TABLE}table-row":
            row += min(int(element.get(f"{_TABLE}number-rows-repeated", "1")), _REPEAT_CAP)
            element.clear()
        elif event == "start" and tag in (f"{_TABLE}table-cell", f"{_TABLE}covered-table-cell"):
            rows = int(element.get(f"{_TABLE}number-rows-spanned", "1"))
            columns = int(element.get(f"{_TABLE}number-columns-spanned", "1"))
            if rows > 1 or columns > 1:
                ranges.append(((row, column), (row + rows - 1, column + columns - 1)))
            repeat = int(element.get(f"{_TABLE}number-columns-repeated", "1"))
            column += min(repeat, _REPEAT_CAP)
    return ranges


def _fill_merged(rows: list[list[str]], merged: list[Range]) -> None:
    for (min_row, min_col), (max_row, max_col) in merged:  # zero-based, inclusive
        if min_row >= len(rows) or min_col >= MAX_COLUMNS:
            continue
        top = rows[min_row]
        value = top[min_col] if min_col < len(top) else ""
        for r in range(min_row, min(max_row, len(rows) - 1) + 1):
            row = rows[r]
            for c in range(min_col, min(max_col, MAX_COLUMNS - 1) + 1):
                while len(row) <= c:
                    row.append("")
                if not row[c]:
                    row[c] = value
