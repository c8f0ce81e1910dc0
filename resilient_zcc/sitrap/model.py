"""Making a sitrap: the picture of now with the coordinator's judgement and proposals, stored
as one immutable log entry of kind 'sitrap' (the report as JSON in `picture`).

Numbers count up per region from the newest sitrap this copy holds. Two coordinators cut off
from each other may both make number 4; both are kept, listed by time, nothing is lost.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import TYPE_CHECKING, Any

from ..crisis.logbook import entry_values
from ..errors import NotFound, ValidationError
from ..validation import new_id
from .log import previous
from .report import Sitrap, build_sitrap

if TYPE_CHECKING:
    from ..store import Store

MAX_OORDEEL = 4000
MAX_PROPOSALS = 20


def _check(oordeel: str, proposals: list[str]) -> None:
    if len(oordeel) > MAX_OORDEEL:
        raise ValidationError(
            "The judgement (oordeel) is {length} characters; keep it under {maximum} so the "
            "sitrap fits its page and can be read out.",
            length=len(oordeel),
            maximum=MAX_OORDEEL,
        )
    if len(proposals) > MAX_PROPOSALS:
        raise ValidationError(
            "{count} proposed decisions is too many for one sitrap; give at most {maximum}.",
            count=len(proposals),
            maximum=MAX_PROPOSALS,
        )


def make_sitrap(
    store: Store,
    now: datetime,
    made_by: str,
    oordeel: str = "",
    proposals: list[str] | None = None,
    region_id: str | None = None,
) -> Sitrap:
    """Build the sitrap of now, number it and keep it in the logbook."""
    proposals = [p.strip() for p in proposals or [] if p.strip()]
    _check(oordeel.strip(), proposals)
    draft = build_sitrap(store, now, made_by, oordeel, proposals, region_id)
    last = previous(store, draft.region_id)
    number = int(last["number"] or 0) + 1 if last else 1
    report = Sitrap.from_json({**draft.as_json(), "number": number})
    values = entry_values(
        report.region_id,
        "sitrap",
        f"Sitrap {number}" + (f": {report.oordeel}" if report.oordeel else ""),
        now,
        made_by,
        picture=json.dumps(report.as_json(), ensure_ascii=False, sort_keys=True),
    )
    with store.transaction() as tx:
        tx.put("log_entries", new_id(), values)
    return report


def sitraps(store: Store, region_id: str) -> list[dict[str, Any]]:
    """Every kept sitrap of the region, newest first: number, time, who, entry id."""
    return store.query(
        "SELECT id, at, recorded_by AS made_by, json_extract(picture, '$.number') AS number, "
        "json_extract(picture, '$.oordeel') AS oordeel FROM log_entries "
        "WHERE region_id = ? AND kind = 'sitrap' AND deleted = 0 ORDER BY at DESC, id DESC",
        (region_id,),
    )


def kept_sitrap(store: Store, region_id: str, number: int | None = None) -> Sitrap:
    """A kept sitrap by its number (the newest with that number), or the newest one."""
    if number is None:
        row = store.query_one(
            "SELECT picture FROM log_entries WHERE region_id = ? AND kind = 'sitrap' "
            "AND deleted = 0 ORDER BY at DESC, id DESC LIMIT 1",
            (region_id,),
        )
        if row is None:
            raise NotFound(
                "No sitrap has been made yet; make one with 'resilient-zcc sitrap make'."
            )
    else:
        row = store.query_one(
            "SELECT picture FROM log_entries WHERE region_id = ? AND kind = 'sitrap' "
            "AND deleted = 0 AND json_extract(picture, '$.number') = ? "
            "ORDER BY at DESC, id DESC LIMIT 1",
            (region_id, number),
        )
        if row is None:
            raise NotFound(
                "No sitrap number {number}; 'resilient-zcc sitrap list' shows the kept ones.",
                number=number,
            )
    return Sitrap.from_json(json.loads(row["picture"]))
