"""mDNS discovery on the loopback interface only (nothing leaves the machine)."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from resilient_zcc.network import model
from sync import api
from sync.discovery import Advertiser, discover

from .helpers import new_store
from .network_setup import network_of
from .test_sync_peers import Peer, ok
from .test_sync_tls import Served

pytestmark = [pytest.mark.slow, pytest.mark.timeout(90)]
LOOPBACK = ["127.0.0.1"]


def test_members_are_found_and_synced_foreign_ones_ignored(tmp_path: Path) -> None:
    a, b = network_of(tmp_path, 2)
    served = Served(a)
    port = int(served.address.rsplit(":", 1)[1])
    with new_store(tmp_path / "x", "elders") as other:
        foreign = model.create(other, "Andere regio")
        announcers = [
            Advertiser(a.identity.device_id, model.require(a).id, port, LOOPBACK),
            Advertiser(other.identity.device_id, foreign.id, 9, LOOPBACK),
        ]
    try:
        started = time.monotonic()
        found = discover(model.require(b).id, 10, LOOPBACK, exclude=b.identity.device_id, want=1)
        seconds = time.monotonic() - started
        assert [(d.device_id, d.address) for d in found] == [(a.identity.device_id, served.address)]
        assert seconds < 10
        with b.transaction() as tx:
            tx.put("organisations", "o-found", {"name": "Gevonden"})
        outcomes = api.sync_everyone(b, found)
        assert [(o.device_id, o.error) for o in outcomes] == [(a.identity.device_id, None)]
        assert outcomes[0].result is not None and outcomes[0].result.sent >= 1
        assert [p["address"] for p in api.peers(b)] == [served.address]
    finally:
        for announcer in announcers:
            announcer.close()
        served.stop()
        a.close()
        b.close()


def test_cli_serve_advertises_and_discover_lists(tmp_path: Path) -> None:
    hub, laptop = Peer(tmp_path / "hub"), Peer(tmp_path / "laptop")
    new_store(hub.profile, "Hub").close()
    new_store(laptop.profile, "Laptop").close()
    ok(hub.profile, "network", "create", "Testregio")
    hub.serve("--advertise", "--mdns-interface", "127.0.0.1")
    try:
        code = json.loads(ok(hub.profile, "network", "invite", "--json"))["code"]
        ok(laptop.profile, "network", "join", code, "--peer", hub.address)
        rows = json.loads(
            ok(
                laptop.profile,
                "sync",
                "discover",
                "--timeout",
                "5",
                "--mdns-interface",
                "127.0.0.1",
                "--json",
            )
        )
        assert [(r["address"], r["trusted"]) for r in rows] == [(hub.address, True)]
        out = json.loads(ok(laptop.profile, "sync", "all", "--json"))
        assert [(o["address"], o["error"]) for o in out] == [(hub.address, None)]
    finally:
        hub.stop()
