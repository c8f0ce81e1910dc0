"""`seh ...`: the emergency departments' open/stop status per hospital location."""

from __future__ import annotations

import click

from ..capacity import seh as seh_q
from ..crisis.common import device_label
from ..i18n import Text
from .common import Session, emit_json, local_time, now, pass_session, resolve_id


@click.group("seh")
def seh_group() -> None:
    """Emergency departments (SEH): open or stopped, with reason and expected duration."""


@seh_group.command("show")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@pass_session
def seh_show(session: Session, as_json: bool) -> None:
    """Every location with an SEH and its current status, stops first.

    \b
    Example:
      resilient-zcc seh show
    """
    with session.store() as store:
        rows = seh_q.seh_overview(store, now())
    if as_json:
        emit_json(rows)
        return
    if not rows:
        click.echo("Geen locaties met een SEH (kenmerk 'seh').")
    for row in rows:
        if row["status"] is None:
            click.echo(f"[{row['location_id'][:8]}] {row['name']}: nog geen status gemeld")
            continue
        line = f"[{row['location_id'][:8]}] {row['name']}: {row['label']}"
        if row["status"] == seh_q.STOP:
            line += f" — {row['reason']}; verwacht tot {local_time(row['expected_until'])}"
            if row["overrun"]:
                line += " (VERLOPEN: vraag de stand na)"
            if row["against_agreement"]:
                line += " (IN CODE ZWART BLIJFT DE SEH OPEN: regionale afspraak)"
        click.echo(f"{line}  (gemeld {local_time(row['reported_at'])}, {row['reported_by']})")


@seh_group.command("set")
@click.argument("location")
@click.argument("status", type=click.Choice(list(seh_q.SEH_STATES)))
@click.option("--reason", default="", help="Why the SEH stops (needed for a stop).")
@click.option(
    "--hours", type=float, default=None, help="Expected duration of a stop, in hours (needed)."
)
@click.option("--by", "reported_by", default=None, help="Who reports (default: this device).")
@pass_session
def seh_set(
    session: Session,
    location: str,
    status: str,
    reason: str,
    hours: float | None,
    reported_by: str | None,
) -> None:
    """Record an SEH as open or stopped. The SEH stays open even in code zwart (seed 000):
    a stop is an exception, with its reason and expected duration.

    \b
    Example:
      resilient-zcc seh set 3f2a9c1b stop --reason "Geen SEH-arts; overdracht via ZGT" --hours 4
      resilient-zcc seh set 3f2a9c1b open
    """
    with session.store() as store:
        location_id = resolve_id(store, "locations", location, Text("location"))
        seh_q.report_seh(
            store,
            location_id,
            status,
            now=now(),
            reported_by=reported_by or device_label(store),
            reason=reason,
            expected_hours=hours,
        )
        row = next(r for r in seh_q.seh_overview(store, now()) if r["location_id"] == location_id)
    click.echo(f"{row['name']}: {row['label']}.")
