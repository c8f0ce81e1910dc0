"""What an import would do or did, row by row, in words a user can act on."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..i18n import Text
from .sheet_safety import guard_cell

# problem code: its label in the catalogue (Dutch and English)
PROBLEMS: dict[str, Text] = {
    "missing_name": Text("name missing"),
    "invalid_number": Text("invalid phone number"),
    "invalid_email": Text("invalid e-mail address"),
    "unknown_sector": Text("unknown sector"),
    "unknown_availability": Text("unknown availability"),
    "duplicate_person": Text("duplicate person in the file"),
    "formula": Text("cell holds a formula"),
    "too_many_cells": Text("too many cells in the row"),
    "cells_without_header": Text("filled cells without a heading"),
    "unknown_location": Text("unknown location"),
    "invalid_value": Text("invalid value"),
    "refused": Text("report refused"),
    "emergency_number": Text("112 is the emergency number, not a contact's number"),
    "unclassified": Text("sector not known: organisation is 'nog in te delen'"),
    "column_not_read": Text("column with numbers or addresses is not read"),
}
# Problems that never keep a row out: the person and every good value are imported, the
# bad cell is kept as a note on the contact (or the organisation is left to classify).
KEPT = frozenset({"invalid_number", "invalid_email", "emergency_number", "unknown_availability",
                  "unknown_sector", "unclassified", "column_not_read", "duplicate_person",
                  "too_many_cells", "cells_without_header"})  # fmt: skip

ACTIONS: dict[str, Text] = {
    "create": Text("new"),
    "update": Text("update"),
    "unchanged": Text("unchanged"),
    "problem": Text("problem"),
}


@dataclass(frozen=True)
class Problem:
    row: int
    code: str  # a key of PROBLEMS
    column: str = ""  # the header as in the file
    value: str = ""
    detail: str | Text = ""  # the rule, e.g. the phone check's message

    def message(self) -> Text:
        """The problem in words, rendered in the language current when shown."""
        label = PROBLEMS[self.code]
        if self.column and self.value:
            return Text(
                "row {row}: {problem} in '{column}': '{value}'",
                row=self.row, problem=label, column=self.column, value=self.value,
            )  # fmt: skip
        if self.column:
            return Text("row {row}: {problem} in '{column}'", row=self.row, problem=label,
                        column=self.column)  # fmt: skip
        if self.value:
            return Text("row {row}: {problem}: '{value}'", row=self.row, problem=label,
                        value=self.value)  # fmt: skip
        return Text("row {row}: {problem}", row=self.row, problem=label)

    def text(self, lang: str | None = None) -> str:
        """In the given language; by default the current one."""
        return self.message().render(lang)

    def detail_text(self, lang: str | None = None) -> str:
        return self.detail.render(lang) if isinstance(self.detail, Text) else self.detail

    def as_dict(self) -> dict[str, Any]:
        return dict(
            self.__dict__,
            detail=self.detail_text("nl"),
            detail_en=self.detail_text("en"),
            text=self.text("nl"),
            text_en=self.text("en"),
        )


@dataclass
class RowPlan:
    """One data row: what it becomes, and the writes that make it so (computed, not done)."""

    row: int
    action: str  # a key of ACTIONS
    name: str = ""
    organisation: str = ""
    person_id: str = ""
    changes: list[str] = field(default_factory=list)  # e.g. 'mobile +31612345678'
    problems: list[Problem] = field(default_factory=list)
    writes: list[tuple[str, str, dict[str, Any]]] = field(default_factory=list)
    owner: str = "person"  # or 'function'/'organisation': a row about a number without a person

    @property
    def blocking(self) -> list[Problem]:
        """The problems that keep this row out (a missing name, a formula, ...)."""
        return [p for p in self.problems if p.code not in KEPT]

    def as_dict(self) -> dict[str, Any]:
        return {
            "row": self.row,
            "action": self.action,
            "name": self.name,
            "organisation": self.organisation,
            "person_id": self.person_id,
            "owner": self.owner,
            "changes": self.changes,
            "problems": [p.as_dict() for p in self.problems],
        }


@dataclass
class ImportSummary:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    problem_rows: int = 0
    organisations_created: int = 0
    functions_created: int = 0
    kept_with_notes: int = 0  # rows imported with a bad cell kept as a note
    unclassified: list[str] = field(default_factory=list)  # organisations to classify

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__, unclassified=list(self.unclassified))


def problems_csv(problems: Iterable[Problem], lang: str | None = None) -> bytes:
    """The problems as a sheet to work through: row, column, value, problem, rule."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    heading = (Text("Row"), Text("Column"), Text("Value"), Text("Problem"), Text("Detail"))
    writer.writerow([h.render(lang) for h in heading])
    for p in problems:
        label = PROBLEMS[p.code].render(lang)
        cells = (p.column, p.value, label, p.detail_text(lang))
        writer.writerow([str(p.row), *(guard_cell(c) for c in cells)])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
