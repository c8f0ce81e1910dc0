"""The one page template every sheet shares, and the building blocks sheets are made of.

Every page carries: the sheet's title, the region or organisation, "stand van gegevens"
(the time of the newest change included), when it was printed, the device, page x of y and
a confidentiality line. Header and footer are drawn when a page ends, so a sheet that
starts on a page names that page; "page x of y" is filled in when the file is saved.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from datetime import datetime
from io import BytesIO
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, A6, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageTemplate,
    Paragraph,
    Table,
    TableStyle,
)

from .context import PrintContext
from .fonts import BOLD, REGULAR, register_fonts

MIN_PT = 9  # nothing on paper is smaller
TORCH_PT = 11  # numbers and names on the sheets read by torchlight
NBSP = "\u00a0"
GREY = colors.Color(0.85, 0.85, 0.85)
LIGHT = colors.Color(0.94, 0.94, 0.94)

register_fonts()


def _style(
    name: str, size: float = MIN_PT, font: str = REGULAR, line: float = 1.22, **kw: Any
) -> ParagraphStyle:
    return ParagraphStyle(name, fontName=font, fontSize=size, leading=size * line, **kw)


STYLES = {
    "body": _style("body", 10, spaceAfter=3),
    "small": _style("small", MIN_PT),
    "cell": _style("cell", MIN_PT),
    "cell_bold": _style("cell_bold", MIN_PT, BOLD),
    # No keepWithNext: a heading before a long table would push the table to a new page.
    # Sheets put a CondPageBreak before a heading instead.
    "h1": _style("h1", 15, BOLD, spaceBefore=6, spaceAfter=5),
    "h2": _style("h2", 12, BOLD, spaceBefore=8, spaceAfter=3),
    "h3": _style("h3", 10.5, BOLD, spaceBefore=5, spaceAfter=2),
    "big": _style("big", 20, BOLD, spaceAfter=8),
    "tab": _style("tab", 40, BOLD, alignment=TA_CENTER, spaceAfter=20),
    "tab_sub": _style("tab_sub", 18, REGULAR, alignment=TA_CENTER),
    # The torch layout: black on white, numbers and names large enough to read in the dark.
    "torch": _style("torch", TORCH_PT),
    "torch_bold": _style("torch_bold", TORCH_PT, BOLD),
    "torch_head": _style("torch_head", 12, BOLD, 1.1, spaceBefore=2, spaceAfter=0),
    "torch_org": _style("torch_org", TORCH_PT, BOLD, 1.12),
    "torch_entry": _style(
        "torch_entry",
        TORCH_PT,
        REGULAR,
        1.12,
        leftIndent=8,
        firstLineIndent=-8,
        allowWidows=0,
        allowOrphans=0,
    ),
    "warning": _style(
        "warning",
        10,
        BOLD,
        borderColor=colors.black,
        borderWidth=1,
        borderPadding=4,
        spaceBefore=6,
        spaceAfter=8,
    ),
}


def local(iso: str | None, lang: str = "nl") -> str:
    """A UTC ISO time as local 'dd-mm-yyyy hh:mm' (Dutch) or 'yyyy-mm-dd hh:mm' (English)."""
    if not iso:
        return "-"
    moment = datetime.fromisoformat(iso).astimezone()
    return moment.strftime("%d-%m-%Y %H:%M" if lang == "nl" else "%Y-%m-%d %H:%M")


def para(text: str, style: str = "cell") -> Paragraph:
    """A paragraph of plain text (escaped); long words are split, never clipped."""
    return Paragraph(escape(text).replace("\n", "<br/>"), STYLES[style])


def rich(markup: str, style: str = "cell") -> Paragraph:
    """A paragraph of trusted markup: callers escape the data they put in (use `esc`)."""
    return Paragraph(markup, STYLES[style])


def header_row(ctx: PrintContext, nl: str, en: str) -> list[Paragraph]:
    """A table's header cells from 'A|B|C' in Dutch and English."""
    return [para(name, "cell_bold") for name in ctx.t(nl, en).split("|")]


def esc(text: object) -> str:
    return escape(str(text if text is not None else ""))


def grid(
    rows: Sequence[Sequence[Any]],
    widths: Sequence[float],
    *,
    header: bool = True,
    zebra: bool = False,
    extra: Sequence[tuple[Any, ...]] = (),
) -> Table:
    """A table with hairlines, a grey header row repeated on every page, cells on top."""
    table = Table(list(rows), colWidths=list(widths), repeatRows=1 if header else 0)
    commands: list[tuple[Any, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.4, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("FONTNAME", (0, 0), (-1, -1), REGULAR),
        ("FONTSIZE", (0, 0), (-1, -1), MIN_PT),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    if header:
        commands += [("BACKGROUND", (0, 0), (-1, 0), GREY), ("FONTNAME", (0, 0), (-1, 0), BOLD)]
    if zebra:
        for n in range(2 if header else 1, len(rows), 2):
            commands.append(("BACKGROUND", (0, n), (-1, n), LIGHT))
    table.setStyle(TableStyle(commands + list(extra)))
    return table


def nobreak(text: object) -> str:
    """Escaped text whose spaces never break a line: a number stays on one line."""
    return esc(text).replace(" ", NBSP)


def torch_grid(rows: Sequence[Sequence[Any]], widths: Sequence[float]) -> Table:
    """A table for reading by torchlight: no shading anywhere, a heavy rule under the
    header (repeated on every page), cells on top with room around the text."""
    table = Table(list(rows), colWidths=list(widths), repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
                ("LINEBELOW", (0, 0), (-1, 0), 1.8, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("FONTNAME", (0, 0), (-1, -1), REGULAR),
                ("FONTSIZE", (0, 0), (-1, -1), TORCH_PT),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                ("LEFTPADDING", (0, 0), (-1, -1), 4),
                ("RIGHTPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return table


class SheetStart(Flowable):
    """Zero-size marker: from the page it lands on, headers name this sheet."""

    def __init__(self, title: str, confidential: str = "", tab: int | None = None) -> None:
        super().__init__()
        self.title = title
        self.confidential = confidential
        self.tab = tab  # a binder tab: a black thumb mark on the page edge

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        return (0, 0)

    def draw(self) -> None:
        doc = getattr(self.canv, "_doctemplate", None)
        if doc is not None:
            doc.sheet_title = self.title
            doc.sheet_confidential = self.confidential
            doc.page_tab = self.tab


class Heading(Paragraph):
    """A heading that goes into the table of contents (level 0 or 1) and the PDF outline."""

    _numbers = itertools.count(1)

    def __init__(self, text: str, level: int = 0, style: str = "h1") -> None:
        super().__init__(esc(text), STYLES[style])
        self.toc_text = text
        self.toc_level = level
        self.key = f"h{next(self._numbers)}"  # known before layout: the contents refer to it


class TickBox(Flowable):
    """An empty square to tick by hand (drawn, so it prints on any printer)."""

    def __init__(self, size: float = 10) -> None:
        super().__init__()
        self.size = size

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        return (self.size, self.size + 1)

    def draw(self) -> None:
        self.canv.setLineWidth(0.9)
        self.canv.rect(0, 1, self.size, self.size)


class NumberedCanvas(Canvas):
    """Holds pages back until save, then writes 'page x of y' on each."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._saved: list[dict[str, Any]] = []
        # Contents entries whose page number is known only at the end:
        # (page, heading key, left x, right x, baseline y, font, size).
        self.number_slots: list[tuple[int, str, float, float, float, str, float]] = []
        # Headings (page, key, title, outline level). Bookmarks are made when their page is
        # really written at save: ReportLab ties a bookmark to the page being written.
        self.headings: list[tuple[int, str, str, int]] = []

    def showPage(self) -> None:  # noqa: N802
        self._saved.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._saved)
        for _page, key, title, level in self.headings:
            self.addOutlineEntry(title, key, level=level)
        for state in self._saved:
            self.__dict__.update(state)
            number = state.get("_pageNumber", 0)
            pattern = getattr(self, "page_pattern", "pagina {x} van {y}")
            width, _height = self._pagesize
            self.setFont(BOLD, MIN_PT)
            y = 3 * mm if width < 320 else FOOTER_Y
            self.drawRightString(width - MARGIN_FOR(width), y, pattern.format(x=number, y=total))
            for page, key, _title, _level in self.headings:
                if page == number:
                    self.bookmarkPage(key)
            pages = {key: page for page, key, _title, _level in self.headings}
            for page, key, left, right, baseline, font, size in self.number_slots:
                if page == number:
                    self.setFont(font, size)
                    self.drawRightString(right, baseline, str(pages.get(key, "?")))
                    if key in pages:  # on screen, the entry jumps to its page
                        box = (left, baseline - size * 0.3, right, baseline + size)
                        self.linkRect("", key, box, relative=0, name=f"contents-{key}")
            Canvas.showPage(self)
        Canvas.save(self)


FOOTER_Y = 8 * mm
PAGE_TOP = 27 * mm  # header above the frame on A4
PAGE_BOTTOM = 18 * mm  # footer below it
COLUMN_GAP = 5 * mm  # between the columns of the alarm card


def MARGIN_FOR(width: float) -> float:  # noqa: N802
    """Side margin: narrower on the A6 pocket card."""
    return 7 * mm if width < 320 else 14 * mm


class SheetDocument(BaseDocTemplate):
    """A4 portrait, A4 landscape and A6 card templates sharing one header and footer."""

    def __init__(self, ctx: PrintContext, first_template: str = "portrait") -> None:
        self.ctx = ctx
        self.buffer = BytesIO()
        self.sheet_title = ""
        self.sheet_confidential = ""
        self.outline_level = -1
        self.page_tab: int | None = None
        super().__init__(
            self.buffer,
            pagesize=A4,
            title="Resilient ZCC",
            author=ctx.device,
            creator="Resilient ZCC",
            leftMargin=14 * mm,
            rightMargin=14 * mm,
            topMargin=30 * mm,
            bottomMargin=20 * mm,
            initialFontName=REGULAR,  # not Helvetica, which covers Latin-1 only
            initialFontSize=MIN_PT,
        )
        templates = {
            "portrait": self._template("portrait", A4),
            "landscape": self._template("landscape", landscape(A4)),
            "card": self._template("card", A6),
            "columns": self._template("columns", A4, columns=2),
        }
        order = [first_template] + [name for name in templates if name != first_template]
        self.addPageTemplates([templates[name] for name in order])

    def _template(self, name: str, size: tuple[float, float], columns: int = 1) -> PageTemplate:
        width, height = size
        side = MARGIN_FOR(width)
        top = 21 * mm if name == "card" else PAGE_TOP
        bottom = 17 * mm if name == "card" else PAGE_BOTTOM
        gap = COLUMN_GAP if columns > 1 else 0
        column = (width - 2 * side - gap * (columns - 1)) / columns
        frames = [
            Frame(
                side + n * (column + gap),
                bottom,
                column,
                height - top - bottom,
                id=f"{name}-frame-{n}",
                leftPadding=0,
                rightPadding=0,
                topPadding=0,
                bottomPadding=0,
            )
            for n in range(columns)
        ]
        return PageTemplate(id=name, frames=frames, pagesize=size, onPageEnd=self._decorate)

    def _decorate(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        ctx = self.ctx
        width, height = canvas._pagesize
        side = MARGIN_FOR(width)
        card = width < 320
        usable = width - 2 * side
        canvas.saveState()
        t = ctx.t
        canvas.page_pattern = t("pagina {x} van {y}", "page {x} of {y}")
        # Header: title and scope left, data version, print time and device right.
        meta = [
            t("Stand van gegevens: ", "Data as of: ") + local(ctx.version.as_of, ctx.lang),
            t("Afgedrukt: ", "Printed: ") + local(ctx.now.isoformat(), ctx.lang),
            t("Apparaat: ", "Device: ") + f"{ctx.device} ({ctx.device_short})",
        ]
        meta_width = 0.0 if card else min(usable * 0.42, 95 * mm)
        title_width = usable - meta_width - (0 if card else 4 * mm)
        title = _header_title(self.sheet_title, title_width, card)
        scope = Paragraph(esc(_shorten(ctx.scope_label, 140)), STYLES["small"])
        y = height - (6 * mm if card else 9 * mm)
        for part in (title, scope):
            _w, h = part.wrap(title_width, 60)
            y -= h
            part.drawOn(canvas, side, y)
        canvas.setFont(REGULAR, MIN_PT)
        if not card:
            for n, line in enumerate(meta):
                canvas.drawRightString(
                    width - side, height - 12 * mm - n * 11, _fit(line, REGULAR, MIN_PT, meta_width)
                )
        line_y = height - (19 * mm if card else 25 * mm)
        canvas.setLineWidth(0.8)
        canvas.line(side, line_y, width - side, line_y)
        # Footer: confidentiality (and on the card the metadata), page x of y right.
        canvas.line(side, 14 * mm, width - side, 14 * mm)
        confidential = self.sheet_confidential or t(
            "VERTROUWELIJK: bevat contactgegevens. Alleen voor de crisisorganisatie; "
            "vervang bij een nieuwe afdruk en vernietig de oude.",
            "CONFIDENTIAL: contains contact details. For the crisis organisation only; "
            "replace with each new print and destroy the old one.",
        )
        canvas.setFont(BOLD, MIN_PT)
        reserve = 30 * mm
        if card:
            canvas.setFont(REGULAR, MIN_PT)
            canvas.drawString(
                side, 14 * mm - 11, _fit(f"{meta[0]} · {meta[1]}", REGULAR, MIN_PT, usable)
            )
            canvas.drawString(side, 14 * mm - 22, _fit(meta[2], REGULAR, MIN_PT, usable))
            canvas.setFont(BOLD, MIN_PT)
            canvas.drawString(
                side,
                3 * mm,
                _fit(t("VERTROUWELIJK", "CONFIDENTIAL"), BOLD, MIN_PT, usable - reserve),
            )
        else:
            lines = _wrap(confidential, BOLD, MIN_PT, usable - reserve)
            if len(lines) > 2:  # two lines at most; the rest shortened, never cut off
                lines = [lines[0], _fit(" ".join(lines[1:]), BOLD, MIN_PT, usable - reserve)]
            for n, line in enumerate(lines):
                canvas.drawString(side, 14 * mm - 11 - n * 11, line)
        if self.page_tab:
            _thumb_tab(canvas, self.page_tab, width, height)
            self.page_tab = None
        canvas.restoreState()

    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802
        if isinstance(flowable, Heading) and isinstance(self.canv, NumberedCanvas):
            # The outline may not skip a level (a sheet printed alone has no level 0).
            level = min(flowable.toc_level, self.outline_level + 1)
            self.outline_level = level
            self.canv.headings.append((self.page, flowable.key, flowable.toc_text, level))

    def render(self, story: list[Flowable]) -> bytes:
        """One layout pass: page totals and contents numbers are written at save."""
        self.outline_level = -1
        self.build(story, canvasmaker=NumberedCanvas)
        return self.buffer.getvalue()


def _thumb_tab(canvas: Canvas, number: int, width: float, height: float) -> None:
    """A black block with the tab number on the right edge, lower for each next tab, so the
    sections of a printed binder can be found by thumbing its edge (no colour needed)."""
    size = 16 * mm
    top = height - 35 * mm - (number - 1) * (size + 2 * mm)
    canvas.setFillColor(colors.black)
    canvas.rect(width - 12 * mm, top - size, 12 * mm, size, stroke=0, fill=1)
    canvas.setFillColor(colors.white)
    canvas.setFont(BOLD, 16)
    canvas.drawCentredString(width - 6 * mm, top - size / 2 - 5, str(number))
    canvas.setFillColor(colors.black)


def _header_title(text: str, width: float, card: bool) -> Paragraph:
    """The sheet title on one line at 15 pt, else on at most two lines at 12 pt (shortened
    with an ellipsis if even that is too long): the header never runs into the rule."""
    styles = [STYLES["h2"]] if card else [STYLES["h1"], STYLES["h2"]]
    for style in styles:
        head = style.clone("head", spaceBefore=0, spaceAfter=0)
        lines = _wrap(text, style.fontName, style.fontSize, width)
        if len(lines) <= (1 if style is STYLES["h1"] else 2):
            return Paragraph(esc(text), head)
    head = STYLES["h2"].clone("head", spaceBefore=0, spaceAfter=0)
    lines = _wrap(text, head.fontName, head.fontSize, width)
    short = _fit(lines[1] + " " + " ".join(lines[2:]), head.fontName, head.fontSize, width)
    return Paragraph(esc(lines[0] + " " + short), head)


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _fit(text: str, font: str, size: float, width: float) -> str:
    """The text, shortened with an ellipsis if it would not fit on one line of `width`."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def _wrap(text: str, font: str, size: float, width: float) -> list[str]:
    from reportlab.lib.utils import simpleSplit

    return list(simpleSplit(text, font, size, width))
