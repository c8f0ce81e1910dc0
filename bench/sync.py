"""Benchmarks of sync: merging, wire bytes, a no-op exchange, an initial sync of 100k."""

from __future__ import annotations

import os
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from resilient_zcc.keyheader import KdfCost
from resilient_zcc.network import invite, model
from resilient_zcc.network.trust import TrustedMerger, apply_trusted, outgoing
from resilient_zcc.store import Store
from sync import transport, wire

PASSPHRASE = "benchmark passphrase"
CHEAP = KdfCost(iterations=1, memory_kib=8192, lanes=1)


def _pair(workdir: Path, name: str) -> tuple[Store, Store]:
    a, _ = Store.create(workdir / f"{name}-a", PASSPHRASE, label="bron", cost=CHEAP)
    b, _ = Store.create(workdir / f"{name}-b", PASSPHRASE, label="ontvanger", cost=CHEAP)
    model.create(a, "Benchmarkregio")
    invite.join_directly(a, b)
    apply_trusted(b, outgoing(a, b.log.version_vector()))  # as `network join` does
    apply_trusted(a, outgoing(b, a.log.version_vector()))
    return a, b


def _fill(store: Store, count: int, per_tx: int = 1000, prefix: str = "o") -> None:
    """`count` organisations, five fields each, as a coordinator's bulk import would."""
    for start in range(0, count, per_tx):
        with store.transaction() as tx:
            for n in range(start, min(count, start + per_tx)):
                tx.put(
                    "organisations",
                    f"{prefix}-{n:07d}-4000-8000-{n:012d}",
                    {
                        "name": f"Organisatie {n}",
                        "short_name": f"ORG{n}",
                        "sector": "vvt",
                        "region": "twente",
                        "city": "Hengelo",
                    },
                )


def merge_changes_per_s(workdir: Path, count: int = 100_000) -> dict[str, Any]:
    """Changes applied per second into an encrypted profile, in wire-sized chunks, trust
    checks and signature verification included (the receiving half of a sync)."""
    a, b = _pair(workdir, "merge")
    with a, b:
        _fill(a, count)
        batches = outgoing(a, b.log.version_vector())
        changes = sum(len(x.changes) for x in batches)
        merger = TrustedMerger(b)
        started = time.perf_counter()
        for group in wire.chunks(batches):
            merger.add(group)
        report = merger.finish()
        seconds = time.perf_counter() - started
    return {
        "merge_changes_per_s": round(report.applied / seconds),
        "fields_per_s": round(report.applied * 5 / seconds),  # a change here sets 5 fields
        "changes": changes,
        "seconds": round(seconds, 2),
    }


def wire_bytes(workdir: Path, edits: int = 2000, rounds: int = 15) -> dict[str, Any]:
    """Bytes per changed field in an incremental sync; a no-op sync's bytes and time."""
    a, b = _pair(workdir, "wire")
    with a, b:
        _fill(a, edits)
        served = transport.Server(b, "127.0.0.1", 0)
        served_at = served.start()
        try:
            transport.sync_with(a, served_at)
            with a.transaction() as tx:  # one field changed in each of `edits` rows
                for n in range(edits):
                    tx.put(
                        "organisations",
                        f"o-{n:07d}-4000-8000-{n:012d}",
                        {"city": f"Enschede {n % 7}"},
                    )
            incremental = transport.sync_with(a, served_at)
            noop_times, noop_bytes = [], []
            for _ in range(rounds):
                result = transport.sync_with(a, served_at)
                noop_times.append(result.seconds * 1000)
                noop_bytes.append(result.bytes_sent + result.bytes_received)
            started = time.perf_counter()
            transport.sync_with(a, served_at)
            with_handshake_ms = (time.perf_counter() - started) * 1000
        finally:
            served.stop()
    total = incremental.bytes_sent + incremental.bytes_received
    return {
        "bytes_per_change": round(total / edits, 1),
        "incremental_bytes": total,
        "noop_sync_bytes": max(noop_bytes),
        "noop_sync_ms": round(statistics.median(noop_times), 2),
        "noop_with_tls_handshake_ms": round(with_handshake_ms, 1),
    }


def _serve_process(profile: Path) -> tuple[subprocess.Popen[bytes], str]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "RZCC_PASSPHRASE": PASSPHRASE}
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "resilient_zcc",
            "--profile",
            str(profile),
            "sync",
            "serve",
            "--listen",
            f"127.0.0.1:{port}",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                break
        time.sleep(0.1)
    return server, f"127.0.0.1:{port}"


def initial_sync_100k(workdir: Path, count: int = 100_000) -> dict[str, Any]:
    """A fresh member receives 100,000 changes from a `sync serve` process over loopback TLS."""
    a, b = _pair(workdir, "initial")
    with a:
        _fill(a, count)
    server, address = _serve_process(workdir / "initial-a")
    try:
        with b:
            started = time.perf_counter()
            result = transport.sync_with(b, address, timeout=120)
            seconds = time.perf_counter() - started
    finally:
        server.terminate()
        server.wait(30)
    return {
        "initial_sync_100k_s": round(seconds, 2),
        "changes": result.received.applied,
        "wire_mb": round(result.bytes_received / 1e6, 2),
    }


def _peak_rss_mb() -> float:
    """This process's peak resident memory. VmHWM belongs to the address space, which
    execve makes anew; getrusage's ru_maxrss survives execve on Linux, so a child started
    from a large benchmark process would report its parent's peak."""
    import resource

    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def receive_and_measure(profile: str, address: str) -> None:
    """Run in a fresh process: pull from `address`, print peak RSS (MB) and seconds."""
    import json

    with Store.open(Path(profile), PASSPHRASE) as store:
        before = _peak_rss_mb()
        started = time.perf_counter()
        result = transport.sync_with(store, address, timeout=600)
        seconds = time.perf_counter() - started
    peak = _peak_rss_mb()
    print(
        json.dumps(
            {"peak": peak, "before": before, "seconds": seconds, "applied": result.received.applied}
        )
    )


def merge_rss(workdir: Path, count: int = 1_000_000) -> dict[str, Any]:
    """Peak memory of a fresh member's process while it receives and applies 1,000,000
    changes from a `sync serve` process (frames applied as they arrive)."""
    import json

    a, b = _pair(workdir, "rss")
    b.close()
    with a:
        _fill(a, count, per_tx=5000)
    server, address = _serve_process(workdir / "rss-a")
    try:
        out = subprocess.run(
            [
                sys.executable,
                "-c",
                "import sys; from bench.sync import receive_and_measure; "
                "receive_and_measure(sys.argv[1], sys.argv[2])",
                str(workdir / "rss-b"),
                address,
            ],
            env={**os.environ, "RZCC_PASSPHRASE": PASSPHRASE},
            capture_output=True,
            text=True,
            timeout=1200,
            check=True,
        )
    finally:
        server.terminate()
        server.wait(30)
    figures = json.loads(out.stdout.strip().splitlines()[-1])
    return {
        "merge_rss_mb": round(figures["peak"]),
        "rss_before_mb": round(figures["before"]),
        "changes": figures["applied"],
        "seconds": round(figures["seconds"], 1),
    }


def discovery(workdir: Path) -> dict[str, Any]:
    """Seconds from starting to browse until an announcing member is found (loopback only:
    the namespace variant runs in tests/test_sync_netns.py as root)."""
    from sync.discovery import Advertiser, discover

    a, b = _pair(workdir, "mdns")
    with a, b:
        network_id = model.require(a).id
        announcer = Advertiser(a.identity.device_id, network_id, 7400, ["127.0.0.1"])
        try:
            started = time.perf_counter()
            found = discover(network_id, 10, ["127.0.0.1"], exclude=b.identity.device_id, want=1)
            seconds = time.perf_counter() - started
        finally:
            announcer.close()
    return {"discovery_s": round(seconds, 2), "found": len(found), "where": "loopback"}


def push_when_told(profile: str, address: str) -> None:
    """Run in a fresh process: open the store, say "ready", sync once a line arrives on
    stdin, print when the sync started and ended (wall-clock seconds) and what it sent."""
    import json

    with Store.open(Path(profile), PASSPHRASE) as store:
        print("ready", flush=True)
        sys.stdin.readline()
        started = time.time()
        result = transport.sync_with(store, address, timeout=600)
        ended = time.time()
    print(json.dumps({"start": started, "end": ended, "sent": result.sent}), flush=True)


def _member(profile: Path, address: str) -> subprocess.Popen[str]:
    process = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; from bench.sync import push_when_told; "
            "push_when_told(sys.argv[1], sys.argv[2])",
            str(profile),
            address,
        ],
        env={**os.environ, "RZCC_PASSPHRASE": PASSPHRASE},
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "ready"
    return process


def _pushed(process: subprocess.Popen[str]) -> dict[str, float]:
    import json

    out, _err = process.communicate(timeout=600)
    figures: dict[str, float] = json.loads(out.strip().splitlines()[-1])
    return figures


def _go(member: subprocess.Popen[str]) -> None:
    assert member.stdin is not None
    member.stdin.write("go\n")
    member.stdin.flush()


def _together_and_apart(workdir: Path, name: str, count: int, pull: bool) -> tuple[float, float]:
    """Seconds for two members syncing with one hub at once, and one after the other (each
    against the hub as it was, so both ways do the same work). With `pull` the hub holds
    `count` new changes for both; otherwise each member holds `count` new ones for the hub."""
    import shutil

    hub, a = _pair(workdir, name)
    b, _ = Store.create(workdir / f"{name}-c", PASSPHRASE, label="tweede", cost=CHEAP)
    invite.join_directly(hub, b)
    apply_trusted(b, outgoing(hub, b.log.version_vector()))
    apply_trusted(hub, outgoing(b, hub.log.version_vector()))
    apply_trusted(a, outgoing(hub, a.log.version_vector()))
    with hub, a, b:
        if pull:
            _fill(hub, count, prefix="h")
        else:
            _fill(a, count, prefix="a")
            _fill(b, count, prefix="b")
    for copy in ("together", "first", "second"):
        for part in ("a", "b", "c"):
            shutil.copytree(workdir / f"{name}-{part}", workdir / f"{name}-{copy}-{part}")
    server, address = _serve_process(workdir / f"{name}-together-a")
    try:
        members = [_member(workdir / f"{name}-together-{m}", address) for m in ("b", "c")]
        for member in members:
            _go(member)
        both = [_pushed(member) for member in members]
    finally:
        server.terminate()
        server.wait(30)
    together = max(f["end"] for f in both) - min(f["start"] for f in both)
    apart = 0.0
    for copy, part in (("first", "b"), ("second", "c")):
        server, address = _serve_process(workdir / f"{name}-{copy}-a")
        try:
            member = _member(workdir / f"{name}-{copy}-{part}", address)
            _go(member)
            figures = _pushed(member)
        finally:
            server.terminate()
            server.wait(30)
        apart += figures["end"] - figures["start"]
    return together, apart


def concurrent_sync(workdir: Path, count: int = 10_000) -> dict[str, Any]:
    """Two members (separate processes) syncing 10,000 changes each with one hub (a `sync
    serve` process) at the same time, against one after the other: the ratio of wall-clock
    times. The figure is for pulling (the hub holds news for both); pushing (each member
    sends its own 10,000 to the hub) is given beside it: the hub applies both, and SQLite
    has one writer, so there the two largely take turns."""
    pull_together, pull_apart = _together_and_apart(workdir, "pull", count, pull=True)
    push_together, push_apart = _together_and_apart(workdir, "push", count, pull=False)
    return {
        "concurrent_sync_s": round(pull_together / pull_apart, 2),
        "pull_together_s": round(pull_together, 2),
        "pull_one_after_the_other_s": round(pull_apart, 2),
        "push_ratio": round(push_together / push_apart, 2),
        "push_together_s": round(push_together, 2),
        "push_one_after_the_other_s": round(push_apart, 2),
        "changes_each": count,
    }
