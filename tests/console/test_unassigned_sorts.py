"""Unassigned views sorted by any column walk an index of the unassigned tickets in that order,
and their pages agree with a plain sort of the tickets the view holds."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from console.queue import SORTABLE, QueueFilter, SortOrder, _keys_statement, count, page
from console.store import Store
from models import Ticket
from models.tickets import UNASSIGNED, UNASSIGNED_SORTS
from tests.console.test_queue import walk_pages
from tests.factories import add_agent, add_tickets

VIEW = QueueFilter(
    statuses=("new", "open"),
    queue_keys=("email:fr", "chat:fr", "phone:fr", "email:en", "chat:en"),
    unassigned=True,
)
"""As "Unassigned in my languages" is for an agent of French and English (no English phone)."""


@pytest.fixture
def filled(store: Store) -> Store:
    agent = add_agent(store, "lena")
    add_tickets(store, 160, seed=1)
    add_tickets(store, 80, seed=2, assignee_id=agent)
    return store


def _plan(store: Store, view: QueueFilter, order: SortOrder) -> str:
    keys, _column = _keys_statement(view, order, descending=order.descending)
    with store.read() as session:
        connection = session.connection()
        compiled = keys.limit(100).compile(connection, compile_kwargs={"render_postcompile": True})
        parameters = tuple(compiled.params[name] for name in compiled.positiontup or ())
        rows = connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {compiled}", parameters).all()
    return " | ".join(str(row[3]) for row in rows)


def _expected(store: Store, view: QueueFilter, order: SortOrder) -> list[int]:
    column: Any = SORTABLE[order.column]
    statement = select(Ticket.id, column, Ticket.status, Ticket.queue_key, Ticket.assignee_id)
    with store.read() as session:
        rows = session.execute(statement).all()
    held = [
        (value, ticket_id)
        for ticket_id, value, status, key, assignee in rows
        if status in view.statuses and key in view.queue_keys and assignee is None
    ]
    held.sort(key=lambda pair: (pair[0] is not None, pair[0], pair[1]), reverse=order.descending)
    return [ticket_id for _value, ticket_id in held]


def test_every_sort_key_has_its_unassigned_index() -> None:
    assert {key: column.key for key, column in SORTABLE.items()} == UNASSIGNED_SORTS


def test_the_migrated_indexes_hold_the_unassigned_tickets_only(store: Store) -> None:
    with store.read() as session:
        created: dict[str, str] = dict(
            session.connection()
            .exec_driver_sql(
                "SELECT name, sql FROM sqlite_master WHERE name LIKE 'ix_ticket_unassigned_%'"
            )
            .all()
        )
    assert set(created) == {f"ix_ticket_unassigned_{key}" for key in UNASSIGNED_SORTS}
    for sql in created.values():
        assert sql.endswith(f"WHERE {UNASSIGNED}"), sql


@pytest.mark.parametrize("column", sorted(SORTABLE))
@pytest.mark.parametrize("descending", [False, True])
def test_an_unassigned_view_walks_the_index_of_its_sort(
    filled: Store, column: str, descending: bool
) -> None:
    plan = _plan(filled, VIEW, SortOrder(column, descending))
    # In order and from the index alone: no sort of the whole view, no row read per entry.
    assert plan == f"SCAN ticket USING COVERING INDEX ix_ticket_unassigned_{column}"


@pytest.mark.parametrize("column", sorted(SORTABLE))
@pytest.mark.parametrize("descending", [False, True])
def test_unassigned_pages_agree_with_a_plain_sort(
    filled: Store, column: str, descending: bool
) -> None:
    order = SortOrder(column, descending)
    expected = _expected(filled, VIEW, order)
    walked = walk_pages(filled, VIEW, order, limit=7)
    assert walked == expected
    assert len(walked) == count(filled, VIEW) > 20


def test_a_filter_the_index_does_not_hold_reads_the_view_by_its_own_indexes(
    filled: Store,
) -> None:
    urgent = QueueFilter(
        statuses=VIEW.statuses, queue_keys=VIEW.queue_keys, unassigned=True, priorities=("urgent",)
    )
    assert not urgent.walks_unassigned_index
    assert "ix_ticket_unassigned" not in _plan(filled, urgent, SortOrder("subject"))
    rows = page(filled, urgent, SortOrder("subject"), limit=1000)
    assert rows
    assert {row.priority for row in rows} == {"urgent"}
    assert [row.id for row in rows] == [
        ticket_id
        for ticket_id in _expected(filled, VIEW, SortOrder("subject"))
        if ticket_id in {row.id for row in rows}
    ]
