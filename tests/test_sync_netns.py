"""Peers in separate network namespaces joined by a veth pair (run as root): join, sync
and mDNS discovery across a real (virtual) link. Skipped with the reason otherwise.

The namespaces and their addresses exist only inside this test and are removed after it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from .helpers import new_store
from .test_sync_peers import CLI, ENV

pytestmark = [pytest.mark.slow, pytest.mark.timeout(120)]
HUB_IP, LAPTOP_IP, PORT = "10.213.77.1", "10.213.77.2", 7400


def _ip(*args: str) -> None:
    subprocess.run(["ip", *args], check=True, capture_output=True, timeout=10)


@pytest.fixture
def namespaces() -> Iterator[tuple[str, str]]:
    if os.name != "posix" or os.geteuid() != 0 or shutil.which("ip") is None:
        pytest.skip("network namespaces need root and iproute2 (ip); run the suite as root")
    tag = f"{os.getpid() % 100000}"
    hub, laptop = f"rzcc-hub-{tag}", f"rzcc-lap-{tag}"
    try:
        _ip("netns", "add", hub)
        _ip("netns", "add", laptop)
        _ip("link", "add", f"rz{tag}a", "type", "veth", "peer", "name", f"rz{tag}b")
    except subprocess.CalledProcessError as exc:
        for name in (hub, laptop):
            subprocess.run(["ip", "netns", "del", name], capture_output=True, timeout=10)
        pytest.skip(f"cannot make network namespaces here: {exc.stderr.decode().strip()}")
    try:
        for ns, end, address in ((hub, "a", HUB_IP), (laptop, "b", LAPTOP_IP)):
            _ip("link", "set", f"rz{tag}{end}", "netns", ns)
            _ip("-n", ns, "addr", "add", f"{address}/24", "dev", f"rz{tag}{end}")
            _ip("-n", ns, "link", "set", f"rz{tag}{end}", "up", "multicast", "on")
            _ip("-n", ns, "link", "set", "lo", "up")
        yield hub, laptop
    finally:
        for name in (hub, laptop):
            subprocess.run(["ip", "netns", "del", name], capture_output=True, timeout=10)


def _in(ns: str, profile: Path, *args: str, timeout: float = 60) -> str:
    result = subprocess.run(
        ["ip", "netns", "exec", ns, *CLI, "--profile", str(profile), *args],
        env=ENV,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert result.returncode == 0, result.stderr + result.stdout
    return result.stdout


def test_join_sync_and_discovery_across_namespaces(
    namespaces: tuple[str, str], tmp_path: Path
) -> None:
    hub_ns, laptop_ns = namespaces
    hub, laptop = tmp_path / "hub", tmp_path / "laptop"
    new_store(hub, "Hub").close()
    with new_store(laptop, "Laptop") as store, store.transaction() as tx:
        tx.put("organisations", "o-lan", {"name": "Over de veth"})
    _in(hub_ns, hub, "network", "create", "Testregio")
    server = subprocess.Popen(
        [
            "ip",
            "netns",
            "exec",
            hub_ns,
            *CLI,
            "--profile",
            str(hub),
            "sync",
            "serve",
            "--listen",
            f"{HUB_IP}:{PORT}",
            "--advertise",
            "--mdns-interface",
            HUB_IP,
        ],
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        time.sleep(1.5)
        assert server.poll() is None
        code = json.loads(_in(hub_ns, hub, "network", "invite", "--json"))["code"]
        _in(laptop_ns, laptop, "network", "join", code, "--peer", f"{HUB_IP}:{PORT}")
        started = time.monotonic()
        rows = json.loads(
            _in(
                laptop_ns,
                laptop,
                "sync",
                "discover",
                "--timeout",
                "8",
                "--mdns-interface",
                LAPTOP_IP,
                "--json",
            )
        )
        discovery_s = time.monotonic() - started
        assert [(r["address"], r["trusted"]) for r in rows] == [(f"{HUB_IP}:{PORT}", True)]
        assert discovery_s < 10
        out = json.loads(_in(laptop_ns, laptop, "sync", "all", "--json"))
        assert [o["error"] for o in out] == [None]
    finally:
        server.terminate()
        _out, err = server.communicate(timeout=15)
    assert "aangesloten bij het netwerk" in err and "gesynchroniseerd met" in err
    members = json.loads(_in(hub_ns, hub, "network", "members", "--json"))
    assert sorted(m["label"] for m in members) == ["Hub", "Laptop"]
