"""Real errors of the exchange, network, sync and printouts packages read in Dutch when chosen."""

from __future__ import annotations

from pathlib import Path

import pytest

from resilient_zcc.errors import ValidationError, ZccError
from resilient_zcc.exchange.backup import BackupCorrupt, restore_backup
from resilient_zcc.exchange.capacity_import import import_capacity
from resilient_zcc.exchange.contact_import import open_source, plan_import
from resilient_zcc.exchange.import_report import problems_csv
from resilient_zcc.exchange.tables import UnreadableFile, read_table
from resilient_zcc.i18n import set_language
from resilient_zcc.network import invite, model
from resilient_zcc.store import Store
from sync import bundle

from .conftest import CHEAP
from .exchange_fixtures import HEADERS_NL, ROWS, write_csv
from .helpers import new_store
from .network_setup import network_of

pytestmark = pytest.mark.timeout(60)


def test_an_unreadable_import_file_reads_in_dutch(tmp_path: Path) -> None:
    old_excel = tmp_path / "lijst.xls"
    old_excel.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 500)
    set_language("nl")
    with pytest.raises(UnreadableFile) as raised:
        read_table(old_excel)
    assert str(raised.value).startswith("lijst.xls kan niet als werkmap worden gelezen (")
    assert str(raised.value).endswith("sla het opnieuw op als .xlsx of .ods.")
    set_language("en")
    assert str(raised.value).startswith("lijst.xls cannot be read as a workbook")


def test_a_damaged_backup_reads_in_dutch(tmp_path: Path) -> None:
    damaged = tmp_path / "zcc.backup"
    damaged.write_bytes(b"not a backup at all")
    set_language("nl")
    with pytest.raises(BackupCorrupt) as raised:
        restore_backup(
            damaged, tmp_path / "nieuw", "back-up wachtwoord", "nieuw wachtwoord", cost=CHEAP
        )
    assert str(raised.value) == (
        "zcc.backup is geen volledige back-up van Resilient ZCC (beschadigd of een ander soort "
        "bestand); er is niets teruggezet. Gebruik een andere kopie van de back-up."
    )
    assert not (tmp_path / "nieuw").exists()


def test_a_capacity_file_with_unknown_locations_reads_in_dutch_after_switching(
    store: Store, tmp_path: Path
) -> None:
    """Raised in English, shown in Dutch: the nested row texts follow the switch too."""
    path = tmp_path / "bedden.csv"
    path.write_text(
        "Locatie;Categorie;Totaal;Bemand;Bezet;Tijd\nNergenshuis;ic;30;26;20;14-03-2025 08:45\n",
        encoding="utf-8",
    )
    with pytest.raises(ZccError) as raised:
        import_capacity(store, path)
    assert str(raised.value).startswith("Nothing was imported: row 2: unknown location")
    set_language("nl")
    assert str(raised.value).startswith(
        "Er is niets geïmporteerd: rij 2: onbekende locatie 'Nergenshuis'"
    )
    assert str(raised.value).endswith(
        "'capacity locations' en 'capacity categories' tonen de bekende locaties en categorieën."
    )


def test_import_problems_render_when_shown_and_the_json_keeps_both_texts(
    store: Store, tmp_path: Path
) -> None:
    rows = [*ROWS, ["Gijs Nepveld", "Arts", "Ziekenhuisgroep Twente", "", "12345", "", "", ""]]
    path = write_csv(tmp_path / "lijst.csv", HEADERS_NL, rows)
    problem = plan_import(store, open_source(store, path)).problems[0]
    assert problem.code == "invalid_number"
    assert problem.text() == "row 6: invalid phone number in 'Mobiel': '12345'"
    set_language("nl")
    assert problem.text() == "rij 6: ongeldig telefoonnummer in 'Mobiel': '12345'"
    assert problem.detail_text().startswith("'12345' is geen geldig telefoonnummer")
    assert (
        problems_csv([problem])
        .decode("utf-8-sig")
        .startswith(
            "Rij;Kolom;Waarde;Probleem;Toelichting\r\n6;Mobiel;12345;ongeldig telefoonnummer;"
        )
    )
    shown = problem.as_dict()  # the same whatever the current language
    set_language("en")
    assert problem.as_dict() == shown
    assert shown["code"] == "invalid_number"
    assert shown["text"] == "rij 6: ongeldig telefoonnummer in 'Mobiel': '12345'"
    assert shown["text_en"] == "row 6: invalid phone number in 'Mobiel': '12345'"


def test_network_errors_read_in_dutch(tmp_path: Path) -> None:
    set_language("nl")
    with pytest.raises(ValidationError) as wrong_code:
        invite.parse("ABCD-1234")
    assert str(wrong_code.value).startswith("Dat is geen uitnodigingscode: die bestaat uit 8")
    with new_store(tmp_path / "p", "laptop") as alone, pytest.raises(ZccError) as no_network:
        model.require(alone)
    assert str(no_network.value).startswith("Dit profiel hoort nog niet bij een regionetwerk")


def test_a_tampered_bundle_reads_in_dutch(tmp_path: Path) -> None:
    a, b = network_of(tmp_path, 2)
    try:
        good = tmp_path / "a.rzcc"
        bundle.export(a, good)
        data = good.read_bytes()
        tampered = tmp_path / "b.rzcc"
        tampered.write_bytes(data[:-80] + bytes([data[-80] ^ 1]) + data[-79:])
        set_language("nl")
        with pytest.raises(bundle.BadBundle) as raised:
            bundle.import_bundle(b, tampered)
        assert str(raised.value) == (
            "De bundel is na het maken gewijzigd (de handtekening klopt niet); er is niets "
            "verwerkt."
        )
    finally:
        a.close()
        b.close()


def test_a_printout_to_a_wrong_file_reads_in_dutch(tmp_path: Path) -> None:
    from printouts.render import check_output

    set_language("nl")
    with pytest.raises(ValidationError) as raised:
        check_output(tmp_path / "map.txt")
    assert str(raised.value) == "Het uitvoerbestand moet eindigen op .pdf, niet 'map.txt'."
    with pytest.raises(ValidationError) as missing:
        check_output(tmp_path / "nergens" / "map.pdf")
    assert str(missing.value).startswith("De map ") and "bestaat niet" in str(missing.value)
