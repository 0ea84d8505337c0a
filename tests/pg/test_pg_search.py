"""Full-text search on PostgreSQL (team mode): subjects, AI answers and messages, within a view."""

from __future__ import annotations

import pytest
from sqlmodel import col, select

from console.migrate import upgrade
from console.queue import QueueFilter
from console.search import has_search_index, search_ids
from console.store import Store
from models import Message, Ticket
from tests.factories import NOW, add_tickets

pytestmark = pytest.mark.pg


@pytest.fixture
def pg_store(pg_url: str) -> Store:
    store = Store(pg_url)
    upgrade(store)
    return store


def test_finds_words_of_subjects_answers_and_messages(pg_store: Store) -> None:
    first, second, third = add_tickets(pg_store, 3, status="new")
    with pg_store.write() as session:
        ticket = session.get(Ticket, first)
        assert ticket is not None
        ticket.subject = "Montre Omega arrivée rayée"
        other = session.get(Ticket, second)
        assert other is not None
        other.ai_answer = "Le remboursement partiel est possible"
        session.add(
            Message(ticket_id=third, kind="customer", body="Colis jamais reçu", created_at=NOW)
        )
    assert has_search_index(pg_store)
    assert search_ids(pg_store, "omega") == [first]
    assert search_ids(pg_store, "remboursement") == [second]
    assert search_ids(pg_store, "colis") == [third]
    assert search_ids(pg_store, "introuvable") == []


def test_search_stays_within_a_view(pg_store: Store) -> None:
    ids = add_tickets(pg_store, 6, status="new", subject="Question livraison")
    with pg_store.write() as session:
        tickets = session.exec(select(Ticket).where(col(Ticket.id).in_(ids))).all()
        chats = {t.id for t in tickets if t.channel == "chat"}
    assert chats, "the fixture has chats"
    assert len(chats) < len(ids), "and other channels, so the view narrows the matches"
    within = QueueFilter(channels=("chat",)).conditions()
    assert set(search_ids(pg_store, "livraison", within=within)) == chats
