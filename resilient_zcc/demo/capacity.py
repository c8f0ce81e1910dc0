"""The demo region's capacity: Twente locations and a week of daily reports.

Organisation names are real; location names beyond the organisation, every address and every
figure are invented. Locations report daily before 09:00 (Amsterdam time); three stopped
reporting two or more days ago, so the overdue list has something to show, and MST's IC
figure of this morning was corrected by a second report. Deterministic: a fixed seed and
uuid5 ids; only the times follow `now`.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING

from ..capacity.model import add_location, report_capacity
from ..capacity.seh import report_seh
from ..localtime import AMSTERDAM
from .contacts import demo_id

if TYPE_CHECKING:
    from ..store import Store

SEED = 20_260_309
DAYS = 7


@dataclass(frozen=True)
class _Location:
    key: str
    org: str  # key in demo.contacts.ORGANISATIONS
    name: str
    city: str
    features: tuple[str, ...]
    # category: (total, staffed, share occupied at the start of the week)
    beds: dict[str, tuple[int, int, float]]
    stopped_days_ago: int = 0  # > 0: last report that many days ago (overdue)
    every_hours: int | None = 24
    source: str = "formulier"


# fmt: off
LOCATIONS: tuple[_Location, ...] = (
    _Location("mst", "mst", "MST Enschede", "Enschede",
              ("zuurstof_wand", "isolatie", "hfno", "beademing", "monitoring"),
              {"ic": (30, 24, 0.80), "mc_ccu": (24, 20, 0.75), "pacu": (8, 6, 0.5),
               "kliniek_covid": (40, 32, 0.70), "kliniek_non_covid": (450, 380, 0.85)},
              source="lcps"),
    _Location("zgt_almelo", "zgt_almelo", "ZGT Almelo", "Almelo",
              ("zuurstof_wand", "isolatie", "hfno", "beademing", "monitoring"),
              {"ic": (14, 10, 0.80), "mc_ccu": (12, 10, 0.7), "kliniek_covid": (24, 18, 0.7),
               "kliniek_non_covid": (220, 190, 0.85)}, source="lcps"),
    _Location("zgt_hengelo", "zgt_hengelo", "ZGT Hengelo", "Hengelo",
              ("zuurstof_wand", "isolatie", "hfno", "monitoring"),
              {"ic": (10, 8, 0.75), "pacu": (6, 4, 0.5), "kliniek_covid": (16, 12, 0.65),
               "kliniek_non_covid": (180, 150, 0.85)}, source="lcps"),
    _Location("roessingh", "roessingh", "Roessingh, cohortafdeling", "Enschede",
              ("zuurstof_wand", "isolatie"),
              {"cohort_covid_pos": (20, 16, 0.6), "cohort_covid_neg": (12, 10, 0.6)}),
    _Location("zse_elv", "zse", "Zorgschakel Enschede, ELV-bedden", "Enschede",
              ("zuurstof_wand",), {"elv": (30, 26, 0.75)}),
    _Location("carintreggeland_grz", "carintreggeland", "Carintreggeland, GRZ Hengelo",
              "Hengelo", ("zuurstof_wand", "isolatie"),
              {"grz": (40, 34, 0.8), "cohort_covid_pos": (12, 10, 0.5)}),
    _Location("tmz_cohort", "tmz", "TMZ, cohort Almelo", "Almelo", ("zuurstof_wand", "isolatie"),
              {"cohort_covid_pos": (16, 14, 0.6), "elv": (20, 16, 0.7)}, source="telefoon"),
    _Location("liberein_wlz", "liberein", "Liberein, verpleeghuis Enschede", "Enschede",
              ("isolatie", "psychogeriatrie"),
              {"wlz": (60, 56, 0.9), "cohort_covid_neg": (10, 8, 0.6)}),
    _Location("livio_grz", "livio", "Livio, GRZ Enschede", "Enschede", ("zuurstof_wand",),
              {"grz": (24, 20, 0.75)}, stopped_days_ago=3),
    _Location("zfo_elv", "zfo", "ZFO, ELV Oldenzaal", "Oldenzaal", (),
              {"elv": (12, 10, 0.7)}, stopped_days_ago=2, source="papier"),
    _Location("sint_maarten_wlz", "sint_maarten", "Sint Maarten, verpleeghuis Denekamp",
              "Denekamp", ("psychogeriatrie",), {"wlz": (40, 36, 0.9)}),
    _Location("ariens_hospice", "ariens", "Ariëns Zorgpalet, hospice", "Enschede", (),
              {"hospice": (8, 8, 0.75)}, source="telefoon"),
    _Location("manna_palliatief", "manna", "Zorggroep Manna, palliatieve unit", "Hengelo",
              ("zuurstof_wand",), {"palliatieve_unit": (6, 5, 0.6)}, stopped_days_ago=4),
    # Seed 000: the supra-regional VG cohort (15 beds) falls under the DTZC physicians; when
    # day care closes, Akkerstaf, Bouwhuis and Schalm are extra cohort locations (if staff,
    # and for the Akkerstaf a regular GP, can be found): locations, not organisations.
    _Location("heeren_loo_vg", "twentse_zorgcentra",
              "VG-cohort bovenregionaal (artsen DTZC)", "Losser", ("isolatie",),
              {"vg_cohort": (15, 12, 0.5)}),
    _Location("akkerstaf", "twentse_zorgcentra",
              "Akkerstaf Enschede, extra cohortlocatie VG (bij sluiting dagbesteding)",
              "Enschede", (), {}, every_hours=None),
    _Location("bouwhuis", "twentse_zorgcentra",
              "Bouwhuis Enschede, extra cohortlocatie VG (bij sluiting dagbesteding)",
              "Enschede", (), {}, every_hours=None),
    _Location("schalm", "twentse_zorgcentra",
              "Schalm Almelo, extra cohortlocatie VG (bij sluiting dagbesteding)",
              "Almelo", (), {}, every_hours=None),
    _Location("noodopvang", "ghor", "Noodopvanglocatie sporthal Oefenveld", "Enschede",
              (), {"noodopvang": (50, 20, 0.1)}, every_hours=None),  # a sporthal: no wall oxygen
    _Location("buurtzorg_teams", "buurtzorg", "Buurtzorg, teams Twente", "Almelo", (),
              {"thuiszorg_team": (120, 100, 0.85)}),
    _Location("carintreggeland_mth", "carintreggeland", "Carintreggeland, MTH-team Hengelo",
              "Hengelo", (), {"thuiszorg_team": (200, 170, 0.85)}),
    # No beds: the GHOR's regional depot, where the outage picture keeps scarce stocks.
    _Location("pbm_depot", "ghor", "Regionaal PBM-depot GHOR Twente", "Hengelo", (), {},
              every_hours=None),
)
# fmt: on
# --- the emergency departments (SEH): which locations have one, and their status ---------
SEH_LOCATIONS = ("mst", "zgt_almelo", "zgt_hengelo")
# (location key, status, reason, expected hours, hours ago)
SEH_REPORTS: tuple[tuple[str, str, str, float | None, float], ...] = (
    ("mst", "open", "", None, 20),
    ("zgt_almelo", "open", "", None, 20),
    (
        "zgt_hengelo",
        "stop",
        "Geen SEH-arts beschikbaar; RAV brengt naar ZGT Almelo (fictief)",
        4,
        1,
    ),
)


def _seh(store: Store, now: datetime) -> None:
    for key, status, reason, hours, ago in SEH_REPORTS:
        report_seh(
            store,
            demo_id("location", key),
            status,
            now=now - timedelta(hours=ago),
            reported_by="Coördinator SEH (demo)",
            reason=reason,
            expected_hours=hours,
            report_id=demo_id("seh_status", key),
        )


# --- end of the SEH block -------------------------------------------------------------------
STREETS = ("Voorbeeldlaan", "Proefweg", "Oefenstraat", "Testsingel", "Demoplein")
REPORTERS = ("Afdelingshoofd (demo)", "Bedmanager (demo)", "Coördinator dienst (demo)")


def _address(n: int, city: str) -> str:
    return f"{STREETS[n % len(STREETS)]} {n + 1}, {city} (fictief)"


def load_capacity(store: Store, now: datetime) -> None:
    """Locations and a week of reports; runs inside the demo's single transaction."""
    rng = random.Random(SEED)
    region_row = store.query_one(
        "SELECT id FROM regions WHERE id = ? AND deleted = 0", (demo_id("region", "twente"),)
    )
    region_id = region_row["id"] if region_row else None
    today = now.astimezone(AMSTERDAM).date()
    for n, loc in enumerate(LOCATIONS):
        location_id = demo_id("location", loc.key)
        add_location(
            store,
            demo_id("organisation", loc.org),
            loc.name,
            region_id=region_id,
            address=_address(n, loc.city),
            city=loc.city,
            features=loc.features + (("seh",) if loc.key in SEH_LOCATIONS else ()),
            report_time="09:00" if loc.every_hours else None,
            report_every_hours=loc.every_hours,
            location_id=location_id,
        )
        shares = {code: share for code, (_t, _s, share) in loc.beds.items()}
        for days_ago in range(DAYS - 1, loc.stopped_days_ago - 1, -1):
            day = today - timedelta(days=days_ago)
            local = datetime.combine(day, time(7, 30), tzinfo=AMSTERDAM)
            at = local + timedelta(minutes=rng.randrange(85))
            for code, (total, staffed_base, _share) in loc.beds.items():
                # Pressure builds over the week, with day-to-day noise.
                shares[code] = min(1.0, max(0.0, shares[code] + rng.uniform(-0.04, 0.07)))
                if at > now:
                    continue
                staffed = max(0, staffed_base - rng.randrange(3))
                occupied = min(staffed, round(staffed * shares[code]))
                free = staffed - occupied
                held_back = 1 if free > 3 and rng.random() < 0.2 else 0
                expected = min(total, max(0, free - held_back + rng.randint(-2, 1)))
                report_capacity(
                    store,
                    location_id,
                    code,
                    total=total,
                    staffed=staffed,
                    occupied=occupied,
                    available=free - held_back,
                    expected_24h=expected,
                    reporter=rng.choice(REPORTERS),
                    source=loc.source,
                    reported_at=at,
                    now=now,
                    report_id=demo_id("capacity_report", f"{loc.key}:{code}:{days_ago}"),
                )
    _correction(store, now)
    _seh(store, now)


def _correction(store: Store, now: datetime) -> None:
    """This morning MST's IC figure was phoned in again: two more patients than reported."""
    location_id = demo_id("location", "mst")
    first = store.query_one(
        "SELECT total, staffed, occupied, reported_at FROM capacity_reports "
        "WHERE id = ? AND deleted = 0",
        (demo_id("capacity_report", "mst:ic:0"),),
    )
    if first is None:  # loaded before this morning's reports
        return
    at = datetime.fromisoformat(first["reported_at"]) + timedelta(minutes=20)
    if at > now:
        return
    occupied = min(first["staffed"], first["occupied"] + 2)
    report_capacity(
        store,
        location_id,
        "ic",
        total=first["total"],
        staffed=first["staffed"],
        occupied=occupied,
        reporter="IC-coördinator MST (demo), correctie",
        source="telefoon",
        reported_at=at,
        now=now,
        report_id=demo_id("capacity_report", "mst:ic:0:correctie"),
    )
