"""Header spellings seen in real lists map to the right field; the rest is left unread."""

from __future__ import annotations

import pytest

from resilient_zcc.exchange.mapping import field_for_header, guess_mapping, signature


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Naam", "name"), ("NAAM", "name"), ("Volledige naam", "name"), ("Full name", "name"),
        ("Voornaam", "first_name"), ("Tussenv.", "infix"), ("Achternaam", "last_name"),
        ("Functie", "function"), ("Functie/rol", "function"), ("Job title", "function"),
        ("Organisatie", "organisation"), ("Naam organisatie", "organisation"),
        ("Instelling", "organisation"), ("Organization", "organisation"),
        ("Telefoon", "direct"), ("Tel.", "direct"), ("Telefoonnummer", "direct"),
        ("Tel. werk", "direct"), ("Doorkiesnummer", "direct"), ("Telefoon 2", "direct"),
        ("Mobiel", "mobile"), ("GSM", "mobile"), ("GSM-nummer", "mobile"), ("06", "mobile"),
        ("Mobiel nummer", "mobile"), ("Mobile phone", "mobile"),
        ("Piket", "piket"), ("Piketnummer", "piket"), ("Telefoon piket", "piket"),
        ("Piket telefoonnummer", "piket"), ("Dienstnummer", "piket"), ("On-call", "piket"),
        ("E-mail", "email"), ("Email", "email"), ("E-mailadres", "email"),
        ("E-mail adres", "email"), ("Mailadres", "email"),
        ("Bereikbaarheid", "availability"), ("Beschikbaarheid", "availability"),
        ("Opmerkingen", "notes"), ("C2000 gespreksgroep", "c2000"),
        ("Satelliettelefoon", "satellite"),
        ("Sector", "sector"), ("Plaats", "city"), ("Kenmerk", "key"), ("ID", "key"),
    ],
)  # fmt: skip
def test_header_spellings(header: str, field: str) -> None:
    assert field_for_header(header) == field


@pytest.mark.parametrize("header", ["Geboortedatum", "Telefoon privé", "Kleur", "", "Nummer"])
def test_unknown_headers_are_not_guessed(header: str) -> None:
    assert field_for_header(header) in (None, "ignore")


def test_guess_maps_two_phone_columns_and_one_name() -> None:
    mapping = guess_mapping(["Naam", "Telefoon", "Telefoon 2", "Naam"])
    assert mapping == {"Naam": "name", "Telefoon": "direct", "Telefoon 2": "direct"}
    assert guess_mapping(["Naam", "Volledige naam"])["Volledige naam"] == "ignore"


def test_a_source_is_recognised_by_its_headers_not_their_case() -> None:
    assert signature(["Naam", "E-mail"]) == signature(["naam ", "E-MAIL"])
    assert signature(["Naam", "E-mail"]) != signature(["E-mail", "Naam"])


def test_headers_that_are_numbers_keep_their_digits() -> None:
    assert field_for_header("C2000") == "c2000"
    assert field_for_header("06") == "mobile"
