"""What the region printed, on which data version, and whether that paper is out of date.

Every print is a record in `print_records` (migration 12), replicated like other data, so
every laptop knows which sheets exist in the region's binders, whoever printed them. A
binder registered by name ("de map in de ZCC-ruimte") is recorded tab by tab, so its
staleness is known per tab. A printed sheet is out of date when the change log now holds
changes, to the tables the sheet covers, that its data version (the version vector at
print time) did not include. The count is per table, of distinct rows. The older
device-local `print_log` (migration 6) is kept but no longer written; its rows were
copied into `print_records`. Form numbers stay device-local (`form_number_blocks`).
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from .errors import ValidationError
from .hlc import stamp_ms

if TYPE_CHECKING:
    from .store import Store

# Per table: how a change to its rows is counted, (Dutch one, Dutch many, English one, many).
TABLE_NOUNS: dict[str, tuple[str, str, str, str]] = {
    "organisations": ("organisatie", "organisaties", "organisation", "organisations"),
    "people": ("contact", "contacten", "contact", "contacts"),
    "functions": ("functie", "functies", "function", "functions"),
    "roles": ("functietoewijzing", "functietoewijzingen", "function holder", "function holders"),
    "rota_shifts": ("dienst", "diensten", "rota shift", "rota shifts"),
    "channels": ("kanaal", "kanalen", "channel", "channels"),
    "settings": ("instelling", "instellingen", "setting", "settings"),
    "regions": ("regio of fase", "regio's of fasen", "region or phase", "regions or phases"),
    "log_entries": ("logboekregel", "logboekregels", "log entry", "log entries"),
    "escalation_steps": (
        "escalatiestap",
        "escalatiestappen",
        "escalation step",
        "escalation steps",
    ),
    "task_cards": ("taakkaart", "taakkaarten", "task card", "task cards"),
    "task_actions": ("taakkaartactie", "taakkaartacties", "task action", "task actions"),
    "locations": ("locatie", "locaties", "location", "locations"),
    "capacity_categories": ("categorie", "categorieën", "category", "categories"),
    "capacity_reports": (
        "capaciteitsmelding",
        "capaciteitsmeldingen",
        "capacity report",
        "capacity reports",
    ),
    "placement_requests": (
        "plaatsingsaanvraag",
        "plaatsingsaanvragen",
        "placement request",
        "placement requests",
    ),
    "placement_events": (
        "plaatsingsstap",
        "plaatsingsstappen",
        "placement step",
        "placement steps",
    ),
    "seh_status": ("SEH-melding", "SEH-meldingen", "SEH report", "SEH reports"),
    "procedures": ("procedure", "procedures", "procedure", "procedures"),
    "procedure_steps": ("procedurestap", "procedurestappen", "procedure step", "procedure steps"),
    "measures": ("maatregel", "maatregelen", "measure", "measures"),
    "region_measures": (
        "maatregelbesluit",
        "maatregelbesluiten",
        "measure decision",
        "measure decisions",
    ),
    "outages": ("uitvalbesluit", "uitvalbesluiten", "outage decision", "outage decisions"),
    "continuity_reports": (
        "continuïteitsmelding",
        "continuïteitsmeldingen",
        "continuity report",
        "continuity reports",
    ),
    "homecare_reports": (
        "melding zorg thuis",
        "meldingen zorg thuis",
        "home-care report",
        "home-care reports",
    ),
}
MONTHS_NL = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")
MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
FORM_PREFIX = "AF"
ROTA_DAYS = 7  # sheets print the rota of the coming week (contacts.directory)
MAX_FORMS = 500


@dataclass(frozen=True)
class DataVersion:
    """The changes a sheet includes: the version vector, and the time of the newest change."""

    vector: dict[str, int]
    as_of: str | None  # UTC ISO time of the newest change held, None for an empty log


PRINT_TABLE = "print_records"
DEFAULT_BINDER = "Crisismap"


def data_version(store: Store) -> DataVersion:
    """The version shown on paper: print records are not data, so they do not count
    towards the time of the newest change."""
    row = store.query_one("SELECT max(hlc) AS newest FROM changes WHERE tbl != ?", (PRINT_TABLE,))
    newest = row["newest"] if row else None
    as_of = (
        datetime.fromtimestamp(stamp_ms(int(newest)) / 1000, UTC).isoformat(timespec="seconds")
        if newest
        else None
    )
    return DataVersion(store.log.version_vector(), as_of)


def record_print(
    store: Store,
    *,
    sheet: str,
    scope: str,
    scope_label: str,
    lang: str,
    covers: Iterable[str],
    version: DataVersion,
    printed_at: datetime,
    pages: int,
    file: str = "",
    binder: str = "",
    tab: int | None = None,
    printed_by: str = "",
) -> str:
    """Remember, for the whole region, that `sheet` for `scope` was printed showing
    `version` (as tab `tab` of the binder named `binder`, if any); returns the record id."""
    unknown = set(covers) - set(TABLE_NOUNS)
    if unknown:
        raise ValidationError(
            "A sheet cannot cover unknown tables: {tables}.", tables=", ".join(sorted(unknown))
        )
    # Sortable by when it was recorded: of two prints in the same second, the later wins.
    record_id = f"{time.time_ns():020d}-{uuid.uuid4().hex[:16]}"
    device = store.query_one(
        "SELECT label FROM devices WHERE id = ?", (store.identity.device_id,)
    ) or {"label": ""}
    with store.transaction() as tx:
        tx.put(
            PRINT_TABLE,
            record_id,
            {
                "sheet": sheet,
                "scope": scope,
                "scope_label": scope_label,
                "lang": lang,
                "printed_at": printed_at.astimezone(UTC).isoformat(timespec="seconds"),
                "data_as_of": version.as_of,
                "version_vector": json.dumps(version.vector, sort_keys=True),
                "covers": json.dumps(sorted(set(covers))),
                "pages": pages,
                "file": file,
                "binder": binder,
                "tab": tab,
                "device_id": store.identity.device_id,
                "device_label": device["label"] or "",
                "printed_by": printed_by,
            },
        )
    return record_id


def changes_since(
    store: Store,
    vector: dict[str, int],
    tables: list[str],
    rows: dict[str, set[str]] | None = None,
) -> dict[str, int]:
    """Per table of `tables`, how many distinct rows changed in changes the vector lacks;
    where `rows` names a table's rows (a sheet for one organisation), only those count."""
    if not tables:
        return {}
    changed: dict[str, set[str]] = {}
    for peer in store.query("SELECT origin, device_id FROM peers"):
        for row in store.query(
            "SELECT DISTINCT tbl, row_id FROM changes WHERE origin = ? AND counter > ? "
            "AND tbl IN (SELECT value FROM json_each(?))",
            (peer["origin"], vector.get(peer["device_id"], 0), json.dumps(tables)),
        ):
            wanted = None if rows is None else rows.get(row["tbl"])
            if wanted is None or row["row_id"] in wanted:
                changed.setdefault(row["tbl"], set()).add(row["row_id"])
    return {table: len(changed[table]) for table in tables if table in changed}


def organisation_rows(
    store: Store, organisation_id: str, covers: Iterable[str]
) -> dict[str, set[str]]:
    """The rows a sheet for one organisation shows, per table (deleted ones included, so a
    removal counts): its own directory, locations and procedures, and, for a sheet of
    procedures, the functions they name with their holders wherever those work. Tables not
    listed (phase, placements, settings) are region-wide and count whole."""

    def ids(sql: str, params: tuple[Any, ...]) -> set[str]:
        return {r["id"] for r in store.query(sql, params)}

    org = (organisation_id,)
    procedures = ids("SELECT id FROM procedures WHERE organisation_id = ?", org)
    steps = ids(
        "SELECT id FROM procedure_steps WHERE procedure_id IN (SELECT value FROM json_each(?))",
        (json.dumps(sorted(procedures)),),
    )
    functions = ids("SELECT id FROM functions WHERE organisation_id = ?", org)
    if "procedure_steps" in covers:
        functions |= ids(
            "SELECT function_id AS id FROM procedure_steps WHERE function_id IS NOT NULL "
            "AND procedure_id IN (SELECT value FROM json_each(?))",
            (json.dumps(sorted(procedures)),),
        )
    in_functions = (json.dumps(sorted(functions)),)
    roles = ids(
        "SELECT id FROM roles WHERE function_id IN (SELECT value FROM json_each(?))",
        in_functions,
    )
    shifts = ids(
        "SELECT id FROM rota_shifts WHERE function_id IN (SELECT value FROM json_each(?))",
        in_functions,
    )
    people = ids("SELECT id FROM people WHERE organisation_id = ?", org) | ids(
        "SELECT person_id AS id FROM roles WHERE function_id IN (SELECT value FROM json_each(?)) "
        "UNION SELECT person_id FROM rota_shifts WHERE function_id IN "
        "(SELECT value FROM json_each(?))",
        in_functions + in_functions,
    )
    owners = json.dumps(sorted(people | functions | {organisation_id}))
    locations = ids("SELECT id FROM locations WHERE organisation_id = ?", org)
    return {
        "organisations": {organisation_id},
        "people": people,
        "functions": functions,
        "roles": roles | ids("SELECT id FROM roles WHERE person_id IN (SELECT value FROM "
                             "json_each(?))", (json.dumps(sorted(people)),)),
        "rota_shifts": shifts,
        "channels": ids(
            "SELECT id FROM channels WHERE owner_id IN (SELECT value FROM json_each(?))", (owners,)
        ),
        "locations": locations,
        "capacity_reports": ids(
            "SELECT id FROM capacity_reports WHERE location_id IN "
            "(SELECT value FROM json_each(?))",
            (json.dumps(sorted(locations)),),
        ),
        "procedures": procedures,
        "procedure_steps": steps,
    }  # fmt: skip


def short_date(iso: str | None, lang: str = "nl") -> str:
    if not iso:
        return "-"
    moment = datetime.fromisoformat(iso).astimezone()
    month = (MONTHS_NL if lang == "nl" else MONTHS_EN)[moment.month - 1]
    return f"{moment.day} {month} {moment.year}" if lang == "nl" else f"{moment.day} {month}"


def describe_changes(changed: dict[str, int], since: str | None, lang: str = "nl") -> list[str]:
    """'3 contacten gewijzigd sinds 12 nov 2026' per table, or the English equivalent."""
    when = short_date(since, lang)
    lines = []
    for table, count in changed.items():
        one_nl, many_nl, one_en, many_en = TABLE_NOUNS[table]
        if lang == "nl":
            lines.append(f"{count} {one_nl if count == 1 else many_nl} gewijzigd sinds {when}")
        else:
            lines.append(f"{count} {one_en if count == 1 else many_en} changed since {when}")
    return lines


def rota_expired(printed_at: str, now: datetime, lang: str) -> str | None:
    """A sheet showing the rota covers ROTA_DAYS from printing; after that it is stale
    even if nothing changed: who is on duty is no longer on the paper."""
    until = datetime.fromisoformat(printed_at) + timedelta(days=ROTA_DAYS)
    if now < until:
        return None
    when = short_date(until.isoformat(), lang)
    if lang == "nl":
        return f"het rooster op dit blad liep tot {when}"
    return f"the rota on this sheet ran until {when}"


def print_status(
    store: Store, lang: str = "nl", now: datetime | None = None
) -> list[dict[str, Any]]:
    """The newest print of every (sheet, scope), with what changed since and why it is stale."""
    now = now or datetime.now(UTC)
    rows = store.query(
        "SELECT p.* FROM print_records p WHERE p.deleted = 0 AND p.id = (SELECT x.id FROM "
        "print_records x WHERE x.binder = p.binder AND x.sheet = p.sheet AND x.scope = p.scope "
        "AND x.deleted = 0 ORDER BY x.printed_at DESC, x.id DESC LIMIT 1) "
        "ORDER BY p.binder, coalesce(p.tab, 0), p.sheet, p.scope"
    )
    result = []
    for row in rows:
        vector = json.loads(row["version_vector"])
        scope, covers = str(row["scope"]), json.loads(row["covers"])
        rows_of = organisation_rows(store, scope[4:], covers) if scope.startswith("org:") else None
        changed = changes_since(store, vector, covers, rows_of)
        reasons = describe_changes(changed, row["printed_at"], lang)
        expired = rota_expired(row["printed_at"], now, lang) if "rota_shifts" in covers else None
        if expired:
            reasons.append(expired)
        result.append(
            {
                "id": row["id"],
                "sheet": row["sheet"],
                "scope": row["scope"],
                "scope_label": row["scope_label"],
                "lang": row["lang"],
                "printed_at": row["printed_at"],
                "data_as_of": row["data_as_of"],
                "pages": row["pages"],
                "file": row["file"],
                "binder": row["binder"] or "",
                "tab": row["tab"],
                "device": row["device_label"] or "",
                "printed_by": row["printed_by"] or "",
                "changed": changed,
                "outdated": bool(reasons),
                "reasons": reasons,
            }
        )
    return result


def binders(store: Store) -> list[str]:
    """The names of the binders the region printed, in order."""
    return [
        r["binder"]
        for r in store.query(
            "SELECT DISTINCT binder FROM print_records WHERE deleted = 0 AND binder != '' "
            "ORDER BY binder"
        )
    ]


def outdated_tabs(
    store: Store, binder: str, lang: str = "nl", now: datetime | None = None
) -> list[dict[str, Any]]:
    """The tabs of the binder named `binder` that are out of date, in tab order."""
    known = binders(store)
    if binder not in known:
        raise ValidationError(
            "No binder named '{name}' was printed. Binders: {names}.",
            name=binder,
            names=", ".join(known) or "-",
        )
    return [
        row for row in print_status(store, lang, now) if row["binder"] == binder and row["outdated"]
    ]


def form_prefix(store: Store) -> str:
    """Form numbers carry this device's short id, so no other device can issue the same."""
    return f"{FORM_PREFIX}-{store.identity.device_id[:8]}"


def reserve_form_numbers(store: Store, count: int, now: datetime) -> list[str]:
    """Reserve the next `count` form numbers of this device; a number is never handed out twice."""
    if not 1 <= count <= MAX_FORMS:
        raise ValidationError(
            "Reserve between 1 and {most} form numbers at a time, not {count}.",
            most=MAX_FORMS,
            count=count,
        )
    with store.transaction():
        row = store.conn.execute("SELECT max(last) FROM form_number_blocks").fetchone()
        first = int(row[0] or 0) + 1
        store.conn.execute(
            "INSERT INTO form_number_blocks (first, last, reserved_at) VALUES (?, ?, ?)",
            (first, first + count - 1, now.astimezone(UTC).isoformat(timespec="seconds")),
        )
    prefix = form_prefix(store)
    return [f"{prefix}-{n:05d}" for n in range(first, first + count)]


def form_blocks(store: Store) -> list[dict[str, Any]]:
    """The blocks of form numbers this device reserved, oldest first."""
    prefix = form_prefix(store)
    rows = store.query("SELECT first, last, reserved_at FROM form_number_blocks ORDER BY first")
    for row in rows:
        row["from"], row["to"] = f"{prefix}-{row['first']:05d}", f"{prefix}-{row['last']:05d}"
    return rows
