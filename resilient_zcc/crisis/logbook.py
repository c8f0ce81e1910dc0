"""The region's logbook: decisions, events, phase changes, measures. Append-only.

An entry is never changed once written (the change log refuses it, here and from peers);
a mistake is fixed by a 'correctie' entry that names the entry it corrects.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import TYPE_CHECKING, Any

from ..errors import NotFound, ValidationError
from ..i18n import Text
from ..validation import new_id, optional, required, utc_iso
from .regions import region
from .vocabulary import FREE_LOG_KINDS, LOG_KINDS, WRITTEN_BY

if TYPE_CHECKING:
    from ..store import Store

MAX_LIST = 10_000


def entry_values(
    region_id: str,
    kind: str,
    text: str | None,
    now: datetime,
    recorded_by: str,
    decided_by: str | None = None,
    advised_by: str | None = None,
    picture: str | None = None,
    phase_from: str | None = None,
    phase_to: str | None = None,
    corrects_id: str | None = None,
) -> dict[str, Any]:
    """The columns of a log entry, checked for what every kind needs."""
    return {
        "region_id": region_id,
        "kind": kind,
        "at": utc_iso(now, Text("The moment of the entry")),
        "recorded_by": required(recorded_by, Text("Who recorded the entry (recorded_by)")),
        "decided_by": optional(decided_by),
        "advised_by": optional(advised_by),
        "picture": optional(picture),
        "text": optional(text),
        "phase_from": phase_from,
        "phase_to": phase_to,
        "corrects_id": corrects_id,
    }


def add_entry(
    store: Store,
    region_id: str,
    kind: str,
    text: str,
    now: datetime,
    recorded_by: str,
    decided_by: str | None = None,
    advised_by: str | None = None,
    picture: str | None = None,
    corrects_id: str | None = None,
    entry_id: str | None = None,
) -> str:
    """A decision ('besluit', needs decided_by), an event ('gebeurtenis') or a correction
    ('correctie', needs corrects_id of an existing entry of the same region)."""
    region(store, region_id)
    if kind in WRITTEN_BY:
        raise ValidationError(
            "Entries of kind '{kind}' are written by {writer}, which also changes "
            "the region. Kinds to add directly: {free}.",
            kind=kind,
            writer=WRITTEN_BY[kind],
            free=", ".join(FREE_LOG_KINDS),
        )
    if kind not in FREE_LOG_KINDS:
        raise ValidationError(
            "Unknown log kind '{kind}'. Allowed here: {allowed}.",
            kind=kind,
            allowed=", ".join(FREE_LOG_KINDS),
        )
    required(text, Text("The entry's text"))
    if kind == "besluit" and not (decided_by or "").strip():
        raise ValidationError(
            "A decision ('besluit') must say who decided (decided_by), e.g. "
            "'Bestuurlijk ROAZ' or 'DPG Twente'."
        )
    if kind == "correctie":
        if not corrects_id:
            raise ValidationError(
                "A correction ('correctie') must name the entry it corrects (corrects_id)."
            )
        target = store.query_one(
            "SELECT region_id FROM log_entries WHERE id = ? AND deleted = 0", (corrects_id,)
        )
        if target is None:
            raise NotFound("No log entry with id {id} to correct.", id=corrects_id)
        if target["region_id"] != region_id:
            raise ValidationError(
                "A correction belongs to the same region as the entry it corrects."
            )
    elif corrects_id:
        raise ValidationError("Only a 'correctie' entry names an entry it corrects.")
    values = entry_values(
        region_id,
        kind,
        text,
        now,
        recorded_by,
        decided_by=decided_by,
        advised_by=advised_by,
        picture=picture,
        corrects_id=corrects_id,
    )
    entry_id = entry_id or new_id()
    with store.transaction() as tx:
        tx.put("log_entries", entry_id, values)
    return entry_id


def list_entries(
    store: Store,
    region_id: str,
    kind: str | None = None,
    since: datetime | None = None,
    text: str | None = None,
    limit: int = 200,
) -> list[dict[str, Any]]:
    """Entries newest first; each with the ids of later entries that correct it."""
    region(store, region_id)
    if kind is not None and kind not in LOG_KINDS:
        raise ValidationError(
            "Unknown log kind '{kind}'. Allowed: {allowed}.",
            kind=kind,
            allowed=", ".join(LOG_KINDS),
        )
    if not 1 <= limit <= MAX_LIST:
        raise ValidationError(
            "The limit must be between 1 and {maximum}, not {limit}.", maximum=MAX_LIST, limit=limit
        )
    where = ["e.region_id = ?", "e.deleted = 0"]
    params: list[Any] = [region_id]
    if kind is not None:
        where.append("e.kind = ?")
        params.append(kind)
    if since is not None:
        where.append("e.at >= ?")
        params.append(utc_iso(since, Text("'since'")))
    if text:
        where.append(
            "(coalesce(e.text, '') || ' ' || coalesce(e.decided_by, '') || ' ' || "
            "coalesce(e.advised_by, '') || ' ' || coalesce(e.picture, '')) LIKE ?"
        )
        params.append(f"%{text.strip()}%")
    rows = store.query(
        "SELECT e.id, e.region_id, e.kind, e.at, e.recorded_by, e.decided_by, e.advised_by, "
        "e.picture, e.text, e.phase_from, e.phase_to, e.corrects_id, "
        "(SELECT json_group_array(c.id) FROM log_entries c WHERE c.corrects_id = e.id "
        "AND c.deleted = 0) AS corrected_by "
        f"FROM log_entries e WHERE {' AND '.join(where)} "
        "ORDER BY e.at DESC, json_extract(e._clock, '$.kind[0]') DESC, e.id LIMIT ?",
        (*params, limit),
    )
    for row in rows:
        row["corrected_by"] = json.loads(row["corrected_by"] or "[]")
        row["kind_label"] = LOG_KINDS.get(row["kind"], (row["kind"], ""))[0]
    return rows


def entry(store: Store, entry_id: str) -> dict[str, Any]:
    row = store.query_one("SELECT * FROM log_entries WHERE id = ? AND deleted = 0", (entry_id,))
    if row is None:
        raise NotFound("No log entry with id {id}.", id=entry_id)
    return row
