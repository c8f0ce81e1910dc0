"""Full encrypted backup of a profile and its restore on a 'new laptop'."""

from __future__ import annotations

from pathlib import Path

import pytest

from resilient_zcc import schema
from resilient_zcc.contacts.queries import search_contacts
from resilient_zcc.errors import ProfileExists, WrongPassphrase, ZccError
from resilient_zcc.exchange.backup import (
    BackupCorrupt,
    backup_info,
    create_backup,
    restore_backup,
)
from resilient_zcc.store import Store

from .conftest import CHEAP, PASSPHRASE

BACKUP_PASSPHRASE = "back-up voor de nieuwe laptop"
NEW_PASSPHRASE = "nieuwe laptop ZCC-2"


@pytest.fixture
def demo(demo_profile: Path) -> Store:
    store = Store.open(demo_profile, PASSPHRASE)
    yield store  # type: ignore[misc]
    store.close()


def _all_rows(store: Store) -> dict[str, list[tuple[object, ...]]]:
    tables = [
        r["name"]
        for r in store.query(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND name NOT LIKE 'contact_search%'"
        )
    ]
    return {
        t: [tuple(r.values()) for r in store.query(f"SELECT * FROM {t} ORDER BY 1, 2")]
        for t in tables
    }


def test_round_trip_restores_every_row_and_the_device(demo: Store, tmp_path: Path) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    backup = usb / "zcc.rzccbak"
    info = create_backup(demo, backup, BACKUP_PASSPHRASE, cost=CHEAP)
    assert [p.name for p in usb.iterdir()] == ["zcc.rzccbak"]  # no snapshot left behind
    assert info.schema == schema.LATEST and info.device_id == demo.identity.device_id
    data = backup.read_bytes()
    for plain in ("Voorbeeld", "Testman", "MST Enschede", "SQLite format 3", PASSPHRASE):
        for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
            assert plain.encode(encoding) not in data  # the database part is encrypted
    assert backup_info(backup)["device_id"] == demo.identity.device_id
    recovery = restore_backup(backup, tmp_path / "nieuw", BACKUP_PASSPHRASE, NEW_PASSPHRASE,
                              cost=CHEAP)  # fmt: skip
    with Store.open(tmp_path / "nieuw", NEW_PASSPHRASE) as restored:
        assert _all_rows(restored) == _all_rows(demo)
        assert restored.identity.device_id == demo.identity.device_id
        assert restored.log.version_vector() == demo.log.version_vector()
        assert [c.id for c in search_contacts(restored, "mst piket")] == [
            c.id for c in search_contacts(demo, "mst piket")
        ]
        # The restored laptop carries on writing as the same device.
        with restored.transaction() as tx:
            tx.put("settings", "contacts.stale_after_days", {"value": "60"})
    with Store.open(tmp_path / "nieuw", recovery_key=recovery) as again:
        assert again.query_one("SELECT value FROM settings WHERE id = ?",
                               ("contacts.stale_after_days",))["value"] == "60"  # fmt: skip


def test_wrong_passphrase_restores_nothing(demo: Store, tmp_path: Path) -> None:
    backup = tmp_path / "zcc.rzccbak"
    create_backup(demo, backup, BACKUP_PASSPHRASE, cost=CHEAP)
    with pytest.raises(WrongPassphrase):
        restore_backup(backup, tmp_path / "nieuw", "niet het goede wachtwoord", NEW_PASSPHRASE,
                       cost=CHEAP)  # fmt: skip
    assert not (tmp_path / "nieuw").exists()


@pytest.mark.parametrize("damage", ["flip", "truncate", "garbage"])
def test_damaged_backup_restores_nothing(demo: Store, tmp_path: Path, damage: str) -> None:
    backup = tmp_path / "zcc.rzccbak"
    create_backup(demo, backup, BACKUP_PASSPHRASE, cost=CHEAP)
    data = bytearray(backup.read_bytes())
    if damage == "flip":
        data[-5000] ^= 0xFF
    elif damage == "truncate":
        data = data[: len(data) // 2]
    else:
        data = bytearray(b"\x00\x13garbage" * 100)
    backup.write_bytes(bytes(data))
    target = tmp_path / "nieuw"
    target.mkdir()
    with pytest.raises(BackupCorrupt, match="nothing was restored"):
        restore_backup(backup, target, BACKUP_PASSPHRASE, NEW_PASSPHRASE, cost=CHEAP)
    assert list(target.iterdir()) == []


def test_restore_never_overwrites_a_profile(
    demo: Store, demo_profile: Path, tmp_path: Path
) -> None:
    backup = tmp_path / "zcc.rzccbak"
    create_backup(demo, backup, BACKUP_PASSPHRASE, cost=CHEAP)
    before = (demo_profile / "keys.json").read_bytes()
    with pytest.raises(ProfileExists, match="empty folder"):
        restore_backup(backup, demo_profile, BACKUP_PASSPHRASE, NEW_PASSPHRASE, cost=CHEAP)
    assert (demo_profile / "keys.json").read_bytes() == before


def test_weak_backup_passphrase_is_refused(demo: Store, tmp_path: Path) -> None:
    with pytest.raises(ZccError, match="at least 8 characters"):
        create_backup(demo, tmp_path / "uit" / "b.rzccbak", "kort", cost=CHEAP)
    assert not (tmp_path / "uit").exists()
