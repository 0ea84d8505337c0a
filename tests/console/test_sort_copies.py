"""The ticket's copies kept for sorting (customer name, order label, assignee handle) equal what
they copy, whichever way the ticket is written, and the queue sorts by them as by the values it
shows."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import text
from sqlmodel import col, select

from console import tickets
from console.cli import main
from console.migrate import alembic_config
from console.queue import QueueFilter, SortOrder, claim_next, page
from console.store import Store
from models import Lot, Ticket, queue_key
from tests.signin_fixtures import NOW
from tests.ticket_fixtures import Marketplace, fill_marketplace, signed_in

DRIFTED = text("""
    SELECT ticket.id FROM ticket
    JOIN account ON account.id = ticket.requester_id
    LEFT JOIN orders ON orders.id = ticket.order_id
    LEFT JOIN lot ON lot.id = ticket.lot_id
    LEFT JOIN agent ON agent.id = ticket.assignee_id
    WHERE ticket.customer_name != account.display_name
       OR ticket.order_label != coalesce(orders.reference, lot.title, '')
       OR ticket.assignee_handle != coalesce(agent.handle, '')
""")


def _drifted(store: Store) -> list[int]:
    with store.read() as session:
        return [int(row[0]) for row in session.execute(DRIFTED)]


def _copies(store: Store, ticket_id: int) -> tuple[str, str, str]:
    with store.read() as session:
        ticket = session.get(Ticket, ticket_id)
        assert ticket is not None
        return ticket.customer_name, ticket.order_label, ticket.assignee_handle


@pytest.fixture
def market(store: Store) -> Marketplace:
    return fill_marketplace(store)


def test_a_new_ticket_copies_its_customer_order_and_assignee(
    store: Store, market: Marketplace
) -> None:
    assert _copies(store, market.ticket) == ("Camille Dubois", "ORD-7", "amelie")
    assert _copies(store, market.second_ticket) == ("Camille Dubois", "ORD-7", "")
    assert _copies(store, market.other_customer_ticket) == ("Jan de Vries", "", "")
    with store.write() as session:
        lot = session.exec(select(Lot).where(col(Lot.title) == "Lampe Tiffany")).one()
        about_an_object = Ticket(
            source="object_question", channel="chat", language="fr", requested_language="fr",
            queue_key=queue_key("chat", "fr"), subject="Est-elle signée ?",
            requester_id=market.buyer, lot_id=lot.id,
        )  # fmt: skip
        session.add(about_an_object)
        session.flush()
        assert about_an_object.id is not None
        new_id = about_an_object.id
    assert _copies(store, new_id) == ("Camille Dubois", "Lampe Tiffany", "")
    assert _drifted(store) == []


def test_assigning_and_claiming_keep_the_handle(store: Store, market: Marketplace) -> None:
    lena = signed_in(store, market.lena)
    tickets.assign(store, lena, market.second_ticket, "bob", now=NOW)
    assert _copies(store, market.second_ticket)[2] == "bob"
    tickets.assign(store, lena, market.second_ticket, None, now=NOW)
    assert _copies(store, market.second_ticket)[2] == ""
    claimed = claim_next(store, market.amelie, [queue_key("email", "fr")], now=NOW)
    assert claimed is not None
    assert _copies(store, claimed)[2] == "amelie"
    assert _drifted(store) == []


def test_imported_tickets_have_their_copies(
    store: Store, market: Marketplace, tmp_path: Path
) -> None:
    record = {
        "external_id": "hc-77", "source": "order_help", "channel": "email", "language": "fr",
        "subject": "Où est mon colis ?", "message": "Toujours rien.", "ai_answer": "En route.",
        "created_at": "2026-11-24T09:30:00+01:00", "customer": {"username": "camille"},
        "order_reference": "ORD-7",
    }  # fmt: skip
    path = tmp_path / "escalations.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    assert main(["import", "--db", store.url.removeprefix("sqlite:///"), str(path)]) == 0
    with store.read() as session:
        imported = session.exec(select(Ticket).where(col(Ticket.external_ref) == "hc-77")).one()
    assert (imported.customer_name, imported.order_label) == ("Camille Dubois", "ORD-7")
    assert _drifted(store) == []


def test_the_migration_fills_the_copies_of_existing_tickets(
    store: Store, market: Marketplace
) -> None:
    command.downgrade(alembic_config(store), "0003")
    command.upgrade(alembic_config(store), "head")
    assert _copies(store, market.ticket) == ("Camille Dubois", "ORD-7", "amelie")
    assert _drifted(store) == []


@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize("column", ["customer", "order", "assignee"])
def test_the_queue_sorts_by_the_values_it_shows(
    store: Store, market: Marketplace, column: str, descending: bool
) -> None:
    rows = page(store, QueueFilter(), SortOrder(column, descending), limit=100)
    shown = {
        "customer": [row.customer for row in rows],
        "order": [row.order_reference or row.lot_title or "" for row in rows],
        "assignee": [row.assignee or "" for row in rows],
    }[column]
    assert len(rows) >= 4
    assert shown == sorted(shown, reverse=descending)
    assert len(set(shown)) > 1
