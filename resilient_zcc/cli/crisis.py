"""Crisis structure commands: `phase`, `log`, `measures`, `escalation`, `taskcards` and
`procedures`. Thin: every read and write is a core function."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import click

from ..contacts import queries as contact_queries
from ..crisis import authority, logbook, phases
from ..crisis import escalation as escalation_q
from ..crisis import measures as measures_q
from ..crisis import taskcards as taskcards_q
from ..crisis.authority import APPROVAL_GRANTED, APPROVAL_PENDING
from ..crisis.common import device_label
from ..crisis.regions import default_region
from ..crisis.vocabulary import FREE_LOG_KINDS, LOG_KINDS, PHASE_ORDER
from ..errors import ValidationError
from ..i18n import Text
from ..procedures import INCIDENT_TYPES
from ..procedures import queries as procedures_q
from ..store import Store
from .common import Session, emit_json, local_time, now, pass_session, resolve_id

REGION_HELP = "Region id (or its first 8 characters); may be left out when there is one."


def _region(store: Store, region: str | None) -> str:
    return resolve_id(store, "regions", region, Text("region")) if region else default_region(store)


def _by(store: Store, given: str | None) -> str:
    return given or device_label(store)


def _holder_line(holder: dict[str, Any], channels: int = 2) -> str:
    reach = "; ".join(f"{c['kind_label']} {c['value']}" for c in holder["channels"][:channels])
    duty = " (nu in dienst)" if holder["on_duty"] else ""
    return f"{holder['name']} — {holder['organisation'] or '-'}{duty}: {reach or 'geen kanaal'}"


# --- phase ---------------------------------------------------------------------------------


@click.group()
def phase() -> None:
    """The region's LNAZ phase and noodscenario: show, set, history."""


def _measure_line(m: dict[str, Any]) -> str:
    mark = "actief" if m["active"] else "      "
    binding = f", verplichtend vanaf {m['binding_from']}" if m["binding_from"] else ""
    now_binding = "  VERPLICHTEND" if m["binding"] else ""
    deviation = ""
    if m.get("deviation"):
        deviation = f"  AFWIJKING: {m['reason']}" if m.get("reason") else "  AFWIJKING: niet actief"
    return (
        f"  [{mark}] {m['code']:<3} {m['title']} (vanaf {m['applies_from']}{binding})"
        f"{now_binding}{deviation}"
    )


@phase.command("show")
@click.option("--region", default=None, help=REGION_HELP)
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@pass_session
def phase_show(session: Session, region: str | None, as_json: bool) -> None:
    """The current phase with its meaning, who decided it on whose advice, the noodscenario,
    and the measures that apply and are active.

    \b
    Example:
      resilient-zcc phase show
      resilient-zcc phase show --json
    """
    with session.store() as store:
        region_id = _region(store, region)
        state = phases.phase_state(store, region_id)
        applicable = measures_q.applicable_measures(store, region_id)
        active = measures_q.active_measures(store, region_id)
    if as_json:
        emit_json({**state, "applicable_measures": applicable, "active_measures": active})
        return
    click.echo(state["region"])
    recorded = "" if state["phase_recorded"] else " (niet vastgesteld; uitgangspunt)"
    click.echo(f"Fase {state['phase']}{recorded}: {state['meaning']}")
    if state["since"]:
        advice = f" op advies van {state['advised_by']}" if state["advised_by"] else ""
        click.echo(
            f"  Sinds {local_time(state['since'])}, besloten door {state['decided_by']}{advice}."
        )
        if state["national"]:
            click.echo(
                f"  Landelijk besluit ({state['authority']}), bron: {state['national_source']}, "
                f"datum {state['national_date']}; door de regio vastgelegd."
            )
        click.echo(f"  Beeld: {state['picture']}")
        if state["text"]:
            click.echo(f"  Toelichting: {state['text']}")
    nood = "AAN" if state["noodscenario"] else "uit"
    since = (
        f" (sinds {local_time(state['noodscenario_since'])}, "
        f"besloten door {state['noodscenario_decided_by']})"
        if state["noodscenario_since"]
        else ""
    )
    click.echo(f"Noodscenario: {nood}{since}")
    if state["noodscenario"] and state["noodscenario_consulted"]:
        click.echo(
            f"  In samenspraak met {state['noodscenario_consulted']}; goedkeuring minister "
            f"van VWS: {state['noodscenario_approval'] or '-'}."
        )
    click.echo(f"Maatregelen die gelden in fase {state['phase']}:")
    for m in applicable:
        click.echo(_measure_line(m))
    stray = [m for m in active if not m["applicable"]]
    if stray:
        click.echo("Actief, maar in deze fase niet van toepassing:")
        for m in stray:
            click.echo(_measure_line(m))


@phase.command("set", epilog="Who decides: " + authority.help_text())
@click.argument("new_phase", metavar="PHASE", type=click.Choice(PHASE_ORDER))
@click.option(
    "--by",
    "decided_by",
    default="",
    help="Who decided: the bestuurlijk ROAZ for 1a-2b; the national body for 2c, 2d and 3 "
    "(default with --national: the body of the authority table).",
)
@click.option("--advice", "advised_by", default="", help="On whose advice.")
@click.option("--picture", required=True, help="The picture (beeld) the decision rests on.")
@click.option("--text", default="", help="Explanation.")
@click.option(
    "--national",
    is_flag=True,
    help="Record a national decision (needed for 2c, 2d and 3): never the region's own.",
)
@click.option(
    "--source", "national_source", default="", help="With --national: where it was decided."
)
@click.option(
    "--decided-on", "national_date", default="", help="With --national: its date (YYYY-MM-DD)."
)
@click.option("--recorded-by", default=None, help="Who records it (default: this device).")
@click.option("--region", default=None, help=REGION_HELP)
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@pass_session
def phase_set(
    session: Session,
    new_phase: str,
    decided_by: str,
    advised_by: str,
    picture: str,
    text: str,
    national: bool,
    national_source: str,
    national_date: str,
    recorded_by: str | None,
    region: str | None,
    as_json: bool,
) -> None:
    """Record a phase change: 1a-2b decided by the bestuurlijk ROAZ; 2c and 2d national
    decisions and 3 the minister's, recorded with --national, --source and --decided-on.

    \b
    Example:
      resilient-zcc phase set 2b --by "Bestuurlijk ROAZ" --advice "ZCC-overleg" \\
        --picture "IC-bezetting 95%, ook buurregio's vol" --text "Ketenoverleg dagelijks"
      resilient-zcc phase set 2c --national --by "LNAZ" --source "LNAZ-bericht" \\
        --decided-on 2025-03-14 --picture "Druk in alle ROAZ-regio's"
    """
    with session.store() as store:
        region_id = _region(store, region)
        phases.set_phase(
            store,
            region_id,
            new_phase,
            decided_by,
            advised_by,
            picture,
            text,
            now(),
            _by(store, recorded_by),
            national=national,
            national_source=national_source,
            national_date=national_date,
        )
        state = phases.phase_state(store, region_id)
    if as_json:
        emit_json(state)
        return
    click.echo(f"{state['region']}: fase {state['phase']} ({state['meaning']}).")


@phase.command("noodscenario")
@click.argument("state", type=click.Choice(["aan", "uit"]))
@click.option("--by", "decided_by", required=True, help="The DPG who decides (e.g. 'DPG Twente').")
@click.option("--advice", "advised_by", default="", help="The ROAZ consulted (default: 'ROAZ').")
@click.option(
    "--safety-chair",
    default="",
    help="The chair of the safety region consulted (needed to declare).",
)
@click.option(
    "--approval",
    type=click.Choice([APPROVAL_GRANTED, APPROVAL_PENDING]),
    default=None,
    help="The minister of VWS's approval: granted or still pending (needed to declare).",
)
@click.option("--picture", required=True, help="The picture (beeld) the decision rests on.")
@click.option("--text", default="", help="Explanation.")
@click.option("--recorded-by", default=None, help="Who records it (default: this device).")
@click.option("--region", default=None, help=REGION_HELP)
@pass_session
def phase_noodscenario(
    session: Session,
    state: str,
    decided_by: str,
    advised_by: str,
    safety_chair: str,
    approval: str | None,
    picture: str,
    text: str,
    recorded_by: str | None,
    region: str | None,
) -> None:
    """Declare (aan) or end (uit) the regional noodscenario: the DPG's decision, in
    consultation with the ROAZ and the chair of the safety region, with the approval of the
    minister of VWS (or that approval recorded as pending).

    \b
    Example:
      resilient-zcc phase noodscenario aan --by "DPG Twente" --advice "Bestuurlijk ROAZ" \\
        --safety-chair "Voorzitter Veiligheidsregio Twente" --approval "in afwachting" \\
        --picture "Zorgcontinuïteit in de keten niet meer geborgd"
    """
    with session.store() as store:
        region_id = _region(store, region)
        phases.set_noodscenario(
            store,
            region_id,
            state == "aan",
            decided_by,
            advised_by,
            picture,
            text,
            now(),
            _by(store, recorded_by),
            safety_chair=safety_chair,
            approval=approval or "",
        )
        current = phases.phase_state(store, region_id)
    click.echo(f"{current['region']}: noodscenario {'AAN' if current['noodscenario'] else 'uit'}.")


@phase.command("approval")
@click.option("--by", "decided_by", required=True, help="Who approved (the minister of VWS).")
@click.option("--text", default="", help="Explanation, e.g. the letter it came in.")
@click.option("--recorded-by", default=None, help="Who records it (default: this device).")
@click.option("--region", default=None, help=REGION_HELP)
@pass_session
def phase_approval(
    session: Session, decided_by: str, text: str, recorded_by: str | None, region: str | None
) -> None:
    """Record the minister of VWS's approval of a noodscenario declared with it pending.

    \b
    Example:
      resilient-zcc phase approval --by "Minister van VWS" --text "Brief van 14 maart"
    """
    with session.store() as store:
        region_id = _region(store, region)
        phases.record_noodscenario_approval(
            store, region_id, decided_by, now(), _by(store, recorded_by), text
        )
        current = phases.phase_state(store, region_id)
    click.echo(
        f"{current['region']}: goedkeuring minister van VWS: {current['noodscenario_approval']}."
    )


@phase.command("history")
@click.option("--region", default=None, help=REGION_HELP)
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@pass_session
def phase_history(session: Session, region: str | None, as_json: bool) -> None:
    """Every phase change and noodscenario decision, oldest first.

    \b
    Example:
      resilient-zcc phase history
    """
    with session.store() as store:
        rows = phases.phase_history(store, _region(store, region))
    if as_json:
        emit_json(rows)
        return
    if not rows:
        click.echo("Nog geen fasewijzigingen vastgelegd.")
    for row in rows:
        what = (
            f"fase {row['phase_from'] or '-'} → {row['phase_to']}"
            if row["kind"] == "fase"
            else f"noodscenario {row['phase_from']} → {row['phase_to']}"
        )
        advice = f", advies {row['advised_by']}" if row["advised_by"] else ""
        national = (
            f"; landelijk besluit, bron {row['national_source']}, {row['national_date']}"
            if row["national_source"]
            else ""
        )
        click.echo(
            f"{local_time(row['at'])}  {what}  (besluit {row['decided_by']}{advice}{national})"
        )
        click.echo(f"    Beeld: {row['picture']}")


# --- log -----------------------------------------------------------------------------------


@click.group("log")
def log_group() -> None:
    """The region's logbook of decisions and events (append-only)."""


@log_group.command("add")
@click.argument("text")
@click.option("--kind", type=click.Choice(FREE_LOG_KINDS), default="gebeurtenis", show_default=True)
@click.option("--by", "decided_by", default=None, help="Who decided (required for besluit).")
@click.option("--advice", "advised_by", default=None, help="On whose advice.")
@click.option("--picture", default=None, help="The picture the decision rests on.")
@click.option("--corrects", default=None, help="Id of the entry a correctie corrects.")
@click.option("--recorded-by", default=None, help="Who records it (default: this device).")
@click.option("--region", default=None, help=REGION_HELP)
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@pass_session
def log_add(
    session: Session,
    text: str,
    kind: str,
    decided_by: str | None,
    advised_by: str | None,
    picture: str | None,
    corrects: str | None,
    recorded_by: str | None,
    region: str | None,
    as_json: bool,
) -> None:
    """Add a decision, an event or a correction to the logbook.

    \b
    Example:
      resilient-zcc log add "MST meldt SEH-stop tot 18:00"
      resilient-zcc log add "ZCC 24/7 bemensen" --kind besluit --by "Bestuurlijk ROAZ"
      resilient-zcc log add "Het waren 6 bedden, niet 8" --kind correctie --corrects 3f2a9c1b
    """
    with session.store() as store:
        region_id = _region(store, region)
        corrects_id = (
            resolve_id(store, "log_entries", corrects, Text("log entry")) if corrects else None
        )
        entry_id = logbook.add_entry(
            store,
            region_id,
            kind,
            text,
            now(),
            _by(store, recorded_by),
            decided_by=decided_by,
            advised_by=advised_by,
            picture=picture,
            corrects_id=corrects_id,
        )
    if as_json:
        emit_json({"id": entry_id, "region_id": region_id, "kind": kind, "text": text})
        return
    click.echo(f"{LOG_KINDS[kind][0]} vastgelegd [{entry_id[:8]}].")


def _parse_since(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise ValidationError(
            "'{value}' is not a date; give e.g. 2025-03-14 or 2025-03-14T08:00.", value=value
        ) from None
    return moment if moment.tzinfo else moment.astimezone()


@log_group.command("list")
@click.option("--kind", type=click.Choice(tuple(LOG_KINDS)), default=None, help="Only this kind.")
@click.option("--since", default=None, help="From this date or time (local), e.g. 2025-03-14.")
@click.option("--search", default=None, help="Text in the entry, decider, advice or picture.")
@click.option("--limit", default=50, show_default=True, help="At most this many entries.")
@click.option("--region", default=None, help=REGION_HELP)
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@pass_session
def log_list(
    session: Session,
    kind: str | None,
    since: str | None,
    search: str | None,
    limit: int,
    region: str | None,
    as_json: bool,
) -> None:
    """The logbook, newest first; corrected entries say so.

    \b
    Example:
      resilient-zcc log list --kind besluit --since 2025-03-01
      resilient-zcc log list --search Roessingh --json
    """
    with session.store() as store:
        rows = logbook.list_entries(
            store, _region(store, region), kind, _parse_since(since), search, limit
        )
    if as_json:
        emit_json(rows)
        return
    if not rows:
        click.echo("Geen logregels gevonden.")
    for row in rows:
        who = f" — besluit: {row['decided_by']}" if row["decided_by"] else ""
        fixed = "  [GECORRIGEERD]" if row["corrected_by"] else ""
        text = row["text"] or ""
        if row["kind"] == "fase":
            text = f"Fase {row['phase_from'] or '-'} → {row['phase_to']}. {text}".strip()
        if row["corrects_id"]:
            text = f"(corrigeert {row['corrects_id'][:8]}) {text}"
        click.echo(
            f"{local_time(row['at'])}  {row['kind_label']:<13} {text}{who}{fixed}  "
            f"[{row['id'][:8]}]"
        )


# --- measures ------------------------------------------------------------------------------


@click.group("measures")
def measures_group() -> None:
    """The expert team's modules of measures: which apply, which are active."""


@measures_group.command("list")
@click.option("--all", "show_all", is_flag=True, help="Also measures of higher phases.")
@click.option("--region", default=None, help=REGION_HELP)
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@pass_session
def measures_list(session: Session, show_all: bool, region: str | None, as_json: bool) -> None:
    """Measures that apply in the region's phase (with --all: every module).

    \b
    Example:
      resilient-zcc measures list --all
    """
    with session.store() as store:
        rows = measures_q.measures_overview(store, _region(store, region))
    if not show_all:
        rows = [r for r in rows if r["applicable"] or r["active"]]
    if as_json:
        emit_json(rows)
        return
    for row in rows:
        later = "" if row["applicable"] else "  (nog niet van toepassing)"
        click.echo(_measure_line(row) + later)


@measures_group.command("set")
@click.argument("code")
@click.option("--on/--off", "active", required=True, help="Switch the measure on or off.")
@click.option("--by", "decided_by", required=True, help="Who decided.")
@click.option(
    "--reason",
    "--text",
    "text",
    default="",
    help="Explanation; the reason, needed to switch off a measure that is binding (2c+).",
)
@click.option("--recorded-by", default=None, help="Who records it (default: this device).")
@click.option("--region", default=None, help=REGION_HELP)
@pass_session
def measures_set(
    session: Session,
    code: str,
    active: bool,
    decided_by: str,
    text: str,
    recorded_by: str | None,
    region: str | None,
) -> None:
    """Switch a measure on or off (logged as a 'maatregel' entry).

    \b
    Example:
      resilient-zcc measures set 4B --on --by "Bestuurlijk ROAZ"
    """
    with session.store() as store:
        measures_q.set_measure_active(
            store,
            _region(store, region),
            code,
            active,
            decided_by,
            now(),
            _by(store, recorded_by),
            text,
        )
    click.echo(f"Maatregel {code.upper()} {'ingezet' if active else 'beëindigd'}.")


# --- escalation and task cards -------------------------------------------------------------


@click.group("escalation")
def escalation_group() -> None:
    """The region's escalation path towards a noodscenario."""


@escalation_group.command("show")
@click.option("--region", default=None, help=REGION_HELP)
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@pass_session
def escalation_show(session: Session, region: str | None, as_json: bool) -> None:
    """The steps in order, with who holds each step's function now.

    \b
    Example:
      resilient-zcc escalation show
    """
    with session.store() as store:
        steps = escalation_q.escalation_path(store, _region(store, region), now())
    if as_json:
        emit_json(steps)
        return
    if not steps:
        click.echo("Geen escalatiepad vastgelegd.")
    for step in steps:
        click.echo(f"{step['number']}. {step['actor']}: {step['action']}")
        if step["per_organisation"]:
            click.echo(f"     ({step['per_organisation']} organisaties, elk hun eigen functie)")
        for function in step["functions"]:
            if not function["holders"]:
                click.echo(f"     {function['name']}: NIEMAND")
            for holder in function["holders"]:
                click.echo(f"     {function['name']}: {_holder_line(holder)}")


@click.group("taskcards")
def taskcards_group() -> None:
    """Task cards (taakkaarten) of the ZCC functions."""


@taskcards_group.command("show")
@click.argument("code", required=False)
@click.option("--region", default=None, help=REGION_HELP)
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@pass_session
def taskcards_show(session: Session, code: str | None, region: str | None, as_json: bool) -> None:
    """Without CODE: the cards; with CODE: mandate, actions and who holds the function now.

    \b
    Example:
      resilient-zcc taskcards show
      resilient-zcc taskcards show zcc_huisarts
    """
    with session.store() as store:
        region_id = _region(store, region)
        if code is None:
            cards = taskcards_q.list_task_cards(store, region_id)
            if as_json:
                emit_json(cards)
                return
            for card in cards:
                click.echo(
                    f"{card['function_code']:<16} {card['title']} ({card['actions']} acties)"
                )
            return
        card = taskcards_q.task_card(store, region_id, code, now())
    if as_json:
        emit_json(card)
        return
    click.echo(f"Taakkaart: {card['title']} ({card['function_code']})")
    click.echo(f"Mandaat: {card['mandate']}")
    for action in card["actions"]:
        phase_note = f"  (vanaf fase {action['phase_from']})" if action["phase_from"] else ""
        note = f"  [{action['note']}]" if action["note"] else ""
        who = f" → nu: {action['role_function']}" if action["role_function"] else ""
        mark = "" if action["applies_now"] else "  [nu niet van toepassing]"
        click.echo(f"  {action['number']}. {action['text']}{phase_note}{note}{who}{mark}")
    click.echo("Nu in functie:")
    if not card["holders"]:
        click.echo("  NIEMAND")
    for holder in card["holders"]:
        click.echo(f"  {_holder_line(holder)}")


# --- procedures ----------------------------------------------------------------------------


@click.group("procedures")
def procedures_group() -> None:
    """Fallback procedures of care institutions (power, ICT, telephony failure ...)."""


@procedures_group.command("list")
@click.option("--org", default=None, help="Organisation: id prefix or part of its name.")
@click.option("--type", "incident_type", type=click.Choice(tuple(INCIDENT_TYPES)), default=None)
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@pass_session
def procedures_list(
    session: Session, org: str | None, incident_type: str | None, as_json: bool
) -> None:
    """List procedures, per organisation and incident type.

    \b
    Example:
      resilient-zcc procedures list --org MST
      resilient-zcc procedures list --type stroomuitval --json
    """
    with session.store() as store:
        org_ids = contact_queries.find_organisations(store, org) if org else [None]
        rows = [
            row
            for org_id in org_ids
            for row in procedures_q.list_procedures(store, org_id, incident_type)
        ]
    if as_json:
        emit_json(rows)
        return
    if not rows:
        click.echo("Geen procedures gevonden.")
    for row in rows:
        title = "" if row["title"] == row["incident_label"] else f": {row['title']}"
        click.echo(
            f"{row['organisation']} — {row['incident_label']}{title} "
            f"({row['steps']} stappen)  [{row['id'][:8]}]"
        )


@procedures_group.command("show")
@click.argument("procedure_id")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@pass_session
def procedures_show(session: Session, procedure_id: str, as_json: bool) -> None:
    """A procedure with each step's function resolved to whoever holds it now, and how to
    reach them in fallback order.

    \b
    Example:
      resilient-zcc procedures show 3f2a9c1b
    """
    with session.store() as store:
        full_id = resolve_id(store, "procedures", procedure_id, Text("procedure"))
        procedure = procedures_q.resolve_procedure(store, full_id, now())
    if as_json:
        emit_json(procedure)
        return
    click.echo(f"{procedure['organisation']} — {procedure['title']}")
    click.echo(f"Regime nu: {procedure['regime']}")
    for step in procedure["steps"]:
        function = step["function"] or "(geen functie)"
        note = f"  [{step['note']}]" if step["note"] else ""
        idle = "  (geldt nu niet)" if not step["in_force"] else ""
        click.echo(f"{step['number']}. {function}: {step['text']}{note}{idle}")
        for holder in step["holders"]:
            click.echo(f"     {_holder_line(holder, channels=3)}")
        if step["warning"]:
            click.echo(f"     LET OP: {step['warning']}")
