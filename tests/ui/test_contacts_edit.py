"""Editing in Contacten: a contact's name, their channels and a function's rota."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import QMessageBox

from resilient_zcc.contacts.queries import (
    contact_card,
    functions_of_person,
    own_channels,
    stale_people,
)
from ui.dialogs.contact_edit import ChannelDialog, ChannelsDialog, PersonDialog
from ui.dialogs.rota import RotaDialog
from ui.main_window import MainWindow
from ui.views.contacts import ContactsView

from ..conftest import PASSPHRASE


@pytest.fixture
def view(qtbot, window: MainWindow) -> ContactsView:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(window.session.unlocked, timeout=10_000):
        window.session.unlock(PASSPHRASE)
    window.open_page("contacts")
    return window.contacts


@pytest.fixture
def warnings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "warning", lambda _parent, _title, text, *a: shown.append(text)
    )
    return shown


def open_person(qtbot, view: ContactsView, name: str) -> None:  # type: ignore[no-untyped-def]
    view.search.clear()
    qtbot.keyClicks(view.search, name)
    card = view.current()
    assert card is not None and name in card.name


def test_rename_a_contact_and_find_them_by_the_new_name(qtbot, view: ContactsView) -> None:  # type: ignore[no-untyped-def]
    name = stale_people(view.session.store)[0]["name"]
    open_person(qtbot, view, name)
    qtbot.mouseClick(view.edit, Qt.MouseButton.LeftButton)
    dialog = view.dialog
    assert isinstance(dialog, PersonDialog) and dialog.name.text() == name
    dialog.name.setText("Hendrika Zwartveen")
    dialog.notes.setPlainText("Alleen via de meldkamer")
    qtbot.keyClick(dialog.notes, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert not dialog.isVisible()
    assert "Hendrika Zwartveen" in view.detail.toPlainText()
    assert "Alleen via de meldkamer" in view.detail.toPlainText()
    open_person(qtbot, view, "Zwartveen")  # the search index follows the rename
    view.search.clear()
    qtbot.keyClicks(view.search, name)
    assert all(card.name != name for card in view.cards)


def test_empty_name_is_refused_and_the_dialog_stays(qtbot, view: ContactsView, warnings) -> None:  # type: ignore[no-untyped-def]
    name = stale_people(view.session.store)[0]["name"]
    open_person(qtbot, view, name)
    view.edit_current()
    dialog = view.dialog
    assert isinstance(dialog, PersonDialog)
    dialog.name.setText("  ")
    dialog.submit()
    assert warnings and "mag niet leeg zijn" in warnings[0]  # the core's message, in Dutch
    assert dialog.isVisible()
    assert contact_card(view.session.store, view.current().id).name == name  # type: ignore[union-attr]
    dialog.reject()


def test_channels_add_normalised_move_up_and_refuse_a_malformed_number(  # type: ignore[no-untyped-def]
    qtbot, view: ContactsView, warnings, monkeypatch
) -> None:
    name = stale_people(view.session.store)[0]["name"]
    open_person(qtbot, view, name)
    person = view.current()
    assert person is not None
    view.edit_channels()
    channels = view.dialog
    assert isinstance(channels, ChannelsDialog)
    before = len(channels.channels)

    qtbot.mouseClick(channels.add, Qt.MouseButton.LeftButton)
    form = channels.form
    assert isinstance(form, ChannelDialog)
    form.kind.setCurrentIndex(form.kind.findData("mobile"))
    qtbot.keyClicks(form.value, "06-1234 5")  # too short: the core says why
    form.submit()
    assert warnings and "telefoonnummer" in warnings[0]
    assert form.isVisible() and len(channels.channels) == before
    assert len(contact_card(view.session.store, person.id).channels) == len(person.channels)

    form.value.setText("06-1234 5999")
    qtbot.keyClick(form.value, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert not form.isVisible()
    assert len(channels.channels) == before + 1
    assert channels.channels[-1].value == "+31612345999"
    assert "06-1234 5999" in view.detail.toPlainText() or "06 12345999" in (
        view.detail.toPlainText()
    )
    assert channels.channels[-1].display in view.detail.toPlainText()

    # The new channel is selected by hand and moved up one place.
    channels.table.selectRow(before)
    order = [c.id for c in channels.channels]
    qtbot.mouseClick(channels.up, Qt.MouseButton.LeftButton)
    moved = [c.id for c in channels.channels]
    assert moved == [*order[: before - 1], order[before], order[before - 1]]
    assert channels.current() is not None and channels.current().id == order[before]  # type: ignore[union-attr]
    own = [c.id for c in contact_card(view.session.store, person.id).channels if not c.via_function]
    assert own == moved
    detail = view.detail.toPlainText()
    assert detail.index(channels.channels[before - 1].display) < detail.index(
        channels.channels[before].display
    )

    # Remove it again (after confirming).
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    channels.table.selectRow(before - 1)
    qtbot.mouseClick(channels.remove, Qt.MouseButton.LeftButton)
    assert len(channels.channels) == before
    assert "+31612345999" not in [c.value for c in channels.channels]
    channels.accept()


def test_add_a_shift_that_covers_now_and_remove_it(qtbot, view: ContactsView, warnings) -> None:  # type: ignore[no-untyped-def]
    store = view.session.store
    name = next(p["name"] for p in stale_people(store) if functions_of_person(store, p["id"]))
    open_person(qtbot, view, name)
    person = view.current()
    assert person is not None and view.rota.isEnabled()
    qtbot.mouseClick(view.rota, Qt.MouseButton.LeftButton)
    rota = view.dialog
    assert isinstance(rota, RotaDialog)
    function = rota.function.currentText().split(" (")[0]
    rota.person.setCurrentIndex(rota.person.findData(person.id))
    start = datetime.now().astimezone() - timedelta(hours=1)
    rota.start.setDateTime(QDateTime.fromSecsSinceEpoch(int(start.timestamp())))
    rota.end.setDateTime(
        QDateTime.fromSecsSinceEpoch(int((start + timedelta(hours=4)).timestamp()))
    )
    before = len(rota.shifts)
    # The demo rota has someone on duty around the clock: an overlap is refused unless meant.
    qtbot.mouseClick(rota.add, Qt.MouseButton.LeftButton)
    assert len(rota.shifts) == before
    assert warnings and "staat al op dit rooster" in warnings[0]
    rota.double_cover.setChecked(True)
    qtbot.mouseClick(rota.add, Qt.MouseButton.LeftButton)
    assert len(rota.shifts) == before + 1
    assert not rota.double_cover.isChecked()  # the next shift is checked again
    mine = [i for i, s in enumerate(rota.shifts) if s["person_id"] == person.id and s["now"]]
    assert mine
    assert "Nu in dienst als" in view.detail.toPlainText()
    assert function in view.detail.toPlainText().split("Nu in dienst als")[1]

    rota.table.selectRow(mine[0])
    qtbot.mouseClick(rota.remove, Qt.MouseButton.LeftButton)
    assert len(rota.shifts) == before
    assert "Nu in dienst als" not in view.detail.toPlainText()
    rota.accept()


def test_end_before_start_is_refused(qtbot, view: ContactsView, warnings) -> None:  # type: ignore[no-untyped-def]
    store = view.session.store
    name = next(p["name"] for p in stale_people(store) if functions_of_person(store, p["id"]))
    open_person(qtbot, view, name)
    view.edit_rota()
    rota = view.dialog
    assert isinstance(rota, RotaDialog)
    before = len(rota.shifts)
    rota.end.setDateTime(rota.start.dateTime().addSecs(-3600))
    rota.add_shift()
    assert warnings and "moet eindigen na het begin" in warnings[0]
    assert len(rota.shifts) == before
    rota.reject()


def test_locking_closes_the_dialog_and_clears_the_buttons(qtbot, view: ContactsView) -> None:  # type: ignore[no-untyped-def]
    name = stale_people(view.session.store)[0]["name"]
    open_person(qtbot, view, name)
    view.edit_channels()
    dialog = view.dialog
    assert dialog is not None and dialog.isVisible()
    view.session.lock()
    assert not dialog.isVisible()
    assert not view.edit.isEnabled() and not view.channels.isEnabled()


def test_move_a_contact_to_another_organisation(qtbot, view: ContactsView) -> None:  # type: ignore[no-untyped-def]
    name = stale_people(view.session.store)[0]["name"]
    open_person(qtbot, view, name)
    person = view.current()
    assert person is not None
    view.edit_current()
    dialog = view.dialog
    assert isinstance(dialog, PersonDialog)
    assert dialog.organisation.currentData() == (person.organisation_id or "")
    target = dialog.organisation.findText("Veiligheidsregio Twente")
    assert target > 0 and dialog.organisation.itemData(target) != person.organisation_id
    dialog.organisation.setCurrentIndex(target)
    dialog.submit()
    assert not dialog.isVisible()
    assert contact_card(view.session.store, person.id).organisation == "Veiligheidsregio Twente"
    assert "Veiligheidsregio Twente" in view.detail.toPlainText()


def test_edit_the_piket_phone_of_a_function_the_person_holds(qtbot, view: ContactsView) -> None:  # type: ignore[no-untyped-def]
    store = view.session.store
    person_id, function_id = next(
        (p["id"], f["id"])
        for p in stale_people(store)
        for f in functions_of_person(store, p["id"])
        if any(c.kind == "piket" for c in own_channels(store, "function", f["id"]))
    )
    open_person(qtbot, view, contact_card(store, person_id).name)
    view.edit_channels()
    channels = view.dialog
    assert isinstance(channels, ChannelsDialog)
    assert all(c.via_function is None for c in channels.channels)  # the person's own first
    channels.owner_choice.setCurrentIndex(channels.owner_choice.findData(f"function:{function_id}"))
    assert channels.owner == ("function", function_id)
    piket = next(c for c in channels.channels if c.kind == "piket")
    channels.table.selectRow(channels.channels.index(piket))
    channels.open_form(channels.current())
    form = channels.form
    assert isinstance(form, ChannelDialog)
    form.value.setText("06-1234 5777")
    form.submit()
    assert not form.isVisible()
    assert [c.value for c in own_channels(store, "function", function_id) if c.kind == "piket"] == [
        "+31612345777"
    ]
    # Every holder of the function is reached on the new number, not only this person.
    card = contact_card(store, person_id)
    assert "+31612345777" in [c.value for c in card.channels if c.via_function]
    channels.accept()
