"""The command line: a thin layer over the core. `resilient-zcc --help` lists the commands."""

from __future__ import annotations

from pathlib import Path

import click

from ..i18n import LANGUAGES, set_language
from ..profile import default_profile_dir
from . import (
    capacity,
    contacts,
    continuity,
    crisis,
    exchange,
    homecare,
    outage,
    overview,
    placements,
    profile,
    resources,
    rounds,
    seh,
    sitrap,
)
from .common import Session, ZccGroup

# Commands of the packages that build on the core, loaded when used (see ZccGroup).
LAZY_COMMANDS = {
    "print": "printouts.cli:print_group",
    "network": "sync.cli:network",
    "device": "sync.cli:device",
    "sync": "sync.cli:sync_group",
    "bundle": "sync.cli:bundle",
    "serve": "sync.cli:serve",
}


@click.group(cls=ZccGroup, lazy=LAZY_COMMANDS)
@click.option(
    "--profile",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Profile folder (default: the platform's user data folder, or $RZCC_PROFILE).",
)
@click.option(
    "--lang",
    type=click.Choice(list(LANGUAGES)),
    default="nl",
    show_default=True,
    envvar="RZCC_LANG",
    help="Language of messages: nl (Dutch) or en (English); also $RZCC_LANG.",
)
@click.version_option(package_name="resilient-zcc")
@click.pass_context
def main(ctx: click.Context, profile: Path | None, lang: str) -> None:
    """Resilient ZCC: the region's crisis contacts and structure, encrypted, offline.

    The passphrase is asked at a prompt, or read from RZCC_PASSPHRASE for scripts.

    \b
    Example:
      resilient-zcc --profile ~/zcc-oefening init
      resilient-zcc --profile ~/zcc-oefening demo
      resilient-zcc --profile ~/zcc-oefening contacts search "mst piket"
      resilient-zcc --lang en --profile ~/zcc-oefening unlock
    """
    set_language(lang)
    ctx.obj = Session(profile or default_profile_dir())


for command in (
    profile.init,
    profile.unlock,
    profile.demo,
    overview.overview,
    contacts.contacts,
    profile.settings_group,
    profile.audit,
    profile.passphrase,
    profile.recovery_key,
    capacity.capacity,
    seh.seh_group,
    placements.placements,
    crisis.phase,
    crisis.log_group,
    crisis.measures_group,
    crisis.escalation_group,
    crisis.taskcards_group,
    crisis.procedures_group,
    exchange.import_group,
    exchange.export_group,
    exchange.backup_cmd,
    exchange.restore_cmd,
    outage.outage_group,
    continuity.continuity_group,
    homecare.homecare_group,
    resources.resources_group,
    sitrap.sitrap_group,
    rounds.round_group,
):
    main.add_command(command)
