"""Where a patient may go, as the sources set it: checked through `placements` on the demo."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .test_cli import run


def _register(profile: Path, reference: str, *args: str) -> str:
    result = run(profile, "placements", "register", "--reference", reference, *args, "--json")
    assert result.exit_code == 0, result.output
    return str(json.loads(result.output)["id"])


def _match(profile: Path, request_id: str) -> list[dict[str, Any]]:
    result = run(profile, "placements", "match", request_id[:8], "--all", "--json")
    assert result.exit_code == 0, result.output
    return list(json.loads(result.output)["candidates"])


def _features(profile: Path) -> dict[str, list[str]]:
    rows = json.loads(run(profile, "capacity", "locations", "--json").output)
    return {row["id"]: list(row["features"]) for row in rows}


def test_a_covid_positive_ic_patient_gets_no_pacu_and_no_place_without_ventilation(
    demo_profile: Path,
) -> None:
    ic = ["--care", "ic", "--category", "ic", "--urgency", "acuut", "--covid", "positief"]
    request = _register(demo_profile, "TW-2026-0901", *ic)
    candidates = _match(demo_profile, request)
    suitable = [c for c in candidates if c["suitable"]]
    features = _features(demo_profile)
    assert suitable, candidates
    assert all(c["category"] != "pacu" for c in suitable)
    assert all("beademing" in features[c["location_id"]] for c in suitable)
    pacu = [c for c in candidates if c["category"] == "pacu"]
    assert pacu and all(not c["suitable"] for c in pacu)
    for c in pacu:
        against = [r["text"] for r in c["reasons"] if not r["ok"]]
        assert any("does not take COVID-positive patients" in text for text in against)
        assert any("only takes patients who are post-operative" in text for text in against)
    unventilated = [
        c
        for c in candidates
        if c["category"] == "ic" and "beademing" not in features[c["location_id"]]
    ]
    assert unventilated and all(not c["suitable"] for c in unventilated)
    assert "needs 'beademing'" in " ".join(r["text"] for r in unventilated[0]["reasons"])


def test_a_non_covid_post_operative_patient_may_go_to_the_pacu(demo_profile: Path) -> None:
    args = ["--care", "ic", "--category", "ic", "--urgency", "hoog", "--covid", "negatief"]
    request = _register(demo_profile, "TW-2026-0902", *args, "--postoperative")
    pacu = [c for c in _match(demo_profile, request) if c["category"] == "pacu"]
    assert pacu and any(c["suitable"] for c in pacu)


def test_shelters_rank_after_every_other_suitable_place(demo_profile: Path) -> None:
    args = ["--care", "vvt_herstel", "--category", "cohort_covid_neg", "--urgency", "hoog"]
    request = _register(demo_profile, "TW-2026-0903", *args, "--covid", "negatief")
    suitable = [c for c in _match(demo_profile, request) if c["suitable"]]
    categories = [c["category"] for c in suitable]
    assert "noodopvang" in categories and len(set(categories)) > 1
    first_shelter = categories.index("noodopvang")
    assert all(c == "noodopvang" for c in categories[first_shelter:])
    shelter = suitable[first_shelter]
    assert any("last resort" in r["text"] for r in shelter["reasons"])


def test_hfno_transport_needs_an_ambulance_plus(demo_profile: Path) -> None:
    base = ["--care", "ziekenhuis", "--category", "kliniek_covid", "--urgency", "acuut", "--hfno"]
    plain = run(demo_profile, "placements", "register", "--reference", "TW-2026-0904", *base)
    assert plain.exit_code == 1 and "ambulance+" in plain.output
    assert "Traceback" not in plain.output
    micu = run(
        demo_profile,
        *["placements", "register", "--reference", "TW-2026-0904", *base, "--transport", "micu"],
    )
    assert micu.exit_code == 1 and "MICU cannot carry an HFNO" in micu.output
    _register(demo_profile, "TW-2026-0904", *base, "--transport", "ambulance_plus")


def test_supra_regional_routes_follow_the_patient_group(demo_profile: Path) -> None:
    vvt = _register(
        demo_profile,
        "TW-2026-0905",
        "--care",
        "vvt_herstel",
        "--category",
        "elv",
        "--urgency",
        "hoog",
    )
    step = ["placements", "advance", vvt[:8], "opgeschaald", "--reason", "regio vol"]
    refused = run(demo_profile, *step, "--to", "lcps")
    assert refused.exit_code == 1 and "hospital patients" in refused.output
    vg = _register(
        demo_profile,
        "TW-2026-0906",
        "--care",
        "vg_cohort",
        "--category",
        "vg_cohort",
        "--urgency",
        "hoog",
    )
    vg_step = ["placements", "advance", vg[:8], "opgeschaald", "--reason", "VG-cohort vol"]
    assert run(demo_profile, *vg_step, "--to", "rcps").exit_code == 1
    assert run(demo_profile, *vg_step, "--to", "vg_cohort").exit_code == 0
    ward = _register(
        demo_profile,
        "TW-2026-0907",
        "--care",
        "ziekenhuis",
        "--category",
        "kliniek_covid",
        "--urgency",
        "acuut",
        "--covid",
        "positief",
    )
    ward_step = ["placements", "advance", ward[:8], "opgeschaald", "--reason", "regio vol"]
    assert run(demo_profile, *ward_step, "--to", "lcps").exit_code == 0
    escalated = json.loads(
        run(demo_profile, "placements", "list", "--state", "opgeschaald", "--json").output
    )
    # the demo's own VG request goes the VG route too, and every RCPS/LCPS one is a hospital one
    assert {r["escalated_to"] for r in escalated if r["care_need"] == "vg_cohort"} == {"vg_cohort"}
    hospital = {"ic", "bewaking", "ziekenhuis"}
    assert all(
        r["care_need"] in hospital for r in escalated if r["escalated_to"] in ("rcps", "lcps")
    )


def test_refusal_reasons_come_from_the_list(demo_profile: Path) -> None:
    offered = json.loads(
        run(demo_profile, "placements", "list", "--state", "plaats_aangeboden", "--json").output
    )[0]
    step = ["placements", "advance", offered["id"][:8], "in_behandeling"]
    free_text = run(demo_profile, *step, "--reason", "hoort niet bij onze organisatie")
    assert free_text.exit_code == 1 and "reason from the list" in free_text.output
    dressed_up = run(
        demo_profile, *step, "--refusal", "anders", "--reason", "hoort niet bij onze organisatie"
    )
    assert dressed_up.exit_code == 1 and "eigen cliënt" in dressed_up.output
    bad_code = run(demo_profile, *step, "--refusal", "geen_eigen_client")
    assert bad_code.exit_code != 0 and "Traceback" not in bad_code.output
    assert run(demo_profile, *step, "--refusal", "geen_bemand_bed").exit_code == 0
    stats = json.loads(run(demo_profile, "placements", "stats", "--json").output)
    assert stats["refusals"]["geen_bemand_bed"] == 2  # the demo's own refusal and this one


def test_local_route_tried_is_kept_shown_and_counted(demo_profile: Path) -> None:
    before = json.loads(run(demo_profile, "placements", "stats", "--json").output)
    assert before["local_route_tried"] and before["local_route_not_tried"]
    assert before["local_route_tried"] + before["local_route_not_tried"] == before["total"]
    args = ["--care", "elv", "--category", "elv", "--urgency", "normaal", "--local-route-tried"]
    request = _register(demo_profile, "TW-2026-0908", *args)
    after = json.loads(run(demo_profile, "placements", "stats", "--json").output)
    assert after["local_route_tried"] == before["local_route_tried"] + 1
    listed = json.loads(run(demo_profile, "placements", "list", "--json").output)
    assert next(r for r in listed if r["id"] == request)["local_route_tried"] is True
    text = run(demo_profile, "placements", "list").output
    assert "lokale route geprobeerd" in text and "lokale route: nee" in text
    assert "Lokale route eerst geprobeerd:" in run(demo_profile, "placements", "stats").output


def test_pacu_rule_by_patient_group() -> None:
    from resilient_zcc.placements.rules import rule_reasons

    def fits(covid: str, postoperative: bool) -> bool:
        request = {"covid_status": covid, "postoperative": postoperative, "care_need": "ic"}
        return all(ok for ok, _text in rule_reasons(request, "pacu", "PACU", []))

    assert fits("negatief", True)
    assert not fits("negatief", False)  # not post-operative
    assert not fits("positief", True)
    assert not fits("verdacht", True)  # not known to be COVID-negative
    assert not fits("onbekend", True)
    assert rule_reasons({"covid_status": "positief"}, "elv", "ELV", []) == []  # no rule
