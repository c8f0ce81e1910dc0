"""Create a region network, list and add its members, revoke a device.

The network's id lives in this device's `local_meta`, its keys in `network_keys` (both
inside the encrypted database; a key never travels as a change). Members and revocations
are replicated rows, so they reach every copy the way any other change does.
"""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..errors import NotFound, ValidationError, ZccError
from ..validation import required
from . import certs, keys

if TYPE_CHECKING:
    from ..store import Store


class NoNetwork(ZccError):
    def __init__(self) -> None:
        super().__init__(
            "This profile is not in a region network yet: run 'network create' on the first "
            "device, or 'network join CODE --peer HOST:PORT' with an invitation."
        )


@dataclass(frozen=True)
class Network:
    id: str
    name: str
    key: bytes  # the newest network key this device holds
    key_ref: keys.KeyRef = (0, "")


def now_iso() -> str:
    from ..store import now_iso as store_now

    return store_now()


def _meta(store: Store, key: str) -> bytes | None:
    row = store.conn.execute("SELECT value FROM local_meta WHERE key = ?", (key,)).fetchone()
    return None if row is None else bytes(row[0])


def current(store: Store) -> Network | None:
    """The network this profile belongs to, or None."""
    network_id, newest = _meta(store, "network_id"), keys.newest(store)
    if network_id is None or newest is None:
        return None
    row = store.query_one("SELECT name FROM networks WHERE id = ?", (network_id.decode(),))
    return Network(network_id.decode(), str(row["name"]) if row else "", newest[1], newest[0])


def require(store: Store) -> Network:
    network = current(store)
    if network is None:
        raise NoNetwork()
    return network


def _save_local(store: Store, network_id: str, key: bytes, epoch: int = 0) -> None:
    """Called inside the transaction that writes the network's first rows."""
    store.conn.execute(
        "INSERT OR REPLACE INTO local_meta (key, value) VALUES ('network_id', ?)",
        (network_id.encode(),),
    )
    keys.add(store, key, epoch)


def create(store: Store, name: str) -> Network:
    """Make a new network with this device as its first member."""
    name = required(name, "The network name")
    if current(store) is not None:
        raise ValidationError(
            "This profile is already in a region network; a profile belongs to one network."
        )
    key = os.urandom(keys.KEY_BYTES)
    network = Network(str(uuid.uuid4()), name, key, (0, keys.key_id(key)))
    me = store.identity.device_id
    with store.transaction() as tx:
        _save_local(store, network.id, network.key)
        tx.put("networks", network.id, {"name": name, "created_at": now_iso(), "created_by": me})
        add_member(store, me, store.identity.public_key, certs.certificate_for(store.identity))
        # Devices whose changes this copy already holds were trusted here: they stay members
        # (without a certificate they can never connect, but their changes travel).
        for row in store.query("SELECT device_id, public_key FROM peers"):
            if row["device_id"] != me:
                add_member(store, row["device_id"], bytes(row["public_key"]), None)
    return network


def join_local(store: Store, network_id: str, key: bytes, epoch: int, sponsor: str) -> None:
    """Record on a joining device the network an invitation let it into, and its inviter."""
    if current(store) is not None:
        raise ValidationError("This profile is already in a region network.")
    with store.transaction():
        _save_local(store, network_id, key, epoch)
        store.conn.execute(
            "INSERT OR REPLACE INTO local_meta (key, value) VALUES ('network_sponsor', ?)",
            (sponsor.encode(),),
        )


def add_member(
    store: Store, device_id: str, public_key: bytes, certificate: bytes | None, label: str = ""
) -> None:
    network = require(store)
    with store.transaction() as tx:
        if not label:
            row = store.query_one("SELECT label FROM devices WHERE id = ?", (device_id,))
            label = str(row["label"] or "") if row else ""
        tx.put(
            "network_members",
            device_id,
            {
                "network_id": network.id,
                "label": label,
                "public_key": public_key.hex(),
                "certificate": certs.to_text(certificate) if certificate else None,
                "added_by": store.identity.device_id,
                "added_at": now_iso(),
                "deleted": 0,
            },
        )


def vouch_for_members(store: Store) -> None:
    """Write every current member's row again as this device's change.

    A device that joins through this one trusts only this one at first; the rows that made
    the others members (the founder's own, above all) were written by devices it does not
    trust yet, so their batches would wait forever. Rows written by its inviter admit them.
    """
    rows = store.query(
        "SELECT m.id, m.network_id, m.label, m.public_key, m.certificate, m.added_by, "
        "m.added_at FROM network_members m WHERE m.deleted = 0 AND NOT EXISTS "
        "(SELECT 1 FROM revocations r WHERE r.device_id = m.id AND r.deleted = 0)"
    )
    with store.transaction() as tx:
        for row in rows:
            device = row.pop("id")
            tx.put("network_members", device, {**row, "deleted": 0})


def members(store: Store) -> list[dict[str, Any]]:
    """Every member with its revocation and when this device last saw and synced it."""
    require(store)
    rows = store.query(
        "SELECT m.id AS device_id, m.label, m.added_at, m.added_by, "
        "m.certificate IS NOT NULL AS can_connect, "
        "(SELECT min(r.revoked_at) FROM revocations r WHERE r.device_id = m.id "
        " AND r.deleted = 0) AS revoked_at, "
        "s.address, s.last_seen, s.last_synced, s.last_result "
        "FROM network_members m LEFT JOIN sync_peers s ON s.device_id = m.id "
        "WHERE m.deleted = 0 ORDER BY m.added_at, m.id"
    )
    me = store.identity.device_id
    for row in rows:
        row["this_device"] = row["device_id"] == me
        row["revoked"] = row["revoked_at"] is not None
        row["can_connect"] = bool(row["can_connect"])
    return rows


def resolve_member(store: Store, prefix: str) -> str:
    prefix = prefix.strip().lower()
    rows = store.query(
        "SELECT id FROM network_members WHERE id LIKE ? || '%' AND deleted = 0 LIMIT 2", (prefix,)
    )
    if len(prefix) < 6 or not rows:
        raise NotFound(
            "No member device with id '{id}'; 'network members' lists them (give at "
            "least 6 characters).",
            id=prefix,
        )
    if len(rows) > 1:
        raise NotFound("'{id}' matches several devices; give more of the id.", id=prefix)
    return str(rows[0]["id"])


def revoke(store: Store, prefix: str, by: str = "") -> str:
    """Shut a device out: no peer syncs with it, nor takes its changes made after this."""
    require(store)
    device = resolve_member(store, prefix)
    me = store.identity.device_id
    if device == me:
        raise ValidationError("A device cannot revoke itself; revoke it from another member.")
    held = store.log.version_vector().get(device, 0)
    with store.transaction() as tx:
        tx.put(
            "revocations",
            f"{device}:{me}",
            {
                "device_id": device,
                "witness": me,
                "counter": held,
                "revoked_at": now_iso(),
                "revoked_by": by or me,
            },
        )
        keys.rotate(store)  # the lost device holds the old key: bundles get a new one
    return device
