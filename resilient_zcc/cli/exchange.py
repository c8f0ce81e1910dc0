"""`import ...`, `export ...`, `backup`, `restore`: getting data in and out.

The exchange modules (openpyxl, vobject, defusedxml) are imported inside the commands, so
every other command starts as fast as before.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ..exchange.export_files import write_export_file
from ..i18n import t
from .common import NEW_PASSPHRASE_ENV, Session, emit_json, pass_session, read_passphrase

if TYPE_CHECKING:
    from ..exchange.contact_import import ImportPlan

BACKUP_PASSPHRASE_ENV = "RZCC_BACKUP_PASSPHRASE"
SHOWN_LINES = 100  # rows and problems listed on screen; --report and --json give all
PLAINTEXT_WARNING = (
    "Let op: dit bestand is NIET versleuteld (plaintext). Bewaar en deel het alleen "
    "waar dat mag, en verwijder het als het niet meer nodig is."
)


def write_export(data: bytes, out: Path | None, default_name: str) -> Path:
    """Write atomically (never half a file) and say that the file is plaintext."""
    target = out or Path.cwd() / default_name
    write_export_file(target, data)
    click.echo(f"Geschreven: {target} ({_size(len(data))}).")
    click.echo(PLAINTEXT_WARNING, err=True)
    return target


def _size(count: int) -> str:
    return f"{count:,} bytes".replace(",", ".")


def _stamp() -> str:
    return datetime.now(UTC).astimezone().strftime("%Y%m%d-%H%M")


@click.group("import")
def import_group() -> None:
    """Import contacts (CSV, XLSX), capacity (EDXL-HAVE, CSV) or continuity reports (CSV)."""


def _show_plan(plan: ImportPlan, dry_run: bool) -> None:
    from ..exchange.import_report import ACTIONS
    from ..exchange.mapping import field_label

    source = plan.source
    table = source.table
    origin = {"guessed": "geraden", "remembered": "onthouden van vorige keer", "given": "opgegeven"}
    click.echo(
        f"{table.source}: {'; '.join(table.notes)}; kopregel op rij {table.header_index + 1}."
    )
    click.echo(f"Kolommen ({origin[source.mapping_origin]}; aanpassen met --mapping KOLOM=veld):")
    for column in source.mapping_rows():
        example = f"  bv. '{column['example'][:30]}'" if column["example"] else ""
        click.echo(
            f"  {column['column'][:30]:<30} -> {field_label(column['field'])} "
            f"({column['field']}){example}"
        )
    s = plan.summary
    click.echo(
        f"{'Proefdraai' if dry_run else 'Import'}: {s.created} nieuw, {s.updated} bijwerken, "
        f"{s.unchanged} ongewijzigd, {s.problem_rows} met problemen; "
        f"{s.organisations_created} nieuwe organisaties, {s.functions_created} nieuwe functies."
    )
    if s.kept_with_notes:
        click.echo(f"{s.kept_with_notes} rijen met een onleesbare cel: die staat als notitie bij "
                   "het contact, de rest van de rij wordt ingelezen.")  # fmt: skip
    if s.unclassified:
        click.echo(f"Nog in te delen (sector onbekend): {', '.join(s.unclassified)}.")
    problems = plan.problems
    for problem in problems[:SHOWN_LINES]:
        detail = problem.detail_text()
        click.echo(f"  {problem.text()}" + (f" ({detail})" if detail else ""))
    if len(problems) > SHOWN_LINES:
        click.echo(f"  ... en nog {len(problems) - SHOWN_LINES} problemen (alle: --report FILE).")
    if dry_run:
        changed = [row for row in plan.rows if row.action in ("create", "update")]
        for row in changed[:SHOWN_LINES]:
            changes = "; ".join(row.changes[:4]) + (" ..." if len(row.changes) > 4 else "")
            shown = t("row {row}: {action}: {name}", row=row.row, action=ACTIONS[row.action],
                      name=row.name)  # fmt: skip
            click.echo(f"  {shown} — {changes}")
        if len(changed) > SHOWN_LINES:
            click.echo(f"  ... en nog {len(changed) - SHOWN_LINES} rijen (alle: --json).")


@import_group.command("contacts")
@click.argument("file", type=click.Path(path_type=Path))
@click.option(
    "--mapping",
    default=None,
    help='Column mapping: \'KOLOM=veld,...\' or a JSON file {"kolom": "veld"}.',
)
@click.option("--sheet", default=None, help="Of a workbook, this sheet (default: the first).")
@click.option("--dry-run", is_flag=True, help="Show what would happen; change nothing.")
@click.option(
    "--skip-bad-rows", is_flag=True, help="Import the good rows, skip rows with problems."
)
@click.option(
    "--sector", default=None, help="Sector for new organisations the file gives none for."
)
@click.option(
    "--report",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write every problem to this CSV (row, column, value, problem) to work through.",
)
@click.option("--json", "as_json", is_flag=True, help="Machine-readable report.")
@pass_session
def import_contacts(
    session: Session, file: Path, mapping: str | None, sheet: str | None, dry_run: bool,
    skip_bad_rows: bool, sector: str | None, report: Path | None, as_json: bool,
) -> None:  # fmt: skip
    """Import a key-contact list (CSV or XLSX) as GHOR staff keep it.

    Dutch or English headers in any order are recognised; the mapping is shown and
    remembered for the next import of the same list. Nothing is written if a row has a
    problem, unless --skip-bad-rows. Importing the same list again updates, never doubles.

    \b
    Example:
      resilient-zcc import contacts sleutelfunctionarissen.xlsx --dry-run
      resilient-zcc import contacts lijst.csv --mapping "Tel2=mobile,Dienst=piket"
      resilient-zcc import contacts regio.xlsx --sheet "VVT" --sector vvt
      resilient-zcc import contacts lijst.xlsx --dry-run --report problemen.csv
    """
    from ..exchange.contact_import import apply_import, open_source, plan_import
    from ..exchange.import_report import problems_csv

    with session.store() as store:
        source = open_source(store, file, mapping, sheet)
        plan = plan_import(store, source, default_sector=sector)
        if as_json:
            emit_json(plan.as_dict())
        else:
            _show_plan(plan, dry_run)
        if report is not None:
            write_export(problems_csv(plan.problems), report, "problemen.csv")
        if dry_run:
            if not as_json:
                click.echo("Proefdraai: er is niets gewijzigd.")
            return

        def progress(done: int, total: int) -> None:
            if total >= 2000:
                click.echo(f"  {done}/{total} rijen", err=True)

        result = apply_import(store, plan, skip_bad_rows=skip_bad_rows, progress=progress)
        if not as_json:
            skipped = (
                f"; {len(result.skipped_rows)} rijen overgeslagen" if result.skipped_rows else ""
            )
            click.echo(f"Geïmporteerd in één keer{skipped}.")


@import_group.command("capacity")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--dry-run", is_flag=True, help="Check and count; change nothing.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable result.")
@pass_session
def import_capacity_cmd(session: Session, file: Path, dry_run: bool, as_json: bool) -> None:
    """Import capacity figures from EDXL-HAVE (XML) or a CSV.

    A CSV has the columns location, category, total, staffed, occupied and time (Dutch:
    locatie, categorie, totaal, bemand, bezet, tijd); locations and categories must be known.
    One bad figure and nothing is written. XML with a DTD or entities is refused.

    \b
    Example:
      resilient-zcc import capacity beeld-buurregio.xml
      resilient-zcc import capacity bedden.csv --dry-run
    """
    from ..exchange.capacity_import import check_capacity_file, import_capacity

    with session.store() as store:
        run = check_capacity_file if dry_run else import_capacity
        result = run(store, file)
    if as_json:
        emit_json({"added": result.added, "unchanged": result.unchanged, "dry_run": dry_run})
        return
    verb = "zou toevoegen" if dry_run else "toegevoegd"
    click.echo(f"{result.added} meldingen {verb}, {result.unchanged} al bekend.")


@import_group.command("continuity")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--dry-run", is_flag=True, help="Check every row and count; change nothing.")
@click.option(
    "--report",
    "report_file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write every problem to this CSV (row, column, value, problem, detail).",
)
@click.option("--json", "as_json", is_flag=True, help="Machine-readable result.")
@pass_session
def import_continuity_cmd(
    session: Session, file: Path, dry_run: bool, report_file: Path | None, as_json: bool
) -> None:
    """Import continuity reports from a CSV or XLSX (typed from paper forms or a radio log).

    Columns: location (or location_id), power (net, aggregaat, ups, geen), autonomy_hours,
    time, and optionally down, care_scaled, evacuation, note, reporter, source (Dutch:
    locatie, stroom, uren, tijd, ligt eruit, afgeschaald, evacuatie, toelichting, melder,
    bron). Every good row is recorded; a bad row is reported and left out. Exit code 1 when
    a row was left out.

    \b
    Example:
      resilient-zcc import continuity meldingen-radio.csv --dry-run
      resilient-zcc import continuity meldingen-radio.csv --report problemen.csv
    """
    from ..exchange.continuity_import import check_continuity_file, import_continuity
    from ..exchange.import_report import problems_csv

    with session.store() as store:
        run = check_continuity_file if dry_run else import_continuity
        result = run(store, file)
    if report_file is not None:
        write_export(problems_csv(result.problems), report_file, report_file.name)
    if as_json:
        emit_json(dict(result.as_dict(), dry_run=dry_run))
    else:
        verb = "zou toevoegen" if dry_run else "toegevoegd"
        click.echo(
            f"{result.rows} rijen: {result.added} meldingen {verb}, {result.unchanged} al "
            f"bekend, {result.problem_rows} rijen met een probleem (niet ingevoerd)."
        )
        for problem in result.problems[:SHOWN_LINES]:
            detail = problem.detail_text()
            click.echo(f"  {problem.text()}" + (f": {detail}" if detail else ""))
        if len(result.problems) > SHOWN_LINES:
            click.echo(f"  ... en nog {len(result.problems) - SHOWN_LINES}; zie --report.")
    if result.problems:
        raise SystemExit(1)


def _format_and_out(choices: list[str], default_name: str, help_text: str) -> Any:
    """The --format and --out options every export shares."""

    def decorate(command: Any) -> Any:
        command = click.option(
            "--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
            help=f"File to write (default: {default_name}-DATUM.EXT here).",
        )(command)  # fmt: skip
        return click.option(
            "--format", "fmt", type=click.Choice(choices), default=choices[0],
            show_default=True, help=help_text,
        )(command)  # fmt: skip

    return decorate


@click.group("export")
def export_group() -> None:
    """Export contacts, the capacity picture or the continuity picture (see each format)."""


@export_group.command("contacts")
@_format_and_out(["csv", "xlsx", "vcf"], "contacten", "csv (Excel, ';'), xlsx, or vcf (vCard 4.0).")
@click.option("--lang", type=click.Choice(["nl", "en"]), default="nl", show_default=True,
              help="Language of the column headings and labels (csv, xlsx).")  # fmt: skip
@pass_session
def export_contacts(session: Session, fmt: str, out: Path | None, lang: str) -> None:
    """Export every contact; the file is plaintext.

    CSV and XLSX read back with `import contacts` unchanged; cells that a spreadsheet would
    run as a formula start with an apostrophe. vCard 4.0 goes into a phone or mail client.

    \b
    Example:
      resilient-zcc export contacts --format xlsx --out contacten.xlsx
      resilient-zcc export contacts --format vcf
      resilient-zcc export contacts --format csv --lang en --out contacts.csv
    """
    from ..exchange.export_files import CONTACT_FORMATS, contacts_bytes

    with session.store() as store:
        data = contacts_bytes(store, fmt, lang)
    write_export(data, out, f"contacten-{_stamp()}.{CONTACT_FORMATS[fmt]}")


@export_group.command("capacity")
@_format_and_out(
    ["have", "fhir", "csv"], "capaciteit", "have (EDXL-HAVE 1.0 XML), fhir (R4 JSON, SANER), csv."
)
@click.option(
    "--reporter",
    default="GHOR",
    show_default=True,
    help="Who reports (FHIR MeasureReport.reporter).",
)
@pass_session
def export_capacity(session: Session, fmt: str, out: Path | None, reporter: str) -> None:
    """Export the current regional capacity picture; the file is plaintext.

    \b
    Example:
      resilient-zcc export capacity --format have --out beeld.xml
      resilient-zcc export capacity --format fhir --reporter "GHOR Twente"
    """
    from ..exchange.export_files import CAPACITY_FORMATS, capacity_bytes

    with session.store() as store:
        data = capacity_bytes(store, fmt, reporter)
    write_export(data, out, f"capaciteit-{_stamp()}.{CAPACITY_FORMATS[fmt]}")


@export_group.command("continuity")
@_format_and_out(["csv", "edxl"], "continuiteit", "csv (Excel, ';') or edxl (EDXL-HAVE 1.0 XML).")
@pass_session
def export_continuity(session: Session, fmt: str, out: Path | None) -> None:
    """Export the continuity picture (power, hours of autonomy left, what is down); plaintext.

    The CSV reads back with `import continuity`. EDXL-HAVE carries it where HAVE has a
    place (facility status, resources, the emergency department): the same document as
    `export capacity --format have`.

    \b
    Example:
      resilient-zcc export continuity --format csv --out continuiteit.csv
      resilient-zcc export continuity --format edxl
    """
    from ..exchange.export_files import CONTINUITY_FORMATS, continuity_bytes

    with session.store() as store:
        data = continuity_bytes(store, fmt, datetime.now(UTC))
    write_export(data, out, f"continuiteit-{_stamp()}.{CONTINUITY_FORMATS[fmt]}")


@click.command("backup")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@pass_session
def backup_cmd(session: Session, file: Path) -> None:
    """Write the whole profile to one encrypted file (for a new laptop).

    The backup passphrase is asked twice, or read from RZCC_BACKUP_PASSPHRASE. Without it the
    file cannot be opened: keep it with the recovery key in the crisis binder.

    \b
    Example:
      resilient-zcc backup /media/usb/zcc-laptop1.rzccbak
    """
    from ..exchange import backup as backups

    with session.store() as store:
        phrase = read_passphrase("Backup passphrase", env=BACKUP_PASSPHRASE_ENV, confirm=True)
        info = backups.create_backup(store, file, phrase)
    click.echo(
        f"Back-up geschreven: {file} ({_size(info.size)}, versleuteld), apparaat "
        f"{info.device_id[:12]}."
    )


@click.command("restore")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@pass_session
def restore_cmd(session: Session, file: Path) -> None:
    """Restore a backup into an empty profile folder (--profile NEW-FOLDER).

    Asks the backup passphrase (or RZCC_BACKUP_PASSPHRASE) and a new passphrase for the
    profile (or RZCC_NEW_PASSPHRASE); shows a new recovery key once. The restored laptop
    carries on as the backed-up device: stop using the old one.

    \b
    Example:
      resilient-zcc --profile ~/zcc restore /media/usb/zcc-laptop1.rzccbak
    """
    from ..exchange import backup as backups

    info = backups.backup_info(file)
    click.echo(
        f"Back-up van {info['created_at']}, apparaat {info['device_id'][:12]} {info['label']}."
    )
    phrase = read_passphrase("Backup passphrase", env=BACKUP_PASSPHRASE_ENV)
    new = read_passphrase("New passphrase for the profile", env=NEW_PASSPHRASE_ENV, confirm=True)
    recovery_key = backups.restore_backup(file, session.profile, phrase, new)
    click.echo(f"Profiel hersteld in {session.profile}.")
    click.echo("")
    click.echo("HERSTELSLEUTEL / RECOVERY KEY (shown once):")
    click.echo(f"    {recovery_key}")
    click.echo("Print or write this down and keep it in the sealed envelope of the crisis binder.")
