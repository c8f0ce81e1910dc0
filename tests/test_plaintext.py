"""Nothing readable on disk: distinctive names and numbers appear in no file, open or closed.

The profile is filled by a separate process, with a sort too big for SQLite's page cache.
SQLite unlinks its temp files as soon as it opens them, so they cannot be read afterwards:
the process reports its temp_store (memory, so there are none), and its temporary folder is
watched for any file left behind.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from .helpers import PASSPHRASE

SECRETS = [
    "Zxqvorst Plaintextcheck",
    "Zxqvorst",
    "Plaintextcheck",
    "Qwyldrip Bananaphone",
    "Qwyldrip",
    "Vroomtoeter Piketfunctie",
    "Vroomtoeter",
    "ZXQPT",
    "+31612349876",
    "31612349876",
    "0612349876",
    "06 12349876",
    "qwyldrip@zxqvorst.example",
    "Kluiscode blauwgroen",
    "Laptop Frobnitzel",
    "Sneeuwuilbaai",
    "Zwovelgrot aggregaatlek",
    "Zwovelgrot",
    "Plonkerdiesel spoedtank",
    "Plonkerdiesel",
    PASSPHRASE,
]

_FILL = """
import sys
from pathlib import Path
from resilient_zcc.contacts import model
from resilient_zcc.keyheader import KdfCost
from resilient_zcc.store import Store

folder, passphrase = Path(sys.argv[1]), sys.argv[2]
store, recovery = Store.create(folder, passphrase, label="Laptop Frobnitzel",
                               cost=KdfCost(1, 8192, 1))
print(recovery, flush=True)
org = model.add_organisation(store, "Zxqvorst Plaintextcheck", "ziekenhuis",
                             short_name="ZXQPT", city="Sneeuwuilbaai")
fn = model.add_function(store, "Vroomtoeter Piketfunctie", organisation_id=org)
person = model.add_person(store, "Qwyldrip Bananaphone", org, notes="Kluiscode blauwgroen")
model.assign_role(store, person, fn)
model.add_channel(store, "person", person, "mobile", "06-12349876")
model.add_channel(store, "person", person, "email", "qwyldrip@zxqvorst.example")
model.add_channel(store, "function", fn, "piket", "0612349876")
# The outage picture's tables: continuity, power-dependent care, resources, suppliers.
from datetime import UTC, datetime
from resilient_zcc.capacity.model import add_location
from resilient_zcc.continuity.model import report_continuity
from resilient_zcc.crisis.outage import declare_outage
from resilient_zcc.crisis.regions import add_region
from resilient_zcc.homecare.model import report_homecare
from resilient_zcc.resources import model as resources
now = datetime.now(UTC)
region = add_region(store, "Sneeuwuilbaai", "roaz")
declare_outage(store, region, "stroom", decided_by="Zxqvorst Plaintextcheck", recorded_by="x",
               now=now, area="Sneeuwuilbaai", text="Zwovelgrot aggregaatlek")
place = add_location(store, org, "Zxqvorst Plaintextcheck", city="Sneeuwuilbaai")
report_continuity(store, place, power="aggregaat", autonomy_hours=7, now=now,
                  note="Zwovelgrot aggregaatlek", reporter="Qwyldrip Bananaphone")
report_homecare(store, org, "Sneeuwuilbaai", {"beademing": (1, 2, 3)}, now=now,
                reporter="Qwyldrip Bananaphone")
stock = resources.count_stock(store, place, "brandstof", 500, counted_by="Qwyldrip", now=now)
request = resources.request_resource(store, place, "brandstof", 100, now=now,
                                     reason="Plonkerdiesel spoedtank", requested_by="ZXQPT")
resources.allocate(store, request, stock, by="Qwyldrip Bananaphone", now=now)
supplier = model.add_organisation(store, "Plonkerdiesel", "leverancier")
resources.link_supplier(store, supplier, "brandstof", org, note="Plonkerdiesel spoedtank")
# Enough rows that sorting them does not fit in SQLite's page cache (would spill to temp).
with store.transaction() as tx:
    for i in range(2500):
        tx.put("organisations", f"bulk-{i:05d}",
               {"name": f"Zxqvorst Plaintextcheck {i:05d} " + "Sneeuwuilbaai " * 60,
                "sector": "vvt"})
rows = store.query("SELECT name FROM organisations ORDER BY name DESC, id")
found = store.query("SELECT count(*) AS n FROM changes WHERE payload LIKE '%Zxqvorst%'")
temp_store = store.query("PRAGMA temp_store")[0]["temp_store"]
print("READY", len(rows), found[0]["n"], temp_store, flush=True)
sys.stdin.readline()
store.close()
print("CLOSED", flush=True)
"""


def _encodings(text: str) -> list[bytes]:
    forms = {text, text.lower(), text.upper()}
    return [f.encode(enc) for f in forms for enc in ("utf-8", "utf-16-le", "utf-16-be")]


def _leaks(folder: Path, secrets: list[str]) -> list[str]:
    found = []
    for path in sorted(folder.rglob("*")):
        if not path.is_file():
            continue
        data = path.read_bytes()
        for secret in secrets:
            if any(form in data for form in _encodings(secret)):
                found.append(f"{secret!r} in {path.name}")
    return found


def test_the_check_finds_plaintext_when_there_is_some(tmp_path: Path) -> None:
    """The same data in an unencrypted SQLite file is found, so a pass means something."""
    conn = sqlite3.connect(tmp_path / "plain.db")
    conn.execute("CREATE TABLE t (name TEXT, number TEXT)")
    conn.execute("INSERT INTO t VALUES ('Zxqvorst Plaintextcheck', '+31612349876')")
    conn.commit()
    conn.close()
    leaks = _leaks(tmp_path, SECRETS)
    assert "'Zxqvorst Plaintextcheck' in plain.db" in leaks
    assert "'+31612349876' in plain.db" in leaks
    (tmp_path / "utf16.txt").write_bytes("0612349876".encode("utf-16-le"))
    assert "'0612349876' in utf16.txt" in _leaks(tmp_path, SECRETS)


@pytest.mark.slow
@pytest.mark.timeout(120)
def test_no_plaintext_in_the_profile_open_or_closed(tmp_path: Path) -> None:
    folder = tmp_path / "profile"
    temp = tmp_path / "temp"
    temp.mkdir()
    env = dict(os.environ, TMPDIR=str(temp), SQLITE_TMPDIR=str(temp), TEMP=str(temp))
    proc = subprocess.Popen(
        [sys.executable, "-c", _FILL, str(folder), PASSPHRASE],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert proc.stdout is not None and proc.stdin is not None
        recovery = proc.stdout.readline().strip()
        ready = proc.stdout.readline().split()
        assert ready and ready[0] == "READY", proc.stderr.read() if proc.stderr else ""
        assert int(ready[1]) == 2502 and int(ready[2]) >= 2502, ready  # with the supplier
        assert ready[3] == "2", "temp_store must be MEMORY: no plaintext temp files"
        secrets = [*SECRETS, recovery, recovery.replace("-", "")]

        # While the store is open: the WAL holds the recent writes.
        names = {p.name for p in folder.iterdir()}
        assert {"keys.json", "zcc.db", "zcc.db-wal"} <= names
        assert (folder / "zcc.db-wal").stat().st_size > 0
        assert _leaks(folder, secrets) == []
        assert _leaks(temp, secrets) == []

        proc.stdin.write("\n")
        proc.stdin.flush()
        assert proc.stdout.readline().strip() == "CLOSED"
        assert proc.wait(timeout=30) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()

    assert _leaks(folder, secrets) == []
    assert _leaks(temp, secrets) == []
    assert sorted(p.name for p in folder.iterdir()) == ["keys.json", "zcc.db"]
