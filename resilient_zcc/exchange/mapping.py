"""Which column of a spreadsheet holds which field: guessed from the headers, adjustable.

Headers are matched after normalising (lowercase, accents and punctuation dropped), against
Dutch and English spellings GHOR lists use. A mapping is `{header: field}`; a header mapped to
`IGNORE` (or not mapped) is not read.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from ..errors import ValidationError

IGNORE = "ignore"

# field: (Dutch label, English label, spellings seen in real lists)
FIELDS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "key": (
        "Kenmerk",
        "Key",
        (
            "id",
            "kenmerk",
            "sleutel",
            "key",
            "uid",
            "personeelsnummer",
            "relatienummer",
            "contactid",
        ),
    ),
    "name": (
        "Naam",
        "Name",
        (
            "naam",
            "name",
            "volledige naam",
            "contactpersoon",
            "persoon",
            "full name",
            "naam contactpersoon",
            "medewerker",
            "contact",
        ),
    ),
    "first_name": (
        "Voornaam",
        "First name",
        ("voornaam", "roepnaam", "first name", "given name", "firstname"),
    ),
    "infix": ("Tussenvoegsel", "Infix", ("tussenvoegsel", "tussenv", "tv", "infix")),
    "last_name": (
        "Achternaam",
        "Last name",
        ("achternaam", "familienaam", "last name", "surname", "lastname", "family name"),
    ),
    "function": (
        "Functie",
        "Function",
        (
            "functie",
            "rol",
            "functie rol",
            "function",
            "role",
            "title",
            "job title",
            "position",
            "taak",
        ),
    ),
    "organisation": (
        "Organisatie",
        "Organisation",
        (
            "organisatie",
            "naam organisatie",
            "organisatienaam",
            "naam instelling",
            "instelling",
            "zorgaanbieder",
            "ketenpartner",
            "organisation",
            "organization",
            "company",
            "bedrijf",
        ),
    ),
    "short_name": (
        "Afkorting",
        "Short name",
        ("afkorting", "korte naam", "short name", "abbreviation"),
    ),
    "sector": (
        "Sector",
        "Sector",
        ("sector", "branche", "type organisatie", "soort organisatie", "type"),
    ),
    "city": (
        "Plaats",
        "City",
        ("plaats", "woonplaats", "vestigingsplaats", "city", "town", "locatie"),
    ),
    "region": ("Regio", "Region", ("regio", "veiligheidsregio", "region")),
    "direct": (
        "Telefoon",
        "Phone",
        (
            "telefoon",
            "tel",
            "telefoonnummer",
            "vast",
            "vast nummer",
            "direct",
            "direct nummer",
            "doorkiesnummer",
            "doorkies",
            "phone",
            "telephone",
            "work phone",
            "office phone",
            "telefoon werk",
            "tel werk",
            "vast doorkiesnummer",
            "vast doorkies",
            "vaste telefoon",
            "vast nummer doorkies",
            "landline",
            "secretariaat",
            "receptie",
            "centrale",
            "switchboard",
            "thuis",
            "thuisnummer",
            "home",
            "home phone",
        ),
    ),
    "mobile": (
        "Mobiel",
        "Mobile",
        (
            "mobiel",
            "mobiel nummer",
            "mobielnummer",
            "gsm",
            "06",
            "mobile",
            "cell",
            "cell phone",
            "mobile phone",
            "telefoon mobiel",
            "tel mobiel",
            "prive",
            "prive nummer",
            "prive mobiel",
            "private",
            "private phone",
        ),
    ),
    "piket": (
        "Piket",
        "On-call",
        (
            "piket",
            "piketnummer",
            "piket nummer",
            "piket telefoon",
            "dienstnummer",
            "dienst telefoon",
            "bereikbaarheidsdienst",
            "on call",
            "oncall",
            "on call phone",
            "duty phone",
            "24 7",
            "24x7",
            "24 uur",
            "24 7 nummer",
            "piket 24 7",
            "dienst",
            "dienstdoende",
            "bereikbaarheidsnummer",
            "achterwacht",
            "crisisnummer",
            "on duty",
        ),
    ),
    "satellite": (
        "Satelliet",
        "Satellite",
        (
            "satelliet",
            "satelliettelefoon",
            "sat",
            "sat telefoon",
            "satellite",
            "satellite phone",
            "satphone",
            "iridium",
        ),
    ),
    "c2000": (
        "C2000",
        "C2000",
        (
            "c2000",
            "c2000 gespreksgroep",
            "gespreksgroep",
            "talk group",
            "talkgroup",
            "portofoon",
            "portofoon c2000",
            "c2000 portofoon",
            "radio",
        ),
    ),
    "ncv": (
        "NCV",
        "NCV",
        ("ncv", "ncv nummer", "noodcommunicatievoorziening", "nood communicatie voorziening"),
    ),
    "email": (
        "E-mail",
        "E-mail",
        (
            "email",
            "e mail",
            "emailadres",
            "e mailadres",
            "mail",
            "mailadres",
            "e mail address",
            "email address",
        ),
    ),
    "meeting_point": (
        "Verzamelpunt",
        "Meeting point",
        ("verzamelpunt", "fysiek verzamelpunt", "meldpunt", "meeting point"),
    ),
    "availability": (
        "Bereikbaarheid",
        "Availability",
        (
            "bereikbaarheid",
            "beschikbaarheid",
            "bereikbaar",
            "availability",
            "available",
            "reachable",
            "hours",
            "uren",
            "tijden",
            "bereikbaar op",
            "when",
        ),
    ),
    "notes": (
        "Opmerking",
        "Notes",
        (
            "opmerking",
            "opmerkingen",
            "notitie",
            "notities",
            "toelichting",
            "notes",
            "note",
            "remarks",
            "comments",
        ),
    ),
    IGNORE: ("(niet inlezen)", "(ignore)", ()),
}
PHONE_FIELDS = ("direct", "mobile", "piket", "satellite")
# Headers whose name says more than the kind: kept as the note of the channels they give.
HEADER_NOTES = {"prive": "privé", "prive nummer": "privé", "prive mobiel": "privé",
                "thuis": "thuis", "thuisnummer": "thuis", "secretariaat": "secretariaat",
                "receptie": "receptie", "centrale": "centrale"}  # fmt: skip
CHANNEL_FIELDS = (*PHONE_FIELDS, "c2000", "ncv", "email", "meeting_point")

Mapping = dict[str, str]


@lru_cache(maxsize=65536)
def normalise_header(text: str) -> str:
    """'E-mailadres ' -> 'e mailadres'; 'Telefoon (werk)' -> 'telefoon werk'."""
    text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text.lower()).split())


_SPELLINGS = {
    normalise_header(spelling): field
    for field, (_nl, _en, spellings) in FIELDS.items()
    for spelling in spellings
}
for _field, (_nl, _en, _spellings) in FIELDS.items():
    _SPELLINGS.setdefault(normalise_header(_nl), _field)
    _SPELLINGS.setdefault(normalise_header(_en), _field)
    _SPELLINGS.setdefault(_field, _field)


# Words around a field's name that say nothing more: 'GSM-nummer', 'Telefoon piket'.
_FILLER = frozenset({"nummer", "nr", "no", "adres", "telefoon", "telefoonnummer", "tel",
                     "werk", "zakelijk", "algemeen", "van", "de", "het"})  # fmt: skip


def field_for_header(header: str) -> str | None:
    """The field a header names: a known spelling, optionally with a number ('Tel 2') or
    with filler words before or after it ('GSM-nummer', 'Telefoon piket')."""
    key = normalise_header(header)
    if not key:
        return None
    if key in _SPELLINGS:  # 'c2000', '06'
        return _SPELLINGS[key]
    bare = re.sub(r"\s*\(.*?\)\s*", " ", str(header)).strip()  # 'Piket (24/7)' -> 'Piket'
    if bare and bare != str(header).strip():
        found = field_for_header(bare)
        if found is not None:
            return found
    if "/" in str(header):  # 'Vast / doorkiesnummer': either half names the field
        for half in str(header).split("/"):
            found = field_for_header(half) if half.strip() else None
            if found is not None:
                return found
    key = re.sub(r"(?<=[a-z])\s*\d+$", "", key)  # 'telefoon 2', 'mobiel2'
    if key in _SPELLINGS:
        return _SPELLINGS[key]
    words = key.split()
    while words and words[-1] in _FILLER and " ".join(words[:-1]) not in _SPELLINGS:
        words.pop()
    if len(words) > 1 and " ".join(words[:-1]) in _SPELLINGS and words[-1] in _FILLER:
        words.pop()
    while len(words) > 1 and words[0] in _FILLER and " ".join(words) not in _SPELLINGS:
        words.pop(0)
    return _SPELLINGS.get(" ".join(words))


def guess_mapping(headers: list[str]) -> Mapping:
    """Map every header to a field where the spelling is known; the rest to IGNORE.

    Several headers may map to one channel field (two phone columns); one of the single
    fields (name, organisation, ...) is taken from the first header only.
    """
    mapping: Mapping = {}
    taken: set[str] = set()
    for header in headers:
        if not header or header in mapping:
            continue
        field = field_for_header(header)
        if field is None or (field in taken and field not in CHANNEL_FIELDS):
            mapping[header] = IGNORE
            continue
        mapping[header] = field
        taken.add(field)
    return mapping


def score_header_row(cells: list[str]) -> int:
    """How many cells of a row are known header spellings (to find the header row)."""
    return sum(1 for cell in cells if cell and field_for_header(cell) not in (None, IGNORE))


_EXAMPLE = '{"Tel2": "mobile"}'


def parse_mapping_option(text: str, headers: list[str]) -> Mapping:
    """`--mapping 'Tel2=mobile,Naam=name'` or the path of a JSON file {header: field}."""
    text = text.strip()
    if text.endswith(".json") or Path(text).is_file():
        try:
            raw = json.loads(Path(text).read_text(encoding="utf-8-sig"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ValidationError(
                "Cannot read the mapping file {path} ({reason}); give a JSON object like "
                "{example}.",
                path=text,
                reason=exc,
                example=_EXAMPLE,
            ) from exc
        if not isinstance(raw, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in raw.items()
        ):
            raise ValidationError(
                "{path} must hold a JSON object like {example}.", path=text, example=_EXAMPLE
            )
        pairs = list(raw.items())
    else:
        pairs = []
        for part in text.split(","):
            if not part.strip():
                continue
            header, sep, field = part.partition("=")
            if not sep:
                raise ValidationError(
                    "'{part}' is not HEADER=FIELD; write e.g. --mapping 'Tel2=mobile,Naam=name'.",
                    part=part.strip(),
                )
            pairs.append((header.strip(), field.strip()))
    by_normal = {normalise_header(h): h for h in headers}
    result: Mapping = {}
    for header, given in pairs:
        found = field_by_name(given)
        if found is None:
            raise ValidationError(
                "Unknown field '{field}' for column '{header}'. Fields: {fields}.",
                field=given,
                header=header,
                fields=", ".join(f"{nl} ({key})" for key, (nl, _en, _s) in FIELDS.items()),
            )
        actual = header if header in headers else by_normal.get(normalise_header(header))
        if actual is None:
            raise ValidationError(
                "The file has no column '{header}'. Its columns: {columns}.",
                header=header,
                columns=", ".join(h for h in headers if h),
            )
        result[actual] = found
    return result


def field_by_name(name: str) -> str | None:
    """A field from its key ('direct'), its label as the help shows it ('Telefoon',
    'Phone', '(niet inlezen)') or a header spelling ('Doorkiesnummer')."""
    if name in FIELDS:
        return name
    key = normalise_header(name)
    for field, (nl, en, _spellings) in FIELDS.items():
        if key in (normalise_header(nl), normalise_header(en)):
            return field
    if key in ("niet inlezen", "ignore", "overslaan", "skip"):
        return IGNORE
    return field_for_header(name)


def check_mapping(mapping: Mapping) -> None:
    """A mapping must name the person: a name column, or first and last name columns."""
    fields = set(mapping.values())
    if "name" not in fields and not {"first_name", "last_name"} <= fields:
        raise ValidationError(
            "No column holds the name (Naam, or Voornaam and Achternaam). Map one with "
            "--mapping 'KOLOM=name'."
        )


def signature(headers: list[str]) -> str:
    """What recognises a source again: its header row, normalised (file names change)."""
    text = "\x1f".join(normalise_header(h) for h in headers)
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def field_label(field: str, lang: str = "nl") -> str:
    nl, en, _ = FIELDS[field]
    return nl if lang == "nl" else en
