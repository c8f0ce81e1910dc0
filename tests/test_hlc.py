"""The hybrid logical clock: stamps only grow, whatever the laptop's clock does."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from resilient_zcc.hlc import LOGICAL_BITS, HybridClock, stamp_ms, wall_ms
from resilient_zcc.store import Store

from .helpers import new_store, set_clock, sync


class ScriptedWallClock:
    """A wall clock that reads a fixed list of times (ms), as a misbehaving laptop might."""

    def __init__(self, times: list[int]) -> None:
        self._times: Iterator[int] = iter(times)
        self.current = times[0]

    def __call__(self) -> int:
        self.current = next(self._times, self.current)
        return self.current


def test_stamps_follow_the_wall_clock_when_it_moves_forward() -> None:
    clock = HybridClock(now=ScriptedWallClock([1_000, 2_000, 3_500]))
    stamps = [clock.tick() for _ in range(3)]
    assert [stamp_ms(s) for s in stamps] == [1_000, 2_000, 3_500]
    assert stamps == [t << LOGICAL_BITS for t in (1_000, 2_000, 3_500)]


def test_monotonic_when_the_clock_goes_backwards_or_stands_still() -> None:
    times = [10_000, 10_000, 9_999, 5_000, 5_000, 10_000, 10_001, 3, 10_002]
    clock = HybridClock(now=ScriptedWallClock(times))
    stamps = [clock.tick() for _ in times]
    assert all(b > a for a, b in zip(stamps, stamps[1:], strict=False)), stamps
    # While the wall clock lags, the wall part stays at the highest time seen.
    assert stamp_ms(stamps[4]) == 10_000
    assert stamps[4] == (10_000 << LOGICAL_BITS) + 4
    # Once the wall clock passes the stamps again, they follow it.
    assert stamp_ms(stamps[6]) == 10_001
    assert stamps[6] == 10_001 << LOGICAL_BITS
    assert stamp_ms(stamps[8]) == 10_002


def test_restart_continues_after_the_last_stamp_even_with_an_earlier_clock() -> None:
    before = HybridClock(now=lambda: 50_000)
    last = before.tick()
    after_restart = HybridClock(last, now=lambda: 40_000)  # clock set back an hour-ish
    assert after_restart.tick() > last


def test_observing_a_stamp_from_ahead_reports_the_lead_and_moves_past_it() -> None:
    clock = HybridClock(now=lambda: 1_000_000)
    local = clock.tick()
    remote = ((1_000_000 + 90_000) << LOGICAL_BITS) + 7  # a laptop 90 s fast
    ahead = clock.observe(remote)
    assert ahead == 90_000
    following = clock.tick()
    assert following > remote > local
    assert stamp_ms(following) == 1_090_000


def test_observing_an_older_stamp_changes_nothing() -> None:
    clock = HybridClock(now=lambda: 1_000_000)
    local = clock.tick()
    behind = clock.observe(500_000 << LOGICAL_BITS)
    assert behind == -500_000
    assert clock.last == local
    assert clock.tick() == local + 1


def test_default_clock_is_the_real_wall_clock() -> None:
    before = wall_ms()
    stamp = HybridClock().tick()
    after = wall_ms()
    assert before <= stamp_ms(stamp) <= after


@pytest.fixture
def two_stores(tmp_path: Path) -> Iterator[tuple[Store, Store]]:
    with (
        new_store(tmp_path / "fast", "Laptop snel") as fast,
        new_store(tmp_path / "right", "Laptop goed") as right,
    ):
        yield fast, right


def test_store_reports_a_peer_clock_that_runs_ahead(two_stores: tuple[Store, Store]) -> None:
    fast, right = two_stores
    hour = 3_600_000
    set_clock(fast, lambda: wall_ms() + hour)
    with fast.transaction() as tx:
        tx.put("organisations", "org-1", {"name": "written by the fast laptop"})
    report = sync(fast, right)
    assert report.applied >= 1
    assert hour - 60_000 < report.max_clock_ahead_ms <= hour + 1_000
    # An edit made after seeing the fast laptop's change wins, though its wall clock is behind.
    with right.transaction() as tx:
        tx.put("organisations", "org-1", {"name": "corrected afterwards"})
    sync(right, fast)
    for store in (fast, right):
        row = store.query_one("SELECT name FROM organisations WHERE id = 'org-1'")
        assert row == {"name": "corrected afterwards"}


def test_report_of_peers_in_step_is_not_ahead(two_stores: tuple[Store, Store]) -> None:
    a, b = two_stores
    with a.transaction() as tx:
        tx.put("organisations", "org-1", {"name": "x"})
    report = sync(a, b)
    assert report.max_clock_ahead_ms < 1_000
