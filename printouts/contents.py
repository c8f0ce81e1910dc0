"""The binder's table of contents in one layout pass.

ReportLab's TableOfContents needs `multiBuild`: a pass to learn the page numbers, a pass to
print them (and doubles the time). Here the entries are known before layout (the binder's
headings), so the contents have their final length from the start; each entry leaves its
page number blank and notes where it goes, and `NumberedCanvas` writes the numbers when the
file is saved, as it does for "page x of y".
"""

from __future__ import annotations

from typing import Any

from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from .fonts import BOLD, REGULAR

NUMBER_WIDTH = 30.0
_LEVELS = ((BOLD, 12.0, 0.0, 7.0), (REGULAR, 10.0, 14.0, 2.0))  # font, size, indent, space


class Contents(Flowable):
    """Entries (level, text, heading key) with dot leaders; numbers filled in at save."""

    def __init__(self, entries: list[tuple[int, str, str]]) -> None:
        super().__init__()
        self.entries = entries
        self._lines: list[tuple[int, list[str]]] = []
        self.width = 0.0
        self.origin = (0.0, 0.0)

    def _layout(self, width: float) -> list[tuple[int, list[str], float]]:
        rows = []
        for level, text, _key in self.entries:
            font, size, indent, space = _LEVELS[min(level, 1)]
            lines = simpleSplit(text, font, size, width - indent - NUMBER_WIDTH - 10)
            rows.append((level, lines, space + len(lines) * size * 1.25))
        return rows

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self.width = availWidth
        return availWidth, sum(height for _l, _lines, height in self._layout(availWidth))

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        used, count = 0.0, 0
        for _level, _lines, height in self._layout(availWidth):
            if used + height > availHeight:
                break
            used, count = used + height, count + 1
        if count == 0 or count == len(self.entries):
            return []
        return [Contents(self.entries[:count]), Contents(self.entries[count:])]

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:  # noqa: N802, N803
        self.origin = (x, y)
        super().drawOn(canvas, x, y, _sW)

    def draw(self) -> None:
        canvas = self.canv
        rows = self._layout(self.width)
        y = sum(height for _l, _lines, height in rows)
        slots = getattr(canvas, "number_slots", None)
        for (level, lines, _height), (_lvl, _text, key) in zip(rows, self.entries, strict=True):
            font, size, indent, space = _LEVELS[min(level, 1)]
            y -= space
            canvas.setFont(font, size)
            for line in lines:
                y -= size * 1.25
                canvas.drawString(indent, y + size * 0.25, line)
            end = indent + stringWidth(lines[-1] if lines else "", font, size) + 4
            dots = self.width - NUMBER_WIDTH - end
            if dots > 0:
                count = int(dots / stringWidth(" .", REGULAR, size))
                canvas.setFont(REGULAR, size)
                canvas.drawRightString(self.width - NUMBER_WIDTH + 4, y + size * 0.25,
                                       " ." * count)  # fmt: skip
            if slots is not None:
                slots.append(
                    (
                        canvas.getPageNumber(),
                        key,
                        self.origin[0] + indent,
                        self.origin[0] + self.width,
                        self.origin[1] + y + size * 0.25,
                        font,
                        size,
                    )
                )
