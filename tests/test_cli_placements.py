"""`placements ...` against the demo profile: the queue, matching, steps, conflicts."""

from __future__ import annotations

import json
from pathlib import Path

from .test_cli import run


def _queue(profile: Path, *args: str) -> list[dict]:
    result = run(profile, "placements", "list", "--json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_demo_queue_spans_every_state(demo_profile: Path) -> None:
    rows = _queue(demo_profile)
    assert 38 <= len(rows) <= 50
    assert {r["state"] for r in rows} == {
        "aangemeld",
        "in_behandeling",
        "plaats_aangeboden",
        "geaccepteerd",
        "vervoer_geregeld",
        "geplaatst",
        "geannuleerd",
        "opgeschaald",
    }
    assert all(r["reference"].startswith("DEMO-TW-") for r in rows)
    waiting = _queue(demo_profile, "--state", "aangemeld")
    assert [r["urgency"] for r in waiting] == sorted(
        (r["urgency"] for r in waiting), key=["acuut", "hoog", "normaal"].index
    )
    text = run(demo_profile, "placements", "list").output
    assert "Open aanvragen (" in text and "Opgeschaald (bovenregionaal) (3)" in text


def test_match_then_walk_a_request_to_its_place(demo_profile: Path) -> None:
    request = _queue(demo_profile, "--state", "aangemeld")[0]
    short = request["id"][:8]
    result = json.loads(run(demo_profile, "placements", "match", short, "--json").output)
    assert result["candidates"] and all(c["reasons"] for c in result["candidates"])
    suitable = [c for c in result["candidates"] if c["suitable"]]
    assert suitable, result
    text = run(demo_profile, "placements", "match", short).output
    assert "GESCHIKT" in text and "Distance" in text
    early = run(demo_profile, "placements", "advance", short, "vervoer_geregeld")
    assert early.exit_code == 1 and "receiving party must have accepted" in early.output
    assert run(demo_profile, "placements", "advance", short, "in_behandeling").exit_code == 0
    best = suitable[0]
    offer = run(
        demo_profile,
        "placements",
        "advance",
        short,
        "plaats_aangeboden",
        "--location",
        best["location_id"][:8],
        "--category",
        best["category"],
        "--by",
        "ZCC-coördinator Testman",
    )
    assert offer.exit_code == 0, offer.output
    assert best["location_name"] in offer.output
    refused = run(
        demo_profile,
        "placements",
        "advance",
        short,
        "in_behandeling",
        "--refusal",
        "anders",
        "--reason",
        "Geen eigen cliënt",
    )
    assert refused.exit_code == 1 and "eigen cliënt" in refused.output
    for state in ("geaccepteerd", "vervoer_geregeld", "geplaatst"):
        step = run(demo_profile, "placements", "advance", short, state)
        assert step.exit_code == 0, step.output
    placed = {r["id"]: r for r in _queue(demo_profile, "--state", "geplaatst")}
    assert placed[request["id"]]["location_id"] == best["location_id"]
    trail = json.loads(
        run(demo_profile, "audit", request["id"], "--column", "state", "--json").output
    )
    assert trail[-1]["value"] == "geplaatst"


def test_demo_conflict_is_listed_and_resolved(demo_profile: Path) -> None:
    conflicts = json.loads(run(demo_profile, "placements", "conflicts", "--json").output)
    assert len(conflicts) == 1
    conflict = conflicts[0]
    assert conflict["details"]["allocated"] == conflict["details"]["available"] + 1
    text = run(demo_profile, "placements", "conflicts").output
    assert "OPEN" in text and "DEMO-TW-" in text
    missing = run(demo_profile, "placements", "resolve", conflict["id"][:8], "--resolution", " ")
    assert missing.exit_code == 1 and "Describe the resolution" in missing.output
    done = run(
        demo_profile,
        "placements",
        "resolve",
        conflict["id"][:8],
        "--resolution",
        "aanbod laptop 2 ingetrokken",
        "--by",
        "ZCC-coördinator",
    )
    assert done.exit_code == 0, done.output
    assert run(demo_profile, "placements", "conflicts").output.strip() == "Geen conflicten."
    everything = json.loads(run(demo_profile, "placements", "conflicts", "--all", "--json").output)
    assert everything[0]["resolution"] == "aanbod laptop 2 ingetrokken"


def test_register_refuses_a_bsn_and_accepts_a_form_number(demo_profile: Path) -> None:
    base = ["placements", "register", "--care", "elv", "--category", "elv", "--urgency", "hoog"]
    bad = run(demo_profile, *base, "--reference", "123456782")
    assert bad.exit_code == 1 and "BSN" in bad.output and "Traceback" not in bad.output
    micu = run(demo_profile, *base, "--reference", "TW-9", "--hfno", "--transport", "micu")
    assert micu.exit_code == 1 and "MICU cannot carry an HFNO" in micu.output
    good = run(demo_profile, *base, "--reference", "TW-2026-0999", "--covid", "negatief", "--json")
    assert good.exit_code == 0, good.output
    row = json.loads(good.output)
    assert row["state"] == "aangemeld" and row["reference"] == "TW-2026-0999"
    assert run(demo_profile, "placements", "purge").output.startswith("0 ")
