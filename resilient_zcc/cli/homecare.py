"""`homecare ...`: power-dependent clients at home per area, and which provider to call."""

from __future__ import annotations

import dataclasses

import click

from ..errors import ValidationError
from ..homecare import model as homecare_model
from ..homecare.queries import DEFAULT_WITHIN_HOURS, homecare_overview
from ..homecare.vocabulary import DEPENDENCIES
from .capacity import parse_time
from .common import Session, emit_json, local_time, now, pass_session
from .outage import organisation_id

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
