"""EDXL-HAVE 1.0 (OASIS Hospital AVailability Exchange): write the picture, read one in.

Reading uses defusedxml: a document with a DTD, entity declarations or external references
is refused before anything is parsed, so no file on this laptop can be pulled in (XXE) and
no entity expansion can exhaust memory.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET  # noqa: S405 - only to build and serialise our own XML
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from ..errors import ZccError
from ..i18n import Text
from .capacity_codes import CATEGORY_MAP, FACILITY_STATUS, HAVE_DEFAULT, worst_status
from .capacity_export import current_picture

if TYPE_CHECKING:
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


def export_have(store: Store) -> bytes:
    """One HospitalStatus with a Hospital per location: bed types with available (free
    after held places, never below 0, 0 when overbezet) and baseline counts, facility
    status and the time of the newest figure."""
    root = ET.Element(_h("HospitalStatus"))
    for facility in current_picture(store):
        figures = [f for f in facility.figures if f.category in CATEGORY_MAP]
        if not figures:
            continue
        hospital = _sub(root, _h("Hospital"))
        organisation = _sub(hospital, _h("Organization"))
        info = _sub(organisation, _h("OrganizationInformation"))
        name = _sub(info, _x("OrganisationName"))
        name.set(_x("ID"), facility.location_id)
        _sub(name, _x("NameElement"), facility.name)
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
        status = worst_status([f.status for f in figures])
        facility_status = _sub(hospital, _h("HospitalFacilityStatus"))
        _sub(facility_status, _h("FacilityStatus"), FACILITY_STATUS[status])
        _sub(facility_status, _h("CommentText"), f"status={status}")
        _sub(hospital, _h("LastUpdateTime"), _have_time(max(f.reported_at for f in figures)))
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


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
