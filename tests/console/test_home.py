"""The home counts: mine, unassigned in my languages, waiting chats, disputes awaiting me,
approvals awaiting me, SLA at risk; each the number of rows of the list its tile opens."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from console.auth import SignedInAgent
from console.home import HomeCounts, home_counts, my_queue_keys
from console.store import Store
from models import Agent, Approval
from tests.factories import add_agent
from tests.signin_fixtures import NOW, add_customer, add_dispute, add_ticket


def _signed_in(store: Store, handle: str) -> SignedInAgent:
    with store.read() as session:
        return SignedInAgent.from_row(
            session.exec(select(Agent).where(Agent.handle == handle)).one()
        )


def test_queue_keys_cover_every_channel_of_every_language() -> None:
    assert my_queue_keys(("fr", "nl")) == [
        "email:fr", "chat:fr", "phone:fr", "email:nl", "chat:nl", "phone:nl",
    ]  # fmt: skip


def test_each_count_counts_what_it_says(store: Store) -> None:
    me = add_agent(store, "amelie", languages=["fr", "nl"])
    other = add_agent(store, "lena", role="lead", languages=["de"])
    customer = add_customer(store)
    # mine: open, new and pending_customer count; solved does not; someone else's does not
    add_ticket(store, customer, assignee_id=me, status="open")
    add_ticket(store, customer, assignee_id=me, status="pending_customer")
    add_ticket(store, customer, assignee_id=me, status="solved")
    add_ticket(store, customer, assignee_id=other, status="open")
    # unassigned in fr/nl (any channel), not de, not pending
    add_ticket(store, customer, language="fr", channel="email")
    add_ticket(store, customer, language="nl", channel="phone", status="open")
    add_ticket(store, customer, language="de", channel="email")
    add_ticket(store, customer, language="fr", channel="email", status="pending_customer")
    # waiting chats: every language, unassigned
    add_ticket(store, customer, language="fr", channel="chat")
    add_ticket(store, customer, language="de", channel="chat")
    add_ticket(store, customer, language="de", channel="chat", assignee_id=other, status="open")
    # SLA: due within the hour or late and not replied, mine or unassigned in my languages
    add_ticket(store, customer, assignee_id=me, status="open", due_in=timedelta(minutes=30))
    add_ticket(store, customer, language="nl", due_in=timedelta(minutes=-5))
    add_ticket(store, customer, language="nl", due_in=timedelta(minutes=-5), replied=True)
    add_ticket(store, customer, language="de", due_in=timedelta(minutes=-5))
    # disputes: mine in open states only
    add_dispute(store, customer, reviewer_id=me, state="under_review")
    add_dispute(store, customer, reviewer_id=me, state="closed")
    add_dispute(store, customer, reviewer_id=other, state="under_review")

    counts = home_counts(store, _signed_in(store, "amelie"), NOW)

    assert counts == HomeCounts(
        my_open=3,  # open, pending_customer and the SLA one
        unassigned_mine=5,  # fr email, nl phone, fr chat, 2 × nl email (SLA)
        waiting_chats=2,
        disputes_for_me=1,
        approvals_pending=None,  # an agent decides no approvals: no such tile
        sla_at_risk=2,
        at=NOW,
    )


def test_approvals_are_counted_apart_and_only_for_roles_that_decide_them(store: Store) -> None:
    agent = add_agent(store, "amelie")
    add_agent(store, "lena", role="lead")
    with store.write() as session:
        session.add(Approval(subject_kind="resolution", subject_id=1, requested_by_id=agent))
        session.add(
            Approval(
                subject_kind="resolution", subject_id=2, requested_by_id=agent, state="approved"
            )
        )
    lead = home_counts(store, _signed_in(store, "lena"), NOW)
    assert (lead.approvals_pending, lead.disputes_for_me) == (1, 0)
    assert home_counts(store, _signed_in(store, "amelie"), NOW).approvals_pending is None


def test_the_counts_use_the_ticket_indexes(store: Store) -> None:
    """No count scans the whole ticket table (SQLite's plan says SCAN ticket when it would)."""
    from sqlalchemy import event

    plans: list[str] = []
    statements: list[str] = []

    def remember(conn, cursor, statement, parameters, context, executemany):  # type: ignore[no-untyped-def]
        if "count(" in statement.lower():
            statements.append((statement, parameters))  # type: ignore[arg-type]

    add_agent(store, "amelie", languages=["fr"])
    event.listen(store.engine, "before_cursor_execute", remember)
    try:
        home_counts(store, _signed_in(store, "amelie"), NOW)
    finally:
        event.remove(store.engine, "before_cursor_execute", remember)
    with store.engine.connect() as connection:
        for statement, parameters in statements:  # type: ignore[misc]
            rows = connection.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters)
            plans.extend(str(row[-1]) for row in rows)
    assert plans
    assert not [plan for plan in plans if plan.startswith("SCAN ticket") or plan == "SCAN ticket"]


def _dispute_on_a_ticket(
    store: Store, customer: int, *, reviewer_id: int | None, state: str
) -> None:
    from models import Dispute

    ticket = add_ticket(store, customer, status="open")
    dispute_id = add_dispute(store, customer, reviewer_id=reviewer_id, state=state)
    with store.write() as session:
        dispute = session.get_one(Dispute, dispute_id)
        dispute.ticket_id = ticket
        session.add(dispute)


@pytest.mark.parametrize("handle", ["amelie", "lena"])
def test_each_dispute_tile_counts_the_rows_of_the_list_it_opens(store: Store, handle: str) -> None:
    from console.disputes.approvals import pending_approvals
    from console.disputes.awaiting import disputes_awaiting

    me = add_agent(store, "amelie", languages=["fr"])
    lead = add_agent(store, "lena", role="lead", languages=["fr"])
    customer = add_customer(store)
    for reviewer in (me, lead):
        _dispute_on_a_ticket(store, customer, reviewer_id=reviewer, state="under_review")
        _dispute_on_a_ticket(store, customer, reviewer_id=reviewer, state="closed")
        add_dispute(store, customer, reviewer_id=reviewer, state="awaiting_info")  # no ticket
        add_dispute(store, customer, reviewer_id=reviewer, state="resolved")
    _dispute_on_a_ticket(store, customer, reviewer_id=None, state="open")
    with store.write() as session:
        session.add(Approval(subject_kind="resolution", subject_id=1, requested_by_id=me))
        session.add(Approval(subject_kind="report", subject_id=2, requested_by_id=me))
        session.add(
            Approval(subject_kind="resolution", subject_id=3, requested_by_id=me, state="rejected")
        )
    agent = _signed_in(store, handle)

    counts = home_counts(store, agent, NOW)

    assert counts.disputes_for_me == len(disputes_awaiting(store, agent)) == 2
    if handle == "lena":
        assert counts.approvals_pending == len(pending_approvals(store, agent)) == 2
    else:
        assert counts.approvals_pending is None
