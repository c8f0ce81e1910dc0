"""The command line: a thin layer over the core. `resilient-zcc --help` lists the commands."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import click

from . import keyheader
from .contacts import model, queries
from .contacts.vocabulary import AVAILABILITY, CHANNEL_KINDS, label
from .errors import NotFound, ZccError
from .hlc import stamp_ms
from .profile import default_profile_dir, header_path
from .settings import SETTINGS, get_setting, set_setting
from .store import Store

PASSPHRASE_ENV = "RZCC_PASSPHRASE"
NEW_PASSPHRASE_ENV = "RZCC_NEW_PASSPHRASE"


class ZccGroup(click.Group):
    """Shows our own errors as one clear line and exit code 1, never a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ZccError as exc:
            click.echo(f"Error: {exc}", err=True)
            sys.exit(1)


class Session:
    def __init__(self, profile: Path) -> None:
        self.profile = profile

    @contextmanager
    def store(self) -> Iterator[Store]:
        with Store.open(self.profile, read_passphrase()) as store:
            yield store


def read_passphrase(
    prompt: str = "Passphrase", env: str = PASSPHRASE_ENV, confirm: bool = False
) -> str:
    value = os.environ.get(env)
    if value is not None:
        return value
    if not sys.stdin.isatty():
        raise ZccError(f"No passphrase: type it at the prompt or set {env} for scripts.")
    result: str = click.prompt(prompt, hide_input=True, confirmation_prompt=confirm)
    return result


def emit_json(data: Any) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False, default=str))


def _now() -> datetime:
    return datetime.now(UTC)


def _local(iso: str | None) -> str:
    if not iso:
        return "nooit"
    return datetime.fromisoformat(iso).astimezone().strftime("%d-%m-%Y %H:%M")


pass_session = click.make_pass_decorator(Session)


@click.group(cls=ZccGroup)
@click.option(
    "--profile",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Profile folder (default: the platform's user data folder, or $RZCC_PROFILE).",
)
@click.version_option(package_name="resilient-zcc")
@click.pass_context
def main(ctx: click.Context, profile: Path | None) -> None:
    """Resilient ZCC: the region's crisis contacts and structure, encrypted, offline.

    The passphrase is asked at a prompt, or read from RZCC_PASSPHRASE for scripts.

    \b
    Example:
      resilient-zcc --profile ~/zcc-oefening init
      resilient-zcc --profile ~/zcc-oefening demo
      resilient-zcc --profile ~/zcc-oefening contacts search "mst piket"
    """
    ctx.obj = Session(profile or default_profile_dir())


# --- profile -------------------------------------------------------------------------------


def _print_recovery_key(recovery_key: str) -> None:
    click.echo("")
    click.echo("HERSTELSLEUTEL / RECOVERY KEY (shown once):")
    click.echo(f"    {recovery_key}")
    click.echo(
        "Print or write this down and keep it in the sealed envelope of the crisis binder.\n"
        "It opens this profile when the passphrase is lost."
    )


@main.command()
@click.option("--label", default="", help="A name for this device, shown in the audit trail.")
@pass_session
def init(session: Session, label: str) -> None:
    """Create a new encrypted profile.

    \b
    Example:
      resilient-zcc --profile ~/zcc init --label "Laptop ZCC-1"
    """
    passphrase = read_passphrase("New passphrase", confirm=True)
    store, recovery_key = Store.create(session.profile, passphrase, label=label)
    store.close()
    click.echo(f"Profile created in {session.profile}.")
    _print_recovery_key(recovery_key)


@main.command()
@pass_session
def unlock(session: Session) -> None:
    """Check that the passphrase opens the profile.

    \b
    Example:
      RZCC_PASSPHRASE=... resilient-zcc unlock
    """
    with session.store() as store:
        people = store.query_one("SELECT count(*) AS n FROM people WHERE deleted = 0")
        click.echo(
            f"Unlocked {session.profile}: device {store.identity.device_id[:12]}, "
            f"{people['n'] if people else 0} contacts."
        )


@main.command()
@click.option("--open", "show", is_flag=True, help="Show an overview of the region afterwards.")
@pass_session
def demo(session: Session, show: bool) -> None:
    """Load the demo region Twente (creating the profile if needed).

    All people, numbers and addresses in it are invented.

    \b
    Example:
      RZCC_PASSPHRASE=oefenen-twente resilient-zcc --profile /tmp/demo demo --open
    """
    from .demo import load_demo_region

    passphrase = read_passphrase()
    if header_path(session.profile).exists():
        store = Store.open(session.profile, passphrase)
        already = store.query_one("SELECT count(*) AS n FROM organisations")
        if already and already["n"] and show:
            _overview(store)
            store.close()
            return
    else:
        store, recovery_key = Store.create(session.profile, passphrase, label="Demo")
        click.echo(f"Demo profile created in {session.profile}.")
        _print_recovery_key(recovery_key)
    with store:
        summary = load_demo_region(store, _now())
        click.echo(
            f"Demoregio Twente geladen: {summary.organisations} organisaties, "
            f"{summary.people} personen, {summary.functions} functies, {summary.channels} "
            f"kanalen, {summary.shifts} diensten (alle personen en nummers zijn verzonnen)."
        )
        if show:
            _overview(store)


def _overview(store: Store) -> None:
    """What the desktop's dashboard will show, as text (until the window exists)."""
    counts = (
        store.query_one(
            "SELECT (SELECT count(*) FROM organisations WHERE deleted = 0) AS orgs, "
            "(SELECT count(*) FROM people WHERE deleted = 0) AS people, "
            "(SELECT count(*) FROM functions WHERE deleted = 0) AS functions"
        )
        or {}
    )
    click.echo("")
    click.echo("=== Resilient ZCC: regio Twente ===")
    click.echo(
        f"{counts.get('orgs')} organisaties, {counts.get('people')} contactpersonen, "
        f"{counts.get('functions')} functies; "
        f"{len(queries.stale_people(store))} contacten niet recent geverifieerd."
    )
    click.echo("\nZCC-functies, wie heeft nu dienst:")
    for function in store.query(
        "SELECT id, name FROM functions WHERE code LIKE 'zcc%' AND deleted = 0 ORDER BY name"
    ):
        holders = queries.contact_cards(store, queries.holders_now(store, function["id"]))
        if not holders:
            click.echo(f"  {function['name']}: NIEMAND")
            continue
        card = holders[0]
        # Call the function's own phone (its piket phone follows the duty) before the person's.
        own = [c for c in card.channels if c.via_function == function["name"]]
        candidates = own or card.channels
        first = candidates[0] if candidates else None
        reach = f"{label(CHANNEL_KINDS, first.kind)} {first.display}" if first else "-"
        click.echo(f"  {function['name']}: {card.name} ({card.organisation}), {reach}")
    click.echo('\nTry: resilient-zcc --profile DIR contacts search "mst piket"')


# --- contacts ------------------------------------------------------------------------------


@main.group()
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
    verified = _local(card.last_verified_at)
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


def _resolve(store: Store, table: str, prefix: str, what: str) -> str:
    """Accept a full id or an unambiguous prefix of at least 6 characters, as shown in lists."""
    rows = store.query(f"SELECT id FROM {table} WHERE id LIKE ? || '%' LIMIT 2", (prefix,))
    if len(prefix) < 6 or not rows:
        raise NotFound(f"No {what} with id '{prefix}'.")
    if len(rows) > 1:
        raise NotFound(f"'{prefix}' matches several; give more of the id.")
    return str(rows[0]["id"])


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
        card = queries.contact_card(store, _resolve(store, "people", contact_id, "contact"))
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
        person_id = _resolve(store, "people", contact_id, "contact")
        if verified_by is None:
            row = store.query_one(
                "SELECT label FROM devices WHERE id = ?", (store.identity.device_id,)
            )
            verified_by = (row or {}).get("label") or f"device {store.identity.device_id[:12]}"
        model.verify_person(store, person_id, verified_by, _now())
        card = queries.contact_card(store, person_id)
        click.echo(
            f"{card.name}: geverifieerd op {_local(card.last_verified_at)} door {verified_by}."
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
                f"laatst: {_local(row['last_verified_at'])}"
            )


@main.group("settings")
def settings_group() -> None:
    """Show and change region-wide settings (they travel to other devices)."""


@settings_group.command("list")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@pass_session
def settings_list(session: Session, as_json: bool) -> None:
    """List every setting with its value and meaning.

    \b
    Example:
      resilient-zcc settings list
    """
    with session.store() as store:
        rows = [
            {
                "key": s.key,
                "value": get_setting(store, s.key),
                "default": s.default,
                "description": s.description,
            }
            for s in SETTINGS.values()
        ]
    if as_json:
        emit_json(rows)
        return
    for row in rows:
        click.echo(
            f"{row['key']} = {row['value']}  (default {row['default']}): {row['description']}"
        )


@settings_group.command("set")
@click.argument("key")
@click.argument("value", type=int)
@pass_session
def settings_set(session: Session, key: str, value: int) -> None:
    """Change a setting.

    \b
    Example:
      resilient-zcc settings set contacts.stale_after_days 60
    """
    with session.store() as store:
        set_setting(store, key, value)
    click.echo(f"{key} = {value}")


# --- audit and keys ------------------------------------------------------------------------


@main.command()
@click.argument("row_id")
@click.option("--column", default=None, help="Only this field.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@pass_session
def audit(session: Session, row_id: str, column: str | None, as_json: bool) -> None:
    """Who changed a record (or one field), when, and from which device.

    \b
    Example:
      resilient-zcc audit 3f2a9c1b --column name
    """
    with session.store() as store:
        full_id = _resolve_any(store, row_id)
        entries = store.log.audit(full_id, column)
        if as_json:
            emit_json([dict(entry.__dict__, at=_stamp_iso(entry.hlc)) for entry in entries])
            return
        if not entries:
            click.echo(f"Geen wijzigingen bekend voor {row_id}.")
        for entry in entries:
            who = entry.device_label or "onbekend apparaat"
            click.echo(
                f"{_local(_stamp_iso(entry.hlc))}  {entry.table}.{entry.column} = "
                f"{entry.value!r}  door {who} ({entry.device_id[:12]}, #{entry.counter})"
            )


def _stamp_iso(hlc: int) -> str:
    return datetime.fromtimestamp(stamp_ms(hlc) / 1000, UTC).isoformat(timespec="seconds")


def _resolve_any(store: Store, prefix: str) -> str:
    rows = store.query(
        "SELECT DISTINCT row_id FROM changes WHERE row_id LIKE ? || '%' LIMIT 2", (prefix,)
    )
    if len(rows) == 1 and len(prefix) >= 6:
        return str(rows[0]["row_id"])
    if len(rows) > 1:
        raise NotFound(f"'{prefix}' matches several records; give more of the id.")
    raise NotFound(f"No record with id '{prefix}'.")


@main.group()
def passphrase() -> None:
    """Change the passphrase."""


@passphrase.command("change")
@click.option(
    "--with-recovery-key", is_flag=True, help="Unlock with the recovery key (passphrase lost)."
)
@pass_session
def passphrase_change(session: Session, with_recovery_key: bool) -> None:
    """Set a new passphrase; only the key header is rewritten.

    The new passphrase is asked twice, or read from RZCC_NEW_PASSPHRASE.

    \b
    Example:
      resilient-zcc passphrase change
      resilient-zcc passphrase change --with-recovery-key
    """
    path = header_path(session.profile)
    if with_recovery_key:
        recovery = read_passphrase("Recovery key", env="RZCC_RECOVERY_KEY")
        new = read_passphrase("New passphrase", env=NEW_PASSPHRASE_ENV, confirm=True)
        keyheader.change_passphrase(path, new, recovery_key=recovery)
    else:
        old = read_passphrase("Current passphrase")
        new = read_passphrase("New passphrase", env=NEW_PASSPHRASE_ENV, confirm=True)
        keyheader.change_passphrase(path, new, old=old)
    click.echo("Passphrase changed. The recovery key still works.")


@main.command("recovery-key")
@pass_session
def recovery_key(session: Session) -> None:
    """Issue a new recovery key; the previous one stops working.

    \b
    Example:
      resilient-zcc recovery-key
    """
    new_key = keyheader.issue_recovery_key(header_path(session.profile), read_passphrase())
    _print_recovery_key(new_key)
    click.echo("The previous recovery key no longer works: replace the envelope.")
