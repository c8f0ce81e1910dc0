"""The outage picture on paper: the continuity sheet (locations by hours of autonomy left),
the power-dependent care at home per area, and blank numbered continuity-report forms."""

from __future__ import annotations

from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from resilient_zcc.continuity.queries import ContinuityFigure, continuity_overview
from resilient_zcc.continuity.vocabulary import (
    CARE_SCALE,
    DOWN,
    EVACUATION,
    POWER,
    SOURCES,
    CareScale,
    Evacuation,
    Power,
    label,
)
from resilient_zcc.crisis.outage import OUTAGE_KINDS
from resilient_zcc.homecare.queries import homecare_overview
from resilient_zcc.homecare.vocabulary import BANDS, DEPENDENCIES
from resilient_zcc.printlog import reserve_form_numbers

from ..context import PrintContext
from ..fonts import BOLD, REGULAR
from ..layout import Heading, SheetStart, esc, grid, header_row, local, para, rich
from .capacity import age_text, seh_table
from .contacts import CONTACT_TABLES

# The 24/7 numbers come from the directory, so its changes make the sheets out of date too.
CONTINUITY_TABLES = CONTACT_TABLES | {
    "locations",
    "continuity_reports",
    "outages",
    "seh_status",
    "regions",
}
HOMECARE_TABLES = CONTACT_TABLES | {"homecare_reports", "outages"}
DEFAULT_FORMS = 10
# The ways a paper form is filled in: the report's sources less the app and files.
_FORM_SOURCES = {k: v for k, v in SOURCES.items() if k not in ("formulier", "bestand")}

# No grey behind text: the header row is set apart by a heavier rule instead.
WHITE_HEADER = [
    ("BACKGROUND", (0, 0), (-1, 0), "white"),
    ("LINEBELOW", (0, 0), (-1, 0), 1.5, "black"),
]
# Names and numbers a coordinator reads out on the phone: 11 pt.
NAME = ParagraphStyle("outage_name", fontName=BOLD, fontSize=11, leading=13.4)
NUMBER = ParagraphStyle("outage_number", fontName=BOLD, fontSize=11, leading=13.4)
PLAIN_NUMBER = ParagraphStyle("outage_plain_number", fontName=REGULAR, fontSize=11, leading=13.4)


def unbroken(text: str) -> str:
    """Escaped, with non-breaking spaces and hyphens: a number is never split over lines."""
    return esc(text).replace(" ", "\u00a0").replace("-", "\u2011")


def name_cell(text: str) -> Paragraph:
    return Paragraph(esc(text or "-"), NAME)


def number_cell(text: str, bold: bool = True) -> Paragraph:
    return Paragraph(unbroken(text or "-"), NUMBER if bold else PLAIN_NUMBER)


def hours_text(ctx: PrintContext, hours: float | None) -> str:
    if hours is None:
        return ctx.t("n.v.t. (net)", "n/a (mains)")
    figure = f"{hours:.1f}".rstrip("0").rstrip(".")
    return ctx.t(f"{figure.replace('.', ',')} u", f"{figure} h")


def _region(ctx: PrintContext) -> str | None:
    return ctx.region_id or None


def _outage_lines(ctx: PrintContext, outages: tuple[Any, ...]) -> list[Flowable]:
    if not outages:
        return [para(ctx.t("Geen uitval afgekondigd.", "No outage declared."), "body")]
    story: list[Flowable] = []
    for outage in outages:
        kind = label(OUTAGE_KINDS, outage.kind, ctx.lang)
        area = outage.area or ctx.t("hele regio", "whole region")
        until = (
            ctx.t(", verwacht tot ", ", expected until ") + local(outage.expected_end, ctx.lang)
            if outage.expected_end
            else ""
        )
        since = ctx.t("sinds", "since")
        story.append(
            rich(
                f"<b>{esc(kind.upper())}</b> – {esc(area)}, {since} "
                f"{esc(local(outage.started_at, ctx.lang))}{esc(until)}",
                "body",
            )
        )
    return story


def _marks(ctx: PrintContext, figure: ContinuityFigure) -> str:
    words = []
    if figure.below_threshold:
        words.append(ctx.t("ONDER DREMPEL", "BELOW THRESHOLD"))
    if figure.stale:
        words.append(ctx.t("OUD", "OLD"))
    return "".join(f"<br/><b>[{esc(w)}]</b>" for w in words)


def _state(ctx: PrintContext, figure: ContinuityFigure) -> str:
    report = figure.report
    parts = []
    if report.care_scaled != CareScale.NONE:
        parts.append(label(CARE_SCALE, report.care_scaled, ctx.lang))
    if report.evacuation != Evacuation.NONE:
        parts.append(label(EVACUATION, report.evacuation, ctx.lang).upper())
    if report.note:
        parts.append(report.note)
    return "; ".join(parts) or "-"


def _counts(
    ctx: PrintContext, figures: tuple[ContinuityFigure, ...], silent: tuple[Any, ...]
) -> Paragraph:
    """The counts of what this sheet lists (for one organisation: its own locations)."""
    below = sum(f.below_threshold for f in figures)
    generator = sum(f.report.power == Power.GENERATOR for f in figures)
    return rich(
        "<b>"
        + ctx.t(
            f"Onder de drempel: {below}. Op aggregaat: {generator}. Niet gehoord: {len(silent)}.",
            f"Below threshold: {below}. On generator: {generator}. Not heard from: {len(silent)}.",
        )
        + "</b>",
        "body",
    )


def continuity_sheet(ctx: PrintContext, options: dict[str, Any]) -> list[Flowable]:
    overview = continuity_overview(ctx.store, now=ctx.now, region_id=_region(ctx))
    figures = overview.figures
    silent = overview.not_heard_from
    if ctx.organisation_id:
        figures = tuple(f for f in figures if f.organisation_id == ctx.organisation_id)
        own = ctx.organisation or {}
        names = {own.get("name"), own.get("short_name")}
        silent = tuple(s for s in silent if s.organisation in names)
    story: list[Flowable] = [
        rich(
            ctx.t(
                "Uren over = de gemelde autonomie (brandstof of accu) min de uren sinds de "
                "melding, op het moment van afdrukken; hetzelfde getal als op het scherm en in "
                f"'continuity overview'. <b>[ONDER DREMPEL]</b> = minder dan "
                f"{overview.threshold_hours} uur over: bel de locatie. <b>[OUD]</b> = de melding "
                f"is ouder dan {overview.stale_after_hours} uur (of het meldritme van de "
                "locatie). Netstroom staat onderaan.",
                "Hours left = the reported autonomy (fuel or battery) minus the hours since the "
                "report, at print time; the same number as on screen and in 'continuity "
                f"overview'. <b>[BELOW THRESHOLD]</b> = less than {overview.threshold_hours} "
                f"hours left: call the location. <b>[OLD]</b> = the report is older than "
                f"{overview.stale_after_hours} hours (or the location's rhythm). Mains last.",
            ),
            "small",
        ),
        *_outage_lines(ctx, overview.outages),
        _counts(ctx, figures, silent),
    ]
    if figures:
        rows: list[list[Any]] = [
            header_row(
                ctx,
                "Locatie|Plaats|Stroom|Uren over|Ligt eruit|Zorg / evacuatie / toelichting|"
                "24/7-nummer|Gemeld (leeftijd)",
                "Location|Town|Power|Hours left|Down|Care / evacuation / note|24/7 number|"
                "Reported (age)",
            )
        ]
        for f in figures:
            down = ", ".join(label(DOWN, code, ctx.lang) for code in f.report.down)
            rows.append(
                [
                    [name_cell(f.location_name), para(f.organisation or "-")],
                    para(f.city or "-"),
                    para(label(POWER, f.report.power, ctx.lang)),
                    rich(
                        f"<font name='{BOLD}' size='11'>{unbroken(hours_text(ctx, f.hours_left))}"
                        f"</font>{_marks(ctx, f)}"
                    ),
                    para(down or "-"),
                    para(_state(ctx, f)),
                    number_cell(f.phone),
                    para(
                        f"{local(f.report.reported_at, ctx.lang)} ({age_text(ctx, f.age_minutes)})"
                    ),
                ]
            )
        widths = [56 * mm, 22 * mm, 33 * mm, 27 * mm, 33 * mm, 37 * mm, 32 * mm, 28 * mm]
        story.append(grid(rows, widths, extra=WHITE_HEADER))
    else:
        story.append(
            para(ctx.t("Nog geen continuïteitsmeldingen.", "No continuity reports yet."), "warning")
        )
    if silent:
        story.append(CondPageBreak(35 * mm))
        story.append(
            Heading(
                ctx.t(
                    "NIET GEHOORD sinds het begin van de uitval",
                    "NOT HEARD FROM since the outage began",
                ),
                1,
                "h2",
            )
        )
        rows = [
            header_row(
                ctx,
                "Locatie|Organisatie|Plaats|Laatst gemeld|24/7-nummer",
                "Location|Organisation|Town|Last reported|24/7 number",
            )
        ]
        for s in silent:
            last = local(s.last_reported_at, ctx.lang) if s.last_reported_at else None
            rows.append(
                [
                    name_cell(s.location_name),
                    para(s.organisation or "-"),
                    para(s.city or "-"),
                    para(last or ctx.t("nooit", "never")),
                    number_cell(s.phone),
                ]
            )
        story.append(grid(rows, [75 * mm, 55 * mm, 35 * mm, 40 * mm, 40 * mm], extra=WHITE_HEADER))
    for part in seh_table(ctx):  # the one SEH query, as on the capacity sheet
        if isinstance(part, Table):
            part.setStyle(TableStyle(WHITE_HEADER))
        story.append(part)
    return story


def homecare_sheet(ctx: PrintContext, options: dict[str, Any]) -> list[Flowable]:
    overview = homecare_overview(ctx.store, now=ctx.now)
    within = overview.within_hours
    story: list[Flowable] = [
        rich(
            ctx.t(
                "Aantallen cliënten thuis die van stroom afhankelijk zijn, per gebied, soort en "
                "hoe lang hun eigen accu of voorziening het houdt. Geen namen: de zorgaanbieder "
                f"houdt de cliëntenlijst. <b>In gevaar</b> = eigen voorziening houdt het minder "
                f"dan {within} uur. <b>[NIET BIJGEWERKT]</b> = de aanbieder meldde niet sinds "
                "het begin van de uitval of te lang geleden: bel de aanbieder.",
                "Numbers of clients at home depending on power, per area, kind and how long "
                "their own battery or backup lasts. No names: the provider keeps the client list."
                f" <b>At risk</b> = their own backup lasts less than {within} hours. <b>[NOT "
                "UPDATED]</b> = the provider has not reported since the outage began or too "
                "long ago: call the provider.",
            ),
            "small",
        ),
    ]
    if not overview.areas:
        story.append(
            para(
                ctx.t(
                    "Nog geen meldingen van stroomafhankelijke zorg thuis.",
                    "No reports of power-dependent care at home yet.",
                ),
                "warning",
            )
        )
        return story
    bands = [label(BANDS, code, ctx.lang) for code in BANDS]
    for area in overview.areas:
        providers = area.providers
        counts, at_risk, total = area.by_dependency, area.at_risk, area.total
        if ctx.organisation_id:  # one provider: its own counts in the area
            providers = tuple(p for p in providers if p.organisation_id == ctx.organisation_id)
            if not providers:
                continue
            counts = tuple(c for p in providers for c in p.counts)
            at_risk = sum(c.at_risk(within) for c in counts)
            total = sum(c.total for c in counts)
        story.append(CondPageBreak(60 * mm))
        story.append(Heading(area.area, 1, "h2"))
        story.append(
            rich(
                "<b>"
                + ctx.t(
                    f"In gevaar binnen {within} uur: {at_risk} van {total} cliënten.",
                    f"At risk within {within} hours: {at_risk} of {total} clients.",
                )
                + "</b>",
                "body",
            )
        )
        rows: list[list[Any]] = [
            [
                para(ctx.t("Soort", "Kind"), "cell_bold"),
                *(para(b, "cell_bold") for b in bands),
                para(ctx.t("Totaal", "Total"), "cell_bold"),
            ]
        ]
        for count in counts:
            rows.append(
                [
                    para(label(DEPENDENCIES, count.dependency, ctx.lang)),
                    *(
                        number_cell(str(n), bold=False)
                        for n in (count.under_4h, count.from_4_to_12h, count.over_12h)
                    ),
                    number_cell(str(count.total)),
                ]
            )
        story.append(grid(rows, [62 * mm, 26 * mm, 26 * mm, 26 * mm, 26 * mm], extra=WHITE_HEADER))
        story.append(Spacer(1, 2 * mm))
        provider_rows: list[list[Any]] = [
            header_row(
                ctx,
                "Zorgaanbieder|24/7-nummer|Cliënten|Bijgewerkt",
                "Home-care provider|24/7 number|Clients|Updated",
            )
        ]
        for p in providers:
            old = f"<br/><b>[{ctx.t('NIET BIJGEWERKT', 'NOT UPDATED')}]</b>" if p.stale else ""
            provider_rows.append(
                [
                    name_cell(p.provider),
                    number_cell(p.phone),
                    number_cell(str(p.total), bold=False),
                    rich(esc(local(p.updated_at, ctx.lang)) + old),
                ]
            )
        story.append(grid(provider_rows, [62 * mm, 40 * mm, 26 * mm, 38 * mm], extra=WHITE_HEADER))
    return story


def _choices(ctx: PrintContext, vocabulary: dict[str, tuple[str, str]]) -> str:
    return "   ".join(f"☐ {esc(v[0] if ctx.lang == 'nl' else v[1])}" for v in vocabulary.values())


def continuity_forms(ctx: PrintContext, options: dict[str, Any]) -> list[Flowable]:
    """Blank continuity-report forms, each with a form number reserved now for this device."""
    count = int(options.get("forms") or DEFAULT_FORMS)
    # Its own key: in the binder the placement forms get numbers of their own.
    numbers = options.get("continuity_form_numbers") or reserve_form_numbers(
        ctx.store, count, ctx.now
    )
    options["continuity_form_numbers"] = numbers
    line = "_" * 60
    story: list[Flowable] = []
    for n, number in enumerate(numbers):
        if n:
            story.append(PageBreak())
        story.append(SheetStart(ctx.t("Continuïteitsmelding", "Continuity report form")))
        story.append(para(f"{ctx.t('Formuliernummer', 'Form number')}: {number}", "big"))
        story.append(
            para(
                ctx.t(
                    "Voor meldingen op papier, per telefoon of via de radio (C2000/NCV). Voer "
                    "het later in met: continuity report LOCATIE --power ... --at TIJD --source "
                    f"papier (of radio) --note {number}; of als rij in een lijst met kolom "
                    "'formulier' (import continuity).",
                    "For reports on paper, by phone or by radio (C2000/NCV). Enter it later "
                    "with: continuity report LOCATION --power ... --at TIME --source papier "
                    f"(or radio) --note {number}; or as a row of a list with a column "
                    "'formulier' (import continuity).",
                ),
                "warning",
            )
        )
        fields = [
            (ctx.t("Locatie (naam, plaats)", "Location (name, town)"), line),
            (ctx.t("Gemeld door (naam, functie)", "Reported by (name, role)"), line),
            (ctx.t("Datum en tijd (zo was het)", "Date and time (as it was)"), line),
            (ctx.t("Ontvangen via", "Received by"), _choices(ctx, _FORM_SOURCES)),
            (ctx.t("Stroom", "Power"), _choices(ctx, POWER)),
            (
                ctx.t("Uren autonomie over", "Hours of autonomy left"),
                ctx.t(
                    "______ uur (brandstof of accu; bij aggregaat of UPS verplicht)",
                    "______ hours (fuel or battery; required on generator or UPS)",
                ),
            ),
            (
                ctx.t("Ligt eruit", "Down"),
                "<br/>".join(f"☐ {esc(v[0] if ctx.lang == 'nl' else v[1])}" for v in DOWN.values()),
            ),
            (ctx.t("Zorg afgeschaald", "Care scaled down"), _choices(ctx, CARE_SCALE)),
            (ctx.t("Evacuatie", "Evacuation"), _choices(ctx, EVACUATION)),
            (ctx.t("Toelichting", "Notes"), f"{line}<br/><br/>{line}"),
            (ctx.t("Ingevoerd in de app door / op", "Entered in the app by / at"), line),
        ]
        rows = [[para(name, "cell_bold"), rich(value)] for name, value in fields]
        story.append(Spacer(1, 2 * mm))
        story.append(
            grid(
                rows,
                [52 * mm, 130 * mm],
                header=False,
                extra=[("TOPPADDING", (0, 0), (-1, -1), 6), ("BOTTOMPADDING", (0, 0), (-1, -1), 6)],
            )
        )
    return story
