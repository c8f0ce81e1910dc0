"""A device invited by a member other than the founder takes in the founder's changes."""

from __future__ import annotations

from pathlib import Path

import pytest

from resilient_zcc.network import model

from .helpers import new_store
from .network_setup import join_in_process, trusted_sync

pytestmark = pytest.mark.timeout(60)


def test_a_device_invited_by_a_later_member_takes_in_the_founders_changes(
    tmp_path: Path,
) -> None:
    a, b, d = (new_store(tmp_path / name, name) for name in "abd")
    try:
        model.create(a, "Testregio")
        join_in_process(a, b)
        join_in_process(b, d)
        report = trusted_sync(b, d)
        assert report.refused == 0
        assert model.require(d).name == "Testregio"
    finally:
        for store in (a, b, d):
            store.close()
