"""Regions: ROAZ regions and the safety regions under them; the phase lives on the ROAZ region."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..errors import NotFound, ValidationError
from ..i18n import Text
from ..validation import new_id, required
from .vocabulary import REGION_KINDS

if TYPE_CHECKING:
    from ..store import Store


def add_region(
    store: Store,
    name: str,
    kind: str,
    code: str = "",
    parent_id: str | None = None,
    region_id: str | None = None,
) -> str:
    """A ROAZ region (kind 'roaz') or a safety region ('veiligheidsregio') under one.

    The region starts without a recorded phase (read as 1a) and with the noodscenario off.
    """
    name = required(name, Text("A region's name"))
    if kind not in REGION_KINDS:
        raise ValidationError(
            "Unknown region kind '{kind}'. Allowed: {allowed}.",
            kind=kind,
            allowed=", ".join(REGION_KINDS),
        )
    if kind == "roaz" and parent_id:
        raise ValidationError("A ROAZ region has no parent; only a veiligheidsregio has one.")
    if kind == "veiligheidsregio":
        if not parent_id:
            raise ValidationError(
                "A veiligheidsregio belongs to a ROAZ region: give the ROAZ region as parent."
            )
        parent = region(store, parent_id)
        if parent["kind"] != "roaz":
            raise ValidationError(
                "The parent of a veiligheidsregio must be a ROAZ region; '{parent}' is a {kind}.",
                parent=parent["name"],
                kind=parent["kind"],
            )
    region_id = region_id or new_id()
    from .measures import ensure_measures

    with store.transaction() as tx:
        tx.put(
            "regions",
            region_id,
            {
                "name": name,
                "kind": kind,
                "code": code.strip(),
                "parent_id": parent_id,
                "noodscenario": 0,
            },
        )
        ensure_measures(store)
    return region_id


def region(store: Store, region_id: str) -> dict[str, Any]:
    row = store.query_one("SELECT * FROM regions WHERE id = ? AND deleted = 0", (region_id,))
    if row is None:
        raise NotFound("No region with id {id}.", id=region_id)
    return row


def list_regions(store: Store) -> list[dict[str, Any]]:
    return store.query(
        "SELECT id, name, kind, code, parent_id, phase, phase_since, noodscenario "
        "FROM regions WHERE deleted = 0 ORDER BY parent_id IS NOT NULL, name"
    )


def default_region(store: Store) -> str:
    """The region meant when none is named: the only ROAZ region (or the only region)."""
    rows = list_regions(store)
    roaz = [r for r in rows if r["kind"] == "roaz"]
    for candidates in (roaz, rows):
        if len(candidates) == 1:
            return str(candidates[0]["id"])
    if not rows:
        raise NotFound("This profile holds no region yet; load the demo or add a region first.")
    names = "; ".join(f"{r['name']} [{r['id'][:8]}]" for r in roaz or rows)
    raise ValidationError("Several regions: name one with --region. Regions: {names}.", names=names)


def roaz_region(store: Store, region_id: str) -> dict[str, Any]:
    """The region if it is a ROAZ region; a safety region is refused, naming its ROAZ region."""
    row = region(store, region_id)
    if row["kind"] != "roaz":
        parent = store.query_one("SELECT name FROM regions WHERE id = ?", (row["parent_id"],))
        if parent is None:
            raise ValidationError(
                "'{region}' is a {kind}; the LNAZ phase and the noodscenario are set on its "
                "ROAZ region.",
                region=row["name"],
                kind=row["kind"],
            )
        raise ValidationError(
            "'{region}' is a {kind}; the LNAZ phase and the noodscenario are set on its "
            "ROAZ region ('{parent}').",
            region=row["name"],
            kind=row["kind"],
            parent=parent["name"],
        )
    return row


__all__ = ["add_region", "default_region", "list_regions", "region", "roaz_region"]
