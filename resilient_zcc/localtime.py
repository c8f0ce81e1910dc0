"""The region's wall clock: rotas, reporting times and messages speak Amsterdam time."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def local_text(iso: str) -> str:
    """A stored UTC time as Dutch users read it: '14-03-2026 09:30'."""
    return datetime.fromisoformat(iso).astimezone(AMSTERDAM).strftime("%d-%m-%Y %H:%M")
