"""The directory as a whole, for lists on paper: organisations by sector, their functions
with holders and every channel in fallback order, and the rota of the coming days.

Read in a handful of bulk queries (not one card per person), so a region of thousands of
contacts is read in well under a second.
"""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from ..errors import NotFound
from ..printlog import ROTA_DAYS
from ..settings import get_setting
from .phones import display_phone
from .queries import find_organisations
from .vocabulary import AVAILABILITY, CHANNEL_KINDS, PHONE_KINDS, SECTORS, label

if TYPE_CHECKING:
    from ..store import Store

REGIONAL = ""  # the organisation key of regional functions (no organisation)
# Sectors whose 24/7 functions come first on the alarm card, in this order.
ALARM_SECTORS = ("coordinatie", "ambulance", "ziekenhuis", "huisartsen", "ggz", "vvt", "ghz")
# Functions on the alarm card even when no channel of theirs is marked 24/7.
ALARM_CODES = frozenset({"dpg", "ovdg", "roaz_voorzitter"})


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def _channel(row: dict[str, Any], lang: str) -> dict[str, Any]:
    kind = row["kind"] or ""
    value = row["value"] or ""
    return {
        "kind": kind,
        "kind_label": label(CHANNEL_KINDS, kind, lang),
        "value": display_phone(value) if kind in PHONE_KINDS else value,
        "availability": row["availability"] or "",
        "availability_label": label(AVAILABILITY, row["availability"] or "", lang),
        "note": row["note"] or "",
        "order": row["fallback_order"] or 0,
    }


def one_organisation(store: Store, text: str) -> dict[str, Any]:
    """Exactly one organisation for `text` (id prefix or part of the name), or a clear error."""
    ids = find_organisations(store, text)
    rows = store.query(
        "SELECT id, name, short_name FROM organisations WHERE id IN "
        "(SELECT value FROM json_each(?)) ORDER BY name",
        (json.dumps(ids),),
    )
    exact = [
        r
        for r in rows
        if text.strip().lower() in (r["name"].lower(), (r["short_name"] or "").lower())
    ]
    if len(rows) == 1 or len(exact) == 1:
        return (exact or rows)[0]
    names = "; ".join(f"{r['name']} [{r['id'][:8]}]" for r in rows[:8])
    if len(rows) > 8:
        names += f"; … (+{len(rows) - 8})"
    raise NotFound(
        "'{text}' matches {count} organisations: {names}. Be more precise.",
        text=text,
        count=len(rows),
        names=names,
    )


def directory_listing(
    store: Store,
    now: datetime,
    *,
    organisation_id: str | None = None,
    days: int = ROTA_DAYS,
    lang: str = "nl",
) -> list[dict[str, Any]]:
    """Organisations (regional functions first, then by sector and name), each with its
    functions: holders with their channels in fallback order, the function's own channels,
    who is on duty now, and the rota shifts of the coming `days`."""
    limit = timedelta(days=get_setting(store, "contacts.stale_after_days"))
    org_filter = "AND o.id = ?" if organisation_id else ""
    params: tuple[Any, ...] = (organisation_id,) if organisation_id else ()
    orgs = store.query(
        "SELECT o.id, o.name, o.short_name, o.sector, o.city FROM organisations o "
        f"WHERE o.deleted = 0 {org_filter} ORDER BY o.name",
        params,
    )
    if organisation_id and not orgs:
        raise NotFound("No organisation with id {id}.", id=organisation_id)
    functions = store.query(
        "SELECT f.id, f.name, f.code, f.description, coalesce(f.organisation_id, '') AS org "
        "FROM functions f WHERE f.deleted = 0 "
        + ("AND f.organisation_id = ? " if organisation_id else "")
        + "ORDER BY f.name",
        params,
    )
    people = {
        r["id"]: r
        for r in store.query(
            "SELECT p.id, p.name, p.last_verified_at, coalesce(p.organisation_id, '') AS org "
            "FROM people p WHERE p.deleted = 0 "
            + ("AND p.organisation_id = ?" if organisation_id else ""),
            params,
        )
    }
    function_ids = {f["id"] for f in functions}
    roles: dict[str, list[str]] = defaultdict(list)
    for r in store.query("SELECT function_id, person_id FROM roles WHERE deleted = 0"):
        if r["function_id"] in function_ids:
            roles[r["function_id"]].append(r["person_id"])
    channels: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in store.query(
        "SELECT owner_id, kind, value, fallback_order, availability, note FROM channels "
        "WHERE deleted = 0 ORDER BY fallback_order, kind"
    ):
        channels[r["owner_id"]].append(r)
    start, end, moment = _iso(now), _iso(now + timedelta(days=days)), _iso(now)
    shifts: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in store.query(
        "SELECT s.function_id, s.person_id, p.name AS person, s.starts_at, s.ends_at "
        "FROM rota_shifts s JOIN people p ON p.id = s.person_id AND p.deleted = 0 "
        "WHERE s.deleted = 0 AND s.starts_at < ? AND s.ends_at > ? ORDER BY s.starts_at",
        (end, start),
    ):
        if r["function_id"] in function_ids:
            r["now"] = r["starts_at"] <= moment < r["ends_at"]
            shifts[r["function_id"]].append(r)
    # People on a rota are reached like holders, even without a standing role.
    extra = {s["person_id"] for rows in shifts.values() for s in rows} - set(people)
    if extra:
        for r in store.query(
            "SELECT id, name, last_verified_at, coalesce(organisation_id, '') AS org FROM people "
            "WHERE deleted = 0 AND id IN (SELECT value FROM json_each(?))",
            (json.dumps(sorted(extra)),),
        ):
            people[r["id"]] = r

    def person(person_id: str) -> dict[str, Any] | None:
        row = people.get(person_id)
        if row is None:
            return None
        verified = row["last_verified_at"]
        stale = not verified or datetime.fromisoformat(verified) < now - limit
        return {
            "id": person_id,
            "name": row["name"],
            "last_verified_at": verified,
            "stale": stale,
            "channels": [_channel(c, lang) for c in channels.get(person_id, [])],
        }

    by_org: dict[str, list[dict[str, Any]]] = defaultdict(list)
    held: set[str] = set()
    for f in functions:
        holder_ids = list(dict.fromkeys(roles.get(f["id"], [])))
        on_duty = [s["person_id"] for s in shifts.get(f["id"], []) if s["now"]]
        for pid in on_duty:
            if pid not in holder_ids:
                holder_ids.append(pid)
        holders = [h for h in map(person, holder_ids) if h]
        holders.sort(key=lambda h: (h["id"] not in on_duty, h["name"]))
        for h in holders:
            h["on_duty"] = h["id"] in on_duty
        held.update(holder_ids)
        own = [_channel(c, lang) for c in channels.get(f["id"], [])]
        by_org[f["org"]].append(
            {
                "id": f["id"],
                "name": f["name"],
                "code": f["code"] or "",
                "description": f["description"] or "",
                "channels": own,
                "always": any(c["availability"] == "24/7" for c in own)
                or any(c["availability"] == "24/7" for h in holders for c in h["channels"][:1]),
                "holders": holders,
                "on_duty": [people[p]["name"] for p in on_duty if p in people],
                "rota": [
                    {
                        "person": s["person"],
                        "starts_at": s["starts_at"],
                        "ends_at": s["ends_at"],
                        "now": s["now"],
                    }
                    for s in shifts.get(f["id"], [])
                ],
            }
        )
    unassigned: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for pid, row in people.items():
        if pid not in held and (not organisation_id or row["org"] == organisation_id):
            entry = person(pid)
            if entry:
                unassigned[row["org"]].append(entry)
    result = []
    if not organisation_id and by_org.get(REGIONAL):
        result.append(
            {
                "id": REGIONAL,
                "name": "Regionale functies" if lang == "nl" else "Regional functions",
                "short_name": "Regio (ZCC)" if lang == "nl" else "Region (ZCC)",
                "sector": "regionaal",
                "sector_label": "Regionaal (ZCC)" if lang == "nl" else "Regional (ZCC)",
                "city": "",
                "functions": by_org[REGIONAL],
                "people": [],
            }
        )
    order = {code: n for n, code in enumerate(SECTORS)}
    for org in sorted(orgs, key=lambda o: (order.get(o["sector"] or "", 99), o["name"])):
        result.append(
            {
                **org,
                "sector": org["sector"] or "",
                "sector_label": label(SECTORS, org["sector"] or "", lang) or "-",
                "functions": by_org.get(org["id"], []),
                "people": sorted(unassigned.get(org["id"], []), key=lambda p: p["name"]),
            }
        )
    return result


def alarm_functions(listing: list[dict[str, Any]], limit: int = 30) -> list[dict[str, Any]]:
    """The functions to call first in a crisis, at most `limit`: regional functions, then
    the 24/7 functions of the coordinating bodies, ambulance care, hospitals and the rest by
    sector; within a sector, functions reachable around the clock first."""
    ranked = []
    for org in listing:
        regional = org["id"] == REGIONAL
        sector_rank = (
            -1
            if regional
            else (
                ALARM_SECTORS.index(org["sector"])
                if org["sector"] in ALARM_SECTORS
                else len(ALARM_SECTORS)
            )
        )
        for function in org["functions"]:
            if not function["holders"] and not function["channels"]:
                continue
            if not (regional or function["always"] or function["code"] in ALARM_CODES):
                continue
            ranked.append(
                (
                    (sector_rank, not function["channels"], org["name"], function["name"]),
                    {
                        **function,
                        "organisation_id": org["id"],
                        "organisation": org["short_name"] or org["name"],
                    },
                )
            )
    ranked.sort(key=lambda pair: pair[0])
    return [function for _key, function in ranked[:limit]]
