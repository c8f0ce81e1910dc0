"""Fixed vocabularies of a continuity report, with Dutch and English labels."""

from __future__ import annotations

from enum import StrEnum


class Power(StrEnum):
    MAINS = "net"
    GENERATOR = "aggregaat"
    BATTERY = "ups"
    NONE = "geen"


class CareScale(StrEnum):
    NONE = "geen"
    PARTLY = "deels"
    ESSENTIAL = "essentieel"


class Evacuation(StrEnum):
    NONE = "geen"
    PREPARING = "voorbereiding"
    UNDER_WAY = "gaande"


POWER: dict[str, tuple[str, str]] = {
    Power.MAINS: ("Netstroom", "Mains"),
    Power.GENERATOR: ("Noodstroomaggregaat", "Generator"),
    Power.BATTERY: ("UPS / accu", "UPS / battery"),
    Power.NONE: ("Geen stroom", "No power"),
}
# Sources whose autonomy runs out; for these the hours left are required.
LIMITED_POWER = frozenset({Power.GENERATOR, Power.BATTERY})

# What can be down at a location, in the order a form lists it.
DOWN: dict[str, tuple[str, str]] = {
    "epd": ("ICT / EPD", "ICT / patient records"),
    "telefonie": ("Vaste telefonie", "Fixed telephony"),
    "mobiel": ("Mobiele telefonie", "Mobile telephony"),
    "internet": ("Internet", "Internet"),
    "water": ("Water", "Water"),
    "klimaat": ("Verwarming / koeling", "Heating / cooling"),
    "liften": ("Liften", "Lifts"),
    "medische_gassen": ("Medische gassen", "Medical gases"),
}

CARE_SCALE: dict[str, tuple[str, str]] = {
    CareScale.NONE: ("Niet afgeschaald", "Not scaled down"),
    CareScale.PARTLY: ("Deels afgeschaald", "Partly scaled down"),
    CareScale.ESSENTIAL: ("Alleen essentiële zorg", "Essential care only"),
}

EVACUATION: dict[str, tuple[str, str]] = {
    Evacuation.NONE: ("Geen evacuatie", "No evacuation"),
    Evacuation.PREPARING: ("Evacuatie in voorbereiding", "Evacuation being prepared"),
    Evacuation.UNDER_WAY: ("Evacuatie gaande", "Evacuation under way"),
}

SOURCES: dict[str, tuple[str, str]] = {
    "formulier": ("formulier / app", "form / app"),
    "telefoon": ("telefonisch", "by phone"),
    "radio": ("C2000 / NCV", "C2000 / NCV radio"),
    "satelliet": ("satelliettelefoon", "satellite phone"),
    "papier": ("papier / koerier", "paper / courier"),
    "mondeling": ("mondeling (ter plaatse)", "in person"),
    "bestand": ("bestand (CSV)", "file (CSV)"),
}

MAX_AUTONOMY_HOURS = 24 * 30  # a month: beyond that a figure is a typing slip


def label(vocabulary: dict[str, tuple[str, str]], code: str, lang: str = "nl") -> str:
    pair = vocabulary.get(code)
    if pair is None:
        return code
    return pair[0] if lang == "nl" else pair[1]
