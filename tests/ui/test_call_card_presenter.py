"""The call card's presenter and clipboard guard, without Qt."""

from __future__ import annotations

from resilient_zcc.contacts.queries import Channel, ContactCard
from resilient_zcc.contacts.who import EntryKind, WhoChannel, WhoEntry
from ui.call_card_presenter import ClipboardGuard, from_contact, from_who


def _card(channels: list[Channel], on_duty: list[str]) -> ContactCard:
    return ContactCard(
        id="p1",
        name="Anna Voorbeeld",
        organisation_id="o1",
        organisation="Ziekenhuisgroep Voorbeeld",
        sector="ziekenhuis",
        functions=["Crisiscoördinator", "Piket medisch specialist"],
        channels=channels,
        last_verified_at=None,
        last_verified_by=None,
        stale=True,
        on_duty=on_duty,
    )


def test_own_channels_first_then_the_functions_piket_phone() -> None:
    piket = Channel("c3", "piket", "+31612346001", 1, "rota", "", "Piket medisch specialist")
    email = Channel("c1", "email", "anna@voorbeeld.invalid", 1, "office_hours", "")
    mobile = Channel("c2", "mobile", "+31612345001", 2, "24/7", "")
    # The contact card puts an on-duty function's phone first; the call card follows the
    # who-to-call order: the person's own channels first.
    model = from_contact(_card([piket, email, mobile], ["Piket medisch specialist"]))
    assert model.number is not None and model.number.dialable == "+31612345001"
    assert model.headline == "06 12345001" and model.copy_text == "+31612345001"
    assert [line.text for line in model.fallbacks] == ["anna@voorbeeld.invalid", "06 12346001"]
    assert model.fallbacks[1].note == "via Piket medisch specialist"
    assert model.fallbacks[0].dialable is None
    assert model.on_duty and model.stale
    assert model.subtitle == "Piket medisch specialist — Ziekenhuisgroep Voorbeeld"


def test_no_phone_number_says_so_and_copies_nothing() -> None:
    model = from_contact(_card([Channel("c1", "c2000", "ZKH-01", 1, "24/7", "")], []))
    assert model.number is None and model.copy_text == ""
    assert model.headline == "geen telefoonnummer"
    assert [line.label for line in model.fallbacks] == ["C2000-gespreksgroep"]
    assert not model.on_duty


def test_from_who_keeps_the_cores_order() -> None:
    channels = (
        WhoChannel("c2000", "C2000", "ZKH-01", "ZKH-01", None, "24/7", ""),
        WhoChannel("mobile", "Mobiel", "+31612345001", "06 12345001", "+31612345001", "", ""),
    )
    entry = WhoEntry(EntryKind.ON_DUTY, "Bram", "p2", "Crisiscoördinator", "ZGV", False, channels)
    model = from_who(entry)
    assert model.copy_text == "+31612345001" and model.on_duty
    assert [line.text for line in model.fallbacks] == ["ZKH-01"]


def test_clipboard_guard_clears_only_what_it_put_there() -> None:
    board = {"text": "van de gebruiker"}
    guard = ClipboardGuard(lambda: board["text"], lambda text: board.update(text=text))
    guard.put("+31612345001")
    assert board["text"] == "+31612345001"
    assert guard.clear() and board["text"] == ""
    assert not guard.clear()  # nothing of ours left
    guard.put("+31612345001")
    board["text"] = "iets anders"  # copied elsewhere since
    assert not guard.clear() and board["text"] == "iets anders"
