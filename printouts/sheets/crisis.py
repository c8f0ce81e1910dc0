"""Crisisstructuur: the phase scale, the current phase and decision, the escalation path,
and the task cards of the ZCC functions, one per page with a tick box per action."""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Spacer

from resilient_zcc.crisis.authority import NOODSCENARIO_RULE, authority_rows
from resilient_zcc.crisis.escalation import escalation_path
from resilient_zcc.crisis.measures import deviations
from resilient_zcc.crisis.phases import phase_state
from resilient_zcc.crisis.taskcards import list_task_cards, task_card
from resilient_zcc.crisis.vocabulary import PHASE_ORDER, phase_label

from ..context import PrintContext
from ..layout import Heading, SheetStart, TickBox, esc, grid, local, para, rich
from .contacts import CONTACT_TABLES
from .contacts import reach as channel_reach

CRISIS_TABLES = CONTACT_TABLES | {
    "regions",
    "log_entries",
    "escalation_steps",
    "task_cards",
    "task_actions",
    "measures",
    "region_measures",
}


def _no_region(ctx: PrintContext) -> list[Flowable]:
    return [
        para(
            ctx.t(
                "Dit profiel heeft nog geen regio met een crisisstructuur. Laad de gegevens van "
                "de regio (of synchroniseer met een collega) en druk opnieuw af.",
                "This profile has no region with a crisis structure yet. Load the region's "
                "data (or sync with a colleague) and print again.",
            ),
            "warning",
        )
    ]


def _holders(ctx: PrintContext, holders: list[dict[str, Any]], channels: int = 2) -> str:
    lines = []
    for h in holders:
        duty = f" <b>({ctx.t('in dienst', 'on duty')})</b>" if h["on_duty"] else ""
        reach = channel_reach(ctx, h["channels"][:channels])
        lines.append(f"{esc(h['name'])}{duty}: {reach or ctx.t('geen kanaal', 'no channel')}")
    return "<br/>".join(lines) or ctx.t("niemand vervult deze functie nu", "nobody holds it now")


def crisis_structure(ctx: PrintContext, options: dict[str, Any]) -> list[Flowable]:
    if not ctx.region_id:
        return _no_region(ctx)
    state = phase_state(ctx.store, _roaz(ctx))
    story: list[Flowable] = [
        Heading(ctx.t("Huidige fase en besluit", "Current phase and decision"), 1, "h2")
    ]
    phase = state["phase"]
    nood = ctx.t("AAN", "ON") if state["noodscenario"] else ctx.t("uit", "off")
    facts = [
        [
            para(ctx.t("Fase", "Phase"), "cell_bold"),
            rich(f"<b>{esc(phase)}</b>: {esc(phase_label(phase, ctx.lang))}"),
        ],
        [para(ctx.t("Sinds", "Since"), "cell_bold"), para(local(state["since"], ctx.lang))],
        [
            para(ctx.t("Besloten door", "Decided by"), "cell_bold"),
            para(
                " ".join(
                    filter(
                        None,
                        [
                            state["decided_by"] or "-",
                            ctx.t("op advies van ", "advised by ") + state["advised_by"]
                            if state["advised_by"]
                            else "",
                        ],
                    )
                )
            ),
        ],
        [
            para(ctx.t("Besluitvorming", "Authority"), "cell_bold"),
            para(
                (state["authority"] or "-")
                + (
                    ctx.t(" — landelijk besluit, bron: ", " — national decision, source: ")
                    + f"{state['national_source']}, {state['national_date']}"
                    if state["national"]
                    else ""
                )
            ),
        ],
        [para(ctx.t("Beeld", "Picture"), "cell_bold"), para(state["picture"] or "-")],
        [
            para(ctx.t("Noodscenario", "Emergency scenario"), "cell_bold"),
            para(
                nood
                + (
                    f" ({ctx.t('sinds', 'since')} {local(state['noodscenario_since'], ctx.lang)}, "
                    f"{state['noodscenario_decided_by'] or '-'})"
                    if state["noodscenario_since"]
                    else ""
                )
                + (
                    ctx.t("; i.o.m. ", "; consulted: ")
                    + f"{state['noodscenario_consulted']}; "
                    + ctx.t("goedkeuring minister van VWS: ", "approval minister of VWS: ")
                    + f"{state['noodscenario_approval'] or '-'}"
                    if state["noodscenario"] and state["noodscenario_consulted"]
                    else ""
                )
            ),
        ],
    ]
    off = deviations(ctx.store, _roaz(ctx))
    if off:  # binding measures not carried out: a deviation the reader must see
        facts.append(
            [
                para(ctx.t("AFWIJKING", "DEVIATION"), "cell_bold"),
                para(
                    "; ".join(
                        f"{m['code']} {m['title']}: "
                        + (m["reason"] or ctx.t("verplichtend, niet actief", "binding, not active"))
                        for m in off
                    )
                ),
            ]
        )
    story.append(grid(facts, [40 * mm, 142 * mm], header=False))
    story.append(Heading(ctx.t("Fasering (LNAZ)", "Phase scale (LNAZ)"), 1, "h2"))
    rows: list[list[Any]] = [
        [
            para(ctx.t("Fase", "Phase"), "cell_bold"),
            para(ctx.t("Betekenis", "Meaning"), "cell_bold"),
            para(ctx.t("Nu", "Now"), "cell_bold"),
        ]
    ]
    current_row = 0
    for code in PHASE_ORDER:
        here = code == phase
        rows.append(
            [
                rich(f"<b>{esc(code)}</b>"),
                para(phase_label(code, ctx.lang)),
                rich(f"<b>◀ {ctx.t('HUIDIGE FASE', 'CURRENT PHASE')}</b>") if here else "",
            ]
        )
        current_row = len(rows) - 1 if here else current_row
    extra = [("BOX", (0, current_row), (-1, current_row), 2.0, "black")] if current_row else []
    story.append(grid(rows, [16 * mm, 131 * mm, 35 * mm], extra=extra))
    story.append(Heading(ctx.t("Wie besluit wat", "Who decides what"), 1, "h2"))
    decide = [
        [para(ctx.t("Fase", "Phase"), "cell_bold"), para(ctx.t("Besluit", "Decision"), "cell_bold")]
    ]
    # One table in the core decides this for the rules, the window and this page.
    decide += [
        [para(row["phases"]), rich(f"<b>{esc(row['body'])}</b>. {esc(row['how'])}")]
        for row in authority_rows(ctx.lang)
    ]
    decide.append(
        [
            para(ctx.t("Noodscenario", "Emergency scenario")),
            para(NOODSCENARIO_RULE.render(ctx.lang)),
        ]
    )
    story.append(grid(decide, [30 * mm, 152 * mm]))
    story.append(
        Heading(
            ctx.t("Escalatiepad naar een noodscenario", "Escalation path to an emergency scenario"),
            1,
            "h2",
        )
    )
    steps = escalation_path(ctx.store, _roaz(ctx), ctx.now)
    path = [
        [
            para("#", "cell_bold"),
            para(ctx.t("Wie – wat", "Who – what"), "cell_bold"),
            para(ctx.t("Wie is dat nu", "Who that is now"), "cell_bold"),
        ]
    ]
    for step in steps:
        if step["per_organisation"]:
            who = ctx.t(
                f"de crisiscoördinator van elke organisatie ({step['per_organisation']}): "
                "zie de bereikbaarheidslijst",
                f"each organisation's crisis coordinator "
                f"({step['per_organisation']}): see the contact list",
            )
        else:
            who = (
                "<br/>".join(
                    f"<b>{esc(f['name'])}</b><br/>{_holders(ctx, f['holders'])}"
                    for f in step["functions"]
                )
                or "-"
            )
        path.append(
            [
                para(str(step["number"])),
                rich(f"<b>{esc(step['actor'])}</b><br/>{esc(step['action'])}"),
                rich(who),
            ]
        )
    story.append(grid(path, [8 * mm, 90 * mm, 84 * mm]))
    story += task_cards(ctx)
    return story


def _roaz(ctx: PrintContext) -> str:
    """The phase lives on the ROAZ region: a safety region is read through its parent."""
    row = ctx.store.query_one("SELECT kind, parent_id FROM regions WHERE id = ?", (ctx.region_id,))
    if row and row["kind"] != "roaz" and row["parent_id"]:
        return str(row["parent_id"])
    return str(ctx.region_id)


def task_cards(ctx: PrintContext) -> list[Flowable]:
    """One page per ZCC task card: the mandate, who holds it now, a tick box per action."""
    story: list[Flowable] = []
    region_id = _roaz(ctx)
    for summary in list_task_cards(ctx.store, region_id):
        card = task_card(ctx.store, region_id, summary["function_code"], ctx.now)
        story += [PageBreak(), SheetStart(ctx.t("Taakkaart: ", "Task card: ") + card["title"])]
        story.append(Heading(card["title"], 1, "h1"))
        story.append(rich(f"<b>{ctx.t('Mandaat', 'Mandate')}:</b> {esc(card['mandate'])}", "body"))
        story.append(
            rich(
                f"<b>{ctx.t('Wie vervult deze functie nu', 'Who holds this function now')}:</b>",
                "body",
            )
        )
        story.append(rich(_holders(ctx, card["holders"], 3), "body"))
        story.append(
            rich(
                f"<b>{ctx.t('Naam invuller', 'Filled in by')}:</b> "
                "______________________________   "
                f"<b>{ctx.t('Datum / tijd', 'Date / time')}:</b> ____________________",
                "body",
            )
        )
        story.append(Spacer(1, 3 * mm))
        rows: list[list[Any]] = [
            [
                "",
                para("#", "cell_bold"),
                para(ctx.t("Actie", "Action"), "cell_bold"),
                para(ctx.t("Geldt", "Applies"), "cell_bold"),
                para(ctx.t("Tijd / paraaf", "Time / initials"), "cell_bold"),
            ]
        ]
        for action in card["actions"]:
            applies = (
                ctx.t("altijd", "always")
                if not action["phase_from"]
                else (
                    ctx.t("vanaf fase ", "from phase ")
                    + action["phase_from"]
                    + (
                        ctx.t(" (nu van toepassing)", " (applies now)")
                        if action["applies_now"]
                        else ctx.t(" (nog niet)", " (not yet)")
                    )
                )
            )
            note = action["note"] if ctx.lang == "nl" else action["note_en"]
            if action["regime"]:  # bound to a regime: the paper says which, not the phase
                applies = note
                note = ""
            text = esc(action["text"]) + (f"<br/><i>[{esc(note)}]</i>" if note else "")
            rows.append([TickBox(), para(str(action["number"])), rich(text), para(applies), ""])
        story.append(
            grid(
                rows,
                [8 * mm, 7 * mm, 107 * mm, 35 * mm, 25 * mm],
                extra=[("TOPPADDING", (0, 1), (-1, -1), 6), ("BOTTOMPADDING", (0, 1), (-1, -1), 6)],
            )
        )
    return story
