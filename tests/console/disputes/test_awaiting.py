"""The disputes awaiting a reviewer: which, in what order, with what, and `guichet disputes`."""

from __future__ import annotations

import json
import re
from datetime import timedelta

import pytest
from sqlmodel import select

from console import cli
from console.disputes.awaiting import (
    AWAITING_STATES,
    count_disputes_awaiting,
    disputes_awaiting,
)
from models import Dispute, Payment
from models.enums import DisputeState
from models.money import Money
from tests.console.disputes.world import NOW, PASSWORD, World, add_case
from tests.signin_fixtures import add_ticket


def _set(world: World, dispute_id: int, **fields: object) -> None:
    with world.store.write() as session:
        dispute = session.get_one(Dispute, dispute_id)
        for name, value in fields.items():
            setattr(dispute, name, value)
        session.add(dispute)


def _ids(world: World, handle: str = "amelie") -> list[int]:
    return [item.id for item in disputes_awaiting(world.store, world[handle])]


def test_every_state_but_resolved_and_closed_awaits_the_reviewer(world: World) -> None:
    by_state = {state: add_case(world, state=state.value) for state in DisputeState}
    assert set(AWAITING_STATES) == {s.value for s in DisputeState} - {"resolved", "closed"}
    assert sorted(_ids(world)) == sorted(
        dispute_id
        for state, dispute_id in by_state.items()
        if state not in (DisputeState.RESOLVED, DisputeState.CLOSED)
    )


def test_disputes_of_other_reviewers_or_of_none_are_not_mine(world: World) -> None:
    mine = add_case(world, reviewer="amelie")
    add_case(world, reviewer="arthur")
    add_case(world, reviewer=None)
    assert _ids(world) == [mine]
    assert _ids(world, "lena") == []


def test_soonest_clock_first_then_no_clock_then_by_number(world: World) -> None:
    no_clock_a = add_case(world)
    later = add_case(world)
    no_clock_b = add_case(world)
    sooner = add_case(world)
    late_already = add_case(world)
    _set(world, later, due_at=NOW + timedelta(days=2))
    _set(world, sooner, due_at=NOW + timedelta(hours=3))
    _set(world, late_already, due_at=NOW - timedelta(hours=1))
    assert _ids(world) == [late_already, sooner, later, no_clock_a, no_clock_b]


def test_a_dispute_without_a_ticket_is_listed_and_a_linked_one_names_its_ticket(
    world: World,
) -> None:
    ticketless = add_case(world)
    linked = add_case(world)
    ticket = add_ticket(world.store, world.buyer_id, status="open")
    _set(world, linked, ticket_id=ticket)
    rows = {item.id: item for item in disputes_awaiting(world.store, world["amelie"])}
    assert rows[ticketless].ticket_id is None
    assert rows[linked].ticket_id == ticket


def test_each_row_carries_what_a_reviewer_picks_by(world: World) -> None:
    dispute_id = add_case(world, captured=30000, kind="not_received", state="awaiting_info")
    _set(world, dispute_id, due_at=NOW + timedelta(days=1))
    with world.store.write() as session:
        payment = session.exec(select(Payment)).all()[-1]
        payment.refunded_minor = 5000
        session.add(payment)
    (row,) = disputes_awaiting(world.store, world["amelie"])
    assert (row.kind, row.kind_label) == ("not_received", "item not received")
    assert (row.state, row.state_label) == ("awaiting_info", "awaiting information")
    assert row.order_reference.startswith("ORD-")
    assert (row.buyer, row.seller) == ("Marie Dupont", "Hans Antik GmbH")
    assert row.amount == Money(25000, "EUR")  # captured less refunded so far
    assert row.due_at == NOW + timedelta(days=1)
    assert row.to_json()["amount"] == {"amount_minor": 25000, "currency": "EUR"}


def test_without_a_payment_the_amount_is_unknown(world: World) -> None:
    dispute_id = add_case(world)
    with world.store.write() as session:
        dispute = session.get_one(Dispute, dispute_id)
        payment = session.exec(select(Payment).where(Payment.order_id == dispute.order_id)).one()
        session.delete(payment)
    (row,) = disputes_awaiting(world.store, world["amelie"])
    assert row.amount is None


def test_the_count_is_the_number_of_rows(world: World) -> None:
    for state in ("under_review", "closed", "appealed", "resolved", "on_hold_chargeback"):
        add_case(world, state=state)
    add_case(world, reviewer="arthur")
    with world.store.read() as session:
        count = count_disputes_awaiting(session, world["amelie"].id)
    assert count == len(disputes_awaiting(world.store, world["amelie"])) == 3


def test_the_list_reads_the_reviewer_index_and_never_the_tickets(world: World) -> None:
    """A reviewer holds tens of disputes among tens of thousands: no scan of a whole table."""
    from sqlalchemy import event

    add_case(world)
    statements: list[tuple[str, object]] = []

    def remember(conn, cursor, statement, parameters, context, executemany):  # type: ignore[no-untyped-def]
        if "dispute" in statement.lower():
            statements.append((statement, parameters))

    event.listen(world.store.engine, "before_cursor_execute", remember)
    try:
        disputes_awaiting(world.store, world["amelie"])
        with world.store.read() as session:
            count_disputes_awaiting(session, world["amelie"].id)
    finally:
        event.remove(world.store.engine, "before_cursor_execute", remember)
    assert len(statements) == 2
    plans: list[str] = []
    with world.store.engine.connect() as connection:
        for statement, parameters in statements:
            rows = connection.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters)  # type: ignore[arg-type]
            plans.extend(str(row[-1]) for row in rows)
    assert any("ix_dispute_reviewer_id" in plan for plan in plans), plans
    assert not [plan for plan in plans if plan.startswith("SCAN")], plans
    assert not any(re.search(r"\bticket\b", statement) for statement, _ in statements)


@pytest.fixture
def run(world: World, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("GUICHET_PASSWORD", PASSWORD)
    monkeypatch.setenv("GUICHET_DB", world.store.url)

    def _run(*argv: str, agent: str = "amelie") -> tuple[int, str, str]:
        status = cli.main([*argv, "--agent", agent])
        out, err = capsys.readouterr()
        return status, out, err

    return _run


def test_guichet_disputes_json_lists_the_same_disputes(world: World, run) -> None:  # type: ignore[no-untyped-def]
    later = add_case(world)
    sooner = add_case(world, kind="damaged")
    add_case(world, state="closed")
    add_case(world, reviewer="arthur")
    _set(world, sooner, due_at=NOW + timedelta(hours=2))
    status, out, err = run("disputes", "--json")
    assert status == 0, err
    document = json.loads(out)
    assert [row["id"] for row in document["disputes"]] == [sooner, later]
    first = document["disputes"][0]
    assert first["kind"] == "damaged"
    assert first["state"] == "under_review"
    assert first["buyer"] == "Marie Dupont"
    assert first["amount"] == {"amount_minor": 30000, "currency": "EUR"}
    assert first["due_at"] == (NOW + timedelta(hours=2)).isoformat()
    assert first["ticket_id"] is None
    assert [row["id"] for row in document["disputes"]] == _ids(world)


def test_guichet_disputes_says_when_nothing_awaits(world: World, run) -> None:  # type: ignore[no-untyped-def]
    status, out, err = run("disputes", agent="arthur")
    assert status == 0, err
    assert out.strip() == "Nothing awaits you: no open dispute has you as its reviewer."
    status, out, _err = run("disputes", "--json", agent="arthur")
    assert json.loads(out) == {"disputes": []}


def test_guichet_disputes_prints_customer_names_inert(world: World, run) -> None:  # type: ignore[no-untyped-def]
    from models import Account

    add_case(world)
    with world.store.write() as session:
        buyer = session.get_one(Account, world.buyer_id)
        buyer.display_name = "Marie\x1b]0;pwned\x07\x1b[2J"
        session.add(buyer)
    status, out, err = run("disputes")
    assert status == 0, err
    assert "\x1b" not in out
    assert "Marie" in out
