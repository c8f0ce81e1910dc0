"""What the directory answers: contact cards, who holds a function now, stale entries."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from ..errors import NotFound
from ..settings import get_setting
from .phones import display_phone
from .search import search_results
from .vocabulary import PHONE_KINDS

if TYPE_CHECKING:
    from ..store import Store


@dataclass(frozen=True)
class Channel:
    id: str
    kind: str
    value: str
    fallback_order: int
    availability: str
    note: str
    via_function: str | None = None  # set when the channel belongs to a function the person holds

    @property
    def display(self) -> str:
        return display_phone(self.value) if self.kind in PHONE_KINDS else self.value


@dataclass
class ContactCard:
    id: str
    name: str
    organisation_id: str | None
    organisation: str
    sector: str
    functions: list[str]
    channels: list[Channel]
    last_verified_at: str | None
    last_verified_by: str | None
    stale: bool
    on_duty: list[str] = field(default_factory=list)  # functions held right now by rota
    notes: str = ""

    def as_dict(self) -> dict[str, Any]:
        data = dict(self.__dict__)
        data["channels"] = [dict(c.__dict__, display=c.display) for c in self.channels]
        return data


def _is_stale(verified_at: str | None, now: datetime, limit_days: int) -> bool:
    if not verified_at:
        return True
    return datetime.fromisoformat(verified_at) < now - timedelta(days=limit_days)


def channels_for(store: Store, person_id: str) -> list[Channel]:
    """The person's own channels, then those of the functions they hold or are on the rota for."""
    functions = {
        r["id"]: r["name"]
        for r in store.query(
            "SELECT id, name FROM functions WHERE deleted = 0 AND id IN ("
            "SELECT function_id FROM roles WHERE person_id = ? AND deleted = 0 UNION "
            "SELECT function_id FROM rota_shifts WHERE person_id = ? AND deleted = 0)",
            (person_id, person_id),
        )
    }
    rows = store.query(
        "SELECT * FROM channels WHERE deleted = 0 AND owner_id IN "
        "(SELECT value FROM json_each(?)) ORDER BY fallback_order",
        (json.dumps([person_id, *functions]),),
    )
    channels = [
        _channel(r, functions[r["owner_id"]] if r["owner_type"] == "function" else None)
        for r in rows
        if r["owner_type"] == ("function" if r["owner_id"] in functions else "person")
    ]
    return sorted(channels, key=lambda c: c.via_function is not None)


def contact_cards(
    store: Store, person_ids: list[str], now: datetime | None = None
) -> list[ContactCard]:
    now = now or datetime.now(UTC)
    moment = now.astimezone(UTC).isoformat(timespec="seconds")
    limit = get_setting(store, "contacts.stale_after_days")
    cards = []
    for person_id in person_ids:
        row = store.query_one(
            "SELECT p.*, o.name AS org_name, o.sector AS sector FROM people p "
            "LEFT JOIN organisations o ON o.id = p.organisation_id "
            "WHERE p.id = ? AND p.deleted = 0",
            (person_id,),
        )
        if row is None:
            continue
        functions = [
            r["name"]
            for r in store.query(
                "SELECT f.name FROM roles r JOIN functions f ON f.id = r.function_id "
                "WHERE r.person_id = ? AND r.deleted = 0 AND f.deleted = 0 ORDER BY f.name",
                (person_id,),
            )
        ]
        on_duty = [
            r["name"]
            for r in store.query(
                "SELECT f.name FROM rota_shifts s JOIN functions f ON f.id = s.function_id "
                "WHERE s.person_id = ? AND s.deleted = 0 AND f.deleted = 0 "
                "AND s.starts_at <= ? AND s.ends_at > ?",
                (person_id, moment, moment),
            )
        ]
        cards.append(
            ContactCard(
                id=person_id,
                name=row["name"],
                organisation_id=row["organisation_id"],
                organisation=row["org_name"] or "",
                sector=row["sector"] or "",
                functions=functions,
                channels=_duty_first(channels_for(store, person_id), on_duty),
                last_verified_at=row["last_verified_at"],
                last_verified_by=row["last_verified_by"],
                stale=_is_stale(row["last_verified_at"], now, limit),
                on_duty=on_duty,
                notes=row["notes"] or "",
            )
        )
    return cards


def _duty_first(channels: list[Channel], on_duty: list[str]) -> list[Channel]:
    """Channels of a function the person is on duty for (its piket phone) come first."""
    return sorted(channels, key=lambda c: c.via_function not in on_duty if on_duty else 0)


def contact_card(store: Store, person_id: str, now: datetime | None = None) -> ContactCard:
    cards = contact_cards(store, [person_id], now)
    if not cards:
        raise NotFound("No contact with id {id}.", id=person_id)
    return cards[0]


def search_contacts(store: Store, text: str, limit: int = 50) -> list[ContactCard]:
    """Cards of the matches, in the result list's order (on duty first, stale last)."""
    return contact_cards(store, [r.person_id for r in search_results(store, text, limit)])


def holders_now(store: Store, function_id: str, now: datetime | None = None) -> list[str]:
    """Who holds the function at `now`: those on the rota, else its standing holders."""
    moment = (now or datetime.now(UTC)).astimezone(UTC).isoformat(timespec="seconds")
    on_rota = store.query(
        "SELECT s.person_id FROM rota_shifts s JOIN people p ON p.id = s.person_id "
        "WHERE s.function_id = ? AND s.deleted = 0 AND p.deleted = 0 "
        "AND s.starts_at <= ? AND s.ends_at > ? ORDER BY s.starts_at",
        (function_id, moment, moment),
    )
    if on_rota:
        return [r["person_id"] for r in on_rota]
    standing = store.query(
        "SELECT r.person_id FROM roles r JOIN people p ON p.id = r.person_id "
        "WHERE r.function_id = ? AND r.deleted = 0 AND p.deleted = 0 ORDER BY p.name",
        (function_id,),
    )
    return [r["person_id"] for r in standing]


def _stale_cutoff(store: Store, now: datetime | None) -> str:
    limit = get_setting(store, "contacts.stale_after_days")
    return (
        ((now or datetime.now(UTC)) - timedelta(days=limit))
        .astimezone(UTC)
        .isoformat(timespec="seconds")
    )


def stale_count(store: Store, now: datetime | None = None) -> int:
    """How many people were not verified within the staleness limit (from an index)."""
    # Two index ranges; with an OR, SQLite would read every entry of the index.
    row = store.query_one(
        "SELECT (SELECT count(*) FROM people WHERE deleted = 0 AND last_verified_at IS NULL) "
        "+ (SELECT count(*) FROM people WHERE deleted = 0 AND last_verified_at < ?) AS n",
        (_stale_cutoff(store, now),),
    )
    return int(row["n"]) if row else 0


def stale_people(store: Store, now: datetime | None = None) -> list[dict[str, Any]]:
    """People not verified within the staleness limit, least recently verified first."""
    cutoff = _stale_cutoff(store, now)
    return store.query(
        "SELECT p.id, p.name, o.name AS organisation, p.last_verified_at, p.last_verified_by "
        "FROM people p LEFT JOIN organisations o ON o.id = p.organisation_id "
        "WHERE p.deleted = 0 AND (p.last_verified_at IS NULL OR p.last_verified_at < ?) "
        "ORDER BY p.last_verified_at IS NOT NULL, p.last_verified_at, p.name",
        (cutoff,),
    )


def functions_of_person(store: Store, person_id: str) -> list[dict[str, Any]]:
    """The functions the person holds or is on the rota for (id, name, code), by name."""
    return store.query(
        "SELECT id, name, code FROM functions WHERE deleted = 0 AND id IN ("
        "SELECT function_id FROM roles WHERE person_id = ? AND deleted = 0 UNION "
        "SELECT function_id FROM rota_shifts WHERE person_id = ? AND deleted = 0) "
        "ORDER BY name",
        (person_id, person_id),
    )


def function_holders(store: Store, function_id: str) -> list[dict[str, Any]]:
    """The people who hold the function outside the rota (id, name), by name."""
    return store.query(
        "SELECT DISTINCT p.id, p.name FROM roles r JOIN people p ON p.id = r.person_id "
        "WHERE r.function_id = ? AND r.deleted = 0 AND p.deleted = 0 ORDER BY p.name",
        (function_id,),
    )


def shifts_for_function(
    store: Store, function_id: str, since: datetime, until: datetime
) -> list[dict[str, Any]]:
    """Rota shifts of the function overlapping [since, until), with who, earliest first."""
    start = since.astimezone(UTC).isoformat(timespec="seconds")
    end = until.astimezone(UTC).isoformat(timespec="seconds")
    return store.query(
        "SELECT s.id, s.person_id, p.name AS person, s.starts_at, s.ends_at "
        "FROM rota_shifts s JOIN people p ON p.id = s.person_id "
        "WHERE s.function_id = ? AND s.deleted = 0 AND p.deleted = 0 "
        "AND s.starts_at < ? AND s.ends_at > ? ORDER BY s.starts_at, p.name",
        (function_id, end, start),
    )


def all_functions(store: Store) -> list[dict[str, Any]]:
    """Every function (id, name, code, organisation id and name), by name."""
    return store.query(
        "SELECT f.id, f.name, f.code, f.organisation_id, coalesce(o.name, '') AS organisation "
        "FROM functions f "
        "LEFT JOIN organisations o ON o.id = f.organisation_id AND o.deleted = 0 "
        "WHERE f.deleted = 0 ORDER BY f.name, organisation, f.id"
    )


def all_organisations(store: Store) -> list[dict[str, Any]]:
    """Every organisation (id, name, short name, sector), by name."""
    return store.query(
        "SELECT id, name, short_name, sector FROM organisations WHERE deleted = 0 ORDER BY name, id"
    )


def own_channels(store: Store, owner_type: str, owner_id: str) -> list[Channel]:
    """The channels of one person, function or organisation, in fallback order."""
    rows = store.query(
        "SELECT * FROM channels WHERE deleted = 0 AND owner_type = ? AND owner_id = ? "
        "ORDER BY fallback_order, id",
        (owner_type, owner_id),
    )
    return [_channel(r) for r in rows]


def _channel(row: dict[str, Any], via_function: str | None = None) -> Channel:
    return Channel(
        row["id"],
        row["kind"],
        row["value"],
        row["fallback_order"] or 0,
        row["availability"] or "",
        row["note"] or "",
        via_function,
    )


def find_organisations(store: Store, text: str) -> list[str]:
    """Organisations whose id starts with `text` or whose (short) name contains it."""
    text = text.strip()
    rows = store.query(
        "SELECT id FROM organisations WHERE deleted = 0 AND (id LIKE ? || '%' "
        "OR name LIKE '%' || ? || '%' OR short_name LIKE '%' || ? || '%') ORDER BY name",
        (text, text, text),
    )
    if not rows:
        raise NotFound(
            "No organisation matches '{text}'; give part of its name or its id.", text=text
        )
    return [r["id"] for r in rows]
