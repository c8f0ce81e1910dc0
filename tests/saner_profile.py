"""The rules of SANER's PublicHealthMeasureReport profile, checked on a report as a dict.

Written from the published profile (HL7 fhir-saner, fsh/ProfileMeasureReport.fsh) and its
vocabulary (fsh/MeasureVocabulary.fsh): the invariants are its FHIRPath expressions in
Python. No FHIR validator is installed here; this is the profile's text, rule by rule.
"""

from __future__ import annotations

import re
from typing import Any

SANER = "http://hl7.org/fhir/uv/saner"
MEASURED_VALUES = f"{SANER}/CodeSystem/MeasuredValues"
POPULATION_SYSTEM = f"{SANER}/CodeSystem/MeasurePopulationSystem"
GROUP_SYSTEM = f"{SANER}/CodeSystem/MeasureGroupSystem"
# MeasureGroups = every code of MeasureGroupSystem.
GROUP_CODES = {"Beds", "Ventilators", "Encounters", "CovidDeaths", "AcquiredCovid",
               "VentilatorSupplies", "N95Masks", "OtherRespirators", "SurgicalMasks",
               "EyeProtection", "Gown", "Glove", "positiveIncreasePercent",
               "positivePercent"}  # fmt: skip
# MeasurePopulations = MeasuredValues + MeasurePopulationSystem (+ special values); the
# bed codes of MeasuredValues, as the code system spells them.
BED_VALUES = {"numTotBeds", "numTotBedsOcc", "numTotBedsAvail", "numbeds", "numBedsOcc",
              "numICUBeds", "numICUBedsOcc", "numICUBedsAvail", "numImpBeds", "numImpBedsOcc",
              "numImpBedsAvail", "numAmbBeds", "numAmbBedsOcc", "numAmbBedsAvail"}  # fmt: skip
POPULATION_CODES = {"numerator-complement", "duration", "duration-squared", "supporting"}
DATA_ABSENT = "http://hl7.org/fhir/StructureDefinition/data-absent-reason"


def precise_to_second(value: str) -> bool:
    """DateTimePreciseToSecond: length(replaceMatches('[0-9.T]','')) = 6."""
    return len(re.sub(r"[0-9.T]", "", value)) == 6


def violations(report: dict[str, Any]) -> list[str]:
    """Every rule of the profile the report breaks (empty when it conforms)."""
    found = []
    if report.get("resourceType") != "MeasureReport":
        found.append("not a MeasureReport")
    if report.get("status") not in ("complete", "pending", "error"):
        found.append("status not complete | pending | error")
    if report.get("status") == "complete" and not report.get("reporter"):
        found.append("ReporterPresentInCompleteReport")
    if not report.get("measure"):
        found.append("measure 1..1")
    if report.get("type") != "summary":
        found.append("type = summary")
    subject = report.get("subject") or {}
    if (
        subject.get("type", "Location") != "Location"
        or "reference" in subject
        and not str(subject["reference"]).startswith("Location/")
    ):
        found.append("subject only Reference(Location)")
    if not (subject.get("identifier") or {}).get("value"):
        found.append("subject.identifier 1..1")
    for name, value in (
        ("date", report.get("date")),
        ("period.start", (report.get("period") or {}).get("start")),
        ("period.end", (report.get("period") or {}).get("end")),
    ):
        if not value:
            found.append(f"{name} 1..1")
        elif not precise_to_second(value):
            found.append(f"{name} DateTimePreciseToSecond: {value}")
    for group in report.get("group", []):
        codings = (group.get("code") or {}).get("coding", [])
        if not any(c.get("system") == GROUP_SYSTEM and c.get("code") in GROUP_CODES
                   for c in codings):  # fmt: skip
            found.append(f"group {group.get('id')}: code from MeasureGroups")
        for population in group.get("population", []):
            codings = (population.get("code") or {}).get("coding", [])
            allowed = any(
                (c.get("system") == MEASURED_VALUES and c.get("code") in BED_VALUES)
                or (c.get("system") == POPULATION_SYSTEM and c.get("code") in POPULATION_CODES)
                for c in codings
            )
            if not allowed:
                found.append(f"group {group.get('id')}: population code from MeasurePopulations")
            absent = any(e.get("url") == DATA_ABSENT for e in population.get("extension", []))
            if "count" not in population and not absent:
                found.append(f"group {group.get('id')}: HasValueOrDataAbsentReason")
    text = report.get("text") or {}
    if not str(text.get("div", "")).startswith('<div xmlns="http://www.w3.org/1999/xhtml">'):
        found.append("dom-6: a narrative")
    return found
