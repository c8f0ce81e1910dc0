"""Capacity categories, status colours, report sources and location features.

Built-in categories are constants (the ones the sources name); a region may add its own in
`capacity_categories`. A custom category's row id is derived from its code (uuid5), so two
devices that add the same code merge into one row instead of two.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..errors import ValidationError

if TYPE_CHECKING:
    from ..store import Store

# Category kinds: beds, or the room of a (home-care) team counted in clients it can take.
KINDS: dict[str, tuple[str, str]] = {
    "bed": ("bedden", "beds"),
    "team": ("teamcapaciteit (cliënten)", "team capacity (clients)"),
}


@dataclass(frozen=True)
class Category:
    code: str
    name: str  # Dutch label, shown to users
    name_en: str
    kind: str  # a key of KINDS
    builtin: bool = True


# fmt: off
_BUILTINS: tuple[Category, ...] = (
    Category("ic", "IC", "Intensive care", "bed"),
    Category("mc_ccu", "MC/CCU", "Medium care / coronary care", "bed"),
    Category("pacu", "PACU", "Post-anaesthesia care unit", "bed"),
    Category("kliniek_covid", "Kliniek COVID", "Ward, COVID", "bed"),
    Category("kliniek_non_covid", "Kliniek non-COVID", "Ward, non-COVID", "bed"),
    Category("cohort_covid_pos", "Cohortafdeling COVID+", "Cohort ward, COVID-positive", "bed"),
    Category("cohort_covid_neg", "Cohortafdeling COVID-", "Cohort ward, COVID-negative", "bed"),
    Category("elv", "ELV (eerstelijnsverblijf)", "Primary-care short stay", "bed"),
    Category("grz", "GRZ (geriatrische revalidatie)", "Geriatric rehabilitation", "bed"),
    Category("wlz", "Wlz / verpleeghuis", "Long-term care / nursing home", "bed"),
    Category("hospice", "Hospice", "Hospice", "bed"),
    Category("palliatieve_unit", "Palliatieve unit", "Palliative care unit", "bed"),
    Category("noodopvang", "Noodopvanglocatie", "Emergency care location", "bed"),
    Category("vg_cohort", "VG-cohort", "Intellectual-disability cohort", "bed"),
    Category("thuiszorg_team", "Thuiszorgteam (MTH / wijkverpleging)",
             "Home-care team (MTH / district nursing)", "team"),
)
# fmt: on
CATEGORIES: dict[str, Category] = {c.code: c for c in _BUILTINS}

# Status colours the chain partners use, least to most pressure.
STATUSES: dict[str, tuple[str, str]] = {
    "groen": ("groen: ruimte", "green: room"),
    "geel": ("geel: krap", "yellow: tight"),
    "oranje": ("oranje: zeer krap", "orange: very tight"),
    "rood": ("rood: vrijwel vol", "red: nearly full"),
    "donkerrood": ("donkerrood: vol", "dark red: full"),
}

# Where a figure came from.
SOURCES: dict[str, tuple[str, str]] = {
    "formulier": ("formulier / app", "form / app"),
    "telefoon": ("telefonisch", "by phone"),
    "email": ("e-mail", "e-mail"),
    "lcps": ("LCPS-registratie", "LCPS registration"),
    "papier": ("papier / fax", "paper / fax"),
    "radio": ("C2000 / NCV", "C2000 / NCV radio"),
    "mondeling": ("mondeling (ter plaatse)", "in person"),
    "bestand": ("bestand (EDXL-HAVE / CSV)", "file (EDXL-HAVE / CSV)"),
}

# What a location offers, stored comma-separated on the location.
FEATURES: dict[str, tuple[str, str]] = {
    "zuurstof_wand": ("zuurstof uit de wand", "wall oxygen"),
    "isolatie": ("isolatiekamers", "isolation rooms"),
    "hfno": ("HFNO (high-flow zuurstof)", "high-flow nasal oxygen"),
    "beademing": ("beademing", "mechanical ventilation"),
    "monitoring": ("bewaking / monitoring", "monitoring"),
    "psychogeriatrie": ("gesloten afdeling (psychogeriatrie)", "closed ward (dementia)"),
    # A hospital location with an emergency department: it reports its SEH status (seh.py).
    "seh": ("spoedeisende hulp (SEH)", "emergency department"),
}

CODE = re.compile(r"^[a-z][a-z0-9_]{1,39}$")
_NAMESPACE = uuid.UUID("1b0e7f52-7a43-4c54-9a0e-3c6f1d2b9e11")


def category_row_id(code: str) -> str:
    """The fixed row id of a custom category: the same code gives the same row everywhere."""
    return str(uuid.uuid5(_NAMESPACE, f"capacity_category:{code}"))


def all_categories(store: Store) -> dict[str, Category]:
    """Built-ins first (in their fixed order), then the region's own, by code."""
    result = dict(CATEGORIES)
    for row in store.query(
        "SELECT code, name, kind FROM capacity_categories WHERE deleted = 0 ORDER BY code"
    ):
        code = row["code"] or ""
        if code and code not in result:
            name = row["name"] or code
            result[code] = Category(code, name, name, row["kind"] or "bed", builtin=False)
    return result


def category_codes(store: Store) -> list[str]:
    return list(all_categories(store))


def check_category(store: Store, code: str) -> Category:
    """The category with this code, or a ValidationError listing the known codes."""
    known = all_categories(store)
    if code not in known:
        raise ValidationError(
            "Unknown capacity category '{code}'. Known: {known} (add one with add_category).",
            code=code,
            known=", ".join(known),
        )
    return known[code]


def add_category(store: Store, code: str, name: str, kind: str = "bed") -> str:
    """A region's own capacity category; returns its row id."""
    code = code.strip()
    if not CODE.match(code):
        raise ValidationError(
            "A category code is 2 to 40 characters: a lowercase letter, then lowercase "
            "letters, digits or '_' (like 'cohort_griep'); '{code}' is not.",
            code=code,
        )
    if code in CATEGORIES:
        raise ValidationError(
            "'{code}' is a built-in category already; choose another code. Built-in: {builtin}.",
            code=code,
            builtin=", ".join(CATEGORIES),
        )
    name = name.strip()
    if not name:
        raise ValidationError("A category needs a name (Dutch, as users see it).")
    if kind not in KINDS:
        raise ValidationError(
            "Unknown category kind '{kind}'. Allowed: {allowed}.",
            kind=kind,
            allowed=", ".join(KINDS),
        )
    existing = store.query_one(
        "SELECT 1 FROM capacity_categories WHERE code = ? AND deleted = 0", (code,)
    )
    if existing:
        raise ValidationError("The category '{code}' exists already.", code=code)
    row_id = category_row_id(code)
    with store.transaction() as tx:
        tx.put(
            "capacity_categories", row_id, {"code": code, "name": name, "kind": kind, "deleted": 0}
        )
    return row_id
