"""`resilient-zcc round print`: a round's call sheet, or the blank round sheet, as a PDF.
Here, not in the core's CLI, because the core does not load ReportLab."""

from __future__ import annotations

from pathlib import Path

import click

from resilient_zcc.cli.common import Session, pass_session

from .cli import _run
from .context import LANGS


@click.command("print")
@click.argument("round_ref", metavar="ROUND", required=False)
@click.option("--blank", is_flag=True, help="The blank round sheet for the binder instead.")
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="PDF file to write (default: belronde-date-time.pdf here).",
)
@click.option("--lang", type=click.Choice(LANGS), default="nl", help="Language.")
@pass_session
def round_print(
    session: Session, round_ref: str | None, blank: bool, out: Path | None, lang: str
) -> None:
    """A round's call sheet: per recipient the function, name on duty, every channel in
    fallback order in large type, tick boxes and a line for the answer; or --blank.

    \b
    Example:
      resilient-zcc round print 1 --out belronde-1.pdf
      resilient-zcc round print --blank
    """
    if blank:
        _run(session, "belrondeformulier", None, None, out, lang, {})
        return
    if not round_ref:
        raise click.UsageError("Name the round to print (its number), or give --blank.")
    _run(session, "belronde", None, None, out, lang, {"round": round_ref})
