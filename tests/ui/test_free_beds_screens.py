"""The Capaciteit screen and the Overzicht show the free beds the CLI's JSON gives."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from resilient_zcc.capacity.model import report_capacity
from resilient_zcc.placements.matching import match
from resilient_zcc.placements.queries import queue
from ui.main_window import MainWindow
from ui.views.capacity import CapacityView
from ui.views.placements import PlacementsView

from ..conftest import PASSPHRASE


def overview_json(profile: Path) -> list[dict[str, Any]]:
    done = subprocess.run(
        [sys.executable, "-m", "resilient_zcc", "--profile", str(profile), "capacity",
         "overview", "--json"],
        capture_output=True, text=True, timeout=120,
        env=dict(os.environ, RZCC_PASSPHRASE=PASSPHRASE),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def test_both_screens_show_the_clis_free_after_holds(  # type: ignore[no-untyped-def]
    qtbot, unlocked_window: MainWindow, demo_profile: Path
) -> None:
    window = unlocked_window
    groups = {g["category"]: g for g in overview_json(demo_profile)}
    assert any(r["held"] for g in groups.values() for r in g["rows"])  # places are held

    overview = window.overview
    qtbot.waitUntil(lambda: overview.capacity.rowCount() > 0)
    assert [overview.capacity.index(0, c).data() for c in (1, 2)] != [None, None]
    shown = {}
    for i in range(overview.capacity.rowCount()):
        code = overview.capacity.row(i)["beds"].category
        free, held = (overview.capacity.index(i, c).data() for c in (1, 2))  # Vrij, Vastgehouden
        shown[code] = (int(free), int(held))
    assert shown == {c: (g["free_after_holds"], g["held"]) for c, g in groups.items()}
    assert overview.capacity.headerData(1, Qt.Orientation.Horizontal) == "Vrij"

    window.open_page("capacity")
    view = window.pages.currentWidget()
    assert isinstance(view, CapacityView)
    for i in range(view.categories.rowCount()):
        code = view.categories.row(i)["category"]
        free, held = (view.categories.index(i, c).data() for c in (3, 4))
        assert (int(free), int(held)) == (groups[code]["free_after_holds"], groups[code]["held"])
        view.category_table.selectRow(i)
        rows = {r["location_id"]: r for r in groups[code]["rows"]}
        assert view.locations.rowCount() == len(rows)
        for j in range(view.locations.rowCount()):
            location = rows[view.locations.row(j)["location_id"]]
            free, held = (view.locations.index(j, c).data() for c in (4, 5))
            assert (int(free), int(held)) == (location["free_after_holds"], location["held"])
            status = view.locations.index(j, 7).data()
            assert (status == "OVERBEZET") == location["overbezet"]


def test_a_surge_shows_as_overbezet_among_the_matches(  # type: ignore[no-untyped-def]
    qtbot, unlocked_window: MainWindow
) -> None:
    window = unlocked_window
    store = window.session.store
    seeking = ("aangemeld", "in_behandeling")
    open_ids = [r.id for r in queue(store, datetime.now(UTC)) if r.state in seeking]
    request = next(i for i in open_ids if match(store, i, datetime.now(UTC)).candidates)
    place = match(store, request, datetime.now(UTC)).candidates[0]
    report_capacity(
        store, place.location_id, place.category, total=10, staffed=8, occupied=12,
        now=datetime.now(UTC),
    )  # fmt: skip
    window.session.changed()
    window.open_page("placements")
    view = window.pages.currentWidget()
    assert isinstance(view, PlacementsView)
    view.select_request(request)
    rows = view.matches_model.rows
    mine = next(
        n
        for n, r in enumerate(rows)
        if (r["location_id"], r["category"]) == (place.location_id, place.category)
    )
    assert view.matches_model.index(mine, 2).data() == "0 OVERBEZET"
    assert not rows[mine]["suitable"]
    red = view.matches_model.index(mine, 2).data(Qt.ItemDataRole.ForegroundRole)
    assert red.color().name() == "#c62828"
