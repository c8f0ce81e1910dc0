"""The demo region's placement queue: about 40 requests in every state, and one conflict.

References are obviously fake form numbers (DEMO-TW-0001 ...); ages are bands; every wish
and location text is invented. Places are chosen by `match` against the demo's capacity, so
every offer fits a reported free place. One location-category ends over-allocated: its last
bed was offered twice, the second offer as it arrives from another coordinator's laptop that
worked offline (this device would refuse it), so the conflict list has something to show.
Deterministic: fixed specs and uuid5 ids; only the times follow `now`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from ..placements.conflicts import detect_overallocation
from ..placements.matching import match
from ..placements.model import advance, register_request
from ..placements.vocabulary import CARE_NEEDS, COVID_POSITIVE_CATEGORIES
from ..validation import utc_iso
from .contacts import demo_id

if TYPE_CHECKING:
    from ..store import Store

COORDINATOR = "ZCC-coördinator (demo)"
RECEIVER = "Opnamecoördinator ontvangende locatie (demo)"
TRANSPORT = "Ambulance Oost, centralist (demo)"
PATH = ("in_behandeling", "plaats_aangeboden", "geaccepteerd", "vervoer_geregeld", "geplaatst")


@dataclass(frozen=True)
class _Spec:
    care: str
    category: str
    urgency: str
    state: str  # where the request ends up
    covid: str = "negatief"
    age: str = "80+"
    referrer: str = "hdt"
    oxygen: bool = False
    hfno: bool = False
    isolation: bool = False
    transport: str = "ambulance"
    acp: tuple[str, ...] = ()
    wishes: str = ""
    postoperative: bool = False
    local_route: bool = True  # the referrer tried the regular route first
    extra: dict[str, Any] = field(default_factory=dict)


_W = "Wil dicht bij familie in {} blijven (fictief)"
# fmt: off
SPECS: tuple[_Spec, ...] = (
    _Spec("vvt_herstel", "cohort_covid_pos", "acuut", "aangemeld", "positief", oxygen=True,
          isolation=True, acp=("no_ic",), wishes=_W.format("Enschede")),
    _Spec("ziekenhuis", "kliniek_covid", "acuut", "aangemeld", "positief", "65-79", "hap_enschede",
          oxygen=True, hfno=True, transport="ambulance_plus"),
    _Spec("elv", "elv", "hoog", "aangemeld", referrer="hap_hengelo", transport="zittend"),
    _Spec("grz", "grz", "normaal", "aangemeld", age="65-79", referrer="zgt_hengelo"),
    _Spec("hospice", "hospice", "hoog", "aangemeld", referrer="hap_almelo",
          acp=("no_ic", "no_resuscitation", "no_hospital"),
          wishes="Wil niet meer naar het ziekenhuis (fictief)"),
    _Spec("wlz", "wlz", "normaal", "aangemeld", "onbekend", referrer="zse", local_route=False),
    _Spec("vvt_herstel", "cohort_covid_pos", "hoog", "in_behandeling", "positief", oxygen=True),
    _Spec("ic", "ic", "acuut", "in_behandeling", "positief", "40-64", "mst", oxygen=True,
          transport="micu"),
    _Spec("elv", "elv", "normaal", "in_behandeling", "verdacht", referrer="hap_almelo",
          local_route=False),
    _Spec("grz", "grz", "hoog", "in_behandeling", age="65-79", referrer="zgt_almelo",
          extra={"refused": "Geen GRZ-behandelaar beschikbaar dit weekend (demo)",
                 "refusal": "geen_bemand_bed"}),
    _Spec("thuis_met_ondersteuning", "thuiszorg_team", "hoog", "in_behandeling", "positief",
          "65-79", oxygen=True, transport="zittend"),
    _Spec("vg_cohort", "vg_cohort", "hoog", "in_behandeling", "positief", "40-64", "aveleijn",
          isolation=True),
    _Spec("ziekenhuis", "kliniek_non_covid", "hoog", "plaats_aangeboden", age="65-79",
          referrer="hap_enschede"),
    _Spec("vvt_herstel", "cohort_covid_pos", "hoog", "plaats_aangeboden", "positief",
          oxygen=True),
    _Spec("elv", "elv", "normaal", "plaats_aangeboden", referrer="hap_hengelo",
          transport="zittend"),
    _Spec("wlz", "wlz", "normaal", "plaats_aangeboden", referrer="mst"),
    _Spec("bewaking", "mc_ccu", "acuut", "plaats_aangeboden", "negatief", "40-64", "mst",
          postoperative=True),
    _Spec("grz", "grz", "normaal", "geaccepteerd", referrer="mst"),
    _Spec("vvt_herstel", "cohort_covid_pos", "hoog", "geaccepteerd", "positief", oxygen=True,
          isolation=True),
    _Spec("ziekenhuis", "kliniek_covid", "acuut", "geaccepteerd", "positief", "65-79",
          "hap_enschede", oxygen=True),
    _Spec("thuis_met_ondersteuning", "thuiszorg_team", "normaal", "geaccepteerd", age="65-79",
          transport="zittend"),
    _Spec("elv", "elv", "hoog", "vervoer_geregeld", referrer="zgt_almelo"),
    _Spec("vvt_herstel", "cohort_covid_neg", "hoog", "vervoer_geregeld", referrer="mst"),
    _Spec("ziekenhuis", "kliniek_non_covid", "acuut", "vervoer_geregeld", age="40-64",
          referrer="hap_almelo"),
    _Spec("palliatief", "palliatieve_unit", "hoog", "vervoer_geregeld",
          acp=("no_ic", "no_resuscitation", "no_hospital"), wishes=_W.format("Hengelo")),
    _Spec("grz", "grz", "normaal", "geplaatst", referrer="zgt_hengelo"),
    _Spec("elv", "elv", "hoog", "geplaatst", referrer="hap_enschede"),
    _Spec("vvt_herstel", "cohort_covid_pos", "acuut", "geplaatst", "positief", oxygen=True),
    _Spec("ziekenhuis", "kliniek_covid", "hoog", "geplaatst", "positief", "65-79", "hap_hengelo",
          oxygen=True),
    _Spec("thuis_met_ondersteuning", "thuiszorg_team", "hoog", "geplaatst", "positief",
          transport="zittend", oxygen=True),
    _Spec("wlz", "wlz", "normaal", "geplaatst", referrer="zse"),
    _Spec("elv", "elv", "normaal", "geannuleerd", referrer="hap_almelo",
          extra={"reason": "Lokaal opgelost: mantelzorg thuis geregeld (demo)"}),
    _Spec("grz", "grz", "normaal", "geannuleerd", age="65-79",
          extra={"reason": "Niet meer nodig (demo)"}),
    _Spec("ziekenhuis", "kliniek_non_covid", "hoog", "geannuleerd", age="40-64",
          extra={"reason": "Opgenomen in eigen ziekenhuis (demo)"}),
    _Spec("ic", "ic", "acuut", "opgeschaald", "positief", "40-64", "zgt_almelo", oxygen=True,
          transport="micu", extra={"to": "lcps", "reason": "Geen IC-bed in de regio (demo)"}),
    _Spec("vg_cohort", "vg_cohort", "hoog", "opgeschaald", "positief", "18-39", "heeren_loo",
          extra={"to": "vg_cohort", "reason": "VG-cohort regio vol, bovenregionaal (demo)"}),
    _Spec("ziekenhuis", "kliniek_covid", "acuut", "opgeschaald", "positief", "65-79", "mst",
          oxygen=True, hfno=True, transport="ambulance_plus",
          extra={"to": "rcps", "reason": "Kliniek COVID regio vol (demo)"}),
)
# fmt: on


class _Loader:
    def __init__(self, store: Store, now: datetime) -> None:
        self.store = store
        self.now = now
        self.number = 0
        row = store.query_one(
            "SELECT id FROM regions WHERE id = ? AND deleted = 0", (demo_id("region", "twente"),)
        )
        self.region_id = row["id"] if row else None
        newest = store.query_one(
            "SELECT max(reported_at) AS at FROM capacity_reports WHERE deleted = 0"
        )
        latest = datetime.fromisoformat(newest["at"]) if newest and newest["at"] else now
        # Offers and later steps fall in the last 25 minutes and after the newest report, so
        # they count against it and follow every request's registration.
        self.after_report = min(max(latest, now - timedelta(minutes=25)), now)

    def step_time(self, step: int) -> datetime:
        span = self.now - self.after_report
        return self.after_report + span * (step + 1) / 6

    def register(self, spec: _Spec, key: str, minutes_ago: int) -> str:
        self.number += 1
        return register_request(
            self.store,
            reference=f"DEMO-TW-{self.number:04d}",
            category=spec.category,
            care_need=spec.care,
            urgency=spec.urgency,
            covid_status=spec.covid,
            age_band=spec.age,
            region_id=self.region_id,
            current_location=f"Thuis, Oefenstraat {self.number} (fictief)"
            if spec.referrer.startswith("hap") or spec.referrer == "hdt"
            else "Verpleegafdeling verwijzer (fictief)",
            referrer_org_id=demo_id("organisation", spec.referrer),
            referrer_contact=f"Dienstdoende arts, piket verwijzer {self.number} (fictief)",
            wishes=spec.wishes,
            treatment_limits="Niet reanimeren (fictief)" if "no_resuscitation" in spec.acp else "",
            acp_no_ic="no_ic" in spec.acp,
            acp_no_resuscitation="no_resuscitation" in spec.acp,
            acp_no_hospital="no_hospital" in spec.acp,
            oxygen=spec.oxygen,
            hfno=spec.hfno,
            isolation=spec.isolation,
            transport=spec.transport,
            postoperative=spec.postoperative,
            local_route_tried=spec.local_route,
            by=COORDINATOR,
            now=self.now - timedelta(minutes=minutes_ago),
            request_id=demo_id("placement_request", key),
            event_id=demo_id("placement_event", f"{key}:0"),
        )

    def step(self, request_id: str, key: str, n: int, state: str, **kwargs: Any) -> None:
        by = (
            RECEIVER
            if state == "geaccepteerd"
            else TRANSPORT
            if state == "vervoer_geregeld"
            else COORDINATOR
        )
        advance(
            self.store,
            request_id,
            state,
            by=kwargs.pop("by", by),
            now=kwargs.pop("at"),
            event_id=demo_id("placement_event", f"{key}:{n}"),
            **kwargs,
        )

    def best_place(self, request_id: str, at: datetime) -> tuple[str, str] | None:
        for candidate in match(self.store, request_id, at).candidates:
            if candidate.suitable:
                return candidate.location_id, candidate.category
        return None

    def follow(self, spec: _Spec, key: str, request_id: str, minutes_ago: int) -> None:
        """Walk the request along its path up to the state the spec ends in."""
        early = self.now - timedelta(minutes=max(minutes_ago - 10, 1))
        if spec.state == "aangemeld":
            return
        self.step(request_id, key, 1, "in_behandeling", at=early)
        n = 2
        if spec.state in ("geannuleerd", "opgeschaald"):
            self.step(
                request_id,
                key,
                n,
                spec.state,
                at=self.step_time(0),
                reason=spec.extra["reason"],
                escalated_to=spec.extra.get("to"),
            )
            return
        if spec.state == "in_behandeling" and "refused" not in spec.extra:
            return
        place = self.best_place(request_id, self.step_time(0))
        if place is None:  # the demo's capacity has no room: the request waits
            return
        location_id, category = place
        self.step(
            request_id,
            key,
            n,
            "plaats_aangeboden",
            at=self.step_time(0),
            location_id=location_id,
            category=category,
        )
        n += 1
        if "refused" in spec.extra:
            self.step(
                request_id,
                key,
                n,
                "in_behandeling",
                at=self.step_time(1),
                reason=spec.extra["refused"],
                reason_code=spec.extra["refusal"],
                by=RECEIVER,
            )
            return
        for offset, state in enumerate(PATH[2 : PATH.index(spec.state) + 1], start=1):
            self.step(request_id, key, n, state, at=self.step_time(offset))
            n += 1

    def conflict(self) -> None:
        """Fill the tightest suitable cohort to its last bed, then offer that bed twice."""
        spec = _Spec("vvt_herstel", "cohort_covid_pos", "hoog", "plaats_aangeboden", "positief")
        first = self.register(spec, "conflict:a", 50)
        self.step(first, "conflict:a", 1, "in_behandeling", at=self.now - timedelta(minutes=40))
        tightest = min(
            (c for c in match(self.store, first, self.step_time(0)).candidates if c.suitable),
            key=lambda c: (c.free, c.location_name),
            default=None,
        )
        if tightest is None:
            return
        for k in range(tightest.free - 1):  # fill to the last bed with accepted placements
            key = f"conflict:fill:{k}"
            care = next(c for c, entry in CARE_NEEDS.items() if tightest.category in entry[2])
            covid = "positief" if tightest.category in COVID_POSITIVE_CATEGORIES else "negatief"
            fill = self.register(_Spec(care, tightest.category, "normaal", "", covid), key, 45)
            self.step(fill, key, 1, "in_behandeling", at=self.now - timedelta(minutes=35))
            self.step(
                fill,
                key,
                2,
                "plaats_aangeboden",
                at=self.step_time(1),
                location_id=tightest.location_id,
                category=tightest.category,
            )
            self.step(fill, key, 3, "geaccepteerd", at=self.step_time(2))
        self.step(
            first,
            "conflict:a",
            2,
            "plaats_aangeboden",
            at=self.step_time(3),
            location_id=tightest.location_id,
            category=tightest.category,
        )
        # The same last bed, offered on another laptop while the network was down: written
        # as the merge delivers it (request state and its event), without this device's check.
        other = self.register(
            _Spec(
                next(c for c, entry in CARE_NEEDS.items() if tightest.category in entry[2]),
                tightest.category,
                "acuut",
                "",
                "positief" if tightest.category in COVID_POSITIVE_CATEGORIES else "negatief",
            ),
            "conflict:b",
            30,
        )
        self.step(other, "conflict:b", 1, "in_behandeling", at=self.now - timedelta(minutes=28))
        at = utc_iso(self.step_time(3))
        with self.store.transaction() as tx:
            tx.put(
                "placement_requests",
                other,
                {"state": "plaats_aangeboden", "state_at": at, "location_id": tightest.location_id},
            )
            tx.put(
                "placement_events",
                demo_id("placement_event", "conflict:b:2"),
                {
                    "request_id": other,
                    "from_state": "in_behandeling",
                    "to_state": "plaats_aangeboden",
                    "at": at,
                    "by": "ZCC-coördinator laptop 2, offline gewerkt (demo)",
                    "location_id": tightest.location_id,
                    "category": tightest.category,
                    "reason": None,
                },
            )


def load_placements(store: Store, now: datetime) -> None:
    """The placement queue of the demo region (runs inside the demo's transaction)."""
    loader = _Loader(store, now)
    for n, spec in enumerate(SPECS):
        key = f"request:{n}"
        minutes_ago = 30 + 23 * (len(SPECS) - n)
        request_id = loader.register(spec, key, minutes_ago)
        loader.follow(spec, key, request_id, minutes_ago)
    loader.conflict()
    detect_overallocation(store, now)


__all__ = ["SPECS", "load_placements"]
