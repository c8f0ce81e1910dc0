"""Starting, working and closing a call round; every write goes through one transaction.

Recipients are resolved at the start to whoever holds each function then (contacts.who), so
the sheet and the screen show the same names all round long; a function nobody holds stays
in the round, flagged. Marks are immutable facts: two coordinators working one round while
cut off keep both their marks, and a recipient reached twice shows twice.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from ..contacts.who import Cover, EntryKind, WhoAnswer, who_holds
from ..continuity.model import report_continuity
from ..continuity.vocabulary import LIMITED_POWER
from ..crisis.logbook import entry_values
from ..crisis.regions import default_region, region
from ..errors import ValidationError
from ..i18n import Text
from ..validation import choice, new_id, optional, required, utc_iso
from .queries import Recipient, RoundView, round_view
from .vocabulary import FIGURES, GROUPS, MARK_CHANNELS, NEXT_STEPS, Outcome, State

if TYPE_CHECKING:
    from ..store import Store

MAX_FIGURE = 1_000_000.0


def parse_figure(text: str) -> float | None:
    """The figure as typed ('6', '6,5'); empty is none. Anything else: a clear message."""
    text = text.strip().replace(",", ".")
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        raise ValidationError(
            "'{text}' is not a number; give the figure as digits, like 6 or 6,5.", text=text
        ) from None


def group_functions(store: Store, group: str) -> list[str]:
    """The ids of the functions a group names, in a stable order (organisation, name)."""
    choice(group, GROUPS, Text("recipient group"))
    where = {
        "crisiscoordinatoren": "f.code = 'crisiscoordinator'",
        "vvt": "f.code = 'crisiscoordinator' AND o.sector = 'vvt'",
        "zcc": "f.code LIKE 'zcc%'",
    }[group]
    return [
        r["id"]
        for r in store.query(
            "SELECT f.id FROM functions f LEFT JOIN organisations o ON o.id = f.organisation_id "
            f"WHERE f.deleted = 0 AND {where} ORDER BY coalesce(o.name, ''), f.name"
        )
    ]


def start_round(
    store: Store,
    message: str,
    *,
    now: datetime,
    started_by: str,
    groups: Iterable[str] = (),
    function_ids: Iterable[str] = (),
    ask: str = "",
    figure: str | None = None,
    region_id: str | None = None,
    round_id: str | None = None,
) -> str:
    """Start a round to the functions of `groups` and the hand-picked `function_ids`."""
    message = required(message, Text("The round's message"))
    started_by = required(started_by, Text("Who starts the round (started_by)"))
    if figure:
        choice(figure, FIGURES, Text("figure to ask"))
    groups = list(dict.fromkeys(groups))
    ids: list[str] = []
    for group in groups:
        ids += group_functions(store, group)
    picked = list(function_ids)
    answers = [who_holds(store, function_id, now) for function_id in picked]
    ids = list(dict.fromkeys(ids + picked))
    if not ids:
        raise ValidationError(
            "A round needs recipients: name a group ({groups}) or functions. No function "
            "in this profile fits what was asked.",
            groups=", ".join(GROUPS),
        )
    by_id = {a.function_id: a for a in answers}
    answers = [by_id.get(i) or who_holds(store, i, now) for i in ids]
    region_id = region_id or default_region(store)
    region(store, region_id)
    at = utc_iso(now, Text("The start of the round"))
    number = 1 + int(
        (store.query_one("SELECT max(number) AS n FROM call_rounds") or {}).get("n") or 0
    )
    round_id = round_id or new_id()
    with store.transaction() as tx:
        tx.put(
            "call_rounds",
            round_id,
            {
                "region_id": region_id,
                "number": number,
                "message": message,
                "ask": ask.strip(),
                "figure": figure or None,
                "groups": json.dumps(groups + (["functies"] if picked else [])),
                "started_at": at,
                "started_by": started_by,
                "closed_at": None,
                "closed_by": None,
                "entry_id": None,
            },
        )
        for position, answer in enumerate(answers, start=1):
            tx.put("round_recipients", new_id(), _recipient(round_id, position, answer))
    return round_id


def _recipient(round_id: str, position: int, answer: WhoAnswer) -> dict[str, Any]:
    """Who to call for one function, fixed at the start: the person on duty (or the single
    holder) with their channels, then the function's own; all holders when unclear."""
    people = [e for e in answer.entries if e.kind is not EntryKind.FUNCTION]
    own = [c for e in answer.entries if e.kind is EntryKind.FUNCTION for c in e.channels]
    # On duty or the single holder; when unclear every holder; when nobody, none.
    single = answer.cover in (Cover.ROTA, Cover.SINGLE)
    chosen = people[:1] if single else people
    channels = [c for e in chosen for c in e.channels] + own
    return {
        "round_id": round_id,
        "position": position,
        "function_id": answer.function_id,
        "function": answer.function,
        "organisation_id": answer.organisation_id or None,
        "organisation": answer.organisation,
        "person_id": chosen[0].person_id if len(chosen) == 1 else None,
        "name": " / ".join(e.name for e in chosen),
        "cover": str(answer.cover),
        "channels": json.dumps(
            [
                {"kind": c.kind, "label": c.label, "value": c.display, "note": c.note}
                for c in channels
            ],
            ensure_ascii=False,
        ),
    }


def _open_round(store: Store, round_ref: str) -> RoundView:
    view = round_view(store, round_ref)
    if view.closed_at:
        raise ValidationError(
            "Round {number} was closed at {at}; marks can no longer be added. Start a new "
            "round to reach the others.",
            number=view.number,
            at=view.closed_at,
        )
    return view


def _recipient_in(view: RoundView, ref: str) -> Recipient:
    ref = str(ref).strip()
    for recipient in view.recipients:
        if ref in (str(recipient.position), recipient.id):
            return recipient
    raise ValidationError(
        "Round {number} has no recipient '{ref}'; give its number (1 to {count}).",
        number=view.number,
        ref=ref,
        count=len(view.recipients),
    )


def take(store: Store, round_ref: str, recipient: str, *, by: str, now: datetime) -> str:
    """Say that `by` is calling this recipient now, so the other coordinators skip it."""
    view = _open_round(store, round_ref)
    target = _recipient_in(view, recipient)
    return _put_mark(store, view, target, Outcome.TAKEN, by=by, now=now)


def mark(
    store: Store,
    round_ref: str,
    recipient: str,
    *,
    reached: bool,
    by: str,
    now: datetime,
    channel: str | None = None,
    answer: str = "",
    figure: float | None = None,
    next_step: str | None = None,
    retry_at: datetime | None = None,
    continuity_location: str | None = None,
    power: str = "aggregaat",
) -> str:
    """Record reached (by which channel, the answer, a figure) or not reached after the
    channels in order (what comes next, when to retry). With `continuity_location`, a figure
    of hours of autonomy is also reported as that location's continuity status."""
    view = _open_round(store, round_ref)
    target = _recipient_in(view, recipient)
    if channel is not None:
        choice(channel, MARK_CHANNELS, Text("channel"))
    if figure is not None:
        if isinstance(figure, bool) or not isinstance(figure, (int, float)):
            raise ValidationError("The figure must be a number, not {value!r}.", value=figure)
        if math.isnan(figure) or not 0 <= figure <= MAX_FIGURE:
            raise ValidationError(
                "The figure {value} is out of range; give 0 or more.", value=figure
            )
        if not reached:
            raise ValidationError("Only a reached recipient gives a figure.")
    if reached:
        if channel is None:
            raise ValidationError(
                "Say by which channel the recipient was reached. Allowed: {allowed}.",
                allowed=", ".join(MARK_CHANNELS),
            )
        if next_step or retry_at:
            raise ValidationError("A reached recipient has no next step or retry time.")
    elif next_step is not None:
        choice(next_step, NEXT_STEPS, Text("next step"))
    report_id = None
    if continuity_location:
        if view.figure != "autonomy_hours" or figure is None:
            raise ValidationError(
                "Only a figure of hours of autonomy can go into the continuity status; "
                "this round asks {figure}.",
                figure=view.figure or "-",
            )
        if power not in LIMITED_POWER:
            raise ValidationError(
                "Hours of autonomy go with a generator or battery ({allowed}), not '{power}'.",
                allowed=", ".join(sorted(LIMITED_POWER)),
                power=power,
            )
        report_id = new_id()
    mark_id = _put_mark(
        store,
        view,
        target,
        Outcome.REACHED if reached else Outcome.NOT_REACHED,
        by=by,
        now=now,
        channel=channel,
        answer=answer,
        figure=figure,
        next_step=next_step,
        retry_at=retry_at,
        report_id=report_id,
    )
    if continuity_location and report_id and figure is not None:
        report_continuity(
            store,
            continuity_location,
            power=power,
            autonomy_hours=figure,
            now=now,
            note=f"Belronde {view.number}: {answer}".strip(": "),
            reporter=by,
            source="telefoon",
            report_id=report_id,
        )
    return mark_id


def _put_mark(
    store: Store,
    view: RoundView,
    target: Recipient,
    outcome: Outcome,
    *,
    by: str,
    now: datetime,
    channel: str | None = None,
    answer: str = "",
    figure: float | None = None,
    next_step: str | None = None,
    retry_at: datetime | None = None,
    report_id: str | None = None,
) -> str:
    by = required(by, Text("Who marks (by)"))
    at = utc_iso(now, Text("The moment of the mark"))
    retry = utc_iso(retry_at, Text("The retry time")) if retry_at is not None else None
    if retry is not None and retry < at:
        raise ValidationError(
            "The retry time {retry} lies before now ({now}).", retry=retry, now=at
        )
    mark_id = new_id()
    with store.transaction() as tx:
        tx.put(
            "round_marks",
            mark_id,
            {
                "round_id": view.id,
                "recipient_id": target.id,
                "outcome": str(outcome),
                "channel": channel,
                "at": at,
                "by": by,
                "device_id": store.identity.device_id,
                "answer": optional(answer),
                "figure": None if figure is None else float(figure),
                "next_step": next_step,
                "retry_at": retry,
                "report_id": report_id,
            },
        )
    return mark_id


def close_round(store: Store, round_ref: str, *, by: str, now: datetime) -> str:
    """Close the round and write its summary into the logbook; returns the entry's id."""
    view = _open_round(store, round_ref)
    by = required(by, Text("Who closes the round (by)"))
    at = utc_iso(now, Text("The end of the round"))
    missed = [r for r in view.recipients if r.state is not State.REACHED]
    reached = len(view.recipients) - len(missed)
    text = f"Belronde {view.number} gesloten: {reached} van {len(view.recipients)} bereikt."
    if missed:
        text += " Niet bereikt: " + "; ".join(r.who for r in missed) + "."
    text += f" Bericht: {view.message}"
    entry_id = new_id()
    values = entry_values(view.region_id, "belronde", text, now, by)
    with store.transaction() as tx:
        tx.put("log_entries", entry_id, values)
        tx.put("call_rounds", view.id, {"closed_at": at, "closed_by": by, "entry_id": entry_id})
    return entry_id
