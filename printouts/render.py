"""Render a sheet or the whole binder to PDF bytes, write it atomically, record the print."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, NextPageTemplate, PageBreak, Spacer

from resilient_zcc.atomic import atomic_write
from resilient_zcc.errors import ValidationError
from resilient_zcc.printlog import record_print

from .contents import Contents
from .context import PrintContext
from .layout import Heading, SheetDocument, SheetStart, esc, grid, local, para, rich
from .sheets import SHEETS, Sheet

BINDER = "binder"


@dataclass(frozen=True)
class Printed:
    pdf: bytes
    pages: int
    sheet: str
    title: str


def _sheet(name: str) -> Sheet:
    sheet = SHEETS.get(name)
    if sheet is None:
        raise ValidationError(
            "Unknown sheet '{name}'. Sheets: {sheets}, or '{binder}' for all.",
            name=name,
            sheets=", ".join(SHEETS),
            binder=BINDER,
        )
    return sheet


@dataclass
class Prepared:
    """A sheet read from the core and laid out as a story. Rendering it needs no database,
    so the desktop app renders in a worker thread while the window stays responsive."""

    doc: SheetDocument
    story: list[Flowable]
    sheet: str
    title: str

    def render(self) -> Printed:
        pdf = self.doc.render(self.story)
        return Printed(pdf, self.doc.page, self.sheet, self.title)


def prepare(ctx: PrintContext, name: str, options: dict[str, Any] | None = None) -> Prepared:
    """Read what the sheet (or, for 'binder', every sheet) shows; reserve form numbers."""
    options = options if options is not None else {}
    if name == BINDER:
        story = _binder_story(ctx, options)
        doc = SheetDocument(ctx, "portrait")
        return Prepared(doc, story, BINDER, ctx.t("Crisismap", "Crisis binder"))
    sheet = _sheet(name)
    story = [SheetStart(sheet.title(ctx.lang)), *sheet.build(ctx, options)]
    return Prepared(SheetDocument(ctx, sheet.template), story, name, sheet.title(ctx.lang))


def render_sheet(ctx: PrintContext, name: str, options: dict[str, Any] | None = None) -> Printed:
    return prepare(ctx, name, options).render()


def _cover(ctx: PrintContext) -> list[Flowable]:
    title = ctx.t("Crisismap: papieren terugval", "Crisis binder: paper fallback")
    facts = [
        [
            para(ctx.t("Regio / organisatie", "Region / organisation"), "cell_bold"),
            para(ctx.scope_label),
        ],
        [
            para(ctx.t("Stand van gegevens", "Data as of"), "cell_bold"),
            para(local(ctx.version.as_of, ctx.lang)),
        ],
        [
            para(ctx.t("Afgedrukt", "Printed"), "cell_bold"),
            para(local(ctx.now.isoformat(), ctx.lang)),
        ],
        [
            para(ctx.t("Apparaat", "Device"), "cell_bold"),
            para(f"{ctx.device} ({ctx.device_short})"),
        ],
    ]
    return [
        SheetStart(title),
        Spacer(1, 30),
        para(title, "tab"),
        para(ctx.scope_label, "tab_sub"),
        Spacer(1, 40),
        grid(facts, [60 * mm, 110 * mm], header=False),
        Spacer(1, 20),
        rich(
            esc(
                ctx.t(
                    "Gebruik deze map als computers, telefonie of stroom uitvallen. Elk blad "
                    "noemt rechtsboven de stand van gegevens: de datum waarop de gegevens erop "
                    "gelden. Is een blad ouder dan het laatst afgedrukte blad 'Controlelijst' "
                    "achter in de map, vervang het dan door een nieuwe afdruk. Roosters op de "
                    "bladen gelden voor de periode die erop staat. De map bevat contact- en "
                    "patiëntgegevens: vertrouwelijk.",
                    "Use this binder when computers, phones or power fail. Every sheet names "
                    "its data date in the top right corner. Where a sheet is older than the "
                    "most recently printed 'Check list' sheet at the back, replace it with a "
                    "new print. Rotas on the sheets hold for the period printed on them. The "
                    "binder holds contact and patient data: confidential.",
                )
            ),
            "body",
        ),
        NextPageTemplate("portrait"),
        PageBreak(),
        SheetStart(ctx.t("Inhoud", "Contents")),
        para(ctx.t("Inhoud", "Contents"), "h1"),
        Contents([]),  # filled in when every heading is known
    ]


def _divider(ctx: PrintContext, number: int, sheet: Sheet) -> list[Flowable]:
    return [
        NextPageTemplate("portrait"),
        PageBreak(),
        SheetStart(sheet.title(ctx.lang), tab=number),
        Spacer(1, 120),
        para(f"{ctx.t('TAB', 'TAB')} {number}", "tab"),
        Heading(sheet.title(ctx.lang), 0, "tab_sub"),
        NextPageTemplate(sheet.template),
        PageBreak(),
    ]


def binder_sheets() -> list[Sheet]:
    return [s for s in SHEETS.values() if s.in_binder]


def _binder_story(ctx: PrintContext, options: dict[str, Any]) -> list[Flowable]:
    """Cover, table of contents, and every sheet behind its own numbered tab."""
    sheets = binder_sheets()
    story = _cover(ctx)
    for number, sheet in enumerate(sheets, 1):
        story += _divider(ctx, number, sheet)
        story += [SheetStart(sheet.title(ctx.lang)), *sheet.build(ctx, options)]
    _size_contents(story)
    return story


def render_binder(ctx: PrintContext, options: dict[str, Any] | None = None) -> Printed:
    return prepare(ctx, BINDER, options).render()


def _size_contents(story: list[Flowable]) -> None:
    """Give the contents every heading of the binder before layout (see contents.py)."""
    entries = [(f.toc_level, f.toc_text, f.key) for f in story if isinstance(f, Heading)]
    for flowable in story:
        if isinstance(flowable, Contents):
            flowable.entries = entries


def covers(name: str) -> frozenset[str]:
    if name == BINDER:
        return frozenset().union(*(s.covers for s in binder_sheets()))
    return _sheet(name).covers


def check_output(out: Path) -> None:
    """Refuse a target that cannot be written before anything is rendered."""
    if out.suffix.lower() != ".pdf":
        raise ValidationError("The output file must end in .pdf, not '{name}'.", name=out.name)
    if not out.parent.is_dir():
        raise ValidationError(
            "The folder {path} does not exist; create it or choose another.", path=out.parent
        )


def print_to_file(
    ctx: PrintContext, name: str, out: Path, options: dict[str, Any] | None = None
) -> Printed:
    """Render, write atomically, and (for data sheets) remember what was printed."""
    check_output(out)
    printed = prepare(ctx, name, options).render()
    save_printed(ctx, printed, out)
    return printed


def save_printed(ctx: PrintContext, printed: Printed, out: Path) -> None:
    """Write the PDF atomically (readable by the owner only) and record the print."""
    atomic_write(out, printed.pdf, mode=0o600)
    record_printed(ctx, printed.sheet, printed, str(out))


def record_printed(ctx: PrintContext, name: str, printed: Printed, target: str) -> None:
    """Remember a print of a data sheet (file or printer), so `print status` can tell
    when the paper is out of date. The recovery key is never recorded."""
    if name == BINDER or _sheet(name).tracked:
        record_print(
            ctx.store,
            sheet=name,
            scope=ctx.scope,
            scope_label=ctx.scope_label,
            lang=ctx.lang,
            covers=covers(name),
            version=ctx.version,
            printed_at=ctx.now,
            pages=printed.pages,
            file=target,
        )
