"""Helpers for network tests: in-process members of one network (no sockets)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from resilient_zcc import schema
from resilient_zcc.network import invite, model, trust
from resilient_zcc.network.trust import MergeReport
from resilient_zcc.store import Store

from .helpers import new_store


def join_in_process(inviter: Store, joiner: Store) -> None:
    """What `network join` does over TLS, with the messages handed over directly."""
    invite.join_directly(inviter, joiner)
    trusted_sync(inviter, joiner)


def trusted_sync(src: Store, dst: Store) -> MergeReport:
    """One direction, under the receiver's trust policy, as the wire protocol does it."""
    return trust.apply_trusted(dst, trust.outgoing(src, dst.log.version_vector()))


def trusted_sync_both(a: Store, b: Store) -> None:
    trusted_sync(a, b)
    trusted_sync(b, a)


def network_of(folder: Path, count: int) -> list[Store]:
    """`count` fresh profiles in one network, every member known to every other."""
    stores = [new_store(folder / f"p{i}", f"laptop-{i}") for i in range(count)]
    model.create(stores[0], "Testregio")
    for other in stores[1:]:
        join_in_process(stores[0], other)
    for other in stores[1:]:
        trusted_sync(stores[0], other)
    return stores


def domain_hash(store: Store) -> str:
    """One hash over every replicated table's domain columns (not the local `_clock`)."""
    digest = hashlib.sha256()
    for table, columns in sorted(schema.replicated_columns(store.conn).items()):
        names = ", ".join(sorted(columns | {"id"}))
        for row in store.conn.execute(f"SELECT {names} FROM {table} ORDER BY id"):
            digest.update(json.dumps([table, *row], default=str).encode())
    return digest.hexdigest()
