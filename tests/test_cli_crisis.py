"""The crisis commands against the demo profile: output, --json, clear errors."""

from __future__ import annotations

import json
from pathlib import Path

from .test_cli import run


def test_phase_show_says_phase_meaning_decider_and_measures(demo_profile: Path) -> None:
    result = run(demo_profile, "phase", "show")
    assert result.exit_code == 0, result.output
    out = result.output
    assert "Fase 2a: Grote of ongelijke druk" in out
    assert "besloten door Bestuurlijk ROAZ Euregio (demo)" in out and "op advies van" in out
    assert "Noodscenario: uit" in out
    assert "[actief] 5   Uitbreiden PACU-capaciteit" in out
    data = json.loads(run(demo_profile, "phase", "show", "--json").output)
    assert data["phase"] == "2a" and data["noodscenario"] is False
    assert {m["code"] for m in data["active_measures"]} == {"1", "3", "4A", "5"}
    assert "4B" in {m["code"] for m in data["applicable_measures"]}


def test_phase_set_history_and_refusals(demo_profile: Path) -> None:
    args = ["--by", "Bestuurlijk ROAZ (test)", "--picture", "IC vol, ook buurregio's"]
    result = run(demo_profile, "phase", "set", "2b", *args, "--advice", "ZCC", "--text", "t")
    assert result.exit_code == 0, result.output
    assert "fase 2b" in result.output
    again = run(demo_profile, "phase", "set", "2b", *args)
    assert again.exit_code == 1 and "already in phase 2b" in again.output
    code_black = run(demo_profile, "phase", "set", "3", *args)
    assert code_black.exit_code == 1 and "Phase 3 is not a regional decision" in code_black.output
    missing = run(demo_profile, "phase", "set", "2c", "--by", "ROAZ")
    assert missing.exit_code == 2 and "--picture" in missing.output
    by_roaz = run(demo_profile, "phase", "set", "3", "--national", *args)
    assert by_roaz.exit_code == 1 and "does not name it" in by_roaz.output
    national = run(
        demo_profile, "phase", "set", "3", "--national", "--by", "Minister voor MZS",
        "--source", "Kamerbrief (test)", "--decided-on", "2025-03-14", "--picture", "p",
    )  # fmt: skip
    assert national.exit_code == 0, national.output
    history = json.loads(run(demo_profile, "phase", "history", "--json").output)
    assert [h["phase_to"] for h in history] == ["1a", "1b", "2a", "2b", "3"]
    assert history[-1]["recorded_by"] == "Demolaptop"  # the device label by default
    text = run(demo_profile, "phase", "history").output
    assert "fase 2b → 3" in text


def test_phase_set_2c_regionally_is_refused_naming_who_decides(demo_profile: Path) -> None:
    args = ["--by", "Bestuurlijk ROAZ (test)", "--picture", "Druk in alle regio's"]
    regional = run(demo_profile, "phase", "set", "2c", *args)
    assert regional.exit_code == 1
    assert "Phase 2c is not a regional decision" in regional.output
    assert "decided by national direction (LNAZ, ministry of VWS)" in regional.output
    national = run(
        demo_profile, "phase", "set", "2c", "--national", "--by", "LNAZ",
        "--source", "LNAZ-bericht (test)", "--decided-on", "2025-03-14", "--picture", "p",
    )  # fmt: skip
    assert national.exit_code == 0, national.output
    shown = run(demo_profile, "phase", "show").output
    assert "Landelijk besluit (landelijke regie" in shown and "LNAZ-bericht (test)" in shown
    helped = run(demo_profile, "phase", "set", "--help").output
    assert "2c–2d: National direction" in helped and "3: The minister" in helped


def test_noodscenario_on_and_off(demo_profile: Path) -> None:
    args = ["--by", "DPG Twente (test)", "--picture", "Keten niet meer geborgd"]
    by_jan = run(demo_profile, "phase", "noodscenario", "aan", "--by", "Jan", "--picture", "p")
    assert by_jan.exit_code == 1 and "'Jan' does not name the DPG" in by_jan.output
    no_chair = run(demo_profile, "phase", "noodscenario", "aan", *args, "--approval", "verleend")
    assert no_chair.exit_code == 1 and "--safety-chair" in no_chair.output
    args += ["--safety-chair", "Voorzitter VRT (test)", "--approval", "in afwachting"]
    on = run(demo_profile, "phase", "noodscenario", "aan", *args)
    assert on.exit_code == 0 and "noodscenario AAN" in on.output
    shown = run(demo_profile, "phase", "show").output
    assert "Noodscenario: AAN" in shown
    assert "Voorzitter VRT (test); goedkeuring minister van VWS: in afwachting" in shown
    by_roaz = run(demo_profile, "phase", "approval", "--by", "ROAZ")
    assert by_roaz.exit_code == 1 and "does not name the minister" in by_roaz.output
    approved = run(demo_profile, "phase", "approval", "--by", "Minister van VWS (test)")
    assert approved.exit_code == 0 and "goedkeuring minister van VWS: verleend" in approved.output
    again = run(demo_profile, "phase", "approval", "--by", "Minister van VWS (test)")
    assert again.exit_code == 1 and "awaiting the minister's approval" in again.output
    twice = run(demo_profile, "phase", "noodscenario", "aan", *args)
    assert twice.exit_code == 1 and "already on" in twice.output


def test_log_add_list_search_and_correct(demo_profile: Path) -> None:
    added = run(demo_profile, "log", "add", "Test: SEH MST weer open")
    assert added.exit_code == 0 and "Gebeurtenis vastgelegd" in added.output
    decision = run(demo_profile, "log", "add", "ZCC 24/7", "--kind", "besluit")
    assert decision.exit_code == 1 and "must say who decided" in decision.output
    listing = json.loads(run(demo_profile, "log", "list", "--search", "SEH MST", "--json").output)
    assert [e["text"] for e in listing] == ["Test: SEH MST weer open"]
    entry_id = listing[0]["id"]
    fix = run(
        demo_profile, "log", "add", "Was ZGT, niet MST", "--kind", "correctie",
        "--corrects", entry_id[:8],
    )  # fmt: skip
    assert fix.exit_code == 0, fix.output
    text = run(demo_profile, "log", "list", "--limit", "2").output
    assert "GECORRIGEERD" in text and f"(corrigeert {entry_id[:8]})" in text
    decisions = json.loads(run(demo_profile, "log", "list", "--kind", "besluit", "--json").output)
    assert decisions and all(e["kind"] == "besluit" for e in decisions)
    future = json.loads(run(demo_profile, "log", "list", "--since", "2999-01-01", "--json").output)
    assert future == []
    bad = run(demo_profile, "log", "list", "--since", "gisteren")
    assert bad.exit_code == 1 and "is not a date" in bad.output


def test_switching_off_a_binding_measure_needs_a_reason_and_shows_a_deviation(
    demo_profile: Path,
) -> None:
    national = run(
        demo_profile, "phase", "set", "2c", "--national", "--by", "LNAZ",
        "--source", "LNAZ-bericht (test)", "--decided-on", "2025-03-14", "--picture", "p",
    )  # fmt: skip
    assert national.exit_code == 0, national.output
    silent = run(demo_profile, "measures", "set", "5", "--off", "--by", "ROAZ (test)")
    assert silent.exit_code == 1 and "needs a reason" in silent.output
    off = run(
        demo_profile, "measures", "set", "5", "--off", "--by", "ROAZ (test)",
        "--reason", "Geen OK-personeel (test)",
    )  # fmt: skip
    assert off.exit_code == 0, off.output
    listed = run(demo_profile, "measures", "list").output
    line = next(x for x in listed.splitlines() if "Uitbreiden PACU" in x)
    assert "VERPLICHTEND  AFWIJKING: Geen OK-personeel (test)" in line
    assert "AFWIJKING" in run(demo_profile, "phase", "show").output


def test_measures_list_and_set(demo_profile: Path) -> None:
    listed = run(demo_profile, "measures", "list")
    assert listed.exit_code == 0 and "HFNO-transport" in listed.output
    on = run(demo_profile, "measures", "set", "4b", "--on", "--by", "ROAZ (test)")
    assert on.exit_code == 0 and "4B ingezet" in on.output
    rows = json.loads(run(demo_profile, "measures", "list", "--json").output)
    assert {r["code"] for r in rows if r["active"]} == {"1", "3", "4A", "4B", "5"}
    bad = run(demo_profile, "measures", "set", "9", "--on", "--by", "ROAZ")
    assert bad.exit_code == 1 and "Allowed: 1, 2, 3" in bad.output


def test_escalation_and_taskcards(demo_profile: Path) -> None:
    escalation = run(demo_profile, "escalation", "show")
    assert escalation.exit_code == 0, escalation.output
    assert "3. DPG / voorzitter bestuurlijk ROAZ" in escalation.output
    assert "DPG: " in escalation.output and "Kernteam LNAZ" in escalation.output
    cards = run(demo_profile, "taskcards", "show")
    assert "zcc_huisarts" in cards.output and "zcc_logger" in cards.output
    card = run(demo_profile, "taskcards", "show", "zcc_logger")
    assert "Houd het besluitenlog bij" in card.output and "Nu in functie:" in card.output
    assert "NIEMAND" not in card.output
    missing = run(demo_profile, "taskcards", "show", "zcc_kok")
    assert missing.exit_code == 1 and "Cards: zcc_ambulance" in missing.output


def test_procedures_list_and_show_resolved(demo_profile: Path) -> None:
    rows = json.loads(run(demo_profile, "procedures", "list", "--org", "Alerta", "--json").output)
    assert {r["incident_type"] for r in rows} == {"stroomuitval", "ict_uitval"}
    power = next(r for r in rows if r["incident_type"] == "stroomuitval")
    shown = json.loads(run(demo_profile, "procedures", "show", power["id"][:8], "--json").output)
    assert shown["organisation"] == "Alerta" and shown["warnings"] == []
    assert all(step["holders"] and step["holders"][0]["channels"] for step in shown["steps"])
    text = run(demo_profile, "procedures", "show", power["id"][:8]).output
    assert "1. Crisiscoördinator:" in text and "OvD-G: Escaleer" in text
    assert "[escalatie: de GHOR (OvD-G); in een noodscenario het ROAZ]" in text
    listing = run(demo_profile, "procedures", "list", "--type", "ict_uitval").output
    assert "Medisch Spectrum Twente — Uitval ICT" in listing
    nothing = run(demo_profile, "procedures", "list", "--org", "Bestaat Niet")
    assert nothing.exit_code == 1 and "No organisation matches" in nothing.output
    missing = run(demo_profile, "procedures", "show", "ffffffff")
    assert missing.exit_code == 1 and "No procedure" in missing.output


def test_an_unknown_region_is_a_clear_error(demo_profile: Path) -> None:
    result = run(demo_profile, "phase", "show", "--region", "ffffffff")
    assert result.exit_code == 1 and "No region with id 'ffffffff'" in result.output
