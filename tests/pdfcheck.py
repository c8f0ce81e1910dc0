"""Reading PDFs back in tests: page texts, text without white space, lines off the page."""

from __future__ import annotations

import io
import re
from typing import Any

from pypdf import PdfReader
from reportlab.pdfbase.pdfmetrics import stringWidth

from printouts.fonts import BOLD, REGULAR


def text_of(pdf: bytes) -> list[str]:
    return [p.extract_text() or "" for p in PdfReader(io.BytesIO(pdf)).pages]


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def outside_the_page(pdf: bytes) -> list[str]:
    """Text drawn (partly) outside its page: what a clipped line would be. Each run of text is
    measured in the face it was set in (regular or bold)."""
    problems = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        width = float(page.mediabox.width)

        def visit(
            text: str,
            cm: list[float],
            tm: list[float],
            font: Any,
            size: float,
            width: float = width,
        ) -> None:
            if not text.strip():
                return
            scale = tm[0] * cm[0] or 1.0
            start = cm[4] + tm[4] * cm[0]
            face = BOLD if "Bold" in str((font or {}).get("/BaseFont", "")) else REGULAR
            end = start + stringWidth(text.rstrip("\n"), face, size * scale)
            if start < 0 or end > width - 5:
                problems.append(text)

        page.extract_text(visitor_text=visit)
    return problems


def text_lines(pdf: bytes, page_number: int) -> list[str]:
    """The page's text as printed lines: runs on the same baseline joined left to right
    (text drawn at the end, such as page numbers written at save, lands in its line)."""
    page = PdfReader(io.BytesIO(pdf)).pages[page_number]
    runs: dict[int, list[tuple[float, str]]] = {}

    def visit(text: str, cm: list[float], tm: list[float], *_: Any) -> None:
        if text.strip():
            y = round(cm[5] + tm[5] * cm[3])
            runs.setdefault(y, []).append((cm[4] + tm[4] * cm[0], text.strip()))

    page.extract_text(visitor_text=visit)
    return [" ".join(t for _x, t in sorted(runs[y])) for y in sorted(runs, reverse=True)]
