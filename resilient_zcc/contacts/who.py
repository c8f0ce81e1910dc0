"""Who to call now for a function of an organisation: the one answer every screen shows.

The holder on duty by the rota first, then the other holders, then the function's own
channels (its piket phone); each with its channels in fallback order and every number in
dialable form. When several people hold the function and no rota covers now, the answer
says so instead of picking one.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from ..errors import NotFound
from ..i18n import Text, language
from ..settings import get_setting
from .directory import one_organisation
from .queries import Channel, find_organisations, own_channels
from .search import fold
from .vocabulary import CHANNEL_KINDS, PHONE_KINDS, label

if TYPE_CHECKING:
    from ..store import Store


class EntryKind(StrEnum):
    ON_DUTY = "on_duty"  # on the rota now
    HOLDER = "holder"  # holds the function, not on the rota now
    FUNCTION = "function"  # the function's own channels (the piket phone)


class Cover(StrEnum):
    ROTA = "rota"  # somebody is on the rota now
    SINGLE = "single"  # one holder and no rota now: that is whom to call
    UNCLEAR = "unclear"  # several holders and no rota now: the app does not guess
    NOBODY = "nobody"  # no holder at all (only the function's own channels, if any)


@dataclass(frozen=True)
class WhoChannel:
    kind: str
    label: str
    value: str  # as stored (E.164 for phones)
    display: str  # national form for Dutch numbers
    dialable: str | None  # the whole number to dial (E.164); None for non-phone channels
    availability: str
    note: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "label": self.label,
            "value": self.display,
            "dialable": self.dialable,
            "availability": self.availability,
            "note": self.note,
        }


@dataclass(frozen=True)
class WhoEntry:
    kind: EntryKind
    name: str  # the person, or the function for its own channels
    person_id: str | None
    function: str
    organisation: str
    stale: bool
    channels: tuple[WhoChannel, ...]

    @property
    def on_duty(self) -> bool:
        return self.kind is EntryKind.ON_DUTY

    @property
    def first_number(self) -> WhoChannel | None:
        """The first channel that can be dialled, in fallback order."""
        return next((c for c in self.channels if c.dialable), None)

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "function": self.function,
            "organisation": self.organisation,
            "on_duty": self.on_duty,
            "kind": str(self.kind),
            "person_id": self.person_id,
            "stale": self.stale,
            "channels": [c.as_dict() for c in self.channels],
        }


@dataclass(frozen=True)
class WhoAnswer:
    organisation_id: str
    organisation: str
    function_id: str
    function: str
    cover: Cover
    entries: tuple[WhoEntry, ...]

    @property
    def unclear(self) -> bool:
        return self.cover is Cover.UNCLEAR

    @property
    def notice(self) -> Text | None:
        """What the user must know before calling, when the rota gives no single answer."""
        holders = sum(1 for e in self.entries if e.kind is not EntryKind.FUNCTION)
        if self.cover is Cover.UNCLEAR:
            return Text(
                "Nobody is on the rota for {function} now and {count} people hold it: "
                "the list does not say who is on duty.",
                function=self.function,
                count=holders,
            )
        if self.cover is Cover.NOBODY:
            return Text("Nobody holds {function}.", function=self.function)
        return None


def who_to_call(
    store: Store, organisation: str, function: str, now: datetime | None = None
) -> WhoAnswer:
    """Whom to call now for `function` of `organisation` (names as a user types them)."""
    now = now or datetime.now(UTC)
    org = one_organisation(store, organisation)
    fn = _one_function(store, org, function, organisation)
    return _answer(store, org["id"], org["name"], fn, now)


def who_holds(store: Store, function_id: str, now: datetime) -> WhoAnswer:
    """The same answer for a function known by id (regional functions have no organisation)."""
    fn = store.query_one(
        "SELECT f.id, f.name, f.code, f.organisation_id, coalesce(o.name, '') AS organisation "
        "FROM functions f LEFT JOIN organisations o ON o.id = f.organisation_id "
        "WHERE f.id = ? AND f.deleted = 0",
        (function_id,),
    )
    if fn is None:
        raise NotFound("No function with id {id}.", id=function_id)
    return _answer(store, fn["organisation_id"] or "", fn["organisation"], fn, now)


def _answer(
    store: Store, org_id: str, org_name: str, fn: dict[str, Any], now: datetime
) -> WhoAnswer:
    moment = now.astimezone(UTC).isoformat(timespec="seconds")
    on_duty = [
        r["person_id"]
        for r in store.query(
            "SELECT DISTINCT s.person_id FROM rota_shifts s JOIN people p ON p.id = s.person_id "
            "WHERE s.function_id = ? AND s.deleted = 0 AND p.deleted = 0 "
            "AND s.starts_at <= ? AND s.ends_at > ? ORDER BY s.starts_at, p.name",
            (fn["id"], moment, moment),
        )
    ]
    holders = [
        r["person_id"]
        for r in store.query(
            "SELECT DISTINCT r.person_id FROM roles r JOIN people p ON p.id = r.person_id "
            "WHERE r.function_id = ? AND r.deleted = 0 AND p.deleted = 0 ORDER BY p.name",
            (fn["id"],),
        )
        if r["person_id"] not in on_duty
    ]
    entries = [_person_entry(store, pid, EntryKind.ON_DUTY, fn, now) for pid in on_duty]
    entries += [_person_entry(store, pid, EntryKind.HOLDER, fn, now) for pid in holders]
    own = own_channels(store, "function", fn["id"])
    if own:
        entries.append(
            WhoEntry(
                EntryKind.FUNCTION,
                fn["name"],
                None,
                fn["name"],
                fn["organisation"],
                False,
                tuple(map(_who_channel, own)),
            )
        )
    if on_duty:
        cover = Cover.ROTA
    elif len(holders) == 1:
        cover = Cover.SINGLE
    elif holders:
        cover = Cover.UNCLEAR
    else:
        cover = Cover.NOBODY
    return WhoAnswer(org_id, org_name, fn["id"], fn["name"], cover, tuple(entries))


def _one_function(store: Store, org: dict[str, Any], text: str, org_text: str) -> dict[str, Any]:
    """The organisation's function named by `text`: whole name or code first, then a part."""
    functions = store.query(
        "SELECT f.id, f.name, f.code, o.name AS organisation FROM functions f "
        "JOIN organisations o ON o.id = f.organisation_id "
        "WHERE f.organisation_id = ? AND f.deleted = 0 ORDER BY f.name",
        (org["id"],),
    )
    wanted = fold(text)
    exact = [f for f in functions if wanted in (fold(f["name"]), fold(f["code"] or ""))]
    found = exact or [f for f in functions if wanted and wanted in fold(f["name"])]
    if len(found) == 1:
        return found[0]
    names = "; ".join(f["name"] for f in (found or functions)) or "-"
    if not found:
        others = _others_with(store, org_text, org["id"], wanted)
        if others:
            raise NotFound(
                "{organisation} has no function '{text}'; these do: {others}. Name one of them.",
                organisation=org["name"],
                text=text,
                others=others,
            )
        raise NotFound(
            "{organisation} has no function '{text}'. Its functions: {names}.",
            organisation=org["name"],
            text=text,
            names=names,
        )
    raise NotFound(
        "'{text}' matches {count} functions of {organisation}: {names}. Be more precise.",
        text=text,
        count=len(found),
        organisation=org["name"],
        names=names,
    )


def _others_with(store: Store, org_text: str, org_id: str, wanted: str) -> str:
    """Other organisations the typed name also fits that do have such a function
    ("ZGT" is the hospital group; its locations hold the pikets)."""
    ids = [i for i in find_organisations(store, org_text) if i != org_id]
    names = [
        r["organisation"]
        for r in store.query(
            "SELECT DISTINCT o.name AS organisation, f.name, f.code FROM functions f "
            "JOIN organisations o ON o.id = f.organisation_id WHERE f.deleted = 0 "
            "AND o.id IN (SELECT value FROM json_each(?)) ORDER BY o.name",
            (json.dumps(ids),),
        )
        if wanted in fold(r["name"]) or wanted == fold(r["code"] or "")
    ]
    return " / ".join(dict.fromkeys(names))


def _person_entry(
    store: Store, person_id: str, kind: EntryKind, fn: dict[str, Any], now: datetime
) -> WhoEntry:
    row = store.query_one(
        "SELECT p.name, p.last_verified_at, coalesce(o.name, '') AS organisation FROM people p "
        "LEFT JOIN organisations o ON o.id = p.organisation_id WHERE p.id = ?",
        (person_id,),
    )
    assert row is not None  # the callers joined on people
    limit = timedelta(days=get_setting(store, "contacts.stale_after_days"))
    verified = row["last_verified_at"]
    stale = not verified or datetime.fromisoformat(verified) < now - limit
    return WhoEntry(
        kind,
        row["name"],
        person_id,
        fn["name"],
        row["organisation"] or fn["organisation"],
        stale,
        tuple(map(_who_channel, own_channels(store, "person", person_id))),
    )


def _who_channel(channel: Channel) -> WhoChannel:
    phone = channel.kind in PHONE_KINDS
    return WhoChannel(
        channel.kind,
        label(CHANNEL_KINDS, channel.kind, language()),
        channel.value,
        channel.display,
        channel.value if phone else None,
        channel.availability,
        channel.note,
    )
