"""The key header: wraps of the database key under a passphrase and a recovery key."""

from __future__ import annotations

import base64
import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from resilient_zcc.errors import HeaderCorrupt, ProfileMissing, WrongPassphrase, ZccError
from resilient_zcc.keyheader import (
    KEY_BYTES,
    KeyHeader,
    calibrate,
    format_recovery_key,
    parse_recovery_key,
)
from resilient_zcc.profile import db_path, header_path
from resilient_zcc.store import Store

from .helpers import CHEAP, PASSPHRASE, make_closed_profile, new_store_with_recovery, snapshot

NEW_PASSPHRASE = "paarden nietje batterij"


@pytest.fixture
def keyed_profile(tmp_path: Path) -> tuple[Path, str]:
    """A closed profile with data, and its recovery key."""
    folder = tmp_path / "profile"
    store, recovery = new_store_with_recovery(folder)
    with store, store.transaction() as tx:
        tx.put("organisations", "org-1", {"name": "GHOR Twente", "sector": "coordinatie"})
    return folder, recovery


def _org_names(store: Store) -> list[str]:
    return [r["name"] for r in store.query("SELECT name FROM organisations ORDER BY name")]


# --- wrapping and unwrapping ---------------------------------------------------------------


def test_passphrase_and_recovery_key_unwrap_the_same_database_key() -> None:
    header, db_key, recovery = KeyHeader.create(PASSPHRASE, CHEAP)
    assert len(db_key) == KEY_BYTES
    assert header.unlock(PASSPHRASE) == db_key
    assert header.unlock_with_recovery_key(recovery) == db_key
    # What is written to disk unlocks the same way, and does not contain the key.
    reread = KeyHeader.from_bytes(header.to_bytes())
    assert reread.unlock(PASSPHRASE) == db_key
    assert reread.unlock_with_recovery_key(recovery) == db_key
    assert db_key not in header.to_bytes()
    assert base64.b64encode(db_key) not in header.to_bytes()
    assert db_key.hex().encode() not in header.to_bytes()


def test_every_header_has_its_own_key_and_recovery_key() -> None:
    first, key1, rec1 = KeyHeader.create(PASSPHRASE, CHEAP)
    second, key2, rec2 = KeyHeader.create(PASSPHRASE, CHEAP)
    assert key1 != key2
    assert rec1 != rec2
    with pytest.raises(WrongPassphrase):
        second.unlock_with_recovery_key(rec1)


def test_wrong_passphrase_is_refused() -> None:
    header, _key, _rec = KeyHeader.create(PASSPHRASE, CHEAP)
    for wrong in ("correct horse batterY", "", PASSPHRASE + " ", "correct horse"):
        with pytest.raises(WrongPassphrase):
            header.unlock(wrong)


def test_wrong_or_malformed_recovery_key_is_refused() -> None:
    header, _key, recovery = KeyHeader.create(PASSPHRASE, CHEAP)
    _other, _key2, other_recovery = KeyHeader.create(PASSPHRASE, CHEAP)
    for wrong in (other_recovery, recovery[:-5], recovery + "-AAAA", "", "not a key at all"):
        with pytest.raises(WrongPassphrase):
            header.unlock_with_recovery_key(wrong)


def test_recovery_key_looks_like_eight_groups_of_four() -> None:
    _header, _key, recovery = KeyHeader.create(PASSPHRASE, CHEAP)
    groups = recovery.split("-")
    assert len(groups) == 8
    assert all(len(g) == 4 and g.isalnum() and g.upper() == g for g in groups)


@pytest.mark.parametrize(
    "typed",
    [
        lambda k: k.lower(),
        lambda k: k.replace("-", " "),
        lambda k: k.replace("-", ""),
        lambda k: "  " + k.replace("-", "  ").lower() + "\n",
        lambda k: k[:9] + k[9:].replace("-", "").lower(),
        lambda k: k.replace("-", " - "),
    ],
    ids=["lowercase", "spaces", "no-dashes", "lower-spaces-newline", "mixed", "spaced-dashes"],
)
def test_recovery_key_typed_loosely_still_unlocks(
    keyed_profile: tuple[Path, str], typed: Callable[[str], str]
) -> None:
    folder, recovery = keyed_profile
    variant = typed(recovery)
    assert variant != recovery
    assert parse_recovery_key(variant) == parse_recovery_key(recovery)
    with Store.open(folder, recovery_key=variant) as store:
        assert _org_names(store) == ["GHOR Twente"]


def test_recovery_key_digits_misread_from_paper_are_accepted() -> None:
    raw = base64.b32decode("OIBOIBOIABCDOIBZ" * 2)
    printed = format_recovery_key(raw)
    misread = printed.replace("O", "0").replace("I", "1").replace("B", "8")
    assert misread != printed
    assert parse_recovery_key(misread) == raw


# --- changing keys on a real profile ---------------------------------------------------------


def test_change_passphrase_rewraps_only(keyed_profile: tuple[Path, str]) -> None:
    folder, recovery = keyed_profile
    db_before = db_path(folder).read_bytes()
    header_before = header_path(folder).read_bytes()
    with Store.open(folder, PASSPHRASE) as store:
        store.change_passphrase(PASSPHRASE, NEW_PASSPHRASE, cost=CHEAP)
    assert db_path(folder).read_bytes() == db_before, "the database must not be re-keyed"
    assert header_path(folder).read_bytes() != header_before
    with pytest.raises(WrongPassphrase):
        Store.open(folder, PASSPHRASE)
    with Store.open(folder, NEW_PASSPHRASE) as store:
        assert _org_names(store) == ["GHOR Twente"]
    # The recovery key is a separate wrap and keeps working.
    with Store.open(folder, recovery_key=recovery) as store:
        assert _org_names(store) == ["GHOR Twente"]


def test_change_passphrase_with_wrong_old_passphrase_changes_nothing(
    keyed_profile: tuple[Path, str],
) -> None:
    folder, _recovery = keyed_profile
    before = snapshot(folder)
    store = Store.open(folder, PASSPHRASE)
    with pytest.raises(WrongPassphrase):
        store.change_passphrase("not the passphrase", NEW_PASSPHRASE, cost=CHEAP)
    store.close()
    assert snapshot(folder) == before
    Store.open(folder, PASSPHRASE).close()


@pytest.mark.parametrize("weak", ["short", "aaaaaaaaaaaa", "abababababab", ""])
def test_weak_new_passphrase_is_refused_and_old_one_kept(
    keyed_profile: tuple[Path, str], weak: str
) -> None:
    folder, _recovery = keyed_profile
    header_before = header_path(folder).read_bytes()
    with Store.open(folder, PASSPHRASE) as store, pytest.raises(ZccError) as err:
        store.change_passphrase(PASSPHRASE, weak, cost=CHEAP)
    assert "passphrase" in str(err.value).lower()
    assert header_path(folder).read_bytes() == header_before
    Store.open(folder, PASSPHRASE).close()


@pytest.mark.parametrize("weak", ["short", "1111111111111", "abcabcabcabc"])
def test_weak_passphrase_refused_when_creating_a_profile(tmp_path: Path, weak: str) -> None:
    folder = tmp_path / "profile"
    with pytest.raises(ZccError) as err:
        Store.create(folder, weak, label="test", cost=CHEAP)
    assert "passphrase" in str(err.value).lower()
    assert not folder.exists(), "a refused profile leaves nothing behind"


def test_new_recovery_key_invalidates_the_old_one(keyed_profile: tuple[Path, str]) -> None:
    folder, old_recovery = keyed_profile
    db_before = db_path(folder).read_bytes()
    with Store.open(folder, PASSPHRASE) as store:
        with pytest.raises(WrongPassphrase):
            store.new_recovery_key("not the passphrase")
        new_recovery = store.new_recovery_key(PASSPHRASE)
    assert new_recovery != old_recovery
    assert db_path(folder).read_bytes() == db_before
    with pytest.raises(WrongPassphrase):
        Store.open(folder, recovery_key=old_recovery)
    with Store.open(folder, recovery_key=new_recovery) as store:
        assert _org_names(store) == ["GHOR Twente"]
    Store.open(folder, PASSPHRASE).close()


# --- damaged headers -------------------------------------------------------------------------


def _header_doc(folder: Path) -> dict[str, Any]:
    return json.loads(header_path(folder).read_text())


def _damage(folder: Path, how: str) -> None:
    path = header_path(folder)
    original = path.read_bytes()
    doc = _header_doc(folder)
    if how == "garbage":
        path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\xff\xfe garbage \xc3\x28")
    elif how == "empty":
        path.write_bytes(b"")
    elif how == "truncated":
        path.write_bytes(original[: len(original) // 2])
    elif how == "not-an-object":
        path.write_text("[1, 2, 3]")
    elif how == "wrong-format":
        doc["format"] = "some-other-app-key-file"
        path.write_text(json.dumps(doc))
    elif how == "no-wraps":
        del doc["wraps"]
        path.write_text(json.dumps(doc))
    elif how == "no-passphrase-wrap":
        del doc["wraps"]["passphrase"]
        path.write_text(json.dumps(doc))
    elif how == "salt-not-base64":
        doc["wraps"]["passphrase"]["salt"] = "%%% not base64 %%%"
        path.write_text(json.dumps(doc))
    elif how == "missing-nonce":
        del doc["wraps"]["passphrase"]["nonce"]
        path.write_text(json.dumps(doc))
    elif how == "cost-not-a-number":
        doc["wraps"]["passphrase"]["iterations"] = "many"
        path.write_text(json.dumps(doc))
    elif how.startswith("cost-"):  # cost-FIELD=VALUE: a tampered Argon2id cost
        field, value = how.removeprefix("cost-").split("=")
        doc["wraps"]["passphrase"][field] = int(value)
        path.write_text(json.dumps(doc))
    elif how == "missing":
        path.unlink()
    else:  # pragma: no cover
        raise AssertionError(how)


@pytest.mark.parametrize(
    "how",
    [
        "garbage",
        "empty",
        "truncated",
        "not-an-object",
        "wrong-format",
        "no-wraps",
        "no-passphrase-wrap",
        "salt-not-base64",
        "missing-nonce",
        "cost-not-a-number",
        "cost-iterations=-1",
        "cost-iterations=0",
        "cost-iterations=2000000000",  # would make unlocking hang
        "cost-memory_kib=-5",
        "cost-memory_kib=99999999999999999999",  # OverflowError before
        "cost-memory_kib=1073741824",  # 1 TiB
        "cost-lanes=0",
        "cost-lanes=100000",
        "missing",
    ],
)
def test_damaged_header_is_reported_as_such(keyed_profile: tuple[Path, str], how: str) -> None:
    folder, _recovery = keyed_profile
    db_before = db_path(folder).read_bytes()
    _damage(folder, how)
    with pytest.raises(HeaderCorrupt) as err:
        Store.open(folder, PASSPHRASE)
    message = str(err.value)
    assert "key header" in message
    assert "restore" in message.lower()
    assert db_path(folder).read_bytes() == db_before


def test_header_of_a_newer_version_asks_for_an_update(keyed_profile: tuple[Path, str]) -> None:
    folder, _recovery = keyed_profile
    doc = _header_doc(folder)
    doc["version"] = 2
    header_path(folder).write_text(json.dumps(doc))
    with pytest.raises(HeaderCorrupt) as err:
        Store.open(folder, PASSPHRASE)
    assert "version 2" in str(err.value)
    assert "Update" in str(err.value)


def test_damaged_recovery_wrap_is_reported(keyed_profile: tuple[Path, str]) -> None:
    folder, recovery = keyed_profile
    doc = _header_doc(folder)
    del doc["wraps"]["recovery"]["salt"]
    header_path(folder).write_text(json.dumps(doc))
    with pytest.raises(HeaderCorrupt):
        Store.open(folder, recovery_key=recovery)
    Store.open(folder, PASSPHRASE).close()  # the passphrase wrap is intact


def test_empty_folder_is_a_missing_profile_not_a_damaged_one(tmp_path: Path) -> None:
    with pytest.raises(ProfileMissing):
        Store.open(tmp_path, PASSPHRASE)


def test_header_without_database_is_a_missing_profile(tmp_path: Path) -> None:
    folder = make_closed_profile(tmp_path / "profile")
    db_path(folder).unlink()
    with pytest.raises(ProfileMissing) as err:
        Store.open(folder, PASSPHRASE)
    assert "zcc.db" in str(err.value)


# --- the real cost ---------------------------------------------------------------------------


@pytest.mark.slow
def test_calibrated_cost_takes_a_noticeable_but_bearable_time() -> None:
    cost = calibrate()
    assert 2 <= cost.iterations <= 200
    header, db_key, _recovery = KeyHeader.create(PASSPHRASE, cost)
    start = time.perf_counter()
    assert header.unlock(PASSPHRASE) == db_key
    elapsed = time.perf_counter() - start
    assert 0.1 <= elapsed <= 1.5, f"one unlock took {elapsed:.2f} s with {cost}"
