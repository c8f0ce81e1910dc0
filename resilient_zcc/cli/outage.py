"""`outage ...`: the region's outages; and the helpers the outage picture's commands share."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

import click

from ..contacts.queries import find_organisations
from ..crisis.outage import (
    OUTAGE_KINDS,
    Outage,
    active_outages,
    declare_outage,
    end_outage,
    get_outage,
    outage_history,
)
from ..errors import NotFound
from ..i18n import Text
from ..store import Store
from .capacity import parse_time
from .common import Session, emit_json, local_time, now, pass_session, resolve_id
from .crisis import REGION_HELP, _by, _region


def organisation_id(store: Store, text: str) -> str:
    """One organisation by id prefix or (part of) its name; an exact name wins."""
    ids = find_organisations(store, text)
    if len(ids) == 1:
        return ids[0]
    rows = store.query(
        "SELECT id, name, short_name FROM organisations WHERE id IN (SELECT value FROM "
        "json_each(?)) ORDER BY name",
        (json.dumps(ids),),
    )
    wanted = text.strip().lower()
    exact = [
        r["id"] for r in rows if wanted in {r["name"].lower(), (r["short_name"] or "").lower()}
    ]
    if len(exact) == 1:
        return exact[0]
    raise NotFound(
        "'{text}' matches several organisations ({names}); give more of the name.",
        text=text,
        names=", ".join(r["short_name"] or r["name"] for r in rows[:6]),
    )


def optional_region(store: Store, region: str | None) -> str | None:
    """The region named, or the only one; None (every location) in a profile without one."""
    if region or store.query_one("SELECT 1 FROM regions WHERE deleted = 0"):
        return _region(store, region)
    return None


def choice(vocabulary: dict[str, tuple[str, str]]) -> click.Choice:
    """The codes as plain strings (click shows an enum member by its name)."""
    return click.Choice([str(code) for code in vocabulary])


def outage_line(outage: Outage) -> str:
    area = outage.area or "hele regio"
    until = f", verwacht tot {local_time(outage.expected_end)}" if outage.expected_end else ""
    ended = f"; beëindigd {local_time(outage.ended_at)}" if outage.ended_at else ""
    return (
        f"[{outage.id[:8]}] {outage.label()}: {area}, sinds {local_time(outage.started_at)}"
        f"{until} (besloten door {outage.decided_by}){ended}"
    )


def _outage_json(outage: Outage) -> dict[str, Any]:
    return {**dataclasses.asdict(outage), "active": outage.active, "label": outage.label()}


# --- outage -------------------------------------------------------------------------------


@click.group("outage")
def outage_group() -> None:
    """The region's outages (power, ICT, telephony, water): declare, show, end."""


@outage_group.command("show")
@click.option("--all", "show_all", is_flag=True, help="Also outages that have ended.")
@click.option("--region", default=None, help=REGION_HELP)
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@pass_session
def outage_show(session: Session, show_all: bool, region: str | None, as_json: bool) -> None:
    """The outages that last now (with --all, also ended ones).

    \b
    Example:
      resilient-zcc outage show
      resilient-zcc outage show --all --json
    """
    with session.store() as store:
        region_id = optional_region(store, region)
        found = outage_history(store, region_id) if show_all else active_outages(store, region_id)
    if as_json:
        emit_json([_outage_json(o) for o in found])
        return
    if not found:
        click.echo("Geen uitval afgekondigd.")
        return
    for outage in found:
        click.echo(outage_line(outage))


@outage_group.command("declare")
@click.option("--kind", type=choice(OUTAGE_KINDS), required=True,
              help="What is out.")  # fmt: skip
@click.option("--area", default="", help="Municipalities, comma-separated (default: all).")
@click.option("--start", default=None, help="When it began (HH:MM or 'YYYY-MM-DD HH:MM').")
@click.option("--expected-end", default=None, help="When it is expected to end.")
@click.option("--decided-by", required=True, help="Who decided, e.g. 'DPG Twente'.")
@click.option("--by", "recorded_by", default=None, help="Who records it (default: device).")
@click.option("--text", default="", help="What happened, for the log.")
@click.option("--region", default=None, help=REGION_HELP)
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@pass_session
def outage_declare(
    session: Session,
    kind: str,
    area: str,
    start: str | None,
    expected_end: str | None,
    decided_by: str,
    recorded_by: str | None,
    text: str,
    region: str | None,
    as_json: bool,
) -> None:
    """Declare an outage; it is logged as a decision and the pictures tighten.

    \b
    Example:
      resilient-zcc outage declare --kind stroom --area "Enschede, Hengelo" \\
          --start 06:40 --expected-end "2026-03-15 18:00" --decided-by "DPG Twente"
    """
    current = now()
    with session.store() as store:
        outage_id = declare_outage(
            store,
            _region(store, region),
            kind,
            decided_by=decided_by,
            recorded_by=_by(store, recorded_by),
            now=current,
            area=area,
            started_at=parse_time(start, current) if start else None,
            expected_end=parse_time(expected_end, current) if expected_end else None,
            text=text,
        )
        outage = get_outage(store, outage_id)
    if as_json:
        emit_json(_outage_json(outage))
        return
    click.echo(f"Uitval afgekondigd: {outage_line(outage)}")


@outage_group.command("end")
@click.argument("outage")
@click.option("--decided-by", required=True, help="Who decided the outage is over.")
@click.option("--by", "recorded_by", default=None, help="Who records it (default: device).")
@click.option("--text", default="", help="Why it is over, for the log.")
@pass_session
def outage_end(
    session: Session, outage: str, decided_by: str, recorded_by: str | None, text: str
) -> None:
    """End a declared outage (logged as a decision).

    \b
    Example:
      resilient-zcc outage end 3f2a9c1b --decided-by "DPG Twente" --text "Netstroom hersteld"
    """
    with session.store() as store:
        outage_id = resolve_id(store, "outages", outage, Text("outage"))
        end_outage(
            store,
            outage_id,
            decided_by=decided_by,
            recorded_by=_by(store, recorded_by),
            now=now(),
            text=text,
        )
        click.echo(f"Uitval beëindigd: {outage_line(get_outage(store, outage_id))}")
