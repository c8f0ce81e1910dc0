"""The command line: a thin layer over the core. `resilient-zcc --help` lists the commands."""

from __future__ import annotations

from pathlib import Path

import click

from ..profile import default_profile_dir
from . import capacity, contacts, crisis, placements, profile
from .common import Session, ZccGroup


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


for command in (
    profile.init,
    profile.unlock,
    profile.demo,
    contacts.contacts,
    profile.settings_group,
    profile.audit,
    profile.passphrase,
    profile.recovery_key,
    capacity.capacity,
    placements.placements,
    crisis.phase,
    crisis.log_group,
    crisis.measures_group,
    crisis.escalation_group,
    crisis.taskcards_group,
    crisis.procedures_group,
):
    main.add_command(command)


def _add_sync_commands() -> None:
    from sync.cli import COMMANDS

    for group in COMMANDS:
        main.add_command(group)


_add_sync_commands()
