"""The outage picture on paper, read back: the continuity sheet and the power-dependent care
sheet show what the core queries answer; the blank forms carry numbers of their own."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from printouts.context import make_context
from printouts.render import print_to_file, render_binder, render_sheet
from printouts.sheets.outage import hours_text
from resilient_zcc.continuity.model import report_continuity
from resilient_zcc.continuity.queries import continuity_overview
from resilient_zcc.homecare.queries import homecare_overview
from resilient_zcc.printlog import form_prefix, print_status
from resilient_zcc.store import Store

from .conftest import PASSPHRASE
from .pdfcheck import flat, outside_the_page, text_lines, text_of

pytestmark = pytest.mark.timeout(180)
ROOT = Path(__file__).parent.parent


@pytest.fixture
def demo(demo_profile: Path) -> Iterator[Store]:
    with Store.open(demo_profile, PASSPHRASE) as store:
        yield store


def _lines(pdf: bytes, pages: int) -> list[str]:
    return [line for n in range(pages) for line in text_lines(pdf, n)]


def test_continuity_sheet_shows_the_overview_by_hours_left(demo: Store) -> None:
    ctx = make_context(demo)
    printed = render_sheet(ctx, "continuiteit", {})
    overview = continuity_overview(demo, now=ctx.now)
    assert overview.outages and overview.below_threshold and overview.not_heard_from
    lines = _lines(printed.pdf, printed.pages)
    text = flat("".join(text_of(printed.pdf)))
    found_rows = []
    for figure in overview.figures:
        hours = hours_text(ctx, figure.hours_left)
        row = [
            n
            for n, line in enumerate(lines)
            if line.startswith(figure.location_name.split(",")[0]) and hours in line
        ]
        assert row, (figure.location_name, hours)
        found_rows.append(row[0])
        assert figure.phone in lines[row[0]]  # the 24/7 number whole, on the name's line
    assert found_rows == sorted(found_rows)  # least autonomy left first, as the query
    assert text.count("[ONDERDREMPEL]") == len(overview.below_threshold) + 1  # and the legend
    for silent in overview.not_heard_from:
        assert flat(silent.location_name) in text
    assert "NIETGEHOORDsindshetbeginvandeuitval" in text
    summary = (
        f"Onder de drempel: {len(overview.below_threshold)}. Op aggregaat: "
        f"{len(overview.on_generator)}. Niet gehoord: {len(overview.not_heard_from)}."
    )
    assert summary in lines
    assert "Spoedeisende hulp (SEH)" in lines
    assert outside_the_page(printed.pdf) == []


def test_homecare_sheet_shows_each_area_at_risk_and_whom_to_call(demo: Store) -> None:
    ctx = make_context(demo, lang="en")
    printed = render_sheet(ctx, "thuiszorg", {})
    overview = homecare_overview(demo, now=ctx.now)
    assert overview.areas and overview.not_updated
    lines = _lines(printed.pdf, printed.pages)
    for area in overview.areas:
        assert area.area in lines
        assert f"At risk within 4 hours: {area.at_risk} of {area.total} clients." in lines
        for provider in area.providers:
            row = f"{provider.provider} {provider.phone} {provider.total}"
            assert any(line == row or line.startswith(row + " ") for line in lines), row
    marked = sum(line.count("[NOT UPDATED]") for line in lines)
    assert marked == len(overview.not_updated) + 1  # and the legend
    assert outside_the_page(printed.pdf) == []


def test_for_one_organisation_only_its_locations(demo: Store) -> None:
    overview = continuity_overview(demo, now=datetime.now(UTC))
    organisation_id = overview.below_threshold[0].organisation_id
    assert organisation_id
    ctx = make_context(demo, organisation_text=organisation_id)
    printed = render_sheet(ctx, "continuiteit", {})
    text = flat("".join(text_of(printed.pdf))).split("Spoedeisendehulp")[0]  # EDs: all
    own = [f for f in overview.figures if f.organisation_id == organisation_id]
    others = [f for f in overview.figures if f.organisation_id != organisation_id]
    assert own and others
    assert all(flat(f.location_name) in text for f in own)
    assert not any(flat(f.location_name) in text for f in others)


def test_homecare_for_one_provider_counts_its_own_clients(demo: Store) -> None:
    overview = homecare_overview(demo, now=datetime.now(UTC))
    area = next(a for a in overview.areas if len(a.providers) > 1)
    provider = area.providers[0]
    ctx = make_context(demo, organisation_text=provider.organisation_id)
    printed = render_sheet(ctx, "thuiszorg", {})
    lines = _lines(printed.pdf, printed.pages)
    at_risk = sum(c.at_risk(overview.within_hours) for c in provider.counts)
    start = lines.index(area.area)
    assert lines[start + 1] == (f"In gevaar binnen 4 uur: {at_risk} van {provider.total} cliënten.")
    others = {p.provider for a in overview.areas for p in a.providers} - {provider.provider}
    assert not any(line.startswith(f"{name} +") for name in others for line in lines)


def test_continuity_forms_numbers_never_repeat_the_placement_forms(demo: Store) -> None:
    printed = render_binder(make_context(demo), {"forms": 2})
    numbers = re.findall(r"Formuliernummer: (\S+)", "\n".join(text_of(printed.pdf)))
    assert len(numbers) == 4 == len(set(numbers))  # two placement and two continuity forms
    assert all(n.startswith(form_prefix(demo) + "-") for n in numbers)


def test_a_new_continuity_report_makes_the_printed_sheet_out_of_date(
    demo: Store, tmp_path: Path
) -> None:
    ctx = make_context(demo)
    print_to_file(ctx, "continuiteit", tmp_path / "c.pdf")
    print_to_file(ctx, "thuiszorg", tmp_path / "t.pdf")
    print_to_file(ctx, "continuiteitsformulieren", tmp_path / "f.pdf", {"forms": 1})
    assert not any(row["outdated"] for row in print_status(demo))
    figure = continuity_overview(demo, now=ctx.now).figures[0]
    report_continuity(demo, figure.location_id, power="aggregaat", autonomy_hours=20,
                      now=datetime.now(UTC), source="radio")  # fmt: skip
    status = {row["sheet"]: row for row in print_status(demo)}
    assert status["continuiteit"]["changed"] == {"continuity_reports": 1}
    assert status["continuiteit"]["reasons"][0].startswith("1 continuïteitsmelding gewijzigd")
    assert not status["thuiszorg"]["outdated"]
    assert not status["continuiteitsformulieren"]["outdated"]  # blank forms show no data


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils not installed")
def test_the_cli_prints_each_sheet_and_page_one_renders(demo_profile: Path, tmp_path: Path) -> None:
    env = {**os.environ, "RZCC_PASSPHRASE": PASSPHRASE, "PYTHONPATH": str(ROOT)}
    for name in ("continuiteit", "thuiszorg", "continuiteitsformulieren"):
        out = tmp_path / f"{name}.pdf"
        done = subprocess.run(
            [sys.executable, "-m", "resilient_zcc", "--profile", str(demo_profile), "print",
             name, "--out", str(out)],
            capture_output=True, text=True, env=env, timeout=120, check=False,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        assert f"Geschreven: {out}" in done.stdout
        subprocess.run(["pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "1", str(out),
                        str(tmp_path / name)], check=True, timeout=60)  # fmt: skip
        assert list(tmp_path.glob(f"{name}-*.png"))
