"""The demo region answers: what phase are we in, who decided, which measures apply now,
who does what in the ZCC, and what an institution does when power or ICT fails."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from resilient_zcc.crisis.escalation import escalation_path
from resilient_zcc.crisis.logbook import list_entries
from resilient_zcc.crisis.measures import active_measures, applicable_measures
from resilient_zcc.crisis.phases import phase_history, phase_state
from resilient_zcc.crisis.regions import default_region, list_regions
from resilient_zcc.crisis.taskcards import list_task_cards, task_card
from resilient_zcc.demo.contacts import ORGANISATIONS, REGIONAL_FUNCTIONS, demo_id
from resilient_zcc.procedures.queries import list_procedures, resolve_procedure
from resilient_zcc.store import Store

from .conftest import PASSPHRASE

TWENTE = demo_id("region", "twente")


@pytest.fixture(scope="module")
def demo(demo_profile_template: Path) -> Iterator[Store]:
    with Store.open(demo_profile_template, PASSPHRASE) as store:
        yield store


def test_what_phase_are_we_in_and_who_decided(demo: Store) -> None:
    assert default_region(demo) == TWENTE
    regions = {r["id"]: r for r in list_regions(demo)}
    assert regions[TWENTE]["kind"] == "roaz"
    assert regions[demo_id("region", "vrt")]["parent_id"] == TWENTE
    state = phase_state(demo, TWENTE)
    assert state["phase"] == "2a" and "één ROAZ-regio" in state["meaning"]
    assert "(demo)" in state["decided_by"] and "(demo)" in state["advised_by"]
    assert state["picture"] and state["noodscenario"] is False
    history = phase_history(demo, TWENTE)
    assert [(h["phase_from"], h["phase_to"]) for h in history] == [
        (None, "1a"),
        ("1a", "1b"),
        ("1b", "2a"),
    ]
    assert history[-1]["id"] == state["entry_id"]


def test_which_measures_apply_now(demo: Store) -> None:
    applicable = {m["code"]: m for m in applicable_measures(demo, TWENTE)}
    assert set(applicable) == {"1", "2", "3", "4A", "4B", "5", "6", "7", "8", "A", "B"}
    assert not any(m["binding"] for m in applicable.values())  # binding only from 2c
    active = [m["code"] for m in active_measures(demo, TWENTE)]
    assert active == ["1", "3", "4A", "5"]
    assert all(m["applicable"] for m in active_measures(demo, TWENTE))


def test_logbook_has_decisions_events_and_a_correction(demo: Store) -> None:
    entries = list_entries(demo, TWENTE)
    kinds = {e["kind"] for e in entries}
    assert kinds == {"fase", "maatregel", "besluit", "gebeurtenis", "correctie", "uitval"}
    assert [e["at"] for e in entries] == sorted((e["at"] for e in entries), reverse=True)
    corrected = [e for e in entries if e["corrected_by"]]
    assert len(corrected) == 1 and "Roessingh" in corrected[0]["text"]


def test_escalation_and_task_cards_name_who_is_on_duty(demo: Store) -> None:
    now = datetime.now(UTC)
    steps = escalation_path(demo, TWENTE, now)
    assert len(steps) == 5
    assert steps[2]["functions"][0]["name"] == "DPG" and steps[2]["functions"][0]["holders"]
    # The last step, the LNAZ kernteam, has a contact; the chair of the safety region too.
    assert steps[-1]["actor"] == "Kernteam LNAZ" and steps[-1]["functions"][0]["holders"]
    assert steps[3]["functions"][0]["name"] == "Voorzitter Veiligheidsregio Twente"
    assert steps[3]["functions"][0]["holders"]
    codes = {c["function_code"]: c for c in list_task_cards(demo, TWENTE)}
    zcc_codes = {f.code for f in REGIONAL_FUNCTIONS if f.code.startswith("zcc_")}
    assert set(codes) == zcc_codes
    for code in zcc_codes:
        assert 4 <= codes[code]["actions"] <= 8, code
        card = task_card(demo, TWENTE, code, now)
        assert card["holders"], code
        assert card["holders"][0]["channels"], code


def test_every_institution_has_power_and_ict_procedures_that_resolve(demo: Store) -> None:
    now = datetime.now(UTC)
    institutions = [o for o in ORGANISATIONS if o.sector in ("ziekenhuis", "vvt", "ggz", "ghz")]
    rows = list_procedures(demo)
    assert len(rows) == 2 * len(institutions)
    for org in institutions:
        mine = list_procedures(demo, demo_id("organisation", org.key))
        assert {r["incident_type"] for r in mine} == {"stroomuitval", "ict_uitval"}, org.key
        # Deterministic ids: two devices that loaded the demo merge instead of duplicating.
        assert {r["id"] for r in mine} == {
            demo_id("procedure", f"{org.key}|{kind}") for kind in ("stroomuitval", "ict_uitval")
        }
        for row in mine:
            assert 4 <= row["steps"] <= 7, (org.key, row["incident_type"])
            procedure = resolve_procedure(demo, row["id"], now)
            assert procedure["warnings"] == [], (org.key, procedure["warnings"])
            assert all(step["holders"] for step in procedure["steps"])


def test_demo_task_cards_do_not_mix_the_noodscenario_with_the_phase_scale(demo: Store) -> None:
    now = datetime.now(UTC)
    for card in list_task_cards(demo, TWENTE):
        shown = task_card(demo, TWENTE, card["function_code"], now)
        for action in shown["actions"]:
            if "noodscenario" in action["text"].lower() or action["regime"]:
                assert action["phase_from"] is None, action["text"]
        assert "doorzettingsmacht" not in (shown["title"] + shown["mandate"]).lower()
    gp = task_card(demo, TWENTE, "zcc_huisarts", now)
    assert gp["title"] == "Huisarts met beslissingsbevoegdheid"
    triage = next(a for a in gp["actions"] if "triage-uitgangspunten" in a["text"])
    assert triage["regime"] == "noodscenario" and not triage["applies_now"]
    chair = task_card(demo, TWENTE, "zcc_voorzitter", now)
    escalate = next(a for a in chair["actions"] if a["role"] == "escalatie")
    assert escalate["role_function"] == "OvD-G"


def test_demo_procedures_fit_the_organisation_and_escalate_by_regime(demo: Store) -> None:
    now = datetime.now(UTC)
    for key in ("buurtzorg", "alerta"):
        power = resolve_procedure(demo, demo_id("procedure", f"{key}|stroomuitval"), now)
        assert not any("brandstof" in s["text"] for s in power["steps"]), key
    alerta = demo_id("procedure", "alerta|stroomuitval")
    assert not any(
        "Piket" in (s["function"] or "") for s in resolve_procedure(demo, alerta, now)["steps"]
    )
    mst = resolve_procedure(demo, demo_id("procedure", "mst|stroomuitval"), now)
    assert any("brandstof" in s["text"] for s in mst["steps"])  # a hospital has a generator
    escalation = [s for s in mst["steps"] if s["role"] == "escalatie"]
    assert escalation and escalation[0]["function"] == "OvD-G"
    in_nood = resolve_procedure(demo, mst["id"], now, regime="noodscenario")
    assert [s["function"] for s in in_nood["steps"] if s["role"]] == ["ROAZ-voorzitter"]
    assert not any("GHOR" in s["text"] for s in mst["steps"])  # the role says who, not the text
