"""The demo region's crisis structure: region rows, a phase history ending in 2a, the
escalation path, ZCC task cards, measures, a logbook and fallback procedures.

Decision makers are named by invented function titles ("DPG Twente (demo)"), never by a
person's name. Ids are derived with `demo_id`, so two devices that loaded the demo merge.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from ..crisis.escalation import DEFAULT_PATH, set_escalation_path
from ..crisis.logbook import add_entry
from ..crisis.measures import ensure_measures, set_measure_active
from ..crisis.phases import set_phase
from ..crisis.regime import ESCALATION, NOODSCENARIO, NORMAL
from ..crisis.regions import add_region
from ..crisis.taskcards import Action, CardAction, set_task_card
from ..procedures.model import add_step, create_procedure
from .contacts import ORGANISATIONS, demo_id

if TYPE_CHECKING:
    from ..store import Store

REGION_NAME = "ROAZ-regio Euregio / Veiligheidsregio Twente"
LOGGER = "ZCC logger (demo)"
ROAZ = "Bestuurlijk ROAZ Euregio (demo)"
DPG = "DPG Twente, voorzitter bestuurlijk ROAZ (demo)"
KETENOVERLEG = "Ketenoverleg zorgcontinuïteit Twente (demo)"

# (days before now, phase, decided by, advised by, picture, text)
PHASE_HISTORY: tuple[tuple[float, str, str, str, str, str], ...] = (
    (
        42,
        "1a",
        ROAZ,
        KETENOVERLEG,
        "Reguliere zorg met dagelijkse pieken; geen bedreiging van de zorgcontinuïteit "
        "(fictief beeld).",
        "Start registratie LNAZ-fase in Resilient ZCC.",
    ),
    (
        18,
        "1b",
        DPG,
        KETENOVERLEG,
        "Kliniekbezetting MST 96% en ZGT 94%; SEH-stops drie keer deze week; "
        "uitstroom naar VVT stokt (fictief beeld).",
        "Druk op de ziekenhuizen binnen de ROAZ-regio; ketenoverleg twee keer per week.",
    ),
    (
        4,
        "2a",
        ROAZ,
        "ZCC-overleg en RCPS Euregio (demo)",
        "IC-bezetting regio 92%; 14 patiënten wachten op plaatsing in VVT; "
        "ambulancezorg meldt 30% langere rijtijden (fictief beeld).",
        "Grote druk op de ziekenhuiszorg in de regio; ZCC dagelijks bemensen 08-20 uur.",
    ),
)

# (days before now, measure code, decided by)
ACTIVE_MEASURES: tuple[tuple[float, str, str], ...] = (
    (41, "1", ROAZ),
    (17, "3", DPG),
    (16, "4A", ROAZ),
    (3.5, "5", ROAZ),
)

# (key, days before now, kind, text, decided by)
LOG: tuple[tuple[str, float, str, str, str | None], ...] = (
    (
        "ev-1",
        20,
        "gebeurtenis",
        "MST meldt SEH-stop van 14:00 tot 18:00 wegens volle kliniek.",
        None,
    ),
    (
        "bs-1",
        17.5,
        "besluit",
        "Ketenoverleg zorgcontinuïteit gaat naar twee keer per week; "
        "crisiscoördinatoren sluiten aan.",
        DPG,
    ),
    (
        "ev-2",
        10,
        "gebeurtenis",
        "Zorgschakel Enschede meldt 6 vrije ELV-bedden; Alerta 2 (fictief).",
        None,
    ),
    (
        "bs-2",
        3.8,
        "besluit",
        "ZCC wordt dagelijks bemensd van 08:00 tot 20:00; alle ketenpartners schalen op.",
        ROAZ,
    ),
    (
        "ev-3",
        2,
        "gebeurtenis",
        "Ambulance Oost: vervoerscapaciteit krap in de avond; RCPS Euregio geïnformeerd.",
        None,
    ),
    (
        "ev-4",
        1,
        "gebeurtenis",
        "Roessingh stelt 8 cohortbedden beschikbaar voor COVID-patiënten.",
        None,
    ),
)
CORRECTION = (
    "corr-1",
    0.9,
    "ev-4",
    "Correctie: Roessingh stelt 6 cohortbedden beschikbaar, niet 8.",
)

TASK_CARDS: dict[str, tuple[str, str, tuple[Action, ...]]] = {
    "zcc_huisarts": (
        "Huisarts met beslissingsbevoegdheid",
        "Beslissingsbevoegdheid in het ZCC over triage en plaatsing, gemandateerd door de "
        "ketenpartners (regioplan Twente).",
        (
            "Meld je bij de ZCC-voorzitter en neem de overdracht van de vorige dienst door",
            "Beoordeel nieuwe aanmeldingen van verwijzers: triage op urgentie en zorgbehoefte",
            "Controleer bij elke aanmelding wensen en behandelbeperkingen (ACP)",
            "Besluit over plaatsing: thuis met ondersteuning, coronaunit, ELV of ziekenhuis",
            "Besluit als een instelling een toegewezen patiënt weigert ('geen eigen cliënt' is "
            "geen reden)",
            "Stem terugval op de huisartsenposten af met HaROP en de HAP's",
            CardAction("Pas de regionale triage-uitgangspunten toe", regime=NOODSCENARIO),
        ),
    ),
    "zcc_ambulance": (
        "Ambulanceprofessional vervoerscoördinatie",
        "Coördineert namens de RAV de capaciteit en inzet van vervoer vanuit het ZCC.",
        (
            "Haal het actuele beeld van de ambulancecapaciteit op bij de meldkamer",
            "Plan vervoer alleen als de ontvangende partij geregeld is (check bij de aanvrager)",
            "Kies het vervoersmiddel: ambulance, zittend vervoer of HFNO-transport",
            "Bundel ritten tussen ziekenhuizen en VVT-locaties waar mogelijk",
            "Meld bovenregionale overplaatsingen aan bij RCPS Euregio",
            ("Zet HFNO-transport in volgens module 4B", "2a"),
        ),
    ),
    "zcc_specialist": (
        "Medisch specialist",
        "Brengt namens de ziekenhuizen medisch-specialistische expertise in het ZCC.",
        (
            "Neem het beddenbeeld van MST en ZGT door (IC, MC, kliniek, cohort)",
            "Adviseer bij plaatsingen waar ziekenhuiszorg nodig kan zijn",
            "Beoordeel overplaatsing van ziekenhuis naar VVT of huis met zuurstof",
            "Stem af met de piket medisch specialist van het ontvangende ziekenhuis",
            ("Bereid uitbreiding van PACU-capaciteit voor (module 5)", "2a"),
        ),
    ),
    "zcc_vvt": (
        "Aanspreekpunt VVT",
        "Eén aanspreekpunt voor de VVT; coördineert in samenspraak met ZSE en Alerta.",
        (
            "Verzamel voor 09:00 de capaciteit van de MTH-teams en de ELV/GRZ-bedden",
            "Stem plaatsingen in VVT-cohorten af met Zorgschakel Enschede en Alerta",
            "Vraag bij schaarste aan PBM het regionale depot aan via de PBM-coördinator van de "
            "GHOR; meld tekorten aan zuurstof en saturatiemeters",
            "Bewaak dat instellingen toegewezen patiënten niet weigeren als 'geen eigen cliënt'",
            ("Bereid concentratie van COVID-zorg in de VVT voor (module 8)", "2a"),
        ),
    ),
    "zcc_ggz": (
        "Aanspreekpunt GGZ",
        "Aanspreekpunt GGZ in het ZCC namens Mediant en Dimence.",
        (
            "Breng de GGZ-capaciteit en de prioriteringslijst van afschaling in beeld",
            "Adviseer bij plaatsing van patiënten met een psychiatrische zorgvraag",
            "Zoek uitplaatsingsmogelijkheden binnen en buiten de regio",
            "Stem af met de piket psychiater van de ontvangende instelling",
        ),
    ),
    "zcc_logger": (
        "Logger",
        "Legt in het ZCC beeld, besluiten en acties vast; geen besluitvormende rol.",
        (
            "Open het logboek bij de start van de dienst en noteer wie aanwezig zijn",
            "Houd het besluitenlog bij: wie besloot wat, wanneer, op welk beeld",
            "Noteer acties met eigenaar en termijn, en vraag na of ze zijn uitgevoerd",
            "Corrigeer fouten met een nieuwe correctie-regel, nooit door te wissen",
            "Print bij de dienstwissel het logboek en de bereikbaarheidslijst",
        ),
    ),
    "zcc_voorzitter": (
        "Voorzitter ZCC",
        "Zit het ZCC-overleg voor en bewaakt dat het ZCC alleen werkt waar reguliere "
        "processen niet meer toereikend zijn.",
        (
            "Open het overleg: beeld, fase, actieve maatregelen, openstaande aanmeldingen",
            "Verdeel de aanmeldingen over de ZCC-functies",
            "Escaleer knelpunten voor de keten naar het bestuurlijk ROAZ",
            "Stem bovenregionale overplaatsingen van ziekenhuispatiënten af met RCPS Euregio",
            CardAction("Informeer bij escalatie over knelpunten in de keten", role=ESCALATION),
            "Sluit het overleg met besluiten en acties voor de logger",
            CardAction(
                "Dreigt een noodscenario: bereid de afkondiging voor met de DPG (voorzitter "
                "bestuurlijk ROAZ)",
                regime=NORMAL,
            ),
        ),
    ),
}

PROCEDURE_SECTORS = ("ziekenhuis", "vvt", "ggz", "ghz")
SECTOR_ZCC_FUNCTION = {"ziekenhuis": "zcc_specialist", "vvt": "zcc_vvt", "ggz": "zcc_ggz"}
SECTOR_CLIENTS = {
    "ziekenhuis": "patiënten",
    "vvt": "cliënten",
    "ggz": "patiënten",
    "ghz": "cliënten",
}

# Steps: (function slot, text). Slots: coordinator, piket (first piket function, skipped
# when the organisation has none), zcc (the sector's ZCC function, skipped if none),
# escalatie (a role: the GHOR normally, the ROAZ in a noodscenario; seed 000).
STEPS: dict[str, tuple[tuple[str, str], ...]] = {
    "stroomuitval": (
        (
            "coordinator",
            "Stel vast dat de stroom langer dan 15 minuten uitvalt; activeer het "
            "crisisteam en laat de noodstroomvoorziening en brandstof controleren.",
        ),
        (
            "piket",
            "Breng de stroomafhankelijke {clients} in beeld (beademing, zuurstof, pompen, "
            "luchtbedden) en bepaal wie voorrang krijgt.",
        ),
        (
            "escalatie",
            "Escaleer: meld de verwachte duur, het aantal stroomafhankelijke {clients} en de "
            "hulpvraag.",
        ),
        (
            "zcc",
            "Vraag het ZCC om tijdelijke opvang of spreiding als de zorg niet veilig kan doorgaan.",
        ),
        (
            "coordinator",
            "Werk op papier: uitvalkaarten, papieren overdracht en de geprinte "
            "bereikbaarheidslijst; zet mantelzorgers en vrijwilligers in.",
        ),
        ("coordinator", "Na herstel: evalueer en leg besluiten en acties vast."),
    ),
    "ict_uitval": (
        (
            "coordinator",
            "Stel vast welke systemen uitvallen (EPD/ECD, rooster, VoIP-telefonie) "
            "en activeer het ICT-uitvalplan.",
        ),
        (
            "piket",
            "Bepaal welke {clients} direct risico lopen zonder dossier (medicatie, "
            "allergieën, behandelbeperkingen).",
        ),
        (
            "coordinator",
            "Schakel over op papier: geprinte medicatieoverzichten, papieren "
            "overdracht, de geprinte bereikbaarheidslijst.",
        ),
        (
            "zcc",
            "Meld bij het ZCC dat aanmeldingen en overplaatsingen tijdelijk telefonisch "
            "of per koerier verlopen.",
        ),
        ("escalatie", "Duurt de uitval langer dan 4 uur of raakt hij de keten: escaleer."),
        ("coordinator", "Na herstel: zet papieren gegevens over naar het dossier en evalueer."),
    ),
}


# --- procedures that fit the organisation (the rules block) ----------------------------
# Home care and a regiepunt have no building with a generator of their own: their first
# step on a power cut is about clients at home, not about generator fuel.
NO_GENERATOR = frozenset({"buurtzorg", "alerta"})
HOME_FIRST_STEP = (
    "Stel vast dat de stroom langer dan 15 minuten uitvalt; activeer het crisisteam en bel "
    "eerst de {clients} thuis met stroomafhankelijke hulpmiddelen na."
)


def own_text(org_key: str, incident: str, slot: str, text: str) -> str:
    """A step's text as it fits this organisation."""
    if org_key in NO_GENERATOR and incident == "stroomuitval" and "brandstof" in text:
        return HOME_FIRST_STEP
    return text


# --- end of the rules block ---------------------------------------------------------------


def load_crisis(store: Store, now: datetime) -> None:
    """The crisis structure of the demo region (runs inside the demo's transaction)."""
    region_id = demo_id("region", "twente")
    add_region(store, REGION_NAME, "roaz", "euregio", region_id=region_id)
    add_region(
        store,
        "Veiligheidsregio Twente",
        "veiligheidsregio",
        "VR05",
        parent_id=region_id,
        region_id=demo_id("region", "vrt"),
    )
    ensure_measures(store)
    _history(store, region_id, now)
    set_escalation_path(store, region_id, DEFAULT_PATH)
    for code, (title, mandate, actions) in TASK_CARDS.items():
        set_task_card(store, region_id, code, title, mandate, actions)
    _procedures(store)


def _history(store: Store, region_id: str, now: datetime) -> None:
    """Phase changes, measures and log entries, written in the order they happened."""
    events: list[tuple[float, int, str]] = []
    events += [(days, 0, f"phase:{n}") for n, (days, *_rest) in enumerate(PHASE_HISTORY)]
    events += [(days, 1, f"measure:{n}") for n, (days, *_rest) in enumerate(ACTIVE_MEASURES)]
    events += [(entry[1], 2, f"log:{n}") for n, entry in enumerate(LOG)]
    ids: dict[str, str] = {}
    for days, _, event in sorted(events, key=lambda e: (-e[0], e[1])):
        kind, _, index = event.partition(":")
        at = now - timedelta(days=days)
        if kind == "phase":
            _, phase, decided_by, advised_by, picture, text = PHASE_HISTORY[int(index)]
            set_phase(
                store,
                region_id,
                phase,
                decided_by,
                advised_by,
                picture,
                text,
                at,
                LOGGER,
                entry_id=demo_id("log_entry", f"fase-{phase}"),
            )
        elif kind == "measure":
            _, code, decided_by = ACTIVE_MEASURES[int(index)]
            set_measure_active(
                store,
                region_id,
                code,
                True,
                decided_by,
                at,
                LOGGER,
                entry_id=demo_id("log_entry", f"maatregel-{code}"),
            )
        else:
            key, _, log_kind, text, log_decider = LOG[int(index)]
            ids[key] = add_entry(
                store,
                region_id,
                log_kind,
                text,
                at,
                LOGGER,
                decided_by=log_decider,
                entry_id=demo_id("log_entry", key),
            )
    key, days, target, text = CORRECTION
    add_entry(
        store,
        region_id,
        "correctie",
        text,
        now - timedelta(days=days),
        LOGGER,
        corrects_id=ids[target],
        entry_id=demo_id("log_entry", key),
    )


def _procedures(store: Store) -> None:
    for org in ORGANISATIONS:
        if org.sector not in PROCEDURE_SECTORS:
            continue
        slots: dict[str, str | None] = {
            "coordinator": demo_id("function", f"{org.key}:crisiscoordinator"),
            "piket": demo_id("function", f"{org.key}:piket:0") if org.pikets else None,
            "zcc": (
                demo_id("function", SECTOR_ZCC_FUNCTION[org.sector])
                if org.sector in SECTOR_ZCC_FUNCTION
                else None
            ),
        }
        clients = SECTOR_CLIENTS[org.sector]
        for incident, steps in STEPS.items():
            procedure_id = create_procedure(
                store,
                demo_id("organisation", org.key),
                incident,
                procedure_id=demo_id("procedure", f"{org.key}|{incident}"),
            )
            n = 0
            for slot, text in steps:
                text = own_text(org.key, incident, slot, text)
                role = slot if slot == ESCALATION else None
                function_id = None if role else slots[slot]
                if function_id is None and role is None:
                    continue
                n += 1
                add_step(
                    store,
                    procedure_id,
                    function_id,
                    text.format(clients=clients),
                    step_id=demo_id("procedure_step", f"{org.key}|{incident}|{n}"),
                    role=role,
                )
