"""The demo region during a power outage in part of Twente.

Hospitals run on generators with different autonomy (ZGT Almelo below the 12-hour
threshold), care homes without telephony, some locations not heard from since the outage
began; home-care providers with power-dependent clients in several municipalities (one has
not updated since the outage began); suppliers of oxygen, pharmacy goods, fuel and medical
goods (in the directory's demo, with invented 24/7 lines) and what they supply to whom;
the GHOR's regional PBM depot with stocks and requests,
and one over-allocation of its last oxygen cylinders made on two laptops while they were cut
off from each other. Organisation names are real or plainly invented; every number and
person is invented. Deterministic: ids derived with uuid5, only the times follow `now`.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from ..continuity.model import report_continuity
from ..crisis.outage import declare_outage
from ..homecare.model import report_homecare
from ..resources import model as resources
from ..resources.conflicts import detect_resource_overallocation
from ..validation import utc_iso
from .contacts import demo_id

if TYPE_CHECKING:
    from ..store import Store

OUTAGE_HOURS_AGO = 9
OUTAGE_AREA = "Enschede, Hengelo, Almelo, Borne"
DECIDED_BY = "DPG Twente (demo)"
RECORDED_BY = "Calamiteitencoördinator ZCC (demo)"
COORDINATOR = "PBM-coördinator GHOR Twente (demo)"

# fmt: off
# supplier key, resource, customer organisation keys
SUPPLY: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("linde_gas", "zuurstofcilinders", ("mst", "zgt_almelo", "zgt_hengelo", "ghor")),
    ("vivisol", "zuurstofconcentratoren", ("buurtzorg", "carintreggeland", "livio")),
    ("brocacef", "palliatieve_medicatie", ("ariens", "manna", "liberein", "tmz")),
    ("brandstof", "brandstof", ("mst", "zgt_almelo", "zgt_hengelo", "roessingh")),
    ("medische_goederen", "pbm_ffp2", ("ghor",)),
    ("medische_goederen", "saturatiemeters", ("ghor",)),
)
# location key (demo.capacity), hours ago, power, autonomy hours, down, care, evacuation, note
CONTINUITY: tuple[tuple[str, float, str, float | None, str, str, str, str], ...] = (
    ("mst", 8.5, "aggregaat", 40, "", "geen", "geen", "Eerste melding na uitval."),
    ("mst", 1.0, "aggregaat", 32, "internet", "deels", "geen",
     "Electieve OK's uitgesteld; tankwagen besteld."),
    ("zgt_almelo", 8.0, "aggregaat", 18, "", "geen", "geen", ""),
    ("zgt_almelo", 1.5, "aggregaat", 10, "epd,internet", "essentieel", "voorbereiding",
     "Brandstof voor ca. 10 uur; levering onzeker. Papieren dossiers in gebruik."),
    ("zgt_hengelo", 2.0, "aggregaat", 16, "liften", "deels", "geen", ""),
    ("roessingh", 3.0, "ups", 3, "telefonie,klimaat", "essentieel", "geen",
     "Alleen noodverlichting en beademing op UPS."),
    ("zse_elv", 2.5, "geen", None, "telefonie,mobiel,liften", "essentieel", "geen",
     "Bereikbaar via koerier; bewoners op de begane grond."),
    ("carintreggeland_grz", 4.0, "aggregaat", 20, "telefonie", "deels", "geen", ""),
    ("liberein_wlz", 1.0, "net", None, "telefonie", "geen", "geen",
     "Stroom terug; vaste telefonie nog uit."),
    ("tmz_cohort", 3.5, "aggregaat", 26, "", "geen", "geen", ""),
    ("carintreggeland_mth", 12.0, "net", None, "", "geen", "geen", "Melding van vóór de uitval."),
)
# provider key, area, hours ago, {dependency: (< 4 h, 4-12 h, > 12 h)}
HOMECARE: tuple[tuple[str, str, float, dict[str, tuple[int, int, int]]], ...] = (
    ("buurtzorg", "Almelo", 2.0, {"beademing": (1, 1, 0), "zuurstof": (4, 6, 2),
                                  "pomp": (2, 3, 1)}),
    ("buurtzorg", "Borne", 2.0, {"zuurstof": (1, 2, 0), "bed_tillift": (0, 3, 5)}),
    ("carintreggeland", "Hengelo", 1.5, {"beademing": (2, 0, 1), "zuurstof": (5, 4, 3),
                                         "dialyse": (0, 1, 0), "bed_tillift": (3, 8, 10)}),
    ("livio", "Enschede", 3.0, {"beademing": (1, 2, 0), "zuurstof": (7, 5, 2),
                                "pomp": (3, 2, 0), "overig": (0, 1, 2)}),
    ("livio", "7544", 3.0, {"zuurstof": (2, 1, 0)}),
    # Reported before the outage began and not since: shows as not updated.
    ("tmz", "Almelo", 14.0, {"zuurstof": (1, 3, 2), "bed_tillift": (1, 4, 6)}),
)
# fmt: on


def load_outage(store: Store, now: datetime) -> None:
    """Suppliers, the outage, continuity reports, home-care counts, the PBM depot and its
    requests; runs inside the demo's single transaction."""
    region = store.query_one(
        "SELECT id FROM regions WHERE id = ? AND deleted = 0", (demo_id("region", "twente"),)
    )
    _suppliers(store)
    if region is not None:
        declare_outage(
            store,
            region["id"],
            "stroom",
            decided_by=DECIDED_BY,
            recorded_by=RECORDED_BY,
            now=now,
            area=OUTAGE_AREA,
            started_at=now - timedelta(hours=OUTAGE_HOURS_AGO),
            expected_end=now + timedelta(hours=36),
            text="Langdurige stroomstoring midden-Twente na brand in schakelstation (oefening).",
            outage_id=demo_id("outage", "stroom"),
            entry_id=demo_id("log_entry", "outage:stroom"),
        )
    known = {row["id"] for row in store.query("SELECT id FROM locations WHERE deleted = 0")}
    for n, (key, hours_ago, power, hours, down, care, evac, note) in enumerate(CONTINUITY):
        location_id = demo_id("location", key)
        if location_id not in known:
            continue
        report_continuity(
            store,
            location_id,
            power=power,
            autonomy_hours=hours,
            down=down,
            care_scaled=care,
            evacuation=evac,
            note=note,
            reporter="Crisiscoördinator locatie (demo)",
            source="radio" if "telefonie" in down else "telefoon",
            reported_at=now - timedelta(hours=hours_ago),
            now=now,
            report_id=demo_id("continuity_report", f"{key}:{n}"),
        )
    for key, area, hours_ago, counts in HOMECARE:
        report_homecare(
            store,
            demo_id("organisation", key),
            area,
            counts,
            now=now,
            reporter="Coördinator wijkverpleging (demo)",
            reported_at=now - timedelta(hours=hours_ago),
            report_key=demo_id("homecare_report", f"{key}:{area}"),
        )
    _depot(store, now)


def _suppliers(store: Store) -> None:
    """Who supplies what to whom; the suppliers themselves are in the directory's demo."""
    for supplier, resource, customers in SUPPLY:
        for customer in customers:
            resources.link_supplier(
                store,
                demo_id("organisation", supplier),
                resource,
                demo_id("organisation", customer),
            )


def _depot(store: Store, now: datetime) -> None:
    depot = demo_id("location", "pbm_depot")  # a location of the capacity demo, no beds
    if store.query_one("SELECT 1 FROM locations WHERE id = ?", (depot,)) is None:
        return
    counted = now - timedelta(hours=6)
    stock = {}
    for resource, quantity in (
        ("pbm_ffp2", 2400),
        ("pbm_schorten", 800),
        ("zuurstofcilinders", 6),
        ("saturatiemeters", 40),
        ("brandstof", 3000),
    ):
        stock[resource] = resources.count_stock(
            store, depot, resource, quantity, counted_by=COORDINATOR, now=now, counted_at=counted
        )

    def ask(
        key: str, location: str, resource: str, quantity: int, reason: str, hours: float
    ) -> str:
        return resources.request_resource(
            store,
            demo_id("location", location),
            resource,
            quantity,
            reason=reason,
            requested_by="Crisiscoördinator locatie (demo)",
            now=now,
            needed_by=now + timedelta(hours=hours),
            request_id=demo_id("resource_request", key),
            event_id=demo_id("resource_event", f"{key}:0"),
        )

    fuel = ask("fuel", "zgt_almelo", "brandstof", 2000, "Aggregaat: brandstof voor ca. 10 uur.", 6)
    ask("sat", "livio_grz", "saturatiemeters", 10, "Thuiszuurstofcliënten bewaken.", 12)
    ask("ffp2", "tmz_cohort", "pbm_ffp2", 500, "Cohort: voorraad op na 2 dagen.", 24)
    oxygen_a = ask("o2:a", "zse_elv", "zuurstofcilinders", 4, "Concentratoren zonder stroom.", 3)
    oxygen_b = ask(
        "o2:b", "carintreggeland_grz", "zuurstofcilinders", 3, "Zuurstofwand uitgevallen.", 3
    )
    resources.allocate(
        store, fuel, stock["brandstof"], by=COORDINATOR, now=now,
        event_id=demo_id("resource_event", "fuel:1"),
    )  # fmt: skip
    resources.send(store, fuel, by=COORDINATOR, now=now,
                   event_id=demo_id("resource_event", "fuel:2"))  # fmt: skip
    resources.allocate(
        store, oxygen_a, stock["zuurstofcilinders"], by=COORDINATOR, now=now,
        event_id=demo_id("resource_event", "o2:a:1"),
    )  # fmt: skip
    # The same last cylinders, allocated on a second laptop while the network was down:
    # written as the merge delivers it, without this device's check.
    at = utc_iso(now)
    with store.transaction() as tx:
        tx.put(
            "resource_requests",
            oxygen_b,
            {
                "state": "toegewezen",
                "state_at": at,
                "stock_id": stock["zuurstofcilinders"],
                "allocated": 3,
                "allocated_at": at,
            },
        )
        tx.put(
            "resource_events",
            demo_id("resource_event", "o2:b:1"),
            {
                "request_id": oxygen_b,
                "from_state": "aangevraagd",
                "to_state": "toegewezen",
                "at": at,
                "by": "PBM-coördinator laptop 2, offline gewerkt (demo)",
                "stock_id": stock["zuurstofcilinders"],
                "quantity": 3,
                "reason": None,
            },
        )
    detect_resource_overallocation(store, now)
