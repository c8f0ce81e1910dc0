"""Fixed vocabularies of the directory, with Dutch and English labels."""

from __future__ import annotations

# Channel kinds in their usual fallback order; phone kinds are validated as phone numbers.
CHANNEL_KINDS: dict[str, tuple[str, str]] = {
    "direct": ("Direct nummer", "Direct line"),
    "mobile": ("Mobiel", "Mobile"),
    "piket": ("Piketnummer", "On-call phone"),
    "satellite": ("Satelliettelefoon", "Satellite phone"),
    "c2000": ("C2000-gespreksgroep", "C2000 talk group"),
    "ncv": ("NCV", "Emergency communication network (NCV)"),
    "email": ("E-mail", "E-mail"),
    "meeting_point": ("Fysiek verzamelpunt", "Physical meeting point"),
}
PHONE_KINDS = frozenset({"direct", "mobile", "piket", "satellite"})

AVAILABILITY: dict[str, tuple[str, str]] = {
    "24/7": ("24/7", "24/7"),
    "office_hours": ("Kantooruren", "Office hours"),
    "rota": ("Volgens rooster", "By rota"),
    # Only when the region scales up (a crisis team's line), and what an imported list
    # left unsaid: never assumed to be 24/7.
    "scale_up": ("Bij opschaling", "When scaled up"),
    "unknown": ("Onbekend", "Unknown"),
}

SECTORS: dict[str, tuple[str, str]] = {
    "ziekenhuis": ("Ziekenhuizen / MSR", "Hospitals"),
    "huisartsen": ("Huisartsenzorg", "General practice"),
    "ambulance": ("Ambulancezorg", "Ambulance care"),
    "vvt": ("VVT", "Nursing, care and home care"),
    "ggz": ("GGZ", "Mental health care"),
    "ghz": ("GHZ / VG-LG", "Disability care"),
    "informele_zorg": ("Informele zorg", "Informal care"),
    "apotheek": ("Apotheken", "Pharmacies"),
    "zbc": ("ZBC's", "Independent treatment centres"),
    "rode_kruis": ("Rode Kruis", "Red Cross"),
    "defensie": ("Defensie", "Defence"),
    "gemeente": ("Gemeenten", "Municipalities"),
    "coordinatie": ("Coördinerende organisaties", "Coordinating bodies"),
    "leverancier": (
        "Leveranciers (zuurstof, farmacie, brandstof, medische goederen)",
        "Suppliers (oxygen, pharmacy, fuel, medical goods)",
    ),  # fmt: skip
    # An organisation an import could not place: listed for a person to classify.
    "unclassified": ("Nog in te delen", "Not yet classified"),
}
UNCLASSIFIED = "unclassified"

OWNER_TYPES = frozenset({"person", "function", "organisation"})


def label(vocabulary: dict[str, tuple[str, str]], code: str, lang: str = "nl") -> str:
    pair = vocabulary.get(code)
    if pair is None:
        return code
    return pair[0] if lang == "nl" else pair[1]
