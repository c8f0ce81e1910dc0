"""The change log: every write becomes signed, mergeable changes in the same transaction.

A change is one write to one row: (device, counter) is its identity, an HLC stamp orders it,
and its payload holds the new value of each column it sets. Merging is last-writer-wins per
column by (HLC, device id), so any peer that has seen the same changes holds the same rows,
in whatever order they came. Changes committed together form a batch that the authoring
device signs with its Ed25519 key; relays pass the author's signature on unchanged.

Redactable tables (patient data that the retention purge removes) are signed by a salted
digest of each change's payload rather than the payload itself: a purged change becomes a
marker `{"_redacted": digest}`, its fields left out, and its batch still verifies, so the
rest of the batch travels on under the author's own signature (see ARCHITECTURE.md).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from . import schema
from .errors import BadBatch, ValidationError, full_disk_read_only, translated_errors
from .hlc import HybridClock, stamp_ms
from .i18n import Text
from .identity import device_id_for, verify

if TYPE_CHECKING:
    from .store import Store

Value = str | int | float | None
BATCH_DOMAIN = b"resilient-zcc batch v1\n"  # every payload signed as it is (older batches)
BATCH_DOMAIN_V2 = b"resilient-zcc batch v2\n"  # redactable tables signed by digest
# Tables whose rows the retention purge redacts (placements/retention.py).
REDACTABLE = frozenset({"placement_requests", "placement_events"})
SALT = "_salt"  # random per change, so a digest cannot be checked against a guessed value
REDACTED = "_redacted"  # a purged change: the digest of the payload it replaced


@dataclass(frozen=True)
class Change:
    counter: int
    hlc: int
    table: str
    row_id: str
    payload: str  # JSON object {column: value}, kept as text so signatures verify exactly

    @functools.cached_property
    def values(self) -> dict[str, Value]:
        """The payload parsed (once: checking and merging both read it); do not modify."""
        values: dict[str, Value] = json.loads(self.payload)
        if self.table in REDACTABLE and isinstance(values, dict):
            return {k: v for k, v in values.items() if k not in (SALT, REDACTED)}
        return values

    @property
    def redacted(self) -> bool:
        """Whether the retention purge left this change's fields out (a marker)."""
        return self.table in REDACTABLE and self.payload.startswith('{"' + REDACTED + '"')

    def signed_form(self) -> str:
        """What the author's v2 signature covers for this change."""
        if self.table not in REDACTABLE:
            return self.payload
        if self.redacted:
            with contextlib.suppress(ValueError, TypeError, KeyError):
                return str(json.loads(self.payload)[REDACTED])
        return hashlib.sha256(self.payload.encode("utf-8")).hexdigest()

    def as_marker(self) -> str:
        """The payload that replaces this one when the retention purge removes its fields."""
        if self.redacted:
            return self.payload
        # Only a salted payload's digest is kept: an unsalted one could confirm a guess.
        digest = self.signed_form() if f'"{SALT}"' in self.payload else None
        return encode_payload({REDACTED: digest})


@dataclass(frozen=True)
class Batch:
    """Changes one device committed together, with that device's signature over them."""

    device_id: str
    public_key: bytes
    schema: int
    changes: tuple[Change, ...]
    signature: bytes = b""

    def message(self) -> bytes:
        """What the author signs: redactable changes by digest, so a purge keeps it valid."""
        body = [
            self.device_id,
            self.schema,
            # signed_form() only where it differs from the payload: this runs for every
            # change of every merge, and a call per change costs the merge a few percent
            [
                [
                    c.counter,
                    c.hlc,
                    c.table,
                    c.row_id,
                    c.signed_form() if c.table in REDACTABLE else c.payload,
                ]
                for c in self.changes
            ],
        ]
        return BATCH_DOMAIN_V2 + json.dumps(body, separators=(",", ":")).encode("utf-8")

    def legacy_message(self) -> bytes:
        """The v1 form, every payload as it is: batches signed before v2 still verify."""
        body = [
            self.device_id,
            self.schema,
            [[c.counter, c.hlc, c.table, c.row_id, c.payload] for c in self.changes],
        ]
        return BATCH_DOMAIN + json.dumps(body, separators=(",", ":")).encode("utf-8")

    def is_authentic(self) -> bool:
        if device_id_for(self.public_key) != self.device_id:
            return False
        return verify(self.public_key, self.signature, self.message()) or verify(
            self.public_key, self.signature, self.legacy_message()
        )


@dataclass(frozen=True)
class AuditEntry:
    device_id: str
    device_label: str
    counter: int
    hlc: int
    table: str
    row_id: str
    column: str
    value: Value

    @property
    def at_ms(self) -> int:
        return stamp_ms(self.hlc)


@dataclass
class ApplyReport:
    applied: int = 0  # changes new to this store
    duplicates: int = 0  # changes it already had
    max_clock_ahead_ms: int = 0  # how far the newest stamp was ahead of our wall clock


_ENCODER = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False)


def encode_payload(values: dict[str, Value]) -> str:
    return _ENCODER.encode(values)


class Transaction:
    """The writer handed out by `Store.transaction()`; `put` and `delete` are the only writes."""

    def __init__(self, log: ChangeLog) -> None:
        self._log = log
        self.rows: list[tuple[int, int, int, str, str, str]] = []
        self.touched: set[tuple[str, str]] = set()
        self.unrefreshed: set[tuple[str, str]] = set()  # touched since derived state caught up

    def put(self, table: str, row_id: str, values: dict[str, Any]) -> None:
        """Set columns of a row (creating it if needed), recording the change."""
        log = self._log
        sql, clock_template = log.upsert_sql(table, tuple(values))  # checks the names
        if table in schema.APPEND_ONLY and (
            log.exists(table, row_id) or (table, row_id) in self.touched
        ):
            raise ValidationError(
                "Entries in {table} are never changed once written; add a new entry instead.",
                table=table,
            )
        params = tuple(values.values())
        if not _PLAIN_TYPES.issuperset(map(type, params)):
            params = tuple(_plain(value, table, name) for name, value in values.items())
            values = dict(zip(values, params, strict=True))
        stamp = log.clock.tick()
        try:
            log.conn.execute(
                sql, (row_id, *params, clock_template.format(f"[{stamp},{log.origin}]"))
            )
        except OverflowError as exc:  # an int beyond SQLite's 64 bits (checked only then)
            name, value = next(((n, v) for n, v in values.items() if _too_large(v)), ("?", "?"))
            raise ValidationError(
                "{table}.{column}: the number {value} is too large to store.",
                table=table,
                column=name,
                value=value,
            ) from exc
        log.counter += 1
        if table in REDACTABLE:
            values = {**values, SALT: os.urandom(12).hex()}
        self.rows.append((log.origin, log.counter, stamp, table, row_id, _ENCODER.encode(values)))
        key = (table, row_id)
        self.touched.add(key)
        self.unrefreshed.add(key)

    def touch(self, table: str, row_id: str) -> None:
        self.touched.add((table, row_id))
        self.unrefreshed.add((table, row_id))

    def delete(self, table: str, row_id: str) -> None:
        """Deletes are tombstones, so that a late edit elsewhere cannot resurrect a row."""
        self.put(table, row_id, {"deleted": 1})


class ChangeLog:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.conn = store.conn
        self.columns = schema.replicated_columns(self.conn)
        self.required = schema.required_columns(self.conn)
        self.origin = self.origin_for(store.identity.device_id, store.identity.public_key)
        row = self.conn.execute(
            "SELECT max(counter) FROM changes WHERE origin = ?", (self.origin,)
        ).fetchone()
        self.counter = int(row[0] or 0)
        # Each batch keeps its newest stamp: far fewer rows to read than the changes.
        last = self.conn.execute("SELECT max(hlc) FROM batches").fetchone()[0]
        self.clock = HybridClock(int(last or 0))
        self._upserts: dict[tuple[str, tuple[str, ...]], tuple[str, str]] = {}
        # (table, columns) a peer's change was checked against -> its NOT NULL columns
        self._checked_shapes: dict[tuple[str, tuple[str, ...]], tuple[str, ...]] = {}
        self._device_ids: dict[int, str] = {}
        self._current: Transaction | None = None
        self._refreshing = False

    # --- local writes --------------------------------------------------------------------

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Transaction]:
        if self._current is not None:  # nested: part of the enclosing user action
            yield self._current
            return
        if self.store.read_only:
            raise full_disk_read_only()
        tx = Transaction(self)
        with translated_errors(self.store.db_file):
            self.conn.execute("BEGIN IMMEDIATE")
            self._catch_up()
            counter_before = self.counter
            self._current = tx
            try:
                yield tx
                self.refresh_derived()  # first: a derived index may itself write (conflicts)
                if tx.rows:
                    self._record(tx.rows)
                self.conn.execute("COMMIT")
            except BaseException:
                self.counter = counter_before
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise
            finally:
                self._current = None

    def _catch_up(self) -> None:
        """Take in what another process on this profile wrote (e.g. `sync serve` beside the
        desktop): our next counter and stamp follow theirs. Two indexed lookups."""
        row = self.conn.execute(
            "SELECT max(counter) FROM changes WHERE origin = ?", (self.origin,)
        ).fetchone()
        self.counter = max(self.counter, int(row[0] or 0))
        last = self.conn.execute(
            "SELECT hlc FROM batches WHERE origin = ? ORDER BY last_counter DESC LIMIT 1",
            (self.origin,),
        ).fetchone()
        self.clock.last = max(self.clock.last, int(last[0]) if last else 0)

    def refresh_derived(self) -> None:
        """Bring derived tables up to the writes of the open transaction (read your writes).

        Runs at commit and before every query inside a transaction. A hook that writes (the
        conflict detector) touches rows in turn, so this repeats until nothing is left.
        """
        tx = self._current
        if tx is None or self._refreshing:
            return
        self._refreshing = True
        try:
            for _round in range(5):
                if not tx.unrefreshed:
                    return
                batch, tx.unrefreshed = tx.unrefreshed, set()
                self.store.refresh_derived(batch)
        finally:
            self._refreshing = False

    def _record(self, rows: list[tuple[int, int, int, str, str, str]]) -> None:
        self.conn.executemany("INSERT INTO changes VALUES (?, ?, ?, ?, ?, ?)", rows)
        identity = self.store.identity
        batch = Batch(
            identity.device_id,
            identity.public_key,
            schema.LATEST,
            tuple(Change(*row[1:]) for row in rows),
        )
        self.conn.execute(
            "INSERT INTO batches VALUES (?, ?, ?, ?, ?, ?)",
            (
                self.origin,
                rows[0][1],
                rows[-1][1],
                rows[-1][2],
                schema.LATEST,
                identity.sign(batch.message()),
            ),
        )

    def columns_of(self, table: str, values: dict[str, Any]) -> tuple[str, ...]:
        known = self.columns.get(table)
        if known is None:
            raise ValidationError("'{table}' is not a table that can be written.", table=table)
        unknown = set(values) - known
        if unknown:
            raise ValidationError(
                "{table} has no column {columns}.", table=table, columns=", ".join(sorted(unknown))
            )
        if not values:
            raise ValidationError("A write to {table} must set at least one column.", table=table)
        return tuple(values)

    def upsert_sql(self, table: str, columns: tuple[str, ...]) -> tuple[str, str]:
        """The upsert for these columns, and a template for their `_clock` JSON."""
        key = (table, columns)
        cached = self._upserts.get(key)
        if cached is None:
            self.columns_of(table, dict.fromkeys(columns))
            names = ", ".join(columns)
            marks = ", ".join("?" for _ in columns)
            sets = ", ".join(f"{c} = excluded.{c}" for c in columns)
            sql = (
                f"INSERT INTO {table} (id, {names}, _clock) VALUES (?, {marks}, ?) "
                f"ON CONFLICT(id) DO UPDATE SET {sets}, "
                f"_clock = json_patch({table}._clock, excluded._clock)"
            )
            # Column names are checked identifiers, so they need no JSON escaping.
            template = "{{" + ",".join(f'"{c}":{{0}}' for c in columns) + "}}"
            cached = self._upserts[key] = (sql, template)
        return cached

    # --- peers ---------------------------------------------------------------------------

    def origin_for(self, device_id: str, public_key: bytes) -> int:
        """The local number standing for a device in the log (ids are 64 characters long)."""
        known = self._known_origin(device_id)
        if known is not None:
            return known
        cursor = self.conn.execute(
            "INSERT INTO peers (device_id, public_key) VALUES (?, ?)", (device_id, public_key)
        )
        return int(cursor.lastrowid or 0)

    def _known_origin(self, device_id: str) -> int | None:
        row = self.conn.execute(
            "SELECT origin FROM peers WHERE device_id = ?", (device_id,)
        ).fetchone()
        return int(row[0]) if row else None

    def device_id_of(self, origin: int) -> str:
        if origin not in self._device_ids:
            row = self.conn.execute(
                "SELECT device_id FROM peers WHERE origin = ?", (origin,)
            ).fetchone()
            self._device_ids[origin] = row[0]
        return self._device_ids[origin]

    # --- replication ---------------------------------------------------------------------

    def version_vector(self) -> dict[str, int]:
        """Per device, the highest counter up to which this store holds every change."""
        vector = {}
        rows = self.conn.execute(
            "SELECT origin, max(counter), count(*) FROM changes GROUP BY origin"
        ).fetchall()
        for origin, highest, count in rows:
            if highest != count:  # a gap: the unbroken run from 1 ends before it
                highest = self._end_of_first_run(origin) if self._has(origin, 1) else 0
            vector[self.device_id_of(origin)] = int(highest)
        return vector

    def _end_of_first_run(self, origin: int) -> int:
        row = self.conn.execute(
            "SELECT min(counter) FROM changes c WHERE origin = ? AND NOT EXISTS "
            "(SELECT 1 FROM changes n WHERE n.origin = c.origin AND n.counter = c.counter + 1)",
            (origin,),
        ).fetchone()
        return int(row[0])

    def exists(self, table: str, row_id: str) -> bool:
        return bool(self.conn.execute(f"SELECT 1 FROM {table} WHERE id = ?", (row_id,)).fetchone())

    def _differs(self, change: Change) -> bool:
        """Whether the change would alter an existing row (re-stating its values is fine)."""
        values = change.values  # already checked against the schema
        row = self.conn.execute(
            f"SELECT {', '.join(values)} FROM {change.table} WHERE id = ?", (change.row_id,)
        ).fetchone()
        return row is not None and tuple(row) != tuple(values.values())

    def _has(self, origin: int, counter: int) -> bool:
        return bool(
            self.conn.execute(
                "SELECT 1 FROM changes WHERE origin = ? AND counter = ?", (origin, counter)
            ).fetchone()
        )

    def changes_since(self, vector: dict[str, int]) -> list[Batch]:
        """Every batch holding changes the owner of `vector` lacks, oldest first."""
        return list(self.iter_changes_since(vector))

    def iter_changes_since(self, vector: dict[str, int]) -> Iterator[Batch]:
        """The same batches, read one at a time (a sender's memory stays flat)."""
        wanted = []
        for origin, device_id, public_key in self.conn.execute(
            "SELECT origin, device_id, public_key FROM peers"
        ).fetchall():
            have = vector.get(device_id, 0)
            for first, last, hlc, schema_version, signature in self.conn.execute(
                "SELECT first_counter, last_counter, hlc, schema, signature FROM batches "
                "WHERE origin = ? AND last_counter > ? ORDER BY last_counter",
                (origin, have),
            ).fetchall():
                author = (device_id, bytes(public_key))
                wanted.append((hlc, origin, first, last, schema_version, author, signature))
        wanted.sort(key=lambda w: w[0])  # by each batch's newest stamp, as they were made
        for _hlc, origin, first, last, schema_version, author, signature in wanted:
            rows = self.conn.execute(
                "SELECT counter, hlc, tbl, row_id, payload FROM changes "
                "WHERE origin = ? AND counter BETWEEN ? AND ? ORDER BY counter",
                (origin, first, last),
            ).fetchall()
            changes = tuple(Change(*row) for row in rows)
            yield Batch(author[0], author[1], schema_version, changes, bytes(signature))

    def apply_changes(
        self, batches: Iterable[Batch], accept: Callable[[str], bool] = lambda _id: True
    ) -> ApplyReport:
        """Merge batches from elsewhere; all or nothing, and nothing unless every one checks."""
        batches = list(batches)
        for batch in batches:
            self._check(batch, accept)
        try:
            return self._apply(batches)
        except OverflowError as exc:  # an int beyond SQLite's 64 bits, found only then
            author = next(
                (
                    b.device_id
                    for b in batches
                    for c in b.changes
                    if not c.redacted and any(map(_too_large, c.values.values()))
                ),
                batches[0].device_id,
            )
            raise BadBatch(
                "A change from device {device} does not fit this schema ({reason}); nothing "
                "was applied.",
                device=author[:12],
                reason=Text("a number too large to store"),
            ) from exc

    def _apply(self, batches: list[Batch]) -> ApplyReport:
        report = ApplyReport()
        with self.transaction() as tx:
            for batch in batches:
                origin = self.origin_for(batch.device_id, batch.public_key)
                held = self._held(origin, batch.changes)
                new = [c for c in batch.changes if c.counter not in held]
                report.duplicates += len(batch.changes) - len(new)
                if not new:
                    continue
                report.applied += len(new)
                self.conn.executemany(
                    "INSERT INTO changes VALUES (?, ?, ?, ?, ?, ?)",
                    [(origin, c.counter, c.hlc, c.table, c.row_id, c.payload) for c in new],
                )
                self.conn.execute(
                    "INSERT OR IGNORE INTO batches VALUES (?, ?, ?, ?, ?, ?)",
                    (
                        origin,
                        batch.changes[0].counter,
                        batch.changes[-1].counter,
                        batch.changes[-1].hlc,
                        batch.schema,
                        batch.signature,
                    ),
                )
                # markers are held, but write no row (table test inline: see _check_schema)
                new = [c for c in new if not (c.table in REDACTABLE and c.redacted)]
                if not new:
                    continue
                clocks = self._clocks(new)
                pending_sql = ""  # consecutive upserts of one shape go together
                rows: list[tuple[Value, ...]] = []
                for change in new:
                    upsert = self._merge(change, origin, batch.device_id, clocks)
                    if upsert is None:
                        continue
                    if upsert[0] != pending_sql and rows:
                        self.conn.executemany(pending_sql, rows)
                        rows = []
                    pending_sql = upsert[0]
                    rows.append(upsert[1])
                if rows:
                    self.conn.executemany(pending_sql, rows)
                touched = {(c.table, c.row_id) for c in new}
                tx.touched |= touched
                tx.unrefreshed |= touched
                ahead = self.clock.observe(max(c.hlc for c in new))
                report.max_clock_ahead_ms = max(report.max_clock_ahead_ms, ahead)
            if report.applied:
                self.conn.execute(
                    "INSERT OR REPLACE INTO local_meta (key, value) VALUES ('last_received_at', ?)",
                    (datetime.now(UTC).isoformat(timespec="seconds"),),
                )
        return report

    def last_received_at(self) -> str | None:
        """When this copy last took in changes from another device (UTC ISO), if ever."""
        row = self.conn.execute(
            "SELECT value FROM local_meta WHERE key = 'last_received_at'"
        ).fetchone()
        return str(row[0]) if row else None

    def _check(self, batch: Batch, accept: Callable[[str], bool]) -> None:
        if batch.schema > schema.LATEST:
            raise BadBatch(
                "Changes from device {device} use schema {schema}; this version knows up to "
                "{latest}. Update required; nothing was applied.",
                device=batch.device_id[:12],
                schema=batch.schema,
                latest=schema.LATEST,
            )
        if not batch.changes or not batch.is_authentic():
            raise BadBatch(
                "A batch claiming to come from device {device} has no valid "
                "signature; nothing was applied.",
                device=batch.device_id[:12],
            )
        if not accept(batch.device_id):
            raise BadBatch(
                "Device {device} is not trusted here; nothing was applied.",
                device=batch.device_id[:12],
            )
        origin = self._known_origin(batch.device_id)
        written_once: set[str] = set()
        for change in batch.changes:
            if self._check_schema(change, batch.device_id):
                continue  # a redaction marker: writes no row
            if change.table in schema.APPEND_ONLY and not (
                origin is not None and self._has(origin, change.counter)
            ):
                if change.row_id in written_once or self._differs(change):
                    raise BadBatch(
                        "A change from device {device} alters an entry of {table}, which is "
                        "never changed once written; nothing was applied.",
                        device=batch.device_id[:12],
                        table=change.table,
                    )
                written_once.add(change.row_id)

    def _check_schema(self, change: Change, device_id: str) -> bool:
        """Known table and columns, plain values, no null where the schema forbids it;
        True for a valid redaction marker (which writes no row)."""
        try:
            # the table test first, inline: most changes are of other tables, and a
            # property call per change is measurable on a merge of 100k changes
            if change.table in REDACTABLE and change.redacted:
                marker = json.loads(change.payload)
                digest = marker.get(REDACTED) if isinstance(marker, dict) else 0
                if (
                    not isinstance(digest, str | None)
                    or change.payload != encode_payload({REDACTED: digest})
                    or change.table not in self.columns
                ):
                    raise ValidationError("a malformed redaction marker")
                return True
            values = change.values
            if not isinstance(values, dict):
                raise ValidationError("not an object of column values")
            shape = (change.table, tuple(values))
            required = self._checked_shapes.get(shape)
            if required is None:  # first time this table and these columns are seen
                self.columns_of(change.table, values)
                not_null = self.required.get(change.table, frozenset())
                required = self._checked_shapes[shape] = tuple(c for c in values if c in not_null)
            if not _PLAIN_TYPES.issuperset(map(type, values.values())):
                raise ValidationError("a value that is not text, a number or null")
            missing = [c for c in required if values[c] is None]
            if missing:
                raise ValidationError(
                    "{table}.{column} may not be empty", table=change.table, column=missing[0]
                )
            return False
        except (ValueError, ValidationError) as exc:
            raise BadBatch(
                "A change from device {device} does not fit this schema ({reason}); nothing "
                "was applied.",
                device=device_id[:12],
                reason=exc,
            ) from exc

    def _held(self, origin: int, changes: tuple[Change, ...]) -> set[int]:
        """Which of these counters this store already holds (one range query per batch)."""
        counters = [c.counter for c in changes]
        return {
            row[0]
            for row in self.conn.execute(
                "SELECT counter FROM changes WHERE origin = ? AND counter BETWEEN ? AND ?",
                (origin, min(counters), max(counters)),
            )
        }

    def _clocks(self, changes: list[Change]) -> dict[tuple[str, str], dict[str, list[int]]]:
        """The current `_clock` of every row these changes touch, one query per table."""
        by_table: dict[str, set[str]] = {}
        for change in changes:
            by_table.setdefault(change.table, set()).add(change.row_id)
        clocks: dict[tuple[str, str], dict[str, list[int]]] = {}
        for table, ids in by_table.items():
            for row_id, clock in self.conn.execute(
                f"SELECT id, _clock FROM {table} WHERE id IN (SELECT value FROM json_each(?))",
                (json.dumps(sorted(ids)),),
            ):
                clocks[(table, row_id)] = json.loads(clock)
        return clocks

    def _merge(
        self,
        change: Change,
        origin: int,
        device_id: str,
        clocks: dict[tuple[str, str], dict[str, list[int]]],
    ) -> tuple[str, tuple[Value, ...]] | None:
        """Last writer wins, column by column, by (HLC, device id): the upsert to run."""
        values = change.values
        clock = clocks.setdefault((change.table, change.row_id), {})
        incoming = (change.hlc, device_id)
        winners = {
            name: value
            for name, value in values.items()
            if name not in clock or incoming > (clock[name][0], self.device_id_of(clock[name][1]))
        }
        if not winners:
            return None
        sql, clock_template = self.upsert_sql(change.table, tuple(winners))
        stamps = clock_template.format(f"[{change.hlc},{origin}]")
        stamp = [change.hlc, origin]
        for name in winners:
            clock[name] = stamp
        return sql, (change.row_id, *winners.values(), stamps)

    # --- audit ---------------------------------------------------------------------------

    def audit(self, row_id: str, column: str | None = None) -> list[AuditEntry]:
        """Who changed this row (or field), when, from which device: oldest first."""
        rows = self.conn.execute(
            "SELECT c.origin, c.counter, c.hlc, c.tbl, c.payload, d.label FROM changes c "
            "JOIN peers p ON p.origin = c.origin "
            "LEFT JOIN devices d ON d.id = p.device_id "
            "WHERE c.row_id = ? ORDER BY c.hlc",
            (row_id,),
        ).fetchall()
        entries = []
        for origin, counter, hlc, table, payload, label in rows:
            for name, value in json.loads(payload).items():
                if name in (SALT, REDACTED):
                    continue  # bookkeeping, not a field
                if column is None or name == column:
                    entries.append(
                        AuditEntry(
                            self.device_id_of(origin),
                            label or "",
                            counter,
                            hlc,
                            table,
                            row_id,
                            name,
                            value,
                        )
                    )
        return entries


_PLAIN_TYPES = frozenset({str, int, float, type(None)})


def _too_large(value: Any) -> bool:
    """An int SQLite cannot store (its INTEGER has 64 bits)."""
    return type(value) is int and not -(2**63) <= value < 2**63


def _plain(value: Any, table: str, column: str) -> Value:
    kind = type(value)
    if kind is str or kind is int or kind is float or value is None:
        return value
    if kind is bool:
        return int(value)
    raise ValidationError(
        "{table}.{column} cannot hold a {kind}.", table=table, column=column, kind=kind.__name__
    )
