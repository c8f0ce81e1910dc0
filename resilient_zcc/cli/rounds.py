"""`round ...`: call rounds (belronde). Start a round to functions, mark who was reached by
which channel, show who is still open, close it into the logbook; `round print` (in the
printouts package, loaded when used) puts it on a call sheet."""

from __future__ import annotations

import click

from ..contacts.who import who_to_call
from ..i18n import Text
from ..rounds import model
from ..rounds.queries import Recipient, RoundView, round_summaries, round_view
from ..rounds.vocabulary import FIGURES, GROUPS, MARK_CHANNELS, NEXT_STEPS, STATES, State, label
from ..store import Store
from .capacity import parse_time
from .common import Session, ZccGroup, emit_json, local_time, now, pass_session, resolve_id
from .crisis import _by
from .outage import choice

BY_HELP = "Who does this (default: the device label)."


@click.group("round", cls=ZccGroup, lazy={"print": "printouts.rounds_cli:round_print"})
def round_group() -> None:
    """Call rounds (belronde): carry a message to functions and record who was reached.

    \b
    Example:
      resilient-zcc round start "Stroomuitval: meld uw uren autonomie" \\
          --to crisiscoordinatoren --figure autonomy_hours
      resilient-zcc round mark 1 3 --reached --channel satellite --figure 6
      resilient-zcc round close 1
    """


def recipient_line(r: Recipient) -> str:
    """One recipient as the CLI lists it: number, function, whom, state, first channels."""
    name = r.name or "NIEMAND – functie onbezet"
    if r.cover == "unclear":
        name += " (geen rooster: wie heeft dienst?)"
    state = label(STATES, r.state)
    if r.state is State.TAKEN:
        state += f" door {', '.join(r.taken_by)}"
    failure = r.last_failure
    if r.state is State.NOT_REACHED and failure is not None:
        step = label(NEXT_STEPS, failure.next_step) if failure.next_step else ""
        retry = f", opnieuw om {local_time(failure.retry_at)}" if failure.retry_at else ""
        state += f" ({step}{retry})".replace("(, ", "(") if step or retry else ""
    reached = [m for m in r.marks if m.outcome == "bereikt"]
    if len(reached) > 1:
        state += f" ({len(reached)}x)"
    channels = "; ".join(f"{c['label']} {c['value']}" for c in r.channels[:2]) or "geen kanaal"
    org = f" {r.organisation}" if r.organisation else ""
    return f"  {r.position:>3}. {r.function}{org}: {name} — {state} — {channels}"


def _show(view: RoundView) -> None:
    closed = f", gesloten {local_time(view.closed_at)}" if view.closed_at else ""
    reached = sum(1 for r in view.recipients if r.state is State.REACHED)
    click.echo(
        f"Belronde {view.number} [{view.id[:8]}], gestart {local_time(view.started_at)} door "
        f"{view.started_by}{closed}: {reached} van {len(view.recipients)} bereikt."
    )
    click.echo(f"Bericht: {view.message}")
    if view.ask:
        click.echo(f"Vraag terug: {view.ask}")
    if view.figure:
        click.echo(f"Getal: {label(FIGURES, view.figure)}")
    for r in view.recipients:
        click.echo(recipient_line(r))
        for m in r.marks:
            if m.outcome == "bereikt":
                figure = f"; {m.figure:g}" if m.figure is not None else ""
                answer = f": {m.answer}" if m.answer else ""
                click.echo(
                    f"       bereikt via {label(MARK_CHANNELS, m.channel or '')} om "
                    f"{local_time(m.at)} door {m.by}{answer}{figure}"
                )


def _function_id(store: Store, text: str) -> str:
    """'MST:piket' as `contacts who` reads it, or a function id (or its first 8 characters)."""
    if ":" in text:
        organisation, function = text.split(":", 1)
        return who_to_call(store, organisation, function).function_id
    return resolve_id(store, "functions", text, Text("function"))


@round_group.command("start")
@click.argument("message")
@click.option("--to", "groups", multiple=True, type=choice(GROUPS),
              help="A group of functions (repeatable).")  # fmt: skip
@click.option("--function", "functions", multiple=True,
              help="A hand-picked function: 'ORG:FUNCTION' or its id (repeatable).")  # fmt: skip
@click.option("--ask", default="", help="What to ask back.")
@click.option("--figure", type=choice(FIGURES), default=None, help="A figure to ask back.")
@click.option("--by", "by", default=None, help=BY_HELP)
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@pass_session
def round_start(
    session: Session,
    message: str,
    groups: tuple[str, ...],
    functions: tuple[str, ...],
    ask: str,
    figure: str | None,
    by: str | None,
    as_json: bool,
) -> None:
    """Start a round: each function is resolved now to whoever holds it, with channels in
    fallback order; a function nobody holds is listed as such.

    \b
    Example:
      resilient-zcc round start "Code rood: stroomuitval Enschede" --to crisiscoordinatoren \\
          --ask "Hoeveel uur autonomie?" --figure autonomy_hours
      resilient-zcc round start "ZCC komt om 14:00 bijeen" --to zcc --function "MST:piket"
    """
    with session.store() as store:
        ids = [_function_id(store, f) for f in functions]
        round_id = model.start_round(
            store,
            message,
            groups=groups,
            function_ids=ids,
            ask=ask,
            figure=figure,
            started_by=_by(store, by),
            now=now(),
        )
        view = round_view(store, round_id)
    if as_json:
        emit_json(view.as_dict())
        return
    _show(view)


@round_group.command("show")
@click.argument("round_ref", metavar="ROUND", required=False)
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@pass_session
def round_show(session: Session, round_ref: str | None, as_json: bool) -> None:
    """One round with every recipient and mark; without ROUND, all rounds in short.

    \b
    Example:
      resilient-zcc round show
      resilient-zcc round show 2 --json
    """
    with session.store() as store:
        if round_ref:
            view = round_view(store, round_ref)
        else:
            summaries = round_summaries(store)
    if round_ref:
        if as_json:
            emit_json(view.as_dict())
        else:
            _show(view)
        return
    if as_json:
        emit_json([s.as_dict() for s in summaries])
        return
    if not summaries:
        click.echo("Nog geen belrondes.")
    for s in summaries:
        state = f"gesloten {local_time(s.closed_at)}" if s.closed_at else "open"
        click.echo(
            f"Belronde {s.number} [{s.id[:8]}] {local_time(s.started_at)} ({state}): "
            f"{s.reached} van {s.total} bereikt — {s.message}"
        )


@round_group.command("mark")
@click.argument("round_ref", metavar="ROUND")
@click.argument("recipient")
@click.option("--reached/--not-reached", default=None, help="Reached, or not after all channels.")
@click.option("--take", is_flag=True, help="Only say you are calling this one now.")
@click.option("--channel", type=choice(MARK_CHANNELS), default=None, help="How reached.")
@click.option("--answer", default="", help="The answer given.")
@click.option("--figure", type=float, default=None, help="The figure asked back.")
@click.option("--next", "next_step", type=choice(NEXT_STEPS), default=None,
              help="Not reached: what comes next.")  # fmt: skip
@click.option("--retry", default=None, help="Not reached: when to try again (HH:MM).")
@click.option("--continuity", "location", default=None,
              help="Also report the hours as this location's continuity.")  # fmt: skip
@click.option("--at", "at", default=None, help="When (default now; HH:MM for a paper sheet).")
@click.option("--by", "by", default=None, help=BY_HELP)
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@pass_session
def round_mark(
    session: Session,
    round_ref: str,
    recipient: str,
    reached: bool | None,
    take: bool,
    channel: str | None,
    answer: str,
    figure: float | None,
    next_step: str | None,
    retry: str | None,
    location: str | None,
    at: str | None,
    by: str | None,
    as_json: bool,
) -> None:
    """Mark a recipient (by its number in the round): reached by which channel with the
    answer, or not reached with the next step and when to retry; --take to claim it first.

    \b
    Example:
      resilient-zcc round mark 1 4 --take
      resilient-zcc round mark 1 4 --reached --channel mobile --answer "Aggregaat loopt" \\
          --figure 6 --continuity 3f2a9c1b
      resilient-zcc round mark 1 5 --not-reached --next loper --retry 15:30
    """
    current = now()
    moment = parse_time(at, current) if at else current
    with session.store() as store:
        who = _by(store, by)
        if take:
            model.take(store, round_ref, recipient, by=who, now=moment)
        else:
            if reached is None:
                raise click.UsageError("Give --reached, --not-reached or --take.")
            location_id = (
                resolve_id(store, "locations", location, Text("location")) if location else None
            )
            model.mark(
                store,
                round_ref,
                recipient,
                reached=reached,
                channel=channel,
                answer=answer,
                figure=figure,
                next_step=next_step,
                retry_at=parse_time(retry, current) if retry else None,
                continuity_location=location_id,
                by=who,
                now=moment,
            )
        view = round_view(store, round_ref)
    [target] = [r for r in view.recipients if recipient in (str(r.position), r.id)]
    if as_json:
        emit_json(target.as_dict())
        return
    click.echo(recipient_line(target))


@round_group.command("close")
@click.argument("round_ref", metavar="ROUND")
@click.option("--by", "by", default=None, help=BY_HELP)
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@pass_session
def round_close(session: Session, round_ref: str, by: str | None, as_json: bool) -> None:
    """Close a round: its summary (reached n of m, not reached: who) goes into the logbook.

    \b
    Example:
      resilient-zcc round close 1
    """
    with session.store() as store:
        entry_id = model.close_round(store, round_ref, by=_by(store, by), now=now())
        entry = store.query_one("SELECT text FROM log_entries WHERE id = ?", (entry_id,))
        summary = next(s for s in round_summaries(store) if s.id == round_view(store, round_ref).id)
    if as_json:
        emit_json({**summary.as_dict(), "entry_id": entry_id})
        return
    click.echo(f"In het logboek: {entry['text'] if entry else ''}")
