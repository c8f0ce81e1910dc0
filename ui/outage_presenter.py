"""What the Uitval screen shows, without Qt: rows of text from the core's read models.

The figures (hours left, below threshold, not heard from, clients at risk, free stock) are
the core's own; this module only words them in the user's language, so a marker is always
a word beside any colour.
"""

from __future__ import annotations

import math
from datetime import datetime
from typing import Any

from resilient_zcc.continuity.model import autonomy_problem
from resilient_zcc.continuity.queries import ContinuityOverview
from resilient_zcc.continuity.vocabulary import DOWN, POWER, label
from resilient_zcc.crisis.outage import Outage
from resilient_zcc.homecare.queries import HomecareOverview
from resilient_zcc.homecare.vocabulary import DEPENDENCIES
from resilient_zcc.resources.queries import ResourceRequest, Stock
from resilient_zcc.resources.vocabulary import STATES, resource_label

from .format import age, local
from .i18n import add_catalogue, language, tr

add_catalogue(
    {
        "No outage declared.": "Geen uitval afgekondigd.",
        "{kind}: {area}, since {since}": "{kind}: {area}, sinds {since}",
        "; expected to last until {end}": "; verwacht tot {end}",
        " (decided by {by})": " (besloten door {by})",
        "the whole region": "de hele regio",
        "BELOW THRESHOLD": "ONDER DREMPEL",
        "STALE": "VEROUDERD",
        "NOT HEARD FROM": "NIET GEHOORD",
        "no report": "geen melding",
        "nothing down": "niets uitgevallen",
        "{hours} h": "{hours} u",
        "Give the hours as a number, like 10 or 7.5.": "Geef de uren als getal, zoals 10 of 7,5.",
        "{n} of {total}": "{n} van {total}",
        "NOT UPDATED": "NIET BIJGEWERKT",
        "OVER-ALLOCATED": "OVERGEALLOCEERD",
        "{state}: {quantity} {resource} for {location}, asked by {by}; why: {reason}": (
            "{state}: {quantity} {resource} voor {location}, gevraagd door {by}; waarom: {reason}"
        ),
        "; needed by {when}": "; nodig voor {when}",
        "; allocated {n} from {stock}": "; {n} toegewezen uit {stock}",
        "; refused: {reason}": "; geweigerd: {reason}",
    }
)

SORT_KEYS = ("hours", "location", "city")


def lang() -> str:
    return "nl" if language() == "nl" else "en"


def hours_text(hours: float | None) -> str:
    if hours is None:
        return "—"
    shown = f"{hours:.1f}"
    return tr("{hours} h", hours=shown.replace(".", ",") if lang() == "nl" else shown)


def outage_line(outage: Outage) -> str:
    text = tr(
        "{kind}: {area}, since {since}",
        kind=outage.label(lang()),
        area=outage.area or tr("the whole region"),
        since=local(outage.started_at),
    )
    if outage.expected_end:
        text += tr("; expected to last until {end}", end=local(outage.expected_end))
    if outage.decided_by:
        text += tr(" (decided by {by})", by=outage.decided_by)
    return text


def outage_lines(outages: tuple[Outage, ...]) -> list[str]:
    return [outage_line(o) for o in outages] or [tr("No outage declared.")]


def continuity_rows(
    overview: ContinuityOverview, now: datetime, sort: str = "hours"
) -> list[dict[str, Any]]:
    """Every reported location plus the silent ones without a report, with marker words.

    `hours_left` is the core's figure unchanged; `sort` is one of SORT_KEYS (hours: the
    core's order, least autonomy first, mains and unreported last)."""
    silent = {s.location_id for s in overview.not_heard_from}
    rows: list[dict[str, Any]] = []
    for f in overview.figures:
        marks = [tr("BELOW THRESHOLD")] * f.below_threshold + [tr("STALE")] * f.stale
        marks += [tr("NOT HEARD FROM")] * (f.location_id in silent)
        rows.append(
            {
                "location_id": f.location_id,
                "location": f.location_name,
                "city": f.city,
                "power": label(POWER, f.report.power, lang()),
                "hours_left": f.hours_left,
                "hours": hours_text(f.hours_left),
                # what a new report starts from: the current figure, as a small correction
                "power_code": f.report.power.value,
                "down_codes": f.report.down,
                "care_code": f.report.care_scaled.value,
                "evacuation_code": f.report.evacuation.value,
                "down": ", ".join(label(DOWN, c, lang()) for c in f.report.down)
                or tr("nothing down"),
                "age": age(f.report.reported_at, now),
                "phone": f.phone,
                "marks": " ".join(marks),
                "alarm": f.below_threshold,
                "emphasis": f.stale or f.location_id in silent,
            }
        )
    reported = {f.location_id for f in overview.figures}
    for s in overview.not_heard_from:
        if s.location_id in reported:
            continue
        rows.append(
            {
                "location_id": s.location_id,
                "location": s.location_name,
                "city": s.city,
                "power": tr("no report"),
                "hours_left": None,
                "hours": hours_text(None),
                "down": "",
                "age": age(s.last_reported_at, now),
                "phone": s.phone,
                "marks": tr("NOT HEARD FROM"),
                "alarm": False,
                "emphasis": True,
            }
        )
    if sort == "location":
        rows.sort(key=lambda r: (r["location"].lower(), r["location_id"]))
    elif sort == "city":
        rows.sort(key=lambda r: (r["city"].lower(), r["location"].lower()))
    return rows


def hours_input(hours: float) -> str:
    """Hours as the form's field takes them (a comma in Dutch)."""
    text = f"{hours:g}"
    return text.replace(".", ",") if lang() == "nl" else text


def parse_hours(text: str) -> float | None:
    """The hours typed (a Dutch comma is fine); None when empty; ValueError when not a number."""
    text = text.strip().replace(",", ".")
    if not text:
        return None
    value = float(text)
    if math.isinf(value):
        raise ValueError(text)
    return value


def report_problem(power: str | None, hours_text: str) -> str:
    """What is wrong with a report as typed, in the core's words; '' when it would be taken."""
    if power is None:
        return ""
    try:
        hours = parse_hours(hours_text)
    except ValueError:
        return tr("Give the hours as a number, like 10 or 7.5.")
    problem = autonomy_problem(power, hours)
    return "" if problem is None else str(problem)


def homecare_rows(overview: HomecareOverview) -> list[dict[str, Any]]:
    """One row per area and provider: the area's clients at risk, the provider to call."""
    rows: list[dict[str, Any]] = []
    for area in overview.areas:
        kinds = ", ".join(
            f"{label(DEPENDENCIES, c.dependency, lang())} "
            f"{tr('{n} of {total}', n=c.at_risk(area.within_hours), total=c.total)}"
            for c in area.by_dependency
        )
        for p in area.providers:
            rows.append(
                {
                    "area": area.area,
                    "at_risk": area.at_risk,
                    "total": area.total,
                    "kinds": kinds,
                    "provider": p.provider,
                    "provider_total": p.total,
                    "phone": p.phone,
                    "updated": local(p.updated_at),
                    "marks": tr("NOT UPDATED") if p.stale else "",
                    "emphasis": p.stale,
                    "alarm": False,
                }
            )
    return rows


def stock_rows(stocks: tuple[Stock, ...]) -> list[dict[str, Any]]:
    return [
        {
            "stock_id": s.stock_id,
            "resource": resource_label(s.resource, lang()),
            "location": s.location_name,
            "quantity": s.quantity,
            "reserved": s.reserved,
            "free": s.free,
            "unit": s.unit,
            "counted": local(s.counted_at),
            "marks": tr("OVER-ALLOCATED") if s.over_allocated else "",
            "alarm": s.over_allocated,
            "emphasis": False,
        }
        for s in stocks
    ]


def request_detail(r: ResourceRequest) -> str:
    """A request in one sentence: what, for whom, by when, why, and what became of it."""
    text = tr(
        "{state}: {quantity} {resource} for {location}, asked by {by}; why: {reason}",
        state=STATES[r.state][0 if lang() == "nl" else 1],
        quantity=r.quantity,
        resource=resource_label(r.resource, lang()),
        location=r.location_name,
        by=r.requested_by or "—",
        reason=r.reason or "—",
    )
    if r.needed_by:
        text += tr("; needed by {when}", when=local(r.needed_by))
    if r.allocated is not None:
        text += tr("; allocated {n} from {stock}", n=r.allocated, stock=r.stock_location)
    if r.refusal:
        text += tr("; refused: {reason}", reason=r.refusal)
    return text


def request_rows(requests: tuple[ResourceRequest, ...]) -> list[dict[str, Any]]:
    pick = 0 if lang() == "nl" else 1
    return [
        {
            "detail": request_detail(r),
            "request_id": r.request_id,
            "state": r.state.value,
            "state_text": STATES[r.state][pick],
            "resource_code": r.resource,
            "resource": resource_label(r.resource, lang()),
            "quantity": r.quantity,
            "location": r.location_name,
            "needed_by": local(r.needed_by) if r.needed_by else "",
            "reason": r.refusal or r.reason,
            "allocated": "" if r.allocated is None else f"{r.allocated} ({r.stock_location})",
            "open": r.open,
            "alarm": False,
            "emphasis": False,
        }
        for r in requests
    ]


def stock_choices(stocks: tuple[Stock, ...], resource: str) -> list[tuple[str, str]]:
    """The stocks a request for `resource` can be given from, with what they have free."""
    return [
        (s.stock_id, f"{s.location_name}: {s.free} {s.unit}")
        for s in stocks
        if s.resource == resource
    ]
