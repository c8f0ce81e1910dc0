"""Render a sheet or the whole binder to PDF bytes, write it atomically, record the print."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, NextPageTemplate, PageBreak, Spacer

from resilient_zcc.atomic import atomic_write
from resilient_zcc.errors import ValidationError
from resilient_zcc.printlog import DEFAULT_BINDER, outdated_tabs, print_status, record_print

from .contents import Contents
from .context import PrintContext
from .layout import (
    Heading,
    SheetDocument,
    SheetStart,
    esc,
    grid,
    local,
    para,
    rich,
    torch_grid,
)
from .sheets import SHEETS, Sheet

BINDER = "binder"


@dataclass(frozen=True)
class Printed:
    pdf: bytes
    pages: int
    sheet: str
    title: str
    tabs: tuple[tuple[int, str], ...] = ()  # a binder's (tab number, sheet name)
    binder: str = ""  # the name the binder is registered by


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
    tabs: tuple[tuple[int, str], ...] = ()
    binder: str = ""

    def render(self) -> Printed:
        pdf = self.doc.render(self.story)
        return Printed(pdf, self.doc.page, self.sheet, self.title, self.tabs, self.binder)


def prepare(ctx: PrintContext, name: str, options: dict[str, Any] | None = None) -> Prepared:
    """Read what the sheet (or, for 'binder', every sheet) shows; reserve form numbers."""
    options = options if options is not None else {}
    if name == BINDER:
        tabs = binder_tabs(options.get("tabs"))
        binder = str(options.get("binder") or "").strip() or DEFAULT_BINDER
        story = _binder_story(ctx, options, tabs, binder)
        doc = SheetDocument(ctx, "portrait")
        title = ctx.t("Crisismap", "Crisis binder")
        numbered = tuple((number, sheet.name) for number, sheet in tabs)
        return Prepared(doc, story, BINDER, title, numbered, binder)
    sheet = _sheet(name)
    story = [SheetStart(sheet.title(ctx.lang)), *sheet.build(ctx, options)]
    return Prepared(SheetDocument(ctx, sheet.template), story, name, sheet.title(ctx.lang))


def render_sheet(ctx: PrintContext, name: str, options: dict[str, Any] | None = None) -> Printed:
    return prepare(ctx, name, options).render()


def _cover(ctx: PrintContext, binder: str, partial: bool) -> list[Flowable]:
    title = ctx.t("Crisismap: papieren terugval", "Crisis binder: paper fallback")
    if partial:
        title = ctx.t("Vervangbladen voor de crisismap", "Replacement sheets for the binder")
    facts = [
        [para(ctx.t("Map", "Binder"), "cell_bold"), para(binder)],
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


def _divider(ctx: PrintContext, number: int, sheet: Sheet, binder: str) -> list[Flowable]:
    """The tab page tells its own age: the data version and date of the sheets behind it."""
    age = ctx.t(
        f"Stand van gegevens: {local(ctx.version.as_of, ctx.lang)}<br/>"
        f"Afgedrukt: {local(ctx.now.isoformat(), ctx.lang)}<br/>Map: {esc(binder)}",
        f"Data as of: {local(ctx.version.as_of, ctx.lang)}<br/>"
        f"Printed: {local(ctx.now.isoformat(), ctx.lang)}<br/>Binder: {esc(binder)}",
    )
    return [
        NextPageTemplate("portrait"),
        PageBreak(),
        SheetStart(sheet.title(ctx.lang), tab=number),
        Spacer(1, 120),
        para(f"{ctx.t('TAB', 'TAB')} {number}", "tab"),
        Heading(sheet.title(ctx.lang), 0, "tab_sub"),
        Spacer(1, 30),
        rich(age, "tab_sub"),
        NextPageTemplate(sheet.template),
        PageBreak(),
    ]


def binder_sheets() -> list[Sheet]:
    return [s for s in SHEETS.values() if s.in_binder]


def binder_tabs(only: Any = None) -> list[tuple[int, Sheet]]:
    """The binder's tabs with their numbers; `only` (sheet names) keeps just those, each
    under its own number, for reprinting the out-of-date tabs."""
    tabs = list(enumerate(binder_sheets(), 1))
    if only is None:
        return tabs
    wanted = set(only)
    unknown = wanted - {sheet.name for _n, sheet in tabs}
    if unknown:
        _sheet(sorted(unknown)[0])  # the clear message for an unknown sheet
    return [(n, sheet) for n, sheet in tabs if sheet.name in wanted]


def _binder_story(
    ctx: PrintContext, options: dict[str, Any], tabs: list[tuple[int, Sheet]], binder: str
) -> list[Flowable]:
    """Cover, table of contents, every sheet behind its own numbered tab, the check list."""
    story = _cover(ctx, binder, partial=len(tabs) < len(binder_sheets()))
    for number, sheet in tabs:
        story += _divider(ctx, number, sheet, binder)
        story += [SheetStart(sheet.title(ctx.lang)), *sheet.build(ctx, options)]
    story += check_list(ctx, tabs, binder)
    _size_contents(story)
    return story


def check_list(ctx: PrintContext, tabs: list[tuple[int, Sheet]], binder: str) -> list[Flowable]:
    """The page that lets a reader of paper see whether a sheet is current, without a
    computer: printed again with every change, so the newest one in the binder is the
    yardstick for the dates in the corners of the sheets."""
    title = ctx.t("Controlelijst: is dit blad nog actueel?", "Check list: is this sheet current?")
    rows: list[list[Any]] = [
        [
            para(ctx.t("Tab", "Tab"), "cell_bold"),
            para(ctx.t("Blad", "Sheet"), "cell_bold"),
            para(ctx.t("Stand van gegevens", "Data as of"), "cell_bold"),
            para(ctx.t("Afgedrukt", "Printed"), "cell_bold"),
        ]
    ]
    # Every tab of the binder: those in this print with today's date, the others with the
    # date of their valid print (known from the region's print records).
    printed_now = {sheet.name for _n, sheet in tabs}
    earlier = {
        row["sheet"]: row
        for row in print_status(ctx.store, ctx.lang, ctx.now)
        if row["binder"] == binder and row["scope"] == ctx.scope
    }
    for number, sheet in binder_tabs():
        if sheet.name in printed_now:
            as_of, printed = ctx.version.as_of, ctx.now.isoformat()
        elif sheet.name in earlier:
            as_of, printed = earlier[sheet.name]["data_as_of"], earlier[sheet.name]["printed_at"]
        else:
            continue
        rows.append(
            [
                para(str(number), "torch"),
                para(sheet.title(ctx.lang), "torch"),
                para(local(as_of, ctx.lang), "torch"),
                para(local(printed, ctx.lang), "torch"),
            ]
        )
    steps = ctx.t(
        "1. Kijk rechtsboven op het blad naar 'Stand van gegevens'.<br/>"
        "2. Vergelijk die met de tabel hieronder op de nieuwste controlelijst in deze map.<br/>"
        "3. Is het blad ouder dan de stand in de tabel, vervang het dan door het nieuwe blad "
        "en vernietig het oude.<br/>"
        "4. Een rooster geldt alleen voor de periode die op het blad staat; daarna belt u de "
        "piketnummers of de crisiscoördinator.<br/>"
        "Na elke wijziging wordt deze controlelijst opnieuw afgedrukt en achter in de map "
        "bovenop de vorige gelegd: de bovenste geldt.",
        "1. Look at 'Data as of' in the top right corner of the sheet.<br/>"
        "2. Compare it with the table below on the newest check list in this binder.<br/>"
        "3. Where the sheet is older than the date in the table, replace it with the new "
        "sheet and destroy the old one.<br/>"
        "4. A rota holds only for the period printed on the sheet; after that, call the piket "
        "numbers or the crisis coordinator.<br/>"
        "After every change this check list is printed again and put on top of the previous "
        "one at the back of the binder: the top one counts.",
    )
    return [
        NextPageTemplate("portrait"),
        PageBreak(),
        SheetStart(title),
        Heading(title, 0, "h1"),
        para(ctx.t("Map: ", "Binder: ") + binder, "torch_bold"),
        Spacer(1, 6),
        rich(steps, "torch"),
        Spacer(1, 8),
        torch_grid(rows, [18 * mm, 80 * mm, 42 * mm, 42 * mm]),
    ]


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
    records: list[tuple[str, str, int | None]] = []  # sheet, binder, tab
    if name == BINDER:
        records = [(sheet_name, printed.binder, number) for number, sheet_name in printed.tabs]
    elif _sheet(name).tracked:
        records = [(name, "", None)]
    for sheet_name, binder, tab in records:
        record_print(
            ctx.store,
            sheet=sheet_name,
            scope=ctx.scope,
            scope_label=ctx.scope_label,
            lang=ctx.lang,
            covers=covers(sheet_name),
            version=ctx.version,
            printed_at=ctx.now,
            pages=printed.pages,
            file=target,
            binder=binder,
            tab=tab,
            printed_by=ctx.device,
        )


def reprint_outdated(
    store: Any, binder: str, out: Path, lang: str = "nl", now: Any = None
) -> Printed | None:
    """One action: print the out-of-date tabs of the binder named `binder` (under their own
    tab numbers, with a new check list) and record them; None when every tab is current."""
    from .context import make_context

    check_output(out)
    stale = outdated_tabs(store, binder, lang, now)
    if not stale:
        return None
    scope = str(stale[0]["scope"])
    kind, _colon, key = scope.partition(":")
    ctx = make_context(
        store,
        region_text=key if kind == "region" and key != "-" else None,
        organisation_text=key if kind == "org" else None,
        lang=lang,
        now=now,
    )
    names = sorted({str(row["sheet"]) for row in stale if row["scope"] == scope})
    return print_to_file(ctx, BINDER, out, {"binder": binder, "tabs": names})
