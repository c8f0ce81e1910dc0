"""The outage picture's commands on the demo region: the questions of a 72-hour power
outage answered from the command line, --json everywhere, bad input as one clear line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result

from resilient_zcc.cli import main
from resilient_zcc.demo.contacts import demo_id

from .conftest import PASSPHRASE

ZGT_ALMELO = demo_id("location", "zgt_almelo")
DEPOT = demo_id("location", "pbm_depot")
ROOT = Path(__file__).resolve().parents[1]


def run(profile: Path, *args: str) -> Result:
    return CliRunner().invoke(
        main, ["--profile", str(profile), *args], env={"RZCC_PASSPHRASE": PASSPHRASE}
    )


def _json(profile: Path, *args: str) -> Any:
    result = run(profile, *args, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def _refused(result: Result, text: str) -> None:
    assert result.exit_code == 1, result.output
    assert text in result.output and "Traceback" not in result.output


def test_which_locations_run_on_a_generator_and_for_how_long(demo_profile: Path) -> None:
    overview = _json(demo_profile, "continuity", "overview")
    assert overview["outages"][0]["kind"] == "stroom"
    generators = {
        f["location_name"]: f["hours_left"]
        for f in overview["figures"]
        if f["report"]["power"] == "aggregaat"
    }
    assert {"MST Enschede", "ZGT Almelo", "ZGT Hengelo"} <= set(generators)
    assert 8 <= generators["ZGT Almelo"] < 12 and generators["MST Enschede"] > 24
    hours = [f["hours_left"] for f in overview["figures"] if f["hours_left"] is not None]
    assert hours == sorted(hours)
    assert ZGT_ALMELO in overview["below_threshold"]
    below = _json(demo_profile, "continuity", "overview", "--below")
    assert {f["location_id"] for f in below["figures"]} == set(overview["below_threshold"])
    text = run(demo_profile, "continuity", "overview").output
    assert "ZGT Almelo" in text and "ONDER DREMPEL" in text and "24/7 +31" in text


def test_which_locations_have_not_reported_since_the_outage_began(demo_profile: Path) -> None:
    silent = _json(demo_profile, "continuity", "overview")["not_heard_from"]
    names = {s["location_name"] for s in silent}
    assert "Regionaal PBM-depot GHOR Twente" in names and "Livio, GRZ Enschede" in names
    assert "ZGT Almelo" not in names
    assert all(s["city"] in {"Enschede", "Hengelo", "Almelo", "Borne"} for s in silent)


def test_power_dependent_clients_at_risk_per_municipality_and_whom_to_call(
    demo_profile: Path,
) -> None:
    overview = _json(demo_profile, "homecare", "overview")
    areas = {a["area"]: a for a in overview["areas"]}
    assert {"Enschede", "Hengelo", "Almelo", "Borne"} <= set(areas)
    assert all(a["at_risk"] <= a["total"] for a in areas.values())
    assert areas["Enschede"]["at_risk"] > 0
    for area in areas.values():
        assert all(p["phone"].startswith("+31") for p in area["providers"])
    stale = [p["provider"] for a in areas.values() for p in a["providers"] if p["stale"]]
    assert stale == ["TMZ"]
    wider = _json(demo_profile, "homecare", "overview", "--within", "12")
    assert sum(a["at_risk"] for a in wider["areas"]) > sum(a["at_risk"] for a in areas.values())


def test_what_is_short_and_who_asked(demo_profile: Path) -> None:
    open_requests = _json(demo_profile, "resources", "requests")
    assert {r["resource"] for r in open_requests} >= {"brandstof", "zuurstofcilinders"}
    assert all(r["requested_by"] and r["reason"] for r in open_requests)
    stocks = {s["resource"]: s for s in _json(demo_profile, "resources", "stock")}
    assert stocks["zuurstofcilinders"]["free"] < 0
    [conflict] = _json(demo_profile, "resources", "conflicts")
    assert conflict["resource"] == "zuurstofcilinders" and len(conflict["request_ids"]) == 2
    [fuel] = _json(
        demo_profile, "resources", "suppliers", "--for", "ZGT Almelo", "--resource", "brandstof"
    )
    assert fuel["supplier"].startswith("Brandstofhandel") and fuel["phone"].startswith("+31")


def test_declaring_and_ending_an_outage(demo_profile: Path) -> None:
    declared = _json(demo_profile, "outage", "declare", "--kind", "ict", "--area", "Almelo",
                     "--decided-by", "DPG Twente", "--start", "2020-01-01 08:00")  # fmt: skip
    assert declared["active"] and declared["area"] == "Almelo"
    assert len(_json(demo_profile, "outage", "show")) == 2
    _refused(
        run(demo_profile, "outage", "declare", "--kind", "ict", "--area", "Almelo",
            "--decided-by", "DPG Twente"),
        "already declared",
    )  # fmt: skip
    _refused(
        run(demo_profile, "outage", "declare", "--kind", "water", "--decided-by", "DPG",
            "--start", "2999-01-01 08:00"),
        "lies in the future",
    )  # fmt: skip
    ended = run(demo_profile, "outage", "end", declared["id"][:8], "--decided-by", "DPG Twente")
    assert ended.exit_code == 0, ended.output
    assert len(_json(demo_profile, "outage", "show")) == 1
    assert len(_json(demo_profile, "outage", "show", "--all")) == 2


def test_continuity_and_homecare_reports_and_their_bad_input(demo_profile: Path) -> None:
    report = _json(demo_profile, "continuity", "report", ZGT_ALMELO[:8], "--power", "aggregaat",
                   "--hours", "20", "--down", "epd")  # fmt: skip
    assert report["autonomy_hours"] == 20 and report["down"] == ["epd"]
    history = _json(demo_profile, "continuity", "history", ZGT_ALMELO[:8])
    assert [r["autonomy_hours"] for r in history][-1] == 20 and len(history) == 3
    _refused(
        run(demo_profile, "continuity", "report", ZGT_ALMELO[:8], "--power", "aggregaat",
            "--hours", "-3"),
        "cannot be negative",
    )  # fmt: skip
    _refused(
        run(demo_profile, "continuity", "report", ZGT_ALMELO[:8], "--power", "ups"),
        "hours of autonomy left",
    )
    ok = run(demo_profile, "homecare", "report", "Buurtzorg", "Tubbergen",
             "--clients", "zuurstof=1,0,2")  # fmt: skip
    assert ok.exit_code == 0, ok.output
    _refused(
        run(demo_profile, "homecare", "report", "Buurtzorg", "7511 AB",
            "--clients", "zuurstof=1,0,2"),
        "full postcode",
    )  # fmt: skip
    _refused(
        run(demo_profile, "homecare", "report", "Buurtzorg", "Almelo", "--clients", "zuurstof=1"),
        "is not KIND=",
    )


def test_a_request_through_its_life_cycle(demo_profile: Path) -> None:
    asked = _json(demo_profile, "resources", "request", ZGT_ALMELO[:8], "saturatiemeters",
                  "50", "--reason", "Bewaking zonder monitoren", "--by", "Crisis ZGT")  # fmt: skip
    request = asked["request_id"][:8]
    stock = next(
        s["stock_id"][:8]
        for s in _json(demo_profile, "resources", "stock")
        if s["resource"] == "saturatiemeters"
    )
    _refused(run(demo_profile, "resources", "allocate", request, stock), "more than the stock")
    _refused(run(demo_profile, "resources", "refuse", request), "needs a reason")
    allocated = run(demo_profile, "resources", "allocate", request, stock, "--quantity", "30")
    assert allocated.exit_code == 0 and "Toegewezen" in allocated.output
    assert run(demo_profile, "resources", "send", request).exit_code == 0
    assert run(demo_profile, "resources", "receive", request).exit_code == 0
    steps = _json(demo_profile, "resources", "history", request)
    assert [s["to_state"] for s in steps] == ["aangevraagd", "toegewezen", "verzonden",
                                              "ontvangen"]  # fmt: skip


def test_the_conflict_is_settled_from_the_command_line(demo_profile: Path) -> None:
    [conflict] = _json(demo_profile, "resources", "conflicts")
    withdraw = run(demo_profile, "resources", "withdraw", conflict["request_ids"][0][:8],
                   "--reason", "Dubbel toegewezen")  # fmt: skip
    assert withdraw.exit_code == 0, withdraw.output
    resolved = run(demo_profile, "resources", "resolve", conflict["conflict_id"][:8],
                   "--resolution", "Toewijzing ingetrokken")  # fmt: skip
    assert resolved.exit_code == 0, resolved.output
    assert _json(demo_profile, "resources", "conflicts") == []


def test_the_overview_in_dutch_from_a_real_process(demo_profile: Path) -> None:
    env = dict(os.environ, RZCC_PASSPHRASE=PASSPHRASE, RZCC_LANG="nl", PYTHONPATH=str(ROOT))
    done = subprocess.run(
        [sys.executable, "-m", "resilient_zcc", "--profile", str(demo_profile),
         "continuity", "report", "nope-not-an-id", "--power", "net"],
        capture_output=True, text=True, env=env, timeout=120, check=False,
    )  # fmt: skip
    assert (
        done.returncode == 1 and done.stderr.startswith("Fout:") and "Traceback" not in done.stderr
    )
    shown = subprocess.run(
        [sys.executable, "-m", "resilient_zcc", "--profile", str(demo_profile),
         "outage", "show"],
        capture_output=True, text=True, env=env, timeout=120, check=True,
    )  # fmt: skip
    assert "Stroomuitval: Enschede, Hengelo, Almelo, Borne" in shown.stdout


def test_an_empty_profile_answers_with_empty_pictures(profile: Path) -> None:
    assert _json(profile, "outage", "show") == []
    overview = _json(profile, "continuity", "overview")
    assert overview["figures"] == [] and overview["not_heard_from"] == []
    assert _json(profile, "homecare", "overview")["areas"] == []
    assert _json(profile, "resources", "requests") == []
    assert _json(profile, "resources", "conflicts") == []
    assert "Geen uitval" in run(profile, "outage", "show").output
    _refused(run(profile, "outage", "declare", "--kind", "stroom", "--decided-by", "DPG"),
             "no region")  # fmt: skip
