"""The continuity picture in and out: CSV round trip, bad rows reported while the good ones
go in, and the HAVE elements that carry it (facility, resources, emergency department)."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from resilient_zcc.capacity.model import set_features
from resilient_zcc.capacity.seh import report_seh
from resilient_zcc.continuity.model import report_continuity
from resilient_zcc.continuity.queries import continuity_overview, continuity_timeline
from resilient_zcc.exchange.continuity_csv import export_continuity_csv
from resilient_zcc.exchange.continuity_import import check_continuity_file, import_continuity
from resilient_zcc.exchange.edxl_have import HAVE, XNL, export_have
from resilient_zcc.store import Store

from .conftest import PASSPHRASE
from .helpers import new_store
from .outage_setup import build_place

pytestmark = pytest.mark.timeout(120)
H, X = f"{{{HAVE}}}", f"{{{XNL}}}"
ROOT = Path(__file__).parent.parent


def _now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def _rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def _reports(store: Store) -> int:
    return store.query_one("SELECT count(*) AS n FROM continuity_reports")["n"]


def _figures(store: Store) -> list[tuple[object, ...]]:
    return [
        (f.location_name, f.report.power, f.report.autonomy_hours, f.report.down,
         f.report.care_scaled, f.report.evacuation, f.report.note, f.report.reported_at)
        for f in continuity_overview(store, now=_now()).figures
    ]  # fmt: skip


def test_csv_export_is_the_overview_and_reads_back_into_another_profile(
    store: Store, tmp_path: Path
) -> None:
    place = build_place(store)
    now = _now()
    report_continuity(store, place.hospital, power="aggregaat", autonomy_hours=30,
                      down="epd,telefonie", care_scaled="deels", note="=SOM(A1) geen formule",
                      now=now, reported_at=now - timedelta(hours=2), source="radio")  # fmt: skip
    report_continuity(store, place.care_home, power="geen", evacuation="voorbereiding",
                      now=now, reported_at=now - timedelta(hours=1))  # fmt: skip
    report_continuity(store, place.far_away, power="net", now=now)
    data = export_continuity_csv(store, now)
    rows = _rows(data)
    overview = continuity_overview(store, now=now)
    assert [r["location_id"] for r in rows] == [f.location_id for f in overview.figures]
    for row, figure in zip(rows, overview.figures, strict=True):
        hours = figure.hours_left
        expected = "" if hours is None else f"{hours:g}".replace(".", ",")  # Dutch Excel
        assert row["hours_left"] == expected
        assert row["below_threshold"] == ("ja" if figure.below_threshold else "nee")
    assert rows[-1]["note"] == "" and "'=SOM(A1) geen formule" in data.decode("utf-8-sig")
    path = tmp_path / "continuiteit.csv"
    path.write_bytes(data)
    again = import_continuity(store, path, now=now)  # the same profile: nothing new
    assert (again.added, again.unchanged, again.problems) == (0, 3, [])
    with new_store(tmp_path / "other") as other:
        build_place(other)  # the same names, other ids: matched by name
        result = import_continuity(other, path, now=now)
        assert (result.added, result.problems) == (3, [])
        assert _figures(other) == _figures(store)
        sources = {f.location_name: f.report.source for f in continuity_overview(
            other, now=now).figures}  # fmt: skip
        assert sources["Proefstad Enschede"] == "radio"
        assert import_continuity(other, path, now=now).added == 0  # re-import adds nothing


def test_bad_rows_are_reported_one_by_one_and_the_good_rows_go_in(
    store: Store, tmp_path: Path
) -> None:
    place = build_place(store)
    now = _now()
    ahead = (now + timedelta(days=2)).isoformat()
    earlier = (now - timedelta(hours=3)).isoformat()
    path = _write(tmp_path / "radio.csv", (
        "locatie;stroom;uren;tijd;ligt eruit;melder;formulier\n"
        f"Proefstad Enschede;aggregaat;-4;{earlier};;C2000 (test);\n"
        f"Proefstad Enschede;aggregaat;8;{ahead};;C2000 (test);\n"
        f"Nergens Ziekenhuis;net;;{earlier};;C2000 (test);\n"
        f"Verpleeghuis Oefenhof;Noodstroomaggregaat;\"6,5\";{earlier};ICT / EPD, Liften;radio;"
        "AF-test-00012\n"
        f"Huize Verweg;aggregaat;veel;{earlier};;radio;\n"
        f"Huize Verweg;aggregaat;;{earlier};;radio;\n"
        f"Proefstad Enschede;ups;2;gisteren;;radio;\n"
        f"Proefstad Enschede;zonne-energie;2;{earlier};;radio;\n"
        f"Proefstad Enschede;ups;2;{earlier};koffie;radio;\n"
    ))  # fmt: skip
    before = _reports(store)
    checked = check_continuity_file(store, path, now=now)
    assert (checked.added, _reports(store)) == (1, before)  # the dry run wrote nothing
    result = import_continuity(store, path, now=now)
    assert (result.rows, result.added, result.unchanged) == (9, 1, 0)
    assert _reports(store) == before + 1
    by_row = {p.row: p for p in result.problems}
    assert sorted(by_row) == [2, 3, 4, 6, 7, 8, 9, 10]
    assert "negative" in by_row[2].detail_text("en")
    assert "future" in by_row[3].detail_text("en")
    assert by_row[4].code == "unknown_location" and by_row[4].value == "Nergens Ziekenhuis"
    assert (by_row[6].code, by_row[6].column) == ("invalid_value", "uren")
    assert "hours of autonomy" in by_row[7].detail_text("en")  # generator without hours
    assert (by_row[8].code, by_row[8].column) == ("invalid_value", "tijd")
    assert (by_row[9].code, by_row[9].value) == ("invalid_value", "zonne-energie")
    assert (by_row[10].code, by_row[10].value) == ("invalid_value", "koffie")
    assert by_row[4].text("nl") == "rij 4: onbekende locatie in 'locatie': 'Nergens Ziekenhuis'"
    (report,) = continuity_timeline(store, place.care_home)
    assert (report.power, report.autonomy_hours, report.down) == ("aggregaat", 6.5,
                                                                  ("epd", "liften"))  # fmt: skip
    assert report.source == "bestand" and report.reporter == "radio"
    assert report.note == "formulier AF-test-00012"  # the paper form's number


def test_have_carries_the_facility_resources_and_emergency_department(store: Store) -> None:
    place = build_place(store)
    now = _now()
    report_continuity(store, place.hospital, power="aggregaat", autonomy_hours=6,
                      down="medische_gassen", now=now)  # fmt: skip
    report_continuity(store, place.care_home, power="geen", evacuation="gaande", now=now)
    report_continuity(store, place.far_away, power="net", now=now)
    set_features(store, place.hospital, "seh")
    report_seh(store, place.hospital, "stop", reported_by="SEH-arts (test)", now=now,
               reason="Geen stroom op de SEH", expected_hours=4)  # fmt: skip
    root = ET.fromstring(export_have(store, now))
    hospitals = {
        h.find(f"{H}Organization/{H}OrganizationInformation/{X}OrganisationName").get(f"{X}ID"): h
        for h in root.findall(f"{H}Hospital")
    }
    overview = {f.location_id: f for f in continuity_overview(store, now=now).figures}
    hospital = hospitals[place.hospital]
    assert [c.tag for c in hospital] == [f"{H}{t}" for t in (
        "Organization", "EmergencyDepartmentStatus", "HospitalFacilityStatus",
        "HospitalResourcesStatus", "LastUpdateTime",
    )]  # fmt: skip
    traffic = hospital.find(f"{H}EmergencyDepartmentStatus/{H}EMSTraffic")
    assert traffic.findtext(f"{H}EMSTrafficStatus") == "Closed"
    assert traffic.findtext(f"{H}EMSTrafficReason") == "Geen stroom op de SEH"
    assert hospital.findtext(f"{H}HospitalFacilityStatus/{H}FacilityStatus") == "Compromised"
    resources = hospital.find(f"{H}HospitalResourcesStatus")
    assert [c.tag for c in resources] == [f"{H}{t}" for t in (
        "FacilityOperations", "ClinicalOperations", "ResourcesInformationText",
        "ResourcesInformationText", "ResourcesInformationText", "CommentText",
    )]  # fmt: skip
    assert resources.findtext(f"{H}FacilityOperations") == "Insufficient"  # 6 h < 12 h
    assert resources.findtext(f"{H}ClinicalOperations") == "Insufficient"  # medical gases
    texts = [t.text for t in resources.findall(f"{H}ResourcesInformationText")]
    hours = overview[place.hospital].hours_left
    assert texts[0] == f"power=aggregaat; autonomy_hours=6; hours_left={hours:g}; " \
        "below_threshold=yes"  # fmt: skip
    assert texts[1] == "down=medische_gassen"
    care_home = hospitals[place.care_home]
    assert care_home.findtext(f"{H}HospitalFacilityStatus/{H}FacilityStatus") == "Evacuating"
    assert care_home.find(f"{H}EmergencyDepartmentStatus") is None
    far = hospitals[place.far_away]
    assert far.findtext(f"{H}HospitalFacilityStatus/{H}FacilityStatus") == "Normal"
    assert far.findtext(f"{H}HospitalResourcesStatus/{H}FacilityOperations") == "Adequate"
    assert far.findtext(f"{H}LastUpdateTime") == now.isoformat().replace("+00:00", "Z")


def test_cli_exports_and_imports_continuity(demo_profile: Path, tmp_path: Path) -> None:
    env = {**os.environ, "RZCC_PASSPHRASE": PASSPHRASE, "PYTHONPATH": str(ROOT)}

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "resilient_zcc", "--profile", str(demo_profile), *args],
            capture_output=True, text=True, env=env, timeout=120, check=False,
        )  # fmt: skip

    out = tmp_path / "c.csv"
    done = cli("export", "continuity", "--format", "csv", "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert "NIET versleuteld" in done.stderr
    back = cli("import", "continuity", str(out))
    assert back.returncode == 0, back.stderr
    assert "0 meldingen toegevoegd" in back.stdout and "0 rijen met een probleem" in back.stdout
    xml = tmp_path / "c.xml"
    assert cli("export", "continuity", "--format", "edxl", "--out", str(xml)).returncode == 0
    assert ET.parse(xml).getroot().find(f"{H}Hospital/{H}HospitalResourcesStatus") is not None
    bad = _write(tmp_path / "bad.csv", "locatie;stroom;uren;tijd\nMST Enschede;aggregaat;-1;"
                 "2026-01-01 10:00\n")  # fmt: skip
    report = tmp_path / "problemen.csv"
    refused = cli("import", "continuity", str(bad), "--report", str(report))
    assert refused.returncode == 1
    assert "row 2: report refused" in refused.stdout and "Traceback" not in refused.stderr
    assert "negative" in report.read_text(encoding="utf-8-sig")  # the tests run in English
    missing = _write(tmp_path / "missing.csv", "locatie;tijd\nMST Enschede;2026-01-01 10:00\n")
    wrong = cli("import", "continuity", str(missing))
    assert wrong.returncode == 1 and "Traceback" not in wrong.stderr
    assert "power" in wrong.stderr + wrong.stdout
