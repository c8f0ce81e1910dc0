"""The background sync schedule: nothing to do means no wake-ups; failures back off."""

from __future__ import annotations

from sync.background import LONGEST_RETRY_S, SyncScheduler


def test_idle_means_no_wakeups() -> None:
    schedule = SyncScheduler()
    assert schedule.next_wakeup(0) is None
    schedule.peer_seen("b", "127.0.0.1:7400")
    assert schedule.due(0) == [("b", "127.0.0.1:7400")]
    schedule.finished("b", ok=True, now=1)
    assert schedule.due(2) == [] and schedule.next_wakeup(2) is None
    schedule.local_change()
    assert schedule.due(3) == [("b", "127.0.0.1:7400")] and schedule.next_wakeup(3) == 0


def test_failures_back_off_up_to_a_limit_and_success_resets() -> None:
    schedule = SyncScheduler()
    schedule.peer_seen("b", "127.0.0.1:7400")
    waits = []
    now = 0.0
    for _ in range(12):
        schedule.finished("b", ok=False, now=now)
        wait = schedule.next_wakeup(now)
        assert wait is not None and schedule.due(now) == []
        waits.append(wait)
        now += wait
        assert schedule.due(now) == [("b", "127.0.0.1:7400")]
    assert waits[:4] == [5, 10, 20, 40] and max(waits) == LONGEST_RETRY_S
    schedule.finished("b", ok=True, now=now)
    assert schedule.next_wakeup(now) is None
    schedule.local_change()
    assert schedule.next_wakeup(now) == 0


def test_a_new_address_is_tried_at_once_and_forgotten_peers_never() -> None:
    schedule = SyncScheduler()
    schedule.peer_seen("b", "127.0.0.1:7400")
    schedule.finished("b", ok=False, now=0)
    schedule.peer_seen("b", "127.0.0.1:7401")
    assert schedule.due(0) == [("b", "127.0.0.1:7401")]
    schedule.forget("b")
    schedule.local_change()
    assert schedule.due(0) == [] and schedule.next_wakeup(0) is None
