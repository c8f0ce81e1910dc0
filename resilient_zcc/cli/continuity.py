"""`continuity ...`: what every location runs on and for how long, who is below the
autonomy threshold, who has not been heard from, and a location's time line."""

from __future__ import annotations

import dataclasses

import click

from ..continuity import model as continuity_model
from ..continuity.queries import continuity_overview, continuity_timeline
from ..continuity.vocabulary import CARE_SCALE, DOWN, EVACUATION, POWER, SOURCES, label
from ..i18n import Text
from .capacity import age_text, parse_time
from .common import Session, emit_json, local_time, now, pass_session, resolve_id
from .crisis import REGION_HELP
from .outage import choice, optional_region, outage_line


@click.group("continuity")
def continuity_group() -> None:
    """Continuity per location: power, hours of autonomy left, what is down."""


def _down_text(codes: tuple[str, ...]) -> str:
    return ", ".join(label(DOWN, code) for code in codes) or "niets uitgevallen"


def _hours(hours: float | None) -> str:
    return "-" if hours is None else f"{hours:.1f} u"


@continuity_group.command("report")
@click.argument("location")
@click.option("--power", type=choice(POWER), required=True, help="Runs on.")
@click.option("--hours", type=float, default=None, help="Hours of autonomy left.")
@click.option("--down", default="", help=f"What is down, comma-separated: {', '.join(DOWN)}.")
@click.option("--care", type=choice(CARE_SCALE), default="geen", show_default=True,
              help="Care scaled down.")  # fmt: skip
@click.option("--evacuation", type=choice(EVACUATION), default="geen",
              show_default=True, help="Evacuation.")  # fmt: skip
@click.option("--note", default="", help="Free text.")
@click.option("--reporter", default="", help="Who reported.")
@click.option("--source", type=click.Choice(list(SOURCES)), default="formulier",
              show_default=True, help="How the report came in.")  # fmt: skip
@click.option("--at", "at", default=None, help="When it was so (default now).")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@pass_session
def continuity_report(
    session: Session,
    location: str,
    power: str,
    hours: float | None,
    down: str,
    care: str,
    evacuation: str,
    note: str,
    reporter: str,
    source: str,
    at: str | None,
    as_json: bool,
) -> None:
    """Record what a location runs on and for how long; a correction is a newer report.

    LOCATION is a location id (the first 8 characters do, see `capacity locations`).

    \b
    Example:
      resilient-zcc continuity report 3f2a9c1b --power aggregaat --hours 10 \\
          --down epd,telefonie --care essentieel --source radio --at 08:40
    """
    current = now()
    with session.store() as store:
        location_id = resolve_id(store, "locations", location, Text("location"))
        report_id = continuity_model.report_continuity(
            store,
            location_id,
            power=power,
            autonomy_hours=hours,
            down=down,
            care_scaled=care,
            evacuation=evacuation,
            note=note,
            reporter=reporter,
            source=source,
            reported_at=parse_time(at, current) if at else None,
            now=current,
        )
        [report] = [r for r in continuity_timeline(store, location_id) if r.report_id == report_id]
    if as_json:
        emit_json(dataclasses.asdict(report))
        return
    click.echo(
        f"Gemeld: {label(POWER, report.power)}, autonomie {_hours(report.autonomy_hours)}; "
        f"{_down_text(report.down)} ({local_time(report.reported_at)})."
    )


@continuity_group.command("overview")
@click.option("--below", is_flag=True, help="Only locations below the autonomy threshold.")
@click.option("--region", default=None, help=REGION_HELP)
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@pass_session
def continuity_overview_cmd(
    session: Session, below: bool, region: str | None, as_json: bool
) -> None:
    """Locations by hours of autonomy left (least first), those below the threshold flagged,
    and the locations not heard from since the outage began.

    \b
    Example:
      resilient-zcc continuity overview
      resilient-zcc continuity overview --below --json
    """
    with session.store() as store:
        overview = continuity_overview(store, now=now(), region_id=optional_region(store, region))
    figures = overview.below_threshold if below else overview.figures
    if as_json:
        data = dataclasses.asdict(overview)
        data["figures"] = [dataclasses.asdict(f) for f in figures]
        data["below_threshold"] = [f.location_id for f in overview.below_threshold]
        emit_json(data)
        return
    for outage in overview.outages:
        click.echo(f"UITVAL {outage_line(outage)}")
    click.echo(
        f"Continuïteit (stand {local_time(overview.as_of)}; drempel {overview.threshold_hours} u "
        f"autonomie; verouderd na {overview.stale_after_hours} u):"
    )
    if not figures:
        click.echo("  Geen meldingen.")
    for f in figures:
        flags = "  ONDER DREMPEL" if f.below_threshold else ""
        flags += "  VEROUDERD" if f.stale else ""
        phone = f"; 24/7 {f.phone}" if f.phone else ""
        click.echo(
            f"  {f.location_name} [{f.location_id[:8]}]: {label(POWER, f.report.power)}, "
            f"nog {_hours(f.hours_left)}; {_down_text(f.report.down)}; "
            f"{age_text(f.age_minutes)} oud{phone}{flags}"
        )
    if overview.not_heard_from:
        click.echo(f"Niet gehoord sinds begin uitval ({len(overview.not_heard_from)}):")
        for s in overview.not_heard_from:
            phone = f"; 24/7 {s.phone}" if s.phone else ""
            click.echo(
                f"  {s.location_name} [{s.location_id[:8]}], {s.city}: laatste melding "
                f"{local_time(s.last_reported_at)}{phone}"
            )


@continuity_group.command("history")
@click.argument("location")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@pass_session
def continuity_history(session: Session, location: str, as_json: bool) -> None:
    """The time line of a location: every continuity report, oldest first.

    \b
    Example:
      resilient-zcc continuity history 3f2a9c1b
    """
    with session.store() as store:
        location_id = resolve_id(store, "locations", location, Text("location"))
        reports = continuity_timeline(store, location_id)
    if as_json:
        emit_json([dataclasses.asdict(r) for r in reports])
        return
    if not reports:
        click.echo("Geen meldingen.")
    for r in reports:
        note = f" — {r.note}" if r.note else ""
        click.echo(
            f"  {local_time(r.reported_at)}  {label(POWER, r.power)}, autonomie "
            f"{_hours(r.autonomy_hours)}; {_down_text(r.down)}; zorg "
            f"{label(CARE_SCALE, r.care_scaled)}; {label(EVACUATION, r.evacuation)}{note}"
        )
