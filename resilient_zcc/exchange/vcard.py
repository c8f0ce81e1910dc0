"""vCard 4.0 (RFC 6350) with vobject, so a list goes into a phone or an e-mail client.

vobject 0.9.9 implements vCard 3.0; we set VERSION:4.0 and use only properties whose syntax
is the same in 4.0 (FN, N, ORG, TITLE, EMAIL, NOTE, UID, REV, KIND) plus TEL as a `tel:` URI
with VALUE=uri and a numeric PREF (the fallback order), as RFC 6350 prescribes. vobject
folds lines at 75 octets and writes CRLF; tests parse the output back with vobject and check
the 4.0 rules line by line.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

import vobject

from ..contacts.names import parse_name, sort_key
from ..contacts.queries import contact_cards
from ..contacts.vocabulary import CHANNEL_KINDS, PHONE_KINDS

if TYPE_CHECKING:
    from ..store import Store

TEL_TYPES = {
    "direct": ["work", "voice"],
    "mobile": ["cell", "voice"],
    "piket": ["work", "voice", "pager"],
    "satellite": ["voice"],
}


def person_vcard(card: object, now: datetime) -> str:
    from ..contacts.queries import ContactCard

    assert isinstance(card, ContactCard)
    v = vobject.vCard()
    v.add("version").value = "4.0"
    v.add("kind").value = "individual"
    v.add("uid").value = f"urn:uuid:{card.id}"
    v.add("fn").value = card.name
    parts = parse_name(card.name)
    n = v.add("n")
    n.value = vobject.vcard.Name(family=parts.family_name, given=parts.given, prefix=parts.titles)
    if parts.infix:  # RFC 6350 SORT-AS: Dutch lists sort 'van der Berg' under B
        n.params["SORT-AS"] = [f"{parts.family} {parts.infix}".strip()]
    if card.organisation:
        v.add("org").value = [card.organisation]
    if card.functions:
        v.add("title").value = ", ".join(card.functions)
    notes = [card.notes] if card.notes else []
    for position, channel in enumerate(card.channels, start=1):
        pref = str(min(position, 100))
        if channel.kind in PHONE_KINDS:
            tel = v.add("tel")
            tel.value = f"tel:{channel.value}"
            tel.params["VALUE"] = ["uri"]
            tel.params["TYPE"] = TEL_TYPES[channel.kind]
            tel.params["PREF"] = [pref]
        elif channel.kind == "email":
            email = v.add("email")
            email.value = channel.value
            email.params["TYPE"] = ["work"]
            email.params["PREF"] = [pref]
        else:
            notes.append(f"{CHANNEL_KINDS[channel.kind][0]}: {channel.value}")
    if notes:
        v.add("note").value = "\n".join(notes)
    v.add("rev").value = now.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    return str(v.serialize())


def contacts_vcf(store: Store, now: datetime | None = None) -> bytes:
    """Every contact as one vCard 4.0 each, in one .vcf file (UTF-8)."""
    now = now or datetime.now(UTC)
    rows = store.query("SELECT id, name FROM people WHERE deleted = 0 ORDER BY id")
    ids = [r["id"] for r in sorted(rows, key=lambda r: (sort_key(r["name"]), r["id"]))]
    return "".join(person_vcard(card, now) for card in contact_cards(store, ids, now)).encode()
