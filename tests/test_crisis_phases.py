"""LNAZ phase and noodscenario: every transition rule, against a real profile."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from resilient_zcc.crisis.logbook import list_entries
from resilient_zcc.crisis.phases import phase_history, phase_state, set_noodscenario, set_phase
from resilient_zcc.crisis.regions import add_region
from resilient_zcc.errors import NotFound, ValidationError
from resilient_zcc.store import Store

NOW = datetime(2025, 3, 14, 10, 30, tzinfo=UTC)


def _region(store: Store) -> str:
    return add_region(store, "ROAZ-regio Test", "roaz", "test")


def _set(store: Store, region_id: str, phase: str, at: datetime = NOW, **kw: Any) -> str:
    args: dict[str, Any] = {
        "decided_by": "Bestuurlijk ROAZ",
        "advised_by": "Ketenoverleg",
        "picture": "Bezetting 95%",
        "text": "",
        "now": at,
        "recorded_by": "Logger",
    }
    args.update(kw)
    return set_phase(store, region_id, phase, **args)


def _snapshot(store: Store) -> tuple[Any, ...]:
    region = store.query("SELECT phase, phase_since, phase_entry_id, noodscenario FROM regions")
    log = store.query("SELECT id FROM log_entries ORDER BY id")
    return (region, log)


def test_a_new_region_reads_as_1a_without_a_decision(store: Store) -> None:
    state = phase_state(store, _region(store))
    assert state["phase"] == "1a" and state["phase_recorded"] is False
    assert state["decided_by"] is None and state["noodscenario"] is False
    assert "dagelijkse piek" in state["meaning"]


def test_set_phase_writes_region_and_log_entry_in_one_transaction(store: Store) -> None:
    region_id = _region(store)
    entry_id = _set(store, region_id, "1b", text="Druk op MST")
    region = store.query_one("SELECT * FROM regions WHERE id = ?", (region_id,))
    assert region is not None
    assert (region["phase"], region["phase_since"], region["phase_entry_id"]) == (
        "1b",
        "2025-03-14T10:30:00+00:00",
        entry_id,
    )
    entry = store.query_one("SELECT * FROM log_entries WHERE id = ?", (entry_id,))
    assert entry is not None
    assert entry["kind"] == "fase" and entry["phase_from"] is None and entry["phase_to"] == "1b"
    assert entry["decided_by"] == "Bestuurlijk ROAZ" and entry["advised_by"] == "Ketenoverleg"
    assert entry["picture"] == "Bezetting 95%" and entry["text"] == "Druk op MST"
    # Both rows are in the last signed batch: one transaction.
    batch = store.query_one("SELECT first_counter, last_counter FROM batches ORDER BY hlc DESC")
    assert batch is not None
    tables = {
        r["tbl"]
        for r in store.query(
            "SELECT tbl FROM changes WHERE counter BETWEEN ? AND ?",
            (batch["first_counter"], batch["last_counter"]),
        )
    }
    assert tables == {"regions", "log_entries"}
    state = phase_state(store, region_id)
    assert state["phase"] == "1b" and state["decided_by"] == "Bestuurlijk ROAZ"
    assert state["phase_recorded"] is True


def test_next_change_records_where_it_came_from(store: Store) -> None:
    region_id = _region(store)
    _set(store, region_id, "1b")
    second = _set(store, region_id, "2a", NOW + timedelta(days=1))
    entry = store.query_one("SELECT phase_from, phase_to FROM log_entries WHERE id = ?", (second,))
    assert entry == {"phase_from": "1b", "phase_to": "2a"}
    # Going down is allowed too (zo laag mogelijk).
    _set(store, region_id, "1a", NOW + timedelta(days=2))
    assert [h["phase_to"] for h in phase_history(store, region_id)] == ["1b", "2a", "1a"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"phase": "2e"}, "Unknown phase '2e'. Allowed (LNAZ): 1a, 1b, 2a, 2b, 2c, 2d, 3"),
        ({"phase": "2a", "decided_by": "  "}, "needs who decided"),
        ({"phase": "2a", "picture": ""}, "needs the picture"),
        ({"phase": "2a", "recorded_by": ""}, "recorded_by"),
        ({"phase": "2a", "now": datetime(2025, 3, 14, 10, 30)}, "time zone"),
        ({"phase": "2a", "now": NOW - timedelta(hours=1)}, "before the current state"),
        ({"phase": "1b"}, "already in phase 1b"),
        ({"phase": "3"}, "Phase 3 is not a regional decision"),
    ],
)
def test_bad_phase_changes_are_refused_and_store_nothing(
    store: Store, change: dict[str, Any], message: str
) -> None:
    region_id = _region(store)
    _set(store, region_id, "1b")
    before = _snapshot(store)
    phase = change.pop("phase")
    at = change.pop("now", NOW + timedelta(minutes=1))
    with pytest.raises(ValidationError, match=re.escape(message)):
        _set(store, region_id, phase, at, **change)
    assert _snapshot(store) == before


NATIONAL: dict[str, Any] = {
    "national": True,
    "national_source": "Kamerbrief minister MZS (test)",
    "national_date": "2025-03-14",
}


def test_phase_3_only_as_national_decision_both_ways(store: Store) -> None:
    region_id = _region(store)
    with pytest.raises(ValidationError, match="national=True"):
        _set(store, region_id, "3")
    _set(store, region_id, "3", decided_by="Minister voor MZS", **NATIONAL)
    assert phase_state(store, region_id)["phase"] == "3"
    later = NOW + timedelta(days=3)
    with pytest.raises(ValidationError, match="Phase 3 is not a regional decision"):
        _set(store, region_id, "2d", later)
    _set(store, region_id, "2d", later, decided_by="Minister voor MZS", **NATIONAL)
    assert phase_state(store, region_id)["phase"] == "2d"


def test_phase_is_set_on_the_roaz_region_not_the_safety_region(store: Store) -> None:
    roaz = _region(store)
    vr = add_region(store, "Veiligheidsregio Test", "veiligheidsregio", parent_id=roaz)
    with pytest.raises(ValidationError, match="set on its ROAZ region \\('ROAZ-regio Test'\\)"):
        _set(store, vr, "1b")
    with pytest.raises(NotFound, match="No region"):
        _set(store, "no-such-region", "1b")


def test_noodscenario_on_and_off_with_rules(store: Store) -> None:
    region_id = _region(store)

    def nood(active: bool, at: datetime, **kw: Any) -> str:
        args: dict[str, Any] = {
            "decided_by": "DPG i.o.m. voorzitter VR",
            "advised_by": "Bestuurlijk ROAZ",
            "picture": "Keten niet meer geborgd",
            "text": "",
            "now": at,
            "recorded_by": "Logger",
            "safety_chair": "Voorzitter VR" if active else "",
            "approval": "verleend" if active else "",
        }
        args.update(kw)
        return set_noodscenario(store, region_id, active, **args)

    with pytest.raises(ValidationError, match="already off"):
        nood(False, NOW)
    with pytest.raises(ValidationError, match="needs who decided"):
        nood(True, NOW, decided_by="")
    with pytest.raises(ValidationError, match="needs the picture"):
        nood(True, NOW, picture=" ")
    assert store.query("SELECT id FROM log_entries") == []
    on = nood(True, NOW)
    state = phase_state(store, region_id)
    assert state["noodscenario"] is True and state["noodscenario_decided_by"].startswith("DPG")
    with pytest.raises(ValidationError, match="already on"):
        nood(True, NOW + timedelta(hours=1))
    with pytest.raises(ValidationError, match="before the current state"):
        nood(False, NOW - timedelta(hours=1))
    off = nood(False, NOW + timedelta(hours=5))
    assert phase_state(store, region_id)["noodscenario"] is False
    history = phase_history(store, region_id)
    assert [(h["id"], h["kind"], h["phase_from"], h["phase_to"]) for h in history] == [
        (on, "noodscenario", "uit", "aan"),
        (off, "noodscenario", "aan", "uit"),
    ]
    # The phase is untouched by the noodscenario.
    assert phase_state(store, region_id)["phase_recorded"] is False


def test_changes_within_one_second_keep_the_order_they_were_made_in(store: Store) -> None:
    region_id = _region(store)
    order = ["1b", "2a", "2b", "2a", "1b", "1a"]
    for phase in order:
        _set(store, region_id, phase)  # all at the same second
    assert [h["phase_to"] for h in phase_history(store, region_id)] == order
    assert [e["phase_to"] for e in list_entries(store, region_id)] == order[::-1]
    assert phase_state(store, region_id)["phase"] == "1a"


@pytest.mark.parametrize("phase", ["2c", "2d"])
def test_2c_and_2d_are_refused_as_regional_decisions_naming_who_decides(
    store: Store, phase: str
) -> None:
    region_id = _region(store)
    _set(store, region_id, "2b")
    before = _snapshot(store)
    with pytest.raises(ValidationError) as refused:
        _set(store, region_id, phase, NOW + timedelta(hours=1))
    message = refused.value.message.render("en")
    assert f"Phase {phase} is not a regional decision" in message
    assert "national direction (LNAZ, ministry of VWS)" in message
    assert "landelijke regie (LNAZ, ministerie van VWS)" in refused.value.message.render("nl")
    assert _snapshot(store) == before


def test_a_national_decision_is_recorded_as_such_with_source_and_date(store: Store) -> None:
    region_id = _region(store)
    _set(store, region_id, "2b")
    later = NOW + timedelta(hours=1)
    with pytest.raises(ValidationError, match="needs its source"):
        _set(store, region_id, "2c", later, decided_by="LNAZ", national=True)
    with pytest.raises(ValidationError, match="is not a date"):
        _set(store, region_id, "2c", later, decided_by="LNAZ", **{**NATIONAL, "national_date": "x"})
    with pytest.raises(ValidationError, match="'Bestuurlijk ROAZ' does not name it"):
        _set(store, region_id, "2c", later, **NATIONAL)  # the region's own body
    entry_id = _set(store, region_id, "2c", later, decided_by="", **NATIONAL)
    entry = store.query_one("SELECT * FROM log_entries WHERE id = ?", (entry_id,))
    assert entry is not None
    assert (
        entry["decided_by"] == entry["authority"] == "landelijke regie (LNAZ, ministerie van VWS)"
    )
    assert (entry["national_source"], entry["national_date"]) == (
        "Kamerbrief minister MZS (test)",
        "2025-03-14",
    )
    state = phase_state(store, region_id)
    assert state["national"] is True and state["national_source"].startswith("Kamerbrief")
    # Going back below 2c ends national direction: national too.
    with pytest.raises(ValidationError, match="Phase 2c is not a regional decision"):
        _set(store, region_id, "2b", later + timedelta(hours=1))
    # A regional phase is recorded as the bestuurlijk ROAZ's, never with --national.
    with pytest.raises(ValidationError, match="regional decision of the bestuurlijk ROAZ"):
        _set(store, _region(store), "1b", later, **NATIONAL)


def test_regional_phase_records_the_bestuurlijk_roaz_and_refuses_another_decider(
    store: Store,
) -> None:
    region_id = _region(store)
    with pytest.raises(ValidationError, match="'Jan' does not name it"):
        _set(store, region_id, "1b", decided_by="Jan")
    entry_id = _set(store, region_id, "1b")
    entry = store.query_one(
        "SELECT authority, national_source FROM log_entries WHERE id = ?", (entry_id,)
    )
    assert entry == {"authority": "het bestuurlijk ROAZ", "national_source": None}


def test_phase_3_by_the_roaz_is_refused_even_as_national(store: Store) -> None:
    region_id = _region(store)
    with pytest.raises(ValidationError) as refused:
        _set(store, region_id, "3", decided_by="ROAZ", **NATIONAL)
    assert "the minister for Medische Zorg en Sport" in refused.value.message.render("en")
    assert store.query("SELECT id FROM log_entries") == []


def test_noodscenario_names_the_dpg_the_safety_chair_and_the_ministers_approval(
    store: Store,
) -> None:
    region_id = _region(store)
    args: dict[str, Any] = {
        "decided_by": "DPG Twente",
        "advised_by": "Bestuurlijk ROAZ",
        "picture": "Keten niet meer geborgd",
        "text": "",
        "now": NOW,
        "recorded_by": "Logger",
        "safety_chair": "Voorzitter Veiligheidsregio Twente",
        "approval": "in afwachting",
    }
    for change, message in (
        ({"decided_by": "Jan"}, "'Jan' does not name the DPG"),
        ({"safety_chair": ""}, "chair of the safety region"),
        ({"approval": ""}, "approval of the minister of VWS"),
    ):
        with pytest.raises(ValidationError, match=re.escape(message)):
            set_noodscenario(store, region_id, True, **{**args, **change})
    assert store.query("SELECT id FROM log_entries") == []
    entry_id = set_noodscenario(store, region_id, True, **args)
    entry = store.query_one("SELECT * FROM log_entries WHERE id = ?", (entry_id,))
    assert entry is not None
    assert entry["authority"] == "DPG" and entry["approval"] == "in afwachting"
    assert entry["consulted"] == "Bestuurlijk ROAZ; Voorzitter Veiligheidsregio Twente"
    state = phase_state(store, region_id)
    assert state["noodscenario_approval"] == "in afwachting"
    # Ending it is the DPG's decision too; no approval is asked.
    later = {**args, "now": NOW + timedelta(hours=2), "safety_chair": "", "approval": ""}
    with pytest.raises(ValidationError, match="does not name the DPG"):
        set_noodscenario(store, region_id, False, **{**later, "decided_by": "Jan"})
    set_noodscenario(store, region_id, False, **later)
