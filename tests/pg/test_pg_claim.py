"""On PostgreSQL the claim skips locked rows, concurrent agents never share a ticket, and each
queue key's head is the first entry of the claim index (highest priority, soonest SLA due)."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import Connection

from console.migrate import upgrade
from console.queue import QueueFilter, SortOrder, _claim_head, claim_next, count, page
from console.store import Store
from models import Ticket
from tests.console.test_take_next import SCENARIO, SCENARIO_ORDER, add_specs, claim_all
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


def test_equal_priority_takes_the_soonest_due_and_none_last(pg_store: Store) -> None:
    agent = add_agent(pg_store, "amelie", languages=["fr"], channels=["email", "chat"],
                      capacity={"email": 20, "chat": 20})  # fmt: skip
    names = add_specs(pg_store, SCENARIO)
    assert claim_all(pg_store, agent, ["email:fr", "chat:fr"], names) == SCENARIO_ORDER


def test_the_migration_goes_down_and_up_keeping_the_tickets(pg_store: Store) -> None:
    from alembic import command

    from console.migrate import alembic_config

    agent = add_agent(pg_store, "amelie", languages=["fr"], channels=["email", "chat"],
                      capacity={"email": 20, "chat": 20})  # fmt: skip
    names = add_specs(pg_store, SCENARIO)
    command.downgrade(alembic_config(pg_store), "0005")
    command.upgrade(alembic_config(pg_store), "head")
    assert claim_all(pg_store, agent, ["email:fr", "chat:fr"], names) == SCENARIO_ORDER


def _explain(connection: Connection, key: str) -> str:
    compiled = _claim_head(key).compile(connection, compile_kwargs={"literal_binds": True})
    return "\n".join(row[0] for row in connection.exec_driver_sql(f"EXPLAIN {compiled}"))


def test_a_queue_keys_head_is_the_first_entry_of_the_claim_index(pg_store: Store) -> None:
    """With statistics on 64 000 tickets: an index scan that stops at the first row, no sort."""
    add_tickets(pg_store, 250, seed=1)
    add_tickets(pg_store, 250, seed=2, first_reply_due_at=None)
    columns = ", ".join(
        column.name
        for column in Ticket.__table__.columns  # type: ignore[attr-defined]
        if column.name not in ("id", "external_ref")
    )
    with pg_store.write() as session:
        connection = session.connection()
        connection.exec_driver_sql(
            f"INSERT INTO ticket ({columns}) SELECT {columns} FROM ticket, generate_series(1, 127)"
        )
        connection.exec_driver_sql("ANALYZE ticket")
    with pg_store.read() as session:
        connection = session.connection()
        definition = connection.exec_driver_sql(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_ticket_claim_due'"
        ).scalar_one()
        plan = _explain(connection, "chat:fr")
    # The condition the models name for SQLite only (`claim_index`), as the migration gives it.
    condition = definition.partition(" WHERE ")[2]
    assert "COALESCE(status, status)" in condition, definition
    assert "'open'" in condition, definition
    assert "COALESCE(assignee_id, assignee_id) IS NULL" in condition, definition
    lines = plan.splitlines()
    assert lines[0].startswith("Limit"), plan
    assert "Index Scan using ix_ticket_claim_due on ticket" in lines[2], plan
    assert "Sort" not in plan, plan
    assert "Seq Scan" not in plan, plan
