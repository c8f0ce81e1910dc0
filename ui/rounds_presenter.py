"""What the Belrondes screen shows and does, without Qt: the rounds to choose from, one
row per recipient, and the commands with the screen's input checked into clear messages.

The rows come from the core's round view, the same the CLI and the call sheet read.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from resilient_zcc.crisis.common import device_label
from resilient_zcc.rounds import model
from resilient_zcc.rounds.queries import (
    Recipient,
    RoundView,
    continuity_location,
    round_summaries,
    round_view,
)
from resilient_zcc.rounds.vocabulary import (
    FIGURES,
    MARK_CHANNELS,
    NEXT_STEPS,
    OUTCOMES,
    STATES,
    State,
    label,
)
from resilient_zcc.store import Store

from .format import local
from .i18n import add_catalogue, language, tr

add_catalogue(
    {
        "Round {number} ({state}): {reached} of {total} reached": (
            "Belronde {number} ({state}): {reached} van {total} bereikt"
        ),
        "open": "open",
        "closed": "gesloten",
        "NOBODY – function unfilled": "NIEMAND – functie onbezet",
        "{names} (no rota: who is on duty?)": "{names} (geen rooster: wie heeft dienst?)",
        "by {names}": "door {names}",
        "retry {when}": "opnieuw {when}",
        "{outcome} {when} via {channel}, {by}": "{outcome} {when} via {channel}, {by}",
        "{outcome} {when}, {by}": "{outcome} {when}, {by}",
        "no channel": "geen kanaal",
    }
)


@dataclass(frozen=True)
class RecipientRow:
    ref: str  # the recipient's number in the round, as commands take it
    function: str
    name: str
    state: str
    channels: str  # every channel in fallback order
    marks: str  # every mark, oldest first (a reach twice shows twice)
    open: bool  # not reached yet: the screen emphasises it
    channel_codes: tuple[str, ...]  # the kinds to offer for "reached via", in order


def _lang() -> str:
    return language()


def round_choices(store: Store) -> list[tuple[str, str]]:
    """(label, round id) per round, newest first."""
    result = []
    for s in round_summaries(store):
        state = tr("closed") if s.closed_at else tr("open")
        text = tr(
            "Round {number} ({state}): {reached} of {total} reached",
            number=s.number,
            state=state,
            reached=s.reached,
            total=s.total,
        )
        result.append((f"{text} — {s.message}", s.id))
    return result


def load(store: Store, round_id: str) -> RoundView:
    return round_view(store, round_id)


def _name(r: Recipient) -> str:
    if r.cover == "nobody":
        return tr("NOBODY – function unfilled")
    if r.cover == "unclear":
        return tr("{names} (no rota: who is on duty?)", names=r.name)
    return r.name


def _state(r: Recipient) -> str:
    text = label(STATES, r.state, _lang())
    if r.state is State.TAKEN:
        text += " " + tr("by {names}", names=", ".join(r.taken_by))
    failure = r.last_failure
    if r.state is State.NOT_REACHED and failure is not None:
        parts = [label(NEXT_STEPS, failure.next_step, _lang())] if failure.next_step else []
        if failure.retry_at:
            parts.append(tr("retry {when}", when=local(failure.retry_at)))
        text += f" ({'; '.join(parts)})" if parts else ""
    return text


def _marks(r: Recipient) -> str:
    lines = []
    for m in r.marks:
        outcome = label(OUTCOMES, m.outcome, _lang())
        if m.channel:
            line = tr(
                "{outcome} {when} via {channel}, {by}",
                outcome=outcome,
                when=local(m.at),
                channel=label(MARK_CHANNELS, m.channel, _lang()),
                by=m.by,
            )
        else:
            line = tr("{outcome} {when}, {by}", outcome=outcome, when=local(m.at), by=m.by)
        if m.answer:
            line += f": {m.answer}"
        if m.figure is not None:
            line += f" [{m.figure:g}]"
        lines.append(line)
    return "; ".join(lines)


def recipient_rows(view: RoundView) -> list[RecipientRow]:
    rows = []
    for r in view.recipients:
        org = f" – {r.organisation}" if r.organisation else ""
        channels = "; ".join(f"{c['label']} {c['value']}" for c in r.channels)
        kinds = tuple(dict.fromkeys([c["kind"] for c in r.channels] + ["runner"]))
        rows.append(
            RecipientRow(
                str(r.position),
                f"{r.position}. {r.function}{org}",
                _name(r),
                _state(r),
                channels or tr("no channel"),
                _marks(r),
                r.state is not State.REACHED,
                kinds,
            )
        )
    return rows


def channel_label(code: str) -> str:
    return label(MARK_CHANNELS, code, _lang())


def figure_choices() -> list[tuple[str, str | None]]:
    return [("—", None)] + [(label(FIGURES, code, _lang()), code) for code in FIGURES]


def next_step_choices() -> list[tuple[str, str]]:
    return [(label(NEXT_STEPS, code, _lang()), code) for code in NEXT_STEPS]


def start(store: Store, message: str, ask: str, groups: list[str], figure: str | None) -> RoundView:
    round_id = model.start_round(
        store,
        message,
        ask=ask,
        groups=groups,
        figure=figure,
        started_by=device_label(store),
        now=datetime.now(UTC),
    )
    return round_view(store, round_id)


def take(store: Store, round_id: str, ref: str) -> None:
    model.take(store, round_id, ref, by=device_label(store), now=datetime.now(UTC))


def reached(
    store: Store,
    round_id: str,
    ref: str,
    channel: str,
    answer: str,
    figure_text: str,
    to_continuity: bool = False,
) -> None:
    """Reached; with `to_continuity` the hours also become the location's continuity."""
    location = None
    if to_continuity:
        [recipient] = [r for r in round_view(store, round_id).recipients if str(r.position) == ref]
        location = continuity_location(store, recipient)
    model.mark(
        store,
        round_id,
        ref,
        reached=True,
        channel=channel,
        answer=answer,
        figure=model.parse_figure(figure_text),
        continuity_location=location,
        by=device_label(store),
        now=datetime.now(UTC),
    )


def not_reached(store: Store, round_id: str, ref: str, next_step: str, retry_minutes: int) -> None:
    now = datetime.now(UTC)
    model.mark(
        store,
        round_id,
        ref,
        reached=False,
        next_step=next_step,
        retry_at=now + timedelta(minutes=retry_minutes) if retry_minutes else None,
        by=device_label(store),
        now=now,
    )


def close(store: Store, round_id: str) -> str:
    return model.close_round(store, round_id, by=device_label(store), now=datetime.now(UTC))
