"""Noodprocedures: each fallback procedure as a checklist, every step's function resolved
to whoever holds it at print time, with their channels in fallback order."""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable

from resilient_zcc.procedures.queries import incident_label, list_procedures, resolve_procedure

from ..context import PrintContext
from ..layout import Heading, TickBox, esc, grid, para, rich
from .contacts import CONTACT_TABLES
from .contacts import reach as channel_reach

PROCEDURE_TABLES = CONTACT_TABLES | {"procedures", "procedure_steps"}


def _holders(ctx: PrintContext, step: dict[str, Any]) -> str:
    if step["warning"]:
        return f"<b>{ctx.t('LET OP', 'NOTE')}: {esc(step['warning'])}</b>"
    lines = [f"<b>{esc(step['function'])}</b>"]
    for h in step["holders"][:2]:
        duty = f" ({ctx.t('in dienst', 'on duty')})" if h["on_duty"] else ""
        stale = f" [{ctx.t('VEROUDERD', 'OUT OF DATE')}]" if h["stale"] else ""
        reach = channel_reach(ctx, h["channels"][:3])
        lines.append(f"{esc(h['name'])}{duty}{stale}: {reach}")
    return "<br/>".join(lines)


def procedures(ctx: PrintContext, options: dict[str, Any]) -> list[Flowable]:
    found = list_procedures(ctx.store, ctx.organisation_id)
    story: list[Flowable] = [
        para(
            ctx.t(
                "Werk de stappen van boven naar beneden af en vink af wat gedaan is. De functie "
                "bij "
                "een stap is bij het afdrukken opgezocht: wie die functie toen vervulde en hoe die "
                "bereikbaar is. Is die persoon niet bereikbaar, probeer het volgende kanaal.",
                "Work through the steps top to bottom and tick what is done. Each step's function "
                "was looked up at print time: who held it then and how to reach them. If that "
                "person "
                "cannot be reached, try the next channel.",
            ),
            "small",
        ),
    ]
    if not found:
        story.append(
            para(
                ctx.t(
                    "Geen noodprocedures in dit profiel voor deze keuze.",
                    "No fallback procedures in this profile for this choice.",
                ),
                "warning",
            )
        )
        return story
    organisation = None
    for summary in found:
        proc = resolve_procedure(ctx.store, summary["id"], ctx.now)
        if proc["organisation"] != organisation:
            organisation = proc["organisation"]
            story.append(CondPageBreak(60 * mm))
            story.append(
                Heading(organisation or ctx.t("Zonder organisatie", "No organisation"), 1, "h2")
            )
        kind = incident_label(proc["incident_type"], ctx.lang)
        story.append(CondPageBreak(30 * mm))
        story.append(para(f"{kind}: {proc['title']}", "h3"))
        rows: list[list[Any]] = [
            [
                "",
                para("#", "cell_bold"),
                para(ctx.t("Stap", "Step"), "cell_bold"),
                para(ctx.t("Wie (bij afdrukken)", "Who (at print time)"), "cell_bold"),
            ]
        ]
        for step in proc["steps"]:
            # Paper outlives the regime it was printed in: say which steps follow the regime.
            note = step["note"] if ctx.lang == "nl" else step["note_en"]
            rows.append(
                [
                    TickBox(),
                    para(str(step["number"])),
                    rich(esc(step["text"]) + (f"<br/><i>[{esc(note)}]</i>" if note else "")),
                    rich(_holders(ctx, step)),
                ]
            )
        story.append(grid(rows, [8 * mm, 7 * mm, 80 * mm, 87 * mm]))
    return story
