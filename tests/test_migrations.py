"""Schema migrations against real old databases: upgraded on open, one transaction a step."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlcipher3

from resilient_zcc import schema
from resilient_zcc.contacts import model, queries
from resilient_zcc.errors import SchemaTooNew
from resilient_zcc.identity import DeviceIdentity
from resilient_zcc.keyheader import KeyHeader
from resilient_zcc.profile import header_path
from resilient_zcc.settings import get_setting, set_setting
from resilient_zcc.store import Store, _connect

from .helpers import CHEAP, PASSPHRASE, reopen, wind_back

CONTACT_TABLES = {"organisations", "people", "functions", "roles", "rota_shifts", "channels"}


def _tables(conn: sqlcipher3.Connection) -> set[str]:
    return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def _profile_at(folder: Path, version: int) -> tuple[bytes, DeviceIdentity, sqlcipher3.Connection]:
    """A profile folder whose database stops at schema `version`, with a device key; open."""
    folder.mkdir()
    header, db_key, _recovery = KeyHeader.create(PASSPHRASE, CHEAP)
    header.save(header_path(folder))
    conn = _connect(folder, db_key)
    schema.migrate(conn, target=version)
    identity = DeviceIdentity.generate()
    conn.execute(
        "INSERT INTO local_meta (key, value) VALUES ('device_private_key', ?)",
        (identity.private_bytes(),),
    )
    return db_key, identity, conn


def _version_1_profile(folder: Path, *, with_data: bool = True) -> tuple[bytes, str]:
    """A profile as the first release left it: schema 1, a device key, maybe a setting."""
    db_key, identity, conn = _profile_at(folder, 1)
    if with_data:  # written by the code of that time: only schema 1's tables exist
        store = Store(conn, folder)
        with store.transaction() as tx:
            tx.put("devices", identity.device_id, {"label": "Oude laptop", "created_at": "x"})
            tx.put("settings", "contacts.stale_after_days", {"value": "45"})
    conn.close()
    return db_key, identity.device_id


def test_migrate_to_a_target_stops_there(tmp_path: Path) -> None:
    db_key, _device = _version_1_profile(tmp_path / "profile", with_data=False)
    conn = _connect(tmp_path / "profile", db_key)
    assert schema.version(conn) == 1
    tables = _tables(conn)
    assert {"local_meta", "peers", "changes", "batches", "devices", "settings"} <= tables
    assert not tables & CONTACT_TABLES
    schema.migrate(conn)
    assert schema.version(conn) == schema.LATEST
    assert _tables(conn) >= CONTACT_TABLES
    schema.migrate(conn)  # nothing left to do
    assert schema.version(conn) == schema.LATEST
    conn.close()


def test_version_1_profile_is_upgraded_on_open_and_works(tmp_path: Path) -> None:
    folder = tmp_path / "profile"
    _db_key, device = _version_1_profile(folder)
    with reopen(folder) as store:
        assert schema.version(store.conn) == schema.LATEST
        assert set(schema.replicated_columns(store.conn)) >= CONTACT_TABLES
        # What the old version wrote is still there, log included.
        assert store.identity.device_id == device
        assert get_setting(store, "contacts.stale_after_days") == 45
        assert store.log.version_vector() == {device: 2}
        # The new tables take part in the change log and the search index.
        org = model.add_organisation(
            store, "Ziekenhuisgroep Twente", "ziekenhuis", short_name="ZGT"
        )
        person = model.add_person(store, "Wilma Bosch", org)
        model.add_channel(store, "person", person, "mobile", "06-23456789")
        set_setting(store, "contacts.stale_after_days", 60)
        assert [c.name for c in queries.search_contacts(store, "zgt")] == ["Wilma Bosch"]
        assert [c.name for c in queries.search_contacts(store, "06 2345")] == ["Wilma Bosch"]
        assert store.log.version_vector() == {device: 6}
    with reopen(folder) as store:
        assert schema.version(store.conn) == schema.LATEST
        assert [c.name for c in queries.search_contacts(store, "wilma")] == ["Wilma Bosch"]
        assert get_setting(store, "contacts.stale_after_days") == 60


def test_upgraded_profile_syncs_with_a_new_one(tmp_path: Path) -> None:
    old = tmp_path / "old"
    _version_1_profile(old)
    with reopen(old) as upgraded:
        fresh, _ = Store.create(tmp_path / "new", PASSPHRASE, label="Nieuw", cost=CHEAP)
        with fresh:
            model.add_organisation(fresh, "GGD Twente", "coordinatie", org_id="org-ggd")
            upgraded.log.apply_changes(fresh.log.changes_since(upgraded.log.version_vector()))
            fresh.log.apply_changes(upgraded.log.changes_since(fresh.log.version_vector()))
            assert upgraded.log.version_vector() == fresh.log.version_vector()
            assert get_setting(fresh, "contacts.stale_after_days") == 45
            assert upgraded.query_one("SELECT name FROM organisations") == {"name": "GGD Twente"}


def test_failed_migration_step_leaves_the_database_at_the_previous_version(
    tmp_path: Path,
) -> None:
    """Step 2 meets a table in its way: the step is rolled back as a whole."""
    folder = tmp_path / "profile"
    db_key, _device = _version_1_profile(folder)
    conn = _connect(folder, db_key)
    conn.execute("CREATE TABLE channels (stray TEXT)")
    conn.close()
    with pytest.raises(Exception, match="already exists"):
        Store.open(folder, PASSPHRASE)
    conn = _connect(folder, db_key)
    assert schema.version(conn) == 1
    tables = _tables(conn)
    assert "organisations" not in tables
    assert "people" not in tables
    assert "contact_search" not in tables
    conn.close()


def test_newer_database_is_refused_by_migrate(tmp_path: Path) -> None:
    db_key, _device = _version_1_profile(tmp_path / "profile", with_data=False)
    conn = _connect(tmp_path / "profile", db_key)
    conn.execute(f"PRAGMA user_version = {schema.LATEST + 1}")
    with pytest.raises(SchemaTooNew):
        schema.migrate(conn)
    assert schema.version(conn) == schema.LATEST + 1
    assert not _tables(conn) & CONTACT_TABLES
    conn.close()


def test_migration_6_adds_the_device_local_print_log(tmp_path: Path) -> None:
    """A schema-5 profile gains the print log and form-number blocks; nothing else changes,
    and the new tables are not replicated (no `_clock`)."""
    folder = tmp_path / "profile"
    with Store.create(folder, PASSPHRASE, label="Oude laptop", cost=CHEAP)[0] as store:
        person = model.add_person(store, "Łukasz Voorbeeld", None)
        vector = store.log.version_vector()
        wind_back(store.conn, 5)  # as before migration 6
    with reopen(folder) as store:
        assert schema.version(store.conn) == schema.LATEST
        assert {"print_log", "form_number_blocks"} <= _tables(store.conn)
        assert "print_log" not in schema.replicated_columns(store.conn)
        assert store.log.version_vector() == vector
        assert queries.contact_card(store, person).name == "Łukasz Voorbeeld"


def test_version_6_profile_gains_import_mappings_and_keeps_its_data(tmp_path: Path) -> None:
    """Migration 7 adds the replicated table that remembers spreadsheet mappings."""
    folder = tmp_path / "profile"
    _db_key, _identity, conn = _profile_at(folder, 6)
    store = Store(conn, folder)
    org = model.add_organisation(store, "GHOR Twente", "coordinatie")
    assert "import_mappings" not in _tables(conn)
    conn.close()
    with reopen(folder) as store:
        assert schema.version(store.conn) == schema.LATEST >= 7
        assert "import_mappings" in schema.replicated_columns(store.conn)
        assert store.query_one("SELECT name FROM organisations WHERE id = ?", (org,))["name"] == (
            "GHOR Twente"
        )
        with store.transaction() as tx:
            tx.put("import_mappings", "m-1", {"signature": "s", "mapping": "{}", "source": "x"})
        assert store.log.audit("m-1")[0].table == "import_mappings"


def test_version_8_profile_gains_the_placement_rule_columns_and_keeps_its_requests(
    tmp_path: Path,
) -> None:
    """Migration 9 adds the post-operative and local-route marks and the refusal code; a
    request written at schema 8 reads as neither, and the new columns replicate."""
    from datetime import UTC, datetime

    folder = tmp_path / "profile"
    _db_key, _identity, conn = _profile_at(folder, 8)
    store = Store(conn, folder)
    at = datetime(2026, 3, 2, 9, 0, tzinfo=UTC).isoformat()
    with store.transaction() as tx:  # as the code of schema 8 wrote a request
        tx.put(
            "placement_requests",
            "r-1",
            {
                "reference": "TW-2026-0001",
                "care_need": "elv",
                "category": "elv",
                "urgency": "hoog",
                "state": "aangemeld",
                "state_at": at,
                "registered_at": at,
            },
        )
    assert "local_route_tried" not in schema.replicated_columns(conn)["placement_requests"]
    conn.close()
    with reopen(folder) as store:
        assert schema.version(store.conn) == schema.LATEST >= 9
        columns = schema.replicated_columns(store.conn)
        assert {"postoperative", "local_route_tried"} <= columns["placement_requests"]
        assert "reason_code" in columns["placement_events"]
        row = store.query_one("SELECT * FROM placement_requests WHERE id = 'r-1'")
        assert row["reference"] == "TW-2026-0001" and row["local_route_tried"] is None
        with store.transaction() as tx:
            tx.put("placement_requests", "r-1", {"local_route_tried": 1})
        assert store.log.audit("r-1", column="local_route_tried")[-1].value == 1


def test_version_9_profile_gains_the_rules_columns_and_seh_status(tmp_path: Path) -> None:
    """Migration 10: authority and approval on log entries, the reason a measure was switched
    off, regime-bound steps, and the replicated, append-only SEH status facts."""
    folder = tmp_path / "profile"
    _db_key, _identity, conn = _profile_at(folder, 9)
    store = Store(conn, folder)
    org = model.add_organisation(store, "MST", "ziekenhuis")
    assert "seh_status" not in _tables(conn)
    conn.close()
    with reopen(folder) as store:
        assert schema.version(store.conn) == schema.LATEST >= 10
        columns = schema.replicated_columns(store.conn)
        assert {"authority", "national_source", "national_date", "consulted", "approval"} <= (
            columns["log_entries"]
        )
        assert "reason" in columns["region_measures"]
        assert {"regime", "role"} <= columns["procedure_steps"] & columns["task_actions"]
        assert "seh_status" in columns and "seh_status" in schema.APPEND_ONLY
        assert store.query_one("SELECT name FROM organisations WHERE id = ?", (org,))["name"] == (
            "MST"
        )


def test_version_10_profile_gains_the_outage_picture_and_keeps_its_data(tmp_path: Path) -> None:
    """Migration 11 adds the outage tables (replicated), the continuity reports among the
    append-only facts, and the local derived table of current continuity figures."""
    from datetime import UTC, datetime

    from resilient_zcc.capacity.model import add_location
    from resilient_zcc.continuity.model import report_continuity
    from resilient_zcc.continuity.queries import continuity_overview

    folder = tmp_path / "profile"
    _db_key, _identity, conn = _profile_at(folder, 10)
    store = Store(conn, folder)
    org = model.add_organisation(store, "Ziekenhuis Proefstad", "ziekenhuis")
    assert not {"outages", "continuity_reports", "continuity_current"} & _tables(conn)
    conn.close()
    with reopen(folder) as store:
        assert schema.version(store.conn) == schema.LATEST >= 11
        replicated = schema.replicated_columns(store.conn)
        new = {
            "outages",
            "continuity_reports",
            "homecare_reports",
            "resource_stocks",
            "resource_requests",
            "resource_events",
            "supply_links",
        }
        assert new <= set(replicated)
        assert "continuity_current" in _tables(store.conn)
        assert "continuity_current" not in replicated  # derived, local
        assert {"continuity_reports", "homecare_reports", "resource_events"} <= schema.APPEND_ONLY
        location = add_location(store, org, "Proefstad Enschede")
        now = datetime.now(UTC)
        report_continuity(store, location, power="aggregaat", autonomy_hours=6, now=now)
        [figure] = continuity_overview(store, now=now).figures
        assert figure.organisation == "Ziekenhuis Proefstad" and figure.below_threshold


def test_version_11_profile_gains_call_rounds_and_keeps_its_data(tmp_path: Path) -> None:
    """Migration 12 adds the call rounds (replicated); recipients and marks are facts."""
    folder = tmp_path / "profile"
    _db_key, _identity, conn = _profile_at(folder, 11)
    store = Store(conn, folder)
    org = model.add_organisation(store, "Zorggroep Proefstad", "vvt")
    assert not {"call_rounds", "round_recipients", "round_marks"} & _tables(conn)
    conn.close()
    with reopen(folder) as store:
        assert schema.version(store.conn) == schema.LATEST >= 12
        replicated = schema.replicated_columns(store.conn)
        assert {"call_rounds", "round_recipients", "round_marks"} <= set(replicated)
        assert {"round_recipients", "round_marks"} <= schema.APPEND_ONLY
        assert "call_rounds" not in schema.APPEND_ONLY  # open, then closed: a state
        row = store.query_one("SELECT name FROM organisations WHERE id = ?", (org,))
        assert row is not None and row["name"] == "Zorggroep Proefstad"


def test_version_12_profile_keeps_its_prints_in_the_replicated_print_records(
    tmp_path: Path,
) -> None:
    """Migration 13 adds `print_records` (replicated, append-only); the device-local print
    log stays as it was and its rows are copied in, so print status still knows them."""
    from resilient_zcc.printlog import print_status

    folder = tmp_path / "profile"
    _db_key, _identity, conn = _profile_at(folder, 12)
    conn.execute(
        "INSERT INTO print_log (sheet, scope, scope_label, lang, printed_at, data_as_of, "
        "version_vector, covers, pages, file) VALUES ('alarmkaart', 'region:-', 'Proefregio', "
        "'nl', '2026-11-12T09:00:00+00:00', NULL, '{}', '[\"people\"]', 1, 'a.pdf')"
    )
    conn.close()
    with reopen(folder) as store:
        assert schema.version(store.conn) == schema.LATEST >= 13
        assert "print_records" in schema.replicated_columns(store.conn)
        assert "print_records" in schema.APPEND_ONLY
        assert store.query_one("SELECT count(*) AS n FROM print_log") == {"n": 1}
        (row,) = print_status(store)
        assert (row["sheet"], row["scope_label"], row["file"]) == (
            "alarmkaart",
            "Proefregio",
            "a.pdf",
        )
        assert not row["outdated"] and row["binder"] == ""


def test_version_13_profile_gains_the_queue_index(tmp_path: Path) -> None:
    """Migration 14: the queue summary reads the open requests from one covering index."""
    folder = tmp_path / "profile"
    _db_key, _identity, conn = _profile_at(folder, 13)
    conn.close()
    with reopen(folder) as store:
        assert schema.version(store.conn) == schema.LATEST >= 14
        plan = " ".join(
            str(row[3])
            for row in store.conn.execute(
                "EXPLAIN QUERY PLAN SELECT count(*) FROM placement_requests "
                "WHERE deleted = 0 AND state IN ('aangemeld') AND registered_at < 'x'"
            )
        )
        assert "COVERING INDEX requests_queue" in plan
