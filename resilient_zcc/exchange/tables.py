"""A spreadsheet as a list of text rows, whatever it came as; finds the header row.

Limits keep a hostile or mistaken file from taking the machine: the sizes below are far
beyond any real key-contact list.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ZccError
from .mapping import score_header_row

MAX_BYTES = 200 * 1024 * 1024
MAX_ROWS = 200_000
MAX_COLUMNS = 100  # cells beyond this are reported, never read
MAX_CELL = 10_000  # characters
HEADER_SEARCH_ROWS = 30


def too_many_rows(name: str) -> UnreadableFile:
    return UnreadableFile(
        "{name} has more than {limit} rows; split it into smaller lists.",
        name=name,
        limit=MAX_ROWS,
    )


class UnreadableFile(ZccError):
    """The file is not a spreadsheet we can read; the message says what to do."""


@dataclass
class Table:
    """The rows of a sheet as text; `header_index` points at the header row."""

    source: str  # file name, shown in reports
    kind: str  # 'csv', 'xlsx', 'xls' or 'ods'
    rows: list[list[str]]
    header_index: int = 0
    notes: list[str] = field(default_factory=list)  # how it was read (encoding, delimiter)
    wide_rows: dict[int, int] = field(default_factory=dict)  # row number -> cells beyond limit
    sheet: str = ""  # of a workbook: the sheet read
    sheets: list[str] = field(default_factory=list)  # of a workbook: all its sheets

    @property
    def headers(self) -> list[str]:
        return self.rows[self.header_index] if self.rows else []

    def data_rows(self) -> list[tuple[int, list[str]]]:
        """(row number as the user sees it, 1-based, cells) after the header row."""
        return [
            (index + 1, row)
            for index, row in enumerate(self.rows)
            if index > self.header_index and any(cell for cell in row)
        ]


def clean_cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).replace("\r\n", "\n").replace("\xa0", " ").strip()
    return text[:MAX_CELL]


def find_header_row(rows: list[list[str]]) -> int:
    """The row among the first few with the most known header spellings (title rows above)."""
    best, best_score = 0, 0
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        score = score_header_row(row)
        if score > best_score:
            best, best_score = index, score
    if best_score == 0:
        # No known header: take the first row with at least two filled cells.
        for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
            if sum(1 for cell in row if cell) >= 2:
                return index
    return best


def read_table(path: Path, sheet: str | None = None) -> Table:
    """Read a CSV or XLSX file (recognised by content, not by name) into a Table; of a
    workbook the named sheet, else the first."""
    from .csv_reader import read_csv
    from .sheet_reader import read_workbook, workbook_kind

    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise UnreadableFile("{path} does not exist.", path=path) from None
    except OSError as exc:
        raise UnreadableFile(
            "Cannot read {path}: {reason}.", path=path, reason=exc.strerror
        ) from exc
    if path.is_dir():
        raise UnreadableFile("{path} is a folder; give a .csv or .xlsx file.", path=path)
    if size == 0:
        raise UnreadableFile("{name} is empty: there is nothing to import.", name=path.name)
    if size > MAX_BYTES:
        raise UnreadableFile(
            "{name} is {size} MB; at most {limit} MB is read. Split the list.",
            name=path.name,
            size=size // (1024 * 1024),
            limit=MAX_BYTES // (1024 * 1024),
        )
    with path.open("rb") as handle:
        head = handle.read(8)
    kind = workbook_kind(path, head)
    if kind is not None:
        table = read_workbook(path, kind, sheet)
    elif head.startswith(b"PK"):
        raise UnreadableFile(
            "{name} is a zip archive but not a workbook; give a .xlsx, .ods, .xls or .csv file.",
            name=path.name,
        )
    else:
        if sheet is not None:
            raise UnreadableFile(
                "{name} is not a workbook, so it has no sheet '{sheet}'.",
                name=path.name,
                sheet=sheet,
            )
        table = read_csv(path)
    if not any(any(cell for cell in row) for row in table.rows):
        raise UnreadableFile(
            "{name} holds no filled cells: there is nothing to import.", name=path.name
        )
    table.header_index = find_header_row(table.rows)
    if len(table.rows) - table.header_index - 1 > MAX_ROWS:
        raise too_many_rows(path.name)
    return table
