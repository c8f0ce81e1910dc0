"""Where a patient may go, as data: category rules, transport needs, escalation routes and
refusal reasons, each with its source. Matching, registration and the life cycle read these
tables; a rule that fails is shown as a reason against the place.

Patient groups are read from the request (see `patient_groups`):
- `covid_pos`, `covid_neg`, `covid_unknown` (suspected or not tested);
- `postoperative`: the referrer marked the patient as post-operative;
- `hospital`: the care need is a hospital bed (IC, monitoring, ward).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..errors import ValidationError
from ..i18n import Text, t

HOSPITAL_NEEDS = frozenset({"ic", "bewaking", "ziekenhuis"})


@dataclass(frozen=True)
class CategoryRule:
    category: str
    only_for: frozenset[str] = frozenset()  # every one of these groups must apply
    refuses: frozenset[str] = frozenset()  # none of these groups may apply
    requires: tuple[str, ...] = ()  # location features every place in it must have
    last_resort: bool = False  # offered only after every other suitable place
    source: Text | None = None


CATEGORY_RULES: dict[str, CategoryRule] = {
    rule.category: rule
    for rule in (
        # Expert team report, module 5: PACU capacity takes "niet-COVID, postoperatief"
        # patients off the IC, so there is room on the IC for COVID patients.
        CategoryRule(
            "pacu",
            only_for=frozenset({"postoperative"}),
            refuses=frozenset({"covid_pos", "covid_unknown"}),
            source=Text("expert team report, module 5"),
        ),
        # An IC bed is a bed with ventilation ("beademing").
        CategoryRule("ic", requires=("beademing",), source=Text("expert team report")),
        # A shelter is the last resort (Twente plan: organise a noodopvanglocatie with the GHOR).
        CategoryRule("noodopvang", last_resort=True, source=Text("Twente regional plan")),
    )
}

# Transport a need requires. Expert team report, module 4B: a MICU cannot carry an HFNO
# patient and transport must be adapted ("ambulance+").
TRANSPORT_NEEDS: dict[str, tuple[str, ...]] = {"hfno": ("ambulance_plus",)}

# Which care needs each escalation route takes. Twente plan: supra-regional transfers of
# hospital patients go through RCPS Euregio (and so LCPS); VG/LG clients go to the
# supra-regional VG cohort (15 beds, under the DTZC physicians); GGZ uses its own routes
# (its own crisis plan and placements in and outside the region), so no route here.
ESCALATION_ROUTES: dict[str, frozenset[str]] = {
    "rcps": HOSPITAL_NEEDS,
    "lcps": HOSPITAL_NEEDS,
    "vg_cohort": frozenset({"vg_cohort"}),
}

# Why a receiving party may refuse an offered place. "Not our own client" is not on the list:
# institutions cannot refuse a patient assigned to their cohort for that (ministry letter).
REFUSAL_REASONS: dict[str, tuple[str, str]] = {
    "geen_bemand_bed": ("geen bemand bed vrij", "no staffed bed free"),
    "zorgvraag_niet_passend": (
        "zorgvraag kan hier niet worden geleverd",
        "the care need cannot be met here",
    ),
    "acp_grens": ("behandelgrens (ACP) past niet", "treatment limit (ACP) does not fit"),
    "anders": ("anders (toelichting verplicht)", "other (explanation required)"),
}


def patient_groups(request: dict[str, Any]) -> frozenset[str]:
    covid = request.get("covid_status")
    groups = {
        "covid_pos" if covid == "positief" else "covid_neg" if covid == "negatief" else "",
    }
    if covid in ("verdacht", "onbekend", None):
        groups.add("covid_unknown")
    if request.get("postoperative"):
        groups.add("postoperative")
    if request.get("care_need") in HOSPITAL_NEEDS:
        groups.add("hospital")
    groups.discard("")
    return frozenset(groups)


_GROUP_NAMES = {
    "covid_pos": Text("COVID-positive"),
    "covid_neg": Text("COVID-negative"),
    "covid_unknown": Text("COVID status not known"),
    "postoperative": Text("post-operative"),
    "hospital": Text("hospital patient"),
}


def _group(name: str) -> str:
    text = _GROUP_NAMES.get(name)
    return str(text) if text else name


def rule_reasons(
    request: dict[str, Any], category: str, name: str, features: list[str]
) -> list[tuple[bool, str]]:
    """(fits, text) for every category rule this place is under; none when it has no rule."""
    rule = CATEGORY_RULES.get(category)
    if rule is None:
        return []
    groups = patient_groups(request)
    reasons: list[tuple[bool, str]] = []
    if rule.only_for:
        missing = sorted(rule.only_for - groups)
        wanted = ", ".join(_group(g) for g in sorted(rule.only_for))
        if missing:
            reasons.append(
                (
                    False,
                    t(
                        "{name} only takes patients who are {wanted} ({source})",
                        name=name,
                        wanted=wanted,
                        source=rule.source,
                    ),
                )
            )
        else:
            reasons.append((True, t("{name} takes {wanted} patients", name=name, wanted=wanted)))
    refused = sorted(rule.refuses & groups)
    if refused:
        reasons.append(
            (
                False,
                t(
                    "{name} does not take {groups} patients ({source})",
                    name=name,
                    groups=", ".join(_group(g) for g in refused),
                    source=rule.source,
                ),
            )
        )
    for feature in rule.requires:
        if feature in features:
            reasons.append(
                (True, t("{name}: the location has '{feature}'", name=name, feature=feature))
            )
        else:
            reasons.append(
                (
                    False,
                    t(
                        "{name} needs '{feature}', the location does not have it",
                        name=name,
                        feature=feature,
                    ),
                )
            )
    if rule.last_resort:
        reasons.append(
            (True, t("{name} is the last resort: offered after every other place", name=name))
        )
    return reasons


def last_resort(category: str) -> bool:
    rule = CATEGORY_RULES.get(category)
    return bool(rule and rule.last_resort)


def check_transport(*, hfno: bool, transport: str) -> None:
    """HFNO needs an adapted ambulance (ambulance+); a MICU or a plain ambulance is refused."""
    allowed = TRANSPORT_NEEDS["hfno"]
    if not hfno or transport in allowed:
        return
    if transport == "micu":
        raise ValidationError(
            "A MICU cannot carry an HFNO patient (HFNO needs far more oxygen than a MICU has; "
            "expert team report, module 4B). Choose transport 'ambulance_plus' (an adapted "
            "ambulance+) for HFNO, or drop HFNO if the patient is ventilated."
        )
    raise ValidationError(
        "An HFNO patient needs an adapted ambulance (ambulance+; expert team report, module "
        "4B), not transport '{transport}'. Choose transport 'ambulance_plus'.",
        transport=transport,
    )


def check_escalation(care_need: str, target: str) -> None:
    """Supra-regional routes by patient group: RCPS/LCPS for hospital patients, the
    supra-regional VG cohort for VG/LG clients; GGZ uses its own routes."""
    takes = ESCALATION_ROUTES.get(target, frozenset())
    if care_need in takes:
        return
    fitting = [route for route, needs in ESCALATION_ROUTES.items() if care_need in needs]
    raise ValidationError(
        "Escalation to '{target}' is for care needs {takes}, not '{care_need}': supra-regional "
        "transfers through RCPS/LCPS are for hospital patients, VG/LG clients go to the "
        "supra-regional VG cohort, GGZ uses its own routes. Routes for this request: {fitting}.",
        target=target,
        takes=", ".join(sorted(takes)),
        care_need=care_need,
        fitting=", ".join(fitting) if fitting else Text("none: solve it in the region"),
    )
