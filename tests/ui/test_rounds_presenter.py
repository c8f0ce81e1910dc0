"""The Belrondes presenter without Qt: rows as the screen shows them, hours of autonomy into
the continuity status of the recipient's one location, a figure typed wrong."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from resilient_zcc.continuity.queries import continuity_overview
from resilient_zcc.errors import ValidationError
from resilient_zcc.store import Store
from ui import rounds_presenter as presenter

from ..conftest import PASSPHRASE


def _locations(store: Store, organisation_id: str | None) -> int:
    row = store.query_one(
        "SELECT count(*) AS n FROM locations WHERE organisation_id = ? AND deleted = 0",
        (organisation_id or "",),
    )
    return int(row["n"]) if row else 0


def test_hours_of_autonomy_go_into_the_one_locations_continuity(demo_profile: Path) -> None:
    with Store.open(demo_profile, PASSPHRASE) as store:
        view = presenter.start(
            store, "Stroomuitval", "Hoeveel uur autonomie?", ["vvt"], "autonomy_hours"
        )
        rows = presenter.recipient_rows(view)
        assert [r.state for r in rows] == ["Open"] * len(rows)
        counts = {r.position: _locations(store, r.organisation_id) for r in view.recipients}
        one = next(p for p, n in counts.items() if n == 1)
        other = next(p for p, n in counts.items() if n != 1)
        presenter.reached(store, view.id, str(one), "mobile", "Aggregaat", "7,5", True)
        location = store.query_one(
            "SELECT id FROM locations WHERE organisation_id = ?",
            (view.recipients[one - 1].organisation_id,),
        )
        assert location is not None
        figures = continuity_overview(store, now=datetime.now(UTC)).figures
        [figure] = [f for f in figures if f.location_id == location["id"]]
        assert figure.report.autonomy_hours == 7.5
        with pytest.raises(ValidationError, match="locaties, dus het getal kan niet"):
            presenter.reached(store, view.id, str(other), "mobile", "", "4", True)
        with pytest.raises(ValidationError, match="'zes' is geen getal"):
            presenter.reached(store, view.id, str(other), "mobile", "", "zes")
        row = presenter.recipient_rows(presenter.load(store, view.id))[one - 1]
        assert row.state == "Bereikt" and "Aggregaat [7.5]" in row.marks and not row.open
