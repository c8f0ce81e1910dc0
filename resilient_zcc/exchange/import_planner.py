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
from ..contacts.vocabulary import UNCLASSIFIED
from ..errors import ValidationError
from ..i18n import Text
from .contact_values import (
    guess_sector,
    header_availability,
    is_emergency_number,
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
    HEADER_NOTES,
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
# A value that could not be imported, kept on the person so it is not lost.
_KEPT_NOTES = {
    "invalid_number": Text("invalid number from import: {value} ({column})"),
    "emergency_number": Text("invalid number from import: {value} ({column})"),
    "invalid_email": Text("invalid e-mail address from import: {value} ({column})"),
}


@dataclass
class ImportPlan:
    source: ImportSource
    rows: list[RowPlan]
    shared: dict[Key, dict[str, Any]]  # organisations and functions new rows need
    needs: dict[int, set[Key]]  # row -> shared writes it needs
    summary: ImportSummary
    vector: dict[str, int] = field(default_factory=dict)  # the store's state when planned
    default_sector: str | None = None
    columns: list[Problem] = field(default_factory=list)  # columns with numbers left unread

    @property
    def problems(self) -> list[Problem]:
        return [*self.columns, *(p for row in self.rows for p in row.problems)]

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
        self.function_ids = {i for ids in by_name.values() for i in ids}
        self.roles = {
            (r["person_id"], r["function_id"])
            for r in store.query("SELECT person_id, function_id FROM roles WHERE deleted = 0")
        }
        self.channels: dict[str, list[dict[str, Any]]] = {}
        for r in store.query(
            "SELECT id, owner_id, kind, value, fallback_order, availability, note FROM channels "
            "WHERE deleted = 0 ORDER BY fallback_order, id"
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
            if row.blocking:
                row.action = "problem"
                self.summary.problem_rows += 1
            else:
                counter = {"create": "created", "update": "updated"}.get(row.action, row.action)
                setattr(self.summary, counter, getattr(self.summary, counter) + 1)
                if row.problems:
                    self.summary.kept_with_notes += 1
        good = set().union(*(needs[r.row] for r in rows if not r.blocking)) if rows else set()
        self.summary.unclassified = sorted(
            v["name"]
            for (t, k), v in self.shared.items()
            if t == "organisations" and v["sector"] == UNCLASSIFIED and (t, k) in good
        )
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
            self._unread_columns(),
        )

    def _unread_columns(self) -> list[Problem]:
        """Columns not read that hold numbers or e-mail addresses, unless a person set
        them aside: a list's landlines must never vanish without a word."""
        table = self.source.table
        found = []
        first_rows = table.data_rows()[:50]
        for i, header in enumerate(table.headers):
            if not header or self.source.mapping.get(header, IGNORE) != IGNORE:
                continue
            if header in self.source.set_aside:
                continue
            sample = [c[i] for _n, c in first_rows if i < len(c) and c[i]]
            hits = [c for c in sample if _looks_like_contact(c)]
            if hits and len(hits) * 2 >= len(sample):
                found.append(Problem(table.header_index + 1, "column_not_read", header, hits[0]))
        return found

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
                    detail=Text("At most {n} columns are read.", n=MAX_COLUMNS),
                )
            )
        extra = [c for c in cells[len(headers) :] if c] + [
            cells[i] for i, h in enumerate(headers) if not h and i < len(cells) and cells[i]
        ]
        if extra:
            problems.append(Problem(number, "cells_without_header", value=extra[0][:40]))
        by_field = _cells_by_field(self.source.mapping, headers, cells)
        if self.source.table.kind == "csv":  # a workbook's cells are stored values
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
        org_id = (
            self._organisation(number, org_name, values, problems, needed) if org_name else None
        )
        if not plan.name:
            # A piket row: a function and its number, no person. The number is the
            # function's own channel (or, without a function, the organisation's).
            if any(f in values for f in CHANNEL_FIELDS) and ("function" in values or org_id):
                self._owner_row(number, values, org_id, plan, needed)
            else:
                problems.append(Problem(number, "missing_name"))
            return plan

        # Who this row is about.
        key = first("key")
        person_id, existing = self._match_person(key, plan.name, org_id)
        plan.person_id = person_id
        additive = person_id in self.seen_people
        if additive:  # one person listed under two functions: merged, nothing replaced
            problems.append(
                Problem(
                    number,
                    "duplicate_person",
                    value=plan.name,
                    detail=Text(
                        "Same person as row {row}: merged.", row=self.seen_people[person_id]
                    ),
                )  # fmt: skip
            )
        else:
            self.seen_people[person_id] = number

        availability = self._availability(number, values, problems)

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
        self._channels(number, values, "person", person_id, availability, plan, additive)
        self._keep_bad_cells(plan, person_id, existing, writes)
        if existing is not None and plan.writes:
            plan.action = "update"
        self._remember_person(plan, person_id, existing)
        return plan

    def _remember_person(
        self, plan: RowPlan, person_id: str, existing: dict[str, Any] | None
    ) -> None:
        """A later row about the same person sees this row's result (merged, not doubled)."""
        written: dict[str, Any] = dict(existing or {})
        for table, row_id, values in plan.writes:
            if table == "people" and row_id == person_id:
                written.update(values)
        if written:
            written["id"] = person_id
            self.dir.people[person_id] = written

    def _availability(
        self, number: int, values: dict[str, list], problems: list[Problem]
    ) -> str | None:
        if "availability" not in values:
            return None
        header, text = values["availability"][0]
        availability = parse_availability(text)
        if availability is None:
            problems.append(Problem(number, "unknown_availability", header, text))
        return availability

    def _owner_row(
        self,
        number: int,
        values: dict[str, list],
        org_id: str | None,
        plan: RowPlan,
        needed: set[Key],
    ) -> None:
        """A row without a person: its numbers belong to its function(s), else to the
        organisation (a switchboard)."""
        availability = self._availability(number, values, plan.problems)
        function_ids = self._function_ids(values, org_id, needed)
        if function_ids:
            plan.owner, owners = "function", function_ids
            plan.name = values["function"][0][1].strip()
        elif org_id is not None:
            plan.owner, owners = "organisation", [org_id]
            plan.name = plan.organisation
        else:
            plan.problems.append(Problem(number, "missing_name"))
            return
        plan.person_id = owners[0]
        for owner_id in owners:
            additive = owner_id in self.seen_people  # a second row for one piket phone
            self.seen_people.setdefault(owner_id, number)
            self._channels(number, values, plan.owner, owner_id, availability, plan, additive)
        plan.action = "update" if plan.writes and self._known_owner(owners[0]) else "create"
        if not plan.writes:
            plan.action = "unchanged"

    def _known_owner(self, owner_id: str) -> bool:
        return owner_id in self.dir.org_rows or owner_id in self.dir.function_ids

    def _keep_bad_cells(
        self,
        plan: RowPlan,
        person_id: str,
        existing: dict[str, Any] | None,
        writes: list[tuple[str, str, dict[str, Any]]],
    ) -> None:
        """A value that could not be imported stays visible: as a note on the person, in
        Dutch like the rest of the region's data (a note is data, not a message)."""
        lines = [
            Text(_KEPT_NOTES[p.code].template, value=p.value, column=p.column).render("nl")
            for p in plan.problems
            if p.code in _KEPT_NOTES and p.value
        ]
        if not lines:
            return
        person = next((w[2] for w in writes if w[0] == "people" and w[1] == person_id), None)
        current = (
            person.get("notes") if person and "notes" in person else
            (existing or {}).get("notes")
        ) or ""  # fmt: skip
        new = [line for line in lines if line not in current]
        notes = "\n".join(part for part in (current, *new) if part)
        before = (existing or {}).get("notes") or ""
        if existing is not None and notes == before:  # the same list again: no change
            if person is not None and person.get("notes") is not None:
                del person["notes"]
                if "notes" in plan.changes:
                    plan.changes.remove("notes")
                if not person:
                    writes.remove(("people", person_id, person))
            return
        if not new:
            return
        if person is None:
            writes.append(("people", person_id, {"notes": notes}))
        else:
            person["notes"] = notes
        if "notes" not in plan.changes:
            plan.changes.append("notes")

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
            if sector is None:  # never a refusal: listed afterwards for a person to classify
                sector = UNCLASSIFIED
                problems.append(Problem(number, "unclassified", "", name))
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
        names = self._function_names(values)
        for function_name, function_id in zip(
            names, self._function_ids(values, org_id, needed), strict=True
        ):
            if (person_id, function_id) not in self.dir.roles:
                role = {"person_id": person_id, "function_id": function_id, "deleted": 0}
                plan.writes.append(("roles", derived_id("role", person_id, function_id), role))
                plan.changes.append(f"function {function_name}")

    @staticmethod
    def _function_names(values: dict[str, list]) -> list[str]:
        names: list[str] = []
        for _header, text in values.get("function", []):
            names += [n.strip() for n in text.replace("\n", ";").split(";") if n.strip()]
        return list(dict.fromkeys(names))

    def _function_ids(
        self, values: dict[str, list], org_id: str | None, needed: set[Key]
    ) -> list[str]:
        """The functions a row names, found in the directory or created (in `shared`)."""
        ids = []
        for function_name in self._function_names(values):
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
            ids.append(function_id)
        return ids

    def _channels(
        self,
        number: int,
        values: dict[str, list],
        owner_type: str,
        person_id: str,
        availability: str | None,
        plan: RowPlan,
        additive: bool = False,
    ) -> None:
        """The row's channels of each kind; a filled cell says the whole kind (a number no
        longer listed goes), except in a second row about the same owner (`additive`)."""
        existing = self.dir.channels.setdefault(person_id, [])
        next_order = max((c["fallback_order"] or 0 for c in existing), default=0) + 1
        for kind in CHANNEL_FIELDS:
            if kind not in values:
                continue
            wanted: list[tuple[str, str, str | None]] = []
            for header, text in values[kind]:
                parts = (
                    split_values(text)
                    if kind in (*PHONE_FIELDS, "email")
                    else [(" ".join(text.split()), "")]
                )
                header_note = HEADER_NOTES.get(normalise_header(header), "")
                column_availability = header_availability(header)
                for value, note in parts:
                    pieces = split_phone_part(value) if kind in PHONE_FIELDS else [value]
                    for piece in pieces:
                        if kind in PHONE_FIELDS and is_emergency_number(piece):
                            plan.problems.append(Problem(number, "emergency_number", header, piece))
                            continue
                        try:
                            clean = clean_channel_value(kind, piece)
                        except ValidationError as exc:
                            code = "invalid_email" if kind == "email" else "invalid_number"
                            plan.problems.append(Problem(number, code, header, piece, exc.message))
                            continue
                        if clean not in (w[0] for w in wanted):
                            full_note = ", ".join(n for n in (header_note, note) if n)
                            wanted.append((clean, full_note, column_availability))
            have = [c for c in existing if c["kind"] == kind]
            have_values = {c["value"] for c in have}
            stale = (
                [] if additive else [c for c in have if c["value"] not in {w[0] for w in wanted}]
            )
            for value, note, column_availability in wanted:
                said = availability or column_availability
                match = next((c for c in have if c["value"] == value), None)
                if match is not None:
                    update: dict[str, Any] = {}
                    if said and match["availability"] != said:
                        update["availability"] = said
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
                    if said:
                        update["availability"] = said
                    plan.writes.append(("channels", old["id"], update))
                    plan.changes.append(f"{kind} {old['value']} -> {value}")
                    continue
                channel = {
                    "owner_type": owner_type,
                    "owner_id": person_id,
                    "kind": kind,
                    "value": value,
                    "fallback_order": next_order,
                    "availability": said or "unknown",  # never assumed 24/7
                    "note": note,
                    "deleted": 0,
                }
                next_order += 1
                channel_id = derived_id("channel", person_id, kind, value)  # owner ids differ
                plan.writes.append(("channels", channel_id, channel))
                existing.append(dict(channel, id=channel_id))  # seen by a later row
                plan.changes.append(f"{kind} {value}")
            for old in stale:
                plan.writes.append(("channels", old["id"], {"deleted": 1}))
                plan.changes.append(f"{kind} {old['value']} removed")


def _looks_like_contact(cell: str) -> bool:
    """A phone number (at least 8 digits, little else) or an e-mail address."""
    if "@" in cell and "." in cell.rpartition("@")[2]:
        return True
    digits = sum(ch.isdigit() for ch in cell)
    return digits >= 8 and digits * 2 >= len(cell.replace(" ", ""))


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
