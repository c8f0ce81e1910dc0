"""How times and ages read on screen, in the user's language."""

from __future__ import annotations

from datetime import UTC, datetime

from resilient_zcc.localtime import duration_text

from .i18n import language, tr


def local(iso: str | None) -> str:
    if not iso:
        return tr("never")
    return datetime.fromisoformat(iso).astimezone().strftime("%d-%m-%Y %H:%M")


def age(iso: str | None, now: datetime | None = None) -> str:
    """How long ago `iso` was, e.g. '4 u 12 min' in Dutch, '4 h 12 min' in English."""
    if not iso:
        return tr("never")
    delta = (now or datetime.now(UTC)) - datetime.fromisoformat(iso)
    return duration(int(delta.total_seconds() // 60))


def duration(minutes: int) -> str:
    return duration_text(minutes, language())


def when_and_age(iso: str | None) -> str:
    if not iso:
        return tr("never")
    return tr("{when} ({age} ago)", when=local(iso), age=age(iso))
