"""The cyclic collector is paused while a StoreJob runs and restored however it ends."""

from __future__ import annotations

import gc
import threading
from typing import Any

import pytest

from resilient_zcc.store import Store
from ui.jobs import StoreJob


def run(qtbot, job: StoreJob) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(job.finished, timeout=10_000):
        job.start()


def test_collector_paused_during_a_job_and_restored_after_success(qtbot, store: Store) -> None:  # type: ignore[no-untyped-def]
    seen: list[bool] = []
    job = StoreJob(store, lambda _twin, _report: seen.append(gc.isenabled()) or 42)
    assert gc.isenabled()
    run(qtbot, job)
    assert seen == [False] and job.result == 42
    assert gc.isenabled() and gc.get_freeze_count() == 0


def test_collector_restored_after_an_error(qtbot, store: Store) -> None:  # type: ignore[no-untyped-def]
    def fail(_twin: Store, _report: Any) -> None:
        assert not gc.isenabled()
        raise ValueError("broken row")

    job = StoreJob(store, fail)
    run(qtbot, job)
    assert isinstance(job.error, ValueError)
    assert gc.isenabled() and gc.get_freeze_count() == 0


def test_collector_restored_after_cancel(qtbot, store: Store) -> None:  # type: ignore[no-untyped-def]
    started = threading.Event()
    go_on = threading.Event()

    def work(_twin: Store, report: Any) -> None:
        started.set()
        go_on.wait(10)
        report((1, 2))  # raises Cancelled

    job = StoreJob(store, work)
    job.start()
    assert started.wait(10)
    assert not gc.isenabled()
    job.cancel()
    go_on.set()
    assert job.wait(10)
    assert job.cancelled and job.error is not None
    assert gc.isenabled() and gc.get_freeze_count() == 0


def test_overlapping_jobs_keep_it_paused_until_the_last_ends(qtbot, store: Store) -> None:  # type: ignore[no-untyped-def]
    release_first = threading.Event()
    release_second = threading.Event()
    first = StoreJob(store, lambda _t, _r: release_first.wait(10))
    second = StoreJob(store, lambda _t, _r: release_second.wait(10))
    first.start()
    second.start()
    release_first.set()
    assert first.wait(10)
    assert not gc.isenabled()  # the second still runs
    release_second.set()
    assert second.wait(10)
    assert gc.isenabled()


def test_a_collector_switched_off_by_others_stays_off(qtbot, store: Store) -> None:  # type: ignore[no-untyped-def]
    gc.disable()
    try:
        run(qtbot, StoreJob(store, lambda _t, _r: None))
        assert not gc.isenabled()
    finally:
        gc.enable()


@pytest.fixture(autouse=True)
def collector_on() -> None:
    assert gc.isenabled()
