"""Kinds of power dependency at home and the autonomy bands clients are counted in."""

from __future__ import annotations

from enum import StrEnum


class Dependency(StrEnum):
    VENTILATION = "beademing"
    OXYGEN = "zuurstof"
    PUMP = "pomp"
    DIALYSIS = "dialyse"
    BED_HOIST = "bed_tillift"
    OTHER = "overig"


DEPENDENCIES: dict[str, tuple[str, str]] = {
    Dependency.VENTILATION: ("Thuisbeademing", "Home ventilation"),
    Dependency.OXYGEN: ("Zuurstofconcentrator", "Oxygen concentrator"),
    Dependency.PUMP: ("Infuus- of voedingspomp", "Infusion or feeding pump"),
    Dependency.DIALYSIS: ("Thuisdialyse", "Home dialysis"),
    Dependency.BED_HOIST: ("Elektrisch bed of tillift", "Electric bed or hoist"),
    Dependency.OTHER: ("Overig", "Other"),
}

# Autonomy bands: how long a client's own battery or backup lasts (columns of a report).
BANDS: dict[str, tuple[str, str]] = {
    "under_4h": ("< 4 uur", "< 4 hours"),
    "from_4_to_12h": ("4-12 uur", "4-12 hours"),
    "over_12h": ("> 12 uur", "> 12 hours"),
}
SHORT_BAND_HOURS = 4  # upper limit of the first band
MIDDLE_BAND_HOURS = 12  # upper limit of the second


def label(vocabulary: dict[str, tuple[str, str]], code: str, lang: str = "nl") -> str:
    pair = vocabulary.get(code)
    if pair is None:
        return code
    return pair[0] if lang == "nl" else pair[1]
