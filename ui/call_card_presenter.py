"""What a call card shows, without Qt: the number to dial first, large, and the fallbacks.

The order follows the core's who-to-call answer: the person's own channels in fallback
order, then the channels of the functions they hold (the piket phone). The clipboard guard
remembers what the app put on the clipboard, so clearing it later never wipes something
the user copied elsewhere since.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from resilient_zcc.contacts.queries import Channel, ContactCard
from resilient_zcc.contacts.vocabulary import CHANNEL_KINDS, PHONE_KINDS, label
from resilient_zcc.contacts.who import WhoEntry

from .i18n import add_catalogue, language, tr

add_catalogue(
    {
        "via {function}": "via {function}",
        "no phone number": "geen telefoonnummer",
    }
)


@dataclass(frozen=True)
class CallLine:
    label: str  # the channel kind, in the current language
    text: str  # what to read: a national number, a talk group, an address
    dialable: str | None  # the whole number in dialable form (E.164), for phones
    note: str


@dataclass(frozen=True)
class CallCardModel:
    name: str
    subtitle: str  # function(s) and organisation
    on_duty: bool
    stale: bool
    number: CallLine | None  # the first number to dial
    fallbacks: tuple[CallLine, ...]  # every other channel, in fallback order

    @property
    def copy_text(self) -> str:
        """What the copy action puts on the clipboard: the whole dialable number."""
        return self.number.dialable or "" if self.number else ""

    @property
    def headline(self) -> str:
        return self.number.text if self.number else tr("no phone number")


def _split(lines: list[CallLine]) -> tuple[CallLine | None, tuple[CallLine, ...]]:
    first = next((line for line in lines if line.dialable), None)
    return first, tuple(line for line in lines if line is not first)


def _subtitle(functions: str, organisation: str) -> str:
    return " — ".join(part for part in (functions, organisation) if part)


def _line(channel: Channel) -> CallLine:
    note = channel.note
    if channel.via_function:
        via = tr("via {function}", function=channel.via_function)
        note = f"{via}; {note}" if note else via
    return CallLine(
        label(CHANNEL_KINDS, channel.kind, language()),
        channel.display,
        channel.value if channel.kind in PHONE_KINDS else None,
        note,
    )


def from_contact(card: ContactCard) -> CallCardModel:
    """A person's card: own channels first (as the who-to-call answer), then functions'."""
    channels = sorted(card.channels, key=lambda c: c.via_function is not None)
    number, fallbacks = _split([_line(c) for c in channels])
    return CallCardModel(
        card.name,
        _subtitle(", ".join(card.on_duty or card.functions), card.organisation),
        bool(card.on_duty),
        card.stale,
        number,
        fallbacks,
    )


def from_who(entry: WhoEntry) -> CallCardModel:
    """One entry of the who-to-call answer, as the core ordered its channels."""
    lines = [CallLine(c.label, c.display, c.dialable, c.note) for c in entry.channels]
    number, fallbacks = _split(lines)
    return CallCardModel(
        entry.name,
        _subtitle(entry.function, entry.organisation),
        entry.on_duty,
        entry.stale,
        number,
        fallbacks,
    )


class ClipboardGuard:
    """Puts text on a clipboard; `clear` empties it only if it still holds that text."""

    def __init__(self, read: Callable[[], str], write: Callable[[str], None]) -> None:
        self.read = read
        self.write = write
        self.placed: str | None = None

    def put(self, text: str) -> None:
        self.write(text)
        self.placed = text

    def clear(self) -> bool:
        """True when it wiped what it had put there."""
        placed, self.placed = self.placed, None
        if placed and self.read() == placed:
            self.write("")
            return True
        return False
