"""On PostgreSQL the claim skips locked rows, and concurrent agents never share a ticket."""

from __future__ import annotations

import threading

import pytest

from console.migrate import upgrade
from console.queue import QueueFilter, SortOrder, claim_next, count, page
from console.store import Store
from tests.factories import NOW, add_agent, add_tickets

pytestmark = pytest.mark.pg


@pytest.fixture
def pg_store(pg_url: str) -> Store:
    store = Store(pg_url)
    upgrade(store)
    return store


def test_pages_and_counts(pg_store: Store) -> None:
    add_tickets(pg_store, 50)
    rows = page(pg_store, QueueFilter(), SortOrder("due", descending=True), limit=20)
    assert len(rows) == 20
    assert count(pg_store, QueueFilter()) == 50


def test_concurrent_claims_never_share_a_ticket(pg_store: Store) -> None:
    agents = [add_agent(pg_store, f"agent{number}") for number in range(6)]
    add_tickets(pg_store, 30, status="new", channel="email", language="de", queue_key="email:de")
    claims: list[int] = []
    lock = threading.Lock()

    def work(agent_id: int) -> None:
        while (ticket := claim_next(pg_store, agent_id, ["email:de"], now=NOW)) is not None:
            with lock:
                claims.append(ticket)

    threads = [threading.Thread(target=work, args=(agent,)) for agent in agents]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(claims) == len(set(claims)) == 30
