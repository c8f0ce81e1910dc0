"""Continuity reports from a CSV or XLSX: every good row is recorded, every bad one reported.

A report typed in from a paper form or a radio log is an immutable fact like any other, so
one bad cell must not hold back the rest: each row is checked by the same rules as a report
made in the app (`continuity.model.report_continuity`), the good rows are written in one
transaction, and the problems come back row by row. Each report's id derives from its
content, so importing the same file again adds nothing.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..continuity.model import report_continuity
from ..errors import ZccError
from ..i18n import Text
from .capacity_csv import parse_time
from .continuity_csv import (
    CARE_CODES,
    DOWN_CODES,
    EVACUATION_CODES,
    POWER_CODES,
    SOURCE_CODES,
    ContinuityRow,
    read_continuity_table,
)
from .import_report import Problem
from .mapping import normalise_header

if TYPE_CHECKING:
    from ..store import Store

_NS = uuid.UUID("0b7c51d4-2f64-4f0e-9a53-6d3b1e8c7a21")
FILE_SOURCE = "bestand"


@dataclass
class ContinuityImportResult:
    rows: int = 0
    added: int = 0
    unchanged: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def problem_rows(self) -> int:
        return len({p.row for p in self.problems})

    def as_dict(self) -> dict[str, Any]:
        return {
            "rows": self.rows,
            "added": self.added,
            "unchanged": self.unchanged,
            "problem_rows": self.problem_rows,
            "problems": [p.as_dict() for p in self.problems],
        }


class _BadCell(Exception):
    def __init__(self, problem: Problem) -> None:
        self.problem = problem


def _locations(store: Store) -> dict[str, str]:
    found: dict[str, str] = {}
    for r in store.query("SELECT id, name FROM locations WHERE deleted = 0 ORDER BY id"):
        found[r["id"]] = r["id"]
        found.setdefault(normalise_header(r["name"]), r["id"])
    return found


def _bad(row: ContinuityRow, name: str, code: str, detail: Text | str = "") -> _BadCell:
    return _BadCell(
        Problem(row.number, code, row.headers.get(name, name), row.values.get(name, ""), detail)
    )


def _code(row: ContinuityRow, name: str, codes: dict[str, str], default: str) -> str:
    text = row.values.get(name, "")
    if not text:
        return default
    code = codes.get(normalise_header(text))
    if code is None:
        allowed = ", ".join(sorted(set(codes.values())))
        raise _bad(row, name, "invalid_value", Text("Allowed: {allowed}.", allowed=allowed))
    return code


def _hours(row: ContinuityRow) -> float | None:
    text = row.values.get("autonomy_hours", "").replace(",", ".").replace(" ", "")
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        raise _bad(
            row, "autonomy_hours", "invalid_value", Text("Give the hours as a number, e.g. 12,5.")
        ) from None


def _down(row: ContinuityRow) -> list[str]:
    codes = []
    for part in row.values.get("down", "").replace("|", ",").split(","):
        if not part.strip() or normalise_header(part) in ("geen", "none", "niets", "nothing"):
            continue
        code = DOWN_CODES.get(normalise_header(part))
        if code is None:
            allowed = ", ".join(sorted(set(DOWN_CODES.values())))
            raise _bad(row, "down", "invalid_value", Text("Allowed: {allowed}.", allowed=allowed))
        codes.append(code)
    return codes


def _note(row: ContinuityRow) -> str:
    """The note, led by the paper form's number when the sheet has one (no field of its own)."""
    note, form = row.values.get("note", ""), row.values.get("form", "")
    return f"formulier {form}; {note}".rstrip("; ") if form else note


def _planned(row: ContinuityRow, locations: dict[str, str]) -> dict[str, Any]:
    """The row as the arguments of a report, or _BadCell for its first bad cell."""
    # The id first; a file from another profile has ids of its own, so then the name.
    location_id = locations.get(row.values.get("location_id", "")) or locations.get(
        normalise_header(row.values.get("location", ""))
    )
    if location_id is None:
        column = "location_id" if row.values.get("location_id") else "location"
        raise _bad(row, column, "unknown_location",
                   Text("'capacity locations' lists the locations."))  # fmt: skip
    if not row.values.get("time"):
        raise _bad(row, "time", "invalid_value", Text("The time the figures were true."))
    try:
        at = parse_time(row.values["time"], Text("row {number}", number=row.number))
    except ZccError as exc:
        raise _bad(row, "time", "invalid_value", exc.message) from None
    return {
        "location_id": location_id,
        "power": _code(row, "power", POWER_CODES, ""),
        "autonomy_hours": _hours(row),
        "down": _down(row),
        "care_scaled": _code(row, "care_scaled", CARE_CODES, "geen"),
        "evacuation": _code(row, "evacuation", EVACUATION_CODES, "geen"),
        "note": _note(row),
        "reporter": row.values.get("reporter", ""),
        "source": _code(row, "source", SOURCE_CODES, FILE_SOURCE),
        "reported_at": at,
    }


def _key(report: dict[str, Any]) -> str:
    at = report["reported_at"].astimezone(UTC).isoformat(timespec="seconds")
    parts = (report["location_id"], at, report["power"], report["autonomy_hours"],
             ",".join(sorted(report["down"])), report["care_scaled"], report["evacuation"],
             report["note"].strip())  # fmt: skip
    return "|".join(str(p) for p in parts)


def _stored_hours(report: dict[str, Any]) -> float | None:
    """The hours as the model stores them: none on mains, 0 without power."""
    if report["power"] == "net":
        return None
    if report["power"] == "geen":
        return 0.0
    hours = report["autonomy_hours"]
    return None if hours is None else float(hours)


def _already_there(store: Store, report_id: str, report: dict[str, Any]) -> bool:
    """This report, or one with the same figures for the same place and moment."""
    at = report["reported_at"].astimezone(UTC).isoformat(timespec="seconds")
    rows = store.query(
        "SELECT id, power, autonomy_hours, down, care_scaled, evacuation, note "
        "FROM continuity_reports WHERE location_id = ? AND reported_at = ? AND deleted = 0",
        (report["location_id"], at),
    )
    wanted = (
        report["power"], _stored_hours(report), sorted(report["down"]), report["care_scaled"],
        report["evacuation"], report["note"].strip(),
    )  # fmt: skip
    for r in rows:
        found = (
            r["power"], r["autonomy_hours"], sorted(filter(None, (r["down"] or "").split(","))),
            r["care_scaled"], r["evacuation"], (r["note"] or "").strip(),
        )  # fmt: skip
        if r["id"] == report_id or found == wanted:
            return True
    return False


class _DryRun(Exception):
    def __init__(self, result: ContinuityImportResult) -> None:
        self.result = result


def import_continuity(
    store: Store, path: Path, *, now: datetime | None = None, dry_run: bool = False
) -> ContinuityImportResult:
    """Record every good row as a continuity report; report every bad one."""
    now = now or datetime.now(UTC)
    table = read_continuity_table(path)
    if not table.rows:
        raise ZccError("{name} holds no continuity reports; nothing was imported.",
                       name=table.name)  # fmt: skip
    locations = _locations(store)
    result = ContinuityImportResult(rows=len(table.rows))
    with store.transaction():
        for row in table.rows:
            try:
                report = _planned(row, locations)
            except _BadCell as bad:
                result.problems.append(bad.problem)
                continue
            report_id = str(uuid.uuid5(_NS, _key(report)))
            if _already_there(store, report_id, report):
                result.unchanged += 1
                continue
            try:  # the model's own rules: negative hours, a time ahead, hours missing...
                report_continuity(store, now=now, report_id=report_id, **report)
            except ZccError as exc:
                result.problems.append(Problem(row.number, "refused", detail=exc.message))
                continue
            result.added += 1
        if dry_run:
            raise _DryRun(result)
    return result


def check_continuity_file(
    store: Store, path: Path, *, now: datetime | None = None
) -> ContinuityImportResult:
    """The dry run: every row checked and counted, then rolled back."""
    try:
        import_continuity(store, path, now=now, dry_run=True)
    except _DryRun as done:
        return done.result
    raise AssertionError("unreachable")
