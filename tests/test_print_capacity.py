"""The printed capacity sheet, read back, shows the free beds the screens and the CLI show."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from printouts.context import make_context
from printouts.render import render_sheet
from resilient_zcc.capacity.free_beds import capacity_picture
from resilient_zcc.capacity.model import report_capacity
from resilient_zcc.demo.contacts import demo_id
from resilient_zcc.store import Store

from .conftest import PASSPHRASE
from .pdfcheck import text_lines

pytestmark = pytest.mark.timeout(120)


def printed_lines(store: Store) -> list[str]:
    printed = render_sheet(make_context(store), "capaciteit", {})
    return [line for n in range(printed.pages) for line in text_lines(printed.pdf, n)]


def test_the_sheet_prints_free_after_holds_and_held_per_location_and_category(
    demo_profile: Path,
) -> None:
    with Store.open(demo_profile, PASSPHRASE) as store:
        mst = demo_id("location", "mst")
        report_capacity(  # a surge: more patients than beds
            store, mst, "ic", total=30, staffed=24, occupied=31, now=datetime.now(UTC)
        )
        lines = printed_lines(store)
        groups = capacity_picture(store, now=datetime.now(UTC))
    assert any(r.held for g in groups for r in g.rows)  # the demo holds places
    for group in groups:
        for row in group.rows:
            numbers = (
                f" {row.total} {row.staffed} {row.occupied} {row.free_after_holds} {row.held} "
            )
            found = [
                line
                for line in lines
                if line.startswith(row.location_name.split(",")[0]) and numbers in line
            ]
            assert found, (row.location_name, group.category, numbers)
            assert any("OVERBEZET" in line for line in found) == row.overbezet
        sums = (
            f"Totaal regio {group.total} {group.staffed} {group.occupied} "
            f"{group.free_after_holds} {group.held} "
        )
        assert any(line.startswith(sums) for line in lines), (group.category, sums)
    ic = next(g for g in groups if g.category == "ic")
    assert ic.overbezet == 1
    assert any(
        line.startswith(f"Totaal regio {ic.total} ") and "1 OVERBEZET" in line for line in lines
    )
