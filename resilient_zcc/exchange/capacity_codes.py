"""Our capacity categories in the terms of EDXL-HAVE 1.0 and HL7 (SANER); see docs/EXCHANGE.md.

HAVE's bed types are a closed list made for US hospitals; several of ours fall under one of
them, so every HAVE BedCapacity also carries our own code as SubCategoryBedType, and an
import of our own file gets the exact category back.
"""

from __future__ import annotations

# our category -> (HAVE 1.0 BedType, HL7 v3 RoleCode used by SANER for the bed location)
CATEGORY_MAP: dict[str, tuple[str, str]] = {
    "ic": ("AdultICU", "ICU"),
    "mc_ccu": ("MedicalSurgical", "CCU"),
    "pacu": ("AdultICU", "ICU"),  # PACU beds are used as IC expansion (module 5)
    "kliniek_covid": ("MedicalSurgical", "HU"),
    "kliniek_non_covid": ("MedicalSurgical", "HU"),
    "cohort_covid_pos": ("OtherIsolation", "HU"),
    "cohort_covid_neg": ("RehabLongTermCare", "RHU"),
    "elv": ("RehabLongTermCare", "RHU"),
    "grz": ("RehabLongTermCare", "RHU"),
    "wlz": ("RehabLongTermCare", "RHU"),
    "hospice": ("RehabLongTermCare", "RHU"),
    "palliatieve_unit": ("RehabLongTermCare", "RHU"),
    "noodopvang": ("MedicalSurgical", "HU"),
    "vg_cohort": ("RehabLongTermCare", "RHU"),
}
# Team capacity (thuiszorg_team) counts clients, not beds: not exported as beds.

# A HAVE bed type without our sub-category: the category we read it as.
HAVE_DEFAULT: dict[str, str] = {
    "AdultICU": "ic",
    "PediatricICU": "ic",
    "NeonatalICU": "ic",
    "MedicalSurgical": "kliniek_non_covid",
    "Pediatrics": "kliniek_non_covid",
    "OtherIsolation": "cohort_covid_pos",
    "NegativeFlowIsolation": "cohort_covid_pos",
    "RehabLongTermCare": "wlz",
}

# Our status colour -> HAVE FacilityStatus. Colours are about beds, not the building: a
# full location still works, so the worst we claim is 'Compromised'.
FACILITY_STATUS: dict[str, str] = {
    "groen": "Normal",
    "geel": "Normal",
    "oranje": "Compromised",
    "rood": "Compromised",
    "donkerrood": "Compromised",
}
STATUS_ORDER = ("groen", "geel", "oranje", "rood", "donkerrood")


def worst_status(statuses: list[str]) -> str:
    known = [s for s in statuses if s in STATUS_ORDER]
    return max(known, key=STATUS_ORDER.index) if known else "groen"
