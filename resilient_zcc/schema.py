"""The schema, as numbered migrations; `PRAGMA user_version` records how far a database is.

Replicated tables (every domain table) share a shape: `id` (a UUID), their own columns,
`deleted` (a tombstone flag, merged like any column) and `_clock` (per column, the stamp of
the change that wrote the current value: local bookkeeping for last-writer-wins).
They declare no foreign keys: changes from several devices may arrive in any order, so a
reference can briefly point at a row that has not arrived yet.
"""

from __future__ import annotations

from collections.abc import Callable

import sqlcipher3

from .errors import SchemaTooNew

Migration = Callable[[sqlcipher3.Connection], None]

REPLICATED_SUFFIX = "deleted INTEGER NOT NULL DEFAULT 0, _clock TEXT NOT NULL DEFAULT '{}'"


def _replicated(name: str, columns: str) -> str:
    return f"CREATE TABLE {name} (id TEXT PRIMARY KEY, {columns}, {REPLICATED_SUFFIX})"


def _m1_change_log(conn: sqlcipher3.Connection) -> None:
    """Device identity, peers known by id, the change log and its signed batches."""
    # One statement at a time: executescript() would commit the migration's transaction.
    script = """
        CREATE TABLE local_meta (key TEXT PRIMARY KEY, value BLOB);
        CREATE TABLE peers (
            origin INTEGER PRIMARY KEY, device_id TEXT NOT NULL UNIQUE, public_key BLOB NOT NULL
        );
        CREATE TABLE changes (
            origin INTEGER NOT NULL, counter INTEGER NOT NULL, hlc INTEGER NOT NULL,
            tbl TEXT NOT NULL, row_id TEXT NOT NULL, payload TEXT NOT NULL,
            PRIMARY KEY (origin, counter)
        ) WITHOUT ROWID;
        CREATE INDEX changes_by_row ON changes (row_id);
        CREATE TABLE batches (
            origin INTEGER NOT NULL, first_counter INTEGER NOT NULL, last_counter INTEGER NOT NULL,
            hlc INTEGER NOT NULL, schema INTEGER NOT NULL, signature BLOB NOT NULL,
            PRIMARY KEY (origin, last_counter)
        ) WITHOUT ROWID;
        """
    for statement in script.split(";"):
        if statement.strip():
            conn.execute(statement)
    conn.execute(_replicated("devices", "label TEXT, created_at TEXT"))
    conn.execute(_replicated("settings", "value TEXT"))


def _m2_contacts(conn: sqlcipher3.Connection) -> None:
    """The key-contact directory and its full-text index."""
    for statement in (
        _replicated(
            "organisations",
            "name TEXT NOT NULL DEFAULT '', short_name TEXT, sector TEXT, region TEXT, city TEXT",
        ),
        _replicated(
            "people",
            "name TEXT NOT NULL DEFAULT '', organisation_id TEXT, "
            "notes TEXT, last_verified_at TEXT, last_verified_by TEXT",
        ),
        _replicated(
            "functions",
            "name TEXT NOT NULL DEFAULT '', code TEXT, organisation_id TEXT, description TEXT",
        ),
        _replicated("roles", "person_id TEXT, function_id TEXT"),
        _replicated(
            "rota_shifts", "function_id TEXT, person_id TEXT, starts_at TEXT, ends_at TEXT"
        ),
        _replicated(
            "channels",
            "owner_type TEXT, owner_id TEXT, kind TEXT, value TEXT, "
            "fallback_order INTEGER, availability TEXT, note TEXT",
        ),
        "CREATE INDEX people_by_org ON people (organisation_id)",
        "CREATE INDEX functions_by_org ON functions (organisation_id)",
        "CREATE INDEX roles_by_person ON roles (person_id)",
        "CREATE INDEX roles_by_function ON roles (function_id)",
        "CREATE INDEX shifts_by_function ON rota_shifts (function_id, starts_at)",
        "CREATE INDEX shifts_by_person ON rota_shifts (person_id)",
        "CREATE INDEX channels_by_owner ON channels (owner_id)",
        # Derived, rebuilt from the tables above; never replicated. FTS5 cannot look rows up
        # by an unindexed column, so each person's document number is kept beside it.
        "CREATE TABLE contact_search_docs (doc INTEGER PRIMARY KEY, person_id TEXT UNIQUE)",
        "CREATE VIRTUAL TABLE contact_search USING fts5("
        "person_id UNINDEXED, name, organisation, functions, numbers, "
        "tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3 4')",
    ):
        conn.execute(statement)


def _m3_crisis_domain(conn: sqlcipher3.Connection) -> None:
    """Crisis structure, decision log, measures, capacity, placements, fallback procedures."""
    for statement in (
        # Crisis structure. The current phase lives on the region; every change of it is also
        # a `log_entries` row of kind 'fase' (who decided, on whose advice, on which picture).
        _replicated(
            "regions",
            "name TEXT, kind TEXT, code TEXT, parent_id TEXT, "
            "phase TEXT, phase_since TEXT, phase_entry_id TEXT, "
            "noodscenario INTEGER, noodscenario_since TEXT, noodscenario_entry_id TEXT",
        ),
        _replicated(
            "log_entries",
            "region_id TEXT, kind TEXT, at TEXT, recorded_by TEXT, "
            "decided_by TEXT, advised_by TEXT, picture TEXT, text TEXT, "
            "phase_from TEXT, phase_to TEXT, corrects_id TEXT",
        ),
        _replicated(
            "escalation_steps",
            "region_id TEXT, position REAL, actor TEXT, action TEXT, function_code TEXT",
        ),
        _replicated("task_cards", "region_id TEXT, function_code TEXT, title TEXT, mandate TEXT"),
        _replicated("task_actions", "task_card_id TEXT, position REAL, text TEXT, phase_from TEXT"),
        _replicated(
            "measures",
            "code TEXT, title TEXT, description TEXT, applies_from TEXT, "
            "binding_from TEXT, source TEXT",
        ),
        _replicated(
            "region_measures",
            "region_id TEXT, measure_id TEXT, active INTEGER, since TEXT, entry_id TEXT",
        ),
        # Capacity: reports are immutable facts; the current figure is the newest per
        # location and category.
        _replicated(
            "locations",
            "organisation_id TEXT, region_id TEXT, name TEXT, "
            "address TEXT, city TEXT, features TEXT, report_time TEXT, "
            "report_every_hours INTEGER",
        ),
        _replicated("capacity_categories", "code TEXT, name TEXT, kind TEXT"),
        _replicated(
            "capacity_reports",
            "location_id TEXT, category TEXT, total INTEGER, "
            "staffed INTEGER, occupied INTEGER, available INTEGER, "
            "expected_24h INTEGER, status TEXT, reporter TEXT, source TEXT, "
            "reported_at TEXT",
        ),
        # Placement queues: only what placement needs, removed after closing (retention).
        _replicated(
            "placement_requests",
            "reference TEXT, region_id TEXT, age_band TEXT, "
            "covid_status TEXT, care_need TEXT, category TEXT, urgency TEXT, "
            "current_location TEXT, referrer_org_id TEXT, referrer_contact TEXT, "
            "wishes TEXT, treatment_limits TEXT, acp_no_ic INTEGER, "
            "acp_no_resuscitation INTEGER, acp_no_hospital INTEGER, oxygen INTEGER, "
            "hfno INTEGER, isolation INTEGER, transport TEXT, state TEXT, "
            "state_at TEXT, location_id TEXT, escalated_to TEXT, registered_at TEXT, "
            "closed_at TEXT, redacted INTEGER",
        ),
        _replicated(
            "placement_events",
            "request_id TEXT, from_state TEXT, to_state TEXT, "
            "at TEXT, by TEXT, location_id TEXT, category TEXT, reason TEXT",
        ),
        _replicated(
            "conflicts",
            "kind TEXT, location_id TEXT, category TEXT, "
            "detected_at TEXT, details TEXT, resolved_at TEXT, resolved_by TEXT, "
            "resolution TEXT",
        ),
        # Fallback procedures name functions, not people: printouts resolve them at print time.
        _replicated("procedures", "organisation_id TEXT, incident_type TEXT, title TEXT"),
        _replicated(
            "procedure_steps", "procedure_id TEXT, position REAL, function_id TEXT, text TEXT"
        ),
        "CREATE INDEX log_by_region ON log_entries (region_id, at)",
        "CREATE INDEX steps_by_region ON escalation_steps (region_id)",
        "CREATE INDEX actions_by_card ON task_actions (task_card_id)",
        "CREATE INDEX locations_by_org ON locations (organisation_id)",
        "CREATE INDEX reports_latest ON capacity_reports (location_id, category, reported_at)",
        "CREATE INDEX reports_by_category ON capacity_reports (category, reported_at)",
        "CREATE INDEX requests_by_state ON placement_requests (state)",
        "CREATE INDEX events_by_request ON placement_events (request_id, at)",
        "CREATE INDEX conflicts_by_place ON conflicts (location_id, category)",
        "CREATE INDEX procedures_by_org ON procedures (organisation_id)",
        "CREATE INDEX proc_steps_by_procedure ON procedure_steps (procedure_id)",
    ):
        conn.execute(statement)


def _m4_derived_capacity(conn: sqlcipher3.Connection) -> None:
    """Derived, local tables kept current after every transaction (local or merged):
    the newest report per location and category, and the places requests hold now."""
    conn.execute(
        "CREATE TABLE capacity_current (location_id TEXT NOT NULL, category TEXT NOT NULL, "
        "report_id TEXT NOT NULL, PRIMARY KEY (location_id, category)) WITHOUT ROWID"
    )
    conn.execute("CREATE INDEX current_by_category ON capacity_current (category)")
    conn.execute(
        "INSERT INTO capacity_current SELECT g.location_id, g.category, ("
        "SELECT x.id FROM capacity_reports x WHERE x.location_id = g.location_id "
        "AND x.category = g.category AND x.deleted = 0 ORDER BY x.reported_at DESC, x.id DESC "
        "LIMIT 1) FROM (SELECT DISTINCT location_id, category FROM capacity_reports "
        "WHERE deleted = 0) g"
    )
    conn.execute(
        "CREATE TABLE placement_holds (request_id TEXT PRIMARY KEY, location_id TEXT NOT NULL, "
        "category TEXT NOT NULL, offered_at TEXT NOT NULL, state TEXT NOT NULL) WITHOUT ROWID"
    )
    conn.execute("CREATE INDEX holds_by_place ON placement_holds (category, location_id)")
    conn.execute(
        "INSERT INTO placement_holds SELECT r.id, r.location_id, e.category, e.at, r.state "
        "FROM placement_requests r JOIN placement_events e ON e.id = ("
        "SELECT x.id FROM placement_events x WHERE x.request_id = r.id "
        "AND x.to_state = 'plaats_aangeboden' AND x.location_id = r.location_id "
        "AND x.deleted = 0 ORDER BY x.at DESC, x.id DESC LIMIT 1) WHERE r.deleted = 0 AND "
        "r.state IN ('plaats_aangeboden', 'geaccepteerd', 'vervoer_geregeld', 'geplaatst')"
    )


def _m5_start_up(conn: sqlcipher3.Connection) -> None:
    """What opening the window on a large region reads, from a few pages instead of many.

    The file is encrypted, so every page a query touches is decrypted first: the dashboard's
    counts and maxima come from indexes, and the current capacity figures carry their
    report's numbers instead of pointing into the large report table.
    """
    from .capacity.current import ALL_PAIRS, fill_current

    conn.execute("CREATE INDEX reports_by_time ON capacity_reports (reported_at)")
    conn.execute("CREATE INDEX people_by_verified ON people (deleted, last_verified_at)")
    conn.execute("DROP INDEX requests_by_state")  # counting the queue reads the index alone
    conn.execute("CREATE INDEX requests_by_state ON placement_requests (state, deleted)")
    conn.execute("DROP TABLE capacity_current")
    conn.execute(
        "CREATE TABLE capacity_current (location_id TEXT NOT NULL, category TEXT NOT NULL, "
        "report_id TEXT NOT NULL, total INTEGER, staffed INTEGER, occupied INTEGER, "
        "available INTEGER, expected_24h INTEGER, status TEXT, reporter TEXT, source TEXT, "
        "reported_at TEXT, PRIMARY KEY (location_id, category)) WITHOUT ROWID"
    )
    conn.execute("CREATE INDEX current_by_category ON capacity_current (category)")
    fill_current(conn, ALL_PAIRS)


def _m6_print_log(conn: sqlcipher3.Connection) -> None:
    """Device-local, never replicated: which sheets this device printed, on which data
    version, and the blocks of paper form numbers it reserved (so numbers never repeat)."""
    conn.execute(
        "CREATE TABLE print_log (id INTEGER PRIMARY KEY, sheet TEXT NOT NULL, "
        "scope TEXT NOT NULL, scope_label TEXT NOT NULL DEFAULT '', lang TEXT NOT NULL, "
        "printed_at TEXT NOT NULL, data_as_of TEXT, version_vector TEXT NOT NULL, "
        "covers TEXT NOT NULL DEFAULT '[]', "
        "pages INTEGER, file TEXT)"
    )
    conn.execute("CREATE INDEX print_log_by_sheet ON print_log (sheet, scope, printed_at)")
    conn.execute(
        "CREATE TABLE form_number_blocks (first INTEGER PRIMARY KEY, "
        "last INTEGER NOT NULL, reserved_at TEXT NOT NULL)"
    )


def _m7_import_mappings(conn: sqlcipher3.Connection) -> None:
    """How the columns of an imported spreadsheet map onto fields, remembered per source
    (recognised by its header row); replicated, so a colleague's laptop knows it too."""
    table = _replicated(
        "import_mappings", "signature TEXT, source TEXT, mapping TEXT, updated_at TEXT"
    )
    conn.execute(table)


def _m8_region_network(conn: sqlcipher3.Connection) -> None:
    """The region network: members and revocations travel; invitations, peer status and the
    network keys are this device's own."""
    for statement in (
        _replicated("networks", "name TEXT, created_at TEXT, created_by TEXT"),
        # id = device id (SHA-256 of its Ed25519 key); certificate: base64 DER, self-signed.
        _replicated(
            "network_members",
            "network_id TEXT, label TEXT, public_key TEXT, certificate TEXT, "
            "added_by TEXT, added_at TEXT",
        ),
        # id = "<revoked device>:<witness device>"; the highest counter of the revoked device
        # the witness held when it learned of the revocation (see network/trust.py).
        _replicated(
            "revocations",
            "device_id TEXT, witness TEXT, counter INTEGER, revoked_at TEXT, revoked_by TEXT",
        ),
        "CREATE INDEX revocations_by_device ON revocations (device_id)",
        "CREATE TABLE invitations (id TEXT PRIMARY KEY, secret BLOB NOT NULL, "
        "created_at TEXT NOT NULL, expires_at TEXT NOT NULL, used_by TEXT, used_at TEXT)",
        "CREATE TABLE sync_peers (device_id TEXT PRIMARY KEY, address TEXT, last_seen TEXT, "
        "last_synced TEXT, last_result TEXT, vector TEXT)",
        "CREATE TABLE imported_bundles (id TEXT PRIMARY KEY, imported_at TEXT NOT NULL, "
        "author TEXT NOT NULL)",
        # The network keys this device holds (bundles); a revocation adds a newer one.
        "CREATE TABLE network_keys (key_id TEXT PRIMARY KEY, epoch INTEGER NOT NULL, "
        "key BLOB NOT NULL, added_at TEXT NOT NULL)",
        # Batches a peer could not send because the retention purge rewrote them there.
        "CREATE TABLE purged_ranges (device_id TEXT NOT NULL, first_counter INTEGER NOT NULL, "
        "last_counter INTEGER NOT NULL, PRIMARY KEY (device_id, first_counter)) WITHOUT ROWID",
    ):
        conn.execute(statement)


def _m9_placement_rules(conn: sqlcipher3.Connection) -> None:
    """What the placement rules read: a post-operative mark (PACU takes only non-COVID
    post-operative patients), whether the local route was tried before the ZCC (it acts only
    when regular processes no longer suffice), and the coded reason of a refusal."""
    for statement in (
        "ALTER TABLE placement_requests ADD COLUMN postoperative INTEGER",
        "ALTER TABLE placement_requests ADD COLUMN local_route_tried INTEGER",
        "ALTER TABLE placement_events ADD COLUMN reason_code TEXT",
    ):
        conn.execute(statement)


def _m10_rules(conn: sqlcipher3.Connection) -> None:
    """Who decided what by which rule, regime-bound steps, and the emergency department's
    open/stop status.

    - log_entries: the deciding body from the authority table (`authority`), a national
      decision's source and date, who was consulted and the minister's approval (noodscenario);
    - region_measures: the reason a measure was switched off (needed when it is binding);
    - procedure_steps, task_actions: `regime` ('normaal' / 'noodscenario', empty: always) and
      `role` (a function resolved by the regime in force, e.g. where escalation goes);
    - seh_status: immutable facts per hospital location (the newest is current).
    """
    for statement in (
        "ALTER TABLE log_entries ADD COLUMN authority TEXT",
        "ALTER TABLE log_entries ADD COLUMN national_source TEXT",
        "ALTER TABLE log_entries ADD COLUMN national_date TEXT",
        "ALTER TABLE log_entries ADD COLUMN consulted TEXT",
        "ALTER TABLE log_entries ADD COLUMN approval TEXT",
        "ALTER TABLE region_measures ADD COLUMN reason TEXT",
        "ALTER TABLE procedure_steps ADD COLUMN regime TEXT",
        "ALTER TABLE procedure_steps ADD COLUMN role TEXT",
        "ALTER TABLE task_actions ADD COLUMN regime TEXT",
        "ALTER TABLE task_actions ADD COLUMN role TEXT",
        _replicated(
            "seh_status",
            "location_id TEXT, status TEXT, reason TEXT, expected_until TEXT, "
            "reported_by TEXT, reported_at TEXT",
        ),
        "CREATE INDEX seh_by_location ON seh_status (location_id, reported_at)",
    ):
        conn.execute(statement)


def _m11_outage(conn: sqlcipher3.Connection) -> None:
    """The outage picture: the region's outages, continuity reports per location, power-
    dependent care at home (counts only, no personal data), scarce resources and their
    requests, who supplies what; and the derived newest continuity report per location."""
    for statement in (
        # A declared outage; declaring and ending are also `log_entries` of kind 'uitval'.
        _replicated(
            "outages",
            "region_id TEXT, kind TEXT, area TEXT, started_at TEXT, expected_end TEXT, "
            "decided_by TEXT, entry_id TEXT, ended_at TEXT, ended_by TEXT, end_entry_id TEXT",
        ),
        # Immutable facts, like capacity reports: the newest per location is current.
        _replicated(
            "continuity_reports",
            "location_id TEXT, power TEXT, autonomy_hours REAL, down TEXT, care_scaled TEXT, "
            "evacuation TEXT, note TEXT, reporter TEXT, source TEXT, reported_at TEXT",
        ),
        # Counts per provider, area and kind of dependency; never a client's identity.
        _replicated(
            "homecare_reports",
            "organisation_id TEXT, area TEXT, dependency TEXT, under_4h INTEGER, "
            "from_4_to_12h INTEGER, over_12h INTEGER, reporter TEXT, reported_at TEXT",
        ),
        # One row per holder (location or depot) and resource; id derived from both.
        _replicated(
            "resource_stocks",
            "location_id TEXT, resource TEXT, quantity INTEGER, counted_at TEXT, counted_by TEXT",
        ),
        _replicated(
            "resource_requests",
            "location_id TEXT, resource TEXT, quantity INTEGER, needed_by TEXT, reason TEXT, "
            "requested_by TEXT, requested_at TEXT, state TEXT, state_at TEXT, stock_id TEXT, "
            "allocated INTEGER, allocated_at TEXT, sent_at TEXT, refusal TEXT",
        ),
        _replicated(
            "resource_events",
            "request_id TEXT, from_state TEXT, to_state TEXT, at TEXT, by TEXT, "
            "stock_id TEXT, quantity INTEGER, reason TEXT",
        ),
        _replicated("supply_links", "supplier_id TEXT, resource TEXT, customer_id TEXT, note TEXT"),
        "CREATE INDEX outages_by_region ON outages (region_id, ended_at)",
        "CREATE INDEX continuity_latest ON continuity_reports (location_id, reported_at)",
        "CREATE INDEX homecare_latest ON homecare_reports "
        "(organisation_id, area, dependency, reported_at)",
        "CREATE INDEX stocks_by_location ON resource_stocks (location_id, resource)",
        "CREATE INDEX resource_requests_by_state ON resource_requests (state, deleted)",
        "CREATE INDEX resource_requests_by_stock ON resource_requests (stock_id)",
        "CREATE INDEX resource_events_by_request ON resource_events (request_id, at)",
        "CREATE INDEX supply_by_customer ON supply_links (customer_id)",
        # Derived, local: the newest continuity report per location, with its figures.
        "CREATE TABLE continuity_current (location_id TEXT PRIMARY KEY, report_id TEXT NOT NULL, "
        "power TEXT, autonomy_hours REAL, down TEXT, care_scaled TEXT, evacuation TEXT, "
        "note TEXT, reporter TEXT, source TEXT, reported_at TEXT) WITHOUT ROWID",
    ):
        conn.execute(statement)
    from .continuity.current import ALL_LOCATIONS, fill_current

    fill_current(conn, ALL_LOCATIONS)


def _m12_call_rounds(conn: sqlcipher3.Connection) -> None:
    """Call rounds: the round (a state: open or closed), its recipients as resolved at the
    start (who held each function then, channels in fallback order), and the marks made while
    working it, immutable facts so two coordinators' marks merge without loss."""
    for statement in (
        _replicated(
            "call_rounds",
            "region_id TEXT, number INTEGER, message TEXT, ask TEXT, figure TEXT, "
            "groups TEXT, started_at TEXT, started_by TEXT, closed_at TEXT, closed_by TEXT, "
            "entry_id TEXT",
        ),
        _replicated(
            "round_recipients",
            "round_id TEXT, position INTEGER, function_id TEXT, function TEXT, "
            "organisation_id TEXT, organisation TEXT, person_id TEXT, name TEXT, cover TEXT, "
            "channels TEXT",
        ),
        _replicated(
            "round_marks",
            "round_id TEXT, recipient_id TEXT, outcome TEXT, channel TEXT, at TEXT, by TEXT, "
            "device_id TEXT, answer TEXT, figure REAL, next_step TEXT, retry_at TEXT, "
            "report_id TEXT",
        ),
        "CREATE INDEX rounds_by_number ON call_rounds (number)",
        "CREATE INDEX recipients_by_round ON round_recipients (round_id, position)",
        "CREATE INDEX marks_by_round ON round_marks (round_id, at)",
    ):
        conn.execute(statement)


def _m13_print_records(conn: sqlcipher3.Connection) -> None:
    """What was printed, shared by the region: a replicated, append-only twin of the
    device-local print log (which stays, untouched). Each record is one sheet, or one tab of
    a binder registered by name, with the data version it showed and the device and person
    that printed it. The local log's rows are copied in as this device's records; they
    carry no change, so they stay on this device."""
    conn.execute(
        _replicated(
            "print_records",
            "sheet TEXT, scope TEXT, scope_label TEXT, lang TEXT, printed_at TEXT, "
            "data_as_of TEXT, version_vector TEXT, covers TEXT, pages INTEGER, file TEXT, "
            "binder TEXT, tab INTEGER, device_id TEXT, device_label TEXT, printed_by TEXT",
        )
    )
    conn.execute("CREATE INDEX print_records_by_sheet ON print_records (binder, sheet, scope)")
    conn.execute(
        "INSERT INTO print_records (id, sheet, scope, scope_label, lang, printed_at, "
        "data_as_of, version_vector, covers, pages, file, binder, tab, device_id, "
        "device_label, printed_by) SELECT 'local-print-' || id, sheet, scope, scope_label, "
        "lang, printed_at, data_as_of, version_vector, covers, pages, file, '', NULL, "
        "'', '', '' FROM print_log"
    )


def _m14_queue_index(conn: sqlcipher3.Connection) -> None:
    """The dashboard's queue summary (open and overdue counts, the most urgent request
    seeking a place) read from one index instead of every request's encrypted page."""
    conn.execute(
        "CREATE INDEX requests_queue ON placement_requests "
        "(state, deleted, urgency, registered_at, id)"
    )


MIGRATIONS: list[Migration] = [
    _m1_change_log,
    _m2_contacts,
    _m3_crisis_domain,
    _m4_derived_capacity,
    _m5_start_up,
    _m6_print_log,
    _m7_import_mappings,
    _m8_region_network,
    _m9_placement_rules,
    _m10_rules,
    _m11_outage,
    _m12_call_rounds,
    _m13_print_records,
    _m14_queue_index,
]

# Rows of these tables are written once and never changed: a correction is a new row.
APPEND_ONLY = frozenset(
    {
        "log_entries",
        "capacity_reports",
        "placement_events",
        "seh_status",
        "continuity_reports",
        "homecare_reports",
        "resource_events",
        "round_recipients",
        "round_marks",
        "print_records",
    }
)
LATEST = len(MIGRATIONS)


def version(conn: sqlcipher3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlcipher3.Connection, target: int = LATEST) -> None:
    """Bring the database to `target`, one migration per transaction; refuse a newer database."""
    current = version(conn)
    if current > LATEST:
        raise SchemaTooNew(
            "This profile was written by a newer Resilient ZCC (schema {current}; this version "
            "knows up to {latest}). Update the app; the data was not touched.",
            current=current,
            latest=LATEST,
        )
    for number in range(current + 1, target + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            MIGRATIONS[number - 1](conn)
            conn.execute(f"PRAGMA user_version = {number}")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")


def replicated_columns(conn: sqlcipher3.Connection) -> dict[str, frozenset[str]]:
    """Writable columns of each replicated table (those with a `_clock` column)."""
    tables = [row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    result = {}
    for table in tables:
        columns = {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}
        if "_clock" in columns:
            result[table] = frozenset(columns - {"id", "_clock"})
    return result


def required_columns(conn: sqlcipher3.Connection) -> dict[str, frozenset[str]]:
    """Columns declared NOT NULL in each replicated table: a peer may not set them to null."""
    result = {}
    for table in replicated_columns(conn):
        info = conn.execute(f"PRAGMA table_info({table})").fetchall()
        result[table] = frozenset(row[1] for row in info if row[3] and row[1] != "id")
    return result
