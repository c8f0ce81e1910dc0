"""Commands for the region network and sync: `network`, `device`, `sync`, `bundle`, `serve`.

Thin: trust and membership are core functions (`resilient_zcc.network`), transport and
bundles live in this package.
"""

from __future__ import annotations

import contextlib
import io
import signal
from pathlib import Path
from typing import Any

import click

from resilient_zcc.atomic import atomic_write
from resilient_zcc.cli.common import Session, emit_json, local_time, pass_session
from resilient_zcc.errors import ValidationError
from resilient_zcc.network import invite, model, status
from resilient_zcc.network.trust import trust_of

from . import bundle as bundles
from . import tls, transport
from .session import Progress, SyncResult

DEFAULT_PORT = 7400


@click.group("network")
def network() -> None:
    """The region network: create it, invite and join devices, list the members."""


@network.command("create")
@click.argument("name")
@pass_session
def network_create(session: Session, name: str) -> None:
    """Make a new region network with this device as its first member.

    \b
    Example:
      resilient-zcc network create "ROAZ Oost"
    """
    with session.store() as store:
        created = model.create(store, name)
    click.echo(f"Regionetwerk '{created.name}' aangemaakt (id {created.id[:8]}).")
    click.echo("Nodig een volgend apparaat uit met: resilient-zcc network invite")


@network.command("invite")
@click.option("--address", default=None, help="HOST:PORT where this device serves (in the QR).")
@click.option(
    "--qr",
    "qr_file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Also write the invitation as a QR code PNG.",
)
@click.option(
    "--hours",
    default=invite.DEFAULT_HOURS,
    show_default=True,
    type=int,
    help="How long the code is valid.",
)
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@pass_session
def network_invite(
    session: Session, address: str | None, qr_file: Path | None, hours: int, as_json: bool
) -> None:
    """Make a one-time invitation code for another device.

    The other device runs 'network join CODE --peer HOST:PORT' while this one runs
    'sync serve'.

    \b
    Example:
      resilient-zcc network invite --address 192.0.2.10:7400 --qr uitnodiging.png
    """
    if address:
        tls.parse_address(address)
    with session.store() as store:
        made = invite.create(store, hours, address)
    if qr_file:
        _write_qr(made.qr_text, qr_file)
    if as_json:
        emit_json(
            {
                "code": made.code,
                "expires_at": made.expires_at,
                "inviter": made.inviter,
                "qr_text": made.qr_text,
                "qr_file": str(qr_file) if qr_file else None,
            }
        )
        return
    click.echo(f"Uitnodigingscode: {made.code}")
    click.echo(f"Geldig tot {local_time(made.expires_at)}, één keer te gebruiken.")
    click.echo(f"Vingerafdruk van dit apparaat: {made.inviter[:20]}")
    if qr_file:
        click.echo(f"QR-code geschreven naar {qr_file}.")


def _write_qr(text: str, path: Path) -> None:
    import segno

    buffer = io.BytesIO()
    segno.make(text, error="m").save(buffer, kind="png", scale=8, border=4)
    atomic_write(path, buffer.getvalue())  # 0600: the code in it admits a device


@network.command("join")
@click.argument("code")
@click.option("--peer", "address", default=None, help="HOST:PORT of the inviting device.")
@pass_session
def network_join(session: Session, code: str, address: str | None) -> None:
    """Join the network of the device that made CODE, and sync with it.

    \b
    Example:
      resilient-zcc network join ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567 --peer 192.0.2.10:7400
    """
    with session.store() as store:
        result = transport.join(store, code, address, progress=_progress_line)
        joined = model.require(store)
    click.echo(f"Aangesloten bij regionetwerk '{joined.name}'.")
    _report(result)


@network.command("members")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@pass_session
def network_members(session: Session, as_json: bool) -> None:
    """List the member devices, revoked ones marked.

    \b
    Example:
      resilient-zcc network members --json
    """
    with session.store() as store:
        rows = model.members(store)
    if as_json:
        emit_json(rows)
        return
    for row in rows:
        mark = " (dit apparaat)" if row["this_device"] else ""
        revoked = f"  INGETROKKEN {local_time(row['revoked_at'])}" if row["revoked"] else ""
        click.echo(f"{row['device_id'][:12]}  {row['label'] or '-'}{mark}{revoked}")


@click.group("device")
def device() -> None:
    """Manage member devices (revoke a lost laptop)."""


@device.command("revoke")
@click.argument("device_id")
@click.option("--by", default="", help="Who decided (shown to other members).")
@pass_session
def device_revoke(session: Session, device_id: str, by: str) -> None:
    """Shut a device out: no peer syncs with it or takes its later changes.

    \b
    Example:
      resilient-zcc device revoke 3f2a9c1b7d0e --by "Hoofd ZCC"
    """
    with session.store() as store:
        revoked = model.revoke(store, device_id, by)
    click.echo(f"Apparaat {revoked[:12]} ingetrokken; de intrekking gaat mee met de volgende sync.")


@click.group("sync")
def sync_group() -> None:
    """Exchange changes with peers over the network (TLS 1.3)."""


def _serve(session: Session, listen: str, advertise: bool, interfaces: tuple[str, ...]) -> None:
    host, port = tls.parse_address(listen, DEFAULT_PORT)
    with session.store() as store:
        network_now = model.require(store)
        server = transport.Server(store, host, port, log=lambda m: click.echo(m, err=True))
        signal.signal(signal.SIGTERM, lambda *_: server.stop())
        click.echo(
            f"Luistert op {server.address[0]}:{server.address[1]} "
            f"(apparaat {store.identity.device_id[:12]}).",
            err=True,
        )
        announcer = None
        if advertise:
            from .discovery import Advertiser

            announcer = Advertiser(
                store.identity.device_id, network_now.id, server.address[1], list(interfaces)
            )
        try:
            with contextlib.suppress(KeyboardInterrupt):
                server.serve_forever()
        finally:
            if announcer is not None:
                announcer.close()


_LISTEN = click.option(
    "--listen",
    default=f"0.0.0.0:{DEFAULT_PORT}",
    show_default=True,
    help="HOST:PORT to listen on.",
)
_ADVERTISE = click.option(
    "--advertise", is_flag=True, help="Announce this peer on the LAN with mDNS."
)
_INTERFACES = click.option(
    "--mdns-interface",
    "interfaces",
    multiple=True,
    help="Announce or look only on this interface address (repeatable; default: all).",
)


@sync_group.command("serve")
@_LISTEN
@_ADVERTISE
@_INTERFACES
@pass_session
def sync_serve(session: Session, listen: str, advertise: bool, interfaces: tuple[str, ...]) -> None:
    """Serve peers until stopped (Ctrl+C or SIGTERM).

    \b
    Example:
      resilient-zcc sync serve --listen 0.0.0.0:7400 --advertise
    """
    _serve(session, listen, advertise, interfaces)


@click.command("serve")
@_LISTEN
@_ADVERTISE
@_INTERFACES
@pass_session
def serve(session: Session, listen: str, advertise: bool, interfaces: tuple[str, ...]) -> None:
    """Run as the region's hub: a headless peer that every device can sync with.

    \b
    Example:
      RZCC_PASSPHRASE=... resilient-zcc --profile /var/lib/rzcc serve --listen 0.0.0.0:7400
    """
    _serve(session, listen, advertise, interfaces)


@sync_group.command("discover")
@click.option("--timeout", default=3.0, show_default=True, help="Seconds to listen.")
@click.option("--first", is_flag=True, help="Stop as soon as one peer is found.")
@_INTERFACES
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@pass_session
def sync_discover(
    session: Session, timeout: float, first: bool, interfaces: tuple[str, ...], as_json: bool
) -> None:
    """List peers of this network that announce themselves on the LAN (mDNS).

    \b
    Example:
      resilient-zcc sync discover --timeout 5
    """
    from .discovery import discover

    with session.store() as store:
        network_now = model.require(store)
        me = store.identity.device_id
        found = discover(
            network_now.id, timeout, list(interfaces) or None, exclude=me, want=1 if first else None
        )
        trusted = {d.device_id: trust_of(store).trusts_peer(d.device_id) for d in found}
    rows: list[dict[str, Any]] = [
        {"device_id": d.device_id, "address": d.address, "trusted": trusted[d.device_id]}
        for d in found
    ]
    if as_json:
        emit_json(rows)
        return
    if not rows:
        click.echo("Geen apparaten van dit netwerk gevonden; geef het adres op met 'sync with'.")
    for row in rows:
        mark = "" if row["trusted"] else "  (geen lid of ingetrokken)"
        click.echo(f"{row['device_id'][:12]}  {row['address']}{mark}")


@sync_group.command("all")
@click.option("--discover", "look", is_flag=True, help="Also look for peers with mDNS first.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@pass_session
def sync_all(session: Session, look: bool, as_json: bool) -> None:
    """Sync with every trusted member at its last known (or discovered) address.

    \b
    Example:
      resilient-zcc sync all --discover
    """
    from .api import sync_everyone
    from .discovery import discover

    with session.store() as store:
        found = discover(model.require(store).id, exclude=store.identity.device_id) if look else []
        outcomes = sync_everyone(store, found)
    if as_json:
        emit_json(
            [
                {
                    "device_id": o.device_id,
                    "address": o.address,
                    "error": str(o.error) if o.error else None,
                    **(_result_json(o.result) if o.result else {}),
                }
                for o in outcomes
            ]
        )
        return
    if not outcomes:
        click.echo("Geen bekende adressen; gebruik eerst 'sync with HOST:PORT'.")
    for outcome in outcomes:
        if outcome.result:
            _report(outcome.result)
        else:
            click.echo(f"{outcome.device_id[:12]} ({outcome.address}): {outcome.error}")


@sync_group.command("with")
@click.argument("address")
@click.option("--peer", "expect", default=None, help="The device id (or prefix) to expect there.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@pass_session
def sync_with(session: Session, address: str, expect: str | None, as_json: bool) -> None:
    """Sync with the peer at HOST:PORT once.

    \b
    Example:
      resilient-zcc sync with 192.0.2.10:7400
    """
    with session.store() as store:
        result = transport.sync_with(store, address, expect, progress=_progress_line)
    if as_json:
        emit_json(_result_json(result))
        return
    _report(result)


def _progress_line(progress: Progress) -> None:
    if progress.stage == "sending" and progress.to_send:
        click.echo(f"verzonden {progress.sent}/{progress.to_send}", err=True)
    elif progress.stage == "receiving":
        click.echo(f"ontvangen {progress.received}", err=True)


def _result_json(result: SyncResult) -> dict[str, Any]:
    return {
        "peer": result.peer,
        "received": result.received.applied,
        "duplicates": result.received.duplicates,
        "refused_batches": result.received.refused,
        "sent": result.sent,
        "bytes_sent": result.bytes_sent,
        "bytes_received": result.bytes_received,
        "seconds": round(result.seconds, 3),
        "warnings": [str(w) for w in result.warnings],
    }


def _report(result: SyncResult) -> None:
    click.echo(
        f"Gesynchroniseerd met {result.peer[:12]}: {result.received.applied} wijzigingen "
        f"ontvangen, {result.sent} verzonden."
    )
    for warning in result.warnings:
        click.echo(f"Let op: {warning}")


@sync_group.command("status")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@pass_session
def sync_status(session: Session, as_json: bool) -> None:
    """Known peers: last seen, last synced, and how many changes each still lacks.

    \b
    Example:
      resilient-zcc sync status --json
    """
    with session.store() as store:
        network_now = model.require(store)
        rows = status.peers(store)
        last_received = store.log.last_received_at()
    if as_json:
        emit_json(
            {
                "network": network_now.id,
                "name": network_now.name,
                "last_received_at": last_received,
                "peers": rows,
            }
        )
        return
    click.echo(f"Regionetwerk '{network_now.name}'; laatst ontvangen: {local_time(last_received)}")
    for row in rows:
        state = "INGETROKKEN" if row["revoked"] else f"{row['pending']} wijzigingen te versturen"
        click.echo(
            f"{row['device_id'][:12]}  {row['label'] or '-'}  gezien {local_time(row['last_seen'])}"
            f", gesynchroniseerd {local_time(row['last_synced'])}, {state}"
        )


@click.group("bundle")
def bundle() -> None:
    """Carry changes on a USB stick: encrypted with the network key and signed."""


@bundle.command("export")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--for",
    "for_device",
    default=None,
    help="Only what this member lacks (as of its last sync with this device).",
)
@click.option("--all", "everything", is_flag=True, help="Everything this copy holds (default).")
@pass_session
def bundle_export(session: Session, file: Path, for_device: str | None, everything: bool) -> None:
    """Write a bundle file with changes for other members.

    \b
    Example:
      resilient-zcc bundle export /media/usb/zcc-oost.rzcc --for 3f2a9c1b
    """
    if for_device and everything:
        raise ValidationError("Give --for DEVICE or --all, not both.")
    with session.store() as store:
        result = bundles.export(store, file, for_device)
    click.echo(
        f"Bundel geschreven naar {result.path}: {result.changes} wijzigingen "
        f"in {result.batches} batches (versleuteld en ondertekend)."
    )


@bundle.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@pass_session
def bundle_import(session: Session, file: Path) -> None:
    """Take in a bundle file made by another member.

    \b
    Example:
      resilient-zcc bundle import /media/usb/zcc-oost.rzcc
    """
    with session.store() as store:
        header, report = bundles.import_bundle(store, file)
    click.echo(
        f"Bundel van {header['author'][:12]} ingelezen: {report.applied} nieuwe "
        f"wijzigingen, {report.duplicates} al aanwezig."
    )
    if report.refused:
        click.echo(
            f"Let op: {report.refused} batch(es) van niet-leden of ingetrokken apparaten geweigerd."
        )
