"""Plaatsingslijst (the queue with state and matches, minimal patient data, confidential)
and blank aanmeldformulieren carrying form numbers reserved for this device."""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Spacer

from resilient_zcc.capacity.categories import CATEGORIES
from resilient_zcc.capacity.queries import locations
from resilient_zcc.placements.lifecycle import STATES
from resilient_zcc.placements.matching import match
from resilient_zcc.placements.queries import QueueItem, open_queue
from resilient_zcc.placements.rules import ESCALATION_ROUTES
from resilient_zcc.placements.vocabulary import (
    AGE_BANDS,
    CARE_NEEDS,
    COVID_STATUSES,
    TRANSPORTS,
    URGENCIES,
    label,
)
from resilient_zcc.printlog import reserve_form_numbers

from ..context import PrintContext
from ..layout import SheetStart, esc, grid, header_row, local, para, rich
from .capacity import age_text

PLACEMENT_TABLES = frozenset(
    {"placement_requests", "placement_events", "locations", "capacity_reports", "organisations"}
)
DEFAULT_FORMS = 10


def confidential(ctx: PrintContext) -> str:
    return ctx.t(
        "VERTROUWELIJK – PATIËNTGEGEVENS (bijzondere persoonsgegevens). Alleen voor het ZCC; "
        "niet kopiëren, na gebruik vernietigen.",
        "CONFIDENTIAL – PATIENT DATA (special-category personal data). ZCC only; do not copy, "
        "destroy after use.",
    )


def category_name(ctx: PrintContext, code: str, dutch: str) -> str:
    known = CATEGORIES.get(code)
    return known.name_en if known and ctx.lang == "en" else dutch


def _care(ctx: PrintContext, code: str | None) -> str:
    entry = CARE_NEEDS.get(code or "")
    return (entry[0] if ctx.lang == "nl" else entry[1]) if entry else (code or "-")


def _urgency(ctx: PrintContext, item: QueueItem) -> str:
    """The urgency with the waiting time; an overdue request says so in words."""
    text = esc(label(URGENCIES, item.urgency, ctx.lang))
    waited = age_text(ctx, item.waiting_s // 60)
    if item.overdue:
        late = ctx.t("TE LAAT", "OVERDUE")
        over = age_text(ctx, item.over_s // 60)
        return f"<b>{late}</b><br/>{text}<br/>" + ctx.t(
            f"wacht {waited}, {over} over streeftijd", f"waiting {waited}, {over} over target"
        )
    target = age_text(ctx, item.target_s // 60)
    return f"{text}<br/>" + ctx.t(
        f"wacht {waited} (streeftijd {target})", f"waiting {waited} (target {target})"
    )


def _no_place(ctx: PrintContext, care_need: str) -> str:
    """What to do when nothing fits, by the supra-regional route this patient group takes."""
    if care_need in ESCALATION_ROUTES["rcps"]:
        return ctx.t(
            "geen geschikte plaats: opschalen RCPS/LCPS", "no suitable place: escalate to RCPS/LCPS"
        )
    if care_need in ESCALATION_ROUTES["vg_cohort"]:
        return ctx.t(
            "geen geschikte plaats: bovenregionaal VG-cohort",
            "no suitable place: supra-regional ID cohort",
        )
    return ctx.t(
        "geen geschikte plaats: ZCC-overleg met de regionale partners",
        "no suitable place: ZCC consultation with the regional partners",
    )


def _needs(ctx: PrintContext, r: dict[str, Any]) -> str:
    flags = [
        (r["oxygen"], ctx.t("zuurstof", "oxygen")),
        (r["hfno"], "HFNO"),
        (r["isolation"], ctx.t("isolatie", "isolation")),
        (r["acp_no_ic"], ctx.t("geen IC", "no ICU")),
        (r["acp_no_resuscitation"], ctx.t("niet reanimeren", "do not resuscitate")),
        (r["acp_no_hospital"], ctx.t("geen ziekenhuis", "no hospital")),
    ]
    words = [word for on, word in flags if on]
    if r["transport"]:
        words.append(label(TRANSPORTS, r["transport"], ctx.lang))
    if r.get("postoperative"):
        words.append(ctx.t("postoperatief", "post-operative"))
    if not r.get("local_route_tried"):  # the exception: the ZCC acts after the regular route
        words.append(ctx.t("lokale route niet geprobeerd", "local route not tried"))
    return ", ".join(words) or "-"


def placement_list(ctx: PrintContext, options: dict[str, Any]) -> list[Flowable]:
    items = open_queue(ctx.store, ctx.now)
    if ctx.organisation_id:  # patient data only where this organisation is involved
        own = {p["id"] for p in locations(ctx.store) if p["organisation_id"] == ctx.organisation_id}
        items = [
            i for i in items if i.referrer_org_id == ctx.organisation_id or i.location_id in own
        ]
    story: list[Flowable] = [
        SheetStart(ctx.t("Plaatsingslijst", "Placement queue"), confidential(ctx)),
        rich(f"<b>{esc(confidential(ctx))}</b>", "warning"),
        para(
            ctx.t(
                "Open aanvragen: te laat (langer dan de streeftijd van hun urgentie) eerst, dan "
                "meest urgent en langst wachtend (voor één organisatie: "
                "die zij aanmeldde of die bij haar een plaats hebben). Alleen het "
                "formuliernummer, nooit naam of BSN. 'Plaatsen' zijn de best passende locaties "
                "bij het afdrukken (vrij = gemeld vrij min al aangeboden).",
                "Open requests: overdue ones (past the target of their urgency) first, then most "
                "urgent and longest waiting (for one organisation: "
                "those it referred or placed with it). Only the form number, never a name or "
                "BSN. 'Places' are the best matching locations at print time (free = reported "
                "free minus already offered).",
            ),
            "small",
        ),
    ]
    if items:
        late = sum(i.overdue for i in items)
        story.append(
            rich(
                "<b>"
                + ctx.t(
                    f"Te laat: {late} van {len(items)} open aanvragen.",
                    f"Overdue: {late} of {len(items)} open requests.",
                )
                + "</b>",
                "warning" if late else "body",
            )
        )
    if not items:
        story.append(
            para(ctx.t("Geen open plaatsingsaanvragen.", "No open placement requests."), "body")
        )
        return story
    rows: list[list[Any]] = [
        header_row(
            ctx,
            "Formuliernr.|Urgentie|Zorgvraag|COVID|Leeftijd|Bijzonderheden|Status (sinds)|Plaatsen",
            "Form no.|Urgency|Care need|COVID|Age|Particulars|State (since)|Places",
        )
    ]
    for item in items:
        r = item.as_dict()
        result = match(ctx.store, item.id, ctx.now)
        places = [c for c in result.candidates if c.suitable][:3]
        place_text = (
            "<br/>".join(
                f"{esc(c.location_name)} ({esc(category_name(ctx, c.category, c.category_name))}): "
                f"<b>{c.free} "
                f"{ctx.t('vrij', 'free')}</b>" + (f" [{ctx.t('OUD', 'OLD')}]" if c.stale else "")
                for c in places
            )
            or f"<b>{esc(_no_place(ctx, item.care_need))}</b>"
        )
        if r["location_name"]:
            place_text = (
                f"<b>{ctx.t('Plek', 'Place')}: {esc(r['location_name'])}</b><br/>" + place_text
            )
        state = STATES.get(r["state"], (r["state"], r["state"]))
        rows.append(
            [
                rich(f"<b>{esc(r['reference'])}</b>"),
                rich(_urgency(ctx, item)),
                para(_care(ctx, r["care_need"])),
                para(label(COVID_STATUSES, r["covid_status"], ctx.lang)),
                para(label(AGE_BANDS, r["age_band"], ctx.lang)),
                para(_needs(ctx, r)),
                para(
                    f"{state[0] if ctx.lang == 'nl' else state[1]} "
                    f"({local(r['state_at'], ctx.lang)})"
                ),
                rich(place_text),
            ]
        )
    widths = [30 * mm, 24 * mm, 36 * mm, 27 * mm, 18 * mm, 38 * mm, 34 * mm, 62 * mm]
    story.append(grid(rows, widths, zebra=True))
    return story


def _choices(ctx: PrintContext, vocabulary: dict[str, Any]) -> str:
    return "   ".join(f"☐ {esc(v[0] if ctx.lang == 'nl' else v[1])}" for v in vocabulary.values())


def registration_forms(ctx: PrintContext, options: dict[str, Any]) -> list[Flowable]:
    """Blank forms, each with a form number reserved now for this device (never reused)."""
    count = int(options.get("forms") or DEFAULT_FORMS)
    numbers = options.get("form_numbers") or reserve_form_numbers(ctx.store, count, ctx.now)
    options["form_numbers"] = numbers
    story: list[Flowable] = []
    line = "_" * 60
    for n, number in enumerate(numbers):
        if n:
            story.append(PageBreak())
        story.append(
            SheetStart(
                ctx.t("Aanmeldformulier plaatsing", "Placement registration form"),
                confidential(ctx),
            )
        )
        story.append(para(f"{ctx.t('Formuliernummer', 'Form number')}: {number}", "big"))
        story.append(
            para(
                ctx.t(
                    "Vul GEEN naam en GEEN BSN in: het formuliernummer is de referentie. Voer "
                    "het later in "
                    f"met: placements register --reference {number}",
                    "Do NOT write a name or BSN: the form number is the reference. Enter it "
                    "later with: "
                    f"placements register --reference {number}",
                ),
                "warning",
            )
        )
        fields = [
            (
                ctx.t(
                    "Aanmelder (organisatie, naam, telefoon)",
                    "Referrer (organisation, name, phone)",
                ),
                line,
            ),
            (ctx.t("Datum en tijd van aanmelding", "Date and time of registration"), line),
            (ctx.t("Leeftijd", "Age"), _choices(ctx, AGE_BANDS)),
            (ctx.t("COVID-status", "COVID status"), _choices(ctx, COVID_STATUSES)),
            (
                ctx.t("Zorgvraag", "Care need"),
                "<br/>".join(
                    f"☐ {esc(v[0] if ctx.lang == 'nl' else v[1])}" for v in CARE_NEEDS.values()
                ),
            ),
            (ctx.t("Urgentie", "Urgency"), _choices(ctx, URGENCIES)),
            (
                ctx.t("Nodig", "Needs"),
                ctx.t("☐ zuurstof   ☐ HFNO   ☐ isolatie", "☐ oxygen   ☐ HFNO   ☐ isolation"),
            ),
            (
                ctx.t("Behandelgrenzen (ACP)", "Treatment limits (ACP)"),
                ctx.t(
                    "☐ geen IC   ☐ niet reanimeren   ☐ geen ziekenhuis",
                    "☐ no ICU   ☐ do not resuscitate   ☐ no hospital",
                ),
            ),
            (ctx.t("Huidige verblijfplaats", "Current location"), line),
            (ctx.t("Vervoer", "Transport"), _choices(ctx, TRANSPORTS)),
            (ctx.t("Wensen / toelichting", "Wishes / notes"), f"{line}<br/><br/>{line}"),
            (ctx.t("Geplaatst bij (locatie, tijd)", "Placed at (location, time)"), line),
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
