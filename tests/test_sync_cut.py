"""Acknowledged delivery: a receiving process killed at random frames, both directions and
during a join. Afterwards the sender counts as pending (`sync status`) and puts in a bundle
for that peer exactly what the receiver lacks, and a cut sync says what it delivered."""

from __future__ import annotations

import json
import os
import random
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from resilient_zcc.network import invite, status
from resilient_zcc.store import Store
from sync import bundle, transport
from sync.session import ConnectionLost, Progress

from .helpers import PASSPHRASE, new_store, reopen
from .network_setup import network_of

pytestmark = [pytest.mark.slow, pytest.mark.timeout(300)]
ENV = {**os.environ, "RZCC_PASSPHRASE": PASSPHRASE, "RZCC_LANG": "nl"}
CLI = [sys.executable, "-m", "resilient_zcc"]
FRAME = 4000  # changes per frame (wire.chunks)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def serve(profile: Path) -> tuple[subprocess.Popen[str], str]:
    port = free_port()
    process = subprocess.Popen(
        [*CLI, "--profile", str(profile), "sync", "serve", "--listen", f"127.0.0.1:{port}"],
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return process, f"127.0.0.1:{port}"
        assert process.poll() is None, "the server did not start"
        time.sleep(0.05)
    raise AssertionError("the server did not start")


def run_cut(
    command: list[str], victim: subprocess.Popen[str] | None, rng: random.Random
) -> tuple[str, int]:
    """Run a CLI command that prints a line per frame; after a random number of frames kill
    `victim` (or the command itself). Returns what the command wrote and its exit code."""
    process = subprocess.Popen(
        command, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    assert process.stderr is not None and process.stdout is not None
    target = victim or process
    after = rng.randint(1, 3)
    frames, lines = 0, []
    for line in process.stderr:
        lines.append(line)
        frames += line.startswith(("ontvangen", "verzonden"))
        if frames == after:
            time.sleep(rng.uniform(0, 0.05))  # anywhere in the next frame
            target.send_signal(signal.SIGKILL)
            break
    else:
        raise AssertionError(f"finished before the cut: {''.join(lines)}")
    out, err = process.communicate(timeout=60)
    if victim is not None:
        victim.wait(10)
    return "".join(lines) + err + out, process.returncode


def grow(store: Store, rng: random.Random, count: int) -> None:
    for _start in range(0, count, 200):
        with store.transaction() as tx:
            for _ in range(200):
                n = rng.randrange(10**12)
                tx.put("organisations", f"cut-{n:012d}", {"name": f"Org {n}", "city": "Hengelo"})


def top_up(store: Store, device: str, rng: random.Random) -> None:
    """Enough pending for the peer that a cut falls inside the transfer (3 frames)."""
    grow(store, rng, max(0, 3 * FRAME - _pending(store, device)))


def check(sender: Store, receiver: Path, device: str, folder: Path) -> bool:
    """The sender's pending count and bundle hold what the receiver lacks; True if exact."""
    with reopen(receiver) as store:
        truth = store.log.version_vector()
    lacks = status.pending_for(sender, truth)
    (row,) = [p for p in status.peers(sender) if p["device_id"] == device]
    # Never less (that would lose changes). At most one frame more: a receiver killed between
    # committing a frame and sending its ack has it, and the sender cannot know.
    assert lacks <= row["pending"] <= lacks + FRAME, (lacks, row["pending"])
    exported = bundle.export(sender, folder / "for-peer.rzcc", device)
    assert exported.changes == row["pending"]
    return lacks == row["pending"]


@pytest.fixture
def pair(tmp_path: Path) -> Iterator[tuple[Store, Path, str]]:
    a, b = network_of(tmp_path, 2)
    device = b.identity.device_id
    b.close()
    yield a, tmp_path / "p1", device
    a.close()


def test_receiving_server_killed_at_random_frames(
    pair: tuple[Store, Path, str], tmp_path: Path
) -> None:
    a, b_profile, b_device = pair
    rng = random.Random(12)
    exact = 0
    for _cut in range(7):
        top_up(a, b_device, rng)
        server, address = serve(b_profile)
        after = rng.randint(1, 2)

        def kill_after(
            progress: Progress, server: subprocess.Popen[str] = server, after: int = after
        ) -> None:
            if progress.stage == "sending" and progress.sent >= after * FRAME:
                time.sleep(rng.uniform(0, 0.05))
                server.send_signal(signal.SIGKILL)

        with pytest.raises(ConnectionLost, match="changes delivered, connection lost"):
            transport.sync_with(a, address, progress=kill_after)
        server.wait(10)
        exact += check(a, b_profile, b_device, tmp_path)
    # The same through the CLI: a cut sync says so and exits non-zero.
    top_up(a, b_device, rng)
    server, address = serve(b_profile)
    output, code = run_cut(
        [*CLI, "--profile", str(a.profile_dir), "sync", "with", address], server, rng
    )
    assert code != 0
    assert re.search(r"\d+ van \d+ wijzigingen afgeleverd, verbinding verbroken", output), output
    exact += check(a, b_profile, b_device, tmp_path)
    assert exact >= 6, f"only {exact} of 8 cuts left the exact count"
    # What the sender still counts as pending really is what was missing: a bundle of it
    # completes the receiver.
    with reopen(b_profile) as b:
        bundle.import_bundle(b, tmp_path / "for-peer.rzcc")
        assert b.log.version_vector() == a.log.version_vector()


def test_receiving_client_killed_at_random_frames(
    pair: tuple[Store, Path, str], tmp_path: Path
) -> None:
    a, b_profile, b_device = pair
    rng = random.Random(13)
    served = transport.Server(a, "127.0.0.1", 0)
    address = served.start()
    exact = 0
    try:
        for _cut in range(7):
            top_up(a, b_device, rng)
            output, _code = run_cut(
                [*CLI, "--profile", str(b_profile), "sync", "with", address], None, rng
            )
            assert "ontvangen" in output
            _settle(served)
            exact += check(a, b_profile, b_device, tmp_path)
        assert exact >= 5, f"only {exact} of 7 cuts left the exact count"
        # `sync status` and `bundle export --for` say the same as the core's query.
        shown = json.loads(_cli(a.profile_dir, "sync", "status", "--json"))["peers"]
        (row,) = [p for p in shown if p["device_id"] == b_device]
        assert row["pending"] == _pending(a, b_device)
        written = _cli(
            a.profile_dir, "bundle", "export", str(tmp_path / "cli.rzcc"), "--for", b_device
        )
        assert f": {row['pending']} wijzigingen" in written
    finally:
        served.stop()


def test_joiner_killed_and_server_killed_during_a_join(
    pair: tuple[Store, Path, str], tmp_path: Path
) -> None:
    a, _b_profile, _b_device = pair
    rng = random.Random(14)
    grow(a, rng, 5 * FRAME)
    served = transport.Server(a, "127.0.0.1", 0)
    address = served.start()
    exact = 0
    try:
        for cut in range(4):  # the joining process dies while receiving
            profile = tmp_path / f"joiner{cut}"
            with new_store(profile, f"nieuw-{cut}") as joiner:
                device = joiner.identity.device_id
            code = invite.create(a).code
            command = [*CLI, "--profile", str(profile), "network", "join", code, "--peer", address]
            run_cut(command, None, rng)
            _settle(served)
            exact += check(a, profile, device, tmp_path)
        assert exact >= 3, f"only {exact} of 4 cuts left the exact count"
    finally:
        served.stop()
    for cut in range(2):  # the inviting process dies while the joiner receives
        server, address = serve(a.profile_dir)
        profile = tmp_path / f"stranded{cut}"
        new_store(profile, f"gestrand-{cut}").close()
        code = invite.create(a).code
        command = [*CLI, "--profile", str(profile), "network", "join", code, "--peer", address]
        output, code = run_cut(command, server, rng)
        assert code != 0
        found = re.search(r"(\d+) ontvangen en bewaard", output)
        assert found, output
        with reopen(profile) as joiner:
            mine = joiner.identity.device_id
            held = joiner.query_one(
                "SELECT count(*) AS n FROM changes c JOIN peers p ON p.origin = c.origin "
                "WHERE p.device_id != ?",
                (mine,),
            )
        assert held is not None and int(found.group(1)) == held["n"] > 0


def _settle(served: transport.Server) -> None:
    """Wait until the server noticed the cut and recorded what was confirmed."""
    deadline = time.monotonic() + 30
    while served.busy and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not served.busy


def _pending(store: Store, device: str) -> int:
    (row,) = [p for p in status.peers(store) if p["device_id"] == device]
    return int(row["pending"])


def _cli(profile: Path, *args: str) -> str:
    result = subprocess.run(
        [*CLI, "--profile", str(profile), *args], env=ENV, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr + result.stdout
    return result.stdout
