"""Capacity exchange: EDXL-HAVE and FHIR (SANER) out, EDXL-HAVE and CSV in; hostile XML refused."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from resilient_zcc.capacity.free_beds import bed_figures
from resilient_zcc.capacity.queries import latest_reports
from resilient_zcc.errors import ZccError
from resilient_zcc.exchange.capacity_csv import export_capacity_csv
from resilient_zcc.exchange.capacity_import import check_capacity_file, import_capacity
from resilient_zcc.exchange.edxl_have import HAVE, XNL, RefusedXml, export_have
from resilient_zcc.exchange.fhir import POPULATION_SYSTEM, PROFILE, export_fhir
from resilient_zcc.store import Store

from .conftest import PASSPHRASE
from .saner_profile import precise_to_second, violations

H = f"{{{HAVE}}}"
X = f"{{{XNL}}}"


@pytest.fixture
def demo(demo_profile: Path) -> Store:
    store = Store.open(demo_profile, PASSPHRASE)
    yield store  # type: ignore[misc]
    store.close()


def _now() -> datetime:
    return datetime.now(UTC)


def _reports_count(store: Store) -> int:
    return store.query_one("SELECT count(*) AS n FROM capacity_reports")["n"]


def test_have_export_parsed_back_element_by_element(demo: Store) -> None:
    root = ET.fromstring(export_have(demo))
    assert root.tag == f"{H}HospitalStatus"
    current = {
        (r["location_id"], r["category"]): r
        for r in latest_reports(demo)
        if r["category"] != "thuiszorg_team"
    }
    usable = {(f.location_id, f.category): f.usable_free for f in bed_figures(demo, now=_now())}
    seen = set()
    order = [f"{H}{tag}" for tag in (
        "Organization", "EmergencyDepartmentStatus", "HospitalBedCapacityStatus",
        "HospitalFacilityStatus", "HospitalResourcesStatus", "LastUpdateTime",
    )]  # fmt: skip
    full: list[bool] = []
    for hospital in root.findall(f"{H}Hospital"):
        tags = [child.tag for child in hospital]
        assert tags == [tag for tag in order if tag in tags]  # HAVE's order, each once
        assert {order[0], order[3], order[5]} <= set(tags)
        name = hospital.find(f"{H}Organization/{H}OrganizationInformation/{X}OrganisationName")
        location_id = name.get(f"{X}ID")
        newest = ""
        if hospital.find(f"{H}HospitalBedCapacityStatus") is None:
            continue  # a location with only a continuity report or an SEH
        for bed in hospital.find(f"{H}HospitalBedCapacityStatus"):
            sub = bed.findtext(f"{H}SubCategoryBedType")
            comment = bed.findtext(f"{H}CommentText")
            category = sub or comment.split(";")[0].removeprefix("category=")
            # HAVE 1.0: with a SubCategoryBedType, CapacityStatus is never NotAvailable.
            status_text = bed.findtext(f"{H}Capacity/{H}CapacityStatus")
            assert sub is None or status_text != "NotAvailable"
            full.append(sub is None)
            report = current[(location_id, category)]
            seen.add((location_id, category))
            assert bed.findtext(f"{H}BedType") in {
                "AdultICU", "MedicalSurgical", "OtherIsolation", "RehabLongTermCare",
            }  # fmt: skip
            capacity = bed.find(f"{H}Capacity")
            free = usable[(location_id, category)]  # after held places, as the screens show
            assert int(capacity.findtext(f"{H}AvailableCount")) == free
            assert int(capacity.findtext(f"{H}BaselineCount")) == report["total"]
            assert capacity.findtext(f"{H}CapacityStatus") == (
                "Vacant/Available" if free > 0 else "NotAvailable"
            )
            newest = max(newest, report["reported_at"])
        assert hospital.findtext(f"{H}LastUpdateTime") >= newest.replace("+00:00", "Z")
        status = hospital.findtext(f"{H}HospitalFacilityStatus/{H}FacilityStatus")
        assert status in {"Normal", "Compromised", "Evacuating"}
    assert seen == set(current)
    assert any(full) and not all(full)  # the demo has full categories and free ones
    mst_ic = next(r for r in current.values() if r["location_name"] == "MST Enschede" and
                  r["category"] == "ic")  # fmt: skip
    assert mst_ic["available"] >= 0


def test_have_round_trip_adds_nothing_and_fills_a_fresh_store(
    demo: Store, tmp_path: Path, store: Store
) -> None:
    path = tmp_path / "beeld.xml"
    path.write_bytes(export_have(demo))
    before = _reports_count(demo)
    result = import_capacity(demo, path)
    assert result.added == 0 and result.unchanged > 20
    assert _reports_count(demo) == before
    # Into a store without these locations: refused as a whole, with the reason.
    with pytest.raises(ZccError, match="unknown location"):
        import_capacity(store, path)
    assert _reports_count(store) == 0


def test_have_from_elsewhere_without_our_comments(demo: Store, tmp_path: Path) -> None:
    now = datetime.now(UTC).replace(microsecond=0)
    path = tmp_path / "buurregio.xml"
    path.write_text(
        f"""<?xml version="1.0" encoding="UTF-8"?>
<HospitalStatus xmlns="{HAVE}" xmlns:xnl="{XNL}">
  <Hospital>
    <Organization><OrganizationInformation><xnl:OrganisationName>
      <xnl:NameElement>MST Enschede</xnl:NameElement>
    </xnl:OrganisationName></OrganizationInformation></Organization>
    <HospitalBedCapacityStatus><BedCapacity><BedType>AdultICU</BedType>
      <Capacity><CapacityStatus>Vacant/Available</CapacityStatus>
        <AvailableCount>3</AvailableCount><BaselineCount>30</BaselineCount></Capacity>
    </BedCapacity></HospitalBedCapacityStatus>
    <LastUpdateTime>{now.isoformat().replace("+00:00", "Z")}</LastUpdateTime>
  </Hospital>
</HospitalStatus>""",
        encoding="utf-8",
    )
    assert check_capacity_file(demo, path).added == 1
    before = _reports_count(demo)
    assert _reports_count(demo) == before  # the dry run left nothing
    import_capacity(demo, path)
    ic = next(
        r for r in latest_reports(demo, category="ic") if r["location_name"] == "MST Enschede"
    )
    assert (ic["total"], ic["staffed"], ic["occupied"], ic["available"]) == (30, 30, 27, 3)
    assert ic["source"] == "bestand"


@pytest.mark.parametrize(
    "doctype",
    [
        '<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
        '<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>',
        '<!DOCTYPE r SYSTEM "http://127.0.0.1:9/have.dtd">',
    ],
)
def test_xml_with_entities_or_dtd_is_refused(demo: Store, tmp_path: Path, doctype: str) -> None:
    path = tmp_path / "kwaad.xml"
    path.write_text(
        f'<?xml version="1.0"?>{doctype}<HospitalStatus xmlns="{HAVE}"/>', encoding="utf-8"
    )
    before = _reports_count(demo)
    with pytest.raises(RefusedXml, match="DTD or entities"):
        import_capacity(demo, path)
    assert _reports_count(demo) == before


def test_fhir_measure_reports_have_the_fields_saner_requires(demo: Store) -> None:
    bundle = json.loads(export_fhir(demo, "GHOR Twente (oefening)"))
    beds_now = bed_figures(demo, now=_now())
    assert bundle["resourceType"] == "Bundle" and bundle["type"] == "collection"
    reports = [e["resource"] for e in bundle["entry"]]
    beds = [r for r in latest_reports(demo) if r["category"] != "thuiszorg_team"]
    assert len(reports) == len({r["location_id"] for r in beds})  # team capacity is no beds
    precise = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$"  # never 'Z' (SANER)
    current = {(r["location_id"], r["category"]): r for r in latest_reports(demo)}
    for report in reports:
        assert report["resourceType"] == "MeasureReport"
        assert report["meta"]["profile"] == [PROFILE]
        assert report["status"] == "complete" and report["type"] == "summary"
        assert report["measure"]
        assert report["subject"]["identifier"]["value"]
        assert report["subject"]["type"] == "Location"
        assert violations(report) == []  # the SANER profile, rule by rule
        assert report["reporter"]["display"]
        for moment in (report["date"], report["period"]["start"], report["period"]["end"]):
            assert re.match(precise, moment)
        location = report["subject"]["identifier"]["value"]
        for group in report["group"]:
            assert group["code"]["coding"][0]["code"] == "Beds"
            figures = current[(location, group["id"])]
            counts = {p["code"]["coding"][0]["code"]: p["count"] for p in group["population"]}
            usable = next(
                f.usable_free
                for f in beds_now
                if (f.location_id, f.category) == (location, group["id"])
            )
            assert counts == {
                "numTotBeds": figures["total"], "numbeds": figures["staffed"],
                "numBedsOcc": figures["occupied"], "numTotBedsAvail": usable,
            }  # fmt: skip
            systems = {p["code"]["coding"][0]["system"] for p in group["population"]}
            assert systems == {POPULATION_SYSTEM}
            assert POPULATION_SYSTEM.endswith("/CodeSystem/MeasuredValues")
            assert group["measureScore"]["value"] == usable  # after held places


def test_capacity_csv_in_dutch_with_amsterdam_times(demo: Store, tmp_path: Path) -> None:
    path = tmp_path / "bedden.csv"
    at = (datetime.now(UTC) - timedelta(hours=1)).astimezone().strftime("%d-%m-%Y %H:%M")
    path.write_text(
        "Locatie;Categorie;Totaal;Bemand;Bezet;Tijd\n"
        f"MST Enschede;IC;30;26;20;{at}\n"
        f"ZGT Almelo;kliniek_covid;24;20;15;{at}\n",
        encoding="cp1252",
    )
    result = import_capacity(demo, path)
    assert result.added == 2
    assert import_capacity(demo, path).unchanged == 2


def test_capacity_csv_with_a_bad_row_writes_nothing(demo: Store, tmp_path: Path) -> None:
    path = tmp_path / "bedden.csv"
    path.write_text(
        "location;category;total;staffed;occupied;time\n"
        "MST Enschede;ic;30;26;20;2025-01-01T08:00:00+01:00\n"
        "MST Enschede;ic;30;31;20;2025-01-01T08:00:00+01:00\n",
        encoding="utf-8",
    )
    before = _reports_count(demo)
    with pytest.raises(ZccError, match="row 3: staffed .31. cannot exceed total"):
        import_capacity(demo, path)
    assert _reports_count(demo) == before


@pytest.mark.parametrize("total", ["99999999999999999999", "1e400", "2000000"])
def test_capacity_csv_with_a_huge_number_is_a_clear_refusal(
    demo: Store, tmp_path: Path, total: str
) -> None:
    path = tmp_path / "bedden.csv"
    path.write_text(
        "location;category;total;staffed;occupied;time\n"
        f"MST Enschede;ic;{total};26;20;2025-01-01T08:00:00+01:00\n",
        encoding="utf-8",
    )
    before = _reports_count(demo)
    with pytest.raises(ZccError, match="row 2: total"):
        import_capacity(demo, path)
    assert _reports_count(demo) == before


def test_capacity_csv_export_reads_back_unchanged(demo: Store, tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_bytes(export_capacity_csv(demo))
    before = _reports_count(demo)
    result = import_capacity(demo, path)
    assert result.added == 0 and result.unchanged == len(latest_reports(demo))
    assert _reports_count(demo) == before


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "is empty"),
        (bytes(range(256)) * 20, "not a text file"),
        (b'{"resourceType": "Bundle"}', "is JSON"),
        (b"<rss><channel/></rss>", "not EDXL-HAVE 1.0"),
        (b"<HospitalStatus", "not well-formed XML"),
        (b"locatie;aantal\nMST;3\n", "lacks the column"),
    ],
)
def test_bad_capacity_files_are_refused_and_change_nothing(
    demo: Store, tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "capaciteit.csv"
    path.write_bytes(content)
    before = _reports_count(demo)
    with pytest.raises(ZccError, match=message):
        import_capacity(demo, path)
    assert _reports_count(demo) == before


def test_capacity_from_a_workbook(demo: Store, tmp_path: Path) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Bedden per locatie (oefening)"])
    sheet.append(["Locatie", "Categorie", "Totaal", "Bemand", "Bezet", "Vrij", "Tijd"])
    at = (datetime.now(UTC) - timedelta(minutes=30)).isoformat(timespec="seconds")
    sheet.append(["ZGT Hengelo", "IC", 10, 8, 6, 1, at])
    path = tmp_path / "bedden.xlsx"
    workbook.save(path)
    assert import_capacity(demo, path).added == 1
    ic = next(r for r in latest_reports(demo, category="ic") if r["location_name"] == "ZGT Hengelo")
    assert (ic["total"], ic["staffed"], ic["occupied"], ic["available"]) == (10, 8, 6, 1)


def test_the_saner_checks_catch_what_the_old_export_did() -> None:
    """The checker is not a rubber stamp: the old export's faults are each named."""
    old = {
        "resourceType": "MeasureReport", "status": "complete", "type": "summary",
        "measure": "urn:uuid:x", "reporter": {"display": "GHOR"},
        "subject": {"identifier": {"value": "loc"}}, "date": "2026-12-03T09:00:00Z",
        "period": {"start": "2026-12-03T08:00:00Z", "end": "2026-12-03T09:00:00Z"},
        "group": [{"id": "ic", "code": {"coding": [{"system": GROUP, "code": "Beds"}]},
                   "population": [{"code": {"coding": [{"system": OLD, "code": "numBeds"}]},
                                   "count": 3}]}],
    }  # fmt: skip
    assert violations(old) == [
        "date DateTimePreciseToSecond: 2026-12-03T09:00:00Z",
        "period.start DateTimePreciseToSecond: 2026-12-03T08:00:00Z",
        "period.end DateTimePreciseToSecond: 2026-12-03T09:00:00Z",
        "group ic: population code from MeasurePopulations",
        "dom-6: a narrative",
    ]
    assert precise_to_second("2026-12-03T09:00:00+00:00")
    assert not precise_to_second("2026-12-03T09:00+00:00")


GROUP = "http://hl7.org/fhir/uv/saner/CodeSystem/MeasureGroupSystem"
OLD = "http://hl7.org/fhir/uv/saner/CodeSystem/MeasurePopulationSystem"
