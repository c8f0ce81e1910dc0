"""The region network in the core: create, invite and join, members, revocation, trust."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from resilient_zcc import schema
from resilient_zcc.errors import NotFound, ValidationError
from resilient_zcc.identity import DeviceIdentity
from resilient_zcc.keyheader import KeyHeader
from resilient_zcc.network import certs, invite, model, status, trust
from resilient_zcc.profile import header_path
from resilient_zcc.store import Store, _connect

from .helpers import CHEAP, PASSPHRASE, new_store, reopen
from .network_setup import join_in_process, network_of, trusted_sync, trusted_sync_both


def _add_org(store: Store, row_id: str, name: str) -> None:
    with store.transaction() as tx:
        tx.put("organisations", row_id, {"name": name})


def test_create_keeps_the_key_inside_the_encrypted_profile(tmp_path: Path) -> None:
    with new_store(tmp_path / "a", "Laptop A") as a:
        created = model.create(a, "ROAZ Oost")
        assert len(created.key) == 32
    with reopen(tmp_path / "a") as a:
        again = model.require(a)
        assert again == created
        members = model.members(a)
        assert [(m["label"], m["this_device"], m["can_connect"]) for m in members] == [
            ("Laptop A", True, True)
        ]
        # The key is device-local: it never enters the change log.
        assert not a.query(
            "SELECT 1 FROM changes WHERE payload LIKE ?", (f"%{created.key.hex()}%",)
        )
        with pytest.raises(ValidationError, match="already in a region network"):
            model.create(a, "Tweede")
    files = [p for p in (tmp_path / "a").iterdir() if p.is_file()]
    assert files and not any(created.key in p.read_bytes() for p in files)


def test_empty_network_name_is_refused(store: Store) -> None:
    with pytest.raises(ValidationError, match="may not be empty"):
        model.create(store, "  ")


def test_commands_without_a_network_say_what_to_do(store: Store) -> None:
    with pytest.raises(model.NoNetwork, match="network create"):
        model.members(store)
    with pytest.raises(model.NoNetwork):
        invite.create(store)


def test_join_makes_both_devices_members_and_shares_the_key(tmp_path: Path) -> None:
    a, b, c = network_of(tmp_path, 3)
    trusted_sync_both(a, b)
    trusted_sync_both(b, c)
    for store in (a, b, c):
        assert {m["device_id"] for m in model.members(store)} == {
            s.identity.device_id for s in (a, b, c)
        }
        assert model.require(store) == model.require(a)
    member = next(m for m in model.members(a) if m["device_id"] == b.identity.device_id)
    assert member["label"] == "laptop-1" and member["can_connect"]


def test_invitation_code_round_trip_and_typos(tmp_path: Path) -> None:
    with new_store(tmp_path / "a") as a:
        model.create(a, "Oost")
        made = invite.create(a, address="127.0.0.1:7400")
        parsed, address = invite.parse(made.code.lower().replace("-", " "))
        assert address is None
        assert a.identity.device_id.startswith(parsed.fingerprint)
        scanned, address = invite.parse(made.qr_text)
        assert scanned == parsed and address == "127.0.0.1:7400"
        for bad in ("", "ABCD-EFGH", made.code[:-4], "!!!!-" * 8):
            with pytest.raises(ValidationError, match="not an invitation code"):
                invite.parse(bad)
        with pytest.raises(ValidationError, match="between 1 hour"):
            invite.create(a, hours=0)


def test_a_code_works_once_and_only_with_its_secret(tmp_path: Path) -> None:
    a, b = new_store(tmp_path / "a"), new_store(tmp_path / "b")
    c = new_store(tmp_path / "c")
    model.create(a, "Oost")
    made = invite.create(a)
    parsed, _ = invite.parse(made.code)
    nonce = os.urandom(32)
    me_a = a.identity.device_id
    cert_b = certs.certificate_for(b.identity)
    held_b = b.identity.sign(invite.possession_message(nonce, me_a))
    wrong = invite.proof(os.urandom(10), b.identity.device_id, me_a, nonce)
    with pytest.raises(invite.InvitationRefused):
        invite.accept(a, parsed.invite_id, wrong, nonce, cert_b, "B", held_b)
    # A proof made for another device's certificate does not fit b's.
    for_c = invite.proof(parsed.secret, c.identity.device_id, me_a, nonce)
    with pytest.raises(invite.InvitationRefused):
        invite.accept(a, parsed.invite_id, for_c, nonce, cert_b, "B", held_b)
    good = invite.proof(parsed.secret, b.identity.device_id, me_a, nonce)
    # Someone with the code but not b's key cannot enrol b's certificate.
    not_held = c.identity.sign(invite.possession_message(nonce, me_a))
    with pytest.raises(invite.InvitationRefused):
        invite.accept(a, parsed.invite_id, good, nonce, cert_b, "B", not_held)
    assert len(model.members(a)) == 1  # nobody was added
    welcome = invite.accept(a, parsed.invite_id, good, nonce, cert_b, "B", held_b)
    with pytest.raises(invite.InvitationRefused):  # used
        invite.accept(a, parsed.invite_id, good, nonce, cert_b, "B", held_b)
    with pytest.raises(Exception, match="does not open"):  # sealed for b, not c
        invite.open_welcome(c, parsed.secret, me_a, welcome)
    invite.open_welcome(b, parsed.secret, me_a, welcome)
    assert model.require(b).key == model.require(a).key
    for store in (a, b, c):
        store.close()


def test_certificate_is_deterministic_and_names_the_device(store: Store) -> None:
    der = certs.certificate_for(store.identity)
    assert der == certs.certificate_for(store.identity)
    assert certs.device_id_of(der) == store.identity.device_id
    with pytest.raises(Exception, match="cannot be read"):
        certs.device_id_of(b"not a certificate")


def test_outsiders_changes_are_refused(tmp_path: Path) -> None:
    a, b = network_of(tmp_path, 2)
    outsider = new_store(tmp_path / "x", "outsider")
    _add_org(outsider, "o-x", "Ingeschoven")
    report = trust.apply_trusted(a, outsider.log.changes_since({}))
    assert report.applied == 0 and report.refused >= 1
    assert not a.query("SELECT 1 FROM organisations WHERE id = 'o-x'")


def test_revoked_device_is_cut_off_after_its_revocation(tmp_path: Path) -> None:
    a, b, c = network_of(tmp_path, 3)
    trusted_sync_both(a, c)
    _add_org(c, "o-before", "Voor de intrekking")
    trusted_sync(c, a)
    model.revoke(a, c.identity.device_id[:10], by="Hoofd ZCC")
    _add_org(c, "o-after", "Na de intrekking")
    # b learns of the revocation from a first, then c tries to hand b its later change.
    trusted_sync(a, b)
    report = trusted_sync(c, b)
    assert report.refused >= 1
    names = {r["id"] for r in b.query("SELECT id FROM organisations")}
    assert "o-before" in names and "o-after" not in names
    assert not trust.trust_of(b).trusts_peer(c.identity.device_id)
    assert [m["revoked"] for m in model.members(b) if m["device_id"] == c.identity.device_id] == [
        True
    ]


def test_revocation_converges_when_a_peer_had_taken_later_changes(tmp_path: Path) -> None:
    """b took c's change before it knew of the revocation: b witnesses it, so a takes it too."""
    a, b, c = network_of(tmp_path, 3)
    trusted_sync_both(a, c)
    trusted_sync_both(b, c)
    model.revoke(a, c.identity.device_id)
    _add_org(c, "o-late", "Te laat")
    trusted_sync(c, b)  # b does not know yet
    trusted_sync_both(a, b)
    trusted_sync_both(a, b)
    ids = lambda s: {r["id"] for r in s.query("SELECT id FROM organisations")}  # noqa: E731
    assert "o-late" in ids(a) and ids(a) == ids(b)
    assert a.log.version_vector() == b.log.version_vector()
    _add_org(c, "o-later", "Nog later")
    assert trusted_sync(c, b).refused >= 1 and trusted_sync(c, a).refused >= 1


def test_revoke_refuses_self_and_unknown(tmp_path: Path) -> None:
    a, _b = network_of(tmp_path, 2)
    with pytest.raises(ValidationError, match="cannot revoke itself"):
        model.revoke(a, a.identity.device_id)
    with pytest.raises(NotFound, match="No member device"):
        model.revoke(a, "ffffffffff")
    with pytest.raises(NotFound):
        model.revoke(a, "ab")  # too short to be safe


def test_status_counts_what_a_peer_lacks(tmp_path: Path) -> None:
    a, b = network_of(tmp_path, 2)
    status.record(a, b.identity.device_id, synced=True, vector=b.log.version_vector())
    trusted_sync(b, a)
    status.record(a, b.identity.device_id, synced=True, vector=a.log.version_vector())
    assert [p["pending"] for p in status.peers(a)] == [0]
    _add_org(a, "o-1", "Een")
    _add_org(a, "o-2", "Twee")
    peers = status.peers(a)
    assert peers[0]["pending"] == 2 and peers[0]["last_synced"]


def test_network_migration_upgrades_a_profile_of_the_version_before(tmp_path: Path) -> None:
    """A profile made by the release before this migration (whatever its number becomes)."""
    folder = tmp_path / "p"
    folder.mkdir()
    header, db_key, _recovery = KeyHeader.create(PASSPHRASE, CHEAP)
    header.save(header_path(folder))
    conn = _connect(folder, db_key)
    before = schema.MIGRATIONS.index(schema._m8_region_network)
    schema.migrate(conn, target=before)
    conn.execute(
        "INSERT INTO local_meta (key, value) VALUES ('device_private_key', ?)",
        (DeviceIdentity.generate().private_bytes(),),
    )
    old = Store(conn, folder)
    _add_org(old, "o-1", "Blijft")
    conn.close()
    with reopen(folder) as store:
        assert schema.version(store.conn) == schema.LATEST
        assert store.query("SELECT name FROM organisations") == [{"name": "Blijft"}]
        assert {"networks", "network_members", "revocations"} <= set(
            schema.replicated_columns(store.conn)
        )
        model.create(store, "Na de upgrade")
        assert len(model.members(store)) == 1


def test_joining_twice_is_refused(tmp_path: Path) -> None:
    a, b = network_of(tmp_path, 2)
    with pytest.raises(ValidationError, match="already in a region network"):
        join_in_process(a, b)


def test_two_processes_on_one_profile_keep_counting(tmp_path: Path) -> None:
    """`sync serve` and the desktop may hold the same profile open: counters must not clash."""
    new_store(tmp_path / "p").close()
    with reopen(tmp_path / "p") as first, reopen(tmp_path / "p") as second:
        _add_org(first, "o-1", "Eerste")
        _add_org(second, "o-2", "Tweede")
        _add_org(first, "o-3", "Derde")
        device = first.identity.device_id
        assert first.log.version_vector()[device] == second.log.version_vector()[device] == 4
        stamps = [r["hlc"] for r in first.query("SELECT hlc FROM changes ORDER BY counter")]
        assert stamps == sorted(stamps) and len(set(stamps)) == len(stamps)
