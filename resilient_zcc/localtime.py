"""The region's wall clock: rotas, reporting times and messages speak Amsterdam time."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def local_text(iso: str) -> str:
    """A stored UTC time as Dutch users read it: '14-03-2026 09:30'."""
    return datetime.fromisoformat(iso).astimezone(AMSTERDAM).strftime("%d-%m-%Y %H:%M")


def duration_text(minutes: int, lang: str) -> str:
    """An age as people say it: '45 min', '3 u 05 min', '2 d 4 u' ('h' in English)."""
    hour = "u" if lang == "nl" else "h"
    if minutes < 60:
        return f"{max(minutes, 0)} min"
    if minutes < 48 * 60:
        return f"{minutes // 60} {hour} {minutes % 60:02d} min"
    return f"{minutes // 1440} d {minutes % 1440 // 60} {hour}"
