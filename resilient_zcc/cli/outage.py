"""`outage ...`, `continuity ...`, `homecare ...`: the region's outage, what every location runs
on and for how long, and the power-dependent clients at home per area."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

import click

from ..contacts.queries import find_organisations
from ..continuity import model as continuity_model
from ..continuity.queries import continuity_overview, continuity_timeline
from ..continuity.vocabulary import CARE_SCALE, DOWN, EVACUATION, POWER, SOURCES, label
from ..crisis.outage import (
    OUTAGE_KINDS,
    Outage,
    active_outages,
    declare_outage,
    end_outage,
    get_outage,
    outage_history,
)
from ..errors import NotFound, ValidationError
from ..homecare import model as homecare_model
from ..homecare.queries import DEFAULT_WITHIN_HOURS, homecare_overview
from ..homecare.vocabulary import DEPENDENCIES
from ..i18n import Text
from ..store import Store
from .capacity import age_text, parse_time
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


def _optional_region(store: Store, region: str | None) -> str | None:
    """The region named, or the only one; None (every location) in a profile without one."""
    if region or store.query_one("SELECT 1 FROM regions WHERE deleted = 0"):
        return _region(store, region)
    return None


def _choice(vocabulary: dict[str, tuple[str, str]]) -> click.Choice:
    """The codes as plain strings (click shows an enum member by its name)."""
    return click.Choice([str(code) for code in vocabulary])


def _outage_line(outage: Outage) -> str:
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
        region_id = _optional_region(store, region)
        found = outage_history(store, region_id) if show_all else active_outages(store, region_id)
    if as_json:
        emit_json([_outage_json(o) for o in found])
        return
    if not found:
        click.echo("Geen uitval afgekondigd.")
        return
    for outage in found:
        click.echo(_outage_line(outage))


@outage_group.command("declare")
@click.option("--kind", type=_choice(OUTAGE_KINDS), required=True,
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
    click.echo(f"Uitval afgekondigd: {_outage_line(outage)}")


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
        click.echo(f"Uitval beëindigd: {_outage_line(get_outage(store, outage_id))}")


# --- continuity ---------------------------------------------------------------------------


@click.group("continuity")
def continuity_group() -> None:
    """Continuity per location: power, hours of autonomy left, what is down."""


def _down_text(codes: tuple[str, ...]) -> str:
    return ", ".join(label(DOWN, code) for code in codes) or "niets uitgevallen"


def _hours(hours: float | None) -> str:
    return "-" if hours is None else f"{hours:.1f} u"


@continuity_group.command("report")
@click.argument("location")
@click.option("--power", type=_choice(POWER), required=True, help="Runs on.")
@click.option("--hours", type=float, default=None, help="Hours of autonomy left.")
@click.option("--down", default="", help=f"What is down, comma-separated: {', '.join(DOWN)}.")
@click.option("--care", type=_choice(CARE_SCALE), default="geen", show_default=True,
              help="Care scaled down.")  # fmt: skip
@click.option("--evacuation", type=_choice(EVACUATION), default="geen",
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
        overview = continuity_overview(store, now=now(), region_id=_optional_region(store, region))
    figures = overview.below_threshold if below else overview.figures
    if as_json:
        data = dataclasses.asdict(overview)
        data["figures"] = [dataclasses.asdict(f) for f in figures]
        data["below_threshold"] = [f.location_id for f in overview.below_threshold]
        emit_json(data)
        return
    for outage in overview.outages:
        click.echo(f"UITVAL {_outage_line(outage)}")
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


# --- homecare -----------------------------------------------------------------------------


CLIENTS_HELP = "KIND=<4h,4-12h,>12h, may be repeated; kinds: " + ", ".join(DEPENDENCIES)


@click.group("homecare")
def homecare_group() -> None:
    """Power-dependent clients at home: counts per provider and area, no personal data."""


def _parse_clients(values: tuple[str, ...]) -> dict[str, tuple[int, int, int]]:
    counts: dict[str, tuple[int, int, int]] = {}
    for value in values:
        kind, _, numbers = value.partition("=")
        parts = numbers.split(",")
        try:
            figures = tuple(int(p) for p in parts)
        except ValueError:
            figures = ()
        if len(figures) != 3:
            raise ValidationError(
                "'{value}' is not KIND=UNDER_4H,4_TO_12H,OVER_12H, like beademing=1,2,0.",
                value=value,
            )
        counts[kind.strip()] = (figures[0], figures[1], figures[2])
    return counts


@homecare_group.command("report")
@click.argument("provider")
@click.argument("area")
@click.option("--clients", "clients", multiple=True, required=True, help=CLIENTS_HELP)
@click.option("--reporter", default="", help="Who reported (a function, not a client).")
@click.option("--at", "at", default=None, help="When the figures were true (default now).")
@pass_session
def homecare_report(
    session: Session,
    provider: str,
    area: str,
    clients: tuple[str, ...],
    reporter: str,
    at: str | None,
) -> None:
    """Record a provider's power-dependent clients in an area (a municipality or four-digit
    postcode), by kind and by how long their own backup lasts: under 4 h, 4-12 h, over 12 h.

    \b
    Example:
      resilient-zcc homecare report Buurtzorg Almelo --clients beademing=1,1,0 \\
          --clients zuurstof=4,6,2 --reporter "Coördinator wijkverpleging"
    """
    current = now()
    counts = _parse_clients(clients)
    with session.store() as store:
        org = organisation_id(store, provider)
        homecare_model.report_homecare(
            store,
            org,
            area,
            counts,
            now=current,
            reporter=reporter,
            reported_at=parse_time(at, current) if at else None,
        )
    total = sum(sum(c) for c in counts.values())
    click.echo(f"Gemeld: {total} stroomafhankelijke cliënten in {area.strip()}.")


@homecare_group.command("overview")
@click.option("--within", type=int, default=DEFAULT_WITHIN_HOURS, show_default=True,
              help="At risk within this many hours.")  # fmt: skip
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@pass_session
def homecare_overview_cmd(session: Session, within: int, as_json: bool) -> None:
    """Per area the power-dependent clients at home at risk within the next hours, by kind,
    with each provider's 24/7 number; providers not updated are flagged.

    \b
    Example:
      resilient-zcc homecare overview
      resilient-zcc homecare overview --within 12 --json
    """
    with session.store() as store:
        overview = homecare_overview(store, now=now(), within_hours=within)
    if as_json:
        emit_json(dataclasses.asdict(overview))
        return
    if not overview.areas:
        click.echo("Geen cijfers over stroomafhankelijke zorg thuis.")
        return
    click.echo(f"Stroomafhankelijke cliënten thuis (risico binnen {within} u):")
    for area in overview.areas:
        kinds = ", ".join(
            f"{label_dependency(c.dependency)} {c.at_risk(within)}/{c.total}"
            for c in area.by_dependency
        )
        click.echo(f"  {area.area}: {area.at_risk} met risico van {area.total} ({kinds})")
        for p in area.providers:
            stale = "  NIET BIJGEWERKT" if p.stale else ""
            phone = p.phone or "geen 24/7-nummer bekend"
            click.echo(
                f"      {p.provider}: {p.total} cliënten, bel {phone}; bijgewerkt "
                f"{local_time(p.updated_at)}{stale}"
            )


def label_dependency(code: str) -> str:
    return DEPENDENCIES[code][0] if code in DEPENDENCIES else code
