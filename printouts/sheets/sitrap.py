"""The sitrap on A4: a kept version, in the words of its radio text (sitrap/text.py), with
the capacity as a table. A second page only when the data needs it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from resilient_zcc.crisis.regions import default_region
from resilient_zcc.errors import ZccError
from resilient_zcc.i18n import language, set_language
from resilient_zcc.localtime import duration_text
from resilient_zcc.sitrap.model import kept_sitrap
from resilient_zcc.sitrap.report import Sitrap
from resilient_zcc.sitrap.text import sections, time_text, title

from ..context import PrintContext
from ..layout import grid, header_row, para

# A sitrap is a kept snapshot: it never goes out of date, so its print is not tracked.
SITRAP_TABLES: frozenset[str] = frozenset()
CAPACITY = 3  # the position of the capacity in `sections`: shown as a table
JUDGEMENT = 7  # from here on (oordeel, besluit) the coordinator's own text


@contextmanager
def _speaking(lang: str) -> Iterator[None]:
    """The core's texts in the sheet's language, whatever the app shows."""
    before = language()
    set_language(lang)
    try:
        yield
    finally:
        set_language(before)


def _beds(ctx: PrintContext, report: Sitrap) -> Flowable:
    rows: list[list[Any]] = [
        header_row(
            ctx,
            "Categorie|Vrij na vastgehouden|Vastgehouden|Bemand|Bezet|Oudste cijfer|Verouderd",
            "Category|Free after held|Held|Staffed|Occupied|Oldest figure|Stale",
        )
    ]
    for beds in report.beds:
        rows.append(
            [
                para(beds["name"] if ctx.lang == "nl" else beds["name_en"]),
                para(str(beds["free_after_holds"]), "cell_bold"),
                para(str(beds["held"])),
                para(str(beds["staffed"])),
                para(str(beds["occupied"])),
                para(duration_text(beds["oldest_age_s"] // 60, ctx.lang)),
                para(str(beds["stale_locations"] or "")),
            ]
        )
    widths = [52 * mm, 26 * mm, 22 * mm, 18 * mm, 16 * mm, 28 * mm, 18 * mm]
    # Tight rows: fifteen categories and the rest of the picture fit one A4.
    tight = [("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]
    return grid(rows, widths, zebra=True, extra=tight)


def sitrap_sheet(ctx: PrintContext, options: dict[str, Any]) -> list[Flowable]:
    try:
        region_id = ctx.region_id or default_region(ctx.store)
        report = kept_sitrap(ctx.store, region_id, options.get("number"))
    except ZccError as exc:
        hint = ctx.t(
            "Er is nog geen sitrap om af te drukken. Maak er een (knop Sitrap op het Overzicht, "
            "of resilient-zcc sitrap make) en druk opnieuw af.",
            "There is no sitrap to print yet. Make one (the Sitrap button on the Overzicht, or "
            "resilient-zcc sitrap make) and print again.",
        )
        return [para(hint, "warning"), para(str(exc), "body")]
    story: list[Flowable] = []
    with _speaking(ctx.lang):
        facts = [
            [
                para(title(report), "cell_bold"),
                para(ctx.t("Opgesteld", "Made"), "cell_bold"),
                para(f"{time_text(report.made_at)} – {report.made_by}"),
                para(ctx.t("Vorige sitrap", "Previous sitrap"), "cell_bold"),
                para(time_text(report.previous_at)),
            ]
        ]
        widths = [62 * mm, 18 * mm, 50 * mm, 26 * mm, 24 * mm]
        story.append(grid(facts, widths, header=False))
        for n, (heading, lines) in enumerate(sections(report, ctx.lang)):
            block: list[Flowable] = [para(heading, "h3")]
            if n == CAPACITY and report.beds:
                block.append(_beds(ctx, report))
            else:
                block += [para(line, "small") for line in lines]
            if (
                n >= JUDGEMENT
            ):  # oordeel and besluit: room to read, framed as the coordinator's part
                block = [para(heading, "h3"), para("\n".join(lines), "body")]
            story.append(KeepTogether(block))
        story.append(Spacer(1, 3 * mm))
    return story
