"""A writer killed with SIGKILL loses nothing it reported as written, and the file stays sound."""

from __future__ import annotations

import os
import selectors
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .helpers import PASSPHRASE, make_closed_profile, reopen

WANTED = 300  # ids to read before the kill
DEADLINE_S = 40

_WRITER = """
import sys
from pathlib import Path
from resilient_zcc.store import Store

store = Store.open(Path(sys.argv[1]), sys.argv[2])
i = 0
while True:
    row_id = f"crash-{i:06d}"
    with store.transaction() as tx:
        tx.put("organisations", row_id, {"name": f"Organisatie {i}", "city": "Enschede"})
        tx.put("people", f"person-{i:06d}", {"name": f"Persoon {i}", "organisation_id": row_id})
    # Only now is the row promised: printed after the transaction returned.
    sys.stdout.write(row_id + "\\n")
    sys.stdout.flush()
    i += 1
"""


def _read_ids(proc: subprocess.Popen[str], wanted: int, deadline: float) -> list[str]:
    assert proc.stdout is not None
    selector = selectors.DefaultSelector()
    selector.register(proc.stdout, selectors.EVENT_READ)
    ids: list[str] = []
    buffer = ""
    while len(ids) < wanted:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            pytest.fail(f"the writer printed only {len(ids)} ids before the deadline")
        if not selector.select(timeout=remaining):
            continue
        chunk = os.read(proc.stdout.fileno(), 65536).decode()
        if not chunk:
            stderr = proc.stderr.read() if proc.stderr else ""
            pytest.fail(f"the writer stopped after {len(ids)} ids: {stderr}")
        buffer += chunk
        *lines, buffer = buffer.split("\n")
        ids.extend(lines)
    return ids


@pytest.mark.slow
@pytest.mark.timeout(DEADLINE_S + 20)
@pytest.mark.parametrize("round_", range(2))
def test_sigkill_during_writes_loses_nothing_that_was_reported(tmp_path: Path, round_: int) -> None:
    folder = make_closed_profile(tmp_path / "profile")
    proc = subprocess.Popen(
        [sys.executable, "-c", _WRITER, str(folder), PASSPHRASE],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        ids = _read_ids(proc, WANTED + 50 * round_, time.monotonic() + DEADLINE_S)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
    assert proc.returncode == -signal.SIGKILL
    # Anything still in the pipe was printed before the kill, so it was committed too.
    assert proc.stdout is not None
    ids.extend(line for line in proc.stdout.read().split("\n") if line)
    assert len(ids) >= WANTED

    with reopen(folder) as store:
        assert store.query("PRAGMA integrity_check") == [{"integrity_check": "ok"}]
        rows = {r["id"] for r in store.query("SELECT id FROM organisations")}
        people = {r["id"] for r in store.query("SELECT id FROM people")}
        logged = {r["row_id"] for r in store.query("SELECT row_id FROM changes")}
        missing = [i for i in ids if i not in rows]
        assert not missing, f"{len(missing)} reported rows lost, first {missing[:3]}"
        assert {f"person-{i[6:]}" for i in ids} <= people
        assert set(ids) <= logged
        # Nothing half-written: every organisation has its person (same transaction).
        crash_rows = {r for r in rows if r.startswith("crash-")}
        assert {f"person-{r[6:]}" for r in crash_rows} <= people
        # The log has no gap, and the store takes new writes where the writer stopped.
        own = store.identity.device_id
        vector = store.log.version_vector()
        assert vector[own] == store.log.counter
        with store.transaction() as tx:
            tx.put("organisations", "after-crash", {"name": "Daarna"})
        assert store.log.version_vector()[own] == vector[own] + 1
