"""Call rounds on paper: the call sheet of one round (every recipient with every channel in
fallback order in large type, tick boxes and a line for the answer), and a blank round sheet
for the binder, filled in by hand when no laptop works and entered afterwards."""

from __future__ import annotations

from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, Spacer

from resilient_zcc.rounds.queries import Recipient, RoundView, round_summaries, round_view
from resilient_zcc.rounds.vocabulary import FIGURES, OUTCOMES, label

from ..context import PrintContext
from ..fonts import BOLD
from ..layout import esc, grid, local, para, rich

ROUND_TABLES = frozenset({"call_rounds", "round_recipients", "round_marks"})
BLANK_ROWS = 14
CHANNEL_STYLE = ParagraphStyle("round_channel", fontName=BOLD, fontSize=14, leading=18)
LINE = "_" * 70


def call_sheet(ctx: PrintContext, options: dict[str, Any]) -> list[Flowable]:
    """One round's call sheet: the round named in the options, else the newest round."""
    ref = options.get("round")
    if not ref:
        newest = round_summaries(ctx.store)
        if not newest:
            return [
                para(
                    ctx.t(
                        "Nog geen belrondes: start er een met 'round start' of op het scherm "
                        "Belrondes. Voor op papier: het lege formulier (belrondeformulier).",
                        "No call rounds yet: start one with 'round start' or on the Belrondes "
                        "screen. On paper: the blank form (belrondeformulier).",
                    ),
                    "body",
                )
            ]
        ref = newest[0].id
    view = round_view(ctx.store, str(ref))
    story: list[Flowable] = [*_round_head(ctx, view)]
    for recipient in view.recipients:
        story.append(CondPageBreak(60 * mm))
        story.append(KeepTogether(_recipient_block(ctx, view, recipient)))
    return story


def _round_head(ctx: PrintContext, view: RoundView) -> list[Flowable]:
    title = ctx.t(f"Belronde {view.number}", f"Call round {view.number}")
    story: list[Flowable] = [
        para(f"{title}  [{view.id[:8]}]", "big"),
        para(
            ctx.t(
                f"Gestart {local(view.started_at, ctx.lang)} door {view.started_by}. Voer de "
                f"afvinkingen later in met: round mark {view.number} NR ...",
                f"Started {local(view.started_at, ctx.lang)} by {view.started_by}. Enter the "
                f"marks afterwards with: round mark {view.number} NO ...",
            ),
            "body",
        ),
        para(f"{ctx.t('Bericht', 'Message')}: {view.message}", "warning"),
    ]
    if view.ask:
        story.append(para(f"{ctx.t('Vraag terug', 'Ask back')}: {view.ask}", "body"))
    if view.closed_at:
        story.append(
            para(ctx.t("Gesloten", "Closed") + f": {local(view.closed_at, ctx.lang)}", "body")
        )
    return story


def _recipient_block(ctx: PrintContext, view: RoundView, r: Recipient) -> list[Flowable]:
    org = f" – {r.organisation}" if r.organisation else ""
    if r.cover == "nobody":
        name = ctx.t("NIEMAND – functie onbezet", "NOBODY – function unfilled")
    elif r.cover == "unclear":
        name = r.name + ctx.t(" (geen rooster: wie heeft dienst?)", " (no rota: who is on duty?)")
    else:
        name = r.name
    channels: list[Flowable] = [
        Paragraph(
            f"{n}. {esc(c['label'])}  {esc(c['value'])}"
            + (f" <font size='10'>({esc(c['note'])})</font>" if c.get("note") else ""),
            CHANNEL_STYLE,
        )
        for n, c in enumerate(r.channels, start=1)
    ] or [para(ctx.t("Geen kanaal bekend: loper of verzamelpunt.", "No channel known."), "body")]
    marks = "; ".join(
        f"{label(OUTCOMES, m.outcome, ctx.lang)} {local(m.at, ctx.lang)} {m.by}"
        for m in r.marks
        if m.outcome != "opgepakt"
    )
    figure = f"   {label(FIGURES, view.figure, ctx.lang)}: ________" if view.figure else ""
    ticks = ctx.t(
        "☐ bereikt   ☐ niet bereikt   kanaal nr: ____   tijd: ______   door: __________",
        "☐ reached   ☐ not reached   channel no: ____   time: ______   by: __________",
    )
    rows = [
        [rich(f"<b>{r.position}. {esc(r.function)}{esc(org)}</b>", "h3")],
        [para(f"{ctx.t('Dienst', 'On duty')}: {name}", "body")],
        [channels],
        [para(ticks + figure, "body")],
        [para(f"{ctx.t('Antwoord', 'Answer')}: {LINE}", "body")],
    ]
    if marks:
        rows.append([para(f"{ctx.t('Al in de app', 'Already in the app')}: {marks}", "small")])
    return [grid(rows, [180 * mm], header=False), Spacer(1, 3 * mm)]


def blank_round_sheet(ctx: PrintContext, options: dict[str, Any]) -> list[Flowable]:
    """A round on paper when no laptop works: fill in, call, enter it afterwards."""
    fields = [
        [para(ctx.t("Belronde nr / datum", "Round no / date"), "cell_bold"), para(LINE)],
        [para(ctx.t("Gestart door", "Started by"), "cell_bold"), para(LINE)],
        [para(ctx.t("Bericht", "Message"), "cell_bold"), para(LINE + "\n\n" + LINE)],
        [para(ctx.t("Vraag terug", "Ask back"), "cell_bold"), para(LINE)],
    ]
    head = ctx.t(
        "Nr|Functie / organisatie|Naam in dienst|Kanaal|Bereikt?|Tijd|Antwoord / getal",
        "No|Function / organisation|Name on duty|Channel|Reached?|Time|Answer / figure",
    )
    rows: list[list[Any]] = [[para(h, "cell_bold") for h in head.split("|")]]
    for n in range(1, BLANK_ROWS + 1):
        room = Spacer(1, 9 * mm)  # room to write by hand
        rows.append([para(str(n)), room, "", "", para(ctx.t("☐ ja ☐ nee", "☐ yes ☐ no")), "", ""])
    widths = [8 * mm, 40 * mm, 32 * mm, 22 * mm, 18 * mm, 14 * mm, 46 * mm]
    return [
        para(ctx.t("Belronde (leeg formulier)", "Call round (blank form)"), "big"),
        para(
            ctx.t(
                "Bel elke ontvanger via de kanalen in volgorde; niet bereikt na alle kanalen: "
                "noteer het, stuur een loper of ga naar het verzamelpunt. Voer het formulier "
                "later in (round start, round mark --at).",
                "Call each recipient through the channels in order; not reached after all of "
                "them: note it, send a runner or go to the meeting point. Enter the form "
                "afterwards (round start, round mark --at).",
            ),
            "body",
        ),
        para(
            ctx.t(
                "Schrijf geen patiëntgegevens op dit formulier.",
                "Do not write patient data on this form.",
            ),
            "warning",
        ),
        grid(fields, [40 * mm, 140 * mm], header=False),
        Spacer(1, 4 * mm),
        grid(rows, widths),
    ]
