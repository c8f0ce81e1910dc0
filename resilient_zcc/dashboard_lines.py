"""The Overzicht as lines of text, in the current language: one wording for window and CLI.

Each line names the screen it opens (`target`) and whether it asks for attention (`warn`),
so the window can make it a link and the CLI can print it as it is.
"""

from __future__ import annotations

from dataclasses import dataclass

from .dashboard import Dashboard, UrgentAnswer
from .i18n import t, tn
from .localtime import duration_text, local_text
from .placements.vocabulary import URGENCIES, label


@dataclass(frozen=True)
class Line:
    target: str  # the screen the line opens: crisis, capacity, placements, contacts, print
    text: str
    warn: bool = False
    indent: int = 0


def dashboard_lines(board: Dashboard, lang: str) -> list[Line]:
    """What the Overzicht says, line by line: phase, free beds, then the rest."""
    return [*phase_lines(board, lang), *bed_lines(board, lang), *other_lines(board, lang)]


def other_lines(board: Dashboard, lang: str) -> list[Line]:
    """The queue, conflicts, contacts, late locations and out-of-date paper."""
    lines = []
    queue = board.queue
    lines.append(
        Line(
            "placements",
            t(
                "Placement queue: {open} open, {overdue} past their target time",
                open=queue.open,
                overdue=queue.overdue,
            ),
            warn=queue.overdue > 0,
        )
    )
    if queue.most_urgent is not None:
        lines.append(Line("placements", _urgent_text(queue.most_urgent, lang), indent=1))
    lines.append(
        Line(
            "placements",
            tn("{n} open conflict", "{n} open conflicts", board.open_conflicts),
            warn=board.open_conflicts > 0,
        )
    )
    lines.append(
        Line(
            "contacts",
            tn(
                "{n} contact not verified recently",
                "{n} contacts not verified recently",
                board.stale_contacts,
            ),
        )
    )
    lines.append(
        Line(
            "capacity",
            tn(
                "{n} location has not reported on time",
                "{n} locations have not reported on time",
                board.late_locations,
            ),
            warn=board.late_locations > 0,
        )
    )
    lines.append(
        Line(
            "print",
            t(
                "Printed sheets out of date: {outdated} of {printed}",
                outdated=len(board.outdated_sheets),
                printed=board.printed_sheets,
            ),
            warn=bool(board.outdated_sheets),
        )
    )
    for sheet in board.outdated_sheets:
        where = f"{sheet.binder}, tab {sheet.tab}: " if sheet.binder else ""
        text = f"{where}{sheet.sheet} – {sheet.scope_label}: {'; '.join(sheet.reasons)}"
        lines.append(Line("print", text, warn=True, indent=1))
    return lines


def phase_lines(board: Dashboard, lang: str) -> list[Line]:
    phase = board.phase
    if phase is None:
        return [Line("crisis", t("No phase recorded yet"), warn=True)]
    meaning = phase.meaning if lang == "nl" else phase.meaning_en
    decided = t(
        "since {since}, decided by {by} on the advice of {advice}",
        since=local_text(phase.since) if phase.since else "-",
        by=phase.decided_by or "-",
        advice=phase.advised_by or "-",
    )
    nood = (
        t("Noodscenario: ON since {since}", since=local_text(phase.noodscenario_since))
        if phase.noodscenario and phase.noodscenario_since
        else t("Noodscenario: off")
    )
    return [
        Line("crisis", t("Phase {phase}: {meaning}", phase=phase.phase, meaning=meaning)),
        Line("crisis", decided, indent=1),
        Line("crisis", nood, warn=phase.noodscenario, indent=1),
    ]


def bed_lines(board: Dashboard, lang: str) -> list[Line]:
    lines = [Line("capacity", t("Free beds (after places held):"))]
    if not board.beds:
        lines.append(Line("capacity", t("No capacity reports yet."), indent=1))
    for beds in board.beds:
        stale = (
            tn(", {n} location stale", ", {n} locations stale", beds.stale_locations)
            if beds.stale_locations
            else ""
        )
        if beds.overbezet_locations:
            stale += t(", {n} overbezet", n=beds.overbezet_locations)
        text = t(
            "{name}: {free} free ({held} held), oldest figure {age}{stale}",
            name=beds.name if lang == "nl" else beds.name_en,
            free=beds.free_after_holds,
            held=beds.held,
            age=duration_text(beds.oldest_age_s // 60, lang),
            stale=stale,
        )
        lines.append(
            Line(
                "capacity",
                text,
                warn=bool(beds.stale_locations or beds.overbezet_locations),
                indent=1,
            )
        )
    return lines


def _urgent_text(urgent: UrgentAnswer, lang: str) -> str:
    request = t(
        "Most urgent: {reference} ({urgency}, waiting {waiting})",
        reference=urgent.reference or urgent.id[:8],
        urgency=label(URGENCIES, urgent.urgency, lang),
        waiting=duration_text(urgent.waiting_s // 60, lang),
    )
    if urgent.location_name is None:
        return t("{request}: no suitable place in the region; escalate", request=request)
    return t(
        "{request}: could go to {location} ({category}, {free} free)",
        request=request,
        location=urgent.location_name,
        category=urgent.category_name,
        free=urgent.free,
    )
