"""Turning what people type in a cell into the directory's values: numbers, sectors, hours."""

from __future__ import annotations

import re
from functools import lru_cache

from ..contacts.vocabulary import SECTORS
from .mapping import normalise_header

# Between several numbers or addresses in one cell.
_SEPARATORS = re.compile(r"\s*(?:[;,\n|]|\s+(?:of|en|or|and|/)\s+)\s*", re.IGNORECASE)
_LABEL = re.compile(r"^\s*(?:tel|telefoon|mob|mobiel|gsm|piket|fax|e-?mail|mail)\s*[.:]\s*", re.I)
# A word before a number that says whose or which it is: 'privé 06-…', 'werk: 053-…'.
_WORD_LABEL = re.compile(
    r"^\s*(mobiel|mob|gsm|privé|prive|thuis|werk|piket|dienst|secretariaat|receptie|"
    r"kantoor|vast|direct|doorkies|sat|satelliet|home|work|mobile|private|office)\s*[.:]?\s+"
    r"(?=[+(\d])",
    re.I,
)
# Labels that name the channel's kind already say nothing a note should repeat.
_PLAIN_LABELS = frozenset({"mobiel", "mob", "gsm", "vast", "direct", "doorkies", "mobile"})
_NOTE = re.compile(r"\(([^)]*[A-Za-z][^)]*)\)")  # '(privé)', '(alleen bij GRIP)'

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def unescape_formula_guard(text: str) -> str:
    """Undo the apostrophe our exports put before = + - @ (so a round trip changes nothing)."""
    if len(text) > 1 and text[0] == "'" and text[1] in FORMULA_START:
        return text[1:]
    return text


_PLAIN_NUMBER = re.compile(r"^[\d +.\-]+$")  # one number, nothing else: most cells


def split_values(cell: str) -> list[tuple[str, str]]:
    """'06-1234 5678 (privé) / 053-123 4567' -> [('06-1234 5678', 'privé'), ('053-...', '')]."""
    if _PLAIN_NUMBER.match(cell):
        return [(cell.strip(), "")]
    parts = []
    for part in _SEPARATORS.split(cell):
        part = part.strip()
        if not part:
            continue
        notes = [m.strip() for m in _NOTE.findall(part)]
        value = _LABEL.sub("", _NOTE.sub("", part)).strip()
        word = _WORD_LABEL.match(value)
        if word is not None:
            value = value[word.end() :].strip()
            label = word.group(1).lower().replace("prive", "privé")
            if label not in _PLAIN_LABELS:
                notes.insert(0, label)
        note = ", ".join(notes)
        if value.lower().startswith("mailto:"):
            value = value[7:]
        if value:
            parts.append((value, note))
    return parts


def split_phone_part(value: str) -> list[str]:
    """A part with a '/' may be one number (053/1234567) or two (06-12345678/06-87654321)."""
    if "/" not in value:
        return [value]
    pieces = [p.strip() for p in value.split("/") if p.strip()]
    if all(sum(ch.isdigit() for ch in p) >= 9 for p in pieces):
        return pieces
    return [value]


_AVAILABILITY_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "24/7",
        (
            "24 7",
            "24x7",
            "24 x 7",
            "24 uur",
            "24u",
            "altijd",
            "dag en nacht",
            "always",
            "24 7 bereikbaar",
            "continu",
        ),
    ),
    (
        "office_hours",
        (
            "kantoor",
            "kantooruren",
            "kantoortijd",
            "kantoortijden",
            "werkdagen",
            "ma vr",
            "ma t m vr",
            "maandag t m vrijdag",
            "office",
            "office hours",
            "business hours",
            "weekdays",
            "overdag",
        ),
    ),
    (
        "scale_up",
        (
            "bij opschaling",
            "opschaling",
            "alleen bij opschaling",
            "bij grip",
            "alleen bij grip",
            "bij crisis",
            "bij calamiteiten",
            "when scaled up",
            "on escalation",
        ),
    ),
    (
        "rota",
        (
            "rooster",
            "volgens rooster",
            "dienst",
            "diensten",
            "piket",
            "piketrooster",
            "rota",
            "by rota",
            "on call",
            "wisselend",
        ),
    ),
)


@lru_cache(maxsize=4096)  # a list repeats a handful of spellings thousands of times
def parse_availability(text: str) -> str | None:
    """'24/7', 'ma-vr 8-17', 'volgens rooster' -> '24/7', 'office_hours', 'rota'; else None."""
    key = normalise_header(text)
    if not key:
        return None
    for code, words in _AVAILABILITY_WORDS:
        if key == normalise_header(code) or any(
            key == w or key.startswith(w + " ") or f" {w} " in f" {key} " for w in words
        ):
            return code
    if re.search(r"\b(ma|maandag)\b.*\b(vr|vrij|vrijdag)\b", key):
        return "office_hours"
    if key in ("onbekend", "unknown", "nvt", "n v t", "?"):
        return "unknown"
    return None


def header_availability(header: str) -> str | None:
    """'Piket (24/7)', '24/7 nummer': a column whose heading states its availability."""
    key = normalise_header(header)
    if re.search(r"\b24 ?(?:7|x ?7|uur)\b", key):
        return "24/7"
    return None


def is_emergency_number(text: str) -> bool:
    """112 (or 911/999 from foreign lists) is the public emergency number, not a contact's."""
    return "".join(ch for ch in text if ch.isdigit()) in ("112", "911", "999")


_SECTOR_WORDS: dict[str, tuple[str, ...]] = {
    "ziekenhuis": ("ziekenhuis", "ziekenhuizen", "msr", "umc", "hospital", "mst", "zgt"),
    "huisartsen": (
        "huisarts",
        "huisartsen",
        "huisartsenzorg",
        "hap",
        "huisartsenpost",
        "haroP",
        "gp",
    ),
    "ambulance": ("ambulance", "ambulancezorg", "rav", "mka", "meldkamer"),
    "vvt": ("vvt", "verpleeghuis", "thuiszorg", "wijkverpleging", "zorggroep", "elv", "grz"),
    "ggz": ("ggz", "mental health", "psychiatrie"),
    "ghz": ("ghz", "gehandicaptenzorg", "vg", "lg", "vg lg"),
    "informele_zorg": ("informele zorg", "mantelzorg", "vrijwilligers"),
    "apotheek": ("apotheek", "apotheken", "pharmacy"),
    "zbc": ("zbc", "zbcs", "zelfstandig behandelcentrum"),
    "rode_kruis": ("rode kruis", "red cross"),
    "defensie": ("defensie", "defence", "defense"),
    "gemeente": ("gemeente", "gemeenten", "municipality"),
    "coordinatie": (
        "ghor",
        "veiligheidsregio",
        "roaz",
        "lcps",
        "rcps",
        "lnaz",
        "ggd",
        "coordinatie",
        "bureau aze",
        "dpg",
    ),
}


@lru_cache(maxsize=4096)
def parse_sector(text: str) -> str | None:
    """A sector code from a code, a label (Dutch or English) or a common word for it."""
    key = normalise_header(text)
    if not key:
        return None
    for code, (nl, en) in SECTORS.items():
        if key in (normalise_header(code), normalise_header(nl), normalise_header(en)):
            return code
    for code, words in _SECTOR_WORDS.items():
        if key in {normalise_header(w) for w in words}:
            return code
    return None


@lru_cache(maxsize=4096)
def guess_sector(organisation: str) -> str | None:
    """A sector from words in an organisation's name ('Huisartsenpost Almelo')."""
    key = f" {normalise_header(organisation)} "
    for code, words in _SECTOR_WORDS.items():
        for word in words:
            w = normalise_header(word)
            if len(w) >= 3 and (f" {w} " in key or (len(w) >= 6 and w in key)):
                return code
    return None
