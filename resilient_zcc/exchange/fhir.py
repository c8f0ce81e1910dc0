"""HL7 FHIR R4 MeasureReports in the style of the SANER guide: beds per location.

One Bundle (type collection) holds a MeasureReport per location, conforming to SANER's
PublicHealthMeasureReport rules: status complete, type summary, a measure, a subject Location
with an identifier, a date and period precise to the second with a time zone, a reporter,
and per group a code and per population a code from SANER's value set and a count. A group
per category; its populations are SANER's numTotBeds (total), numBeds (staffed) and
numBedsOcc (occupied); the available beds, for which SANER has no population code, are the
group's measureScore. See docs/EXCHANGE.md.
"""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from ..capacity.categories import all_categories
from .capacity_codes import CATEGORY_MAP
from .capacity_export import current_picture

if TYPE_CHECKING:
    from ..store import Store

SANER = "http://hl7.org/fhir/uv/saner"
PROFILE = f"{SANER}/StructureDefinition/PublicHealthMeasureReport"
GROUP_SYSTEM = f"{SANER}/CodeSystem/MeasureGroupSystem"
POPULATION_SYSTEM = f"{SANER}/CodeSystem/MeasurePopulationSystem"
ROLE_CODES = "http://terminology.hl7.org/CodeSystem/v3-RoleCode"
OUR_MEASURE = "urn:uuid:5d1e0a3c-7b42-5c1e-9f3a-1c2b3d4e5f60"  # our measure: beds per category
OUR_CATEGORIES = "urn:resilient-zcc:capacity-category"
UCUM = "http://unitsofmeasure.org"
LOCATION_IDS = "urn:resilient-zcc:location"
_NS = uuid.UUID("7a0c2d4e-1f3b-4c5d-8e6f-9a0b1c2d3e4f")

# field of our report -> (population coding system, code, display)
POPULATIONS: tuple[tuple[str, str, str, str], ...] = (
    ("total", POPULATION_SYSTEM, "numTotBeds", "All Hospital Beds"),
    ("staffed", POPULATION_SYSTEM, "numBeds", "Hospital Inpatient Beds"),
    ("occupied", POPULATION_SYSTEM, "numBedsOcc", "Hospital Inpatient Bed Occupancy"),
)


def _fhir_time(iso: str) -> str:
    return iso.replace("+00:00", "Z")


def _report(facility: Any, reporter: str, generated: str, names: dict[str, str]) -> dict[str, Any]:
    reports = facility.reports
    groups = []
    for r in reports:
        codings = [
            {"system": GROUP_SYSTEM, "code": "Beds", "display": "Beds"},
            {
                "system": OUR_CATEGORIES,
                "code": r["category"],
                "display": names.get(r["category"], r["category"]),
            },
        ]
        if r["category"] in CATEGORY_MAP:
            codings.append({"system": ROLE_CODES, "code": CATEGORY_MAP[r["category"]][1]})
        groups.append(
            {
                "id": r["category"],
                "code": {"coding": codings, "text": names.get(r["category"], r["category"])},
                "population": [
                    {
                        "code": {"coding": [{"system": system, "code": code, "display": display}]},
                        "count": int(r[name] or 0),
                    }
                    for name, system, code, display in POPULATIONS
                ],
                "measureScore": {
                    "value": int(r["available"] or 0),
                    "unit": "beds available",
                    "system": UCUM,
                    "code": "{beds}",
                },
            }  # fmt: skip
        )
    start = _fhir_time(min(r["reported_at"] for r in reports))
    end = _fhir_time(max(r["reported_at"] for r in reports))
    report_id = str(uuid.uuid5(_NS, f"{facility.location_id}|{end}"))
    return {
        "resourceType": "MeasureReport",
        "id": report_id,
        "meta": {"profile": [PROFILE]},
        "status": "complete",
        "type": "summary",
        "measure": OUR_MEASURE,
        "subject": {
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
    generated = (now or datetime.now(UTC)).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    names = {code: c.name for code, c in all_categories(store).items()}
    entries = []
    for facility in current_picture(store):
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
