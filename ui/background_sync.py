"""Opportunistic background sync: after a local change, or when a member announces itself.

Idle means idle: one single-shot timer, set from `SyncScheduler.next_wakeup` only while a
peer is due (after a change, or a failure waiting out its backoff). Nothing runs while the
profile is locked, and nothing starts at all for a profile without a region network.
Each round runs in a worker on its own connection (`ui.jobs.StoreJob`).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal

from resilient_zcc.errors import ZccError
from resilient_zcc.store import Store

from .jobs import StoreJob
from .session import Session

if TYPE_CHECKING:
    from sync.background import SyncScheduler
    from sync.discovery import Discovered

# The network and sync modules are imported on first unlock of a profile that needs them:
# the window's start-up does not pay for TLS and zeroconf.

log = logging.getLogger("resilient_zcc.ui")

Outcome = tuple[str, bool, int]  # device id, succeeded, changes received


def sync_round(peers: list[tuple[str, str]]) -> Callable[[Store, Any], list[Outcome]]:
    def work(store: Store, _progress: Any) -> list[Outcome]:
        from sync import api

        outcomes = []
        for device, address in peers:
            try:
                result = api.sync_now(store, address, expect=device)
                outcomes.append((device, True, result.received.applied))
            except ZccError as exc:
                log.info("background sync with %s failed: %s", device[:12], exc)
                outcomes.append((device, False, 0))
        return outcomes

    return work


class BackgroundSync(QObject):
    announced = Signal(str, str)  # device id, HOST:PORT (from zeroconf's thread)
    round_done = Signal()  # a round of syncs finished (its results noted)

    def __init__(
        self,
        session: Session,
        discovery: bool = True,
        interfaces: list[str] | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__()
        self.session = session
        self.discovery = discovery
        self.interfaces = interfaces
        self.clock = clock
        self.scheduler: SyncScheduler | None = None
        self.watcher: Any = None
        self.job: StoreJob | None = None
        self.epoch = 0
        self.own_counter = 0
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.run_due)
        self.announced.connect(self.peer_announced)
        session.unlocked.connect(self.start)
        session.locked.connect(self.stop)
        session.data_changed.connect(self.data_changed)

    @property
    def active(self) -> bool:
        return self.scheduler is not None

    # --- on and off ------------------------------------------------------------------------

    def start(self) -> None:
        """On unlock: only for a profile in a network; remember the members' known addresses."""
        from resilient_zcc.network import model

        store = self.session.store
        network = model.current(store)
        if network is None or store.read_only:  # read only (a full disk): nothing to store
            return
        from sync.background import SyncScheduler

        self.scheduler = SyncScheduler()
        me = store.identity.device_id
        self.own_counter = store.log.version_vector().get(me, 0)
        self._note_members(store, pending=False)
        if self.discovery:
            self._watch(network.id, me)

    def _watch(self, network_id: str, me: str) -> None:
        from sync.discovery import Watcher

        def found(peer: Discovered) -> None:
            self.announced.emit(peer.device_id, peer.address)  # queued to the GUI thread

        try:
            self.watcher = Watcher(network_id, found, self.interfaces, exclude=me)
        except OSError as exc:  # no multicast here: typed addresses still work
            log.info("mDNS discovery unavailable: %s", exc)
            self.watcher = None

    def stop(self) -> None:
        """On lock: no timer, no discovery; a round still running is ignored when it ends."""
        self.epoch += 1
        self.timer.stop()
        self.scheduler = None
        if self.watcher is not None:
            self.watcher.close()
            self.watcher = None

    def shutdown(self) -> None:
        """When the window closes: stop, and wait for a running round (bounded by timeouts)."""
        self.stop()
        if self.job is not None:
            self.job.wait()

    # --- events ----------------------------------------------------------------------------

    def _note_members(self, store: Store, pending: bool) -> None:
        from resilient_zcc.network import model

        assert self.scheduler is not None
        me = store.identity.device_id
        for row in model.members(store):
            if row["device_id"] == me:
                continue
            if row["revoked"]:
                self.scheduler.forget(row["device_id"])
            elif row["address"] and row["can_connect"]:
                self.scheduler.peer_seen(row["device_id"], row["address"], pending=pending)

    def data_changed(self) -> None:
        """A write here makes every member due; data that only arrived from a peer does not.
        A network made or joined just now switches background sync on."""
        if not self.session.is_unlocked:
            return
        if self.scheduler is None:
            self.start()
            return
        store = self.session.store
        counter = store.log.version_vector().get(store.identity.device_id, 0)
        local = counter > self.own_counter
        self.own_counter = counter
        self._note_members(store, pending=False)
        if local:
            self.scheduler.local_change()
        self.schedule()

    def peer_announced(self, device_id: str, address: str) -> None:
        if self.scheduler is None or not self.session.is_unlocked:
            return
        from resilient_zcc.network.trust import trust_of

        if not trust_of(self.session.store).trusts_peer(device_id):
            return
        self.scheduler.peer_seen(device_id, address)
        self.schedule()

    # --- the one timer ---------------------------------------------------------------------

    def schedule(self) -> None:
        """Set the single-shot timer to the next due peer, or stop it when none is due."""
        if self.scheduler is None or self.job is not None:
            self.timer.stop()
            return  # a running round reschedules when it ends
        wait = self.scheduler.next_wakeup(self.clock())
        if wait is None:
            self.timer.stop()
        else:
            self.timer.start(int(wait * 1000))

    def run_due(self) -> bool:
        if self.scheduler is None or self.job is not None or not self.session.is_unlocked:
            return False
        due = self.scheduler.due(self.clock())
        if not due:
            self.schedule()
            return False
        job = StoreJob(self.session.store, sync_round(due))
        epoch = self.epoch
        job.finished.connect(lambda: self._finish(job, epoch, due))
        self.job = job
        job.start()
        return True

    def _finish(self, job: StoreJob, epoch: int, due: list[tuple[str, str]]) -> None:
        self.job = None
        job.deleteLater()
        if epoch != self.epoch or self.scheduler is None or not self.session.is_unlocked:
            self.round_done.emit()
            return
        outcomes: list[Outcome] = job.result or []
        if job.error is not None:  # a bug, not a peer's fault: back off from every due peer
            log.error("background sync round failed: %s", type(job.error).__name__)
            outcomes = [(device, False, 0) for device, _address in due]
        now = self.clock()
        for device, ok, _received in outcomes:
            self.scheduler.finished(device, ok, now)
        self.session.changed()  # peers' state (and maybe data) changed: screens reload
        self.schedule()
        self.round_done.emit()
