"""The logbook: kinds and their rules, append-only (a correction is a new entry), listing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from resilient_zcc.crisis.logbook import add_entry, list_entries
from resilient_zcc.crisis.phases import set_phase
from resilient_zcc.crisis.regions import add_region
from resilient_zcc.errors import NotFound, ValidationError
from resilient_zcc.store import Store

NOW = datetime(2025, 3, 14, 10, 30, tzinfo=UTC)


def _region(store: Store, name: str = "ROAZ-regio Test") -> str:
    return add_region(store, name, "roaz")


def _count(store: Store) -> int:
    row = store.query_one("SELECT count(*) AS n FROM log_entries")
    assert row is not None
    return int(row["n"])


def test_decision_and_event_are_stored_with_who_and_when(store: Store) -> None:
    region_id = _region(store)
    decision = add_entry(
        store,
        region_id,
        "besluit",
        "ZCC 24/7 bemensen",
        NOW,
        "Logger",
        decided_by="Bestuurlijk ROAZ",
        advised_by="ZCC-overleg",
        picture="Veel aanmeldingen in de nacht",
    )
    row = store.query_one("SELECT * FROM log_entries WHERE id = ?", (decision,))
    assert row is not None
    assert (row["kind"], row["at"], row["recorded_by"], row["decided_by"]) == (
        "besluit",
        "2025-03-14T10:30:00+00:00",
        "Logger",
        "Bestuurlijk ROAZ",
    )
    assert row["advised_by"] == "ZCC-overleg" and row["picture"].startswith("Veel")
    add_entry(store, region_id, "gebeurtenis", "MST meldt SEH-stop", NOW, "Logger")
    assert _count(store) == 2


@pytest.mark.parametrize(
    ("kind", "text", "kwargs", "error", "message"),
    [
        ("besluit", "ZCC openen", {}, ValidationError, "must say who decided"),
        ("besluit", "ZCC openen", {"decided_by": " "}, ValidationError, "must say who decided"),
        ("gebeurtenis", "  ", {}, ValidationError, "text may not be empty"),
        ("notitie", "x", {}, ValidationError, "Allowed here: besluit, gebeurtenis, correctie"),
        ("fase", "x", {}, ValidationError, "written by set_phase"),
        ("maatregel", "x", {}, ValidationError, "written by set_measure_active"),
        ("noodscenario", "x", {}, ValidationError, "written by set_noodscenario"),
        ("correctie", "x", {}, ValidationError, "must name the entry it corrects"),
        ("correctie", "x", {"corrects_id": "nope"}, NotFound, "No log entry with id nope"),
        ("gebeurtenis", "x", {"corrects_id": "nope"}, ValidationError, "Only a 'correctie'"),
        ("gebeurtenis", "x", {"recorded_by": ""}, ValidationError, "recorded_by"),
    ],
)
def test_bad_entries_are_refused_and_nothing_is_stored(
    store: Store,
    kind: str,
    text: str,
    kwargs: dict[str, str],
    error: type[Exception],
    message: str,
) -> None:
    region_id = _region(store)
    recorded_by = kwargs.pop("recorded_by", "Logger")
    with pytest.raises(error, match=message):
        add_entry(store, region_id, kind, text, NOW, recorded_by, **kwargs)
    assert _count(store) == 0


def test_unknown_region_and_naive_time_are_refused(store: Store) -> None:
    with pytest.raises(NotFound, match="No region"):
        add_entry(store, "nowhere", "gebeurtenis", "x", NOW, "Logger")
    region_id = _region(store)
    with pytest.raises(ValidationError, match="time zone"):
        add_entry(store, region_id, "gebeurtenis", "x", datetime(2025, 3, 14), "Logger")
    assert _count(store) == 0


def test_entries_never_change_a_correction_is_a_new_entry(store: Store) -> None:
    region_id = _region(store)
    original = add_entry(store, region_id, "gebeurtenis", "Roessingh: 8 bedden", NOW, "Logger")
    with pytest.raises(ValidationError, match="never changed"), store.transaction() as tx:
        tx.put("log_entries", original, {"text": "Roessingh: 6 bedden"})
    with pytest.raises(ValidationError, match="never changed"), store.transaction() as tx:
        tx.delete("log_entries", original)
    later = NOW + timedelta(minutes=5)
    fix = add_entry(
        store, region_id, "correctie", "Het zijn 6 bedden", later, "Logger", corrects_id=original
    )
    entries = list_entries(store, region_id)
    assert [e["id"] for e in entries] == [fix, original]
    assert entries[1]["text"] == "Roessingh: 8 bedden"  # unchanged
    assert entries[1]["corrected_by"] == [fix] and entries[0]["corrects_id"] == original


def test_a_correction_stays_in_its_region(store: Store) -> None:
    first = _region(store, "Regio A")
    second = _region(store, "Regio B")
    entry = add_entry(store, first, "gebeurtenis", "x", NOW, "Logger")
    with pytest.raises(ValidationError, match="same region"):
        add_entry(store, second, "correctie", "y", NOW, "Logger", corrects_id=entry)


def test_list_filters_by_kind_since_text_and_limit(store: Store) -> None:
    region_id = _region(store)
    other = _region(store, "Andere regio")
    add_entry(store, other, "gebeurtenis", "Elders", NOW, "Logger")
    ids = []
    for n, (kind, text) in enumerate(
        [
            ("gebeurtenis", "MST meldt SEH-stop"),
            ("besluit", "Ketenoverleg dagelijks"),
            ("gebeurtenis", "ZSE meldt 6 ELV-bedden"),
        ]
    ):
        ids.append(
            add_entry(
                store,
                region_id,
                kind,
                text,
                NOW + timedelta(hours=n),
                "Logger",
                decided_by="DPG" if kind == "besluit" else None,
            )
        )
    set_phase(
        store,
        region_id,
        "1b",
        "DPG",
        "",
        "Druk op SEH",
        "",
        NOW + timedelta(hours=3),
        "Logger",
    )
    everything = list_entries(store, region_id)
    assert [e["kind"] for e in everything] == ["fase", "gebeurtenis", "besluit", "gebeurtenis"]
    assert [e["id"] for e in everything[1:]] == ids[::-1]
    assert [e["id"] for e in list_entries(store, region_id, kind="besluit")] == [ids[1]]
    since = list_entries(store, region_id, since=NOW + timedelta(hours=1))
    assert len(since) == 3
    assert [e["id"] for e in list_entries(store, region_id, text="elv")] == [ids[2]]
    assert len(list_entries(store, region_id, text="DPG")) == 2  # decider is searched too
    assert len(list_entries(store, region_id, limit=2)) == 2
    with pytest.raises(ValidationError, match="Allowed: besluit"):
        list_entries(store, region_id, kind="memo")
    with pytest.raises(ValidationError, match="between 1 and"):
        list_entries(store, region_id, limit=0)
