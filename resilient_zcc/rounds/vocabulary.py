"""The codes of call rounds, with their Dutch and English labels."""

from __future__ import annotations

from enum import StrEnum

from ..contacts.vocabulary import CHANNEL_KINDS


class Outcome(StrEnum):
    TAKEN = "opgepakt"  # a coordinator is calling this recipient now
    REACHED = "bereikt"
    NOT_REACHED = "niet_bereikt"  # after the channels in order


class State(StrEnum):
    OPEN = "open"
    TAKEN = "opgepakt"
    REACHED = "bereikt"
    NOT_REACHED = "niet_bereikt"


OUTCOMES: dict[str, tuple[str, str]] = {
    Outcome.TAKEN: ("Opgepakt", "Taken"),
    Outcome.REACHED: ("Bereikt", "Reached"),
    Outcome.NOT_REACHED: ("Niet bereikt", "Not reached"),
}

STATES: dict[str, tuple[str, str]] = {
    State.OPEN: ("Open", "Open"),
    State.TAKEN: ("Opgepakt", "Taken"),
    State.REACHED: ("Bereikt", "Reached"),
    State.NOT_REACHED: ("Niet bereikt", "Not reached"),
}

# Whom a round goes to: groups of functions, resolved at the start.
GROUPS: dict[str, tuple[str, str]] = {
    "crisiscoordinatoren": ("Alle crisiscoördinatoren", "All crisis coordinators"),
    "vvt": ("Alle aanspreekpunten VVT", "All VVT points of contact"),
    "zcc": ("De ZCC-functies", "The ZCC functions"),
}

# How a recipient was reached: the directory's channels, and a runner sent on foot.
MARK_CHANNELS: dict[str, tuple[str, str]] = {
    **CHANNEL_KINDS,
    "runner": ("Loper", "Runner"),
}

# After all channels failed: what comes next.
NEXT_STEPS: dict[str, tuple[str, str]] = {
    "opnieuw": ("Later opnieuw proberen", "Try again later"),
    "verzamelpunt": ("Via het fysieke verzamelpunt", "Via the physical meeting point"),
    "loper": ("Loper sturen", "Send a runner"),
}

# A figure a round may ask back; hours of autonomy can go into the continuity status.
FIGURES: dict[str, tuple[str, str]] = {
    "autonomy_hours": ("Uren autonomie", "Hours of autonomy"),
    "count": ("Aantal", "Number"),
}


def label(vocabulary: dict[str, tuple[str, str]], code: str, lang: str = "nl") -> str:
    pair = vocabulary.get(code)
    if pair is None:
        return code
    return pair[0] if lang == "nl" else pair[1]
