"""What an import would do or did, row by row, in words a user can act on."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .sheet_safety import guard_cell

# problem code: (Dutch, English)
PROBLEMS: dict[str, tuple[str, str]] = {
    "missing_name": ("naam ontbreekt", "name missing"),
    "invalid_number": ("ongeldig telefoonnummer", "invalid phone number"),
    "invalid_email": ("ongeldig e-mailadres", "invalid e-mail address"),
    "unknown_sector": ("onbekende sector", "unknown sector"),
    "unknown_availability": ("onbekende bereikbaarheid", "unknown availability"),
    "duplicate_person": ("dubbele persoon in het bestand", "duplicate person in the file"),
    "formula": ("cel bevat een formule", "cell holds a formula"),
    "too_many_cells": ("te veel cellen in de rij", "too many cells in the row"),
    "cells_without_header": ("gevulde cellen zonder kolomkop", "filled cells without a heading"),
}

ACTIONS: dict[str, tuple[str, str]] = {
    "create": ("nieuw", "new"),
    "update": ("bijwerken", "update"),
    "unchanged": ("ongewijzigd", "unchanged"),
    "problem": ("probleem", "problem"),
}


@dataclass(frozen=True)
class Problem:
    row: int
    code: str  # a key of PROBLEMS
    column: str = ""  # the header as in the file
    value: str = ""
    detail: str = ""  # the rule, e.g. the phone check's message

    def text(self, lang: str = "nl") -> str:
        nl, en = PROBLEMS[self.code]
        label = nl if lang == "nl" else en
        where = f" in '{self.column}'" if self.column else ""
        value = f": '{self.value}'" if self.value else ""
        return f"{'rij' if lang == 'nl' else 'row'} {self.row}: {label}{where}{value}"

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__, text=self.text("nl"), text_en=self.text("en"))


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

    def as_dict(self) -> dict[str, Any]:
        return {
            "row": self.row,
            "action": self.action,
            "name": self.name,
            "organisation": self.organisation,
            "person_id": self.person_id,
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

    def as_dict(self) -> dict[str, int]:
        return dict(self.__dict__)


def problems_csv(problems: Iterable[Problem], lang: str = "nl") -> bytes:
    """The problems as a sheet to work through: row, column, value, problem, rule."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    if lang == "nl":
        writer.writerow(["Rij", "Kolom", "Waarde", "Probleem", "Toelichting"])
    else:
        writer.writerow(["Row", "Column", "Value", "Problem", "Detail"])
    for p in problems:
        label = PROBLEMS[p.code][0 if lang == "nl" else 1]
        writer.writerow(
            [str(p.row), *(guard_cell(t) for t in (p.column, p.value, label, p.detail))]
        )
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
