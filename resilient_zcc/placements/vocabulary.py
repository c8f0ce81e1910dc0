"""Fixed vocabularies of the placement queue, with Dutch and English labels.

Urgency (agreed in the region's ZCC procedure; the sources give no national definition):
- `acuut`: a place is needed within 4 hours (the patient cannot stay where they are);
- `hoog`: within 24 hours (e.g. a hospital bed must be freed, or home care is failing);
- `normaal`: within 72 hours (planned transfer, e.g. to ELV or GRZ).
These are the default target waiting times (settings `placements.target_minutes.*`); a request
past its target is overdue, and the queue puts overdue requests first (see `queries`).
"""

from __future__ import annotations

AGE_BANDS: dict[str, tuple[str, str]] = {
    "0-17": ("0-17 jaar", "0-17 years"),
    "18-39": ("18-39 jaar", "18-39 years"),
    "40-64": ("40-64 jaar", "40-64 years"),
    "65-79": ("65-79 jaar", "65-79 years"),
    "80+": ("80 jaar of ouder", "80 years or older"),
}

COVID_STATUSES: dict[str, tuple[str, str]] = {
    "positief": ("COVID-positief", "COVID positive"),
    "negatief": ("COVID-negatief", "COVID negative"),
    "verdacht": ("verdacht (uitslag volgt)", "suspected (result pending)"),
    "onbekend": ("onbekend (niet getest)", "unknown (not tested)"),
}

URGENCIES: dict[str, tuple[str, str]] = {
    "acuut": ("acuut (binnen 4 uur)", "acute (within 4 hours)"),
    "hoog": ("hoog (binnen 24 uur)", "high (within 24 hours)"),
    "normaal": ("normaal (binnen 72 uur)", "normal (within 72 hours)"),
}
URGENCY_ORDER = {code: n for n, code in enumerate(URGENCIES)}

TRANSPORTS: dict[str, tuple[str, str]] = {
    "zittend": ("zittend vervoer", "seated transport"),
    "ambulance": ("ambulance", "ambulance"),
    "micu": ("MICU (mobiele IC-unit)", "mobile intensive care unit"),
    # Expert team report, module 4B: HFNO patients need an adapted ambulance.
    "ambulance_plus": ("ambulance+ (aangepast, voor HFNO)", "ambulance+ (adapted, for HFNO)"),
}

ESCALATION_TARGETS: dict[str, tuple[str, str]] = {
    "rcps": ("RCPS (regionaal coördinatiecentrum patiëntenspreiding)", "regional RCPS"),
    "lcps": ("LCPS (landelijk coördinatiecentrum patiëntenspreiding)", "national LCPS"),
    "vg_cohort": (
        "bovenregionaal VG-cohort (15 bedden, artsen DTZC)",
        "supra-regional ID cohort (15 beds, DTZC physicians)",
    ),
}


# The care a patient needs, and the capacity categories that can give it (first = usual).
CARE_NEEDS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "ic": ("IC-zorg", "intensive care", ("ic", "pacu")),
    "bewaking": ("bewaking (MC/CCU)", "monitoring (medium care)", ("mc_ccu", "pacu")),
    "ziekenhuis": (
        "ziekenhuisopname (kliniek)",
        "hospital ward",
        ("kliniek_covid", "kliniek_non_covid"),
    ),
    "vvt_herstel": (
        "herstelzorg in VVT (corona-unit / cohort)",
        "recovery care in a nursing home (cohort)",
        ("cohort_covid_pos", "cohort_covid_neg", "elv", "noodopvang"),
    ),
    "elv": ("eerstelijnsverblijf (ELV)", "primary-care short stay", ("elv", "noodopvang")),
    "grz": ("geriatrische revalidatie (GRZ)", "geriatric rehabilitation", ("grz",)),
    "wlz": ("verpleeghuiszorg (Wlz)", "nursing-home care", ("wlz",)),
    "hospice": (
        "hospice / palliatieve zorg",
        "hospice / palliative care",
        ("hospice", "palliatieve_unit"),
    ),
    "palliatief": ("palliatieve unit", "palliative unit", ("palliatieve_unit", "hospice")),
    "vg_cohort": ("VG-cohort (verstandelijk gehandicapt)", "ID cohort", ("vg_cohort",)),
    "thuis_met_ondersteuning": (
        "thuis met ondersteuning (MTH / wijkverpleging)",
        "home with support (home-care team)",
        ("thuiszorg_team",),
    ),
}

# Categories inside a hospital: wall oxygen is a given there; ACP "no hospital" excludes them.
HOSPITAL_CATEGORIES = frozenset({"ic", "mc_ccu", "pacu", "kliniek_covid", "kliniek_non_covid"})
IC_CATEGORIES = frozenset({"ic", "pacu"})
HFNO_CATEGORIES = frozenset({"ic", "mc_ccu", "pacu"})  # elsewhere only with feature 'hfno'
COVID_POSITIVE_CATEGORIES = frozenset({"kliniek_covid", "cohort_covid_pos"})
COVID_NEGATIVE_CATEGORIES = frozenset({"kliniek_non_covid", "cohort_covid_neg"})


def label(vocabulary: dict[str, tuple[str, str]], code: str | None, lang: str = "nl") -> str:
    pair = vocabulary.get(code or "")
    if pair is None:
        return code or ""
    return pair[0] if lang == "nl" else pair[1]


def care_label(code: str | None, lang: str = "nl") -> str:
    entry = CARE_NEEDS.get(code or "")
    if entry is None:
        return code or ""
    return entry[0] if lang == "nl" else entry[1]


def categories_for(care_need: str) -> tuple[str, ...]:
    entry = CARE_NEEDS.get(care_need)
    return entry[2] if entry else ()
