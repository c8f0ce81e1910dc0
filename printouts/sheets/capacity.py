"""Capaciteitsoverzicht: the current figures per category and location with the age of each;
and a blank tally form per location, categories pre-printed, for counting by hand."""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, PageBreak, Spacer

from resilient_zcc.capacity.categories import CATEGORIES, STATUSES, all_categories
from resilient_zcc.capacity.free_beds import capacity_picture
from resilient_zcc.capacity.queries import latest_reports, locations
from resilient_zcc.capacity.seh import STOP, seh_overview
from resilient_zcc.settings import get_setting

from ..context import PrintContext
from ..layout import Heading, SheetStart, TickBox, esc, grid, header_row, local, para, rich

# Held places change the free beds, so placements make the sheet out of date too.
CAPACITY_TABLES = frozenset(
    {
        "locations",
        "capacity_reports",
        "capacity_categories",
        "organisations",
        "settings",
        "placement_requests",
        "placement_events",
        "seh_status",
    }
)
OVERBEZET_COLOUR = "#c62828"  # red where printed in colour; the word says it in black and white
TALLY_TABLES = frozenset({"locations", "capacity_categories", "organisations"})


def age_text(ctx: PrintContext, minutes: int) -> str:
    hours, rest = divmod(max(minutes, 0), 60)
    if hours >= 48:
        return ctx.t(f"{hours // 24} dagen", f"{hours // 24} days")
    return ctx.t(f"{hours} u {rest:02d} min", f"{hours} h {rest:02d} min")


def _region_filter(ctx: PrintContext) -> str | None:
    """Capacity per region: a safety region's locations are its own; the ROAZ region's too."""
    return None if not ctx.region_id else _locations_region(ctx)


def _locations_region(ctx: PrintContext) -> str | None:
    rows = locations(ctx.store, ctx.region_id)
    return ctx.region_id if rows else None


def _status(ctx: PrintContext, code: str | None) -> str:
    pair = STATUSES.get(code or "")
    return (pair[0] if ctx.lang == "nl" else pair[1]) if pair else "-"


def _overbezet(count: int | None = None) -> str:
    """The word (the same in both languages, as coordinators say it), bold and red."""
    word = "OVERBEZET" if count is None else f"{count} OVERBEZET"
    return f"<font color='{OVERBEZET_COLOUR}'><b>{word}</b></font>"


def capacity_overview(ctx: PrintContext, options: dict[str, Any]) -> list[Flowable]:
    groups = capacity_picture(
        ctx.store, now=ctx.now, region_id=_region_filter(ctx), organisation_id=ctx.organisation_id
    )
    hours = get_setting(ctx.store, "capacity.stale_after_hours")
    story: list[Flowable] = [
        rich(
            ctx.t(
                "Vrij = vrij volgens de melding min de plaatsen die sindsdien zijn aangeboden of "
                "bezet (Vastg.); hetzelfde getal als op het scherm en bij het matchen. Leeftijd = "
                "hoe lang geleden het cijfer gemeld is, op het moment van afdrukken. <b>[OUD]</b> "
                "= sinds het cijfer is een meldtijd van de locatie verstreken (zonder meldritme: "
                f"ouder dan {hours} uur): bel de locatie na. <b>OVERBEZET</b> = meer patiënten "
                "dan bemande bedden; telt als 0 vrij. Status staat als woord vermeld, niet alleen "
                "als kleur.",
                "Free = free according to the report minus the places offered or taken since "
                "(Held); the same number as on screen and in matching. Age = how long ago the "
                "figure was reported, at print time. <b>[OLD]</b> = a reporting time of the "
                f"location has passed since the figure (without a rhythm: older than {hours} "
                "hours): call the location. <b>OVERBEZET</b> = more patients than staffed beds; "
                "counts as 0 free. Status is given as a word, not only a colour.",
            ),
            "small",
        ),
    ]
    story += seh_table(ctx)
    if not groups:
        story.append(
            para(
                ctx.t(
                    "Nog geen capaciteitscijfers in dit profiel.",
                    "No capacity figures in this profile yet.",
                ),
                "warning",
            )
        )
        return story
    widths = [
        56 * mm,
        32 * mm,
        16 * mm,
        16 * mm,
        16 * mm,
        15 * mm,
        15 * mm,
        17 * mm,
        30 * mm,
        25 * mm,
        30 * mm,
    ]
    for group in groups:
        known = CATEGORIES.get(group.category)
        name = (known.name if ctx.lang == "nl" else known.name_en) if known else group.name
        story.append(CondPageBreak(35 * mm))  # no heading alone at the foot of a page
        story.append(Heading(name, 1, "h2"))
        rows: list[list[Any]] = [
            header_row(
                ctx,
                "Locatie|Organisatie|Totaal|Bemand|Bezet|Vrij|Vastg.|Verw. 24 u|Status|Gemeld|"
                "Leeftijd",
                "Location|Organisation|Total|Staffed|Occupied|Free|Held|Exp. 24 h|Status|"
                "Reported|Age",
            )
        ]
        for r in group.rows:
            old = f" <b>[{ctx.t('OUD', 'OLD')}]</b>" if r.stale else ""
            status = _overbezet() if r.overbezet else esc(_status(ctx, r.status))
            rows.append(
                [
                    para(r.location_name or "-"),
                    para(r.organisation or "-"),
                    *(
                        para(_num(v))
                        for v in (
                            r.total,
                            r.staffed,
                            r.occupied,
                            r.free_after_holds,
                            r.held,
                            r.expected_24h,
                        )
                    ),
                    rich(status),
                    para(local(r.reported_at, ctx.lang)),
                    rich(esc(age_text(ctx, r.age_minutes)) + old),
                ]
            )
        rows.append(
            [
                para(ctx.t("Totaal regio", "Region total"), "cell_bold"),
                "",
                *(
                    para(_num(v), "cell_bold")
                    for v in (
                        group.total,
                        group.staffed,
                        group.occupied,
                        group.free_after_holds,
                        group.held,
                        group.expected_24h,
                    )
                ),
                rich(_overbezet(group.overbezet)) if group.overbezet else "",
                "",
                para(
                    ctx.t(
                        f"oudste: {age_text(ctx, group.oldest_age_s // 60)}",
                        f"oldest: {age_text(ctx, group.oldest_age_s // 60)}",
                    )
                ),
            ]
        )
        story.append(grid(rows, widths, extra=[("LINEABOVE", (0, -1), (-1, -1), 1.5, "black")]))
    return story


def _num(value: object) -> str:
    return "-" if value is None else str(value)


def tally_forms(ctx: PrintContext, options: dict[str, Any]) -> list[Flowable]:
    """A blank counting form per location, its categories pre-printed, to be entered later."""
    places = locations(ctx.store, _region_filter(ctx))
    if ctx.organisation_id:
        places = [p for p in places if p["organisation_id"] == ctx.organisation_id]
    if not places:
        return [
            para(
                ctx.t("Nog geen locaties in dit profiel.", "No locations in this profile yet."),
                "warning",
            )
        ]
    known = all_categories(ctx.store)
    story: list[Flowable] = []
    statuses = "   ".join(f"☐ {code}" for code in STATUSES)
    for n, place in enumerate(places):
        if n:
            story.append(PageBreak())
        story.append(SheetStart(ctx.t("Telformulier capaciteit", "Capacity tally form")))
        story.append(Heading(place["name"], 1, "h2"))
        where = ", ".join(filter(None, [place["organisation"], place["address"], place["city"]]))
        story.append(para(where or "-", "body"))
        story.append(
            rich(
                ctx.t(
                    "Tel met de hand tijdens de uitval; voer de cijfers later in met <b>capacity "
                    "report</b> "
                    "(bron: papier) en zet dan een paraaf in de laatste kolom. Status: omcirkel "
                    "of kruis aan.",
                    "Count by hand during the outage; enter the figures later with <b>capacity "
                    "report</b> "
                    "(source: paper) and initial the last column. Status: circle or tick.",
                ),
                "body",
            )
        )
        story.append(
            rich(
                f"<b>{ctx.t('Geteld door', 'Counted by')}:</b> ________________________   "
                f"<b>{ctx.t('Datum / tijd', 'Date / time')}:</b> ________________",
                "body",
            )
        )
        story.append(Spacer(1, 3 * mm))
        codes = [r["category"] for r in latest_reports(ctx.store, location_id=place["id"])]
        codes = codes or [c for c, cat in known.items() if cat.kind == "bed"]
        rows: list[list[Any]] = [
            header_row(
                ctx,
                "Categorie|Totaal|Bemand|Bezet|Vrij|Verw. 24 u|Status|Ingevoerd",
                "Category|Total|Staffed|Occupied|Free|Exp. 24 h|Status|Entered",
            )
        ]
        for code in codes:
            cat = known.get(code)
            label = (cat.name if ctx.lang == "nl" else cat.name_en) if cat else code
            rows.append([para(label), "", "", "", "", "", para(statuses), TickBox()])
        for _blank in range(2):  # a category found on the spot
            rows.append(
                [para(ctx.t("Anders: ", "Other: ")), "", "", "", "", "", para(statuses), TickBox()]
            )
        table = grid(
            rows,
            [44 * mm, 16 * mm, 16 * mm, 16 * mm, 16 * mm, 16 * mm, 40 * mm, 18 * mm],
            extra=[
                ("ROWBACKGROUNDS", (0, 1), (-1, -1), ["white"]),
                ("BOTTOMPADDING", (0, 1), (-1, -1), 9),
                ("TOPPADDING", (0, 1), (-1, -1), 9),
            ],
        )
        story.append(table)
        story.append(Spacer(1, 4 * mm))
        story.append(
            rich(
                f"<b>{ctx.t('Doorgegeven aan (naam, tijd)', 'Passed on to (name, time)')}:</b> "
                "__________________________________________",
                "body",
            )
        )
    return story


def seh_table(ctx: PrintContext) -> list[Flowable]:
    """The emergency departments' status, stops first (seed 000: the SEH stays open even in
    code zwart, so a stop must stand out)."""
    rows = seh_overview(ctx.store, ctx.now)
    if not rows:
        return []
    table: list[list[Any]] = [
        header_row(
            ctx,
            "Locatie|SEH|Reden|Verwacht tot|Gemeld",
            "Location|ED|Reason|Expected until|Reported",
        )
    ]
    for r in rows:
        if r["status"] is None:
            state = ctx.t("niet gemeld", "not reported")
        else:
            state = r["label"] if ctx.lang == "nl" else r["label_en"]
        if r["status"] == STOP:
            state = f"<b>{esc(state.upper())}</b>"
            if r["overrun"]:
                state += f" <b>[{ctx.t('VERLOPEN', 'OVERRUN')}]</b>"
            if r["against_agreement"]:
                state += (
                    " <b>"
                    + ctx.t(
                        "[in code zwart blijft de SEH open]", "[in code zwart the ED stays open]"
                    )
                    + "</b>"
                )
        else:
            state = esc(state)
        table.append(
            [
                para(r["name"]),
                rich(state),
                para(r["reason"] or "-"),
                para(local(r["expected_until"], ctx.lang) if r["expected_until"] else "-"),
                para(local(r["reported_at"], ctx.lang) if r["reported_at"] else "-"),
            ]
        )
    return [
        Heading(ctx.t("Spoedeisende hulp (SEH)", "Emergency departments (SEH)"), 1, "h2"),
        grid(table, [62 * mm, 45 * mm, 100 * mm, 30 * mm, 30 * mm]),
    ]
