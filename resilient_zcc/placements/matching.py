"""Matching a request to capacity: every candidate location, ranked, with its reasons.

A candidate is a location's current figure (`capacity.free_beds.BedFigure`) in a category
that can give the care the request needs. Its free places are the figure's free after holds,
the same number the capacity overview shows (see `capacity/free_beds.py` for which held
places count); an overbezet location has none. Distance is not modelled (locations carry no
coordinates); the result says so.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from ..capacity.categories import all_categories
from ..capacity.free_beds import BedFigure, bed_figure, bed_figures
from ..continuity.queries import PowerLimit, power_limits
from ..continuity.vocabulary import Evacuation, Power
from ..errors import NotFound, ValidationError
from ..i18n import language, t
from .rules import ESCALATION_ROUTES, last_resort, rule_reasons
from .vocabulary import (
    COVID_NEGATIVE_CATEGORIES,
    COVID_POSITIVE_CATEGORIES,
    HFNO_CATEGORIES,
    HOSPITAL_CATEGORIES,
    IC_CATEGORIES,
    care_label,
    categories_for,
)

if TYPE_CHECKING:
    from ..store import Store


@dataclass
class Reason:
    ok: bool
    text: str


@dataclass
class Candidate:
    location_id: str
    location_name: str
    organisation: str
    category: str
    category_name: str
    requested_category: bool  # the category the request asked for (not an alternative)
    report_id: str
    reported_at: str
    age_minutes: int
    stale: bool
    available: int
    allocated: int
    free: int
    features: list[str]
    overbezet: bool = False
    reasons: list[Reason] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def suitable(self) -> bool:
        return all(reason.ok for reason in self.reasons)

    def failures(self) -> list[str]:
        return [reason.text for reason in self.reasons if not reason.ok]

    def as_dict(self) -> dict[str, Any]:
        return dict(asdict(self), suitable=self.suitable)


@dataclass
class MatchResult:
    request: dict[str, Any]
    candidates: list[Candidate]
    notes: list[str]

    def as_dict(self) -> dict[str, Any]:
        return {
            "request": self.request,
            "candidates": [c.as_dict() for c in self.candidates],
            "notes": self.notes,
        }


def get_request(store: Store, request_id: str) -> dict[str, Any]:
    row = store.query_one(
        "SELECT * FROM placement_requests WHERE id = ? AND deleted = 0", (request_id,)
    )
    if row is None:
        raise NotFound(
            "No placement request with id {id}; 'placements list' shows them.", id=request_id
        )
    row.pop("_clock", None)
    return row


def allocations(
    store: Store,
    *,
    location_id: str | None = None,
    category: str | None = None,
    categories: tuple[str, ...] = (),
) -> list[dict[str, Any]]:
    """Requests holding a place: their location, offered category and the moment of the offer."""
    where: list[str] = []
    params: list[Any] = []
    if location_id is not None:
        where.append("AND location_id = ?")
        params.append(location_id)
    if category is not None:
        categories = (category,)
    if categories:
        where.append(f"AND category IN ({','.join('?' for _ in categories)})")
        params.extend(categories)
    return store.query(
        "SELECT request_id, state, location_id, category, offered_at FROM placement_holds "
        f"WHERE 1 {' '.join(where)}",
        params,
    )


def _features(store: Store, location_ids: list[str]) -> dict[str, list[str]]:
    if not location_ids:
        return {}
    rows = store.query(
        "SELECT id, features FROM locations WHERE id IN (SELECT value FROM json_each(?))",
        (json.dumps(location_ids),),
    )
    return {r["id"]: [f for f in (r["features"] or "").split(",") if f] for r in rows}


def _aware(now: datetime) -> datetime:
    if now.tzinfo is None:
        raise ValidationError("'now' needs a time zone (use datetime.now(UTC)).")
    return now.astimezone(UTC)


def evaluate(
    request: dict[str, Any],
    figure: BedFigure,
    features: list[str],
    *,
    category_names: dict[str, str],
) -> Candidate:
    """One candidate, with a reason (fits or not) for every criterion."""
    category = figure.category
    name = category_names.get(category, category)
    available, held = figure.free, figure.held
    free = figure.free_after_holds
    age_minutes = figure.age_minutes
    candidate = Candidate(
        location_id=figure.location_id,
        location_name=figure.location_name,
        organisation=figure.organisation,
        category=category,
        category_name=name,
        requested_category=category == request["category"],
        report_id=figure.report_id,
        reported_at=figure.reported_at,
        age_minutes=age_minutes,
        stale=figure.stale,
        available=available,
        allocated=held,
        free=free,
        features=features,
        overbezet=figure.overbezet,
    )
    add = candidate.reasons.append
    care = care_label(request["care_need"], language())
    if category == request["category"]:
        add(Reason(True, t("category {name}: requested", name=name)))
    elif category in categories_for(request["care_need"] or ""):
        add(
            Reason(
                True, t("category {name}: alternative for care need '{care}'", name=name, care=care)
            )
        )
    else:
        add(
            Reason(
                False, t("category {name} does not fit care need '{care}'", name=name, care=care)
            )
        )
    counted = t(
        "available {available} according to the report, {allocated} allocated since",
        available=available,
        allocated=held,
    )
    if figure.overbezet:
        add(
            Reason(
                False,
                t(
                    "overbezet: {occupied} patients for {staffed} staffed beds",
                    occupied=figure.occupied,
                    staffed=figure.staffed,
                ),
            )
        )
    elif free > 0:
        add(Reason(True, t("{free} free place(s) ({counted})", free=free, counted=counted)))
    else:
        add(Reason(False, t("no free place ({counted})", counted=counted)))
    hospital = category in HOSPITAL_CATEGORIES
    if request["hfno"]:
        if category in HFNO_CATEGORIES or "hfno" in features:
            add(Reason(True, t("HFNO possible")))
        else:
            add(Reason(False, t("HFNO needed, the location offers no HFNO")))
    elif request["oxygen"]:
        if hospital or "zuurstof_wand" in features:
            add(Reason(True, t("wall oxygen available")))
        elif category == "thuiszorg_team":
            add(Reason(True, t("oxygen at home with support (module 1)")))
        else:
            add(Reason(False, t("oxygen needed, the location has no wall oxygen")))
    covid = request["covid_status"]
    if request["isolation"]:
        if "isolatie" in features or category == "thuiszorg_team":
            add(Reason(True, t("isolation possible")))
        elif covid == "positief" and category in COVID_POSITIVE_CATEGORIES:
            add(Reason(True, t("isolation by COVID+ cohort nursing")))
        else:
            add(Reason(False, t("isolation needed, the location has no isolation rooms")))
    if covid == "positief":
        if category in COVID_NEGATIVE_CATEGORIES:
            add(Reason(False, t("a COVID-positive patient does not belong in {name}", name=name)))
        elif category in COVID_POSITIVE_CATEGORIES:
            add(Reason(True, t("a COVID cohort fits a COVID-positive patient")))
        elif not hospital and category != "thuiszorg_team" and "isolatie" not in features:
            add(Reason(False, t("COVID-positive outside a cohort needs isolation rooms")))
    elif covid == "negatief" and category in COVID_POSITIVE_CATEGORIES:
        add(Reason(False, t("a COVID-negative patient does not belong in {name}", name=name)))
    elif covid in ("verdacht", "onbekend"):
        if category in COVID_POSITIVE_CATEGORIES:
            add(
                Reason(
                    False, t("COVID status '{covid}': do not place on a COVID+ cohort", covid=covid)
                )
            )
        elif "isolatie" not in features and category != "thuiszorg_team":
            candidate.warnings.append(
                t("COVID status '{covid}': isolate until the result is known", covid=covid)
            )
    if request["acp_no_hospital"] and hospital:
        add(Reason(False, t("treatment wish (ACP): no hospital admission")))
    if request["acp_no_ic"] and category in IC_CATEGORIES:
        add(Reason(False, t("treatment wish (ACP): no IC admission")))
    for ok, text in rule_reasons(request, category, name, features):
        add(Reason(ok, text))
    if candidate.stale:
        hours = age_minutes // 60
        candidate.warnings.append(
            t(
                "the figure is {hours} hours old (stale): call the location for a current figure",
                hours=hours,
            )
        )
    return candidate


def _rank(candidate: Candidate, preference: dict[str, int]) -> tuple[Any, ...]:
    """Suitable first; a last resort (shelter) after every other suitable place; then the
    requested category, the care need's preference order, fresh figures, most free."""
    return (
        not candidate.suitable,
        last_resort(candidate.category),
        not candidate.requested_category,
        preference.get(candidate.category, len(preference)),
        candidate.stale,
        -candidate.free,
        candidate.location_name,
        candidate.location_id,
    )


def match(store: Store, request_id: str, now: datetime) -> MatchResult:
    """Rank the locations that could take this request; suitable first, each with reasons."""
    now = _aware(now)
    request = get_request(store, request_id)
    wanted = list(dict.fromkeys([request["category"], *categories_for(request["care_need"])]))
    figures = [f for code in wanted if code for f in bed_figures(store, now=now, category=code)]
    features = _features(store, sorted({f.location_id for f in figures}))
    names = {code: c.name for code, c in all_categories(store).items()}
    candidates = [
        evaluate(request, figure, features.get(figure.location_id, []), category_names=names)
        for figure in figures
    ]
    limits = power_limits(store, sorted({c.location_id for c in candidates}), now)
    for candidate in candidates:
        if candidate.location_id in limits:
            _continuity(candidate, limits[candidate.location_id])
    order = {code: n for n, code in enumerate(wanted)}
    candidates.sort(key=lambda c: _rank(c, order))
    notes = [
        t(
            "Distance and travel time are not weighed (locations have no coordinates); when "
            "places fit equally well, choose the nearest location."
        )
    ]
    if not any(c.suitable for c in candidates):
        notes.append(_escalation_note(request["care_need"]))
    return MatchResult(request, candidates, notes)


def _continuity(candidate: Candidate, limit: PowerLimit) -> None:
    """A location without power, or evacuating, takes no patient; one running out of power
    soon is named, so the coordinator calls before sending anyone (its continuity report)."""
    if limit.power == Power.NONE or (limit.hours_left is not None and limit.hours_left <= 0):
        candidate.reasons.append(Reason(False, t("the location has no power left")))
    elif limit.below_threshold:
        candidate.warnings.append(
            t("only {hours} h of power autonomy left: call before placing", hours=limit.hours_left)
        )
    if limit.evacuation != Evacuation.NONE:
        candidate.reasons.append(Reason(False, t("the location is evacuating or preparing to")))


def _escalation_note(care_need: str) -> str:
    """Where to turn when nothing fits, by the routes this care need may take."""
    routes = [route for route, needs in ESCALATION_ROUTES.items() if care_need in needs]
    if "rcps" in routes:
        return t(
            "No suitable place in the region: consider escalating to RCPS or LCPS "
            "('placements advance ID opgeschaald --to rcps')."
        )
    if routes:
        return t(
            "No suitable place in the region: consider the supra-regional route {route} "
            "('placements advance ID opgeschaald --to {route}').",
            route=routes[0],
        )
    return t(
        "No suitable place in the region, and RCPS/LCPS take only hospital patients: look "
        "for room with the regional partners (ZCC consultation), or a shelter as last resort."
    )


def check_offer(
    store: Store, request: dict[str, Any], location_id: str, category: str, now: datetime
) -> Candidate:
    """Re-check, at the moment of offering, that this location and category can take the request."""
    figure = bed_figure(store, location_id, category, now=_aware(now))
    if figure is None:
        raise ValidationError(
            "Location {id} has no capacity report for category '{category}'; a place "
            "can only be offered against a reported figure. Run 'placements match' for "
            "candidates.",
            id=location_id,
            category=category,
        )
    features = _features(store, [location_id]).get(location_id, [])
    names = {code: c.name for code, c in all_categories(store).items()}
    candidate = evaluate(request, figure, features, category_names=names)
    if candidate.free <= 0:
        raise ValidationError(
            "{location} has no free place in {category} any more (available {available} in "
            "the report of {reported_at}, {allocated} already offered or placed since). Run "
            "'placements match' again for the current candidates.",
            location=candidate.location_name,
            category=candidate.category_name,
            available=candidate.available,
            reported_at=candidate.reported_at,
            allocated=candidate.allocated,
        )
    if not candidate.suitable:
        raise ValidationError(
            "{location} ({category}) does not fit this request: {failures}. Run "
            "'placements match' for suitable places.",
            location=candidate.location_name,
            category=candidate.category_name,
            failures="; ".join(candidate.failures()),
        )
    return candidate
