"""HL7 FHIR R4 MeasureReports in the style of the SANER guide: beds per location.

One Bundle (type collection) holds a MeasureReport per location, conforming to SANER's
PublicHealthMeasureReport rules: status complete, type summary, a measure, a subject typed
Location with an identifier, a date and period precise to the second with a numeric time
zone (SANER's DateTimePreciseToSecond counts six non-digits, so `+00:00`, never `Z`), a
reporter, a narrative, and per group a code and per population a code from SANER's
MeasurePopulations value set and a count. A group per category; its populations come from
SANER's MeasuredValues code system: numTotBeds (total), numbeds (staffed, spelt so there),
numBedsOcc (occupied) and numTotBedsAvail (available: free after held places, never below
0, 0 when overbezet, the number the screens show), which is also the group's measureScore.
See docs/EXCHANGE.md.
"""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from html import escape
from typing import TYPE_CHECKING, Any

from ..capacity.categories import all_categories
from .capacity_codes import CATEGORY_MAP
from .capacity_export import current_picture

if TYPE_CHECKING:
    from ..store import Store

SANER = "http://hl7.org/fhir/uv/saner"
PROFILE = f"{SANER}/StructureDefinition/PublicHealthMeasureReport"
GROUP_SYSTEM = f"{SANER}/CodeSystem/MeasureGroupSystem"
POPULATION_SYSTEM = f"{SANER}/CodeSystem/MeasuredValues"  # in the MeasurePopulations set
ROLE_CODES = "http://terminology.hl7.org/CodeSystem/v3-RoleCode"
OUR_MEASURE = "urn:uuid:5d1e0a3c-7b42-5c1e-9f3a-1c2b3d4e5f60"  # our measure: beds per category
OUR_CATEGORIES = "urn:resilient-zcc:capacity-category"
UCUM = "http://unitsofmeasure.org"
LOCATION_IDS = "urn:resilient-zcc:location"
_NS = uuid.UUID("7a0c2d4e-1f3b-4c5d-8e6f-9a0b1c2d3e4f")

# field of our figure -> (population coding system, code, display), as MeasuredValues has them
POPULATIONS: tuple[tuple[str, str, str, str], ...] = (
    ("total", POPULATION_SYSTEM, "numTotBeds", "All Hospital Beds"),
    ("staffed", POPULATION_SYSTEM, "numbeds", "Hospital Inpatient Beds"),
    ("occupied", POPULATION_SYSTEM, "numBedsOcc", "Hospital Inpatient Bed Occupancy"),
    ("usable_free", POPULATION_SYSTEM, "numTotBedsAvail", "Hospital Beds Available"),
)


def _fhir_time(iso: str) -> str:
    """UTC with a numeric offset, to the second: '2026-12-03T09:00:00+00:00'."""
    moment = datetime.fromisoformat(iso.replace("Z", "+00:00")).astimezone(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S+00:00")


def _narrative(facility: Any, reporter: str, names: dict[str, str]) -> dict[str, str]:
    """The human-readable summary every resource should carry (FHIR's dom-6)."""
    rows = "".join(
        f"<tr><td>{escape(names.get(f.category, f.category))}</td><td>{int(f.total)}</td>"
        f"<td>{int(f.staffed)}</td><td>{int(f.occupied)}</td><td>{int(f.usable_free)}</td></tr>"
        for f in facility.figures
    )
    div = (
        '<div xmlns="http://www.w3.org/1999/xhtml">'
        f"<p>Beds at {escape(facility.name)}, reported by {escape(reporter)}.</p>"
        "<table><tr><th>Category</th><th>Total</th><th>Staffed</th><th>Occupied</th>"
        f"<th>Available</th></tr>{rows}</table></div>"
    )
    return {"status": "generated", "div": div}


def _report(facility: Any, reporter: str, generated: str, names: dict[str, str]) -> dict[str, Any]:
    figures = facility.figures
    groups = []
    for f in figures:
        codings = [
            {"system": GROUP_SYSTEM, "code": "Beds", "display": "Beds"},
            {
                "system": OUR_CATEGORIES,
                "code": f.category,
                "display": names.get(f.category, f.category),
            },
        ]
        if f.category in CATEGORY_MAP:
            codings.append({"system": ROLE_CODES, "code": CATEGORY_MAP[f.category][1]})
        groups.append(
            {
                "id": f.category,
                "code": {"coding": codings, "text": names.get(f.category, f.category)},
                "population": [
                    {
                        "code": {"coding": [{"system": system, "code": code, "display": display}]},
                        "count": int(getattr(f, name)),
                    }
                    for name, system, code, display in POPULATIONS
                ],
                "measureScore": {
                    "value": f.usable_free,
                    "unit": "beds available",
                    "system": UCUM,
                    "code": "{beds}",
                },
            }  # fmt: skip
        )
    start = _fhir_time(min(f.reported_at for f in figures))
    end = _fhir_time(max(f.reported_at for f in figures))
    report_id = str(uuid.uuid5(_NS, f"{facility.location_id}|{end}"))
    return {
        "resourceType": "MeasureReport",
        "id": report_id,
        "meta": {"profile": [PROFILE]},
        "text": _narrative(facility, reporter, names),
        "status": "complete",
        "type": "summary",
        "measure": OUR_MEASURE,
        "subject": {
            "type": "Location",
            "identifier": {"system": LOCATION_IDS, "value": facility.location_id},
            "display": facility.name,
        },
        "date": generated,
        "period": {"start": start, "end": end},
        "reporter": {"display": reporter},
        "group": groups,
    }


def export_fhir(store: Store, reporter: str, now: datetime | None = None) -> bytes:
    """A Bundle of MeasureReports, one per location with a current bed figure."""
    generated = (now or datetime.now(UTC)).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S+00:00")
    names = {code: c.name for code, c in all_categories(store).items()}
    entries = []
    for facility in current_picture(store, now=now):
        report = _report(facility, reporter, generated, names)
        entries.append({"fullUrl": f"urn:uuid:{report['id']}", "resource": report})
    bundle = {
        "resourceType": "Bundle",
        "id": str(uuid.uuid4()),
        "type": "collection",
        "timestamp": generated,
        "entry": entries,
    }
    return json.dumps(bundle, indent=2, ensure_ascii=False).encode("utf-8") + b"\n"
