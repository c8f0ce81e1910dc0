"""The network, device, sync and bundle commands: output, --json, and clear errors."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from resilient_zcc.network import model
from resilient_zcc.store import Store

from .conftest import PASSPHRASE
from .test_cli import run

pytestmark = pytest.mark.timeout(60)


def _fails_clearly(result, message: str) -> None:  # type: ignore[no-untyped-def]
    assert result.exit_code == 1, result.output
    assert message in result.output
    assert "Traceback" not in result.output


def test_every_new_command_has_help_with_an_example(profile: Path) -> None:
    for command in (
        ["network", "create"],
        ["network", "invite"],
        ["network", "join"],
        ["network", "members"],
        ["device", "revoke"],
        ["sync", "serve"],
        ["sync", "with"],
        ["sync", "status"],
        ["sync", "discover"],
        ["sync", "all"],
        ["bundle", "export"],
        ["bundle", "import"],
        ["serve"],
    ):
        result = run(profile, *command, "--help")
        assert result.exit_code == 0 and "Example:" in result.output, command


def test_without_a_network_each_command_says_what_to_do(profile: Path) -> None:
    for command in (
        ["network", "members"],
        ["network", "invite"],
        ["sync", "status"],
        ["sync", "with", "127.0.0.1:9"],
        ["bundle", "export", str(profile.parent / "x.rzcc")],
        ["device", "revoke", "abcdef12"],
    ):
        _fails_clearly(run(profile, *command), "network create")


def test_create_invite_members_and_status(profile: Path, tmp_path: Path) -> None:
    result = run(profile, "network", "create", "ROAZ Oost")
    assert result.exit_code == 0 and "ROAZ Oost" in result.output
    _fails_clearly(run(profile, "network", "create", "Tweede"), "already in a region network")
    qr = tmp_path / "uitnodiging.png"
    result = run(
        profile, "network", "invite", "--json", "--qr", str(qr), "--address", "127.0.0.1:7400"
    )
    made = json.loads(result.output)
    assert len(made["code"]) == 39 and made["qr_text"].endswith("@127.0.0.1:7400")
    assert qr.read_bytes().startswith(b"\x89PNG") and qr.stat().st_size > 300
    assert stat.S_IMODE(qr.stat().st_mode) == 0o600  # the one-time code, like every output
    _fails_clearly(run(profile, "network", "invite", "--address", "nergens"), "HOST:PORT")
    _fails_clearly(run(profile, "network", "invite", "--hours", "0"), "between 1 hour")
    members = json.loads(run(profile, "network", "members", "--json").output)
    assert [m["this_device"] for m in members] == [True]
    assert "dit apparaat" in run(profile, "network", "members").output
    status = json.loads(run(profile, "sync", "status", "--json").output)
    assert status["name"] == "ROAZ Oost" and status["peers"] == []


def test_bad_input_is_a_clear_message(profile: Path, tmp_path: Path) -> None:
    run(profile, "network", "create", "ROAZ Oost")
    _fails_clearly(
        run(profile, "network", "join", "ABCD", "--peer", "127.0.0.1:9"), "not an invitation code"
    )
    _fails_clearly(run(profile, "sync", "with", "geen-adres"), "HOST:PORT")
    _fails_clearly(run(profile, "device", "revoke", "ffffffffff"), "No member device")
    with Store.open(profile, PASSPHRASE) as store:
        me = store.identity.device_id
    _fails_clearly(run(profile, "device", "revoke", me), "cannot revoke itself")
    junk = tmp_path / "junk.rzcc"
    junk.write_bytes(b"not a bundle at all")
    _fails_clearly(run(profile, "bundle", "import", str(junk)), "not a Resilient ZCC bundle")
    _fails_clearly(
        run(profile, "bundle", "export", str(tmp_path / "x"), "--all", "--for", "abc"), "not both"
    )


def test_bundle_round_trip_between_two_profiles(profile: Path, tmp_path: Path) -> None:
    from .helpers import new_store

    run(profile, "network", "create", "ROAZ Oost")
    other = tmp_path / "other"
    with Store.open(profile, PASSPHRASE) as store, new_store(other, "Laptop 2") as second:
        from resilient_zcc.network import invite

        invite.join_directly(store, second)
        with store.transaction() as tx:
            tx.put("organisations", "o-stick", {"name": "Via de stick"})
        assert model.current(second) is not None
    stick = tmp_path / "stick.rzcc"
    result = run(profile, "bundle", "export", str(stick), "--all")
    assert result.exit_code == 0 and "versleuteld" in result.output
    result = run(other, "bundle", "import", str(stick))
    assert result.exit_code == 0, result.output
    assert "ingelezen" in result.output
    _fails_clearly(run(other, "bundle", "import", str(stick)), "already imported")
    with Store.open(other, PASSPHRASE) as second:
        assert second.query_one("SELECT name FROM organisations WHERE id = 'o-stick'")
