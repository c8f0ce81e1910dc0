"""The contact import wizard and the export actions, driven through the real window.

Every person and number in these lists is invented; numbers like 06-1234 5678 are fake.
"""

from __future__ import annotations

import csv
import io
import json
import threading
from pathlib import Path
from xml.etree import ElementTree

import vobject
from openpyxl import Workbook, load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from resilient_zcc.contacts.queries import search_contacts
from resilient_zcc.store import Store
from ui.dialogs.export import export_capacity, export_contacts
from ui.dialogs.import_wizard import ImportWizard
from ui.jobs import Cancelled, StoreJob
from ui.main_window import MainWindow

from ..conftest import PASSPHRASE

WAIT_MS = 30_000

HEADERS = "Naam;Functie;Organisatie;Sector;Telefoon;Mobiel;E-mailadres;Dienst;Opmerking"
ROWS = [
    "Anneke Testpersoon;Crisiscoördinator;Zorgcentrum De Proefhoeve;VVT;053-123 4567;"
    "06-1234 5678;anneke@voorbeeld.invalid;0546-123 456;verzonnen",
    "Bram Voorbeeldig;Teamleider;Zorgcentrum De Proefhoeve;VVT;;06-1234 5679;;;",
    "Cécile Oefenaar;Bedmanager;Zorgcentrum De Proefhoeve;VVT;;06-12;;;nummer te kort",
    "Daan Fictiefsma;Piket arts;Zorgcentrum De Proefhoeve;VVT;;06-1234 5670;;0546-123 457;",
]


def write_list(path: Path, rows: list[str] = ROWS) -> Path:
    """As Dutch Excel saves 'CSV (gescheiden door lijstscheidingsteken)': ';', Windows-1252."""
    path.write_bytes(("\r\n".join([HEADERS, *rows]) + "\r\n").encode("cp1252"))
    return path


def start(window: MainWindow) -> ImportWizard:
    """Bestand > Contacten importeren… (Ctrl+I): the wizard over the Contacten screen."""
    assert window.import_action.shortcut().toString() == "Ctrl+I"
    window.import_action.trigger()
    wizard = window.contacts.wizard
    assert isinstance(wizard, ImportWizard) and wizard.isVisible()
    return wizard


def read(qtbot, wizard: ImportWizard, path: Path, sheet: str | None = None) -> None:  # type: ignore[no-untyped-def]
    job = wizard.open_file(path, sheet) if sheet is None else None
    if sheet is not None:
        wizard.file_page.choose_sheet(wizard.file_page.sheet.findText(sheet))
    qtbot.waitUntil(lambda: wizard.source is not None and not wizard.busy(), timeout=WAIT_MS)
    assert job is None or not job.is_running()


def plan(qtbot, wizard: ImportWizard) -> None:  # type: ignore[no-untyped-def]
    wizard.next()
    assert wizard.currentPage() is wizard.plan_page
    qtbot.waitUntil(lambda: wizard.plan is not None and not wizard.busy(), timeout=WAIT_MS)


def apply(qtbot, wizard: ImportWizard) -> None:  # type: ignore[no-untyped-def]
    wizard.next()
    assert wizard.currentPage() is wizard.apply_page
    qtbot.waitUntil(lambda: wizard.imported is not None, timeout=WAIT_MS)


def named(window: MainWindow, text: str) -> list[str]:
    return [c.name for c in search_contacts(window.session.store, text, 50)]


def test_a_dutch_csv_walked_through_every_step(
    qtbot, unlocked_window: MainWindow, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    window = unlocked_window
    source = write_list(tmp_path / "sleutelfunctionarissen.csv")
    wizard = start(window)
    assert not wizard.file_page.isComplete()
    read(qtbot, wizard, source)
    assert "4" in wizard.file_page.status.text()  # four data rows read
    assert not wizard.file_page.sheet.isVisible()  # a CSV has no sheets
    wizard.next()

    mapping = wizard.mapping_page
    assert wizard.currentPage() is mapping
    assert mapping.field_of("Naam") == "name"
    assert mapping.field_of("Telefoon") == "direct"
    assert mapping.field_of("E-mailadres") == "email"
    assert mapping.field_of("Dienst") == "piket"  # a heading piket lists use
    examples = {
        mapping.table.item(r, 0).text(): mapping.table.item(r, 1).text()
        for r in range(mapping.table.rowCount())
    }
    assert "Anneke Testpersoon" in examples["Naam"]
    assert "Geraden" in mapping.subTitle()
    mapping.choose("Dienst", "ignore")
    mapping.choose("Dienst", "piket")
    assert wizard.source is not None and wizard.source.mapping["Dienst"] == "piket"

    plan(qtbot, wizard)
    page = wizard.plan_page
    assert "Nieuw: 4," in page.summary.text() and "rijen met problemen: 0;" in page.summary.text()
    problems = page.problems.rows
    assert [(p["row"], p["column"], p["code"]) for p in problems] == [
        (4, "Mobiel", "invalid_number")
    ]
    assert page.problems.data(page.problems.index(0, 3)) == "ongeldig telefoonnummer"
    assert "06-12" in page.problems.data(page.problems.index(0, 4))  # the rule, in Dutch
    assert "notitie" in page.hint.text()
    assert page.isComplete()  # a bad cell never keeps its person out
    assert not page.skip.isEnabled()
    report = tmp_path / "problemen.csv"
    assert page.save_report(report)
    rows = list(csv.reader(io.StringIO(report.read_text("utf-8-sig")), delimiter=";"))
    assert rows[0][:4] == ["Rij", "Kolom", "Waarde", "Probleem"]
    assert rows[1][:3] == ["4", "Mobiel", "06-12"]

    with qtbot.waitSignal(window.session.data_changed, timeout=WAIT_MS):
        apply(qtbot, wizard)
    assert wizard.imported is not None and wizard.imported.skipped_rows == []
    assert "Nieuw: 4," in wizard.apply_page.status.text()
    assert wizard.apply_page.bar.value() == wizard.apply_page.bar.maximum()
    assert named(window, "Testpersoon") == ["Anneke Testpersoon"]
    assert named(window, "Oefenaar") == ["Cécile Oefenaar"]  # kept, the bad number as a note
    daan = search_contacts(window.session.store, "Fictiefsma", 5)[0]
    assert any(c.kind == "piket" and c.value == "+31546123457" for c in daan.channels)
    contacts = window.contacts  # the Contacten screen finds them
    contacts.search.setText("Voorbeeldig")
    assert [c.name for c in contacts.cards] == ["Bram Voorbeeldig"]
    wizard.accept()

    # The same list again, a number changed: the remembered mapping, an update, no double.
    changed = [ROWS[0].replace("06-1234 5678", "06-1234 5611"), *ROWS[1:]]
    again = start(window)
    read(qtbot, again, write_list(tmp_path / "lijst-december.csv", changed))
    again.next()
    assert again.mapping_page.field_of("Dienst") == "piket"
    assert "Onthouden" in again.mapping_page.subTitle()
    plan(qtbot, again)
    summary = again.plan.summary if again.plan else None
    assert summary is not None and (summary.created, summary.updated) == (0, 1)
    apply(qtbot, again)
    assert named(window, "Testpersoon") == ["Anneke Testpersoon"]
    anneke = search_contacts(window.session.store, "Testpersoon", 5)[0]
    mobiles = [c.value for c in anneke.channels if c.kind == "mobile"]
    assert mobiles == ["+31612345611"]


def test_a_workbook_with_title_rows_and_two_sheets(
    qtbot, unlocked_window: MainWindow, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    book = Workbook()
    notes = book.active
    notes.title = "Toelichting"
    notes["A1"] = "Deze lijst is verzonnen, voor een oefening."
    sheet = book.create_sheet("Contacten")
    sheet["A1"] = "Bereikbaarheidslijst VVT (oefening)"
    sheet.merge_cells("A1:D1")
    sheet.append([])
    sheet.append(["Naam", "Organisatie", "Sector", "Mobiel"])
    sheet.append(["Evert Proefkonijn", "Thuiszorg Testdorp", "VVT", "06-1234 5601"])
    sheet.append(["Fenna Nepper", "Thuiszorg Testdorp", "VVT", "06-1234 5602"])
    path = tmp_path / "lijst.xlsx"
    book.save(path)

    unlocked_window.open_page("contacts")  # the Importeren… button on the Contacten screen
    qtbot.mouseClick(unlocked_window.contacts.import_button, Qt.MouseButton.LeftButton)
    wizard = unlocked_window.contacts.wizard
    assert isinstance(wizard, ImportWizard) and wizard.isVisible()
    read(qtbot, wizard, path)
    page = wizard.file_page
    assert page.sheet.isVisible() and page.sheet.count() == 2
    assert page.sheet.currentText() == "Toelichting"
    wizard.source = None
    read(qtbot, wizard, path, sheet="Contacten")
    assert wizard.source is not None and wizard.source.table.header_index == 2
    assert "kopregel op rij 3" in page.status.text()
    wizard.next()
    assert wizard.mapping_page.field_of("Mobiel") == "mobile"
    plan(qtbot, wizard)
    assert wizard.plan_page.isComplete()  # no problems: no need to skip anything
    apply(qtbot, wizard)
    assert named(unlocked_window, "Proefkonijn") == ["Evert Proefkonijn"]
    assert named(unlocked_window, "Nepper") == ["Fenna Nepper"]


def test_an_unreadable_file_gives_a_clear_message(
    qtbot, unlocked_window: MainWindow, tmp_path: Path, warnings: list[str]
) -> None:  # type: ignore[no-untyped-def]
    garbage = tmp_path / "lijst.csv"
    garbage.write_bytes(bytes(range(256)) * 40)
    wizard = start(unlocked_window)
    wizard.open_file(garbage)
    qtbot.waitUntil(lambda: bool(warnings), timeout=WAIT_MS)
    assert "lijst.csv" in warnings[0] and "binaire gegevens" in warnings[0]
    assert wizard.source is None and not wizard.file_page.isComplete()
    assert wizard.file_page.status.text() == ""


def test_a_list_without_a_name_column_stays_on_the_mapping(
    qtbot, unlocked_window: MainWindow, tmp_path: Path, warnings: list[str]
) -> None:  # type: ignore[no-untyped-def]
    wizard = start(unlocked_window)
    read(qtbot, wizard, write_list(tmp_path / "lijst.csv"))
    wizard.next()
    wizard.mapping_page.choose("Naam", "ignore")
    wizard.next()
    assert wizard.currentPage() is wizard.mapping_page
    assert warnings and "name" in warnings[0]


def people_named(profile: Path, text: str) -> int:
    with Store.open(profile, PASSPHRASE) as store:
        row = store.query_one("SELECT count(*) AS n FROM people WHERE name LIKE ?", (text,))
        return int(row["n"]) if row else 0


def planned(qtbot, window: MainWindow, tmp_path: Path) -> ImportWizard:  # type: ignore[no-untyped-def]
    """A wizard at its dry run of the sample list, bad rows to be skipped."""
    wizard = start(window)
    read(qtbot, wizard, write_list(tmp_path / "lijst.csv"))
    wizard.next()
    plan(qtbot, wizard)
    wizard.plan_page.skip.setChecked(True)
    return wizard


def test_locking_after_the_dry_run_writes_nothing(
    qtbot, unlocked_window: MainWindow, demo_profile: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    wizard = planned(qtbot, unlocked_window, tmp_path)
    unlocked_window.session.lock()
    assert not wizard.isVisible() and wizard.plan is None and wizard.source is None
    assert people_named(demo_profile, "%Testpersoon%") == 0


def test_locking_while_it_writes_rolls_the_import_back(
    qtbot, unlocked_window: MainWindow, demo_profile: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    wizard = planned(qtbot, unlocked_window, tmp_path)
    # Another writer holds the database, so the apply is surely under way when we lock;
    # it lets go half a second later, while the lock is closing the window's connection.
    with Store.open(demo_profile, PASSPHRASE) as other:
        other.conn.execute("BEGIN IMMEDIATE")
        release = threading.Timer(0.5, lambda: other.conn.execute("ROLLBACK"))
        wizard.next()
        job = wizard.job
        assert isinstance(job, StoreJob) and job.is_running()
        release.start()
        unlocked_window.session.lock()
        release.join()
        assert job.wait(20)
    assert job.cancelled and isinstance(job.error, Cancelled), job.error
    assert wizard.imported is None and not wizard.isVisible()
    assert people_named(demo_profile, "%Testpersoon%") == 0


def wait_export(qtbot, job: StoreJob | None) -> None:  # type: ignore[no-untyped-def]
    assert job is not None
    qtbot.waitUntil(lambda: not job.is_running(), timeout=WAIT_MS)
    assert job.error is None, job.error


def test_exports_in_every_format_read_back(
    qtbot, unlocked_window: MainWindow, tmp_path: Path, warnings: list[str]
) -> None:  # type: ignore[no-untyped-def]
    window = unlocked_window
    session = window.session
    count = len(session.store.query("SELECT id FROM people WHERE deleted = 0"))

    wait_export(qtbot, export_contacts(window, session, tmp_path / "contacten.csv"))
    text = (tmp_path / "contacten.csv").read_text("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0][:3] == ["Kenmerk", "Naam", "Functie"] and len(rows) == count + 1
    qtbot.waitUntil(lambda: bool(window.findChildren(QMessageBox)), timeout=WAIT_MS)
    told = window.findChildren(QMessageBox)[0].text()
    assert "contacten.csv" in told and "NIET versleuteld" in told

    wait_export(qtbot, export_contacts(window, session, tmp_path / "contacten.xlsx"))
    sheet = load_workbook(tmp_path / "contacten.xlsx").active
    assert sheet is not None and sheet.max_row == count + 1
    assert [cell.value for cell in sheet[1]][:2] == ["Kenmerk", "Naam"]

    wait_export(qtbot, export_contacts(window, session, tmp_path / "contacten.vcf"))
    cards = list(vobject.readComponents((tmp_path / "contacten.vcf").read_text("utf-8")))
    assert len(cards) == count and all(card.version.value == "4.0" for card in cards)

    wait_export(qtbot, export_capacity(window, session, tmp_path / "beeld.xml"))
    root = ElementTree.parse(tmp_path / "beeld.xml").getroot()
    assert root.tag.endswith("HospitalStatus") and len(list(root)) > 0
    wait_export(qtbot, export_capacity(window, session, tmp_path / "beeld.json"))
    bundle = json.loads((tmp_path / "beeld.json").read_text("utf-8"))
    assert bundle["resourceType"] == "Bundle" and bundle["entry"]
    wait_export(qtbot, export_capacity(window, session, tmp_path / "beeld.csv"))
    assert len((tmp_path / "beeld.csv").read_text("utf-8-sig").splitlines()) > 1

    assert export_contacts(window, session, tmp_path / "contacten.txt") is None
    assert warnings and "contacten.txt" in warnings[0] and not (tmp_path / "contacten.txt").exists()
