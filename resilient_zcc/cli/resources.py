"""`resources ...`: stocks per location or depot, requests and their life cycle, conflicts
after merging, and who supplies what to whom."""

from __future__ import annotations

import dataclasses

import click

from ..i18n import Text
from ..resources import model
from ..resources.conflicts import resolve_resource_conflict, resource_conflicts
from ..resources.queries import ResourceRequest, Stock, request_history, requests, stocks
from ..resources.queries import suppliers as supply_links
from ..resources.vocabulary import RESOURCES, STATES, resource_label, unit
from ..store import Store
from .capacity import parse_time
from .common import Session, emit_json, local_time, now, pass_session, resolve_id
from .crisis import _by
from .outage import organisation_id


@click.group("resources")
def resources_group() -> None:
    """Scarce resources: stocks, requests, allocation, conflicts, suppliers."""


def _stock_line(s: Stock) -> str:
    over = "  OVERGEALLOCEERD" if s.over_allocated else ""
    return (
        f"[{s.stock_id[:8]}] {s.location_name}: {s.resource_label} {s.quantity} {s.unit} "
        f"geteld, {s.reserved} toegewezen, {s.free} vrij (geteld {local_time(s.counted_at)}, "
        f"{s.counted_by}){over}"
    )


def _request_line(r: ResourceRequest) -> str:
    needed = f", nodig vóór {local_time(r.needed_by)}" if r.needed_by else ""
    given = f"; {r.allocated} uit {r.stock_location}" if r.allocated else ""
    refused = f"; geweigerd: {r.refusal}" if r.refusal else ""
    return (
        f"[{r.request_id[:8]}] {STATES[r.state][0]}: {r.location_name} ({r.organisation}) "
        f"vraagt {r.quantity} {unit(r.resource)} {r.resource_label}{needed} — {r.reason} "
        f"({r.requested_by}){given}{refused}"
    )


def _request(store: Store, prefix: str) -> str:
    return resolve_id(store, "resource_requests", prefix, Text("resource request"))


@resources_group.command("stock")
@click.option("--resource", default=None, help="Only this resource.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@pass_session
def resources_stock(session: Session, resource: str | None, as_json: bool) -> None:
    """Stocks per location or depot: counted, allocated, free.

    \b
    Example:
      resilient-zcc resources stock
      resilient-zcc resources stock --resource zuurstofcilinders --json
    """
    with session.store() as store:
        found = stocks(store, resource=resource)
    if as_json:
        emit_json([{**dataclasses.asdict(s), "free": s.free} for s in found])
        return
    if not found:
        click.echo("Geen voorraden geteld.")
    for s in found:
        click.echo(_stock_line(s))


@resources_group.command("count")
@click.argument("location")
@click.argument("resource")
@click.argument("quantity", type=int)
@click.option("--by", "counted_by", default=None, help="Who counted (default: device).")
@click.option("--at", "at", default=None, help="When it was counted (default now).")
@pass_session
def resources_count(
    session: Session,
    location: str,
    resource: str,
    quantity: int,
    counted_by: str | None,
    at: str | None,
) -> None:
    """Record what a location or depot has on hand of a resource.

    RESOURCE is one of the known codes or a new plain code: {known}.

    \b
    Example:
      resilient-zcc resources count 3f2a9c1b zuurstofcilinders 12 --by "PBM-coördinator"
    """
    current = now()
    with session.store() as store:
        location_id = resolve_id(store, "locations", location, Text("location"))
        stock_id = model.count_stock(
            store,
            location_id,
            resource,
            quantity,
            counted_by=_by(store, counted_by),
            now=current,
            counted_at=parse_time(at, current) if at else None,
        )
        [stock] = [s for s in stocks(store) if s.stock_id == stock_id]
    click.echo(_stock_line(stock))


resources_count.help = (resources_count.help or "").replace("{known}", ", ".join(RESOURCES))


@resources_group.command("request")
@click.argument("location")
@click.argument("resource")
@click.argument("quantity", type=int)
@click.option("--reason", required=True, help="Why it is needed.")
@click.option("--by", "requested_by", required=True, help="Who asks (a function).")
@click.option("--needed-by", default=None, help="By when (HH:MM or 'YYYY-MM-DD HH:MM').")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@pass_session
def resources_request(
    session: Session,
    location: str,
    resource: str,
    quantity: int,
    reason: str,
    requested_by: str,
    needed_by: str | None,
    as_json: bool,
) -> None:
    """An institution asks for a resource for one of its locations.

    \b
    Example:
      resilient-zcc resources request 3f2a9c1b brandstof 2000 --needed-by 18:00 \\
          --reason "Aggregaat: brandstof voor 10 uur" --by "Crisiscoördinator ZGT"
    """
    current = now()
    with session.store() as store:
        location_id = resolve_id(store, "locations", location, Text("location"))
        request_id = model.request_resource(
            store,
            location_id,
            resource,
            quantity,
            reason=reason,
            requested_by=requested_by,
            now=current,
            needed_by=parse_time(needed_by, current) if needed_by else None,
        )
        [found] = [r for r in requests(store) if r.request_id == request_id]
    if as_json:
        emit_json(dataclasses.asdict(found))
        return
    click.echo(_request_line(found))


@resources_group.command("requests")
@click.option("--all", "show_all", is_flag=True, help="Also received and refused requests.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@pass_session
def resources_requests(session: Session, show_all: bool, as_json: bool) -> None:
    """Resource requests, open ones first, needed soonest first: what is short and who asked.

    \b
    Example:
      resilient-zcc resources requests
      resilient-zcc resources requests --all --json
    """
    with session.store() as store:
        found = requests(store, open_only=not show_all)
    if as_json:
        emit_json([dataclasses.asdict(r) for r in found])
        return
    if not found:
        click.echo("Geen openstaande aanvragen.")
    for r in found:
        click.echo(_request_line(r))


@resources_group.command("allocate")
@click.argument("request")
@click.argument("stock")
@click.option("--quantity", type=int, default=None, help="How many (default: all asked).")
@click.option("--by", "by", default=None, help="Who allocates (default: device).")
@pass_session
def resources_allocate(
    session: Session, request: str, stock: str, quantity: int | None, by: str | None
) -> None:
    """Allocate from a stock to a request; never more than the stock has free.

    \b
    Example:
      resilient-zcc resources allocate 9a1c2b3d 60e48d60 --by "PBM-coördinator GHOR"
    """
    with session.store() as store:
        request_id = _request(store, request)
        stock_id = resolve_id(store, "resource_stocks", stock, Text("stock"))
        model.allocate(store, request_id, stock_id, by=_by(store, by), now=now(), quantity=quantity)
        [found] = [r for r in requests(store) if r.request_id == request_id]
    click.echo(_request_line(found))


def _step_command(name: str, doc: str) -> None:
    @resources_group.command(name, help=doc)
    @click.argument("request")
    @click.option("--by", "by", default=None, help="Who takes the step (default: device).")
    @click.option("--reason", default="", help="Why (required to refuse or withdraw).")
    @pass_session
    def step(session: Session, request: str, by: str | None, reason: str) -> None:
        with session.store() as store:
            request_id = _request(store, request)
            who = _by(store, by)
            if name == "send":
                model.send(store, request_id, by=who, now=now())
            elif name == "receive":
                model.receive(store, request_id, by=who, now=now())
            elif name == "refuse":
                model.refuse(store, request_id, by=who, reason=reason, now=now())
            else:
                model.withdraw(store, request_id, by=who, reason=reason, now=now())
            [found] = [r for r in requests(store) if r.request_id == request_id]
        click.echo(_request_line(found))


_step_command(
    "send",
    "Mark an allocated request as sent (the units leave the stock).\n\n\b\nExample:\n"
    "  resilient-zcc resources send 9a1c2b3d --by 'Depot GHOR'",
)
_step_command(
    "receive",
    "Confirm that a sent request arrived.\n\n\b\nExample:\n"
    "  resilient-zcc resources receive 9a1c2b3d --by 'ZGT Almelo, facilitair'",
)
_step_command(
    "refuse",
    "Refuse a request (or an allocation) with a reason the requester reads.\n\n\b\nExample:\n"
    "  resilient-zcc resources refuse 9a1c2b3d --reason 'Voorraad nodig voor ziekenhuizen'",
)
_step_command(
    "withdraw",
    "Take an allocation back (the request waits again), e.g. to settle a conflict.\n\n\b\n"
    "Example:\n  resilient-zcc resources withdraw 9a1c2b3d --reason 'Dubbel toegewezen'",
)


@resources_group.command("history")
@click.argument("request")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@pass_session
def resources_history(session: Session, request: str, as_json: bool) -> None:
    """Every step of a request, oldest first: who, when, from which stock, why.

    \b
    Example:
      resilient-zcc resources history 9a1c2b3d
    """
    with session.store() as store:
        steps = request_history(store, _request(store, request))
    if as_json:
        emit_json(steps)
        return
    for s in steps:
        reason = f" — {s['reason']}" if s["reason"] else ""
        click.echo(
            f"  {local_time(s['at'])}  {s['from_state'] or '-'} -> {s['to_state']} "
            f"({s['by']}){reason}"
        )


@resources_group.command("conflicts")
@click.option("--all", "show_all", is_flag=True, help="Also resolved conflicts.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@pass_session
def resources_conflicts(session: Session, show_all: bool, as_json: bool) -> None:
    """Stocks allocated beyond what was counted, after merging work done apart.

    \b
    Example:
      resilient-zcc resources conflicts
      resilient-zcc resources conflicts --all --json
    """
    with session.store() as store:
        found = resource_conflicts(store, include_resolved=show_all)
    if as_json:
        emit_json([dataclasses.asdict(c) for c in found])
        return
    if not found:
        click.echo("Geen conflicten over middelen.")
    for c in found:
        state = f"opgelost door {c.resolved_by}: {c.resolution}" if c.resolved_at else "OPEN"
        click.echo(
            f"[{c.conflict_id[:8]}] {c.location_name}: {resource_label(c.resource)} "
            f"{c.reserved} toegewezen van {c.quantity} geteld; aanvragen "
            f"{', '.join(r[:8] for r in c.request_ids)} ({state})"
        )


@resources_group.command("resolve")
@click.argument("conflict")
@click.option("--by", "by", default=None, help="Who resolves (default: device).")
@click.option("--resolution", required=True, help="How it was settled.")
@pass_session
def resources_resolve(session: Session, conflict: str, by: str | None, resolution: str) -> None:
    """Record how a resource conflict was settled (after withdrawing an allocation, say).

    \b
    Example:
      resilient-zcc resources resolve 8965a73b --resolution "Toewijzing aan GRZ ingetrokken"
    """
    with session.store() as store:
        conflict_id = resolve_id(store, "conflicts", conflict, Text("conflict"))
        resolve_resource_conflict(store, conflict_id, _by(store, by), resolution, now())
    click.echo("Conflict opgelost.")


@resources_group.command("suppliers")
@click.option("--for", "customer", default=None, help="Organisation supplied (name or id).")
@click.option("--resource", default=None, help="Only this resource.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@pass_session
def resources_suppliers(
    session: Session, customer: str | None, resource: str | None, as_json: bool
) -> None:
    """Who supplies what to whom, with the supplier's 24/7 number.

    \b
    Example:
      resilient-zcc resources suppliers --for "ZGT Almelo" --resource brandstof
    """
    with session.store() as store:
        customer_id = organisation_id(store, customer) if customer else None
        found = supply_links(store, customer_id=customer_id, resource=resource)
    if as_json:
        emit_json([dataclasses.asdict(s) for s in found])
        return
    if not found:
        click.echo("Geen leveranciers bekend.")
    for s in found:
        phone = s.phone or "geen 24/7-nummer bekend"
        click.echo(f"{s.customer}: {s.resource_label} van {s.supplier}, 24/7 {phone}")
