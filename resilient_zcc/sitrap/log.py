"""The kept sitraps in the logbook: the newest one, read without building a report."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..store import Store


def previous(store: Store, region_id: str) -> dict[str, Any] | None:
    """The newest stored sitrap of the region (its entry id, time and number), if any."""
    return store.query_one(
        "SELECT id, at, json_extract(picture, '$.number') AS number FROM log_entries "
        "WHERE region_id = ? AND kind = 'sitrap' AND deleted = 0 ORDER BY at DESC, id DESC LIMIT 1",
        (region_id,),
    )
