"""Profile commands: create, unlock, demo, settings, audit trail, passphrase, recovery key."""

from __future__ import annotations

from datetime import UTC, datetime

import click

from .. import keyheader
from ..contacts import queries
from ..contacts.vocabulary import CHANNEL_KINDS, label
from ..errors import NotFound
from ..hlc import stamp_ms
from ..profile import header_path
from ..settings import SETTINGS, get_setting, set_setting
from ..store import Store
from .common import (
    NEW_PASSPHRASE_ENV,
    Session,
    emit_json,
    local_time,
    now,
    pass_session,
    read_passphrase,
)


def _print_recovery_key(recovery_key: str) -> None:
    click.echo("")
    click.echo("HERSTELSLEUTEL / RECOVERY KEY (shown once):")
    click.echo(f"    {recovery_key}")
    click.echo(
        "Print or write this down and keep it in the sealed envelope of the crisis binder.\n"
        "It opens this profile when the passphrase is lost."
    )


@click.command()
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


@click.command()
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


@click.command()
@click.option("--open", "show", is_flag=True, help="Show an overview of the region afterwards.")
@pass_session
def demo(session: Session, show: bool) -> None:
    """Load the demo region Twente (creating the profile if needed).

    All people, numbers and addresses in it are invented.

    \b
    Example:
      RZCC_PASSPHRASE=oefenen-twente resilient-zcc --profile /tmp/demo demo --open
    """
    from ..demo import load_demo_region

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
        summary = load_demo_region(store, now())
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


@click.group("settings")
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
                "description": str(s.description),
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


@click.command()
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
                f"{local_time(_stamp_iso(entry.hlc))}  {entry.table}.{entry.column} = "
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
        raise NotFound("'{prefix}' matches several records; give more of the id.", prefix=prefix)
    raise NotFound("No record with id '{prefix}'.", prefix=prefix)


@click.group()
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


@click.command("recovery-key")
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
