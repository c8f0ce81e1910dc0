"""Phone numbers: what Dutch users type is stored as E.164 and shown the national way."""

from __future__ import annotations

import pytest

from resilient_zcc.contacts.phones import digits_variants, display_phone, normalise_phone
from resilient_zcc.errors import ValidationError, ZccError


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("06-12345678", "+31612345678"),
        ("0612345678", "+31612345678"),
        ("06 12345678", "+31612345678"),
        ("06 - 12 34 56 78", "+31612345678"),
        ("  06-12345678  ", "+31612345678"),
        ("053 - 123 45 67", "+31531234567"),
        ("053-1234567", "+31531234567"),
        ("(053) 123 45 67", "+31531234567"),
        ("020-1234567", "+31201234567"),
        ("088 123 4567", "+31881234567"),
        ("0031 6 12345678", "+31612345678"),
        ("0031612345678", "+31612345678"),
        ("+31 (0)6 1234 5678", "+31612345678"),
        ("+31 (0)53 123 4567", "+31531234567"),
        ("+31 6 1234 5678", "+31612345678"),
        ("+31612345678", "+31612345678"),
        ("+49 30 1234567", "+49301234567"),
        ("0049 30 1234567", "+49301234567"),
    ],
)
def test_dutch_ways_of_typing_a_number_are_accepted(typed: str, stored: str) -> None:
    assert normalise_phone(typed) == stored


def test_normalising_is_idempotent() -> None:
    for typed in ("06-12345678", "053 - 123 45 67", "+49 30 1234567"):
        once = normalise_phone(typed)
        assert normalise_phone(once) == once


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "   ",
        "abc",
        "telefoon",
        "12",
        "112",
        "0612",
        "06-1234",
        "06-123456",
        "+31 6 1234",
        "06123456789",
        "0031",
        "+",
        "+31",
        "--",
        "06-12345678a",
        "O6-12345678",
    ],
)
def test_garbage_and_too_short_numbers_are_refused(typed: str) -> None:
    with pytest.raises(ValidationError) as err:
        normalise_phone(typed)
    message = str(err.value)
    assert repr(typed) in message or typed in message
    assert "06-12345678" in message, "the message shows how to type a number"
    assert isinstance(err.value, ZccError)


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("+31612345678", "06 12345678"),
        ("+31531234567", "053 123 4567"),
        ("+31201234567", "020 123 4567"),
        ("+31881234567", "088 123 4567"),
        ("+49301234567", "+49 30 1234567"),
        ("+3225551212", "+32 2 555 12 12"),
    ],
)
def test_display_national_for_dutch_numbers_international_for_others(
    stored: str, shown: str
) -> None:
    assert display_phone(stored) == shown


def test_display_of_something_that_is_not_a_number_is_left_alone() -> None:
    assert display_phone("GHOR-TWENTE-1") == "GHOR-TWENTE-1"


@pytest.mark.parametrize(
    ("typed", "variants"),
    [
        ("06 1234", ["061234", "3161234"]),
        ("06-12345678", ["0612345678", "31612345678"]),
        ("+31 6 1234", ["3161234"]),
        ("0031 6 1234", ["3161234"]),
        ("053", ["053", "3153"]),
        ("1234", ["1234"]),
        ("geen cijfers", []),
    ],
)
def test_digit_variants_for_search(typed: str, variants: list[str]) -> None:
    assert digits_variants(typed) == variants


def test_the_fast_dutch_path_gives_what_the_general_parser_gives() -> None:
    import random

    import phonenumbers

    from resilient_zcc.contacts.phones import _parse

    rng = random.Random(5)
    typed = []
    for _ in range(3000):
        digits = "".join(rng.choice("0123456789") for _ in range(9))
        typed += [f"0{digits}", f"0{digits[:2]}-{digits[2:]}", f"+31 {digits}", f"0031{digits}"]
        typed += [f"0{digits[0]} {digits[1:5]} {digits[5:]}", f"0{digits[:3]}/{digits[3:]}"]
    for text in typed:
        try:
            general = phonenumbers.parse(text, "NL")
        except phonenumbers.NumberParseException:
            general = None
        fast = _parse(text)
        assert fast == general, text
        if general is not None:
            assert phonenumbers.is_valid_number(fast) == phonenumbers.is_valid_number(general)
