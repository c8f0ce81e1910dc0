"""`import`, `export`, `backup`, `restore` on the command line; bad input gets a clear message."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import Workbook

from resilient_zcc.cli import main
from resilient_zcc.store import Store

from .conftest import PASSPHRASE
from .exchange_fixtures import HEADERS_NL, ROWS, write_csv


def run(profile: Path, *args: str, **env: str):
    return CliRunner().invoke(
        main, ["--profile", str(profile), *args], env={"RZCC_PASSPHRASE": PASSPHRASE, **env}
    )


def _people(profile: Path) -> int:
    with Store.open(profile, PASSPHRASE) as store:
        return store.query_one("SELECT count(*) AS n FROM people WHERE deleted = 0")["n"]


def test_import_dry_run_then_import_then_export(profile: Path, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "lijst.csv", HEADERS_NL, ROWS, title=True)
    dry = run(profile, "import", "contacts", str(path), "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert "kopregel op rij 3" in dry.output
    assert "Mobiel                         -> Mobiel (mobile)" in dry.output
    assert "Proefdraai: 4 nieuw, 0 bijwerken, 0 ongewijzigd, 0 met problemen" in dry.output
    assert "er is niets gewijzigd" in dry.output and _people(profile) == 0
    done = run(profile, "import", "contacts", str(path))
    assert done.exit_code == 0 and "Geïmporteerd" in done.output and _people(profile) == 4
    report = json.loads(run(profile, "import", "contacts", str(path), "--dry-run", "--json").output)
    assert report["summary"]["unchanged"] == 4 and report["mapping_origin"] == "remembered"
    for fmt in ("csv", "xlsx", "vcf"):
        out = tmp_path / f"uit.{fmt}"
        result = run(profile, "export", "contacts", "--format", fmt, "--out", str(out))
        assert result.exit_code == 0 and out.stat().st_size > 0
        assert "NIET versleuteld (plaintext)" in result.output
    for fmt in ("have", "fhir", "csv"):
        out = tmp_path / f"capaciteit.{fmt}"
        assert run(profile, "export", "capacity", "--format", fmt, "--out", str(out)).exit_code == 0


def test_a_bad_cell_is_reported_and_its_person_imported(profile: Path, tmp_path: Path) -> None:
    rows = [*ROWS, ["Gijs Nepveld", "Arts", "Ziekenhuisgroep Twente", "", "12345", "", "", ""]]
    path = write_csv(tmp_path / "lijst.csv", HEADERS_NL, rows)
    report = tmp_path / "problemen.csv"
    checked = run(profile, "import", "contacts", str(path), "--dry-run", "--report", str(report))
    assert checked.exit_code == 0
    assert "row 6: invalid phone number in 'Mobiel': '12345'" in checked.output
    assert report.read_text(encoding="utf-8-sig").splitlines() == [
        "Row;Column;Value;Problem;Detail",
        "6;Mobiel;12345;invalid phone number;'12345' is not a valid phone number. Type it as "
        "you would dial it in the Netherlands (e.g. 06-12345678 or 053-1234567) or with a "
        "country code (+32 ...).",
    ]
    imported = run(profile, "import", "contacts", str(path))
    assert imported.exit_code == 0 and "1 rijen met een onleesbare cel" in imported.output
    assert _people(profile) == 5


def test_a_row_with_nothing_to_attach_stops_the_import_unless_skipped(
    profile: Path, tmp_path: Path
) -> None:
    rows = [*ROWS, ["", "", "", "", "06-1234 5699", "", "", ""]]
    path = write_csv(tmp_path / "lijst.csv", HEADERS_NL, rows)
    refused = run(profile, "import", "contacts", str(path))
    assert refused.exit_code == 1
    assert "row 6: name missing" in refused.output
    assert "nothing was imported" in refused.output and _people(profile) == 0
    skipped = run(profile, "import", "contacts", str(path), "--skip-bad-rows")
    assert skipped.exit_code == 0 and "1 rijen overgeslagen" in skipped.output
    assert _people(profile) == 4


def _assert_clear_refusal(profile: Path, path: Path, expected: str) -> None:
    before = _people(profile)
    result = subprocess.run(
        [sys.executable, "-m", "resilient_zcc", "--profile", str(profile), "import", "contacts",
         str(path)],
        capture_output=True, text=True, timeout=60,
        env=dict(os.environ, RZCC_PASSPHRASE=PASSPHRASE),
    )  # fmt: skip
    assert result.returncode == 1, result.stdout + result.stderr
    assert expected in result.stderr
    assert "Traceback" not in result.stderr
    assert _people(profile) == before


def test_unknown_empty_and_garbage_files_are_refused_clearly(profile: Path, tmp_path: Path) -> None:
    run(profile, "import", "contacts", str(write_csv(tmp_path / "a.csv", HEADERS_NL, ROWS)))
    empty = tmp_path / "leeg.csv"
    empty.write_bytes(b"")
    _assert_clear_refusal(profile, empty, "is empty")
    blank = tmp_path / "witruimte.csv"
    blank.write_text(";;;\n;;\n", encoding="utf-8")
    _assert_clear_refusal(profile, blank, "holds no filled cells")
    garbage = tmp_path / "lijst.csv"
    garbage.write_bytes(bytes(range(256)) * 40)
    _assert_clear_refusal(profile, garbage, "not a text file")
    pdf = tmp_path / "lijst.pdf"
    pdf.write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 10)
    _assert_clear_refusal(profile, pdf, "not a text file")
    zipped = tmp_path / "lijst.xlsx"
    zipped.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    _assert_clear_refusal(profile, zipped, "zip archive but not a workbook")
    nameless = tmp_path / "geen-naam.csv"
    nameless.write_text("Organisatie;Telefoon\nGHOR Twente;053-1234567\n", encoding="utf-8")
    _assert_clear_refusal(profile, nameless, "No column holds the name")


def test_a_row_with_200_columns_is_reported(profile: Path, tmp_path: Path) -> None:
    rows = [list(r) for r in ROWS]
    rows[1] = rows[1] + [f"extra {n}" for n in range(192)]
    path = write_csv(tmp_path / "breed.csv", HEADERS_NL, rows)
    result = run(profile, "import", "contacts", str(path), "--dry-run")
    assert result.exit_code == 0
    assert "row 3: too many cells in the row: '200'" in result.output
    assert "4 nieuw" in result.output and "1 rijen met een onleesbare cel" in result.output


def test_formulas_are_reported_never_evaluated(profile: Path, tmp_path: Path) -> None:
    rows = [list(r) for r in ROWS]
    rows[0][0] = "=cmd|' /C calc'!A0"
    rows[1][6] = '=HYPERLINK("http://x.invalid","klik")'
    path = write_csv(tmp_path / "formules.csv", HEADERS_NL, rows)
    result = run(profile, "import", "contacts", str(path), "--dry-run")
    assert "row 2: cell holds a formula in 'Naam'" in result.output
    assert "row 3: cell holds a formula in 'E-mail'" in result.output
    # In a workbook, a formula cell is read as the value Excel stored, never computed.
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADERS_NL)
    sheet.append(["Lotte Proefink", "=1+1", "Ziekenhuisgroep Twente", "", "06-12345678"])
    workbook.save(tmp_path / "formules.xlsx")
    result = run(profile, "import", "contacts", str(tmp_path / "formules.xlsx"))
    assert result.exit_code == 0, result.output
    with Store.open(profile, PASSPHRASE) as store:
        assert store.query_one("SELECT count(*) AS n FROM functions")["n"] == 0


def test_xml_with_external_entities_is_refused(demo_profile: Path, tmp_path: Path) -> None:
    path = tmp_path / "beeld.xml"
    path.write_text(
        '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
        '<HospitalStatus xmlns="urn:oasis:names:tc:emergency:EDXL:HAVE:1.0">&e;</HospitalStatus>'
    )
    result = run(demo_profile, "import", "capacity", str(path))
    assert result.exit_code == 1 and "refused and nothing was imported" in result.output
    assert "root:" not in result.output


def test_capacity_export_import_round_trip(demo_profile: Path, tmp_path: Path) -> None:
    out = tmp_path / "beeld.xml"
    assert (
        run(demo_profile, "export", "capacity", "--format", "have", "--out", str(out)).exit_code
        == 0
    )
    result = run(demo_profile, "import", "capacity", str(out), "--json")
    assert json.loads(result.output)["added"] == 0


@pytest.mark.slow
def test_fifty_thousand_rows_import_in_bounded_time(profile: Path, tmp_path: Path) -> None:
    rows = [
        [f"Persoon{n} Voorbeeld", "Arts", f"Ziekenhuis {n % 40}", "", f"06-{10000000 + n}", "",
         f"p{n}@voorbeeld.invalid", "24/7"]
        for n in range(50_000)
    ]  # fmt: skip
    path = write_csv(tmp_path / "groot.csv", HEADERS_NL, rows)
    began = time.perf_counter()
    result = run(profile, "import", "contacts", str(path))
    elapsed = time.perf_counter() - began
    assert result.exit_code == 0, result.output[-2000:]
    assert _people(profile) == 50_000
    assert elapsed < 120, elapsed


@pytest.mark.slow
def test_backup_and_restore_on_the_command_line(demo_profile: Path, tmp_path: Path) -> None:
    env = {"RZCC_BACKUP_PASSPHRASE": "reservekopie laptop 1", "RZCC_NEW_PASSPHRASE": "laptop twee!"}
    backup = tmp_path / "zcc.rzccbak"
    made = run(demo_profile, "backup", str(backup), **env)
    assert made.exit_code == 0 and "versleuteld" in made.output, made.output
    restored = run(tmp_path / "nieuw", "restore", str(backup), **env)
    assert restored.exit_code == 0 and "HERSTELSLEUTEL" in restored.output, restored.output
    again = run(tmp_path / "nieuw", "restore", str(backup), **env)
    assert again.exit_code == 1 and "already holds a profile" in again.output
    wrong_env = {"RZCC_BACKUP_PASSPHRASE": "verkeerd wachtwoord", "RZCC_NEW_PASSPHRASE": "ab" * 5}
    wrong = run(tmp_path / "ander", "restore", str(backup), **wrong_env)
    assert wrong.exit_code == 1 and "Wrong passphrase" in wrong.output
    assert not (tmp_path / "ander").exists()
