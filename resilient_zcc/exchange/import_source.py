"""An import's source: the file read into rows, and its column mapping (guessed,
remembered from last time, or given), plus the ids new rows get."""

from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import ValidationError
from .mapping import (
    FIELDS,
    IGNORE,
    Mapping,
    field_by_name,
    guess_mapping,
    parse_mapping_option,
    signature,
)
from .tables import Table, read_table

if TYPE_CHECKING:
    from ..store import Store

NAMESPACE = uuid.UUID("0c3f0b7e-2a51-4f5e-8a0b-6b7d1e9c4a21")
_NAMESPACE_BYTES = NAMESPACE.bytes


def derived_id(kind: str, *parts: str) -> str:
    """uuid5(NAMESPACE, 'kind:part|part'), computed without building UUID objects (an
    import derives a hundred thousand of them)."""
    name = (kind + ":" + "|".join(parts)).encode("utf-8")
    raw = bytearray(hashlib.sha1(_NAMESPACE_BYTES + name, usedforsecurity=False).digest()[:16])
    raw[6] = (raw[6] & 0x0F) | 0x50  # version 5
    raw[8] = (raw[8] & 0x3F) | 0x80  # RFC 4122 variant
    h = raw.hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


@dataclass
class ImportSource:
    """A file read and its mapping: guessed, remembered from last time, or given."""

    table: Table
    mapping: Mapping
    mapping_origin: str  # 'guessed', 'remembered' or 'given'
    signature: str
    # Columns a person chose not to read (given or remembered), so not warned about.
    set_aside: set[str] = field(default_factory=set)

    def set_field(self, header: str, field_name: str) -> None:
        """Map one column to a field (a wizard's drop-down); IGNORE leaves it unread."""
        if header not in self.table.headers:
            raise ValidationError("The file has no column '{header}'.", header=header)
        found = field_by_name(field_name)
        if found is None:
            raise ValidationError(
                "Unknown field '{field}'. Fields: {fields}.",
                field=field_name,
                fields=", ".join(FIELDS),
            )
        self.mapping[header] = found
        self.mapping_origin = "given"
        if found == IGNORE:
            self.set_aside.add(header)
        else:
            self.set_aside.discard(header)

    def mapping_rows(self, examples: int = 3) -> list[dict[str, Any]]:
        """For showing: each column with its field, an example value and up to `examples`
        different ones (from the first 20 rows)."""
        found: dict[int, list[str]] = {}
        for _number, cells in self.table.data_rows()[:20]:
            for i, cell in enumerate(cells):
                seen = found.setdefault(i, [])
                if cell and cell not in seen and len(seen) < examples:
                    seen.append(cell)
        return [
            {
                "column": h,
                "field": self.mapping.get(h, IGNORE),
                "example": (found.get(i) or [""])[0],
                "examples": found.get(i, []),
            }
            for i, h in enumerate(self.table.headers)
            if h
        ]


def remembered_mapping(store: Store, sig: str) -> Mapping | None:
    row = store.query_one(
        "SELECT mapping FROM import_mappings WHERE id = ? AND deleted = 0",
        (derived_id("mapping", sig),),
    )
    if not row:
        return None
    try:
        mapping = json.loads(row["mapping"])
    except (TypeError, json.JSONDecodeError):
        return None
    return mapping if isinstance(mapping, dict) else None


def open_source(
    store: Store, path: Path, mapping_option: str | None = None, sheet: str | None = None
) -> ImportSource:
    """Read the file; the mapping is the remembered one for this header row, else guessed;
    `mapping_option` (HEADER=field,... or a JSON file) overrides single columns."""
    table = read_table(path, sheet)
    headers = table.headers
    sig = signature(headers)
    mapping = guess_mapping(headers)
    origin = "guessed"
    chosen: Mapping = {}
    remembered = remembered_mapping(store, sig)
    if remembered:
        chosen.update({h: f for h, f in remembered.items() if h in mapping and f in FIELDS})
        origin = "remembered"
    if mapping_option:
        chosen.update(parse_mapping_option(mapping_option, headers))
        origin = "given"
    mapping.update(chosen)
    set_aside = {h for h, f in chosen.items() if f == IGNORE}
    return ImportSource(table, mapping, origin, sig, set_aside)
