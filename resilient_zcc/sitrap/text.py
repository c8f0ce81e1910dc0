"""The sitrap as plain text with short lines: to read out over C2000 or a satellite phone,
and to paste into an e-mail when a network is back. The paper sheet says the same."""

from __future__ import annotations

import textwrap

from ..crisis.vocabulary import LOG_KINDS
from ..i18n import t, tn
from ..localtime import duration_text, local_text
from ..placements.vocabulary import URGENCIES, label
from .report import Sitrap

ESCALATED = "opgeschaald"  # the queue state of a request handed on beyond the region
WIDTH = 48  # short enough to read out in one breath and for any mail client
NAMES_SHOWN = 8  # who was not reached, by name; the rest is a count (the round lists all)


def time_text(iso: str | None) -> str:
    """Amsterdam wall-clock time, as the whole sitrap speaks it."""
    return local_text(iso) if iso else "-"


def _source(code: str) -> str:
    return {
        "logbook": t("logbook"),
        "continuity": t("continuity reports"),
        "seh": t("SEH reports"),
        "capacity": t("capacity reports"),
        "placements": t("placement queue"),
        "rounds": t("call rounds"),
    }.get(code, code)


def source_line(report: Sitrap, part: str) -> str:
    """'(source: capacity reports, 03-12-2026 18:40)' for one part of the picture."""
    found = report.parts.get(part)
    if found is None:
        return ""
    return t(
        "(source: {source}, as of {at})", source=_source(found.source), at=time_text(found.as_of)
    )


def phase_lines(report: Sitrap, lang: str) -> list[str]:
    phase = report.phase
    meaning = phase["meaning"] if lang == "nl" else phase["meaning_en"]
    lines = [t("Phase {phase}: {meaning}", phase=phase["phase"], meaning=meaning)]
    if phase["phase_recorded"]:
        lines.append(
            t(
                "since {since}, decided by {by} on the advice of {advice}",
                since=time_text(phase["since"]),
                by=phase["decided_by"] or "-",
                advice=phase["advised_by"] or "-",
            )
        )
        if phase["authority"]:
            lines.append(t("Deciding body: {body}", body=phase["authority"]))
    else:
        lines.append(t("No phase recorded yet"))
    if phase["noodscenario"]:
        lines.append(
            t("Noodscenario: ON since {since}", since=time_text(phase["noodscenario_since"]))
        )
        lines.append(
            t(
                "decided by {by}; approval: {approval}",
                by=phase["noodscenario_decided_by"] or "-",
                approval=phase["noodscenario_approval"] or "-",
            )
        )
    else:
        lines.append(t("Noodscenario: off"))
    return lines


def outage_lines(report: Sitrap, lang: str) -> list[str]:
    outage = report.outage
    if not outage["active"]:
        lines = [t("Outages: none declared")]
    else:
        lines = [
            t(
                "{kind} in {area} since {since}",
                kind=o["label"] if lang == "nl" else o["label_en"],
                area=o["area"] or t("the whole region"),
                since=time_text(o["started_at"]),
            )
            for o in outage["outages"]
        ]
    below = outage["below_threshold"]
    lines.append(
        tn(
            "{n} location under {hours} h of autonomy",
            "{n} locations under {hours} h of autonomy",
            len(below),
            hours=outage["threshold_hours"],
        )
    )
    lines += [f"- {b['location']}: {b['hours_left']} h" for b in below[:8]]
    if outage["active"]:
        lines.append(
            tn(
                "{n} location not heard from since the outage",
                "{n} locations not heard from since the outage",
                outage["not_heard_from"],
            )
        )
    lines.append(
        t(
            "Clients at home at risk within {hours} h: {n}",
            hours=outage["homecare_within_hours"],
            n=outage["homecare_at_risk"],
        )
    )
    lines.append(
        t(
            "Open resource requests: {n}, conflicts: {conflicts}",
            n=outage["open_resource_requests"],
            conflicts=outage["resource_conflicts"],
        )
    )
    return lines


def seh_lines(report: Sitrap, lang: str) -> list[str]:
    if not report.seh:
        return [t("Emergency departments: none known")]
    stops = [row for row in report.seh if row["status"] == "stop"]
    lines = [
        t("Emergency departments: {stops} of {n} stopped", stops=len(stops), n=len(report.seh))
    ]
    for row in stops:
        until = time_text(row["expected_until"]) if row["expected_until"] else "?"
        late = " " + t("(past its end)") if row["overrun"] else ""
        lines.append(t("- {name}: stop until {until}", name=row["name"], until=until) + late)
    return lines


def bed_lines(report: Sitrap, lang: str) -> list[str]:
    lines = [t("Free beds (after places held):")]
    if not report.beds:
        lines.append(t("No capacity reports yet."))
    for beds in report.beds:
        stale = (
            tn(", {n} location stale", ", {n} locations stale", beds["stale_locations"])
            if beds["stale_locations"]
            else ""
        )
        if beds["overbezet_locations"]:
            stale += t(", {n} overbezet", n=beds["overbezet_locations"])
        lines.append(
            "- "
            + t(
                "{name}: {free} free ({held} held), oldest figure {age}{stale}",
                name=beds["name"] if lang == "nl" else beds["name_en"],
                free=beds["free_after_holds"],
                held=beds["held"],
                age=duration_text(beds["oldest_age_s"] // 60, lang),
                stale=stale,
            )
        )
    return lines


def queue_lines(report: Sitrap, lang: str) -> list[str]:
    queue = report.queue
    lines = [
        t(
            "Placement queue: {open} open, {overdue} past their target time",
            open=queue["open"],
            overdue=queue["overdue"],
        )
    ]
    lines.append(
        t(
            "Escalated beyond the region (RCPS/LCPS, VG cohort): {n}",
            n=queue["by_state"].get(ESCALATED, 0),
        )
    )
    urgent = queue["most_urgent"]
    if urgent is not None:
        request = t(
            "Most urgent: {urgency}, waiting {waiting}",
            urgency=label(URGENCIES, urgent["urgency"], lang),
            waiting=duration_text(urgent["waiting_s"] // 60, lang),
        )
        if urgent["location_name"] is None:
            lines.append(t("{request}: no suitable place in the region; escalate", request=request))
        else:
            lines.append(
                t(
                    "{request}: could go to {location} ({category}, {free} free)",
                    request=request,
                    location=urgent["location_name"],
                    category=urgent["category_name"],
                    free=urgent["free"],
                )
            )
    lines.append(tn("{n} open conflict", "{n} open conflicts", report.open_conflicts))
    lines.append(
        tn(
            "{n} location has not reported on time",
            "{n} locations have not reported on time",
            report.late_locations,
        )
    )
    return lines


def decision_lines(report: Sitrap, lang: str) -> list[str]:
    if not report.decisions:
        return [t("No decisions since the last sitrap.")]
    lines = []
    for row in report.decisions:
        kind = LOG_KINDS.get(row["kind"], (row["kind"], row["kind"]))[0 if lang == "nl" else 1]
        what = row["text"] or (
            f"{row['phase_from'] or '-'} -> {row['phase_to']}" if row["phase_to"] else ""
        )
        by = f" ({row['decided_by']})" if row["decided_by"] else ""
        lines.append(f"- {local_text(row['at'])} {kind}{by}: {what}")
    return lines


def round_lines(report: Sitrap) -> list[str]:
    """Each call round since the last sitrap: reached n of m, and who was not reached."""
    if not report.rounds:
        return [t("No call rounds since the last sitrap.")]
    lines = []
    for done in report.rounds:
        lines.append(
            t(
                "Round {number}: {reached} of {total} reached",
                number=done["number"],
                reached=done["reached"],
                total=done["total"],
            )
        )
        missing = done["not_reached"]
        if missing:
            who = ", ".join(missing[:NAMES_SHOWN])
            if len(missing) > NAMES_SHOWN:
                who += t(" and {n} others", n=len(missing) - NAMES_SHOWN)
            lines.append(t("not reached: {who}", who=who))
    return lines


def sections(report: Sitrap, lang: str) -> list[tuple[str, list[str]]]:
    """The report as titled sections of lines, in the order of beeld – oordeel – besluit."""
    decisions_title = (
        t("Decisions since sitrap of {at}", at=time_text(report.previous_at))
        if report.previous_at
        else t("Decisions in the last 24 hours (first sitrap)")
    )
    proposals = [f"{i}. {p}" for i, p in enumerate(report.proposals, 1)]
    return [
        (t("PICTURE: phase") + " " + source_line(report, "phase"), phase_lines(report, lang)),
        (
            t("PICTURE: outage and continuity") + " " + source_line(report, "outage"),
            outage_lines(report, lang),
        ),
        (
            t("PICTURE: emergency departments") + " " + source_line(report, "seh"),
            seh_lines(report, lang),
        ),
        (t("PICTURE: capacity") + " " + source_line(report, "beds"), bed_lines(report, lang)),
        (t("PICTURE: queue") + " " + source_line(report, "queue"), queue_lines(report, lang)),
        (t("PICTURE: call rounds") + " " + source_line(report, "rounds"), round_lines(report)),
        (decisions_title, decision_lines(report, lang)),
        (t("JUDGEMENT (oordeel)"), [report.oordeel or t("(none entered)")]),
        (t("PROPOSED DECISIONS (besluit)"), proposals or [t("(none entered)")]),
    ]


def title(report: Sitrap) -> str:
    if report.number:
        return t("SITRAP {number} {region}", number=report.number, region=report.region)
    return t("SITRAP (preview) {region}", region=report.region)


def radio_text(report: Sitrap, lang: str, width: int = WIDTH) -> str:
    """The whole sitrap as lines of at most `width` characters."""
    head = [
        title(report),
        t("Made {at} by {by}", at=time_text(report.made_at), by=report.made_by),
    ]
    lines: list[str] = []
    for line in head:
        lines += textwrap.wrap(line, width) or [""]
    for heading, body in sections(report, lang):
        lines.append("")
        lines += textwrap.wrap(heading, width)
        for line in body:
            lines += textwrap.wrap(line, width, subsequent_indent="  ", break_long_words=True) or [
                ""
            ]
    lines.append("")
    lines.append(t("END OF SITRAP {number}", number=report.number or "-"))
    return "\n".join(lines) + "\n"
