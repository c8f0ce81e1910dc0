"""`sitrap`: the region's situation report, made from the data, numbered and kept."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

import click

from ..crisis.common import device_label
from ..i18n import language
from ..sitrap.model import kept_sitrap, make_sitrap, sitraps
from ..sitrap.report import build_sitrap
from ..sitrap.rhythm import next_due
from ..sitrap.text import radio_text
from .common import Session, emit_json, local_time, now, pass_session
from .crisis import REGION_HELP, _region


@click.group("sitrap")
def sitrap_group() -> None:
    """The situation report (beeld – oordeel – besluit): make, show, print, list.

    \b
    Example:
      resilient-zcc sitrap make --oordeel "Druk stabiel" --proposal "Fase 2a handhaven"
      resilient-zcc sitrap show
      resilient-zcc sitrap print --number 3 --out sitrap-3.pdf
    """


@sitrap_group.command("make")
@click.option("--oordeel", default="", help="The coordinator's judgement of the picture.")
@click.option("--proposal", "proposals", multiple=True, help="A proposed decision (repeatable).")
@click.option("--made-by", default=None, help="Who makes it (default: this device).")
@click.option("--preview", is_flag=True, help="Show what it would say; keep nothing.")
@click.option("--region", default=None, help=REGION_HELP)
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@pass_session
def make(
    session: Session,
    oordeel: str,
    proposals: tuple[str, ...],
    made_by: str | None,
    preview: bool,
    region: str | None,
    as_json: bool,
) -> None:
    """Make the next numbered sitrap from the data now, and keep it in the logbook.

    \b
    Example:
      resilient-zcc sitrap make --oordeel "IC vol, VVT houdt stand" \\
        --proposal "Opschalen naar fase 2b voorstellen" --proposal "Belronde VVT 18:00"
      resilient-zcc sitrap make --preview
    """
    with session.store() as store:
        region_id = _region(store, region)
        by = made_by or device_label(store)
        build = build_sitrap if preview else make_sitrap
        report = build(store, now(), by, oordeel, list(proposals), region_id)
    if as_json:
        emit_json(report.as_json())
        return
    click.echo(radio_text(report, language()), nl=False)


@sitrap_group.command("show")
@click.option("--number", type=int, default=None, help="Which sitrap (default: the newest).")
@click.option("--region", default=None, help=REGION_HELP)
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@pass_session
def show(session: Session, number: int | None, region: str | None, as_json: bool) -> None:
    """A kept sitrap as radio and e-mail text (short lines).

    \b
    Example:
      resilient-zcc sitrap show
      resilient-zcc sitrap show --number 2 --json
    """
    with session.store() as store:
        report = kept_sitrap(store, _region(store, region), number)
    if as_json:
        emit_json(report.as_json())
        return
    click.echo(radio_text(report, language()), nl=False)


@sitrap_group.command("list")
@click.option("--region", default=None, help=REGION_HELP)
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@pass_session
def list_cmd(session: Session, region: str | None, as_json: bool) -> None:
    """Every kept sitrap, newest first, and when the next one is due.

    \b
    Example:
      resilient-zcc sitrap list
      resilient-zcc sitrap list --json
    """
    with session.store() as store:
        region_id = _region(store, region)
        rows = sitraps(store, region_id)
        due = next_due(store, region_id, now())
    if as_json:
        emit_json({"sitraps": rows, "next_due": asdict(due)})
        return
    if not rows:
        click.echo("Nog geen sitrap gemaakt.")
    for row in rows:
        click.echo(f"Sitrap {row['number']}  {local_time(row['at'])}  {row['made_by']}")
    state = "TE LAAT" if due.overdue else "volgende"
    click.echo(f"{state}: {local_time(due.due_at)}")


@sitrap_group.command("print")
@click.option("--number", type=int, default=None, help="Which sitrap (default: the newest).")
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="PDF file to write (default: sitrap-N.pdf here).",
)
@click.option("--lang", "lang", type=click.Choice(["nl", "en"]), default="nl", help="Language.")
@click.option("--region", default=None, help=REGION_HELP)
@pass_session
def print_cmd(
    session: Session, number: int | None, out: Path | None, lang: str, region: str | None
) -> None:
    """A kept sitrap on A4 as a PDF (a second page only when the data needs it).

    \b
    Example:
      resilient-zcc sitrap print
      resilient-zcc sitrap print --number 2 --out sitrap-2.pdf
    """
    # The sheets live in the printouts package, which builds on the core: loaded when used.
    from printouts.cli import PLAINTEXT_NOTE
    from printouts.context import make_context
    from printouts.render import print_to_file

    with session.store() as store:
        region_id = _region(store, region)
        report = kept_sitrap(store, region_id, number)
        target = out or Path(f"sitrap-{report.number}{'' if lang == 'nl' else '-en'}.pdf")
        ctx = make_context(store, lang=lang)
        printed = print_to_file(ctx, "sitrap", target, {"number": report.number})
    click.echo(f"Geschreven: {target} ({printed.pages} pagina's, {printed.title}).")
    click.echo(PLAINTEXT_NOTE)
