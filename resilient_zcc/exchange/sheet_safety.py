"""Cells that a spreadsheet program would run as a formula get a leading apostrophe.

CSV/formula injection: Excel and LibreOffice treat a cell starting with = + - @ (or a tab or
carriage return before one) as a formula, which can run commands through DDE. Such text is
written as `'=...`, which both programs show as text. The importer strips exactly this one
apostrophe again, so an export imported back is unchanged.

Phone numbers never need the guard: Dutch numbers are written as dialled at home
("06 12345678") and foreign ones with the international prefix as dialled from the
Netherlands ("00 32 2 123 45 67"), never with a leading '+'.
"""

from __future__ import annotations

from .contact_values import FORMULA_START


def needs_guard(text: str) -> bool:
    return bool(text) and text.startswith(FORMULA_START)


def guard_cell(text: str) -> str:
    """For CSV: a leading apostrophe. XLSX uses the quote-prefix style instead
    (`contact_export._xlsx_cell`), which hides it."""
    if needs_guard(text):
        return "'" + text
    return text
