"""A Dutch person's name in parts: titles, given name or initials, tussenvoegsel, family
name. Lists write names every which way ("van der Berg, J.", "Dr. E. (Els) Kuipers",
"Henk de Proef"); the name as written stays what is shown, the parts serve the vCard's N
and sorting, where Dutch lists put "van der Berg" under B.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# Titles before a name (with or without their dot), academic and forms of address.
_TITLES = frozenset(
    [
        "dr",
        "drs",
        "mr",
        "ir",
        "ing",
        "prof",
        "bc",
        "ds",
        "dhr",
        "mevr",
        "mw",
        "mevrouw",
        "meneer",
        "heer",
        "mej",
        "drs.",
        "ma",
        "msc",
        "bsc",
        "phd",
        "llm",
        "mba",
        "arts",
        "jhr",
        "jkvr",
    ]
)
# Tussenvoegsels: the words between given and family name that sorting skips.
_INFIXES = frozenset(
    [
        "van",
        "de",
        "der",
        "den",
        "het",
        "'t",
        "te",
        "ten",
        "ter",
        "in",
        "'k",
        "d'",
        "da",
        "di",
        "la",
        "le",
        "von",
        "zu",
        "du",
        "des",
        "op",
        "uit",
        "voor",
        "aan",
        "bij",
        "onder",
        "over",
        "tot",
        "vd",
        "v/d",
        "el",
        "al",
        "dos",
        "del",
    ]
)
_NICKNAME = re.compile(r"\(([^)]*)\)")
_INITIALS = re.compile(r"^(?:[A-Z]{1,2}[a-z]?\.)+$|^[A-Z]$")  # 'J.', 'J.P.', 'Th.', 'J'


@dataclass(frozen=True)
class NameParts:
    family: str  # without tussenvoegsel: 'Berg'
    infix: str = ""  # 'van der'
    given: str = ""  # 'Els' or the initials when that is all the list gives
    initials: str = ""  # 'E.'
    titles: str = ""  # 'Dr.'

    @property
    def family_name(self) -> str:
        """The family name with its tussenvoegsel: 'van der Berg' (vCard N's family)."""
        return f"{self.infix} {self.family}".strip()


def _is_title(word: str) -> bool:
    return word.lower().rstrip(".") in _TITLES


def _is_infix(word: str) -> bool:
    return word.lower() in _INFIXES


@lru_cache(maxsize=8192)
def parse_name(text: str) -> NameParts:
    """'van der Berg, J.' -> NameParts('Berg', 'van der', 'J.', 'J.');
    'Dr. E. (Els) Kuipers' -> NameParts('Kuipers', '', 'Els', 'E.', 'Dr.')."""
    text = " ".join(text.split())
    nickname = ", ".join(m.strip() for m in _NICKNAME.findall(text) if m.strip())
    text = " ".join(_NICKNAME.sub(" ", text).split())
    if "," in text:  # 'Achternaam, Voorletters [tussenvoegsel]'
        family_part, _, given_part = (p.strip() for p in text.partition(","))
        family_words, given_words = family_part.split(), given_part.split()
        titles = [w for w in given_words if _is_title(w)]
        given_words = [w for w in given_words if not _is_title(w)]
        trailing: list[str] = []  # 'Berg, J. van der'
        while given_words and _is_infix(given_words[-1]):
            trailing.insert(0, given_words.pop())
        infix: list[str] = []
        while len(family_words) > 1 and _is_infix(family_words[0]):
            infix.append(family_words.pop(0))
        infix = infix or trailing
    else:
        words = text.split()
        titles = []
        while len(words) > 1 and _is_title(words[0]):
            titles.append(words.pop(0))
        family_words, given_words, infix = words[-1:], words[:-1], []
        # The family name starts at the first tussenvoegsel after a given name or initial.
        for i in range(1, len(words) - 1):
            if _is_infix(words[i]):
                j = i
                while j < len(words) - 1 and _is_infix(words[j]):
                    j += 1
                given_words, infix, family_words = words[:i], words[i:j], words[j:]
                break
        else:
            if len(words) == 1:
                given_words = []
    initials = " ".join(w for w in given_words if _INITIALS.match(w))
    given = nickname or " ".join(given_words)
    return NameParts(
        family=" ".join(family_words),
        infix=" ".join(infix),
        given=given,
        initials=initials.replace(" ", ""),
        titles=" ".join(titles),
    )


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return text.lower()


def sort_key(name: str) -> tuple[str, str, str]:
    """As Dutch lists sort: by family name without tussenvoegsel ('van der Berg' under B),
    then given name or initials, then the tussenvoegsel."""
    parts = parse_name(name)
    return (_fold(parts.family), _fold(parts.given), _fold(parts.infix))
