"""Hybrid logical clock: wall-clock milliseconds in the high bits, a counter in the low 16.

Stamps from one device strictly increase, and a device that has seen a stamp from another
only issues larger ones, so the order survives a laptop whose clock is minutes off.
"""

from __future__ import annotations

import time
from collections.abc import Callable

LOGICAL_BITS = 16


def wall_ms() -> int:
    return time.time_ns() // 1_000_000


def stamp_ms(stamp: int) -> int:
    """The wall-clock part of a stamp, in milliseconds since the epoch."""
    return stamp >> LOGICAL_BITS


class HybridClock:
    def __init__(self, last: int = 0, now: Callable[[], int] = wall_ms) -> None:
        self.last = last
        self._now = now

    def tick(self) -> int:
        """A new stamp for a local change."""
        candidate = self._now() << LOGICAL_BITS
        self.last = candidate if candidate > self.last else self.last + 1
        return self.last

    def observe(self, remote: int) -> int:
        """Take in a stamp seen elsewhere; returns how far (ms) it is ahead of our wall clock."""
        self.last = max(self.last, remote)
        return stamp_ms(remote) - self._now()
