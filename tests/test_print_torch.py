"""The sheets read in the dark (alarm card, contact list, pocket cards), read back from the
PDF: numbers whole on one line, large enough, the type of channel in front, and every
hospital's crisis coordinator on the alarm card."""

from __future__ import annotations

import io
import shutil
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from printouts.context import make_context
from printouts.layout import TORCH_PT
from printouts.render import Printed, render_sheet
from printouts.sheets.contacts import WEEKDAYS_NL
from resilient_zcc.contacts.directory import directory_listing
from resilient_zcc.contacts.vocabulary import PHONE_KINDS
from resilient_zcc.store import Store

from .conftest import PASSPHRASE
from .pdfcheck import flat, text_lines

pytestmark = pytest.mark.timeout(120)
TORCH_SHEETS = ("alarmkaart", "bereikbaarheid", "zakkaarten")


@pytest.fixture(scope="module")
def demo_store(
    demo_profile_template: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Store]:
    target = tmp_path_factory.mktemp("torch-demo") / "profile"
    shutil.copytree(demo_profile_template, target)
    with Store.open(target, PASSPHRASE) as store:
        yield store


@pytest.fixture(scope="module")
def printed(demo_store: Store) -> dict[str, Printed]:
    ctx = make_context(demo_store)
    return {name: render_sheet(ctx, name) for name in TORCH_SHEETS}


def _lines(pdf: bytes, most: int = 12) -> list[str]:
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    return [flat(line) for n in range(min(pages, most)) for line in text_lines(pdf, n)]


def _phones(listing: list[dict[str, Any]]) -> set[str]:
    return {
        c["value"]
        for org in listing
        for f in org["functions"]
        for c in f["channels"] + [c for h in f["holders"] for c in h["channels"]]
        if c["kind"] in PHONE_KINDS
    }


@pytest.mark.parametrize("name", TORCH_SHEETS)
def test_no_number_is_split_over_two_lines(
    printed: dict[str, Printed], demo_store: Store, name: str
) -> None:
    lines = _lines(printed[name].pdf)
    text = "".join(lines)
    numbers = [
        n for n in _phones(directory_listing(demo_store, datetime.now(UTC))) if flat(n) in text
    ]
    assert len(numbers) >= 5  # the sheet shows numbers at all
    split = [n for n in numbers if not any(flat(n) in line for line in lines)]
    assert not split


@pytest.mark.parametrize("name", TORCH_SHEETS)
def test_numbers_and_names_are_large_enough(printed: dict[str, Printed], name: str) -> None:
    """Every run of text that holds a digit string of a phone number is at least 11 pt."""
    sizes: list[float] = []
    reader = PdfReader(io.BytesIO(printed[name].pdf))
    for page in reader.pages[:3]:

        def visit(text: str, cm: list[float], tm: list[float], font: Any, size: float) -> None:
            digits = text.replace("\xa0", "").replace(" ", "").strip()
            if len(digits) >= 8 and digits.isdigit():
                sizes.append(size * (tm[0] * cm[0] or 1.0))

        page.extract_text(visitor_text=visit)
    assert sizes
    assert min(sizes) >= TORCH_PT - 0.01


def test_alarm_card_holds_every_hospital_crisis_coordinator_on_two_pages(
    printed: dict[str, Printed], demo_store: Store
) -> None:
    alarm = printed["alarmkaart"]
    assert alarm.pages <= 2
    lines = _lines(alarm.pdf)
    text = "".join(lines)
    listing = directory_listing(demo_store, datetime.now(UTC))
    hospitals = [o for o in listing if o["sector"] == "ziekenhuis"]
    coordinators = [
        (o, f) for o in hospitals for f in o["functions"] if f["code"] == "crisiscoordinator"
    ]
    assert len(coordinators) >= 5
    for org, function in coordinators:
        number = next(c["value"] for c in function["channels"] if c["kind"] in PHONE_KINDS)
        # The function, the channel type as a word and the number on one line.
        assert flat(org["short_name"] or org["name"]) in text
        assert any(
            flat(function["name"]) in line and "Piket" in line and flat(number) in line
            for line in lines
        ), org["name"]
    for section in ("ZCC-functies", "Escalatielijn", "Ambulancezorg"):
        assert flat(section) in text


def test_contact_list_prints_the_period_and_who_is_on_duty_each_day(
    printed: dict[str, Printed], demo_store: Store
) -> None:
    text = "".join(_lines(printed["bereikbaarheid"].pdf, most=4))
    today = datetime.now(UTC).astimezone()
    assert flat(f"Roosters op dit blad: {today:%d-%m-%Y} tot en met") in text
    for offset in range(7):  # a line for every day of the period, each with its date
        day = today + timedelta(days=offset)
        assert f"{WEEKDAYS_NL[day.weekday()]}{day:%d-%m}" in text
