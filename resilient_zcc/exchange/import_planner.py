"""The import planner: reads the directory once and works out, row by row, every write and
every problem, without writing anything (this is the dry run).

Matching, so a re-import updates instead of duplicating: a Kenmerk/ID column first (our
own export writes the person's id there), else name + organisation (case and spacing
ignored). New rows get ids derived from that key (uuid5), so two laptops importing the
same list create the same rows and merge instead of doubling.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..contacts.model import clean_channel_value
from ..errors import ValidationError
from .contact_values import (
    guess_sector,
    parse_availability,
    parse_sector,
    split_phone_part,
    split_values,
    unescape_formula_guard,
)
from .import_report import ImportSummary, Problem, RowPlan
from .import_source import ImportSource, derived_id
from .mapping import (
    CHANNEL_FIELDS,
    IGNORE,
    PHONE_FIELDS,
    Mapping,
    check_mapping,
    normalise_header,
)
from .tables import MAX_COLUMNS

if TYPE_CHECKING:
    from ..store import Store

Key = tuple[str, str]


@dataclass
class ImportPlan:
    source: ImportSource
    rows: list[RowPlan]
    shared: dict[Key, dict[str, Any]]  # organisations and functions new rows need
    needs: dict[int, set[Key]]  # row -> shared writes it needs
    summary: ImportSummary
    vector: dict[str, int] = field(default_factory=dict)  # the store's state when planned
    default_sector: str | None = None

    @property
    def problems(self) -> list[Problem]:
        return [p for row in self.rows for p in row.problems]

    def as_dict(self) -> dict[str, Any]:
        return {
            "source": self.source.table.source,
            "read_as": self.source.table.notes,
            "header_row": self.source.table.header_index + 1,
            "mapping": self.source.mapping_rows(),
            "mapping_origin": self.source.mapping_origin,
            "summary": self.summary.as_dict(),
            "rows": [row.as_dict() for row in self.rows],
        }


class _Directory:
    """The directory as the planner needs it, read once: lookups by normalised keys."""

    def __init__(self, store: Store) -> None:
        self.orgs: dict[str, str] = {}
        self.org_rows: dict[str, dict[str, Any]] = {}
        for r in store.query(
            "SELECT id, name, short_name, sector, city, region FROM organisations "
            "WHERE deleted = 0 ORDER BY id"
        ):
            self.org_rows[r["id"]] = r
            for text in (r["short_name"], r["name"]):
                if text:
                    self.orgs.setdefault(normalise_header(text), r["id"])
        self.people: dict[str, dict[str, Any]] = {}
        self.people_by_name: dict[tuple[str, str], str] = {}
        for r in store.query(
            "SELECT id, name, organisation_id, notes FROM people WHERE deleted = 0 ORDER BY id"
        ):
            self.people[r["id"]] = r
            key = (normalise_header(r["name"]), r["organisation_id"] or "")
            self.people_by_name.setdefault(key, r["id"])
        self.functions: dict[tuple[str, str], str] = {}
        by_name: dict[str, set[str]] = {}
        for r in store.query(
            "SELECT id, name, organisation_id FROM functions WHERE deleted = 0 ORDER BY id"
        ):
            name = normalise_header(r["name"])
            self.functions.setdefault((name, r["organisation_id"] or ""), r["id"])
            by_name.setdefault(name, set()).add(r["id"])
        # A function named once in the whole directory (a region-wide 'ZCC voorzitter')
        # is that function, whichever organisation the person works for.
        self.unique_functions = {n: next(iter(ids)) for n, ids in by_name.items() if len(ids) == 1}
        self.roles = {
            (r["person_id"], r["function_id"])
            for r in store.query("SELECT person_id, function_id FROM roles WHERE deleted = 0")
        }
        self.channels: dict[str, list[dict[str, Any]]] = {}
        for r in store.query(
            "SELECT id, owner_id, kind, value, fallback_order, availability, note FROM channels "
            "WHERE deleted = 0 AND owner_type = 'person' ORDER BY fallback_order, id"
        ):
            self.channels.setdefault(r["owner_id"], []).append(r)


def _cells_by_field(mapping: Mapping, headers: list[str], cells: list[str]) -> dict[str, list]:
    """field -> [(header, cell text)] for the mapped, filled cells of a row."""
    result: dict[str, list[tuple[str, str]]] = {}
    for i, header in enumerate(headers):
        field_name = mapping.get(header, IGNORE)
        if field_name == IGNORE or i >= len(cells) or not cells[i]:
            continue
        result.setdefault(field_name, []).append((header, cells[i]))
    return result


class _Planner:
    def __init__(self, store: Store, source: ImportSource, default_sector: str | None) -> None:
        self.store = store
        self.source = source
        self.default_sector = default_sector
        self.dir = _Directory(store)
        self.shared: dict[Key, dict[str, Any]] = {}
        self.summary = ImportSummary()
        self.seen_people: dict[str, int] = {}  # person id -> first row

    def plan(self) -> ImportPlan:
        table = self.source.table
        headers = table.headers
        rows: list[RowPlan] = []
        needs: dict[int, set[Key]] = {}
        for number, cells in table.data_rows():
            needed: set[Key] = set()
            row = self._row(number, headers, cells, needed)
            rows.append(row)
            needs[number] = needed
            if row.problems:
                row.action = "problem"
                self.summary.problem_rows += 1
            else:
                counter = {"create": "created", "update": "updated"}.get(row.action, row.action)
                setattr(self.summary, counter, getattr(self.summary, counter) + 1)
        good = set().union(*(needs[r.row] for r in rows if not r.problems)) if rows else set()
        self.summary.organisations_created = sum(
            1 for (t, k) in self.shared if t == "organisations" and (t, k) in good
        )
        self.summary.functions_created = sum(
            1 for (t, k) in self.shared if t == "functions" and (t, k) in good
        )
        return ImportPlan(
            self.source,
            rows,
            self.shared,
            needs,
            self.summary,
            self.store.log.version_vector(),
            self.default_sector,
        )

    # --- one row ------------------------------------------------------------------------

    def _row(self, number: int, headers: list[str], cells: list[str], needed: set[Key]) -> RowPlan:
        plan = RowPlan(number, "unchanged")
        problems = plan.problems
        if number in self.source.table.wide_rows:
            problems.append(
                Problem(
                    number,
                    "too_many_cells",
                    value=str(self.source.table.wide_rows[number]),
                    detail=f"At most {MAX_COLUMNS} columns are read.",
                )
            )
        extra = [c for c in cells[len(headers) :] if c] + [
            cells[i] for i, h in enumerate(headers) if not h and i < len(cells) and cells[i]
        ]
        if extra:
            problems.append(Problem(number, "cells_without_header", value=extra[0][:40]))
        by_field = _cells_by_field(self.source.mapping, headers, cells)
        for entries in by_field.values():
            for header, text in entries:
                if text.startswith("="):
                    problems.append(Problem(number, "formula", header, text[:40]))
        values = {
            f: [(h, unescape_formula_guard(t)) for h, t in entries]
            for f, entries in by_field.items()
        }

        def first(field_name: str) -> str:
            entries = values.get(field_name)
            return entries[0][1].strip() if entries else ""

        name = first("name") or " ".join(
            p for p in (first("first_name"), first("infix"), first("last_name")) if p
        )
        plan.name = " ".join(name.split())
        org_name = " ".join(first("organisation").split())
        plan.organisation = org_name
        if not plan.name:
            problems.append(Problem(number, "missing_name"))
        org_id = (
            self._organisation(number, org_name, values, problems, needed) if org_name else None
        )

        # Who this row is about.
        key = first("key")
        person_id, existing = self._match_person(key, plan.name, org_id)
        plan.person_id = person_id
        if person_id in self.seen_people:
            problems.append(
                Problem(
                    number,
                    "duplicate_person",
                    value=plan.name,
                    detail=f"Same person as row {self.seen_people[person_id]}.",
                )
            )
        else:
            self.seen_people[person_id] = number

        availability = None
        if "availability" in values:
            header, text = values["availability"][0]
            availability = parse_availability(text)
            if availability is None:
                problems.append(Problem(number, "unknown_availability", header, text))

        writes = plan.writes
        if existing is None:
            plan.action = "create"
            person: dict[str, Any] = {
                "name": plan.name,
                "organisation_id": org_id,
                "notes": first("notes"),
                "deleted": 0,
            }
            writes.append(("people", person_id, person))
        else:
            changed: dict[str, Any] = {}
            if plan.name and plan.name != existing["name"]:
                changed["name"] = plan.name
                plan.changes.append(f"name: {existing['name']} -> {plan.name}")
            if org_name and org_id != existing["organisation_id"]:
                changed["organisation_id"] = org_id
                plan.changes.append(f"organisation -> {org_name}")
            notes = first("notes")
            if notes and notes != (existing["notes"] or ""):
                changed["notes"] = notes
                plan.changes.append("notes")
            if changed:
                writes.append(("people", person_id, changed))

        self._functions(values, person_id, org_id, plan, needed)
        self._channels(number, values, person_id, availability, plan)
        if existing is not None and plan.writes:
            plan.action = "update"
        return plan

    def _organisation(
        self,
        number: int,
        name: str,
        values: dict[str, list],
        problems: list[Problem],
        needed: set[Key],
    ) -> str:
        key = normalise_header(name)
        existing = self.dir.orgs.get(key)
        sector_text = values.get("sector", [("", "")])[0]
        sector = parse_sector(sector_text[1]) if sector_text[1] else None
        if sector_text[1] and sector is None:
            problems.append(Problem(number, "unknown_sector", sector_text[0], sector_text[1]))
        if existing is not None:
            return existing
        org_id = derived_id("organisation", key)
        if ("organisations", org_id) not in self.shared:
            sector = sector or guess_sector(name) or self.default_sector
            if sector is None:
                if not sector_text[1]:
                    problems.append(
                        Problem(
                            number,
                            "unknown_sector",
                            "",
                            name,
                            detail="Add a Sector column or give --sector.",
                        )
                    )
                return org_id
            first = {
                f: (values.get(f) or [("", "")])[0][1] for f in ("short_name", "city", "region")
            }
            self.shared[("organisations", org_id)] = {
                "name": name,
                "sector": sector,
                "short_name": first["short_name"],
                "city": first["city"],
                "region": first["region"],
                "deleted": 0,
            }
        needed.add(("organisations", org_id))
        return org_id

    def _match_person(
        self, key: str, name: str, org_id: str | None
    ) -> tuple[str, dict[str, Any] | None]:
        if key:
            if key in self.dir.people:
                return key, self.dir.people[key]
            person_id = derived_id("person-key", key)
            return person_id, self.dir.people.get(person_id)
        found = self.dir.people_by_name.get((normalise_header(name), org_id or ""))
        if found:
            return found, self.dir.people[found]
        person_id = derived_id("person", normalise_header(name), org_id or "")
        return person_id, self.dir.people.get(person_id)

    def _functions(
        self,
        values: dict[str, list],
        person_id: str,
        org_id: str | None,
        plan: RowPlan,
        needed: set[Key],
    ) -> None:
        names: list[str] = []
        for _header, text in values.get("function", []):
            names += [n.strip() for n in text.replace("\n", ";").split(";") if n.strip()]
        for function_name in dict.fromkeys(names):
            key = (normalise_header(function_name), org_id or "")
            function_id = (
                self.dir.functions.get(key)
                or self.dir.functions.get((key[0], ""))
                or self.dir.unique_functions.get(key[0])
            )
            if function_id is None:
                function_id = derived_id("function", *key)
                if ("functions", function_id) not in self.shared:
                    self.shared[("functions", function_id)] = {
                        "name": function_name,
                        "code": "",
                        "organisation_id": org_id,
                        "description": "",
                        "deleted": 0,
                    }
                needed.add(("functions", function_id))
            if (person_id, function_id) not in self.dir.roles:
                role = {"person_id": person_id, "function_id": function_id, "deleted": 0}
                plan.writes.append(("roles", derived_id("role", person_id, function_id), role))
                plan.changes.append(f"function {function_name}")

    def _channels(
        self,
        number: int,
        values: dict[str, list],
        person_id: str,
        availability: str | None,
        plan: RowPlan,
    ) -> None:
        existing = self.dir.channels.get(person_id, [])
        next_order = max((c["fallback_order"] or 0 for c in existing), default=0) + 1
        for kind in CHANNEL_FIELDS:
            if kind not in values:
                continue
            wanted: list[tuple[str, str]] = []
            for header, text in values[kind]:
                parts = (
                    split_values(text)
                    if kind in (*PHONE_FIELDS, "email")
                    else [(" ".join(text.split()), "")]
                )
                for value, note in parts:
                    pieces = split_phone_part(value) if kind in PHONE_FIELDS else [value]
                    for piece in pieces:
                        try:
                            clean = clean_channel_value(kind, piece)
                        except ValidationError as exc:
                            code = "invalid_email" if kind == "email" else "invalid_number"
                            plan.problems.append(Problem(number, code, header, piece, exc.message))
                            continue
                        if clean not in (w[0] for w in wanted):
                            wanted.append((clean, note))
            have = [c for c in existing if c["kind"] == kind]
            have_values = {c["value"] for c in have}
            stale = [c for c in have if c["value"] not in {w[0] for w in wanted}]
            for value, note in wanted:
                match = next((c for c in have if c["value"] == value), None)
                if match is not None:
                    update: dict[str, Any] = {}
                    if availability and match["availability"] != availability:
                        update["availability"] = availability
                    if note and note != (match["note"] or ""):
                        update["note"] = note
                    if update:
                        plan.writes.append(("channels", match["id"], update))
                        plan.changes.append(f"{kind} {value}: {', '.join(update)}")
                    continue
                if value in have_values:
                    continue
                if stale:  # a changed number replaces the old one in its place
                    old = stale.pop(0)
                    update = {"value": value, "note": note}
                    if availability:
                        update["availability"] = availability
                    plan.writes.append(("channels", old["id"], update))
                    plan.changes.append(f"{kind} {old['value']} -> {value}")
                    continue
                channel = {
                    "owner_type": "person",
                    "owner_id": person_id,
                    "kind": kind,
                    "value": value,
                    "fallback_order": next_order,
                    "availability": availability or "24/7",
                    "note": note,
                    "deleted": 0,
                }
                next_order += 1
                channel_id = derived_id("channel", person_id, kind, value)
                plan.writes.append(("channels", channel_id, channel))
                plan.changes.append(f"{kind} {value}")
            for old in stale:
                plan.writes.append(("channels", old["id"], {"deleted": 1}))
                plan.changes.append(f"{kind} {old['value']} removed")


def plan_import(
    store: Store, source: ImportSource, *, default_sector: str | None = None
) -> ImportPlan:
    """What the import would do; writes nothing (this is the dry run)."""
    check_mapping(source.mapping)
    if default_sector is not None:
        parsed = parse_sector(default_sector)
        if parsed is None:
            raise ValidationError("Unknown sector '{sector}' for --sector.", sector=default_sector)
        default_sector = parsed
    return _Planner(store, source, default_sector).plan()


def replan(store: Store, plan: ImportPlan) -> ImportPlan:
    """The same source and options planned again against the store as it is now."""
    return _Planner(store, plan.source, plan.default_sector).plan()
