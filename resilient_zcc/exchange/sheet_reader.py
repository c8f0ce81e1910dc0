"""Workbooks (XLSX, old XLS, OpenDocument ODS) read with python-calamine: stored values
only, formulas never evaluated, one library for all three and much faster than openpyxl.

calamine (Rust) gives each cell's stored value (for a formula, the value the spreadsheet
saved with the file) and the merged ranges; merged cells are filled from their top-left
cell, so an organisation name merged over five rows applies to all five. A zip that would
unpack to more than 1 GiB is refused before calamine opens it.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import python_calamine

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
