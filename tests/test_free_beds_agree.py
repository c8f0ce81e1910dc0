"""One free-bed number: the CLI's overview (a real subprocess) and every match of every open
request of the demo region agree on every location and category."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from resilient_zcc.capacity.queries import latest_reports
from resilient_zcc.placements.lifecycle import OPEN_STATES
from resilient_zcc.placements.matching import match
from resilient_zcc.store import Store

from .conftest import PASSPHRASE


def cli_json(profile: Path, *args: str) -> Any:
    done = subprocess.run(
        [sys.executable, "-m", "resilient_zcc", "--profile", str(profile), *args, "--json"],
        capture_output=True,
        text=True,
        env=dict(os.environ, RZCC_PASSPHRASE=PASSPHRASE),
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_overview_json_and_every_match_agree_on_free_beds(demo_profile: Path) -> None:
    groups = cli_json(demo_profile, "capacity", "overview")
    rows = {(r["location_id"], r["category"]): r for g in groups for r in g["rows"]}
    with Store.open(demo_profile, PASSPHRASE) as store:
        every = {(r["location_id"], r["category"]) for r in latest_reports(store)}
        assert set(rows) == every  # every location and category of the demo is in the JSON
        for row in rows.values():
            assert row["free_after_holds"] == row["free"] - row["held"]
            assert isinstance(row["age_s"], int) and isinstance(row["stale"], bool)
        for group in groups:
            usable = sum(
                0 if r["overbezet"] else max(0, r["free_after_holds"]) for r in group["rows"]
            )
            assert group["free_after_holds"] == usable
        assert any(r["held"] > 0 for r in rows.values())  # the demo holds places: a real test
        assert any(r["stale"] for r in rows.values()) and not all(r["stale"] for r in rows.values())
        requests = store.query(
            "SELECT id FROM placement_requests WHERE deleted = 0 AND state IN "
            f"({', '.join('?' for _ in OPEN_STATES)})",
            OPEN_STATES,
        )
        assert len(requests) >= 5
        compared: set[tuple[str, str]] = set()
        for request in requests:
            for c in match(store, request["id"], datetime.now(UTC)).candidates:
                shown = rows[(c.location_id, c.category)]
                assert (c.available, c.allocated, c.free, c.stale) == (
                    shown["free"],
                    shown["held"],
                    shown["free_after_holds"],
                    shown["stale"],
                ), (c.location_name, c.category)
                compared.add((c.location_id, c.category))
    # Matching reaches every place a request could go; the rest are categories no open
    # request asks for.
    assert len(compared) >= len(every) // 2
