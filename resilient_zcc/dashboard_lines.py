"""The Overzicht as lines of text, in the current language: one wording for window and CLI.

Each line names the screen it opens (`target`) and whether it asks for attention (`warn`),
so the window can make it a link and the CLI can print it as it is.
"""

from __future__ import annotations

from dataclasses import dataclass

from .crisis.outage import OUTAGE_KINDS
from .dashboard import Dashboard, SitrapAnswer, UrgentAnswer
from .i18n import t, tn
from .localtime import duration_text, local_text
from .placements.vocabulary import URGENCIES, label


@dataclass(frozen=True)
class Line:
    target: str  # the screen it opens: crisis, capacity, placements, contacts, print, sitrap
    text: str
    warn: bool = False
    indent: int = 0


def dashboard_lines(board: Dashboard, lang: str) -> list[Line]:
    """What the Overzicht says, line by line: phase, free beds, then the rest."""
    return [
        *outage_lines(board, lang),
        *phase_lines(board, lang),
        *bed_lines(board, lang),
        *other_lines(board, lang),
    ]


def outage_lines(board: Dashboard, lang: str) -> list[Line]:
    """While an outage lasts, the Overzicht leads with it; otherwise nothing."""
    outage = board.outage
    if outage is None:
        return []
    kinds = ", ".join(label(OUTAGE_KINDS, kind, lang) for kind in outage.kinds)
    areas = "; ".join(area or t("the whole region") for area in outage.areas)
    lines = [
        Line(
            "outage",
            t(
                "OUTAGE: {kinds} in {areas}, since {since}",
                kinds=kinds,
                areas=areas,
                since=local_text(outage.started_at),
            ),
            warn=True,
        )
    ]
    below = outage.below_threshold
    names = ", ".join(
        f"{a.location_name} ({duration_text(int(a.hours_left * 60), lang)})" for a in below
    )
    below_text = (
        tn(
            "{n} location below {threshold} h of autonomy: {names}",
            "{n} locations below {threshold} h of autonomy: {names}",
            len(below),
            threshold=outage.threshold_hours,
            names=names,
        )
        if below
        else t("No location below {threshold} h of autonomy", threshold=outage.threshold_hours)
    )
    lines.append(Line("outage", below_text, warn=bool(below), indent=1))
    if outage.not_heard_from:
        lines.append(
            Line(
                "outage",
                tn(
                    "{n} location not heard from since the outage began",
                    "{n} locations not heard from since the outage began",
                    outage.not_heard_from,
                ),
                warn=True,
                indent=1,
            )
        )
    if outage.homecare_at_risk:
        at_risk = ", ".join(f"{area} {n}" for area, n in outage.homecare_at_risk.items())
        lines.append(
            Line(
                "outage",
                t(
                    "Power-dependent clients at home at risk within {hours} h: {areas}",
                    hours=outage.homecare_within_hours,
                    areas=at_risk,
                ),
                warn=True,
                indent=1,
            )
        )
    lines.append(
        Line(
            "outage",
            t(
                "Resources: open requests {requests}, conflicts {conflicts}",
                requests=outage.open_resource_requests,
                conflicts=outage.resource_conflicts,
            ),
            warn=outage.resource_conflicts > 0,
            indent=1,
        )
    )
    return lines


def seh_lines(board: Dashboard, lang: str) -> list[Line]:
    """Each emergency department that has stopped taking patients."""
    lines = []
    for seh in board.seh_stopped:
        until = (
            t("expected until {until}", until=local_text(seh.expected_until))
            if seh.expected_until
            else t("no expected end given")
        )
        text = t(
            "SEH stop: {location} ({reason}); {until}",
            location=seh.location_name,
            reason=seh.reason or "-",
            until=until,
        )
        if seh.overrun:
            text += t(", past its expected end")
        if seh.against_agreement:
            text += t(", against the regional agreement (SEH stays open in phase 3)")
        lines.append(Line("capacity", text, warn=True))
    return lines


def other_lines(board: Dashboard, lang: str) -> list[Line]:
    """Stopped emergency departments, the queue, conflicts, contacts, late locations and
    out-of-date paper."""
    lines = seh_lines(board, lang)
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
    if board.sitrap is not None:
        lines.append(sitrap_line(board.sitrap))
    return lines


def sitrap_line(due: SitrapAnswer) -> Line:
    """When the next situation report is due; marked when it is overdue."""
    if due.last_number is None or due.last_at is None:
        return Line("sitrap", t("No sitrap made yet; first due {due}", due=local_text(due.due_at)))
    values = {"number": due.last_number, "at": local_text(due.last_at)}
    text = (
        t(
            "Sitrap {number} made {at}; next was due {due}: OVERDUE",
            due=local_text(due.due_at),
            **values,
        )
        if due.overdue
        else t("Sitrap {number} made {at}; next due {due}", due=local_text(due.due_at), **values)
    )
    return Line(
        "sitrap",
        text,
        warn=due.overdue,
    )


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
