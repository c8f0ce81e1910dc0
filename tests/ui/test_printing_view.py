"""Afdrukken: preview, save as PDF, print through a QPrinter, and the out-of-date list."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter

from printouts.context import make_context
from printouts.render import print_to_file
from resilient_zcc.contacts.model import update_channel, verify_person
from resilient_zcc.dashboard import dashboard
from resilient_zcc.dashboard_lines import dashboard_lines
from resilient_zcc.printlog import outdated_tabs, print_status
from ui.i18n import set_language
from ui.main_window import MainWindow
from ui.views.printing import PrintingView

from ..conftest import PASSPHRASE
from ..helpers import new_store, sync

pytestmark = pytest.mark.timeout(120)
STATE = 6  # the column of the state: sheet, for, binder and tab, device, printed, as of


@pytest.fixture
def view(qtbot, window: MainWindow) -> PrintingView:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(window.session.unlocked, timeout=10_000):
        window.session.unlock(PASSPHRASE)
    window.open_page("print")
    page = window.pages.currentWidget()
    assert isinstance(page, PrintingView)
    return page


def choose(view: PrintingView, sheet: str) -> None:
    view.sheet.setCurrentIndex(view.sheet.findData(sheet))


def test_the_screen_is_in_the_sidebar_in_dutch(window: MainWindow) -> None:
    titles = [window.sidebar.item(n).text() for n in range(window.sidebar.count())]
    assert titles[window.keys.index("print")] == "Afdrukken"


def test_save_as_pdf_records_the_print_and_says_plaintext(
    qtbot,
    view: PrintingView,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    assert view.status_model.rowCount() == 0
    assert "Nog niets afgedrukt" in view.status_summary.text()
    choose(view, "alarmkaart")
    out = tmp_path / "alarmkaart.pdf"
    with qtbot.waitSignal(view.rendered, timeout=30_000):
        assert view.save_pdf(out)
    assert len(PdfReader(out).pages) <= 2
    assert "platte tekst" in view.message.text()
    assert view.status_model.rowCount() == 1
    assert view.status_model.data(view.status_model.index(0, STATE)) == "actueel"
    # A change elsewhere in the app makes the printed sheet out of date, with the reason.
    store = view.session.store
    person = store.query("SELECT id FROM people LIMIT 1")[0]["id"]
    verify_person(store, person, "test", datetime.now(UTC))
    view.session.changed()
    state = view.status_model.data(view.status_model.index(0, STATE))
    assert state.startswith("VEROUDERD: 1 contact gewijzigd sinds")
    assert "1 van de 1" in view.status_summary.text()


def test_preview_and_print_through_a_qprinter(qtbot, view: PrintingView, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    choose(view, "zakkaarten")
    with qtbot.waitSignal(view.rendered, timeout=30_000):
        assert view.preview()
    assert not view.preview_button.isEnabled() or view.job is None
    assert view.printed is not None
    pages = view.printed.pages
    assert view.document.pageCount() == pages > 1
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "printer.pdf"
    printer.setOutputFileName(str(out))
    with qtbot.waitSignal(view.rendered, timeout=30_000):
        assert view.print_to(printer)
    assert len(PdfReader(out).pages) == pages
    (row,) = print_status(view.session.store)
    assert row["sheet"] == "zakkaarten" and row["file"] == str(out)


def test_an_unknown_organisation_is_refused_with_a_message(
    view: PrintingView, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr("ui.views.printing.show_error", lambda _parent, exc: shown.append(str(exc)))
    view.organisation.setText("Bestaat Niet")
    assert not view.preview()  # refused before any work starts
    assert shown and "Geen organisatie gevonden voor 'Bestaat Niet'" in shown[0]
    assert view.printed is None


def test_english_labels(qtbot, session) -> None:  # type: ignore[no-untyped-def]
    set_language("en")
    main = MainWindow(session, lambda: None)
    qtbot.addWidget(main)
    assert main.sidebar.item(main.keys.index("print")).text() == "Print"


def test_the_binder_is_laid_out_in_the_background_and_a_lock_discards_it(
    qtbot,
    view: PrintingView,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    choose(view, "binder")
    out = tmp_path / "map.pdf"
    with qtbot.waitSignal(view.rendered, timeout=60_000):
        assert view.save_pdf(out)
        # Back in the event loop at once: the buttons wait, a second job is refused.
        assert view.job is not None and not view.save_button.isEnabled()
        assert not view.preview()
        view.session.lock()
    assert not out.exists()  # locked while it was made: nothing written or recorded
    assert view.save_button.isEnabled() and view.message.text() == ""


def test_the_preview_follows_the_chosen_sheet_and_the_binder(qtbot, view: PrintingView) -> None:  # type: ignore[no-untyped-def]
    choose(view, "alarmkaart")
    with qtbot.waitSignal(view.rendered, timeout=30_000):
        assert view.preview()
    assert view.printed is not None and view.printed.sheet == "alarmkaart"
    card_pages = view.document.pageCount()
    choose(view, "binder")
    assert view.document.pageCount() == 0  # the card is gone at once, not shown as the binder
    with qtbot.waitSignal(view.rendered, timeout=90_000):
        pass  # laid out after a short pause, in the background
    assert view.printed is not None and view.printed.sheet == "binder"
    assert view.document.pageCount() > card_pages
    assert view.message.text().startswith("Crisismap: ")


def test_no_column_of_the_printed_list_is_cut_off(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QSize

    with qtbot.waitSignal(window.session.unlocked, timeout=10_000):
        window.session.unlock(PASSPHRASE)
    window.resize(QSize(1280, 720))  # the smallest laptop screen the window must serve
    window.open_page("print")
    view = window.pages.currentWidget()
    assert isinstance(view, PrintingView)
    choose(view, "alarmkaart")
    with qtbot.waitSignal(view.rendered, timeout=30_000):
        assert view.save_pdf(tmp_path / "kaart.pdf")
    qtbot.waitUntil(lambda: window.size() == QSize(1280, 720))
    table = view.status_table
    header = table.horizontalHeader()
    assert view.status_model.headerData(5, Qt.Orientation.Horizontal) == "Stand van gegevens"
    for column in range(view.status_model.columnCount() - 1):
        right = header.sectionViewportPosition(column) + header.sectionSize(column)
        assert right <= table.viewport().width(), f"column {column} reaches past the edge"
        assert header.sectionSize(column) >= header.sectionSizeHint(column)  # title in full
    last = view.status_model.columnCount() - 1
    assert header.sectionViewportPosition(last) < table.viewport().width() - 60  # state shows


def test_a_tab_printed_elsewhere_is_named_out_of_date_and_reprinted_alone(  # type: ignore[no-untyped-def]
    qtbot, view: PrintingView, tmp_path: Path
) -> None:
    """The binder printed on another laptop, a number changed here, a sync: this screen
    names the tab with the reason, the other laptop's Overzicht too, and one action
    reprints just the out-of-date tabs."""
    binder = "de map in de ZCC-ruimte"
    here = view.session.store
    with new_store(tmp_path / "first", "Laptop ZCC") as first:
        sync(here, first)
        print_to_file(make_context(first), "binder", tmp_path / "map.pdf", {"binder": binder})
        sync(first, here)
        channel = here.query_one(
            "SELECT c.id FROM channels c JOIN people p ON p.id = c.owner_id "
            "WHERE c.kind = 'mobile' AND c.deleted = 0 ORDER BY c.id LIMIT 1"
        )
        assert channel is not None
        update_channel(here, channel["id"], value="06 12340001")
        view.session.changed()
        rows = [view.status_model.row(n) for n in range(view.status_model.rowCount())]
        tab = next(r for r in rows if r["sheet"] == "bereikbaarheid")
        number = rows.index(tab)
        cell = view.status_model.data(view.status_model.index(number, 2))
        assert cell == f"{binder}, tab 2"
        assert view.status_model.data(view.status_model.index(number, 3)) == "Laptop ZCC"
        state = view.status_model.data(view.status_model.index(number, STATE))
        assert state.startswith("VEROUDERD: 1 kanaal gewijzigd sinds")
        sync(here, first)
        lines = [line.text for line in dashboard_lines(dashboard(first, datetime.now(UTC)), "nl")]
        assert any(
            line.startswith(f"{binder}, tab 2: bereikbaarheid") and "1 kanaal gewijzigd" in line
            for line in lines
        )
        assert view.binder_choice.currentText() == binder
        stale = {r["sheet"] for r in outdated_tabs(here, binder)}
        out = tmp_path / "vervang.pdf"
        with qtbot.waitSignal(view.rendered, timeout=60_000):
            assert view.reprint_outdated(out)
        assert not outdated_tabs(here, binder)
        pages = [p.extract_text() or "" for p in PdfReader(out).pages]
        assert "Capaciteitsoverzicht" not in "".join(pages[:-1]) and "Controlelijst" in pages[-1]
        newest = [
            r for r in print_status(here) if r["binder"] == binder and r["device"] != "Laptop ZCC"
        ]
        assert {r["sheet"] for r in newest} == stale
