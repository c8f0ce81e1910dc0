"""Revocation as the README states it, over real TLS syncs between real profiles.

Changes a revoked device made reach everyone if they reached a member before news of the
revocation did (every copy then agrees); once a member knows, it neither syncs with the
device nor takes in anything more of it, whoever relays it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from resilient_zcc.errors import ZccError
from resilient_zcc.network import model
from resilient_zcc.store import Store
from sync import bundle, transport

from .network_setup import network_of
from .test_sync_tls import Served

pytestmark = pytest.mark.timeout(120)


def _add_org(store: Store, org_id: str, name: str) -> None:
    with store.transaction() as tx:
        tx.put("organisations", org_id, {"name": name})


def _ids(store: Store) -> set[str]:
    return {r["id"] for r in store.query("SELECT id FROM organisations")}


def _sync(client: Store, server: Store) -> transport.SyncResult:
    served = Served(server)
    try:
        return transport.sync_with(client, served.address)
    finally:
        served.stop()


def test_changes_made_before_news_of_the_revocation_reached_a_member_are_accepted(
    tmp_path: Path,
) -> None:
    a, b, c, d = network_of(tmp_path, 4)
    for other in (b, c, d):
        _sync(other, a)  # everyone holds every member row
    model.revoke(a, c.identity.device_id, by="Hoofd ZCC")
    _add_org(c, "o-laat", "Na de intrekking, voor het nieuws")
    # b has not heard yet: it still syncs with c and takes the change in good faith.
    assert _sync(c, b).received.refused == 0
    assert "o-laat" in _ids(b)
    # The news and the change meet at a; b becomes a witness, and everyone keeps the change.
    _sync(b, a)
    _sync(b, a)
    _sync(d, a)
    _sync(d, a)
    for store in (a, b, d):
        assert "o-laat" in _ids(store), store.identity.device_id[:8]
    assert a.log.version_vector() == b.log.version_vector() == d.log.version_vector()

    # Now that b knows, c's next change gets nowhere: no sync, no bundle, no relay.
    _add_org(c, "o-later", "Na het nieuws")
    with pytest.raises(ZccError):
        _sync(c, b)
    stick = tmp_path / "van-c.rzcc"
    bundle.export(c, stick)
    with pytest.raises(bundle.BadBundle, match="revoked"):
        bundle.import_bundle(b, stick)
    for store in (a, b, d):
        assert "o-later" not in _ids(store)
    for store in (a, b, c, d):
        store.close()
