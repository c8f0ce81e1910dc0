"""The call sheet, read back: every recipient with the name on duty and every channel in
fallback order, the round's number; and the blank round sheet."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from printouts.context import make_context
from printouts.render import render_sheet
from resilient_zcc.errors import NotFound
from resilient_zcc.rounds import model
from resilient_zcc.rounds.queries import round_view
from resilient_zcc.store import Store

from .conftest import PASSPHRASE
from .pdfcheck import flat, outside_the_page, text_of

pytestmark = pytest.mark.timeout(120)


def test_a_round_prints_as_a_call_sheet(demo_profile: Path) -> None:
    now = datetime.now(UTC)
    with Store.open(demo_profile, PASSPHRASE) as store:
        round_id = model.start_round(
            store, "Code rood Enschede", groups=["crisiscoordinatoren"], now=now, started_by="ZCC"
        )
        model.mark(store, round_id, "1", reached=True, channel="mobile", by="ZCC", now=now)
        view = round_view(store, round_id)
        printed = render_sheet(make_context(store), "belronde", {"round": "1"})
    text = flat(" ".join(text_of(printed.pdf)))
    assert flat("Belronde 1") in text and flat("Code rood Enschede") in text
    position = 0
    for r in view.recipients:
        block = flat(f"{r.position}. {r.function}")
        assert block in text[position:], r.function
        position = text.index(block, position)
        if r.cover == "nobody":
            assert flat("NIEMAND – functie onbezet") in text[position:]
        else:
            assert flat(r.name) in text[position:]
        for n, channel in enumerate(r.channels, start=1):  # fallback order kept
            found = text.index(flat(f"{n}. {channel['label']} {channel['value']}"), position)
            position = found
    assert flat("☐ bereikt") in text and flat("Antwoord:") in text
    assert flat("Al in de app: Bereikt") in text
    assert outside_the_page(printed.pdf) == []


def test_the_blank_round_sheet_and_no_round_yet(demo_profile: Path) -> None:
    with Store.open(demo_profile, PASSPHRASE) as store:
        printed = render_sheet(make_context(store), "belrondeformulier", {})
        hint = render_sheet(make_context(store), "belronde", {})
        with pytest.raises(NotFound, match="No call round '4'"):
            render_sheet(make_context(store), "belronde", {"round": "4"})
    assert flat("Nog geen belrondes") in flat(text_of(hint.pdf)[0])
    assert printed.pages == 1
    text = flat(text_of(printed.pdf)[0])
    assert flat("Belronde (leeg formulier)") in text and flat("Naam in dienst") in text
    assert outside_the_page(printed.pdf) == []
