"""Fallback procedures: steps name functions, resolved to the rota holder now; copies."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from resilient_zcc.contacts.model import (
    add_channel,
    add_function,
    add_organisation,
    add_person,
    add_shift,
    assign_role,
)
from resilient_zcc.errors import NotFound, ValidationError
from resilient_zcc.procedures.model import (
    add_step,
    copy_procedure,
    create_procedure,
    delete_procedure,
    move_step,
    remove_step,
    set_step_function,
)
from resilient_zcc.procedures.queries import list_procedures, resolve_procedure
from resilient_zcc.store import Store

NOW = datetime(2025, 3, 14, 10, 30, tzinfo=UTC)
PIKET = "Piket specialist ouderengeneeskunde"


@pytest.fixture
def world(store: Store) -> dict[str, str]:
    """Two VVT organisations, a regional GHOR function, people, roles, a rota, channels."""
    ids: dict[str, str] = {}
    ids["zse"] = add_organisation(store, "Zorgschakel Test", "vvt", short_name="ZST")
    ids["alerta"] = add_organisation(store, "Alerta Test", "vvt")
    ids["ghor"] = add_organisation(store, "GHOR Test", "coordinatie")
    ids["coord"] = add_function(store, "Crisiscoördinator", "crisiscoordinator", ids["zse"])
    ids["piket"] = add_function(store, PIKET, "piket", ids["zse"])
    ids["alerta_coord"] = add_function(
        store, "Crisiscoördinator", "crisiscoordinator", ids["alerta"]
    )
    ids["ovdg"] = add_function(store, "Officier van dienst GHOR", "ovdg", ids["ghor"])
    ids["vacant"] = add_function(store, "Facilitair piket", "facilitair", ids["zse"])
    ids["anna"] = add_person(store, "Anna Voorbeeld", ids["zse"])
    ids["bram"] = add_person(store, "Bram Testman", ids["zse"])
    ids["cees"] = add_person(store, "Cees Proef", ids["zse"])
    ids["dirk"] = add_person(store, "Dirk Oefen", ids["ghor"])
    ids["eva"] = add_person(store, "Eva Fictief", ids["alerta"])
    assign_role(store, ids["anna"], ids["coord"])
    assign_role(store, ids["dirk"], ids["ovdg"])
    assign_role(store, ids["eva"], ids["alerta_coord"])
    for person in ("bram", "cees"):
        assign_role(store, ids[person], ids["piket"])
    add_shift(store, ids["piket"], ids["bram"], NOW - timedelta(hours=2), NOW + timedelta(hours=10))
    add_shift(
        store, ids["piket"], ids["cees"], NOW + timedelta(hours=10), NOW + timedelta(hours=22)
    )
    add_channel(store, "function", ids["piket"], "piket", "06-12346000", 1, "rota")
    add_channel(store, "person", ids["anna"], "direct", "053-1234000", 1)
    add_channel(store, "person", ids["anna"], "mobile", "06-12345000", 2)
    add_channel(store, "person", ids["anna"], "meeting_point", "Hal A (fictief)", 3)
    add_channel(store, "person", ids["bram"], "mobile", "06-12345001", 1)
    add_channel(store, "person", ids["cees"], "mobile", "06-12345002", 1)
    add_channel(store, "person", ids["eva"], "mobile", "06-12345003", 1)
    return ids


def _procedure(store: Store, world: dict[str, str]) -> str:
    procedure_id = create_procedure(store, world["zse"], "stroomuitval")
    add_step(store, procedure_id, world["coord"], "Activeer het crisisteam")
    add_step(store, procedure_id, world["piket"], "Breng stroomafhankelijke cliënten in beeld")
    add_step(store, procedure_id, world["ovdg"], "Informeer de OvD GHOR")
    return procedure_id


def test_steps_resolve_to_whoever_holds_the_function_now(
    store: Store, world: dict[str, str]
) -> None:
    procedure = resolve_procedure(store, _procedure(store, world), NOW)
    assert procedure["title"] == "Langdurige stroomuitval"
    assert procedure["organisation"] == "Zorgschakel Test"
    assert [s["function"] for s in procedure["steps"]] == [
        "Crisiscoördinator",
        PIKET,
        "Officier van dienst GHOR",
    ]
    holders = [[h["person_id"] for h in s["holders"]] for s in procedure["steps"]]
    assert holders == [[world["anna"]], [world["bram"]], [world["dirk"]]]
    # Channels in fallback order; the function's piket phone first for the one on duty.
    anna = procedure["steps"][0]["holders"][0]
    assert [c["kind"] for c in anna["channels"]] == ["direct", "mobile", "meeting_point"]
    bram = procedure["steps"][1]["holders"][0]
    assert bram["on_duty"] is True
    assert [c["kind"] for c in bram["channels"]] == ["piket", "mobile"]
    assert procedure["steps"][2]["warning"] == "No contact details for 'Officier van dienst GHOR'."
    assert procedure["warnings"] == [f"Step 3: {procedure['steps'][2]['warning']}"]
    # Twelve hours later the rota has moved on.
    later = resolve_procedure(store, procedure["id"], NOW + timedelta(hours=12))
    assert [h["person_id"] for h in later["steps"][1]["holders"]] == [world["cees"]]


def test_a_function_without_holder_is_warned_about(store: Store, world: dict[str, str]) -> None:
    procedure_id = create_procedure(store, world["zse"], "ict_uitval", "ICT weg")
    add_step(store, procedure_id, world["vacant"], "Start de noodstroom")
    procedure = resolve_procedure(store, procedure_id, NOW)
    (step,) = procedure["steps"]
    assert step["holders"] == []
    assert step["warning"] == "Nobody holds the function 'Facilitair piket' now."
    assert procedure["warnings"] == ["Step 1: Nobody holds the function 'Facilitair piket' now."]


def test_steps_can_be_inserted_moved_and_removed(store: Store, world: dict[str, str]) -> None:
    procedure_id = _procedure(store, world)
    first = add_step(store, procedure_id, world["ovdg"], "Meld de uitval", at=1)
    middle = add_step(store, procedure_id, None, "Pak de uitvalkaarten", at=3)

    def texts() -> list[str]:
        return [s["text"] for s in resolve_procedure(store, procedure_id, NOW)["steps"]]

    assert texts() == [
        "Meld de uitval",
        "Activeer het crisisteam",
        "Pak de uitvalkaarten",
        "Breng stroomafhankelijke cliënten in beeld",
        "Informeer de OvD GHOR",
    ]
    move_step(store, first, 5)
    assert texts()[-1] == "Meld de uitval" and texts()[0] == "Activeer het crisisteam"
    move_step(store, first, 1)
    assert texts()[0] == "Meld de uitval"
    remove_step(store, middle)
    assert "Pak de uitvalkaarten" not in texts() and len(texts()) == 4
    with pytest.raises(ValidationError, match="between 1 and 4, not 9"):
        move_step(store, first, 9)
    with pytest.raises(ValidationError, match="between 1 and 5, not 0"):
        add_step(store, procedure_id, world["coord"], "x", at=0)
    with pytest.raises(NotFound, match="No procedure step"):
        remove_step(store, middle)
    assert len(texts()) == 4


@pytest.mark.parametrize(
    ("field", "value", "error", "message"),
    [
        ("incident_type", "meteoriet", ValidationError, "Allowed: stroomuitval, ict_uitval"),
        ("organisation_id", "nope", NotFound, "No organisation with id nope"),
    ],
)
def test_bad_procedures_are_refused(
    store: Store,
    world: dict[str, str],
    field: str,
    value: str,
    error: type[Exception],
    message: str,
) -> None:
    args = {"organisation_id": world["zse"], "incident_type": "stroomuitval", field: value}
    with pytest.raises(error, match=message):
        create_procedure(store, args["organisation_id"], args["incident_type"])
    assert store.query("SELECT id FROM procedures") == []


def test_bad_steps_are_refused(store: Store, world: dict[str, str]) -> None:
    procedure_id = create_procedure(store, world["zse"], "stroomuitval")
    with pytest.raises(ValidationError, match="text may not be empty"):
        add_step(store, procedure_id, world["coord"], "  ")
    with pytest.raises(NotFound, match="No function"):
        add_step(store, procedure_id, "no-function", "x")
    with pytest.raises(NotFound, match="No procedure"):
        add_step(store, "no-procedure", world["coord"], "x")
    assert store.query("SELECT id FROM procedure_steps") == []


def test_a_step_whose_function_was_removed_is_warned_about(
    store: Store, world: dict[str, str]
) -> None:
    procedure_id = _procedure(store, world)
    with store.transaction() as tx:
        tx.delete("functions", world["ovdg"])
    procedure = resolve_procedure(store, procedure_id, NOW)
    assert procedure["steps"][2]["warning"].startswith("The function named no longer exists")


def test_copy_maps_functions_by_code_and_flags_the_rest(
    store: Store, world: dict[str, str]
) -> None:
    source = _procedure(store, world)
    report = copy_procedure(store, source, world["alerta"])
    assert (report.mapped, report.kept) == (1, 1)
    assert report.unmapped == ["Breng stroomafhankelijke cliënten in beeld"]
    copy = resolve_procedure(store, report.procedure_id, NOW)
    assert copy["organisation"] == "Alerta Test" and copy["title"] == "Langdurige stroomuitval"
    steps = copy["steps"]
    assert [s["function_id"] for s in steps] == [world["alerta_coord"], None, world["ovdg"]]
    assert [h["person_id"] for h in steps[0]["holders"]] == [world["eva"]]
    assert steps[1]["warning"] == "No function named: assign a function to this step."
    # The source is untouched; naming a function clears the warning.
    assert resolve_procedure(store, source, NOW)["steps"][0]["function_id"] == world["coord"]
    set_step_function(store, steps[1]["id"], world["alerta_coord"])
    assert resolve_procedure(store, report.procedure_id, NOW)["steps"][1]["warning"] is None
    with pytest.raises(NotFound, match="No function"):
        set_step_function(store, steps[1]["id"], "no-function")
    with pytest.raises(ValidationError, match="already belongs"):
        copy_procedure(store, source, world["zse"])
    with pytest.raises(NotFound, match="No organisation"):
        copy_procedure(store, source, "nowhere")


def test_list_and_delete(store: Store, world: dict[str, str]) -> None:
    first = _procedure(store, world)
    create_procedure(store, world["alerta"], "ict_uitval")
    rows = list_procedures(store)
    assert [(r["organisation"], r["incident_label"], r["steps"]) for r in rows] == [
        ("Alerta Test", "Uitval ICT", 0),
        ("Zorgschakel Test", "Langdurige stroomuitval", 3),
    ]
    assert [r["id"] for r in list_procedures(store, world["zse"])] == [first]
    assert len(list_procedures(store, incident_type="ict_uitval")) == 1
    with pytest.raises(ValidationError, match="Unknown incident type"):
        list_procedures(store, incident_type="x")
    delete_procedure(store, first)
    assert [r["organisation"] for r in list_procedures(store)] == ["Alerta Test"]
    with pytest.raises(NotFound):
        resolve_procedure(store, first, NOW)


def _noodscenario(store: Store, active: bool, at: datetime) -> None:
    from resilient_zcc.crisis.phases import set_noodscenario

    set_noodscenario(
        store, default_region_id(store), active, "DPG Test", "Bestuurlijk ROAZ", "beeld", "",
        at, "Logger", safety_chair="Voorzitter VR" if active else "",
        approval="in afwachting" if active else "",
    )  # fmt: skip


def default_region_id(store: Store) -> str:
    from resilient_zcc.crisis.regions import add_region, default_region

    if not store.query("SELECT id FROM regions"):
        add_region(store, "ROAZ-regio Test", "roaz", "test")
    return default_region(store)


def test_escalation_follows_the_regime_ghor_normally_the_roaz_in_a_noodscenario(
    store: Store, world: dict[str, str]
) -> None:
    roaz = add_organisation(store, "ROAZ Test", "coordinatie")
    chair = add_function(store, "ROAZ-voorzitter", "roaz_voorzitter", roaz)
    frits = add_person(store, "Frits Fictief", roaz)
    assign_role(store, frits, chair)
    add_channel(store, "person", frits, "mobile", "06-12345009", 1)
    procedure_id = create_procedure(store, world["zse"], "stroomuitval")
    add_step(store, procedure_id, world["coord"], "Activeer het crisisteam")
    add_step(
        store, procedure_id, None, "Informeer bij escalatie: duur, hulpvraag", role="escalatie"
    )
    add_step(
        store, procedure_id, world["coord"], "Vraag een ketenoverleg aan", regime="noodscenario"
    )
    with pytest.raises(ValidationError, match="either a function or a role"):
        add_step(store, procedure_id, world["ovdg"], "x", role="escalatie")
    with pytest.raises(ValidationError, match="Unknown regime 'zwart'"):
        add_step(store, procedure_id, world["coord"], "x", regime="zwart")
    default_region_id(store)
    normal = resolve_procedure(store, procedure_id, NOW)
    assert normal["regime"] == "normaal"
    assert normal["warnings"] == ["Step 2: No contact details for 'Officier van dienst GHOR'."]
    escalate = normal["steps"][1]
    assert escalate["function"] == "Officier van dienst GHOR"
    assert [h["name"] for h in escalate["holders"]] == ["Dirk Oefen"]
    assert "in een noodscenario het ROAZ" in escalate["note"]
    assert normal["steps"][2]["in_force"] is False and normal["steps"][2]["holders"] == []
    _noodscenario(store, True, NOW)
    nood = resolve_procedure(store, procedure_id, NOW)
    assert nood["regime"] == "noodscenario"
    assert nood["steps"][1]["function"] == "ROAZ-voorzitter"
    assert [h["name"] for h in nood["steps"][1]["holders"]] == ["Frits Fictief"]
    assert nood["steps"][2]["in_force"] is True and nood["steps"][2]["note"] == (
        "alleen bij noodscenario"
    )
    # A copy keeps the role and the regime.
    copy = copy_procedure(store, procedure_id, world["alerta"])
    assert copy.unmapped == []
    copied = store.query(
        "SELECT role, regime FROM procedure_steps WHERE procedure_id = ? ORDER BY position",
        (copy.procedure_id,),
    )
    assert [(r["role"], r["regime"]) for r in copied][1:] == [
        ("escalatie", None),
        (None, "noodscenario"),
    ]
