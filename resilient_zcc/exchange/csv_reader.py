"""CSV as GHOR staff save it: ; , or tab (sniffed), UTF-8 with or without BOM, Windows-1252,
or UTF-16 (Excel's "Unicode text")."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from .tables import MAX_COLUMNS, MAX_ROWS, Table, UnreadableFile, clean_cell, too_many_rows

ENCODINGS = ("utf-8-sig", "cp1252")


def decode(data: bytes, name: str) -> tuple[str, str]:
    """The text and the encoding it was in; binary data is refused. Excel's "Unicode text"
    is UTF-16 with a byte-order mark (and tabs)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            pass
    sample = data[:65536]
    if b"\x00" in sample or _control_share(sample) > 0.05:
        raise UnreadableFile(
            "{name} is not a text file (it holds binary data); give a .csv saved from Excel "
            "or LibreOffice, or the .xlsx itself.",
            name=name,
        )
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise UnreadableFile("{name} is in an unknown text encoding; save it as CSV UTF-8.", name=name)


def _control_share(sample: bytes) -> float:
    if not sample:
        return 0.0
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 13))
    return controls / len(sample)


def sniff_dialect(text: str) -> type[csv.Dialect] | csv.Dialect:
    hint = text[:6].lower()
    if hint.startswith("sep=") and len(text) > 4:  # Excel's "sep=;" line names the separator
        dialect = csv.excel()
        dialect.delimiter = text[4]
        return dialect
    sample = "\n".join(text.splitlines()[:50])
    try:
        return csv.Sniffer().sniff(sample, delimiters=";,\t|")
    except csv.Error:
        # One column, or too irregular to tell: Dutch Excel writes ';'.
        dialect = csv.excel()
        dialect.delimiter = ";" if sample.count(";") >= sample.count(",") else ","
        return dialect


def read_csv(path: Path) -> Table:
    text, encoding = decode(path.read_bytes(), path.name)
    dialect = sniff_dialect(text)
    if text[:4].lower() == "sep=":
        text = text.split("\n", 1)[1] if "\n" in text else ""
    rows: list[list[str]] = []
    wide: dict[int, int] = {}
    try:
        for number, raw in enumerate(csv.reader(io.StringIO(text, newline=""), dialect), start=1):
            if number > MAX_ROWS + 50:
                raise too_many_rows(path.name)
            if len(raw) > MAX_COLUMNS and any(cell.strip() for cell in raw[MAX_COLUMNS:]):
                wide[number] = len(raw)
            rows.append([clean_cell(cell) for cell in raw[:MAX_COLUMNS]])
    except csv.Error as exc:
        raise UnreadableFile(
            "{name} is not a readable CSV file ({reason}).", name=path.name, reason=exc
        ) from exc
    delimiter = getattr(dialect, "delimiter", ";")
    notes = [f"CSV, encoding {encoding}, separator '{delimiter}'"]
    return Table(path.name, "csv", rows, notes=notes, wide_rows=wide)
