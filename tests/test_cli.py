"""The command line against real profiles: output, --json, exit codes, clear errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from resilient_zcc.cli import main
from resilient_zcc.keyheader import KeyHeader
from resilient_zcc.profile import header_path
from resilient_zcc.store import Store

from .conftest import PASSPHRASE


def run(profile: Path, *args: str, passphrase: str = PASSPHRASE, **env: str):
    runner = CliRunner()
    return runner.invoke(
        main, ["--profile", str(profile), *args], env={"RZCC_PASSPHRASE": passphrase, **env}
    )


def run_process(profile: Path, *args: str, passphrase: str = PASSPHRASE):
    env = dict(os.environ, RZCC_PASSPHRASE=passphrase)
    return subprocess.run(
        [sys.executable, "-m", "resilient_zcc", "--profile", str(profile), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


def test_unlock_reports_device_and_contacts(demo_profile: Path) -> None:
    result = run(demo_profile, "unlock")
    assert result.exit_code == 0, result.output
    assert "Unlocked" in result.output
    people = int(result.output.split(",")[1].split()[0])
    assert people >= 250


def test_wrong_passphrase_is_a_clear_message_exit_1_and_changes_nothing(profile: Path) -> None:
    before = {p.name: p.read_bytes() for p in profile.iterdir()}
    result = run_process(profile, "unlock", passphrase="not the passphrase")
    assert result.returncode == 1
    assert "Wrong passphrase" in result.stderr
    assert "Traceback" not in result.stderr
    assert {p.name: p.read_bytes() for p in profile.iterdir()} == before


def test_missing_profile_and_corrupt_header_are_clear(tmp_path: Path, profile: Path) -> None:
    result = run_process(tmp_path / "nowhere", "unlock")
    assert result.returncode == 1
    assert "No profile" in result.stderr and "init" in result.stderr
    header_path(profile).write_bytes(b"\x00garbage")
    result = run_process(profile, "unlock")
    assert result.returncode == 1
    assert "key header" in result.stderr and "Traceback" not in result.stderr


def test_init_creates_profile_and_prints_recovery_key_once(tmp_path: Path) -> None:
    target = tmp_path / "new"
    result = run(target, "init", "--label", "Laptop ZCC-1")
    assert result.exit_code == 0, result.output
    recovery = result.output.split("(shown once):")[1].split()[0]
    assert len(recovery.replace("-", "")) == 32
    header = KeyHeader.load(header_path(target))
    assert header.unlock_with_recovery_key(recovery) == header.unlock(PASSPHRASE)
    again = run(target, "init")
    assert again.exit_code == 1 and "already exists" in again.output


def test_search_finds_by_name_organisation_and_number(demo_profile: Path) -> None:
    listing = json.loads(run(demo_profile, "contacts", "search", "MST", "--json").output)
    assert listing and all("Medisch Spectrum Twente" in c["organisation"] for c in listing)
    person = listing[0]
    first_name = person["name"].split()[0]
    by_name = json.loads(run(demo_profile, "contacts", "search", first_name, "--json").output)
    assert person["id"] in {c["id"] for c in by_name}
    number = next(ch["display"] for ch in person["channels"] if ch["value"].startswith("+31"))
    by_number = json.loads(run(demo_profile, "contacts", "search", number, "--json").output)
    assert person["id"] in {c["id"] for c in by_number}
    text = run(demo_profile, "contacts", "search", "MST").output
    assert person["name"] in text and "1. " in text


def test_show_lists_every_channel_in_fallback_order(demo_profile: Path) -> None:
    listing = json.loads(run(demo_profile, "contacts", "search", "crisis", "--json").output)
    person_id = listing[0]["id"]
    card = json.loads(run(demo_profile, "contacts", "show", person_id[:8], "--json").output)
    own = [c["fallback_order"] for c in card["channels"] if c["via_function"] is None]
    assert own == sorted(own) and own
    text = run(demo_profile, "contacts", "show", person_id[:8]).output
    assert card["name"] in text and "Laatst geverifieerd" in text
    missing = run(demo_profile, "contacts", "show", "ffffffff")
    assert missing.exit_code == 1 and "No contact" in missing.output


def test_verify_clears_stale_and_is_audited(demo_profile: Path) -> None:
    stale = json.loads(run(demo_profile, "contacts", "stale", "--json").output)
    assert stale
    target = stale[0]["id"]
    result = run(demo_profile, "contacts", "verify", target[:8], "--by", "GHOR-secretariaat")
    assert result.exit_code == 0, result.output
    after = json.loads(run(demo_profile, "contacts", "stale", "--json").output)
    assert target not in {row["id"] for row in after}
    assert len(after) == len(stale) - 1
    trail = json.loads(
        run(demo_profile, "audit", target, "--column", "last_verified_by", "--json").output
    )
    assert trail[-1]["value"] == "GHOR-secretariaat"
    assert trail[-1]["device_label"] == "Demolaptop"


def test_passphrase_change_and_recovery_key(profile: Path) -> None:
    result = run(profile, "passphrase", "change", RZCC_NEW_PASSPHRASE="a new long passphrase")
    assert result.exit_code == 0, result.output
    assert run(profile, "unlock").exit_code == 1
    assert run(profile, "unlock", passphrase="a new long passphrase").exit_code == 0
    issued = run(profile, "recovery-key", passphrase="a new long passphrase")
    recovery = issued.output.split("(shown once):")[1].split()[0]
    reset = run(
        profile,
        "passphrase",
        "change",
        "--with-recovery-key",
        RZCC_RECOVERY_KEY=recovery.lower(),
        RZCC_NEW_PASSPHRASE="third passphrase here",
    )
    assert reset.exit_code == 0, reset.output
    with Store.open(profile, "third passphrase here") as store:
        assert store.identity.device_id


def test_no_passphrase_without_terminal_is_clear(profile: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "RZCC_PASSPHRASE"}
    result = subprocess.run(
        [sys.executable, "-m", "resilient_zcc", "--profile", str(profile), "unlock"],
        capture_output=True,
        text=True,
        env=env,
        stdin=subprocess.DEVNULL,
        timeout=60,
    )
    assert result.returncode == 1 and "RZCC_PASSPHRASE" in result.stderr


def _commands(group: click.Group, prefix: str = "") -> list[tuple[str, click.Command]]:
    """Every command, the lazily loaded ones (print, sync, ...) included."""
    found = []
    context = click.Context(group)
    for name in group.list_commands(context):
        command = group.get_command(context, name)
        assert command is not None, name
        if isinstance(command, click.Group):
            found += _commands(command, f"{prefix}{name} ")
        else:
            found.append((f"{prefix}{name}", command))
    return found


@pytest.mark.parametrize("name,command", _commands(main))
def test_every_command_has_help_with_an_example_and_is_in_the_readme(
    name: str, command: click.Command
) -> None:
    assert "Example" in (command.help or ""), f"{name} has no example in its help"
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    assert f"resilient-zcc {name}" in readme or f"`{name}" in readme, f"README lacks {name}"


def test_settings_change_the_staleness_limit(demo_profile: Path) -> None:
    before = json.loads(run(demo_profile, "contacts", "stale", "--json").output)
    assert run(demo_profile, "settings", "set", "contacts.stale_after_days", "5000").exit_code == 0
    listed = json.loads(run(demo_profile, "settings", "list", "--json").output)
    assert {"key": "contacts.stale_after_days", "value": 5000}.items() <= listed[0].items()
    after = json.loads(run(demo_profile, "contacts", "stale", "--json").output)
    assert len(after) < len(before)
    assert all(row["last_verified_at"] is None for row in after)
    bad = run(demo_profile, "settings", "set", "contacts.stale_after_days", "0")
    assert bad.exit_code == 1 and "between 1 and" in bad.output


def test_demo_command_creates_loads_and_shows_the_region(tmp_path: Path) -> None:
    target = tmp_path / "demo"
    first = run(target, "demo", "--open")
    assert first.exit_code == 0, first.output
    assert "Demoregio Twente geladen" in first.output and "HERSTELSLEUTEL" in first.output
    assert "ZCC voorzitter:" in first.output and "NIEMAND" not in first.output
    again = run(target, "demo", "--open")
    assert again.exit_code == 0 and "HERSTELSLEUTEL" not in again.output
    assert "regio Twente" in again.output
    refused = run(target, "demo")
    assert refused.exit_code == 1 and "only loaded into an empty profile" in refused.output


def test_crisis_commands_answer_in_json(demo_profile: Path) -> None:
    """The issue's CLI: every command of the crisis domain speaks --json."""
    state = json.loads(run(demo_profile, "phase", "show", "--json").output)
    moved = run(
        demo_profile,
        "phase",
        "set",
        "2b",
        "--by",
        "Bestuurlijk ROAZ (test)",
        "--picture",
        "IC vol (test)",
        "--json",
    )
    assert moved.exit_code == 0, moved.output
    assert json.loads(moved.output)["phase"] == "2b" != state["phase"]
    entry = json.loads(run(demo_profile, "log", "add", "Stroom terug (test)", "--json").output)
    listed = json.loads(run(demo_profile, "log", "list", "--json").output)
    assert entry["id"] in {row["id"] for row in listed}
    locations = json.loads(run(demo_profile, "capacity", "locations", "--json").output)
    location = locations[0]["id"]
    reported = run(
        demo_profile,
        "capacity",
        "report",
        location[:8],
        "ic",
        "--total",
        "10",
        "--staffed",
        "8",
        "--occupied",
        "5",
        "--json",
    )
    assert reported.exit_code == 0, reported.output
    assert json.loads(reported.output)["available"] == 3
    waiting = json.loads(run(demo_profile, "placements", "list", "--json").output)
    request = next(r for r in waiting if r["state"] == "aangemeld")
    advanced = run(
        demo_profile, "placements", "advance", request["id"][:8], "in_behandeling", "--json"
    )
    assert advanced.exit_code == 0, advanced.output
    assert json.loads(advanced.output)["state"] == "in_behandeling"
