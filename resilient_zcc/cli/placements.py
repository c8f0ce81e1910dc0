"""`placements ...`: the placement queue: register, list, match, advance, conflicts."""

from __future__ import annotations

from typing import Any

import click

from ..capacity.categories import all_categories
from ..i18n import Text
from ..placements import conflicts as conflict_model
from ..placements import model, queries, retention
from ..placements.lifecycle import STATES, state_label
from ..placements.matching import Candidate, match
from ..placements.rules import REFUSAL_REASONS
from ..placements.vocabulary import (
    AGE_BANDS,
    CARE_NEEDS,
    COVID_STATUSES,
    ESCALATION_TARGETS,
    TRANSPORTS,
    URGENCIES,
    care_label,
    label,
)
from ..store import Store
from .capacity import age_text
from .common import Session, emit_json, local_time, now, pass_session, resolve_id


@click.group()
def placements() -> None:
    """Placement queue: register patients, match them to capacity, follow them to a place."""


def _who(store: Store, by: str | None) -> str:
    if by:
        return by
    row = store.query_one("SELECT label FROM devices WHERE id = ?", (store.identity.device_id,))
    return (row or {}).get("label") or f"device {store.identity.device_id[:12]}"


def _needs(row: dict[str, Any]) -> str:
    parts = [label(COVID_STATUSES, row["covid_status"])] if row["covid_status"] else []
    if row["hfno"]:
        parts.append("HFNO")
    elif row["oxygen"]:
        parts.append("zuurstof")
    if row["isolation"]:
        parts.append("isolatie")
    acp = [
        text
        for flag, text in (
            ("acp_no_ic", "geen IC"),
            ("acp_no_resuscitation", "niet reanimeren"),
            ("acp_no_hospital", "geen ziekenhuis"),
        )
        if row[flag]
    ]
    if acp:
        parts.append("ACP: " + ", ".join(acp))
    if row["transport"]:
        parts.append(label(TRANSPORTS, row["transport"]))
    if row.get("postoperative"):
        parts.append("postoperatief")
    parts.append("lokale route geprobeerd" if row.get("local_route_tried") else "lokale route: nee")
    return ", ".join(parts)


@placements.command("register")
@click.option(
    "--reference", required=True, help="The referrer's form number (never a name or BSN)."
)
@click.option(
    "--care", "care_need", required=True, type=click.Choice(list(CARE_NEEDS)), help="Care need."
)
@click.option(
    "--category", required=True, help="Capacity category asked for (e.g. cohort_covid_pos)."
)
@click.option(
    "--urgency",
    required=True,
    type=click.Choice(list(URGENCIES)),
    help="acuut (4 h), hoog (24 h), normaal (72 h).",
)
@click.option(
    "--covid",
    "covid_status",
    default="onbekend",
    show_default=True,
    type=click.Choice(list(COVID_STATUSES)),
)
@click.option(
    "--age", "age_band", default="", type=click.Choice(["", *AGE_BANDS]), help="Age band."
)
@click.option("--oxygen", is_flag=True, help="Needs oxygen.")
@click.option("--hfno", is_flag=True, help="Needs high-flow nasal oxygen.")
@click.option("--isolation", is_flag=True, help="Needs isolation.")
@click.option(
    "--transport", default="ambulance", show_default=True, type=click.Choice(list(TRANSPORTS))
)
@click.option("--no-ic", "acp_no_ic", is_flag=True, help="Treatment limit (ACP): no IC.")
@click.option(
    "--no-resuscitation", "acp_no_resuscitation", is_flag=True, help="ACP: do not resuscitate."
)
@click.option("--no-hospital", "acp_no_hospital", is_flag=True, help="ACP: no hospital admission.")
@click.option(
    "--postoperative", is_flag=True, help="Post-operative patient (PACU takes only non-COVID ones)."
)
@click.option(
    "--local-route-tried",
    is_flag=True,
    help="The referrer tried the regular route first (the ZCC acts when that no longer suffices).",
)
@click.option("--wishes", default="", help="Wishes (free text, no names).")
@click.option("--limits", "treatment_limits", default="", help="Treatment limits (free text).")
@click.option("--current-location", default="", help="Where the patient is now.")
@click.option("--referrer-org", default=None, help="Referring organisation id (prefix works).")
@click.option("--referrer-contact", default="", help="How to reach the referrer (function, phone).")
@click.option("--region", "region_id", default=None, help="Region id (prefix works).")
@click.option("--by", default=None, help="Who registers (default: the device label).")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@pass_session
def placements_register(session: Session, **options: Any) -> None:
    """Put a patient on the placement queue (state 'aangemeld').

    \b
    Example:
      resilient-zcc placements register --reference TW-2026-0001 --care vvt_herstel \\
        --category cohort_covid_pos --urgency hoog --covid positief --oxygen --age 80+
    """
    as_json = options.pop("as_json")
    with session.store() as store:
        if options["referrer_org"]:
            options["referrer_org"] = resolve_id(
                store, "organisations", options["referrer_org"], Text("organisation")
            )
        if options["region_id"]:
            options["region_id"] = resolve_id(
                store, "regions", options["region_id"], Text("region")
            )
        by = _who(store, options.pop("by"))
        request_id = model.register_request(
            store, referrer_org_id=options.pop("referrer_org"), by=by, now=now(), **options
        )
        items = queries.queue(store, now(), "aangemeld")
        request = next(item.as_dict() for item in items if item.id == request_id)
        if as_json:
            emit_json(request)
            return
        click.echo(
            f"Aangemeld: {request['reference']} [{request_id[:8]}], "
            f"{care_label(request['care_need'])}, {label(URGENCIES, request['urgency'])}."
        )


@placements.command("list")
@click.option("--state", type=click.Choice(list(STATES)), default=None, help="Only this state.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@pass_session
def placements_list(session: Session, state: str | None, as_json: bool) -> None:
    """The queue: open requests first, overdue ones first, then most urgent, longest waiting.

    A request is overdue when it waits longer than the region's target for its urgency
    (settings placements.target_minutes.*; acute 4 h by default). --json gives every
    request with waiting_s, target_s, overdue and over_s (seconds).

    \b
    Example:
      resilient-zcc placements list
      resilient-zcc placements list --state aangemeld --json
    """
    with session.store() as store:
        items = queries.queue(store, now(), state)
        if as_json:
            emit_json([item.as_dict() for item in items])
            return
        if not items:
            click.echo("Geen aanvragen in de wachtrij.")
            return
        open_items = [item for item in items if item.is_open]
        if open_items:
            late = sum(item.overdue for item in open_items)
            click.echo(f"Open aanvragen ({len(open_items)}), waarvan te laat: {late}")
            for item in open_items:
                _echo_item(item)
        current = None
        for item in items:
            if item.is_open:
                continue
            if item.state != current:
                current = item.state
                count = sum(1 for i in items if i.state == current)
                title = state_label(current)
                click.echo(f"{title[:1].upper()}{title[1:]} ({count})")
            _echo_item(item)


def _echo_item(item: queries.QueueItem) -> None:
    place = f" → {item.location_name}" if item.location_name else ""
    if item.escalated_to:
        place = f" → {label(ESCALATION_TARGETS, item.escalated_to).split(' (')[0]}"
    reference = item.reference or "(verwijderd na bewaartermijn)"
    waited = age_text(item.waiting_s // 60)
    if item.overdue:
        timing = f"TE LAAT: wacht {waited}, {age_text(item.over_s // 60)} over de streeftijd"
    elif item.is_open:
        timing = f"wacht {waited} (streeftijd {age_text(item.target_s // 60)})"
    else:
        timing = f"afgesloten {local_time(item.closed_at)}"
    click.echo(
        f"  [{item.id[:8]}] {reference:<14} {item.urgency:<7} {state_label(item.state):<27} "
        f"{care_label(item.care_need)}{place}"
    )
    details = _needs(item.as_dict())
    click.echo(f"      {timing}; {details}" if details else f"      {timing}")


def _candidate_lines(n: int, c: Candidate) -> list[str]:
    verdict = "GESCHIKT" if c.suitable else "niet geschikt"
    lines = [
        f"{n}. {c.location_name} ({c.organisation}) — {c.category_name}: {verdict}, "
        f"{c.free} vrij{' OVERBEZET' * c.overbezet}  [{c.location_id[:8]}]"
    ]
    for reason in c.reasons:
        lines.append(f"     {'+' if reason.ok else '-'} {reason.text}")
    for warning in c.warnings:
        lines.append(f"     ! {warning}")
    lines.append(f"     melding: {local_time(c.reported_at)}")
    return lines


@placements.command("match")
@click.argument("request_id")
@click.option("--all", "show_all", is_flag=True, help="Also list unsuitable candidates.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@pass_session
def placements_match(session: Session, request_id: str, show_all: bool, as_json: bool) -> None:
    """Rank the places that fit a request, with the reasons for and against each.

    \b
    Example:
      resilient-zcc placements match 3f2a9c1b
      resilient-zcc placements match 3f2a9c1b --all --json
    """
    with session.store() as store:
        full_id = resolve_id(store, "placement_requests", request_id, Text("placement request"))
        result = match(store, full_id, now())
        if as_json:
            emit_json(result.as_dict())
            return
        request = result.request
        click.echo(
            f"{request['reference']} [{full_id[:8]}]: {care_label(request['care_need'])}, "
            f"{label(URGENCIES, request['urgency'])}; {_needs(request)}"
        )
        shown = [c for c in result.candidates if show_all or c.suitable]
        hidden = len(result.candidates) - len(shown)
        if not shown:
            click.echo("Geen geschikte plaats gevonden.")
        for n, candidate in enumerate(shown, 1):
            click.echo("\n".join(_candidate_lines(n, candidate)))
        if hidden:
            click.echo(f"({hidden} ongeschikte kandidaat/kandidaten verborgen; --all toont ze.)")
        for note in result.notes:
            click.echo(f"NB: {note}")


@placements.command("advance")
@click.argument("request_id")
@click.argument("state", type=click.Choice(list(STATES)))
@click.option("--location", default=None, help="Location offered (with plaats_aangeboden).")
@click.option("--category", default=None, help="Category offered (default: the one asked).")
@click.option("--reason", default="", help="Why (needed to cancel; explains a refusal).")
@click.option(
    "--refusal",
    "reason_code",
    type=click.Choice(list(REFUSAL_REASONS)),
    default=None,
    help="Refusing an offered place: the reason from the list ('anders' needs --reason).",
)
@click.option(
    "--to",
    "escalated_to",
    type=click.Choice(list(ESCALATION_TARGETS)),
    default=None,
    help="With opgeschaald: rcps or lcps (hospital patients), vg_cohort (VG/LG clients).",
)
@click.option("--by", default=None, help="Who takes this step (default: the device label).")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@pass_session
def placements_advance(
    session: Session,
    request_id: str,
    state: str,
    location: str | None,
    category: str | None,
    reason: str,
    reason_code: str | None,
    escalated_to: str | None,
    by: str | None,
    as_json: bool,
) -> None:
    """Move a request one step: offer a place, accept, arrange transport, place, cancel, escalate.

    \b
    Example:
      resilient-zcc placements advance 3f2a9c1b in_behandeling
      resilient-zcc placements advance 3f2a9c1b plaats_aangeboden --location 9c1d2e3f
      resilient-zcc placements advance 3f2a9c1b in_behandeling --refusal geen_bemand_bed
      resilient-zcc placements advance 3f2a9c1b opgeschaald --to rcps --reason "regio vol"
    """
    with session.store() as store:
        full_id = resolve_id(store, "placement_requests", request_id, Text("placement request"))
        location_id = (
            resolve_id(store, "locations", location, Text("location")) if location else None
        )
        request = model.advance(
            store,
            full_id,
            state,
            by=_who(store, by),
            now=now(),
            location_id=location_id,
            category=category,
            reason=reason,
            reason_code=reason_code,
            escalated_to=escalated_to,
        )
        if as_json:
            emit_json(request)
            return
        where = ""
        if request["location_id"] and state in (
            "plaats_aangeboden",
            "geaccepteerd",
            "vervoer_geregeld",
            "geplaatst",
        ):
            row = store.query_one(
                "SELECT name FROM locations WHERE id = ?", (request["location_id"],)
            )
            where = f" ({(row or {}).get('name', request['location_id'])})"
        click.echo(f"{request['reference']} [{full_id[:8]}]: {state_label(state)}{where}.")


@placements.command("stats")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@pass_session
def placements_stats(session: Session, as_json: bool) -> None:
    """Counts: open and overdue requests, whether the local route was tried, refusals by reason.

    \b
    Example:
      resilient-zcc placements stats --json
    """
    with session.store() as store:
        stats = queries.statistics(store, now())
        if as_json:
            emit_json(stats.as_dict())
            return
        click.echo(f"Aanvragen: {stats.total}, open: {stats.open}, te laat: {stats.overdue}")
        click.echo(
            f"Lokale route eerst geprobeerd: {stats.local_route_tried} van {stats.total} "
            f"(niet: {stats.local_route_not_tried})"
        )
        for state, n in stats.by_state.items():
            click.echo(f"  {state_label(state)}: {n}")
        if stats.refusals:
            click.echo("Weigeringen per reden:")
        for code, n in stats.refusals.items():
            text = label(REFUSAL_REASONS, code) if code else "zonder code (van voor de lijst)"
            click.echo(f"  {text}: {n}")


@placements.command("conflicts")
@click.option("--all", "include_resolved", is_flag=True, help="Also resolved conflicts.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@pass_session
def placements_conflicts(session: Session, include_resolved: bool, as_json: bool) -> None:
    """Over-allocated places (more offers than free beds), detected now; resolve each by hand.

    \b
    Example:
      resilient-zcc placements conflicts
      resilient-zcc placements conflicts --all --json
    """
    with session.store() as store:  # conflicts are detected as changes arrive, not here
        rows = conflict_model.open_conflicts(store, include_resolved=include_resolved)
        if as_json:
            emit_json(rows)
            return
        if not rows:
            click.echo("Geen conflicten.")
            return
        references = {
            item.id: item.reference or item.id[:8] for item in queries.queue(store, now())
        }
        categories = all_categories(store)
        for row in rows:
            details = row["details"]
            status = (
                f"opgelost {local_time(row['resolved_at'])} door {row['resolved_by']}: "
                f"{row['resolution']}"
                if row["resolved_at"]
                else "OPEN"
            )
            category = categories.get(row["category"])
            click.echo(
                f"[{row['id'][:8]}] {row['location_name']} — "
                f"{category.name if category else row['category']}: "
                f"{details.get('allocated')} plaatsen toegewezen, {details.get('available')} "
                f"beschikbaar volgens de melding van {local_time(details.get('reported_at'))}. "
                f"{status}"
            )
            held = [references.get(r, r[:8]) for r in details.get("request_ids", [])]
            click.echo(f"    aanvragen: {', '.join(held)}")


@placements.command("resolve")
@click.argument("conflict_id")
@click.option("--resolution", required=True, help="What was decided and done.")
@click.option("--by", default=None, help="Who resolves (default: the device label).")
@pass_session
def placements_resolve(session: Session, conflict_id: str, resolution: str, by: str | None) -> None:
    """Record how an over-allocation was settled (e.g. one offer withdrawn, patient re-matched).

    \b
    Example:
      resilient-zcc placements resolve 5e6f7a8b --resolution "aanbod DEMO-TW-0040 ingetrokken"
    """
    with session.store() as store:
        full_id = resolve_id(store, "conflicts", conflict_id, Text("conflict"))
        conflict_model.resolve_conflict(store, full_id, _who(store, by), resolution, now())
        click.echo(f"Conflict [{full_id[:8]}] opgelost.")


@placements.command("purge")
@pass_session
def placements_purge(session: Session) -> None:
    """Remove patient data of requests closed longer than the retention period (14 days).

    \b
    Example:
      resilient-zcc placements purge
      resilient-zcc settings set placements.retention_days 7
    """
    with session.store() as store:
        count = retention.purge_closed(store, now())
        click.echo(f"{count} afgesloten aanvraag/aanvragen geanonimiseerd.")
