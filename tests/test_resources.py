"""Scarce resources: the request life cycle, allocation within stock, and over-allocation
after two coordinators cut off from each other gave away the same last units."""

from __future__ import annotations

import tempfile
from collections import Counter
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from resilient_zcc.contacts.model import add_channel, add_organisation
from resilient_zcc.errors import NotFound, ValidationError
from resilient_zcc.resources import model
from resilient_zcc.resources.conflicts import (
    detect_resource_overallocation,
    resolve_resource_conflict,
    resource_conflicts,
)
from resilient_zcc.resources.queries import request_history, requests, stocks, suppliers
from resilient_zcc.resources.vocabulary import RequestState
from resilient_zcc.store import Store

from .helpers import new_store, sync, sync_both
from .outage_setup import BY, NOW, Place, build_place

RESOURCES = ("zuurstofcilinders", "brandstof")


def _ask(store: Store, place: Place, resource: str = "zuurstofcilinders", n: int = 2) -> str:
    return model.request_resource(
        store, place.care_home, resource, n, reason="Concentratoren zonder stroom",
        requested_by="Verpleeghuis Oefenhof", now=NOW, needed_by=NOW + timedelta(hours=4),
    )  # fmt: skip


def _state(store: Store, request_id: str) -> RequestState:
    [found] = [r for r in requests(store) if r.request_id == request_id]
    return found.state


def test_a_request_goes_from_requested_to_received(store: Store) -> None:
    place = build_place(store)
    stock = model.count_stock(store, place.depot, "zuurstofcilinders", 5, counted_by=BY, now=NOW)
    request_id = _ask(store, place)
    model.allocate(store, request_id, stock, by=BY, now=NOW)
    [depot] = stocks(store)
    assert (depot.quantity, depot.reserved, depot.free) == (5, 2, 3)
    model.send(store, request_id, by="Depot", now=NOW)
    model.receive(store, request_id, by="Oefenhof", now=NOW)
    assert _state(store, request_id) == RequestState.RECEIVED
    assert stocks(store)[0].free == 3  # sent after the count: no longer on the shelf
    # A recount after sending sees the shelf as it is; the sent units are not counted twice.
    model.count_stock(store, place.depot, "zuurstofcilinders", 3, counted_by=BY,
                      now=NOW + timedelta(hours=1))  # fmt: skip
    assert stocks(store)[0].free == 3
    steps = [(s["from_state"], s["to_state"]) for s in request_history(store, request_id)]
    assert steps == [
        (None, "aangevraagd"),
        ("aangevraagd", "toegewezen"),
        ("toegewezen", "verzonden"),
        ("verzonden", "ontvangen"),
    ]
    with pytest.raises(ValidationError, match="cannot become"):
        model.refuse(store, request_id, by=BY, reason="te laat", now=NOW + timedelta(hours=1))


def test_allocation_never_exceeds_stock_or_the_request(store: Store) -> None:
    place = build_place(store)
    stock = model.count_stock(store, place.depot, "zuurstofcilinders", 3, counted_by=BY, now=NOW)
    fuel = model.count_stock(store, place.depot, "brandstof", 500, counted_by=BY, now=NOW)
    first, second = _ask(store, place, n=2), _ask(store, place, n=2)
    model.allocate(store, first, stock, by=BY, now=NOW)
    with pytest.raises(ValidationError, match=r"more than the stock has free \(1 of 3"):
        model.allocate(store, second, stock, by=BY, now=NOW)
    with pytest.raises(ValidationError, match="more than the 2 asked for"):
        model.allocate(store, second, stock, by=BY, now=NOW, quantity=3)
    with pytest.raises(ValidationError, match="choose a stock of zuurstofcilinders"):
        model.allocate(store, second, fuel, by=BY, now=NOW)
    with pytest.raises(ValidationError, match="at least 1"):
        model.allocate(store, second, stock, by=BY, now=NOW, quantity=0)
    model.allocate(store, second, stock, by=BY, now=NOW, quantity=1)  # a part is fine
    assert stocks(store, resource="zuurstofcilinders")[0].free == 0
    model.withdraw(store, first, by=BY, reason="Nodig voor ziekenhuis", now=NOW)
    assert stocks(store, resource="zuurstofcilinders")[0].free == 2
    assert _state(store, first) == RequestState.REQUESTED
    assert resource_conflicts(store) == ()


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda s, p: model.count_stock(s, p.depot, "brandstof", -5, counted_by=BY, now=NOW),
         "cannot be negative"),
        (lambda s, p: model.count_stock(s, p.depot, "Brandstof!", 5, counted_by=BY, now=NOW),
         "not a resource code"),
        (lambda s, p: model.count_stock(s, p.depot, "brandstof", 5, counted_by=" ", now=NOW),
         "may not be empty"),
        (lambda s, p: model.count_stock(s, p.depot, "brandstof", 5, counted_by=BY, now=NOW,
                                        counted_at=NOW + timedelta(hours=2)),
         "lies in the future"),
        (lambda s, p: model.request_resource(s, p.care_home, "brandstof", 0, reason="x",
                                             requested_by="y", now=NOW),
         "at least 1"),
        (lambda s, p: model.request_resource(s, p.care_home, "brandstof", 5, reason=" ",
                                             requested_by="y", now=NOW),
         "may not be empty"),
        (lambda s, p: model.request_resource(s, p.care_home, "brandstof", 5, reason="x",
                                             requested_by="y", now=NOW,
                                             needed_by=NOW - timedelta(hours=1)),
         "which has passed"),
    ],
)  # fmt: skip
def test_bad_resource_input_is_refused_and_nothing_stored(
    store: Store, call: Callable[[Store, Place], object], message: str
) -> None:
    place = build_place(store)
    with pytest.raises(ValidationError, match=message):
        call(store, place)
    assert (
        store.query("SELECT id FROM resource_stocks UNION SELECT id FROM resource_requests") == []
    )


def test_a_refusal_needs_a_reason_and_closes_the_request(store: Store) -> None:
    place = build_place(store)
    request_id = _ask(store, place)
    with pytest.raises(ValidationError, match="needs a reason"):
        model.refuse(store, request_id, by=BY, reason="  ", now=NOW)
    with pytest.raises(ValidationError, match="cannot become"):
        model.send(store, request_id, by=BY, now=NOW)
    with pytest.raises(ValidationError, match="needs a reason"):
        model.withdraw(store, request_id, by=BY, reason="", now=NOW)
    model.refuse(store, request_id, by=BY, reason="Voorraad voor ziekenhuizen", now=NOW)
    [refused] = requests(store)
    assert refused.state == RequestState.REFUSED and refused.refusal == "Voorraad voor ziekenhuizen"
    assert requests(store, open_only=True) == ()
    with pytest.raises(ValidationError, match=r"next steps: none"):
        model.receive(store, request_id, by=BY, now=NOW)
    with pytest.raises(NotFound):
        model.send(store, "no-such-request", by=BY, now=NOW)
    with pytest.raises(NotFound):
        model.allocate(store, "no-such-request", "no-such-stock", by=BY, now=NOW)


def test_who_delivers_fuel_to_the_hospital(store: Store) -> None:
    place = build_place(store)
    supplier = add_organisation(store, "Brandstof Voorbeeld (fictief)", "leverancier")
    add_channel(store, "organisation", supplier, "direct", "06-1234 5992", availability="24/7")
    model.link_supplier(store, supplier, "brandstof", place.hospital_org)
    model.link_supplier(store, supplier, "brandstof", place.hospital_org)  # same row again
    [link] = suppliers(store, customer_id=place.hospital_org, resource="brandstof")
    assert (link.supplier, link.phone) == ("Brandstof Voorbeeld (fictief)", "+31612345992")
    with pytest.raises(ValidationError, match="sector 'leverancier'"):
        model.link_supplier(store, place.homecare_org, "brandstof", place.hospital_org)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    counted=st.tuples(st.integers(0, 3), st.integers(0, 3)),
    allocations=st.lists(
        st.tuples(st.sampled_from("ab"), st.sampled_from(RESOURCES), st.integers(1, 2)),
        max_size=6,
    ),
)
def test_conflicts_flag_exactly_the_over_allocated_stocks(
    counted: tuple[int, int], allocations: list[tuple[str, str, int]]
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        a = new_store(Path(tmp) / "a", "laptop A")
        b = new_store(Path(tmp) / "b", "laptop B")
        try:
            place = build_place(a)
            stock = {
                resource: model.count_stock(a, place.depot, resource, n, counted_by=BY, now=NOW)
                for resource, n in zip(RESOURCES, counted, strict=True)
            }
            sync(a, b)  # both start from the same counts, then work apart
            given_away: Counter[tuple[str, str]] = Counter()
            for device, resource, n in allocations:
                store = a if device == "a" else b
                request_id = _ask(store, place, resource, n)
                try:
                    model.allocate(store, request_id, stock[resource], by=BY, now=NOW)
                except ValidationError as refused:
                    assert "more than the stock has free" in str(refused)
                    continue
                given_away[(device, resource)] += n
            for device in "ab":  # each laptop alone never allocates beyond its count
                for resource, n in zip(RESOURCES, counted, strict=True):
                    assert given_away[(device, resource)] <= n
            sync_both(a, b)
            over = {
                stock[resource]
                for resource, n in zip(RESOURCES, counted, strict=True)
                if given_away[("a", resource)] + given_away[("b", resource)] > n
            }
            for store in (a, b):
                found = detect_resource_overallocation(store, NOW + timedelta(minutes=1))
                assert {c.stock_id for c in found} == over
                assert {s.stock_id for s in stocks(store) if s.over_allocated} == over
            sync_both(a, b)
            assert {c.stock_id for c in resource_conflicts(a)} == over
            assert [c.conflict_id for c in resource_conflicts(a)] == [
                c.conflict_id for c in resource_conflicts(b)
            ]
        finally:
            a.close()
            b.close()


def test_the_last_cylinders_allocated_twice_become_one_conflict_to_resolve(
    tmp_path: Path,
) -> None:
    a = new_store(tmp_path / "a", "laptop A")
    b = new_store(tmp_path / "b", "laptop B")
    with a, b:
        place = build_place(a)
        stock = model.count_stock(a, place.depot, "zuurstofcilinders", 2, counted_by=BY, now=NOW)
        sync(a, b)
        first, second = _ask(a, place), _ask(b, place)
        model.allocate(a, first, stock, by="Coördinator A", now=NOW)
        model.allocate(b, second, stock, by="Coördinator B", now=NOW)
        assert resource_conflicts(a) == resource_conflicts(b) == ()
        sync(b, a)  # merging raises the conflict by itself (the derived hook)
        [conflict] = resource_conflicts(a)
        assert (conflict.quantity, conflict.reserved) == (2, 4)
        assert set(conflict.request_ids) == {first, second}
        sync(a, b)
        assert [c.conflict_id for c in resource_conflicts(b)] == [conflict.conflict_id]
        with pytest.raises(ValidationError, match="Describe how"):
            resolve_resource_conflict(a, conflict.conflict_id, "ZCC", " ", NOW)
        with pytest.raises(NotFound):
            resolve_resource_conflict(a, "no-such-conflict", "ZCC", "x", NOW)
        model.withdraw(b, second, by="Coördinator B", reason="Dubbel toegewezen", now=NOW)
        resolve_resource_conflict(a, conflict.conflict_id, "ZCC", "Toewijzing B ingetrokken", NOW)
        with pytest.raises(ValidationError, match="resolved already"):
            resolve_resource_conflict(a, conflict.conflict_id, "ZCC", "nogmaals", NOW)
        sync_both(a, b)
        assert resource_conflicts(a) == resource_conflicts(b) == ()
        assert not detect_resource_overallocation(b, NOW)
        [done] = resource_conflicts(b, include_resolved=True)
        assert done.resolved_by == "ZCC"
