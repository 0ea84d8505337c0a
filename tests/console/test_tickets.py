"""The ticket service: the thread and panels, and each action as one transaction with its event."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import event
from sqlmodel import col, func, select

from console import tickets
from console.errors import BadInput, NotFound, Refused
from console.store import Store
from models import AuditEvent, Dispute, Message, Outbox, Ticket
from tests.signin_fixtures import NOW
from tests.ticket_fixtures import AI_ANSWER, FIRST_REPLY, NOTE, REQUEST, Marketplace, signed_in
from tests.ticket_fixtures import fill_marketplace as _fill


@pytest.fixture
def market(store: Store) -> Marketplace:
    """The small marketplace of `tests.ticket_fixtures`."""
    return _fill(store)


class Writes:
    """Counts `store.write()` transactions (BEGIN IMMEDIATE on SQLite)."""

    def __init__(self, store: Store) -> None:
        self.count = 0
        event.listen(store.engine, "begin", self._begin)

    def _begin(self, connection: Any) -> None:
        if connection.get_execution_options().get("guichet_write"):
            self.count += 1


def _events(store: Store, action: str) -> list[AuditEvent]:
    with store.read() as session:
        return list(session.exec(select(AuditEvent).where(AuditEvent.action == action)).all())


def _ticket(store: Store, ticket_id: int) -> Ticket:
    with store.read() as session:
        ticket = session.get(Ticket, ticket_id)
        assert ticket is not None
        return ticket


# --- reading -------------------------------------------------------------------------------------


def test_the_thread_is_in_order_with_the_ai_answer_marked(
    store: Store, market: Marketplace
) -> None:
    view = tickets.load_ticket(store, market.ticket)
    assert [(e.kind, e.body) for e in view.thread] == [
        ("customer", REQUEST),
        ("ai_assistant", AI_ANSWER),
        ("agent", FIRST_REPLY),
        ("internal_note", NOTE),
    ]
    assert [e.before_escalation for e in view.thread] == [False, True, False, False]
    assert view.thread[0].author == "Camille Dubois"
    assert view.thread[2].author == "Amélie Martin"


def test_an_ai_answer_only_on_the_ticket_is_shown_after_the_request(store: Store) -> None:
    market = _fill(store)
    with store.write() as session:
        session.execute(
            Message.__table__.delete().where(  # type: ignore[attr-defined]
                col(Message.kind) == "ai_assistant"
            )
        )
    thread = tickets.load_ticket(store, market.ticket).thread
    assert [e.kind for e in thread][:2] == ["customer", "ai_assistant"]
    assert thread[1].before_escalation
    assert thread[1].body == AI_ANSWER


def test_the_panels(store: Store, market: Marketplace) -> None:
    view = tickets.load_ticket(store, market.ticket)
    assert (view.customer.display_name, view.customer.country, view.customer.kind) == (
        "Camille Dubois", "FR", "private",
    )  # fmt: skip
    assert view.customer.past_tickets == 1  # the second ticket of the same buyer
    assert view.order is not None
    assert view.order.reference == "ORD-7"
    assert view.order.total.amount_minor == 12990
    assert view.order.captured is not None
    assert view.order.captured.amount_minor == 12990
    assert (view.order.carrier, view.order.tracking_number) == ("Colissimo", "6A123")
    assert view.assignee_name == "Amélie Martin"
    assert not view.seller_question


def test_a_sellers_question_says_whether_they_contacted_the_buyer(
    store: Store, market: Marketplace
) -> None:
    view = tickets.load_ticket(store, market.seller_ticket)
    assert view.seller_question
    assert view.seller_contacted_buyer is True


def test_an_unknown_ticket_is_not_found(store: Store, market: Marketplace) -> None:
    with pytest.raises(NotFound, match="no ticket #999"):
        tickets.load_ticket(store, 999)


# --- reply ---------------------------------------------------------------------------------------


def test_a_reply_is_one_transaction_with_its_event_and_outbox_row(
    store: Store, market: Marketplace
) -> None:
    amelie = signed_in(store, market.amelie)
    writes = Writes(store)
    entry = tickets.reply(store, amelie, market.second_ticket, "Bonjour !", now=NOW)
    assert writes.count == 1
    assert (entry.kind, entry.body, entry.author) == ("agent", "Bonjour !", "Amélie Martin")
    with store.read() as session:
        outbox = session.exec(select(Outbox)).all()
    assert len(outbox) == 1
    assert outbox[0].payload["message_id"] == entry.message_id
    assert outbox[0].payload["to_email"] == "camille@example.org"
    [audit] = _events(store, "ticket.replied")
    assert (audit.subject_id, audit.actor_id) == (market.second_ticket, market.amelie)
    ticket = _ticket(store, market.second_ticket)
    assert ticket.first_replied_at == NOW
    assert ticket.status == "open"
    assert ticket.assignee_id == market.amelie  # answering an unassigned ticket takes it
    assert tickets.load_ticket(store, market.second_ticket).thread[-1].body == "Bonjour !"


def test_a_reply_after_an_unseen_message_is_a_conflict(store: Store, market: Marketplace) -> None:
    amelie = signed_in(store, market.amelie)
    seen = tickets.load_ticket(store, market.ticket).last_message_id
    with store.write() as session:
        session.add(Message(ticket_id=market.ticket, kind="customer", body="Et alors ?",
                            created_at=NOW))  # fmt: skip
    with pytest.raises(tickets.Conflict) as conflict:
        tickets.reply(store, amelie, market.ticket, "Hop", now=NOW, seen_last_message_id=seen)
    assert [e.body for e in conflict.value.newer] == ["Et alors ?"]
    assert isinstance(conflict.value, Refused)
    assert _events(store, "ticket.replied") == []
    entry = tickets.reply(
        store, amelie, market.ticket, "Hop", now=NOW, seen_last_message_id=seen, force=True
    )
    assert entry.body == "Hop"
    assert _events(store, "ticket.replied")[0].details["forced"] is True


def test_my_own_newer_message_is_no_conflict(store: Store, market: Marketplace) -> None:
    amelie = signed_in(store, market.amelie)
    seen = tickets.load_ticket(store, market.ticket).last_message_id
    tickets.reply(store, amelie, market.ticket, "Un", now=NOW, seen_last_message_id=seen)
    tickets.reply(store, amelie, market.ticket, "Deux", now=NOW, seen_last_message_id=seen)


def test_an_empty_reply_is_bad_input(store: Store, market: Marketplace) -> None:
    with pytest.raises(BadInput, match="empty"):
        tickets.reply(store, signed_in(store, market.amelie), market.ticket, "  \n", now=NOW)


# --- notes, status, priority ---------------------------------------------------------------------


def test_a_note_is_internal_and_never_sent(store: Store, market: Marketplace) -> None:
    writes = Writes(store)
    entry = tickets.add_note(store, signed_in(store, market.bob), market.ticket, "Vu.", now=NOW)
    assert writes.count == 1
    assert entry.kind == "internal_note"
    with store.read() as session:
        assert session.exec(select(Outbox)).all() == []
    assert len(_events(store, "ticket.note_added")) == 1


def test_pending_customer_pauses_the_sla_and_reopening_moves_it_on(
    store: Store, market: Marketplace
) -> None:
    amelie = signed_in(store, market.amelie)
    due = _ticket(store, market.ticket).resolution_due_at
    assert due is not None
    writes = Writes(store)
    tickets.set_status(store, amelie, market.ticket, "pending_customer", now=NOW)
    assert writes.count == 1
    assert _ticket(store, market.ticket).sla_paused_at == NOW
    tickets.set_status(store, amelie, market.ticket, "open", now=NOW + timedelta(hours=5))
    ticket = _ticket(store, market.ticket)
    assert ticket.sla_paused_at is None
    assert ticket.resolution_due_at == due + timedelta(hours=5)
    events = _events(store, "ticket.status_set")
    assert [e.details["to"] for e in events] == ["pending_customer", "open"]
    assert events[1].details["sla_paused_seconds"] == 5 * 3600
    system = [
        e.body for e in tickets.load_ticket(store, market.ticket).thread if e.kind == "system"
    ]
    assert system == [
        "Amélie Martin set the status to pending customer.",
        "Amélie Martin set the status to open.",
    ]


def test_an_unknown_status_lists_the_choices(store: Store, market: Marketplace) -> None:
    with pytest.raises(BadInput, match="open, pending_customer, solved"):
        tickets.set_status(store, signed_in(store, market.amelie), market.ticket, "new", now=NOW)


def test_priority_keeps_the_rank_in_step(store: Store, market: Marketplace) -> None:
    writes = Writes(store)
    tickets.set_priority(store, signed_in(store, market.amelie), market.ticket, "urgent", now=NOW)
    assert writes.count == 1
    ticket = _ticket(store, market.ticket)
    assert (ticket.priority, ticket.priority_rank) == ("urgent", 0)
    assert _events(store, "ticket.priority_set")[0].details == {"from": "normal", "to": "urgent"}


# --- assign --------------------------------------------------------------------------------------


def test_an_agent_takes_an_unassigned_ticket(store: Store, market: Marketplace) -> None:
    bob = signed_in(store, market.bob)
    assert tickets.assign(store, bob, market.second_ticket, "bob", now=NOW) == market.bob
    assert _ticket(store, market.second_ticket).assignee_id == market.bob
    line = tickets.load_ticket(store, market.second_ticket).thread[-1]
    assert line.body == "Bob Smith took the ticket."


def test_an_agent_may_not_assign_to_someone_else(store: Store, market: Marketplace) -> None:
    bob = signed_in(store, market.bob)
    with pytest.raises(Refused, match="may not assign tickets to others"):
        tickets.assign(store, bob, market.second_ticket, "lena", now=NOW)


def test_an_agent_may_not_take_someone_elses_ticket(store: Store, market: Marketplace) -> None:
    bob = signed_in(store, market.bob)
    with pytest.raises(Refused, match="may not assign tickets to others"):
        tickets.assign(store, bob, market.ticket, "bob", now=NOW)
    assert _ticket(store, market.ticket).assignee_id == market.amelie


def test_a_lead_reassigns(store: Store, market: Marketplace) -> None:
    lena = signed_in(store, market.lena)
    writes = Writes(store)
    tickets.assign(store, lena, market.ticket, "bob", now=NOW)
    assert writes.count == 1
    [audit] = _events(store, "ticket.assigned")
    assert audit.details["from"] == market.amelie
    assert audit.details["to"] == market.bob
    line = tickets.load_ticket(store, market.ticket).thread[-1]
    assert line.body == "Lena Weber assigned the ticket to Bob Smith."


def test_an_unknown_handle_is_not_found(store: Store, market: Marketplace) -> None:
    with pytest.raises(NotFound, match="'nobody'"):
        tickets.assign(store, signed_in(store, market.lena), market.ticket, "nobody", now=NOW)


# --- merge ---------------------------------------------------------------------------------------


def test_merge_moves_the_messages_and_closes_the_source(store: Store, market: Marketplace) -> None:
    amelie = signed_in(store, market.amelie)
    writes = Writes(store)
    moved = tickets.merge(store, amelie, market.second_ticket, market.ticket, now=NOW)
    assert (moved, writes.count) == (1, 1)
    source = _ticket(store, market.second_ticket)
    assert (source.status, source.merged_into_id) == ("closed", market.ticket)
    target = tickets.load_ticket(store, market.ticket)
    assert "Des nouvelles de mon colis ?" in [e.body for e in target.thread]
    assert target.thread[-1].body == "Amélie Martin merged ticket #2 into this one (1 message)."
    assert len(_events(store, "ticket.merged")) == 1
    with pytest.raises(Refused, match="merged into #1"):
        tickets.reply(store, amelie, market.second_ticket, "?", now=NOW)


def test_tickets_of_different_customers_do_not_merge(store: Store, market: Marketplace) -> None:
    amelie = signed_in(store, market.amelie)
    with pytest.raises(Refused, match="different customers"):
        tickets.merge(store, amelie, market.other_customer_ticket, market.ticket, now=NOW)
    with pytest.raises(BadInput, match="into itself"):
        tickets.merge(store, amelie, market.ticket, market.ticket, now=NOW)


# --- disputes ------------------------------------------------------------------------------------


def test_open_a_dispute_over_the_order(store: Store, market: Marketplace) -> None:
    writes = Writes(store)
    dispute_id = tickets.open_dispute(
        store, signed_in(store, market.amelie), market.ticket, "not_received", now=NOW
    )
    assert writes.count == 1
    with store.read() as session:
        dispute = session.get(Dispute, dispute_id)
    assert dispute is not None
    assert (dispute.order_id, dispute.ticket_id, dispute.kind) == (
        market.order, market.ticket, "not_received",
    )  # fmt: skip
    assert dispute.buyer_claim == REQUEST
    assert len(_events(store, "dispute.opened")) == 1
    view = tickets.load_ticket(store, market.ticket)
    assert [d.id for d in view.disputes] == [dispute_id]
    assert (
        view.thread[-1].body == f"Amélie Martin opened dispute #{dispute_id} (item not received)."
    )
    with pytest.raises(Refused, match="already has dispute"):
        tickets.open_dispute(
            store, signed_in(store, market.amelie), market.ticket, "damaged", now=NOW
        )


def test_link_a_dispute_of_the_same_order(store: Store) -> None:
    market = _fill(store, with_dispute_on_order=True)
    assert market.dispute_same_order is not None
    amelie = signed_in(store, market.amelie)
    assert [d.id for d in tickets.disputes_to_link(store, market.ticket)] == [
        market.dispute_same_order
    ]
    tickets.link_dispute(store, amelie, market.ticket, market.dispute_same_order, now=NOW)
    assert len(_events(store, "ticket.dispute_linked")) == 1
    with pytest.raises(Refused, match="another order"):
        tickets.link_dispute(store, amelie, market.ticket, market.dispute_elsewhere, now=NOW)


def test_a_general_question_has_no_order_to_dispute(store: Store, market: Marketplace) -> None:
    with pytest.raises(Refused, match="not about an order"):
        tickets.open_dispute(
            store, signed_in(store, market.amelie), market.other_customer_ticket, "damaged",
            now=NOW,
        )  # fmt: skip


# --- articles, permissions, viewers --------------------------------------------------------------


def test_an_article_is_sent_in_the_tickets_language(store: Store, market: Marketplace) -> None:
    writes = Writes(store)
    entry = tickets.insert_article(
        store, signed_in(store, market.amelie), market.ticket, "buyer-protection", now=NOW
    )
    assert writes.count == 1
    assert entry.body.startswith("Protection acheteurs\n\n")
    [audit] = _events(store, "ticket.article_sent")
    assert audit.details["article"] == "buyer-protection"
    with store.read() as session:
        assert session.exec(select(func.count()).select_from(Outbox)).one() == 1


def test_a_role_without_ticket_work_is_refused_everywhere(
    store: Store, market: Marketplace
) -> None:
    from dataclasses import replace

    nobody = replace(signed_in(store, market.bob), role="visitor")
    calls = [
        lambda: tickets.reply(store, nobody, market.ticket, "x", now=NOW),
        lambda: tickets.add_note(store, nobody, market.ticket, "x", now=NOW),
        lambda: tickets.set_status(store, nobody, market.ticket, "solved", now=NOW),
        lambda: tickets.set_priority(store, nobody, market.ticket, "low", now=NOW),
        lambda: tickets.assign(store, nobody, market.ticket, None, now=NOW),
        lambda: tickets.merge(store, nobody, market.second_ticket, market.ticket, now=NOW),
        lambda: tickets.link_dispute(store, nobody, market.ticket, 1, now=NOW),
        lambda: tickets.open_dispute(store, nobody, market.ticket, "damaged", now=NOW),
        lambda: tickets.insert_article(store, nobody, market.ticket, "buyer-protection", now=NOW),
    ]
    for call in calls:
        with pytest.raises(Refused, match="may not work on tickets"):
            call()
    with store.read() as session:
        assert session.exec(select(func.count()).select_from(AuditEvent)).one() == 0


def test_viewers_expire_without_heartbeat(store: Store, market: Marketplace) -> None:
    tickets.heartbeat(store, market.lena, market.ticket, "replying", now=NOW)
    tickets.heartbeat(store, market.amelie, market.ticket, "viewing", now=NOW)
    seen = tickets.viewers(store, market.ticket, now=NOW, besides=market.amelie)
    assert [(v.name, v.state) for v in seen] == [("Lena Weber", "replying")]
    later = NOW + tickets.VIEWER_TTL + timedelta(seconds=1)
    assert tickets.viewers(store, market.ticket, now=later, besides=market.amelie) == []
    tickets.leave(store, market.amelie, market.ticket)
    assert [v.name for v in tickets.viewers(store, market.ticket, now=NOW)] == ["Lena Weber"]


def test_the_json_document(store: Store, market: Marketplace) -> None:
    import json

    document = tickets.ticket_json(tickets.load_ticket(store, market.ticket))
    json.dumps(document)
    assert document["order"]["total"] == {"amount_minor": 12990, "currency": "EUR"}
    assert document["created_at"].endswith("+00:00")
    assert document["thread"][1]["before_escalation"] is True
