"""Every sheet: its name on the command line, title, page layout, what data it covers
(for knowing when the paper is out of date) and the function that builds its story."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from reportlab.platypus import Flowable

from ..context import PrintContext
from .capacity import CAPACITY_TABLES, TALLY_TABLES, capacity_overview, tally_forms
from .contacts import CONTACT_TABLES, alarm_card, contact_list, pocket_cards
from .crisis import CRISIS_TABLES, crisis_structure
from .outage import (
    CONTINUITY_TABLES,
    HOMECARE_TABLES,
    continuity_forms,
    continuity_sheet,
    homecare_sheet,
)
from .placements import PLACEMENT_TABLES, placement_list, registration_forms
from .procedures import PROCEDURE_TABLES, procedures
from .recovery import recovery_sheet
from .rounds import ROUND_TABLES, blank_round_sheet, call_sheet
from .sitrap import SITRAP_TABLES, sitrap_sheet

Builder = Callable[[PrintContext, dict[str, Any]], list[Flowable]]


@dataclass(frozen=True)
class Sheet:
    name: str
    title_nl: str
    title_en: str
    template: str  # 'portrait', 'landscape' or 'card'
    covers: frozenset[str]
    build: Builder
    in_binder: bool = True
    tracked: bool = True  # recorded in the print log (the recovery key is not data)

    def title(self, lang: str) -> str:
        return self.title_nl if lang == "nl" else self.title_en


SHEETS: dict[str, Sheet] = {
    s.name: s
    for s in (
        Sheet("alarmkaart", "Alarmkaart", "Alarm card", "columns", CONTACT_TABLES, alarm_card),
        Sheet(
            "bereikbaarheid",
            "Bereikbaarheidslijst",
            "Key-contact list",
            "landscape",
            CONTACT_TABLES,
            contact_list,
        ),
        Sheet(
            "crisisstructuur",
            "Crisisstructuur en taakkaarten",
            "Crisis structure and task cards",
            "portrait",
            CRISIS_TABLES,
            crisis_structure,
        ),
        Sheet(
            "capaciteit",
            "Capaciteitsoverzicht",
            "Capacity overview",
            "landscape",
            CAPACITY_TABLES,
            capacity_overview,
        ),
        Sheet(
            "telformulieren",
            "Telformulieren capaciteit",
            "Capacity tally forms",
            "portrait",
            TALLY_TABLES,
            tally_forms,
        ),
        Sheet(
            "plaatsingen",
            "Plaatsingslijst",
            "Placement queue",
            "landscape",
            PLACEMENT_TABLES,
            placement_list,
        ),
        Sheet(
            "aanmeldformulieren",
            "Aanmeldformulieren plaatsing",
            "Placement registration forms",
            "portrait",
            frozenset(),
            registration_forms,
        ),
        Sheet(
            "continuiteit",
            "Continuïteit locaties",
            "Continuity of locations",
            "landscape",
            CONTINUITY_TABLES,
            continuity_sheet,
        ),
        Sheet(
            "thuiszorg",
            "Stroomafhankelijke zorg thuis",
            "Power-dependent care at home",
            "portrait",
            HOMECARE_TABLES,
            homecare_sheet,
        ),
        Sheet(
            "continuiteitsformulieren",
            "Continuïteitsformulieren",
            "Continuity report forms",
            "portrait",
            frozenset(),
            continuity_forms,
        ),
        Sheet(
            "noodprocedures",
            "Noodprocedures",
            "Fallback procedures",
            "portrait",
            PROCEDURE_TABLES,
            procedures,
        ),
        Sheet("zakkaarten", "Zakkaarten", "Pocket cards", "card", CONTACT_TABLES, pocket_cards),
        Sheet(
            "belrondeformulier",
            "Belronde (leeg formulier)",
            "Call round (blank form)",
            "portrait",
            frozenset(),
            blank_round_sheet,
        ),
        # One round's sheet: printed from 'round print', not part of the binder.
        Sheet(
            "belronde",
            "Belronde",
            "Call round",
            "portrait",
            ROUND_TABLES,
            call_sheet,
            in_binder=False,
            tracked=False,
        ),
        Sheet(
            "herstelsleutel",
            "Herstelsleutel",
            "Recovery key",
            "portrait",
            frozenset(),
            recovery_sheet,
            in_binder=False,
            tracked=False,
        ),
        Sheet(
            "sitrap",
            "Situatierapport (sitrap)",
            "Situation report (sitrap)",
            "portrait",
            SITRAP_TABLES,
            sitrap_sheet,
            in_binder=False,
            tracked=False,
        ),
    )
}
