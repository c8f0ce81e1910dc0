"""Commands that change the directory; each validates, then writes through the change log."""

from __future__ import annotations

import re
from datetime import datetime
from typing import TYPE_CHECKING, Any

from ..errors import ValidationError
from ..i18n import Text
from ..localtime import local_text
from ..validation import choice, new_id, require_row, required, utc_iso
from .phones import normalise_phone
from .vocabulary import AVAILABILITY, CHANNEL_KINDS, OWNER_TYPES, PHONE_KINDS, SECTORS

if TYPE_CHECKING:
    from ..store import Store

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


OWNER_NAMES = {
    "function": Text("function"),
    "organisation": Text("organisation"),
    "person": Text("person"),
}
ROW_NAMES = {
    "people": Text("person"),
    "functions": Text("function"),
    "organisations": Text("organisation"),
    "channels": Text("channel"),
    "roles": Text("role"),
    "rota_shifts": Text("shift"),
}


def add_organisation(
    store: Store,
    name: str,
    sector: str,
    region: str = "",
    short_name: str = "",
    city: str = "",
    org_id: str | None = None,
) -> str:
    org_id = org_id or new_id()
    values = {
        "name": required(name, Text("An organisation's name")),
        "sector": choice(sector, SECTORS, Text("sector")),
        "region": region.strip(),
        "short_name": short_name.strip(),
        "city": city.strip(),
    }
    with store.transaction() as tx:
        tx.put("organisations", org_id, values)
    return org_id


def add_person(
    store: Store,
    name: str,
    organisation_id: str | None,
    notes: str = "",
    person_id: str | None = None,
) -> str:
    person_id = person_id or new_id()
    if organisation_id:
        require_row(store, "organisations", organisation_id, Text("organisation"))
    with store.transaction() as tx:
        tx.put(
            "people",
            person_id,
            {
                "name": required(name, Text("A person's name")),
                "organisation_id": organisation_id,
                "notes": notes,
            },
        )
    return person_id


def add_function(
    store: Store,
    name: str,
    code: str = "",
    organisation_id: str | None = None,
    description: str = "",
    function_id: str | None = None,
) -> str:
    function_id = function_id or new_id()
    if organisation_id:
        require_row(store, "organisations", organisation_id, Text("organisation"))
    with store.transaction() as tx:
        tx.put(
            "functions",
            function_id,
            {
                "name": required(name, Text("A function's name")),
                "code": code.strip(),
                "organisation_id": organisation_id,
                "description": description,
            },
        )
    return function_id


def assign_role(store: Store, person_id: str, function_id: str, role_id: str | None = None) -> str:
    """The person holds (or stands in for) the function outside any rota."""
    require_row(store, "people", person_id, Text("person"))
    require_row(store, "functions", function_id, Text("function"))
    role_id = role_id or new_id()
    with store.transaction() as tx:
        tx.put("roles", role_id, {"person_id": person_id, "function_id": function_id})
    return role_id


def clean_channel_value(kind: str, value: str) -> str:
    choice(kind, CHANNEL_KINDS, Text("channel kind"))
    value = required(value, Text("A channel's number or address"))
    if kind in PHONE_KINDS:
        return normalise_phone(value)
    if kind == "email" and not EMAIL.match(value):
        raise ValidationError("'{value}' is not an e-mail address.", value=value)
    return value


def add_channel(
    store: Store,
    owner_type: str,
    owner_id: str,
    kind: str,
    value: str,
    fallback_order: int | None = None,
    availability: str = "24/7",
    note: str = "",
    channel_id: str | None = None,
) -> str:
    """A way to reach a person, a function (e.g. its piket phone) or an organisation."""
    if owner_type not in OWNER_TYPES:
        raise ValidationError(
            "A channel belongs to a {owners}.", owners=", ".join(sorted(OWNER_TYPES))
        )
    table = {"person": "people", "function": "functions", "organisation": "organisations"}
    require_row(store, table[owner_type], owner_id, OWNER_NAMES[owner_type])
    choice(availability, AVAILABILITY, Text("availability"))
    clean = clean_channel_value(kind, value)
    if fallback_order is None:
        row = store.query_one(
            "SELECT coalesce(max(fallback_order), 0) + 1 AS next FROM channels "
            "WHERE owner_id = ? AND deleted = 0",
            (owner_id,),
        )
        fallback_order = int(row["next"]) if row else 1
    if fallback_order < 1:
        raise ValidationError("The fallback order starts at 1 (the first channel to try).")
    channel_id = channel_id or new_id()
    with store.transaction() as tx:
        tx.put(
            "channels",
            channel_id,
            {
                "owner_type": owner_type,
                "owner_id": owner_id,
                "kind": kind,
                "value": clean,
                "fallback_order": fallback_order,
                "availability": availability,
                "note": note,
            },
        )
    return channel_id


def add_shift(
    store: Store,
    function_id: str,
    person_id: str,
    starts_at: datetime,
    ends_at: datetime,
    shift_id: str | None = None,
    *,
    double_cover: bool = False,
) -> str:
    """A rota entry: the person holds the function from `starts_at` until `ends_at`.

    A shift that overlaps another of the same function is refused, so a typing slip cannot
    put two people on one duty without anyone noticing; `double_cover` allows it on purpose
    (a handover, or two on call in a crisis). The same person twice is always refused.
    """
    require_row(store, "functions", function_id, Text("function"))
    require_row(store, "people", person_id, Text("person"))
    if ends_at <= starts_at:
        raise ValidationError("A shift must end after it starts.")
    starts, ends = utc_iso(starts_at, Text("The start")), utc_iso(ends_at, Text("The end"))
    for other in _overlapping_shifts(store, function_id, starts, ends):
        times = {
            "name": other["name"],
            "starts": local_text(other["starts_at"]),
            "ends": local_text(other["ends_at"]),
        }
        if other["person_id"] == person_id:
            raise ValidationError(
                "{name} is already on this rota from {starts} to {ends}. Change or remove that "
                "shift first.",
                **times,
            )
        if not double_cover:
            raise ValidationError(
                "{name} is already on this rota from {starts} to {ends}. Change or remove that "
                "shift first, or allow double cover.",
                **times,
            )
    shift_id = shift_id or new_id()
    with store.transaction() as tx:
        tx.put(
            "rota_shifts",
            shift_id,
            {
                "function_id": function_id,
                "person_id": person_id,
                "starts_at": starts,
                "ends_at": ends,
            },
        )
    return shift_id


def _overlapping_shifts(
    store: Store, function_id: str, starts: str, ends: str
) -> list[dict[str, Any]]:
    return store.query(
        "SELECT s.person_id, s.starts_at, s.ends_at, coalesce(p.name, '?') AS name "
        "FROM rota_shifts s LEFT JOIN people p ON p.id = s.person_id "
        "WHERE s.function_id = ? AND s.deleted = 0 AND s.starts_at < ? AND s.ends_at > ? "
        "ORDER BY s.starts_at",
        (function_id, ends, starts),
    )


def verify_person(store: Store, person_id: str, by: str, at: datetime) -> None:
    """Record that someone checked this person's details are still correct."""
    require_row(store, "people", person_id, Text("person"))
    with store.transaction() as tx:
        tx.put(
            "people",
            person_id,
            {
                "last_verified_at": utc_iso(at, Text("The verification time")),
                "last_verified_by": required(by, Text("Who verified")),
            },
        )


def delete(store: Store, table: str, row_id: str) -> None:
    require_row(store, table, row_id, ROW_NAMES.get(table, table))
    with store.transaction() as tx:
        tx.delete(table, row_id)


def update_person(
    store: Store,
    person_id: str,
    *,
    name: str | None = None,
    notes: str | None = None,
    organisation_id: str | None = None,
) -> None:
    """Change what is given; `None` leaves a field as it is, `organisation_id=""` clears it."""
    require_row(store, "people", person_id, Text("person"))
    values: dict[str, str | None] = {}
    if name is not None:
        values["name"] = required(name, Text("A person's name"))
    if notes is not None:
        values["notes"] = notes.strip()
    if organisation_id is not None:
        if organisation_id:
            require_row(store, "organisations", organisation_id, Text("organisation"))
        values["organisation_id"] = organisation_id or None
    if not values:
        return
    with store.transaction() as tx:
        tx.put("people", person_id, values)


def _channel(store: Store, channel_id: str) -> dict[str, Any]:
    require_row(store, "channels", channel_id, Text("channel"))
    row = store.query_one("SELECT * FROM channels WHERE id = ?", (channel_id,))
    assert row is not None
    return row


def update_channel(
    store: Store,
    channel_id: str,
    *,
    kind: str | None = None,
    value: str | None = None,
    availability: str | None = None,
    note: str | None = None,
) -> None:
    """Change a channel; the value is checked (and phones normalised) against the new kind."""
    row = _channel(store, channel_id)
    values: dict[str, str] = {}
    if kind is not None or value is not None:
        new_kind = kind if kind is not None else row["kind"]
        values["kind"] = new_kind
        values["value"] = clean_channel_value(
            new_kind, value if value is not None else row["value"]
        )
    if availability is not None:
        values["availability"] = choice(availability, AVAILABILITY, Text("availability"))
    if note is not None:
        values["note"] = note.strip()
    if not values:
        return
    with store.transaction() as tx:
        tx.put("channels", channel_id, values)


def move_channel(store: Store, channel_id: str, delta: int) -> None:
    """Move a channel `delta` places in its owner's fallback order (-1: try it earlier)."""
    row = _channel(store, channel_id)
    siblings = store.query(
        "SELECT id, fallback_order FROM channels WHERE owner_type = ? AND owner_id = ? "
        "AND deleted = 0 ORDER BY fallback_order, id",
        (row["owner_type"], row["owner_id"]),
    )
    ids = [s["id"] for s in siblings]
    at = ids.index(channel_id)
    to = at + delta
    if to < 0:
        raise ValidationError("This channel is already the first to try.")
    if to >= len(ids):
        raise ValidationError("This channel is already the last to try.")
    ids.insert(to, ids.pop(at))
    current = {s["id"]: s["fallback_order"] for s in siblings}
    with store.transaction() as tx:
        for order, sibling in enumerate(ids, start=1):
            if current[sibling] != order:
                tx.put("channels", sibling, {"fallback_order": order})


def remove_shift(store: Store, shift_id: str) -> None:
    """Take a rota entry off the rota (a tombstone, so other devices learn of it)."""
    delete(store, "rota_shifts", shift_id)
