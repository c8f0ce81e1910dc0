"""The embedded print font: Source Sans Pro (TrueType, SIL OFL), shipped as a Python wheel.

ReportLab's built-in PDF fonts cover Latin-1 only, so "Łukasz" would print as boxes. The
TrueType font is embedded (subset) in every PDF, so the file prints the same everywhere.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from resilient_zcc.errors import ZccError

REGULAR = "ZccSans"
BOLD = "ZccSans-Bold"
ITALIC = "ZccSans-Italic"
BOLD_ITALIC = "ZccSans-BoldItalic"
MONO = "Courier-Bold"  # recovery keys are base32 (ASCII): the built-in font is enough

_FILES = {
    REGULAR: "SourceSansPro",
    BOLD: "SourceSansProBold",
    ITALIC: "SourceSansProIt",
    BOLD_ITALIC: "SourceSansProBoldIt",
}
_registered = False


def font_files() -> dict[str, Path]:
    """The TrueType files of the print font, or a clear error when the package is missing."""
    try:
        import font_source_sans_pro
    except ImportError as exc:
        raise ZccError(
            "The print font is missing (Python package font-source-sans-pro). Reinstall "
            "Resilient ZCC (pip install -e .) and print again."
        ) from exc
    files = {
        name: Path(font_source_sans_pro.font_files_ttf.get(key, "")) for name, key in _FILES.items()
    }
    missing = [str(path) or key for key, path in files.items() if not path.is_file()]
    if missing:
        raise ZccError(
            "The print font files are incomplete ({missing}); reinstall the "
            "package font-source-sans-pro.",
            missing=", ".join(missing),
        )
    return files


def register_fonts() -> None:
    """Register the font family once per process (idempotent)."""
    global _registered
    if _registered:
        return
    for name, path in font_files().items():
        pdfmetrics.registerFont(TTFont(name, str(path)))
    pdfmetrics.registerFontFamily(
        REGULAR, normal=REGULAR, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC
    )
    for bold, italic, name in ((0, 0, REGULAR), (1, 0, BOLD), (0, 1, ITALIC), (1, 1, BOLD_ITALIC)):
        addMapping(REGULAR, bold, italic, name)
    _registered = True
