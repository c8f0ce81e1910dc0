"""Reading call rounds: one round with its recipients and marks, and the rounds' summaries
that the screen, the CLI, the paper and the situation report all show."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..errors import NotFound, ValidationError
from .vocabulary import Outcome, State

if TYPE_CHECKING:
    from ..store import Store


@dataclass(frozen=True)
class Mark:
    id: str
    outcome: str
    channel: str | None
    at: str
    by: str
    device_id: str
    answer: str | None
    figure: float | None
    next_step: str | None
    retry_at: str | None
    report_id: str | None

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class Recipient:
    id: str
    position: int
    function_id: str
    function: str
    organisation_id: str | None
    organisation: str
    person_id: str | None
    name: str  # the holder resolved at the start; several when unclear; "" when nobody
    cover: str  # contacts.who.Cover
    channels: tuple[dict[str, str], ...]  # in fallback order: kind, label, value, note
    marks: tuple[Mark, ...]  # oldest first; every mark kept, a reach twice shows twice

    @property
    def state(self) -> State:
        if any(m.outcome == Outcome.REACHED for m in self.marks):
            return State.REACHED
        done = [m for m in self.marks if m.outcome != Outcome.TAKEN]
        if done:
            return State.NOT_REACHED
        return State.TAKEN if self.marks else State.OPEN

    @property
    def taken_by(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(m.by for m in self.marks if m.outcome == Outcome.TAKEN))

    @property
    def last_failure(self) -> Mark | None:
        return next((m for m in reversed(self.marks) if m.outcome == Outcome.NOT_REACHED), None)

    @property
    def who(self) -> str:
        """The function and whom it resolved to, for summaries and lists."""
        where = f" {self.organisation}" if self.organisation else ""
        name = self.name or "niemand"
        return f"{self.function}{where} ({name})"

    def as_dict(self) -> dict[str, Any]:
        failure = self.last_failure
        return {
            "id": self.id,
            "position": self.position,
            "function": self.function,
            "organisation": self.organisation,
            "name": self.name,
            "cover": self.cover,
            "state": str(self.state),
            "taken_by": list(self.taken_by),
            "retry_at": failure.retry_at if failure else None,
            "next_step": failure.next_step if failure else None,
            "channels": list(self.channels),
            "marks": [m.as_dict() for m in self.marks],
        }


@dataclass(frozen=True)
class RoundView:
    id: str
    number: int
    region_id: str
    message: str
    ask: str
    figure: str | None
    started_at: str
    started_by: str
    closed_at: str | None
    closed_by: str | None
    recipients: tuple[Recipient, ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "number": self.number,
            "message": self.message,
            "ask": self.ask,
            "figure": self.figure,
            "started_at": self.started_at,
            "started_by": self.started_by,
            "closed_at": self.closed_at,
            "closed_by": self.closed_by,
            "recipients": [r.as_dict() for r in self.recipients],
        }


@dataclass(frozen=True)
class RoundSummary:
    id: str
    number: int
    message: str
    started_at: str
    closed_at: str | None
    total: int
    reached: int
    not_reached: tuple[str, ...]  # who, for every recipient not reached (yet)

    def as_dict(self) -> dict[str, Any]:
        return {**self.__dict__, "not_reached": list(self.not_reached)}


def find_round(store: Store, ref: str) -> dict[str, Any]:
    """A round by its number or id (or the start of its id)."""
    ref = str(ref).strip()
    if not ref:
        raise ValidationError("Name a round by its number; 'round show' lists them.")
    sql = (
        "SELECT * FROM call_rounds WHERE deleted = 0 AND (CAST(number AS TEXT) = ? OR id = ? "
        "OR (length(?) >= 6 AND id LIKE ? || '%')) ORDER BY started_at, id"
    )
    rows = store.query(sql, (ref, ref, ref, ref))
    if not rows:
        raise NotFound("No call round '{ref}'; 'round show' lists the rounds.", ref=ref)
    if len(rows) > 1:
        # Two devices may start a round with the same number while apart: name it by id.
        raise ValidationError(
            "Round {ref} exists {count} times (started on two devices while apart); name it "
            "by id: {ids}.",
            ref=ref,
            count=len(rows),
            ids=", ".join(r["id"][:8] for r in rows),
        )
    return rows[0]


def round_view(store: Store, ref: str) -> RoundView:
    row = find_round(store, ref)
    marks: dict[str, list[Mark]] = {}
    for m in store.query(
        "SELECT * FROM round_marks WHERE round_id = ? AND deleted = 0 "
        "ORDER BY at, outcome = 'opgepakt' DESC, id",  # a claim comes before its result
        (row["id"],),
    ):
        marks.setdefault(m["recipient_id"], []).append(
            Mark(
                m["id"],
                m["outcome"],
                m["channel"],
                m["at"],
                m["by"],
                m["device_id"] or "",
                m["answer"],
                m["figure"],
                m["next_step"],
                m["retry_at"],
                m["report_id"],
            )
        )
    recipients = tuple(
        Recipient(
            r["id"],
            r["position"],
            r["function_id"],
            r["function"],
            r["organisation_id"],
            r["organisation"] or "",
            r["person_id"],
            r["name"] or "",
            r["cover"],
            tuple(json.loads(r["channels"] or "[]")),
            tuple(marks.get(r["id"], ())),
        )
        for r in store.query(
            "SELECT * FROM round_recipients WHERE round_id = ? AND deleted = 0 "
            "ORDER BY position, id",
            (row["id"],),
        )
    )
    return RoundView(
        row["id"],
        row["number"],
        row["region_id"],
        row["message"] or "",
        row["ask"] or "",
        row["figure"],
        row["started_at"],
        row["started_by"] or "",
        row["closed_at"],
        row["closed_by"],
        recipients,
    )


def summary_of(view: RoundView) -> RoundSummary:
    missed = tuple(r.who for r in view.recipients if r.state is not State.REACHED)
    return RoundSummary(
        view.id,
        view.number,
        view.message,
        view.started_at,
        view.closed_at,
        len(view.recipients),
        len(view.recipients) - len(missed),
        missed,
    )


def round_summaries(store: Store, since: str | None = None) -> tuple[RoundSummary, ...]:
    """Every round (started at or after `since`, an ISO time, when given), newest first:
    reached n of m and who was not reached. The situation report reads this."""
    ids = store.query(
        "SELECT id FROM call_rounds WHERE deleted = 0 AND started_at >= ? "
        "ORDER BY started_at DESC, id",
        (since or "",),
    )
    return tuple(summary_of(round_view(store, r["id"])) for r in ids)


def continuity_location(store: Store, recipient: Recipient) -> str:
    """Where a recipient's hours of autonomy go: the one location of its organisation."""
    rows = store.query(
        "SELECT id FROM locations WHERE organisation_id = ? AND deleted = 0 ORDER BY name",
        (recipient.organisation_id or "",),
    )
    if len(rows) != 1:
        raise ValidationError(
            "{organisation} has {count} locations, so the figure cannot go into one "
            "location's continuity by itself; report it with 'continuity report' (or the "
            "CLI's round mark --continuity LOC).",
            organisation=recipient.organisation or recipient.function,
            count=len(rows),
        )
    return str(rows[0]["id"])
