"""The life cycle: every allowed step works, every other one is refused with the allowed list."""

from __future__ import annotations

from datetime import timedelta

import pytest

from resilient_zcc.errors import ValidationError
from resilient_zcc.placements.lifecycle import (
    CLOSED_STATES,
    OPEN_STATES,
    STATES,
    TRANSITIONS,
    check_transition,
    is_not_own_client,
)
from resilient_zcc.placements.model import advance
from resilient_zcc.placements.queries import events
from resilient_zcc.placements.rules import REFUSAL_REASONS
from resilient_zcc.store import Store

from .placements_setup import BY, NOW, build_region, offered, register

ALL_PAIRS = [(a, b) for a in STATES for b in STATES]


def _kwargs(current: str, target: str) -> dict[str, str | None]:
    reason = "geen isolatiekamer vrij" if target in ("in_behandeling", "geannuleerd") else ""
    return {
        "reason": reason,
        "reason_code": "geen_bemand_bed",
        "escalated_to": "rcps" if target == "opgeschaald" else None,
    }


@pytest.mark.parametrize("current,target", ALL_PAIRS)
def test_every_state_pair_is_allowed_exactly_when_listed(current: str, target: str) -> None:
    if target in TRANSITIONS[current]:
        check_transition(current, target, **_kwargs(current, target))  # type: ignore[arg-type]
        return
    with pytest.raises(ValidationError) as refused:
        check_transition(current, target, **_kwargs(current, target))  # type: ignore[arg-type]
    message = str(refused.value)
    if current in CLOSED_STATES:
        assert "closed" in message
    else:
        assert "Allowed next states" in message
        for allowed in TRANSITIONS[current]:
            assert f"'{allowed}'" in message


def test_cancel_and_escalate_from_every_open_state_only() -> None:
    for state in OPEN_STATES:
        assert {"geannuleerd", "opgeschaald"} <= set(TRANSITIONS[state])
    for state in CLOSED_STATES:
        assert TRANSITIONS[state] == ()


@pytest.mark.parametrize("current", ["aangemeld", "in_behandeling", "plaats_aangeboden"])
def test_transport_before_acceptance_is_refused(current: str) -> None:
    with pytest.raises(ValidationError, match="receiving party must have accepted"):
        check_transition(current, "vervoer_geregeld")


def test_escalation_needs_rcps_or_lcps_and_cancel_needs_a_reason() -> None:
    with pytest.raises(ValidationError, match="'rcps'.*'lcps'"):
        check_transition("in_behandeling", "opgeschaald", escalated_to=None)
    with pytest.raises(ValidationError, match="needs a reason"):
        check_transition("aangemeld", "geannuleerd", reason="  ")


@pytest.mark.parametrize(
    "reason",
    [
        "Geen eigen cliënt",
        "geen eigen client",
        "Niet onze cliënt",
        "patiënt is niet onze client",
        "Cliënt is niet van ons",
        "not our client",
        "no own client",
        "Hoort niet bij onze organisatie",
        "valt niet onder ons",
        "niet onze doelgroep",
    ],
)
def test_not_own_client_is_no_reason_to_refuse(reason: str) -> None:
    assert is_not_own_client(reason)
    with pytest.raises(ValidationError, match="eigen cliënt"):
        check_transition("plaats_aangeboden", "in_behandeling", reason=reason, reason_code="anders")


def test_refusal_needs_a_reason_from_the_list() -> None:
    for code in (None, "", "geen_eigen_client", "hoort niet bij onze organisatie"):
        with pytest.raises(ValidationError, match="reason from the list: 'geen_bemand_bed'"):
            check_transition(
                "plaats_aangeboden", "in_behandeling", reason="bed bezet", reason_code=code
            )
    assert not set(REFUSAL_REASONS) & {"geen_eigen_client", "eigen_client", "andere_organisatie"}
    with pytest.raises(ValidationError, match="'anders' needs an explanation"):
        check_transition("plaats_aangeboden", "in_behandeling", reason=" ", reason_code="anders")
    assert not is_not_own_client("geen isolatiekamer vrij voor deze cliënt")
    check_transition(
        "plaats_aangeboden",
        "in_behandeling",
        reason="geen isolatiekamer vrij",
        reason_code="anders",
    )
    check_transition("plaats_aangeboden", "in_behandeling", reason_code="acp_grens")


def test_full_path_writes_one_event_per_step(store: Store) -> None:
    region = build_region(store)
    request_id = offered(store, region.cohort)
    for n, state in enumerate(("geaccepteerd", "vervoer_geregeld", "geplaatst"), 1):
        request = advance(store, request_id, state, by=BY, now=NOW + timedelta(minutes=n))
        assert request["state"] == state
        assert request["location_id"] == region.cohort
    assert request["closed_at"] == (NOW + timedelta(minutes=3)).isoformat()
    steps = events(store, request_id)
    assert [(e["from_state"], e["to_state"]) for e in steps] == [
        (None, "aangemeld"),
        ("aangemeld", "in_behandeling"),
        ("in_behandeling", "plaats_aangeboden"),
        ("plaats_aangeboden", "geaccepteerd"),
        ("geaccepteerd", "vervoer_geregeld"),
        ("vervoer_geregeld", "geplaatst"),
    ]
    assert all(e["by"] == BY for e in steps)
    assert {e["location_id"] for e in steps[2:]} == {region.cohort}
    assert {e["category"] for e in steps[2:]} == {"cohort_covid_pos"}
    with pytest.raises(ValidationError, match="closed"):
        advance(store, request_id, "geannuleerd", by=BY, now=NOW, reason="te laat")


def test_model_refuses_skipping_and_early_transport_and_stores_nothing(store: Store) -> None:
    build_region(store)
    request_id = register(store)
    before = store.query("SELECT count(*) AS n FROM changes")[0]["n"]
    with pytest.raises(ValidationError, match="Allowed next states: 'in_behandeling'"):
        advance(store, request_id, "geplaatst", by=BY, now=NOW)
    with pytest.raises(ValidationError, match="receiving party must have accepted"):
        advance(store, request_id, "vervoer_geregeld", by=BY, now=NOW)
    assert store.query("SELECT count(*) AS n FROM changes")[0]["n"] == before
    advance(store, request_id, "in_behandeling", by=BY, now=NOW)
    with pytest.raises(ValidationError, match="needs the location"):
        advance(store, request_id, "plaats_aangeboden", by=BY, now=NOW)
    assert store.query("SELECT count(*) AS n FROM changes")[0]["n"] == before + 2


def test_refusal_is_logged_and_frees_the_place(store: Store) -> None:
    region = build_region(store, cohort_free=1)
    request_id = offered(store, region.cohort)
    with pytest.raises(ValidationError, match="eigen cliënt"):
        advance(
            store,
            request_id,
            "in_behandeling",
            by="Roessingh",
            now=NOW,
            reason="geen eigen cliënt",
            reason_code="anders",
        )
    request = advance(
        store,
        request_id,
        "in_behandeling",
        by="Roessingh",
        now=NOW + timedelta(minutes=1),
        reason="geen HFNO-bed",
        reason_code="zorgvraag_niet_passend",
    )
    assert request["location_id"] is None and request["state"] == "in_behandeling"
    last = events(store, request_id)[-1]
    assert last["reason"] == "geen HFNO-bed" and last["location_id"] == region.cohort
    assert last["reason_code"] == "zorgvraag_niet_passend"
    # The place is free again: another request can have it.
    offered(store, region.cohort, "TW-2026-0002")


def test_escalation_records_the_body(store: Store) -> None:
    build_region(store)
    request_id = register(store, care_need="ziekenhuis", category="kliniek_covid")
    request = advance(
        store, request_id, "opgeschaald", by=BY, now=NOW, escalated_to="lcps", reason="regio vol"
    )
    assert request["escalated_to"] == "lcps" and request["closed_at"] == NOW.isoformat()
    with pytest.raises(ValidationError, match="Unknown escalation target"):
        advance(
            store,
            register(store, "TW-2026-0002", care_need="ziekenhuis", category="kliniek_covid"),
            "opgeschaald",
            by=BY,
            now=NOW,
            escalated_to="roaz",
        )
