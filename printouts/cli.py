"""`resilient-zcc print`: a sheet or the whole binder to PDF, and which printed sheets are
out of date. Thin: the sheets read through core queries, the print log is core."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import click

from resilient_zcc.cli.common import Session, emit_json, local_time, pass_session, read_passphrase
from resilient_zcc.printlog import DEFAULT_BINDER, print_status

from .context import LANGS, make_context
from .render import BINDER, print_to_file, reprint_outdated
from .sheets import SHEETS

PLAINTEXT_NOTE = (
    "Let op: een PDF is niet versleuteld (platte tekst). Bewaar of verstuur het bestand niet "
    "onbeveiligd; verwijder het na het afdrukken."
)


def _default_out(name: str, lang: str) -> Path:
    return Path(f"{name}-{datetime.now():%Y%m%d-%H%M}{'' if lang == 'nl' else '-en'}.pdf")


def _scope_options(command: Callable[..., Any]) -> Callable[..., Any]:
    for option in reversed(
        (
            click.option("--region", default=None, help="Region: id, code or part of its name."),
            click.option(
                "--org",
                "organisation",
                default=None,
                help="One organisation: part of its name or id.",
            ),
            click.option(
                "--out",
                type=click.Path(dir_okay=False, path_type=Path),
                default=None,
                help="PDF file to write (default: SHEET-date-time.pdf here).",
            ),
            click.option("--lang", type=click.Choice(LANGS), default="nl", help="Language."),
        )
    ):
        command = option(command)
    return command


def _run(
    session: Session,
    name: str,
    region: str | None,
    organisation: str | None,
    out: Path | None,
    lang: str,
    options: dict[str, Any],
) -> None:
    target = out or _default_out(name, lang)
    with session.store() as store:
        ctx = make_context(store, region_text=region, organisation_text=organisation, lang=lang)
        printed = print_to_file(ctx, name, target, options)
    click.echo(f"Geschreven: {target} ({printed.pages} pagina's, {printed.title}).")
    click.echo(PLAINTEXT_NOTE)


@click.group("print")
def print_group() -> None:
    """Paper fallback sheets as PDF, and which printed sheets are out of date.

    \b
    Example:
      resilient-zcc print bereikbaarheid --out lijst.pdf
      resilient-zcc print binder --lang en
      resilient-zcc print status
    """


def _sheet_command(name: str) -> click.Command:
    sheet = SHEETS[name]

    @pass_session
    def command(
        session: Session,
        region: str | None,
        organisation: str | None,
        out: Path | None,
        lang: str,
        **extra: Any,
    ) -> None:
        options: dict[str, Any] = {}
        if extra.get("forms"):
            options["forms"] = extra["forms"]
        if extra.get("round_ref"):
            options["round"] = extra["round_ref"]
        if extra.get("functions"):
            options["functions"] = list(extra["functions"])
        if name == "herstelsleutel":
            options["recovery_key"] = read_passphrase("Recovery key", env="RZCC_RECOVERY_KEY")
        _run(session, name, region, organisation, out, lang, options)

    command.__doc__ = (
        f"{sheet.title_nl} ({sheet.title_en}) as a PDF.\n\n"
        f"\b\nExample:\n  resilient-zcc print {name} --out {name}.pdf\n"
        f"  resilient-zcc print {name} --org MST --lang en"
    )
    if name == "herstelsleutel":
        command.__doc__ = (
            "The recovery key on a sheet for the sealed envelope. The key is asked at a prompt "
            "(or read from RZCC_RECOVERY_KEY), checked against this profile and never stored."
            "\n\n\b\nExample:\n  resilient-zcc print herstelsleutel --out envelop.pdf"
        )
    decorated = _scope_options(command)
    if name in ("aanmeldformulieren", "continuiteitsformulieren"):
        decorated = click.option(
            "--forms", type=click.IntRange(1, 500), default=10, help="How many blank forms."
        )(decorated)
    if name == "belronde":
        decorated = click.option(
            "--round", "round_ref", required=True, help="The round's number ('round show')."
        )(decorated)
    if name == "zakkaarten":
        decorated = click.option(
            "--function",
            "functions",
            multiple=True,
            help="Function code (repeatable); default: the regional ZCC functions.",
        )(decorated)
    return click.command(name)(decorated)


for _name in SHEETS:
    print_group.add_command(_sheet_command(_name))


@print_group.command("binder")
@_scope_options
@click.option("--forms", type=click.IntRange(1, 500), default=10, help="Blank forms to include.")
@click.option(
    "--name",
    "binder_name",
    default=DEFAULT_BINDER,
    show_default=True,
    help="The binder this print goes into, e.g. 'de map in de ZCC-ruimte': its tabs are "
    "tracked by this name across the region.",
)
@pass_session
def binder(
    session: Session,
    region: str | None,
    organisation: str | None,
    out: Path | None,
    lang: str,
    forms: int,
    binder_name: str,
) -> None:
    """The whole crisis binder as one PDF: cover, contents, a tab per sheet.

    \b
    Example:
      resilient-zcc print binder --out crisismap.pdf
      resilient-zcc print binder --org MST --lang en
      resilient-zcc print binder --name "de map in de ZCC-ruimte"
    """
    _run(session, BINDER, region, organisation, out, lang, {"forms": forms, "binder": binder_name})


@print_group.command("reprint")
@click.argument("binder_name", metavar="BINDER")
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="PDF file to write (default: vervangbladen-date-time.pdf here).",
)
@click.option("--lang", type=click.Choice(LANGS), default="nl", help="Language.")
@pass_session
def reprint(session: Session, binder_name: str, out: Path | None, lang: str) -> None:
    """Print just the out-of-date tabs of a binder, with a new check list.

    \b
    Example:
      resilient-zcc print reprint "de map in de ZCC-ruimte" --out vervangbladen.pdf
    """
    target = out or _default_out("vervangbladen", lang)
    with session.store() as store:
        printed = reprint_outdated(store, binder_name, target, lang)
    if printed is None:
        click.echo(f"Alle tabbladen van '{binder_name}' zijn actueel; niets afgedrukt.")
        return
    numbers = ", ".join(str(number) for number, _sheet in printed.tabs)
    click.echo(f"Geschreven: {target} ({printed.pages} pagina's, tabbladen {numbers}).")
    click.echo(PLAINTEXT_NOTE)


@print_group.command("status")
@click.option("--lang", type=click.Choice(LANGS), default="nl", help="Language of the reasons.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@pass_session
def status(session: Session, lang: str, as_json: bool) -> None:
    """Every sheet printed in the region, per binder tab, and why it is out of date.

    \b
    Example:
      resilient-zcc print status
      resilient-zcc print status --json
    """
    with session.store() as store:
        rows = print_status(store, lang)
    if as_json:
        emit_json(rows)
        return
    if not rows:
        click.echo("Nog niets afgedrukt in de regio.")
        return
    for row in rows:
        state = "VEROUDERD" if row["outdated"] else "actueel  "
        where = f"{row['binder']}, tab {row['tab']}: " if row["binder"] else ""
        title = SHEETS[row["sheet"]].title_nl if row["sheet"] in SHEETS else row["sheet"]
        by = f", {row['device']}" if row["device"] else ""
        click.echo(
            f"{state} {where}{title} – {row['scope_label']} (afgedrukt "
            f"{local_time(row['printed_at'])}{by}, stand {local_time(row['data_as_of'])})"
        )
        for reason in row["reasons"]:
            click.echo(f"          {reason}")
    stale = sum(1 for row in rows if row["outdated"])
    click.echo(f"{stale} van {len(rows)} afgedrukte bladen verouderd.")
