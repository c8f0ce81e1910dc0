"""EDXL-HAVE 1.0 (OASIS Hospital AVailability Exchange): write the picture, read one in.

Reading uses defusedxml: a document with a DTD, entity declarations or external references
is refused before anything is parsed, so no file on this laptop can be pulled in (XXE) and
no entity expansion can exhaust memory.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET  # noqa: S405 - only to build and serialise our own XML
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from ..errors import ZccError
from ..i18n import Text
from .capacity_codes import CATEGORY_MAP, FACILITY_STATUS, HAVE_DEFAULT, worst_status
from .capacity_export import current_picture
from .continuity_have import (
    EMS_TRAFFIC,
    LocationStatus,
    clinical_operations,
    facility_operations,
    location_statuses,
    resources_comment,
    resources_texts,
    worse,
)
from .continuity_have import facility_status as facility_status_of

if TYPE_CHECKING:
    from ..capacity.free_beds import BedFigure
    from ..continuity.queries import ContinuityFigure
    from ..store import Store

HAVE = "urn:oasis:names:tc:emergency:EDXL:HAVE:1.0"
XNL = "urn:oasis:names:tc:ciq:xnl:3"
ET.register_namespace("have", HAVE)
ET.register_namespace("xnl", XNL)


def _h(tag: str) -> str:
    return f"{{{HAVE}}}{tag}"


def _x(tag: str) -> str:
    return f"{{{XNL}}}{tag}"


def _sub(parent: ET.Element, tag: str, text: str | None = None) -> ET.Element:
    element = ET.SubElement(parent, tag)
    if text is not None:
        element.text = text
    return element


def _have_time(iso: str) -> str:
    """Our stored UTC ISO ('...+00:00') as xs:dateTime with 'Z'."""
    return iso.replace("+00:00", "Z")


def export_have(store: Store, now: datetime | None = None) -> bytes:
    """One HospitalStatus with a Hospital per location: the emergency department's traffic
    status, bed types with available (free after held places, never below 0, 0 when
    overbezet) and baseline counts, the facility status (from the beds and the continuity
    report, whichever is worse), the resources status from the continuity report, and the
    time of the newest figure. A location with only a continuity report or an SEH is there
    without beds."""
    now = now or datetime.now(UTC)
    beds = {}
    for facility in current_picture(store, now=now):
        figures = [f for f in facility.figures if f.category in CATEGORY_MAP]
        if figures:
            beds[facility.location_id] = (facility.name, figures)
    statuses = location_statuses(store, now)
    names = {key: status.name for key, status in statuses.items()}
    names.update({key: name for key, (name, _figures) in beds.items()})
    root = ET.Element(_h("HospitalStatus"))
    for location_id in sorted(names, key=lambda key: (names[key], key)):
        _, figures = beds.get(location_id, ("", []))
        status = statuses.get(location_id)
        hospital = _sub(root, _h("Hospital"))
        organisation = _sub(hospital, _h("Organization"))
        info = _sub(organisation, _h("OrganizationInformation"))
        name = _sub(info, _x("OrganisationName"))
        name.set(_x("ID"), location_id)
        _sub(name, _x("NameElement"), names[location_id])
        if status and status.seh and status.seh["status"]:  # never reported: nothing to say
            _emergency_department(hospital, status.seh)
        if figures:
            _bed_capacity(hospital, figures)
        _facility(hospital, figures, status)
        if status and status.continuity:
            _resources(hospital, status.continuity)
        times = [f.reported_at for f in figures] + ([status.last_update] if status else [])
        _sub(hospital, _h("LastUpdateTime"), _have_time(max(t for t in times if t)))
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def _bed_capacity(hospital: ET.Element, figures: list[BedFigure]) -> None:
    beds = _sub(hospital, _h("HospitalBedCapacityStatus"))
    for figure in figures:
        bed = _sub(beds, _h("BedCapacity"))
        _sub(bed, _h("BedType"), CATEGORY_MAP[figure.category][0])
        available = figure.usable_free  # after held places; 0 when overbezet
        # HAVE 1.0: with a SubCategoryBedType, CapacityStatus may not be NotAvailable.
        # A full category is sent without it; our code stays in the comment.
        if available > 0:
            _sub(bed, _h("SubCategoryBedType"), figure.category)
        capacity = _sub(bed, _h("Capacity"))
        _sub(
            capacity,
            _h("CapacityStatus"),
            "Vacant/Available" if available > 0 else "NotAvailable",
        )
        _sub(capacity, _h("AvailableCount"), str(available))
        _sub(capacity, _h("BaselineCount"), str(figure.total))
        overbezet = "; overbezet=yes" if figure.overbezet else ""
        _sub(
            bed,
            _h("CommentText"),
            f"category={figure.category}; "
            f"staffed={figure.staffed}; occupied={figure.occupied}; "
            f"reported_free={figure.free}; held={figure.held}; "
            f"status={figure.status}; reported_at={_have_time(figure.reported_at)}"
            f"{overbezet}",
        )


def _emergency_department(hospital: ET.Element, seh: dict[str, Any]) -> None:
    """EMSTraffic: open is Normal, a stop is Closed (HAVE: re-route ambulances elsewhere)."""
    department = _sub(hospital, _h("EmergencyDepartmentStatus"))
    traffic = _sub(department, _h("EMSTraffic"))
    _sub(traffic, _h("EMSTrafficStatus"), EMS_TRAFFIC[seh["status"]])
    if seh["reason"]:
        _sub(traffic, _h("EMSTrafficReason"), seh["reason"])
    comment = f"status={seh['status']}"
    if seh["expected_until"]:
        comment += f"; expected_until={_have_time(seh['expected_until'])}"
    if seh["reported_at"]:
        comment += f"; reported_at={_have_time(seh['reported_at'])}"
    _sub(traffic, _h("CommentText"), comment)


def _facility(
    hospital: ET.Element, figures: list[BedFigure], status: LocationStatus | None
) -> None:
    facility_status = _sub(hospital, _h("HospitalFacilityStatus"))
    comments = []
    worst = "Normal"
    if figures:
        colour = worst_status([f.status for f in figures])
        worst = FACILITY_STATUS[colour]
        comments.append(f"status={colour}")
    if status and status.continuity:
        continuity = facility_status_of(status.continuity)
        worst = worse(worst, continuity)
        comments.append(f"continuity={continuity}")
    _sub(facility_status, _h("FacilityStatus"), worst)
    if comments:
        _sub(facility_status, _h("CommentText"), "; ".join(comments))


def _resources(hospital: ET.Element, figure: ContinuityFigure) -> None:
    resources = _sub(hospital, _h("HospitalResourcesStatus"))
    _sub(resources, _h("FacilityOperations"), facility_operations(figure))
    _sub(resources, _h("ClinicalOperations"), clinical_operations(figure))
    for text in resources_texts(figure):
        _sub(resources, _h("ResourcesInformationText"), text)
    _sub(resources, _h("CommentText"), resources_comment(figure, _have_time))


@dataclass
class FigureRow:
    """One figure read from a file: where, which category, the counts and when."""

    line: Text  # where in the file, for the report ("Hospital 2, BedCapacity 1", "row 5")
    location: str  # id or name as the file gives it
    category: str
    total: int
    staffed: int
    occupied: int
    available: int | None
    reported_at: datetime | None
    status: str | None = None


class RefusedXml(ZccError):
    pass


def _comment_fields(text: str | None) -> dict[str, str]:
    fields = {}
    for part in (text or "").split(";"):
        key, sep, value = part.partition("=")
        if sep:
            fields[key.strip()] = value.strip()
    return fields


def _int(text: str | None, what: str, line: Text) -> int:
    try:
        value = int((text or "").strip())
    except ValueError:
        raise ZccError(
            "{line}: {what} '{text}' is not a whole number.", line=line, what=what, text=text
        ) from None
    if value < 0:
        raise ZccError(
            "{line}: {what} cannot be negative ({value}).", line=line, what=what, value=value
        )
    return value


def parse_have(data: bytes) -> list[FigureRow]:
    """The bed figures of an EDXL-HAVE document; DTDs and entities are refused."""
    try:
        root = fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise RefusedXml(
            "The XML file declares a DTD or entities (possibly referring to files on this "
            "computer: {kind}); it is refused and nothing was imported. Ask "
            "the sender for plain EDXL-HAVE without a DOCTYPE.",
            kind=type(exc).__name__,
        ) from exc
    except ET.ParseError as exc:
        raise ZccError(
            "The file is not well-formed XML ({reason}); nothing was imported.", reason=exc
        ) from exc
    if root.tag != _h("HospitalStatus"):
        raise ZccError(
            "This XML is not EDXL-HAVE 1.0 (root element {root}, expected "
            "{expected}); nothing was imported.",
            root=root.tag,
            expected=_h("HospitalStatus"),
        )
    rows: list[FigureRow] = []
    for h_index, hospital in enumerate(root.findall(_h("Hospital")), start=1):
        name = hospital.find(
            f"{_h('Organization')}/{_h('OrganizationInformation')}/{_x('OrganisationName')}"
        )
        location = ""
        if name is not None:
            location = name.get(_x("ID")) or (name.findtext(_x("NameElement")) or "").strip()
        updated = hospital.findtext(_h("LastUpdateTime"))
        for b_index, bed in enumerate(hospital.iter(_h("BedCapacity")), start=1):
            line = Text("Hospital {hospital}, BedCapacity {bed}", hospital=h_index, bed=b_index)
            bed_type = (bed.findtext(_h("BedType")) or "").strip()
            sub = (bed.findtext(_h("SubCategoryBedType")) or "").strip()
            extra = _comment_fields(bed.findtext(_h("CommentText")))
            sub = sub or extra.get("category", "")  # ours, when full: in the comment
            category = sub if sub in CATEGORY_MAP else HAVE_DEFAULT.get(bed_type, "")
            capacity = bed.find(_h("Capacity"))
            if capacity is None or not category:
                raise ZccError(
                    "{line}: bed type '{bed_type}' has no counts or no matching category "
                    "(known: {known}); nothing was imported.",
                    line=line,
                    bed_type=bed_type,
                    known=", ".join(HAVE_DEFAULT),
                )
            total = _int(capacity.findtext(_h("BaselineCount")), "BaselineCount", line)
            available = _int(capacity.findtext(_h("AvailableCount")), "AvailableCount", line)
            # Without our comment: all baseline beds count as staffed, the rest occupied.
            staffed = _int(extra["staffed"], "staffed", line) if "staffed" in extra else total
            occupied = (
                _int(extra["occupied"], "occupied", line)
                if "occupied" in extra
                else max(staffed - available, 0)
            )
            if "reported_free" in extra:  # our own export: the figure as reported, before holds
                available = _int(extra["reported_free"], "reported_free", line)
            when = extra.get("reported_at") or updated
            rows.append(
                FigureRow(
                    line,
                    location,
                    category,
                    total,
                    staffed,
                    occupied,
                    available,
                    _parse_time(when, line),
                    extra.get("status"),
                )  # fmt: skip
            )
    return rows


def _parse_time(text: str | None, line: Text) -> datetime | None:
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        raise ZccError(
            "{line}: '{text}' is not a date and time (xs:dateTime).", line=line, text=text
        ) from None
    if moment.tzinfo is None:
        raise ZccError("{line}: the time '{text}' has no time zone.", line=line, text=text)
    return moment
