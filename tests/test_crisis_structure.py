"""Regions, the escalation path and ZCC task cards, resolved against the directory's rota."""

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
from resilient_zcc.crisis.escalation import (
    DEFAULT_PATH,
    EscalationStep,
    escalation_path,
    set_escalation_path,
)
from resilient_zcc.crisis.regions import add_region, default_region
from resilient_zcc.crisis.taskcards import list_task_cards, set_task_card, task_card
from resilient_zcc.errors import NotFound, ValidationError
from resilient_zcc.store import Store

NOW = datetime(2025, 3, 14, 10, 30, tzinfo=UTC)


def _directory(store: Store) -> dict[str, str]:
    """GHOR with a DPG (standing holder), a ZCC logger function on a rota of two people."""
    ghor = add_organisation(store, "GHOR Test", "coordinatie")
    dpg = add_function(store, "DPG", "dpg", ghor)
    logger = add_function(store, "ZCC logger", "zcc_logger")
    anna = add_person(store, "Anna Voorbeeld", ghor)
    bram = add_person(store, "Bram Testman", ghor)
    cees = add_person(store, "Cees Proef", ghor)
    assign_role(store, anna, dpg)
    for person in (bram, cees):
        assign_role(store, person, logger)
    add_shift(store, logger, bram, NOW - timedelta(hours=2), NOW + timedelta(hours=10))
    add_shift(store, logger, cees, NOW + timedelta(hours=10), NOW + timedelta(hours=22))
    add_channel(store, "function", logger, "piket", "06-12346000", 1, "rota")
    add_channel(store, "person", bram, "mobile", "06-12345001", 1)
    add_channel(store, "person", cees, "mobile", "06-12345002", 1)
    add_channel(store, "person", anna, "direct", "053-1234000", 1)
    return {"dpg": dpg, "logger": logger, "anna": anna, "bram": bram, "cees": cees}


def test_region_kinds_and_parents_are_checked(store: Store) -> None:
    with pytest.raises(NotFound, match="no region yet"):
        default_region(store)
    with pytest.raises(ValidationError, match="Allowed: roaz, veiligheidsregio"):
        add_region(store, "X", "gemeente")
    with pytest.raises(ValidationError, match="may not be empty"):
        add_region(store, " ", "roaz")
    with pytest.raises(ValidationError, match="belongs to a ROAZ region"):
        add_region(store, "VR", "veiligheidsregio")
    roaz = add_region(store, "ROAZ-regio Test", "roaz")
    with pytest.raises(ValidationError, match="has no parent"):
        add_region(store, "Y", "roaz", parent_id=roaz)
    vr = add_region(store, "VR Test", "veiligheidsregio", parent_id=roaz)
    with pytest.raises(ValidationError, match="must be a ROAZ region"):
        add_region(store, "VR 2", "veiligheidsregio", parent_id=vr)
    assert default_region(store) == roaz  # the only ROAZ region
    add_region(store, "ROAZ-regio Twee", "roaz")
    with pytest.raises(ValidationError, match="name one with --region"):
        default_region(store)
    assert store.query_one("SELECT count(*) AS n FROM regions") == {"n": 3}


def test_default_escalation_path_answers_who_is_that_now(store: Store) -> None:
    people = _directory(store)
    region_id = add_region(store, "ROAZ-regio Test", "roaz")
    set_escalation_path(store, region_id, DEFAULT_PATH)
    steps = escalation_path(store, region_id, NOW)
    assert [s["actor"] for s in steps] == [s.actor for s in DEFAULT_PATH]
    assert steps[0]["function_code"] == "crisiscoordinator" and steps[0]["functions"] == []
    dpg_step = steps[2]
    assert dpg_step["function_code"] == "dpg"
    (function,) = dpg_step["functions"]
    assert [h["person_id"] for h in function["holders"]] == [people["anna"]]
    assert function["holders"][0]["channels"][0]["value"] == "053 123 4000"
    # The chair of the safety region and the LNAZ kernteam: no function in this directory.
    assert steps[3]["functions"] == steps[4]["functions"] == []


def test_a_region_replaces_its_path(store: Store) -> None:
    region_id = add_region(store, "ROAZ-regio Test", "roaz")
    set_escalation_path(store, region_id, DEFAULT_PATH)
    set_escalation_path(
        store,
        region_id,
        [EscalationStep("ZCC-voorzitter", "Belt de DPG", "dpg"), EscalationStep("DPG", "Besluit")],
    )
    steps = escalation_path(store, region_id, NOW)
    assert [(s["number"], s["actor"]) for s in steps] == [(1, "ZCC-voorzitter"), (2, "DPG")]
    tombstones = store.query("SELECT id FROM escalation_steps WHERE deleted = 1")
    assert len(tombstones) == len(DEFAULT_PATH) - 2
    with pytest.raises(NotFound, match="No region"):
        set_escalation_path(store, "nowhere", DEFAULT_PATH)
    with pytest.raises(ValidationError, match="at least one step"):
        set_escalation_path(store, region_id, [])
    with pytest.raises(ValidationError, match="Step 2's action may not be empty"):
        set_escalation_path(store, region_id, [DEFAULT_PATH[0], EscalationStep("DPG", " ")])
    assert len(escalation_path(store, region_id, NOW)) == 2


def test_task_card_gives_actions_in_order_and_the_holder_on_duty(store: Store) -> None:
    people = _directory(store)
    region_id = add_region(store, "ROAZ-regio Test", "roaz")
    set_task_card(
        store,
        region_id,
        "zcc_logger",
        "Logger",
        "Legt besluiten vast",
        ["Open het logboek", "Houd het besluitenlog bij", ("Print bij noodscenario", "2a")],
    )
    card = task_card(store, region_id, "zcc_logger", NOW)
    assert card["title"] == "Logger" and card["mandate"] == "Legt besluiten vast"
    assert [a["text"] for a in card["actions"]] == [
        "Open het logboek",
        "Houd het besluitenlog bij",
        "Print bij noodscenario",
    ]
    assert [a["applies_now"] for a in card["actions"]] == [True, True, False]
    (holder,) = card["holders"]
    assert holder["person_id"] == people["bram"] and holder["on_duty"] is True
    # The function's piket phone comes before the person's own mobile.
    assert [c["kind"] for c in holder["channels"]] == ["piket", "mobile"]
    later = task_card(store, region_id, "zcc_logger", NOW + timedelta(hours=12))
    assert [h["person_id"] for h in later["holders"]] == [people["cees"]]


def test_replacing_a_card_keeps_its_id_and_drops_extra_actions(store: Store) -> None:
    _directory(store)
    region_id = add_region(store, "ROAZ-regio Test", "roaz")
    first = set_task_card(store, region_id, "zcc_logger", "Logger", "M", ["a", "b", "c"])
    second = set_task_card(store, region_id, "zcc_logger", "Logger", "M2", ["x"])
    assert first == second
    card = task_card(store, region_id, "zcc_logger", NOW)
    assert [a["text"] for a in card["actions"]] == ["x"] and card["mandate"] == "M2"
    assert list_task_cards(store, region_id)[0]["actions"] == 1


@pytest.mark.parametrize(
    ("code", "actions", "error", "message"),
    [
        ("zcc_onbekend", ["a"], NotFound, "No function with code 'zcc_onbekend'"),
        ("zcc_logger", [], ValidationError, "at least one action"),
        ("zcc_logger", ["a", " "], ValidationError, "Action 2's text may not be empty"),
        ("zcc_logger", [("a", "4")], ValidationError, "unknown phase '4'"),
    ],
)
def test_bad_task_cards_are_refused(
    store: Store, code: str, actions: list[str], error: type[Exception], message: str
) -> None:
    _directory(store)
    region_id = add_region(store, "ROAZ-regio Test", "roaz")
    with pytest.raises(error, match=message):
        set_task_card(store, region_id, code, "Titel", "Mandaat", actions)
    with pytest.raises(ValidationError, match="title may not be empty"):
        set_task_card(store, region_id, "zcc_logger", " ", "Mandaat", ["a"])
    with pytest.raises(ValidationError, match="mandate may not be empty"):
        set_task_card(store, region_id, "zcc_logger", "Titel", "", ["a"])
    with pytest.raises(NotFound, match="No region"):
        set_task_card(store, "nowhere", "zcc_logger", "Titel", "Mandaat", ["a"])
    assert store.query("SELECT id FROM task_cards") == []
    assert store.query("SELECT id FROM task_actions") == []


def test_a_missing_card_says_which_exist(store: Store) -> None:
    _directory(store)
    region_id = add_region(store, "ROAZ-regio Test", "roaz")
    set_task_card(store, region_id, "zcc_logger", "Logger", "M", ["a"])
    with pytest.raises(NotFound, match="Cards: zcc_logger"):
        task_card(store, region_id, "zcc_huisarts", NOW)


def test_task_card_actions_follow_the_regime_and_resolve_the_escalation_role(
    store: Store,
) -> None:
    from resilient_zcc.crisis.phases import set_noodscenario
    from resilient_zcc.crisis.taskcards import CardAction

    ids = _directory(store)
    ghor = store.query_one("SELECT organisation_id FROM functions WHERE id = ?", (ids["dpg"],))
    ovdg = add_function(store, "OvD-G", "ovdg", ghor["organisation_id"])
    chair = add_function(store, "ROAZ-voorzitter", "roaz_voorzitter", ghor["organisation_id"])
    assign_role(store, ids["bram"], ovdg)
    assign_role(store, ids["anna"], chair)  # the DPG chairs the ROAZ
    region_id = add_region(store, "ROAZ-regio Test", "roaz")
    with pytest.raises(ValidationError, match="Unknown role 'ghor'"):
        set_task_card(store, region_id, "zcc_logger", "Logger", "m", [CardAction("x", role="ghor")])
    set_task_card(
        store, region_id, "zcc_logger", "Logger", "Legt vast.",
        [
            "Open het logboek",
            CardAction("Escaleer knelpunten voor de keten", role="escalatie"),
            CardAction("Pas de regionale triage-uitgangspunten toe", regime="noodscenario"),
        ],
    )  # fmt: skip
    card = task_card(store, region_id, "zcc_logger", NOW)
    assert card["regime"] == "normaal"
    escalate, triage = card["actions"][1], card["actions"][2]
    assert escalate["role_function"] == "OvD-G" and escalate["applies_now"]
    assert [h["name"] for h in escalate["role_holders"]] == ["Bram Testman"]
    assert triage["phase_from"] is None and not triage["applies_now"]
    assert triage["note"] == "alleen bij noodscenario"
    set_noodscenario(
        store, region_id, True, "DPG Test", "Bestuurlijk ROAZ", "beeld", "", NOW, "Logger",
        safety_chair="Voorzitter VR", approval="verleend",
    )  # fmt: skip
    card = task_card(store, region_id, "zcc_logger", NOW)
    assert card["regime"] == "noodscenario"
    assert card["actions"][1]["role_function"] == "ROAZ-voorzitter"
    assert [h["name"] for h in card["actions"][1]["role_holders"]] == ["Anna Voorbeeld"]
    assert card["actions"][2]["applies_now"]
