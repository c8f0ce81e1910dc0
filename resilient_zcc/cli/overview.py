"""`overview`: the Overzicht on the command line, from the same query as the window."""

from __future__ import annotations

import click

from ..dashboard import dashboard
from ..dashboard_lines import dashboard_lines
from ..i18n import language
from .common import Session, emit_json, now, pass_session


@click.command("overview")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@pass_session
def overview(session: Session, as_json: bool) -> None:
    """The first answers: phase, free beds, queue, conflicts, stale contacts and paper.

    \b
    Example:
      resilient-zcc overview
      resilient-zcc overview --json
    """
    with session.store() as store:
        board = dashboard(store, now(), language())
    if as_json:
        emit_json(board.as_json())
        return
    for line in dashboard_lines(board, language()):
        click.echo("  " * line.indent + line.text)
