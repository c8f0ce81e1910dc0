"""The Sitrap dialog from the Overzicht: preview, judgement and proposals, the numbered
version kept in the logbook, then Afdrukken with the sitrap sheet chosen."""

from __future__ import annotations

from datetime import UTC, datetime

from resilient_zcc.crisis.logbook import list_entries
from resilient_zcc.crisis.regions import default_region
from resilient_zcc.sitrap.model import kept_sitrap, make_sitrap
from ui.dialogs.sitrap import SitrapDialog
from ui.main_window import MainWindow
from ui.session import Session
from ui.sitrap_presenter import proposals_from
from ui.views.logbook import entry_html

from ..conftest import PASSPHRASE


def test_proposals_are_one_per_line() -> None:
    assert proposals_from("- Fase 2a handhaven\n\n* Belronde VVT 18:00 \n") == [
        "Fase 2a handhaven",
        "Belronde VVT 18:00",
    ]


def test_make_and_print_a_sitrap_from_the_overzicht(  # type: ignore[no-untyped-def]
    qtbot, unlocked_window: MainWindow
) -> None:
    window = unlocked_window
    store = window.session.store
    overview = window.overview
    overview.reload()
    assert any("Nog geen sitrap gemaakt" in text for text in overview.line_texts())
    dialog = SitrapDialog(window.session, window)
    qtbot.addWidget(dialog)
    assert "SITRAP (voorbeeld)" in dialog.preview_text.toPlainText()
    assert "BEELD: capaciteit" in dialog.preview_text.toPlainText()
    assert not dialog.print_button.isEnabled()
    dialog.oordeel.setPlainText("IC blijft vol; VVT houdt stand")
    dialog.proposals.setPlainText("Fase 2a handhaven")
    dialog.refresh()
    assert "IC blijft vol; VVT houdt stand" in dialog.preview_text.toPlainText()
    dialog.make_button.click()
    kept = kept_sitrap(store, default_region(store))
    assert kept.number == 1 and kept.proposals == ["Fase 2a handhaven"]
    assert "SITRAP 1" in dialog.preview_text.toPlainText()
    assert "Sitrap 1 is gemaakt" in dialog.message.text()
    dialog.submit()  # Ctrl+Enter again makes no second version
    assert kept_sitrap(store, default_region(store)).number == 1
    assert dialog.print_button.isEnabled()
    dialog.print_button.click()
    assert dialog.wants_print and dialog.result() == SitrapDialog.DialogCode.Accepted

    window.open_page("print:sitrap")
    printing = window.pages.currentWidget()
    assert printing.sheet.currentData() == "sitrap"  # type: ignore[attr-defined]
    overview.reload()
    assert any(text.startswith("Sitrap 1 gemaakt") for text in overview.line_texts())


def test_the_logbook_shows_a_sitrap_as_its_text(unlocked_window: MainWindow) -> None:
    store = unlocked_window.session.store
    region = default_region(store)
    make_sitrap(store, datetime.now(UTC), "test", "Druk stabiel", ["Fase 2a handhaven"])
    entry = list_entries(store, region, kind="sitrap")[0]
    html = entry_html(entry, {})
    assert "SITRAP 1" in html and "Druk stabiel" in html
    assert '"beds"' not in html and "free_after_holds" not in html


def test_on_an_empty_profile_the_dialog_says_why_and_makes_nothing(qtbot, profile) -> None:  # type: ignore[no-untyped-def]
    session = Session(profile)
    with qtbot.waitSignal(session.unlocked, timeout=10_000):
        session.unlock(PASSPHRASE)
    try:
        dialog = SitrapDialog(session)
        qtbot.addWidget(dialog)
        assert "nog geen regio" in dialog.preview_text.toPlainText()
        assert not dialog.make_button.isEnabled()
    finally:
        session.lock()
