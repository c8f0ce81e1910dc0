"""Property: whatever the partitions, merges and revocations, the members that have
exchanged everything hold the same state, and no revoked device's late change survives."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from resilient_zcc.network import model
from resilient_zcc.network.trust import trust_of
from resilient_zcc.store import Store

from .helpers import reopen
from .network_setup import domain_hash, network_of, trusted_sync

pytestmark = [pytest.mark.slow, pytest.mark.timeout(240)]
SIZE = 4


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("network")
    for store in network_of(folder, SIZE):
        store.close()
    return folder


def may_talk(a: Store, b: Store) -> bool:
    """What the TLS layer enforces: each side trusts the other."""
    return trust_of(a).trusts_peer(b.identity.device_id) and trust_of(b).trusts_peer(
        a.identity.device_id
    )


peer = st.integers(0, SIZE - 1)
operation = st.one_of(
    st.tuples(st.just("edit"), peer, st.integers(0, 3), st.text("abc", max_size=3)),
    st.tuples(st.just("sync"), peer, peer),
    st.tuples(st.just("revoke"), peer, st.integers(1, SIZE - 1)),  # device 0 stays
)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(st.lists(operation, max_size=30))
def test_members_that_exchanged_everything_agree(
    template: Path, operations: list[tuple[object, ...]]
) -> None:
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work) / "net"
        shutil.copytree(template, folder)
        stores = [reopen(folder / f"p{i}") for i in range(SIZE)]
        try:
            revoked: set[int] = set()
            for op in operations:
                if op[0] == "edit":
                    _kind, who, row, value = op
                    with stores[who].transaction() as tx:  # type: ignore[index]
                        tx.put("organisations", f"o-{row}", {"name": f"{value}-{who}"})
                elif op[0] == "sync":
                    _kind, src, dst = op
                    a, b = stores[src], stores[dst]  # type: ignore[index]
                    if src != dst and may_talk(a, b):
                        trusted_sync(a, b)
                elif op[1] != op[2] and op[1] not in revoked:
                    _kind, who, target = op
                    model.revoke(stores[who], stores[target].identity.device_id)  # type: ignore[index]
                    revoked.add(target)  # type: ignore[arg-type]
            healthy = [s for i, s in enumerate(stores) if i not in revoked]
            for _round in range(3):  # everyone left exchanges everything
                for a in healthy:
                    for b in healthy:
                        if a is not b:
                            trusted_sync(a, b)
            hashes = {domain_hash(s) for s in healthy}
            assert len(hashes) == 1
            vectors = [s.log.version_vector() for s in healthy]
            assert all(v == vectors[0] for v in vectors)
            # A revocation counts where it arrived in time: one made by a device that was
            # itself cut off before it spread is not in force, and that is the same for all.
            cutoffs = trust_of(healthy[0]).cutoffs
            assert all(trust_of(s).cutoffs == cutoffs for s in healthy)
            for device, cutoff in cutoffs.items():
                assert vectors[0].get(device, 0) <= cutoff
        finally:
            for store in stores:
                store.close()
