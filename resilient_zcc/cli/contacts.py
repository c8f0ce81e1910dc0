"""`contacts ...`: search, show, verify and list stale key contacts."""

from __future__ import annotations

import click

from ..contacts import model, queries, who
from ..contacts.vocabulary import AVAILABILITY, CHANNEL_KINDS, label
from ..i18n import Text
from .common import Session, emit_json, local_time, now, pass_session, resolve_id


@click.group()
def contacts() -> None:
    """Search, show and verify key contacts."""


def _card_lines(card: queries.ContactCard, all_channels: bool) -> list[str]:
    lines = [f"{card.name} — {card.organisation or 'geen organisatie'}  [{card.id[:8]}]"]
    if card.functions:
        lines.append("  Functie: " + ", ".join(card.functions))
    if card.on_duty:
        lines.append("  Nu in dienst als: " + ", ".join(card.on_duty))
    channels = card.channels if all_channels else card.channels[:2]
    for n, channel in enumerate(channels, 1):
        via = f", via {channel.via_function}" if channel.via_function else ""
        lines.append(
            f"  {n}. {label(CHANNEL_KINDS, channel.kind)}: {channel.display} "
            f"({label(AVAILABILITY, channel.availability)}{via})"
            + (f" — {channel.note}" if channel.note else "")
        )
    verified = local_time(card.last_verified_at)
    stale = "  VEROUDERD" if card.stale else ""
    if all_channels:
        by = f" door {card.last_verified_by}" if card.last_verified_by else ""
        lines.append(f"  Laatst geverifieerd: {verified}{by}{stale}")
    elif stale:
        lines.append(f"  Laatst geverifieerd: {verified}{stale}")
    return lines


@contacts.command("search")
@click.argument("text")
@click.option("--limit", default=20, show_default=True, help="At most this many results.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@pass_session
def contacts_search(session: Session, text: str, limit: int, as_json: bool) -> None:
    """Search names, organisations, functions and numbers (prefixes work).

    \b
    Example:
      resilient-zcc contacts search "zgt crisis"
      resilient-zcc contacts search "06-1234"
    """
    with session.store() as store:
        cards = queries.search_contacts(store, text, limit)
        if as_json:
            emit_json([card.as_dict() for card in cards])
            return
        if not cards:
            click.echo(f"Geen contacten gevonden voor '{text}'.")
        for card in cards:
            click.echo("\n".join(_card_lines(card, all_channels=False)))


@contacts.command("show")
@click.argument("contact_id")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@pass_session
def contacts_show(session: Session, contact_id: str, as_json: bool) -> None:
    """Show a contact with every channel in fallback order.

    \b
    Example:
      resilient-zcc contacts show 3f2a9c1b
    """
    with session.store() as store:
        card = queries.contact_card(store, resolve_id(store, "people", contact_id, Text("contact")))
        if as_json:
            emit_json(card.as_dict())
            return
        click.echo("\n".join(_card_lines(card, all_channels=True)))


@contacts.command("verify")
@click.argument("contact_id")
@click.option("--by", "verified_by", default=None, help="Who checked (default: the device label).")
@pass_session
def contacts_verify(session: Session, contact_id: str, verified_by: str | None) -> None:
    """Record that a contact's details were checked and are still correct.

    \b
    Example:
      resilient-zcc contacts verify 3f2a9c1b --by "GHOR-secretariaat"
    """
    with session.store() as store:
        person_id = resolve_id(store, "people", contact_id, Text("contact"))
        if verified_by is None:
            row = store.query_one(
                "SELECT label FROM devices WHERE id = ?", (store.identity.device_id,)
            )
            verified_by = (row or {}).get("label") or f"device {store.identity.device_id[:12]}"
        model.verify_person(store, person_id, verified_by, now())
        card = queries.contact_card(store, person_id)
        click.echo(
            f"{card.name}: geverifieerd op {local_time(card.last_verified_at)} door {verified_by}."
        )


@contacts.command("stale")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@pass_session
def contacts_stale(session: Session, as_json: bool) -> None:
    """List contacts not verified within the staleness limit (default 90 days).

    \b
    Example:
      resilient-zcc contacts stale --json
    """
    with session.store() as store:
        rows = queries.stale_people(store)
        if as_json:
            emit_json(rows)
            return
        click.echo(f"{len(rows)} contacten niet recent geverifieerd:")
        for row in rows:
            click.echo(
                f"  {row['name']} — {row['organisation'] or '-'}  [{row['id'][:8]}]  "
                f"laatst: {local_time(row['last_verified_at'])}"
            )


@contacts.command("who")
@click.argument("organisation")
@click.argument("function")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@pass_session
def contacts_who(session: Session, organisation: str, function: str, as_json: bool) -> None:
    """Whom to call now for a function of an organisation: on duty first, then the other
    holders, then the function's own phone; every channel in fallback order.

    ORGANISATION is a name, short name or part of one; FUNCTION likewise (accents and
    case do not matter).

    \b
    Example:
      resilient-zcc contacts who "ZGT" "crisiscoordinator"
      resilient-zcc contacts who "MST" "piket medisch specialist" --json
    """
    with session.store() as store:
        answer = who.who_to_call(store, organisation, function, now())
    if as_json:
        emit_json([entry.as_dict() for entry in answer.entries])
        return
    click.echo(f"{answer.function} — {answer.organisation}")
    if answer.notice is not None:
        click.echo(f"  LET OP: {answer.notice}")
    for entry in answer.entries:
        if entry.kind is who.EntryKind.ON_DUTY:
            heading = f"{entry.name} (nu in dienst)"
        elif entry.kind is who.EntryKind.FUNCTION:
            heading = "Eigen kanalen van de functie"
        else:
            heading = entry.name
        stale = "  VEROUDERD" if entry.stale else ""
        click.echo(f"\n{heading}{stale}")
        for n, channel in enumerate(entry.channels, 1):
            dial = f"  [{channel.dialable}]" if channel.dialable else ""
            note = f" — {channel.note}" if channel.note else ""
            click.echo(f"  {n}. {channel.label}: {channel.display}{dial}{note}")
