"""Belrondes on the real demo profile: start a round to the ZCC functions, take, reach and
miss recipients, close it into the logbook; bad input shown as the core's message."""

from __future__ import annotations

import pytest

from resilient_zcc.rounds.queries import round_summaries, round_view
from ui.main_window import MainWindow
from ui.views.rounds import RoundsView

from ..conftest import PASSPHRASE


@pytest.fixture
def errors(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    for module in ("ui.views.page", "ui.views.rounds"):
        monkeypatch.setattr(f"{module}.show_error", lambda _parent, exc: shown.append(str(exc)))
    return shown


def open_rounds(qtbot, window: MainWindow) -> RoundsView:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(window.session.unlocked, timeout=10_000):
        window.session.unlock(PASSPHRASE)
    window.open_page("rounds")
    view = window.page("rounds")
    assert isinstance(view, RoundsView)
    return view


def test_start_work_and_close_a_round(qtbot, window: MainWindow, errors: list[str]) -> None:  # type: ignore[no-untyped-def]
    view = open_rounds(qtbot, window)
    assert view.round.count() == 0 and "Nog geen belrondes" in view.status.text()
    view.start()  # nothing filled in
    assert errors and "bericht" in errors[-1].lower()
    view.message.setText("ZCC komt om 14:00 bijeen in het GHOR-gebouw; " * 6)
    view.start()
    assert "recipients" in errors[-1] or "ontvangers" in errors[-1]  # no group chosen
    view.groups["zcc"].setChecked(True)
    view.start()
    assert view.round.count() == 1 and view.round_id
    assert view.model.rowCount() == len(view.rows) > 3
    assert "Belronde 1 (open): 0 van" in view.round.currentText()
    assert view.minimumSizeHint().width() < 1280 - 250  # a long message does not widen it

    view.table.selectRow(0)
    view.take()
    assert "Opgepakt door" in view.rows[0].state
    view.table.selectRow(0)
    assert view.channel.count() >= 2 and view.channel.itemData(view.channel.count() - 1) == "runner"
    view.channel.setCurrentIndex(0)
    view.answer.setText("Komt")
    view.figure_value.setText("zes")
    view.reached()
    assert "'zes' is geen getal" in errors[-1]
    view.figure_value.setText("")
    view.reached()
    assert view.rows[0].state == "Bereikt" and "Komt" in view.rows[0].marks
    view.table.selectRow(1)
    view.next_step.setCurrentIndex(view.next_step.findData("loper"))
    view.not_reached()
    assert view.rows[1].state.startswith("Niet bereikt (Loper sturen; opnieuw")

    store = window.session.store
    marks = round_view(store, view.round_id).recipients[0].marks
    assert [m.outcome for m in marks] == ["opgepakt", "bereikt"]
    view.close_round()
    [summary] = round_summaries(store)
    assert summary.closed_at and summary.reached == 1
    entry = store.query_one("SELECT text FROM log_entries WHERE kind = 'belronde'")
    assert entry is not None and entry["text"].startswith("Belronde 1 gesloten: 1 van")
    assert not view.reached_button.isEnabled() and not view.close_button.isEnabled()
    assert "gesloten" in view.round.currentText()
