"""Real peers: separate processes running the CLI, each with its own encrypted profile,
syncing over TLS on loopback."""

from __future__ import annotations

import base64
import json
import os
import random
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from resilient_zcc.placements.conflicts import overallocations

from .helpers import PASSPHRASE, new_store, reopen
from .network_setup import domain_hash
from .placements_setup import build_region, offered

pytestmark = [pytest.mark.slow, pytest.mark.timeout(240)]
ENV = {**os.environ, "RZCC_PASSPHRASE": PASSPHRASE, "RZCC_LANG": "nl"}  # the CLI as users run it
CLI = [sys.executable, "-m", "resilient_zcc"]


def cli(profile: Path, *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*CLI, "--profile", str(profile), *args],
        env=ENV,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def ok(profile: Path, *args: str) -> str:
    result = cli(profile, *args)
    assert result.returncode == 0, result.stderr + result.stdout
    return result.stdout


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Peer:
    def __init__(self, profile: Path) -> None:
        self.profile = profile
        self.port = free_port()
        self.process: subprocess.Popen[str] | None = None

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    def serve(self, *options: str, hub: bool = False) -> None:
        """`sync serve`, or with `hub` the hub's `serve` (the same server)."""
        command = ["serve"] if hub else ["sync", "serve"]
        self.process = subprocess.Popen(
            [*CLI, "--profile", str(self.profile), *command, "--listen", self.address, *options],
            env=ENV,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", self.port)) == 0:
                    return
            assert self.process.poll() is None, self.process.stderr.read()  # type: ignore[union-attr]
            time.sleep(0.1)
        raise AssertionError("the server did not start")

    def stop(self) -> str:
        if self.process is None:
            return ""
        self.process.terminate()
        try:
            _out, err = self.process.communicate(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            _out, err = self.process.communicate()
        self.process = None
        return err


@pytest.fixture
def three(tmp_path: Path) -> Iterator[list[Peer]]:
    peers = [Peer(tmp_path / f"peer{i}") for i in range(3)]
    with new_store(peers[0].profile, "ZCC-laptop") as first:
        region = build_region(first, cohort_free=1)
    (tmp_path / "cohort").write_text(region.cohort)
    for i in (1, 2):
        new_store(peers[i].profile, f"laptop-{i}").close()
    yield peers
    for peer in peers:
        peer.stop()


def test_three_peers_converge_and_all_see_the_overallocation(
    three: list[Peer], tmp_path: Path
) -> None:
    a, b, c = three
    ok(a.profile, "network", "create", "Testregio Oost")
    a.serve()
    for joiner in (b, c):
        code = json.loads(ok(a.profile, "network", "invite", "--json"))["code"]
        ok(joiner.profile, "network", "join", code, "--peer", a.address)
    a.stop()
    # Offline, each coordinator offers the last bed of the cohort location to a patient.
    cohort = (tmp_path / "cohort").read_text()
    for i, peer in enumerate(three):
        with reopen(peer.profile) as store:
            offered(store, cohort, reference=f"TW-2026-{i:04d}")
            with store.transaction() as tx:
                tx.put("organisations", f"o-{i}", {"name": f"Nieuw bij {i}"})
    for peer in three:
        peer.serve(hub=peer is a)
    rng = random.Random(6)
    pairs = [(x, y) for x in three for y in three if x is not y]
    for _round in range(2):
        rng.shuffle(pairs)
        for client, server in pairs:
            out = json.loads(ok(client.profile, "sync", "with", server.address, "--json"))
            assert out["refused_batches"] == 0
    logs = [peer.stop() for peer in three]
    assert all("gesynchroniseerd met" in log for log in logs)
    hashes, conflicts = [], []
    for peer in three:
        with reopen(peer.profile) as store:
            hashes.append(domain_hash(store))
            conflicts.append([(x["location_id"], x["allocated"]) for x in overallocations(store)])
            rows = store.query("SELECT id FROM conflicts WHERE deleted = 0")
            assert len(rows) == 1
    assert hashes[0] == hashes[1] == hashes[2]
    assert conflicts[0] == conflicts[1] == conflicts[2] == [(cohort, 3)]
    out = json.loads(ok(a.profile, "placements", "conflicts", "--json"))
    assert len(out) == 1


def test_transfer_cut_by_killing_the_sender_resumes(three: list[Peer]) -> None:
    a, b, _c = three
    ok(a.profile, "network", "create", "Testregio Oost")
    a.serve()
    code = json.loads(ok(a.profile, "network", "invite", "--json"))["code"]
    ok(b.profile, "network", "join", code, "--peer", a.address)
    a.stop()
    rng = random.Random(7)
    with reopen(a.profile) as store:  # ~14 MB of hard-to-compress text in 200 batches
        for start in range(0, 20_000, 100):
            with store.transaction() as tx:
                for i in range(start, start + 100):
                    note = base64.b64encode(rng.randbytes(540)).decode()
                    tx.put("organisations", f"bulk-{i:05d}", {"name": f"Org {i}", "city": note})
        total = store.log.version_vector()[store.log.store.identity.device_id]
    b.serve()
    sender = subprocess.Popen(
        [*CLI, "--profile", str(a.profile), "sync", "with", b.address],
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert sender.stderr is not None
    cut_after = rng.randint(1, 3)  # of the 5 frames
    frames = 0
    for line in sender.stderr:
        frames += line.startswith("verzonden")
        if frames == cut_after:
            sender.kill()  # in the middle of sending its part
            break
    sender.wait(10)
    b.stop()
    with reopen(b.profile) as store:
        device = _device(a.profile)
        partial = store.log.version_vector().get(device, 0)
    assert 0 < partial < total, (partial, total)  # the cut really cut, and kept what came
    # Resume: only what is missing travels, nothing twice.
    a.serve()
    out = json.loads(ok(b.profile, "sync", "with", a.address, "--json"))
    a.stop()
    assert out["duplicates"] == 0
    assert out["received"] == count_changes(a.profile) - count_changes_before(partial, device, b)
    with reopen(a.profile) as sa, reopen(b.profile) as sb:
        assert sa.log.version_vector() == sb.log.version_vector()
        assert domain_hash(sa) == domain_hash(sb)
        bulk = sb.query("SELECT count(*) AS n FROM organisations WHERE id LIKE 'bulk-%'")
        assert bulk == [{"n": 20_000}]


def _device(profile: Path) -> str:
    with reopen(profile) as store:
        return store.identity.device_id


def count_changes(profile: Path) -> int:
    with reopen(profile) as store:
        row = store.query_one("SELECT count(*) AS n FROM changes")
        return int(row["n"]) if row else 0


def count_changes_before(partial: int, device: str, b: Peer) -> int:
    """What b held before the resume: its own and a's changes up to `partial`, and others'."""
    with reopen(b.profile) as store:
        rows = store.query(
            "SELECT p.device_id AS d, count(*) AS n FROM changes c "
            "JOIN peers p ON p.origin = c.origin GROUP BY p.device_id"
        )
    held = {r["d"]: r["n"] for r in rows}
    return sum(n for d, n in held.items() if d != device) + partial
