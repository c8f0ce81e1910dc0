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
        # The headers regions use for their other numbers (issue 16).
        ("Vast / doorkiesnummer", "direct"), ("Vast", "direct"), ("Doorkies", "direct"),
        ("Secretariaat", "direct"), ("Thuis", "direct"), ("Telefoon privé", "mobile"),
        ("Privé", "mobile"), ("Piket (24/7)", "piket"), ("24/7", "piket"),
        ("24/7-nummer", "piket"), ("Bereikbaarheidsdienst", "piket"), ("Dienst", "piket"),
        ("Satelliet", "satellite"), ("Sat", "satellite"), ("Portofoon", "c2000"),
        ("C2000", "c2000"), ("NCV", "ncv"), ("Duty phone", "piket"), ("Landline", "direct"),
    ],
)  # fmt: skip
def test_header_spellings(header: str, field: str) -> None:
    assert field_for_header(header) == field


@pytest.mark.parametrize("header", ["Geboortedatum", "Kleur", "", "Nummer", "Postcode"])
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


@pytest.mark.parametrize(
    ("name", "field"),
    [("direct", "direct"), ("Telefoon", "direct"), ("Phone", "direct"), ("Piket", "piket"),
     ("On-call", "piket"), ("(niet inlezen)", "ignore"), ("E-mail", "email"),
     ("mobiel", "mobile"), ("Doorkiesnummer", "direct")],
)  # fmt: skip
def test_the_mapping_accepts_the_labels_the_help_shows(name: str, field: str) -> None:
    from resilient_zcc.exchange.mapping import field_by_name, parse_mapping_option

    assert field_by_name(name) == field
    headers = ["Naam", "Vast / doorkiesnummer"]
    assert parse_mapping_option(f"Vast / doorkiesnummer={name}", headers) == {
        "Vast / doorkiesnummer": field
    }
