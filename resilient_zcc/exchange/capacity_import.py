"""Capacity figures from a file into the store: all or nothing, re-import changes nothing."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ..capacity.categories import STATUSES, all_categories
from ..capacity.model import report_capacity
from ..errors import ZccError
from ..i18n import Joined, Text
from .capacity_csv import parse_capacity_csv
from .edxl_have import FigureRow, parse_have
from .mapping import normalise_header
from .tables import UnreadableFile

if TYPE_CHECKING:
    from ..store import Store

_NS = uuid.UUID("3e9b1f20-6c4d-4b7a-9d2e-5f8a0c1b2d3e")


@dataclass
class CapacityImportResult:
    added: int = 0
    unchanged: int = 0
    problems: list[Text] = field(default_factory=list)


def read_figures(path: Path) -> list[FigureRow]:
    """EDXL-HAVE (XML) or a plain CSV/XLSX, told apart by content."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableFile(
            "Cannot read {path}: {reason}.", path=path, reason=exc.strerror
        ) from exc
    if not data.strip():
        raise UnreadableFile("{name} is empty: there is nothing to import.", name=path.name)
    start = data.lstrip(b"\xef\xbb\xbf \t\r\n")
    if start.startswith(b"<"):
        return parse_have(data)
    if start.startswith((b"{", b"[")):
        raise UnreadableFile(
            "{name} is JSON (perhaps FHIR); capacity is imported from EDXL-HAVE (XML) or "
            "a CSV/XLSX with location, category, total, staffed, occupied and time.",
            name=path.name,
        )
    return parse_capacity_csv(path)


def _locations(store: Store) -> dict[str, str]:
    found: dict[str, str] = {}
    for r in store.query("SELECT id, name FROM locations WHERE deleted = 0 ORDER BY id"):
        found[r["id"]] = r["id"]
        found.setdefault(normalise_header(r["name"]), r["id"])
    return found


def _category(code_or_name: str, known: dict[str, str]) -> str | None:
    return known.get(code_or_name) or known.get(normalise_header(code_or_name))


def import_capacity(
    store: Store, path: Path, *, now: datetime | None = None, dry_run: bool = False
) -> CapacityImportResult:
    """Record every figure as a report (source 'bestand'); a problem anywhere writes nothing.

    Each report's id derives from its location, category, time and figures, so importing the
    same file again adds nothing.
    """
    now = now or datetime.now(UTC)
    rows = read_figures(path)
    if not rows:
        raise ZccError("{name} holds no capacity figures; nothing was imported.", name=path.name)
    locations = _locations(store)
    known = {}
    for code, info in all_categories(store).items():
        known[code] = code
        known[normalise_header(info.name)] = code
        known[normalise_header(info.name_en)] = code
    result = CapacityImportResult()
    planned = []
    for row in rows:
        location_id = locations.get(row.location) or locations.get(normalise_header(row.location))
        category = _category(row.category, known)
        if location_id is None:
            result.problems.append(
                Text("{line}: unknown location '{location}'", line=row.line, location=row.location)
            )
        if category is None:
            result.problems.append(
                Text("{line}: unknown category '{category}'", line=row.line, category=row.category)
            )
        if location_id and category:
            planned.append((row, location_id, category))
    if result.problems:
        more = len(result.problems) - 10
        raise ZccError(
            "Nothing was imported: {problems}{more}. 'capacity locations' and "
            "'capacity categories' list the known ones.",
            problems=Joined(result.problems[:10]),
            more=Text(" (and {n} more)", n=more) if more > 0 else "",
        )
    with store.transaction():
        for row, location_id, category in planned:
            at = row.reported_at or now
            key = f"{location_id}|{category}|{at.astimezone(UTC).isoformat(timespec='seconds')}|"
            key += f"{row.total}|{row.staffed}|{row.occupied}|{row.available}"
            report_id = str(uuid.uuid5(_NS, key))
            if _already_reported(store, report_id, location_id, category, at, row):
                result.unchanged += 1
                continue
            try:
                report_capacity(
                    store, location_id, category, total=row.total, staffed=row.staffed,
                    occupied=row.occupied, available=row.available, now=now,
                    status=row.status if row.status in STATUSES else None, source="bestand",
                    reported_at=at, report_id=report_id,
                )  # fmt: skip
            except ZccError as exc:
                raise ZccError(
                    "{line}: {problem} Nothing was imported.", line=row.line, problem=exc.message
                ) from exc
            result.added += 1
        if dry_run:
            raise _DryRun(result)
    return result


def _already_reported(
    store: Store, report_id: str, location_id: str, category: str, at: datetime, row: FigureRow
) -> bool:
    """The same figures for the same place and moment are there already (any report id)."""
    found = store.query(
        "SELECT id, total, staffed, occupied, available FROM capacity_reports "
        "WHERE location_id = ? AND category = ? AND reported_at = ? AND deleted = 0",
        (location_id, category, at.astimezone(UTC).isoformat(timespec="seconds")),
    )
    available = row.available if row.available is not None else row.staffed - row.occupied
    return any(
        r["id"] == report_id
        or (r["total"], r["staffed"], r["occupied"], r["available"])
        == (row.total, row.staffed, row.occupied, available)
        for r in found
    )


class _DryRun(Exception):
    def __init__(self, result: CapacityImportResult) -> None:
        self.result = result


def check_capacity_file(
    store: Store, path: Path, *, now: datetime | None = None
) -> CapacityImportResult:
    """The dry run: everything an import would check and count, then rolled back."""
    try:
        import_capacity(store, path, now=now, dry_run=True)
    except _DryRun as done:
        return done.result
    raise AssertionError("unreachable")
