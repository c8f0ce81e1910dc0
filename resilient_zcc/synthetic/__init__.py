"""A large synthetic region for benchmarks: invented organisations, people and numbers.

Rows go straight to `tx.put` (no per-row validation) in chunks of people per transaction;
values are already in stored form (phones as E.164 from obviously fake series). Numbers
repeat across people: uniqueness is not needed for a benchmark, fakeness is.
"""

from __future__ import annotations

import random
import uuid
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from ..contacts.vocabulary import SECTORS, UNCLASSIFIED
from ..demo import FIRST_NAMES, SURNAMES
from ..errors import ValidationError

_SECTORS = [code for code in SECTORS if code != UNCLASSIFIED]  # a real list's sectors

if TYPE_CHECKING:
    from ..changelog import Transaction
    from ..store import Store

REGION = "Synthetisch"
CHUNK = 2_000  # people per transaction
STALE_SHARE = 0.10
INITIALS = "ABCDEFGHIJKLMNOPRSTVW"

# Place, E.164 prefix of an invented landline series: +31 53 123 xxxx is 053-123 xxxx,
# +31 546 123 xxx is 0546-123 xxx. Dutch numbers have nine digits after +31.
CITIES: tuple[tuple[str, str], ...] = (
    ("Enschede", "+3153123"),
    ("Hengelo", "+3174123"),
    ("Almelo", "+31546123"),
    ("Oldenzaal", "+31541123"),
    ("Rijssen", "+31548123"),
    ("Goor", "+31547123"),
)
NL_NUMBER_LENGTH = len("+31612345678")
MOBILE_PREFIX = "+3161234"  # 06-1234 xxxx
PIKET_PREFIX = "+3161235"  # 06-1235 xxxx
ORG_WORDS: tuple[str, ...] = (
    "Voorbeeld",
    "Proef",
    "Oefen",
    "Test",
    "Demo",
    "Fictief",
    "Nep",
    "Verzonnen",
)
ORG_KINDS: dict[str, str] = {
    "ziekenhuis": "Ziekenhuis",
    "huisartsen": "Huisartsenpost",
    "ambulance": "Ambulancedienst",
    "vvt": "Zorggroep",
    "ggz": "GGZ-instelling",
    "ghz": "Gehandicaptenzorg",
    "informele_zorg": "Mantelzorgsteunpunt",
    "apotheek": "Apotheek",
    "zbc": "Kliniek",
    "rode_kruis": "Rode Kruis-afdeling",
    "defensie": "Defensie-eenheid",
    "gemeente": "Gemeente",
    "coordinatie": "Coördinatiebureau",
    "leverancier": "Leverancier",
}
# (function name, code) per organisation; people are spread over them.
FUNCTIONS: tuple[tuple[str, str], ...] = (
    ("Crisiscoördinator", "crisiscoordinator"),
    ("Piket", "piket"),
    ("Teamleider bereikbaarheid", "teamleider"),
)


def generate_synthetic_region(store: Store, contacts: int = 20_000, seed: int = 7) -> int:
    """Write about contacts/10 organisations and `contacts` people; returns the people count."""
    if contacts < 1:
        raise ValidationError("A synthetic region needs at least one contact.")
    generator = _Generator(seed)
    org_count = max(1, contacts // 10)
    for start in range(0, org_count, CHUNK):
        with store.transaction() as tx:
            for index in range(start, min(start + CHUNK, org_count)):
                generator.organisation(tx, index)
    for start in range(0, contacts, CHUNK):
        with store.transaction() as tx:
            for index in range(start, min(start + CHUNK, contacts)):
                generator.person(tx, index)
    return contacts


class _Generator:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.now = datetime.now(UTC)
        self.orgs: list[tuple[str, int, list[str]]] = []  # id, city index, function ids

    def new_id(self) -> str:
        """A UUID4-shaped id drawn from the seeded generator: same seed, same ids."""
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def organisation(self, tx: Transaction, index: int) -> None:
        rng = self.rng
        sector = _SECTORS[index % len(_SECTORS)]
        city = rng.randrange(len(CITIES))
        org_id = self.new_id()
        word = rng.choice(ORG_WORDS)
        tx.put(
            "organisations",
            org_id,
            {
                "name": f"{ORG_KINDS[sector]} {word} {index + 1:05d} (synthetisch)",
                "short_name": f"{word[:3].upper()}{index + 1:05d}",
                "sector": sector,
                "region": REGION,
                "city": CITIES[city][0],
            },
        )
        function_ids = []
        for name, code in FUNCTIONS:
            function_id = self.new_id()
            tx.put(
                "functions",
                function_id,
                {
                    "name": name,
                    "code": code,
                    "organisation_id": org_id,
                    "description": "",
                },
            )
            function_ids.append(function_id)
            if code == "piket":
                tx.put(
                    "channels",
                    self.new_id(),
                    {
                        "owner_type": "function",
                        "owner_id": function_id,
                        "kind": "piket",
                        "value": _number(rng, PIKET_PREFIX),
                        "fallback_order": 1,
                        "availability": "rota",
                        "note": "",
                    },
                )
        self.orgs.append((org_id, city, function_ids))

    def person(self, tx: Transaction, index: int) -> None:
        rng = self.rng
        org_id, city, function_ids = self.orgs[index % len(self.orgs)]
        first, last = rng.choice(FIRST_NAMES), rng.choice(SURNAMES)
        name = f"{first} {rng.choice(INITIALS)}. {last}"
        person_id = self.new_id()
        values: dict[str, str | None] = {
            "name": name,
            "organisation_id": org_id,
            "notes": "Synthetisch contact",
        }
        if rng.random() < STALE_SHARE:
            if rng.random() < 0.5:
                values["last_verified_at"] = _iso(self.now - timedelta(days=rng.uniform(100, 400)))
                values["last_verified_by"] = "Synthetische generator"
        else:
            values["last_verified_at"] = _iso(self.now - timedelta(days=rng.uniform(0, 60)))
            values["last_verified_by"] = "Synthetische generator"
        tx.put("people", person_id, values)
        # The first of each organisation coordinates; the rest spread over the functions.
        function_id = function_ids[min(index // len(self.orgs), len(function_ids) - 1)]
        tx.put("roles", self.new_id(), {"person_id": person_id, "function_id": function_id})
        local = f"{first}.{last}".lower().replace(" ", "")
        channels = [
            ("mobile", _number(rng, MOBILE_PREFIX), "24/7"),
            ("email", f"{local}.{index}@voorbeeld.invalid", "office_hours"),
        ]
        if rng.random() < 0.5:
            channels.insert(0, ("direct", _number(rng, CITIES[city][1]), "office_hours"))
        for order, (kind, value, availability) in enumerate(channels, start=1):
            tx.put(
                "channels",
                self.new_id(),
                {
                    "owner_type": "person",
                    "owner_id": person_id,
                    "kind": kind,
                    "value": value,
                    "fallback_order": order,
                    "availability": availability,
                    "note": "",
                },
            )


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def _number(rng: random.Random, prefix: str) -> str:
    """A Dutch number in E.164 from the series `prefix`; the rest of the digits random."""
    free = NL_NUMBER_LENGTH - len(prefix)
    return f"{prefix}{rng.randrange(10**free):0{free}d}"
