"""`capacity ...`: report figures, the regional picture with the age of every figure, overdue."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

import click

from ..capacity import model, queries
from ..capacity.categories import (
    FEATURES,
    KINDS,
    SOURCES,
    STATUSES,
    all_categories,
    check_category,
)
from ..capacity.free_beds import BedFigure, capacity_picture
from ..errors import ValidationError
from ..i18n import Text, language
from ..localtime import AMSTERDAM, duration_text
from .common import Session, emit_json, local_time, now, pass_session, resolve_id

_CLOCK = re.compile(r"^\d{1,2}:\d{2}$")


@click.group()
def capacity() -> None:
    """Capacity: report figures per location and category, see the regional picture."""


def age_text(minutes: int) -> str:
    """An age as people say it: 45 min, 3 u 05 min, 2 d 4 u."""
    return duration_text(minutes, language())


def parse_time(text: str, current: datetime) -> datetime:
    """'HH:MM' (today), or an ISO date and time; without a zone it is Amsterdam time."""
    text = text.strip()
    try:
        if _CLOCK.match(text):
            hours, minutes = (int(p) for p in text.split(":"))
            day = current.astimezone(AMSTERDAM).date()
            return datetime(day.year, day.month, day.day, hours, minutes, tzinfo=AMSTERDAM)
        moment = datetime.fromisoformat(text)
    except ValueError:
        moment = None
    if moment is None:
        raise ValidationError(
            "'{text}' is not a time; give HH:MM (today) or 'YYYY-MM-DD HH:MM' "
            "(Amsterdam time), like 08:45 or '2025-03-14 08:45'.",
            text=text,
        )
    return moment if moment.tzinfo else moment.replace(tzinfo=AMSTERDAM)


def _figures(row: dict[str, Any]) -> str:
    expected = row["expected_24h"]
    over_24h = f", over 24 u {expected}" if expected is not None else ""
    return (
        f"totaal {row['total']}, bemand {row['staffed']}, bezet {row['occupied']}, "
        f"vrij {row['available']}{over_24h}"
    )


@capacity.command("report")
@click.argument("location")
@click.argument("category")
@click.option("--total", type=int, required=True, help="Beds (or clients) in total.")
@click.option("--staffed", type=int, required=True, help="Of those, staffed (operational).")
@click.option("--occupied", type=int, required=True, help="Occupied now.")
@click.option("--available", type=int, default=None, help="Free now (default staffed - occupied).")
@click.option(
    "--expected-24h", "expected_24h", type=int, default=None, help="Expected free in 24 hours."
)
@click.option("--status", type=click.Choice(list(STATUSES)), default=None,
              help="Status colour (default: derived from the free share).")  # fmt: skip
@click.option("--reporter", default="", help="Who reported the figures.")
@click.option("--source", type=click.Choice(list(SOURCES)), default="formulier",
              show_default=True, help="How the figures came in.")  # fmt: skip
@click.option("--at", "at", default=None, help="When the figures were true (default now).")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@pass_session
def capacity_report(
    session: Session,
    location: str,
    category: str,
    total: int,
    staffed: int,
    occupied: int,
    available: int | None,
    expected_24h: int | None,
    status: str | None,
    reporter: str,
    source: str,
    at: str | None,
    as_json: bool,
) -> None:
    """Record a location's figures for a category; a correction is simply a new report.

    LOCATION is a location id (the first 8 characters do, see `capacity locations`);
    CATEGORY a category code (see `capacity categories`). --at takes HH:MM (today) or
    'YYYY-MM-DD HH:MM', Amsterdam time; at most 5 minutes ahead.

    \b
    Example:
      resilient-zcc capacity report 3f2a9c1b ic --total 30 --staffed 24 --occupied 21
      resilient-zcc capacity report 3f2a9c1b elv --total 30 --staffed 26 --occupied 20 \\
          --available 5 --source telefoon --reporter "Bedmanager" --at 08:40
    """
    current = now()
    reported_at = parse_time(at, current) if at else None
    with session.store() as store:
        location_id = resolve_id(store, "locations", location, Text("location"))
        model.report_capacity(
            store,
            location_id,
            category,
            total=total,
            staffed=staffed,
            occupied=occupied,
            available=available,
            expected_24h=expected_24h,
            status=status,
            reporter=reporter,
            source=source,
            reported_at=reported_at,
            now=current,
        )
        row = queries.latest_reports(store, location_id=location_id, category=category)[0]
        surge = model.surge_warning(total, staffed, occupied)
        if surge is not None:
            click.echo(f"Let op: {surge.message}", err=True)
        if as_json:
            emit_json(row)
            return
        click.echo(
            f"Gemeld: {row['location_name']}, {all_categories(store)[category].name}: "
            f"{_figures(row)}; status {row['status']} ({local_time(row['reported_at'])})."
        )


@capacity.command("overview")
@click.option("--category", "categories", multiple=True,
              help="Only this category (may be repeated).")  # fmt: skip
@click.option("--locations", "per_location", is_flag=True, help="Also the figure of each location.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@pass_session
def capacity_overview(
    session: Session, categories: tuple[str, ...], per_location: bool, as_json: bool
) -> None:
    """The regional picture per category: staffed, occupied, free after held places, held,
    and the age of the oldest figure; with --locations every location's figure and its age.

    Free after holds = the reported free minus the places offered or placed since that figure
    (the number matching uses). A location with more patients than staffed beds is OVERBEZET
    and counts no free beds. --json gives every category with its locations (`rows`), each
    with `free`, `held`, `free_after_holds`, `age_s` and `stale`.

    \b
    Example:
      resilient-zcc capacity overview
      resilient-zcc capacity overview --category ic --category cohort_covid_pos --locations
    """
    current = now()
    with session.store() as store:
        for code in categories:
            check_category(store, code)
        groups = [
            g
            for g in capacity_picture(store, now=current)
            if not categories or g.category in categories
        ]
    if as_json:
        emit_json([g.as_dict() for g in groups])
        return
    if not groups:
        click.echo("Geen capaciteitsmeldingen.")
        return
    click.echo(f"Capaciteit (stand {local_time(current.isoformat())}):")
    header = f"{'Categorie':<36} {'loc':>3} {'bemand':>6} {'bezet':>6} {'vrij':>5} {'vastg.':>6}"
    click.echo(f"{header} {'24u':>5}  oudste cijfer")
    for group in groups:
        expected = "-" if group.expected_24h is None else str(group.expected_24h)
        marks = [f"{group.stale} verouderd"] * bool(group.stale)
        marks += [f"{group.overbezet} OVERBEZET"] * bool(group.overbezet)
        extra = f"  ({', '.join(marks)})" if marks else ""
        click.echo(
            f"{group.name[:36]:<36} {group.locations:>3} {group.staffed:>6} "
            f"{group.occupied:>6} {group.free_after_holds:>5} {group.held:>6} "
            f"{expected:>5}  {age_text(group.oldest_age_s // 60)}{extra}"
        )
        if per_location:
            for row in group.rows:
                click.echo(f"    {_location_line(row)}")


def _location_line(row: BedFigure) -> str:
    flags = "  OVERBEZET" * row.overbezet + "  VEROUDERD" * row.stale
    held = f", {row.held} vastgehouden" if row.held else ""
    return (
        f"{row.location_name} [{row.location_id[:8]}]: vrij {row.free_after_holds}{held} "
        f"(gemeld {row.free} vrij; bezet {row.occupied} van {row.staffed} bemand, "
        f"{row.status}), {age_text(row.age_minutes)} oud{flags}"
    )


@capacity.command("overdue")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@pass_session
def capacity_overdue(session: Session, as_json: bool) -> None:
    """Locations that have not reported since an expected time (daily 09:00 by default).

    \b
    Example:
      resilient-zcc capacity overdue
      resilient-zcc capacity overdue --json
    """
    current = now()
    with session.store() as store:
        rows = queries.overdue_locations(store, now=current)
    if as_json:
        emit_json(rows)
        return
    if not rows:
        click.echo("Alle locaties met een meldritme hebben op tijd gemeld.")
        return
    click.echo(f"{len(rows)} locaties te laat met melden:")
    for row in rows:
        click.echo(
            f"  {row['location_name']} [{row['location_id'][:8]}]: verwacht "
            f"{local_time(row['missed_since'])}, {age_text(row['late_minutes'])} te laat; "
            f"laatste melding {local_time(row['last_reported_at'])}"
        )


@capacity.command("history")
@click.argument("location")
@click.argument("category")
@click.option("--since", default=None, help="Only from this time (HH:MM or 'YYYY-MM-DD HH:MM').")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@pass_session
def capacity_history(
    session: Session, location: str, category: str, since: str | None, as_json: bool
) -> None:
    """Every report of a location for a category, oldest first (corrections included).

    \b
    Example:
      resilient-zcc capacity history 3f2a9c1b ic
      resilient-zcc capacity history 3f2a9c1b ic --since "2025-03-10 00:00" --json
    """
    current = now()
    start = parse_time(since, current) if since else None
    with session.store() as store:
        location_id = resolve_id(store, "locations", location, Text("location"))
        rows = queries.history(store, location_id, category, since=start)
    if as_json:
        emit_json(rows)
        return
    if not rows:
        click.echo("Geen meldingen.")
    for row in rows:
        by = f", {row['reporter']}" if row["reporter"] else ""
        click.echo(
            f"  {local_time(row['reported_at'])}  {_figures(row)}  {row['status']}  "
            f"({row['source']}{by})"
        )


@capacity.command("locations")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@pass_session
def capacity_locations(session: Session, as_json: bool) -> None:
    """Locations with their id, organisation, features and reporting rhythm.

    \b
    Example:
      resilient-zcc capacity locations
      resilient-zcc capacity locations --json
    """
    with session.store() as store:
        rows = queries.locations(store)
    if as_json:
        emit_json(rows)
        return
    for row in rows:
        features = ", ".join(FEATURES[f][0] if f in FEATURES else f for f in row["features"])
        if row["report_every_hours"]:
            every = row["report_every_hours"]
            rhythm = (
                f"meldt dagelijks om {row['report_time']}"
                if every == 24
                else f"meldt elke {every} u vanaf {row['report_time']}"
            )
        else:
            rhythm = "geen meldritme"
        click.echo(
            f"[{row['id'][:8]}] {row['name']} — {row['organisation']}, {row['city'] or '-'}; "
            f"{rhythm}; laatste melding {local_time(row['last_reported_at'])}"
            + (f"\n           {features}" if features else "")
        )


@capacity.command("categories")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@pass_session
def capacity_categories(session: Session, as_json: bool) -> None:
    """The capacity categories: built-in and the region's own.

    \b
    Example:
      resilient-zcc capacity categories
    """
    with session.store() as store:
        known = all_categories(store)
    rows = [
        {"code": c.code, "name": c.name, "name_en": c.name_en, "kind": c.kind, "builtin": c.builtin}
        for c in known.values()
    ]
    if as_json:
        emit_json(rows)
        return
    for c in known.values():
        own = "" if c.builtin else "  (eigen categorie)"
        kind = KINDS[c.kind][0] if c.kind in KINDS else c.kind
        click.echo(f"{c.code:<20} {c.name} — {kind}{own}")
