"""The demo region's directory: real chain-partner organisations, invented people and numbers.

Organisation names are real (ROAZ Euregio / Veiligheidsregio Twente); every person, phone
number, e-mail address and meeting point is invented and obviously fake. The load is
deterministic: a fixed seed and ids derived with uuid5, so loading twice into two fresh
profiles gives the same rows (only times follow `now`), and two devices that each loaded
the demo merge instead of duplicating.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta
from typing import TYPE_CHECKING

from ..contacts.model import (
    add_channel,
    add_function,
    add_organisation,
    add_person,
    add_shift,
    assign_role,
    verify_person,
)
from ..contacts.vocabulary import CHANNEL_KINDS
from ..localtime import AMSTERDAM

if TYPE_CHECKING:
    from ..store import Store

REGION = "Twente"
SEED = 20_260_101
NAMESPACE = uuid.UUID("6f1c1c9e-5d0a-4f4e-9a53-7a5e0d2c1b01")
ROTA_SHIFTS = 15  # day 08-20 and night 20-08: the current shift and seven days beyond
STALE_SHARE = 0.10

# Invented first names and surnames; every surname says it is made up.
# fmt: off
FIRST_NAMES: tuple[str, ...] = (
    "Anna", "Pieter", "Mila", "Henk", "Sanne", "Bram", "Fenna", "Gerrit", "Lotte", "Daan",
    "Iris", "Joost", "Marieke", "Thijs", "Noor", "Hendrik", "Evi", "Wouter", "Fleur", "Jan",
    "Ilse", "Ruud", "Femke", "Bart", "Lieke", "Sjoerd", "Tess", "Koen", "Marloes", "Gijs",
)
SURNAMES: tuple[str, ...] = (
    "Voorbeeld", "Testman", "de Proef", "Fictief", "Oefenberg", "Demoman", "van der Test",
    "Proefhuis", "Nepveld", "Verzinsel", "van Oefenen", "Testerink", "Proefink", "Oefenink",
    "Voorbeeldink", "Demohuis", "ten Test", "Fictiefkamp", "Proefkamp", "Testhorst",
    "Oefenkate", "Verzonnen", "Demokamp", "Nepbroek",
)
VERIFIERS: tuple[str, ...] = (
    "GHOR-secretariaat (demo)",
    "Bureau AZE, team bereikbaarheid (demo)",
    "Fenna Oefenkate (demo-beheerder)",
)
STREETS: tuple[str, ...] = (
    "Voorbeeldstraat", "Proefweg", "Testlaan", "Oefenplein", "Demosingel", "Fictiefstraat",
)
PLACES: tuple[str, ...] = (
    "hal A", "ingang B", "kantine", "parkeerterrein P2", "crisisruimte 1e verdieping",
    "hoofdingang",
)

# Dialling codes of the places used, for invented landline numbers.
AREA_CODES: dict[str, str] = {
    "Enschede": "053", "Hengelo": "074", "Borne": "074", "Haaksbergen": "053",
    "Losser": "053", "Almelo": "0546", "Vriezenveen": "0546", "Tubbergen": "0546",
    "Wierden": "0546", "Oldenzaal": "0541", "Denekamp": "0541", "Goor": "0547",
    "Rijssen": "0548", "Nijverdal": "0548", "Apeldoorn": "055", "Utrecht": "030",
    "Assen": "0592", "Eindhoven": "040", "Son": "0499", "Maarssen": "0346",
}
# fmt: on

_L, _M, _S = 9, 5, 3  # people per organisation by size

PIKET_MS = "Piket medisch specialist"
PIKET_SO = "Piket specialist ouderengeneeskunde"
PIKET_BESTUURLIJK = "Bestuurlijk piket"
PIKET_PSYCHIATER = "Piket psychiater"
PIKET_AVG = "Piket arts verstandelijk gehandicapten"


@dataclass(frozen=True)
class DemoSummary:
    organisations: int
    people: int
    functions: int
    channels: int
    shifts: int
    stale: int


@dataclass(frozen=True)
class _Org:
    key: str
    name: str
    short_name: str
    sector: str
    city: str
    size: int
    pikets: tuple[str, ...] = ()
    switchboard: str | None = None  # availability of the switchboard, if it has one


@dataclass(frozen=True)
class _RegionalFunction:
    key: str
    code: str
    name: str
    description: str
    drawn_from: tuple[str, ...]  # organisations whose staff hold the function
    holders: int
    rota: bool = True
    organisation: str | None = None  # None: a regional function without organisation
    talk_group: str = "ZCC-TW-01"
    same_holders_as: str | None = None  # held by exactly the holders of that function
    apart_from: tuple[str, ...] = ()  # never held by a holder of these functions


# fmt: off
ORGANISATIONS: tuple[_Org, ...] = (
    # Hospitals
    _Org("mst", "Medisch Spectrum Twente", "MST", "ziekenhuis", "Enschede", _L,
         (PIKET_MS, PIKET_BESTUURLIJK), "24/7"),
    _Org("zgt_almelo", "Ziekenhuisgroep Twente, locatie Almelo", "ZGT Almelo", "ziekenhuis",
         "Almelo", _L, (PIKET_MS,), "24/7"),
    _Org("zgt_hengelo", "Ziekenhuisgroep Twente, locatie Hengelo", "ZGT Hengelo",
         "ziekenhuis", "Hengelo", _L, (PIKET_MS,), "24/7"),
    _Org("roessingh", "Roessingh, centrum voor revalidatie", "Roessingh", "ziekenhuis",
         "Enschede", _M, ("Piket revalidatiearts",), "24/7"),
    # GP care
    _Org("hdt", "Huisartsen Dienstenstructuur Twente", "Huisartsenposten Twente",
         "huisartsen", "Hengelo", _L, ("Piket huisarts",), "24/7"),
    _Org("hap_enschede", "Huisartsenpost Enschede", "HAP Enschede", "huisartsen", "Enschede",
         _S),
    _Org("hap_hengelo", "Huisartsenpost Hengelo", "HAP Hengelo", "huisartsen", "Hengelo", _S),
    _Org("hap_almelo", "Huisartsenpost Almelo", "HAP Almelo", "huisartsen", "Almelo", _S),
    _Org("harop", "HaROP Twente", "HaROP", "huisartsen", "Enschede", _M,
         ("Piket huisarts HaROP",)),
    # Ambulance care
    _Org("ambulance_oost", "Ambulance Oost", "RAV Twente", "ambulance", "Hengelo", _L,
         ("Piket leidinggevende ambulancezorg",), "24/7"),
    _Org("mon", "Meldkamer Oost-Nederland", "MKA Oost-Nederland", "ambulance", "Apeldoorn",
         _M, ("Piket calamiteitencoördinator meldkamer",), "24/7"),
    # Nursing, care and home care (VVT)
    _Org("zse", "Zorgschakel Enschede", "ZSE", "vvt", "Enschede", _M, (PIKET_SO,),
         "office_hours"),
    # A regiepunt (with the front office of ZSE): coordinates home care, no physician on call.
    _Org("alerta", "Alerta", "Alerta", "vvt", "Almelo", _M, (), "office_hours"),
    _Org("thoez", "THOEZ", "THOEZ", "vvt", "Hengelo", _M, (PIKET_SO,)),
    _Org("carintreggeland", "Carintreggeland", "Carintreggeland", "vvt", "Hengelo", _L,
         (PIKET_SO,), "office_hours"),
    _Org("tmz", "TriviumMeulenbeltZorg", "TMZ", "vvt", "Almelo", _L, (PIKET_SO,),
         "office_hours"),
    _Org("manna", "Zorggroep Manna", "Manna", "vvt", "Hengelo", _M, (PIKET_SO,)),
    _Org("liberein", "Liberein", "Liberein", "vvt", "Enschede", _L, (PIKET_SO,),
         "office_hours"),
    _Org("livio", "Livio", "Livio", "vvt", "Enschede", _L, (PIKET_SO,), "office_hours"),
    _Org("de_posten", "De Posten", "De Posten", "vvt", "Enschede", _M, (PIKET_SO,)),
    _Org("zfo", "Zorgfederatie Oldenzaal", "ZFO", "vvt", "Oldenzaal", _M, (PIKET_SO,)),
    _Org("zorgaccent", "ZorgAccent", "ZorgAccent", "vvt", "Almelo", _M, (PIKET_SO,)),
    _Org("sint_maarten", "Zorggroep Sint Maarten", "Sint Maarten", "vvt", "Denekamp", _M,
         (PIKET_SO,)),
    _Org("ariens", "Ariëns Zorgpalet", "Ariëns", "vvt", "Enschede", _M, (PIKET_SO,)),
    _Org("buurtzorg", "Buurtzorg Nederland, teams Twente", "Buurtzorg", "vvt", "Almelo", _S),
    # Mental health care (GGZ)
    _Org("mediant", "Mediant", "Mediant", "ggz", "Enschede", _L, (PIKET_PSYCHIATER,),
         "24/7"),
    _Org("dimence", "Dimence Groep", "Dimence", "ggz", "Almelo", _M, (PIKET_PSYCHIATER,)),
    _Org("tactus", "Tactus Verslavingszorg", "Tactus", "ggz", "Enschede", _M),
    # Disability care (GHZ)
    _Org("aveleijn", "Aveleijn", "Aveleijn", "ghz", "Borne", _M, (PIKET_AVG,)),
    _Org("heeren_loo", "'s Heeren Loo, regio Twente", "'s Heeren Loo", "ghz", "Almelo", _M,
         (PIKET_AVG,)),
    _Org("estinea", "Estinea", "Estinea", "ghz", "Enschede", _M),
    _Org("twentse_zorgcentra", "De Twentse Zorgcentra", "DTZC", "ghz", "Losser", _M,
         (PIKET_AVG,)),
    _Org("ambiq", "Ambiq", "Ambiq", "ghz", "Hengelo", _S),
    # Coordinating bodies
    _Org("ghor", "GHOR Twente", "GHOR", "coordinatie", "Enschede", _L, (), "24/7"),
    _Org("vrt", "Veiligheidsregio Twente", "VRT", "coordinatie", "Enschede", _L,
         (PIKET_BESTUURLIJK,), "24/7"),
    _Org("ggd", "GGD Twente", "GGD", "coordinatie", "Enschede", _M,
         ("Piket infectieziektebestrijding",), "office_hours"),
    _Org("roaz", "ROAZ Euregio", "ROAZ", "coordinatie", "Enschede", _S),
    _Org("aze", "Acute Zorg Euregio (Bureau AZE)", "Bureau AZE", "coordinatie", "Enschede",
         _M, (), "office_hours"),
    _Org("rcps", "RCPS Euregio", "RCPS", "coordinatie", "Enschede", _S,
         ("Piket patiëntenspreiding",), "24/7"),
    _Org("lcps", "Landelijk Coördinatiecentrum Patiënten Spreiding", "LCPS", "coordinatie",
         "Utrecht", _S, (), "24/7"),
    _Org("lnaz", "Landelijk Netwerk Acute Zorg", "LNAZ", "coordinatie", "Utrecht", _S, (),
         "office_hours"),
    # Municipalities
    _Org("gem_enschede", "Gemeente Enschede", "Enschede", "gemeente", "Enschede", _M,
         (PIKET_BESTUURLIJK,), "office_hours"),
    _Org("gem_hengelo", "Gemeente Hengelo", "Hengelo", "gemeente", "Hengelo", _M,
         (PIKET_BESTUURLIJK,), "office_hours"),
    _Org("gem_almelo", "Gemeente Almelo", "Almelo", "gemeente", "Almelo", _M,
         (PIKET_BESTUURLIJK,), "office_hours"),
    _Org("gem_oldenzaal", "Gemeente Oldenzaal", "Oldenzaal", "gemeente", "Oldenzaal", _S,
         (), "office_hours"),
    _Org("gem_borne", "Gemeente Borne", "Borne", "gemeente", "Borne", _S),
    _Org("gem_haaksbergen", "Gemeente Haaksbergen", "Haaksbergen", "gemeente",
         "Haaksbergen", _S),
    _Org("gem_losser", "Gemeente Losser", "Losser", "gemeente", "Losser", _S),
    _Org("gem_hof_van_twente", "Gemeente Hof van Twente", "Hof van Twente", "gemeente",
         "Goor", _S),
    _Org("gem_rijssen_holten", "Gemeente Rijssen-Holten", "Rijssen-Holten", "gemeente",
         "Rijssen", _S),
    _Org("gem_twenterand", "Gemeente Twenterand", "Twenterand", "gemeente", "Vriezenveen",
         _S),
    _Org("gem_tubbergen", "Gemeente Tubbergen", "Tubbergen", "gemeente", "Tubbergen", _S),
    _Org("gem_dinkelland", "Gemeente Dinkelland", "Dinkelland", "gemeente", "Denekamp", _S),
    _Org("gem_wierden", "Gemeente Wierden", "Wierden", "gemeente", "Wierden", _S),
    _Org("gem_hellendoorn", "Gemeente Hellendoorn", "Hellendoorn", "gemeente", "Nijverdal",
         _S),
    _Org("noaberkracht", "Noaberkracht Dinkelland Tubbergen", "Noaberkracht", "gemeente",
         "Tubbergen", _S),
    # Pharmacies, independent treatment centres
    _Org("apotheek_mst", "Ziekenhuisapotheek Medisch Spectrum Twente", "Apotheek MST",
         "apotheek", "Enschede", _S, (), "24/7"),
    _Org("apotheek_zgt", "Ziekenhuisapotheek ZGT", "Apotheek ZGT", "apotheek", "Almelo", _S),
    _Org("xpert_clinics", "Xpert Clinics, locatie Hengelo", "Xpert Clinics", "zbc",
         "Hengelo", _S),
    # Red Cross, defence, informal care
    _Org("rode_kruis", "Rode Kruis Twente", "Rode Kruis", "rode_kruis", "Enschede", _S),
    _Org("defensie", "Regionaal Militair Commando Noord (Defensie)", "RMC Noord",
         "defensie", "Assen", _S),
    _Org("mantelzorg", "Mantelzorg Twente", "Mantelzorg", "informele_zorg", "Hengelo", _S),
    _Org("enschede_voor_elkaar", "Enschede voor Elkaar", "", "informele_zorg", "Enschede",
         _S),
    # Suppliers: no staff in the directory, a 24/7 line each (the outage picture's suppliers)
    _Org("linde_gas", "Linde Gas Benelux", "Linde Gas", "leverancier", "Eindhoven", 0, (),
         "24/7"),
    _Org("vivisol", "Vivisol Nederland", "Vivisol", "leverancier", "Son", 0, (), "24/7"),
    _Org("brocacef", "Brocacef Groothandel", "Brocacef", "leverancier", "Maarssen", 0, (),
         "24/7"),
    _Org("brandstof", "Brandstofhandel Voorbeeld Twente (fictief)", "Brandstof Voorbeeld",
         "leverancier", "Wierden", 0, (), "24/7"),
    _Org("medische_goederen", "Medische Groothandel Oefenveld (fictief)", "MG Oefenveld",
         "leverancier", "Eindhoven", 0, (), "24/7"),
)

# The hospital group over its two locations; it has no staff of its own (see
# _hospital_crisis_rotas), so it is kept out of ORGANISATIONS.
HOSPITAL_GROUP = _Org("zgt", "Ziekenhuisgroep Twente", "ZGT", "ziekenhuis", "Almelo", 0)
HOSPITAL_GROUP_LOCATIONS = ("zgt_almelo", "zgt_hengelo")

# GHOR functions and the regional ZCC functions (without organisation).
REGIONAL_FUNCTIONS: tuple[_RegionalFunction, ...] = (
    _RegionalFunction("dpg", "dpg", "DPG",
                      "Directeur Publieke Gezondheid van de Veiligheidsregio Twente; tevens "
                      "voorzitter van het bestuurlijk ROAZ",
                      ("ghor",), 2, organisation="ghor", talk_group="GHOR-TW-01"),
    _RegionalFunction("ovdg", "ovdg", "OvD-G",
                      "Officier van dienst geneeskundig (GHOR): operationeel leidinggevende "
                      "bij incidenten en crises",
                      ("ghor",), 4, organisation="ghor", talk_group="GHOR-TW-02",
                      apart_from=("dpg",)),
    _RegionalFunction("zcc_huisarts", "zcc_huisarts", "ZCC huisarts met beslissingsbevoegdheid",
                      "Huisarts in het ZCC met beslissingsbevoegdheid, gemandateerd door de "
                      "ketenpartners",
                      ("hdt", "harop", "hap_enschede", "hap_hengelo", "hap_almelo"), 3),
    _RegionalFunction("zcc_ambulance", "zcc_ambulance",
                      "ZCC ambulanceprofessional vervoerscoördinatie",
                      "Coördineert de vervoerscapaciteit vanuit het ZCC",
                      ("ambulance_oost",), 3),
    _RegionalFunction("zcc_specialist", "zcc_specialist", "ZCC medisch specialist",
                      "Medisch-specialistische expertise in het ZCC",
                      ("mst", "zgt_almelo", "zgt_hengelo"), 4),
    _RegionalFunction("zcc_vvt", "zcc_vvt", "ZCC aanspreekpunt VVT",
                      "Aanspreekpunt VVT in het ZCC, coördineert met ZSE en Alerta",
                      ("zse", "alerta"), 3),
    _RegionalFunction("zcc_ggz", "zcc_ggz", "ZCC aanspreekpunt GGZ",
                      "Aanspreekpunt GGZ in het ZCC", ("mediant", "dimence"), 3),
    _RegionalFunction("zcc_logger", "zcc_logger", "ZCC logger",
                      "Legt besluiten en beeld vast in het ZCC-logboek", ("ghor", "vrt"), 4),
    _RegionalFunction("zcc_voorzitter", "zcc_voorzitter", "ZCC voorzitter",
                      "Zit het ZCC-overleg voor", ("ghor", "aze"), 2),
    _RegionalFunction("roaz_voorzitter", "roaz_voorzitter", "ROAZ-voorzitter",
                      "Voorzitter van het bestuurlijk ROAZ Euregio: de DPG (seed 000)",
                      ("ghor",), 2, rota=False, same_holders_as="dpg"),
    # --- functions the sources name (seeds 000, 001): the rules block ---------------------
    _RegionalFunction("vr_voorzitter", "vr_voorzitter", "Voorzitter Veiligheidsregio Twente",
                      "Burgemeester, voorzitter van de veiligheidsregio; de DPG kondigt een "
                      "noodscenario af in samenspraak met hem of haar",
                      ("gem_enschede",), 1, rota=False, organisation="vrt",
                      talk_group="VRT-BT-01"),
    _RegionalFunction("lnaz_kernteam", "lnaz_kernteam", "Kernteam LNAZ, contactpersoon",
                      "Contactpersoon van het kernteam van het Landelijk Netwerk Acute Zorg "
                      "voor de afstemming over een regionaal noodscenario",
                      ("lnaz",), 2, rota=False, organisation="lnaz"),
    _RegionalFunction("pbm_coordinator", "pbm_coordinator", "PBM-coördinator GHOR",
                      "Beheert het regionale depot persoonlijke beschermingsmiddelen (PBM); "
                      "aanvragen bij schaarste", ("ghor",), 2, organisation="ghor",
                      talk_group="GHOR-TW-02", apart_from=("dpg", "ovdg")),
    _RegionalFunction("roaz_woordvoerder", "roaz_woordvoerder", "Woordvoerder ROAZ",
                      "Ondersteunt de bestuurder van het DB-ROAZ bij woordvoering richting "
                      "media", ("aze",), 2, rota=False, organisation="roaz"),
    _RegionalFunction("communicatieadviseur", "communicatieadviseur", "Communicatieadviseur ZCC",
                      "Communicatieadviseur in het ZCC: publieks- en ketencommunicatie",
                      ("ghor", "vrt", "aze"), 3, apart_from=("dpg", "ovdg")),
    # --- end of the rules block -------------------------------------------------------------
)
# fmt: on


def demo_id(kind: str, key: str) -> str:
    """The fixed id of a demo row: the same on every load and every device."""
    return str(uuid.uuid5(NAMESPACE, f"{kind}:{key}"))


@dataclass
class _Person:
    key: str
    id: str
    name: str
    org: _Org
    functions: list[str] = field(default_factory=list)  # function keys held
    key_contact: bool = False  # crisis coordinator or holder of a GHOR/ZCC function


@dataclass
class _Function:
    key: str
    id: str
    name: str
    code: str
    org: _Org | None
    description: str = ""
    rota: bool = False
    talk_group: str = ""
    holders: list[_Person] = field(default_factory=list)


class _Numbers:
    """Hands out invented phone numbers, each from an obviously fake series."""

    def __init__(self) -> None:
        self._next: dict[str, int] = {}

    def _take(self, series: str) -> int:
        n = self._next.get(series, 0)
        self._next[series] = n + 1
        return n

    def mobile(self) -> str:
        n = self._take("mobile")  # 06-1234 5000 .. 06-1234 5999
        return f"06-1234 {5000 + n}"

    def piket(self) -> str:
        n = self._take("piket")  # 06-1234 6000 .. 06-1234 6999
        return f"06-1234 {6000 + n}"

    def satellite(self) -> str:
        n = self._take("satellite")  # Iridium-style +8816 1234 5xxx
        return f"+8816 1234 {5000 + n}"

    def landline(self, city: str) -> str:
        code = AREA_CODES.get(city, "053")
        n = self._take(code)  # 053-123 4000 .. 053-123 5999, 0546-12 3000 .. 0546-12 4999
        if len(code) == 3:
            return f"{code}-123 {4000 + n}"
        return f"{code}-12 {3000 + n}"


def load_contacts(store: Store, now: datetime) -> DemoSummary:
    """The directory of the demo region: organisations, people, functions, channels, rotas."""
    builder = _DemoBuilder(store, now)
    builder.write()
    return builder.summary


class _DemoBuilder:
    def __init__(self, store: Store, now: datetime) -> None:
        self.store = store
        self.now = now
        self.rng = random.Random(SEED)
        self.numbers = _Numbers()
        self.people: list[_Person] = []
        self.functions: list[_Function] = []
        self.channels = 0
        self.shifts = 0
        self.stale = 0
        self.extra_organisations = 0
        self._plan()

    @property
    def summary(self) -> DemoSummary:
        return DemoSummary(
            organisations=len(ORGANISATIONS) + self.extra_organisations,
            people=len(self.people),
            functions=len(self.functions),
            channels=self.channels,
            shifts=self.shifts,
            stale=self.stale,
        )

    # --- planning: decide everything in memory, deterministically -----------------------

    def _plan(self) -> None:
        names = [f"{first} {last}" for first in FIRST_NAMES for last in SURNAMES]
        self.rng.shuffle(names)
        by_org: dict[str, list[_Person]] = {}
        for org in ORGANISATIONS:
            staff = by_org[org.key] = []
            for i in range(org.size):
                key = f"{org.key}:{i}"
                person = _Person(key, demo_id("person", key), names[len(self.people)], org)
                staff.append(person)
                self.people.append(person)
        for org in ORGANISATIONS:
            staff = by_org[org.key]
            coordinator = self._function(
                f"{org.key}:crisiscoordinator",
                "Crisiscoördinator",
                "crisiscoordinator",
                org,
                f"Crisiscoördinator van {org.name}; bekend bij GHOR en Bureau AZE",
            )
            for person in staff[: 2 if org.size >= _L else 1]:
                self._hold(person, coordinator, key_contact=True)
            for j, piket in enumerate(org.pikets):
                function = self._function(
                    f"{org.key}:piket:{j}",
                    piket,
                    "piket",
                    org,
                    f"{piket} van {org.name}, 24/7 bereikbaar volgens rooster",
                    rota=True,
                )
                for person in self.rng.sample(staff, min(len(staff), self.rng.randint(2, 4))):
                    self._hold(person, function)
        for regional in REGIONAL_FUNCTIONS:
            owner = _org(regional.organisation) if regional.organisation else None
            function = self._function(
                regional.key,
                regional.name,
                regional.code,
                owner,
                regional.description,
                rota=regional.rota,
                talk_group=regional.talk_group,
            )
            if regional.same_holders_as:
                chosen = next(f for f in self.functions if f.key == regional.same_holders_as)
                for person in list(chosen.holders):
                    self._hold(person, function, key_contact=True)
                continue
            pool = [
                p
                for key in regional.drawn_from
                for p in by_org[key]
                if not set(p.functions) & set(regional.apart_from)
            ]
            for person in self.rng.sample(pool, regional.holders):
                self._hold(person, function, key_contact=True)

    def _function(
        self,
        key: str,
        name: str,
        code: str,
        org: _Org | None,
        description: str,
        *,
        rota: bool = False,
        talk_group: str = "",
    ) -> _Function:
        function = _Function(
            key, demo_id("function", key), name, code, org, description, rota, talk_group
        )
        self.functions.append(function)
        return function

    @staticmethod
    def _hold(person: _Person, function: _Function, *, key_contact: bool = False) -> None:
        if person in function.holders:
            return
        function.holders.append(person)
        person.functions.append(function.key)
        person.key_contact = person.key_contact or key_contact

    # --- writing -------------------------------------------------------------------------

    def write(self) -> None:
        for org in ORGANISATIONS:
            add_organisation(
                self.store,
                org.name,
                org.sector,
                REGION,
                org.short_name,
                org.city,
                org_id=demo_id("organisation", org.key),
            )
            if org.switchboard:
                self._channel(
                    "organisation",
                    demo_id("organisation", org.key),
                    f"{org.key}:switch",
                    "direct",
                    self.numbers.landline(org.city),
                    1,
                    org.switchboard,
                    "Receptie",
                )
        for person in self.people:
            add_person(
                self.store,
                person.name,
                demo_id("organisation", person.org.key),
                notes="Fictief demo-contact",
                person_id=person.id,
            )
        for function in self.functions:
            add_function(
                self.store,
                function.name,
                function.code,
                demo_id("organisation", function.org.key) if function.org else None,
                function.description,
                function_id=function.id,
            )
            for person in function.holders:
                self._role(person, function)
            self._function_channels(function)
        for person in self.people:
            self._person_channels(person)
        self._rotas()
        self._hospital_crisis_rotas()
        self._verifications()

    def _role(self, person: _Person, function: _Function) -> None:
        role_id = demo_id("role", f"{person.key}|{function.key}")
        assign_role(self.store, person.id, function.id, role_id=role_id)

    def _channel(
        self,
        owner_type: str,
        owner_id: str,
        key: str,
        kind: str,
        value: str,
        fallback_order: int,
        availability: str,
        note: str = "",
    ) -> None:
        add_channel(
            self.store,
            owner_type,
            owner_id,
            kind,
            value,
            fallback_order,
            availability,
            note,
            channel_id=demo_id("channel", key),
        )
        self.channels += 1

    def _function_channels(self, function: _Function) -> None:
        if not function.rota:
            return
        self._channel(
            "function",
            function.id,
            f"{function.key}:piket",
            "piket",
            self.numbers.piket(),
            1,
            "rota",
            "Pikettelefoon, gaat mee met de dienst",
        )
        if function.talk_group:
            self._channel(
                "function",
                function.id,
                f"{function.key}:c2000",
                "c2000",
                function.talk_group,
                2,
                "rota",
            )

    def _person_channels(self, person: _Person) -> None:
        org = person.org
        first, _, last = person.name.partition(" ")
        local = f"{first}.{last}".lower().replace(" ", "")
        domain = org.key.replace("_", "-")
        wanted: list[tuple[str, str, str, str]] = [
            ("mobile", self.numbers.mobile(), "24/7", ""),
            ("email", f"{local}@{domain}.voorbeeld.invalid", "office_hours", ""),
        ]
        extras: list[tuple[str, str, str, str]] = []
        if person.key_contact or self.rng.random() < 0.7:
            hours = "24/7" if org.sector in ("ziekenhuis", "ambulance") else "office_hours"
            extras.append(("direct", self.numbers.landline(org.city), hours, ""))
        if person.key_contact:
            extras.append(
                ("meeting_point", self._meeting_point(org), "24/7", "Als alle telecom uitvalt")
            )
            if org.sector in ("coordinatie", "ambulance", "ziekenhuis"):
                extras.append(("c2000", _talk_group(org), "24/7", ""))
            if org.sector == "coordinatie" and self.rng.random() < 0.6:
                extras.append(
                    (
                        "ncv",
                        f"NCV-TW-{self.rng.randint(1, 12):02d} (fictief)",
                        "24/7",
                        "Noodcommunicatievoorziening",
                    )
                )
            if self.rng.random() < 0.3:
                extras.append(("satellite", self.numbers.satellite(), "24/7", ""))
        self.rng.shuffle(extras)
        chosen = wanted + extras[: 5 - len(wanted)]
        kinds = list(CHANNEL_KINDS)
        chosen.sort(key=lambda c: kinds.index(c[0]))
        for order, (kind, value, availability, note) in enumerate(chosen, start=1):
            self._channel(
                "person",
                person.id,
                f"{person.key}:{kind}",
                kind,
                value,
                order,
                availability,
                note,
            )

    def _meeting_point(self, org: _Org) -> str:
        place = self.rng.choice(PLACES)
        street = self.rng.choice(STREETS)
        return f"Verzamelpunt: {place}, {street} {self.rng.randint(1, 99)}, {org.city} (fictief)"

    def _rotas(self) -> None:
        bounds = shift_bounds(self.now, ROTA_SHIFTS)
        for function in self.functions:
            if not function.rota or not function.holders:
                continue
            holders = function.holders[:4]
            offset = self.rng.randrange(len(holders))
            for i, (starts, ends) in enumerate(bounds):
                person = holders[(i + offset) % len(holders)]
                add_shift(
                    self.store,
                    function.id,
                    person.id,
                    starts,
                    ends,
                    shift_id=demo_id("shift", f"{function.key}|{i}"),
                )
                self.shifts += 1

    # --- hospitals' crisis coordinators on a rota (issue 11: who to call now) -------------

    def _hospital_crisis_rotas(self) -> None:
        """Every hospital's crisiscoördinator on a rota with a piket phone, and the hospital
        group ZGT's own crisiscoördinator drawn from both its locations, so "who is on duty"
        has one answer at any hour. Own numbers series and seed: the rest stays as it was."""
        rng = random.Random(SEED + 11)
        coordinators = {
            f.key: f
            for f in self.functions
            if f.code == "crisiscoordinator" and f.org and f.org.sector == "ziekenhuis"
        }
        group = HOSPITAL_GROUP
        add_organisation(
            self.store,
            group.name,
            group.sector,
            REGION,
            group.short_name,
            group.city,
            org_id=demo_id("organisation", group.key),
        )
        self.extra_organisations += 1
        group_function = self._function(
            f"{group.key}:crisiscoordinator",
            "Crisiscoördinator",
            "crisiscoordinator",
            group,
            "Crisiscoördinator van de Ziekenhuisgroep Twente (beide locaties), volgens rooster",
        )
        add_function(
            self.store,
            group_function.name,
            group_function.code,
            demo_id("organisation", group.key),
            group_function.description,
            function_id=group_function.id,
        )
        for location in HOSPITAL_GROUP_LOCATIONS:
            for person in coordinators[f"{location}:crisiscoordinator"].holders:
                self._hold(person, group_function)
                self._role(person, group_function)
        for function in coordinators.values():
            # A rota needs two people to rotate: a small hospital's deputy joins it.
            staff = [p for p in self.people if p.org == function.org and p not in function.holders]
            for person in staff[: max(0, 2 - len(function.holders))]:
                self._hold(person, function)
                self._role(person, function)
        bounds = shift_bounds(self.now, ROTA_SHIFTS)
        for n, function in enumerate([*coordinators.values(), group_function]):
            self._channel(
                "function",
                function.id,
                f"{function.key}:piket",
                "piket",
                f"06-1234 {7000 + n}",  # 06-1234 7xxx: crisis coordinators' piket phones
                1,
                "rota",
                "Pikettelefoon crisiscoördinator, gaat mee met de dienst",
            )
            offset = rng.randrange(len(function.holders))
            for i, (starts, ends) in enumerate(bounds):
                person = function.holders[(i + offset) % len(function.holders)]
                add_shift(
                    self.store,
                    function.id,
                    person.id,
                    starts,
                    ends,
                    shift_id=demo_id("shift", f"{function.key}|{i}"),
                )
                self.shifts += 1

    def _verifications(self) -> None:
        """Most people checked in the last 60 days; about one in ten stale."""
        stale = set(self.rng.sample(range(len(self.people)), round(len(self.people) * STALE_SHARE)))
        for i, person in enumerate(self.people):
            by = self.rng.choice(VERIFIERS)
            if i in stale:
                self.stale += 1
                if self.rng.random() < 0.5:
                    continue  # never verified
                ago = timedelta(days=self.rng.uniform(100, 400))
            else:
                ago = timedelta(minutes=self.rng.randint(30, 60 * 24 * 60))
            verify_person(self.store, person.id, by, self.now - ago)


def shift_bounds(now: datetime, count: int) -> list[tuple[datetime, datetime]]:
    """Day (08-20) and night (20-08) shifts in Amsterdam time, from the one running at `now`.

    Bounds are wall-clock times, so a night across a DST change lasts 11 or 13 hours.
    """
    local = now.astimezone(AMSTERDAM)
    first_day = local.date() - timedelta(days=1)
    days = count // 2 + 3
    bounds = [
        datetime.combine(first_day + timedelta(days=d), time(hour), tzinfo=AMSTERDAM)
        for d in range(days)
        for hour in (8, 20)
    ]
    start = max(i for i, b in enumerate(bounds) if b <= now)
    return [(bounds[i], bounds[i + 1]) for i in range(start, start + count)]


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def _org(key: str) -> _Org:
    return next(org for org in ORGANISATIONS if org.key == key)


def _talk_group(org: _Org) -> str:
    if org.sector == "ziekenhuis":
        return "ZKH-TW-01"
    if org.sector == "ambulance":
        return "AMBU-TW-01"
    return "GHOR-TW-01"
