"""Phone numbers: accept what Dutch users type, store E.164, show the national format."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from ..errors import ValidationError

if TYPE_CHECKING:
    import phonenumbers

DEFAULT_REGION = "NL"
# What people type around digits; letters are refused (the library would drop or map them).
_TYPED_NUMBER = re.compile(r"^[\d\s+().\-/]+$")
# A Dutch number typed in full (0 + 9 digits, or +31 / 0031 + 9 digits): parsed here without
# the general parser, which gives the same number (tests compare both) at a fifth of the cost;
# bulk imports validate tens of thousands of numbers.
_DUTCH_FULL = re.compile(r"^(?:0|\+31|0031)([1-9]\d{8})$")
_TYPING = str.maketrans("", "", " \t-./()")


def normalise_phone(text: str) -> str:
    """'06-1234 5678', '053 123 4567', '0031 6 ...', '+31 (0)6 ...' -> '+31612345678'."""
    import phonenumbers  # here, not at the top: the window's start-up does not need it

    cleaned = text.strip().replace("(0)", "")
    if not _TYPED_NUMBER.match(cleaned):
        cleaned = ""
    number = _parse(cleaned)
    if number is None or not phonenumbers.is_valid_number(number):
        raise ValidationError(
            "'{text}' is not a valid phone number. Type it as you would dial it in the "
            "Netherlands (e.g. 06-12345678 or 053-1234567) or with a country code (+32 ...).",
            text=text,
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _parse(cleaned: str) -> phonenumbers.PhoneNumber | None:
    import phonenumbers

    dutch = _DUTCH_FULL.match(cleaned.translate(_TYPING))
    if dutch:
        return phonenumbers.PhoneNumber(country_code=31, national_number=int(dutch.group(1)))
    try:
        return phonenumbers.parse(cleaned, DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        return None


@lru_cache(maxsize=8192)  # a result list formats the same numbers on every keystroke
def display_phone(e164: str) -> str:
    """National format for Dutch numbers, international for the rest."""
    import phonenumbers

    try:
        number = phonenumbers.parse(e164, DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        return e164
    style = (
        phonenumbers.PhoneNumberFormat.NATIONAL
        if number.country_code == 31
        else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )
    return phonenumbers.format_number(number, style)


def digits_variants(text: str) -> list[str]:
    """The digit strings a typed number may be stored under, for search: 0612 -> 31612."""
    digits = "".join(ch for ch in text.replace("(0)", "") if ch.isdigit())
    if not digits:
        return []
    if text.strip().startswith("+") or digits.startswith("00"):
        return [digits.removeprefix("00")]
    if digits.startswith("0"):
        return [digits, "31" + digits[1:]]
    return [digits]
