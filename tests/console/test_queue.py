"""Queue pages read by keyset agree with a plain sort; the claim never hands a ticket out twice."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import select

from console.queue import (
    QueueFilter,
    SortOrder,
    claim_next,
    count,
    page,
    page_at,
    position_of,
    resolve_text,
)
from console.store import Store
from models import AuditEvent, Ticket
from tests.factories import NOW, add_agent, add_tickets


@pytest.fixture
def filled(store: Store) -> Store:
    add_tickets(store, 240)
    return store


def _all_ids(store: Store, view: QueueFilter, order: SortOrder) -> list[int]:
    rows = page(store, view, order, limit=10_000)
    return [row.id for row in rows]


def walk_pages(store: Store, view: QueueFilter, order: SortOrder, *, limit: int) -> list[int]:
    """The ids of the whole view, read page after page by keyset as the list reads them."""
    walked: list[int] = []
    rows = page(store, view, order, limit=limit)
    while rows:
        walked.extend(row.id for row in rows)
        last = rows[-1]
        rows = page(store, view, order, after=(last.sort_value, last.id), limit=limit)
    return walked


@pytest.mark.parametrize("column", ["priority", "due", "created", "language", "subject"])
@pytest.mark.parametrize("descending", [False, True])
def test_keyset_pages_walk_the_whole_list(filled: Store, column: str, descending: bool) -> None:
    view, order = QueueFilter(), SortOrder(column, descending)
    expected = _all_ids(filled, view, order)
    walked = walk_pages(filled, view, order, limit=37)
    assert walked == expected
    assert len(walked) == count(filled, view) == 240


def test_pages_backwards_mirror_forwards(filled: Store) -> None:
    order = SortOrder("due")
    everything = page(filled, QueueFilter(), order, limit=1000)
    anchor = everything[100]
    before = page(filled, QueueFilter(), order, before=(anchor.sort_value, anchor.id), limit=30)
    assert [row.id for row in before] == [row.id for row in everything[70:100]]


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(offset=st.integers(0, 260), limit=st.integers(1, 60), descending=st.booleans())
def test_jump_to_any_offset_matches_the_slice(
    filled: Store, offset: int, limit: int, descending: bool
) -> None:
    view, order = QueueFilter(statuses=("new", "open")), SortOrder("created", descending)
    expected = _all_ids(filled, view, order)
    rows = page_at(filled, view, order, offset, limit, total=len(expected))
    assert [row.id for row in rows] == expected[offset : offset + limit]


def test_filters_combine(filled: Store) -> None:
    view = QueueFilter(channels=("chat",), languages=("de",), unassigned=True)
    rows = page(filled, view, SortOrder(), limit=1000)
    assert rows
    assert all(row.channel == "chat" and row.language == "de" for row in rows)
    assert all(row.assignee is None for row in rows)


def test_claim_takes_the_most_urgent_of_the_agents_queues(store: Store) -> None:
    agent = add_agent(store, "amelie")
    add_tickets(store, 60, status="new")
    claimed = claim_next(store, agent, ["chat:fr", "email:fr"], now=NOW)
    assert claimed is not None
    with store.read() as session:
        ticket = session.get(Ticket, claimed)
        assert ticket is not None
        candidates = session.exec(
            select(Ticket).where(Ticket.queue_key.in_(["chat:fr", "email:fr"]))  # type: ignore[attr-defined]
        ).all()
        audit = session.exec(select(AuditEvent).where(AuditEvent.subject_id == claimed)).one()
    # The highest priority, then the SLA due soonest (none last), then the oldest.
    best = min(_claim_order(t) for t in candidates if t.id != claimed)
    assert _claim_order(ticket) <= best
    assert ticket.assignee_id == agent
    assert audit.action == "ticket.claimed"


def _claim_order(ticket: Ticket) -> tuple[int, bool, datetime, datetime]:
    due = ticket.first_reply_due_at if ticket.first_replied_at is None else ticket.resolution_due_at
    return (ticket.priority_rank, due is None, due or ticket.created_at, ticket.created_at)


def test_claim_returns_none_when_nothing_is_left(store: Store) -> None:
    agent = add_agent(store, "amelie")
    assert claim_next(store, agent, ["phone:nl"], now=NOW) is None


def test_concurrent_claims_never_share_a_ticket(store: Store) -> None:
    agents = [add_agent(store, f"agent{number}") for number in range(8)]
    add_tickets(store, 40, status="new", channel="chat", language="fr", queue_key="chat:fr")
    claims: list[int] = []
    lock = threading.Lock()

    def work(agent_id: int) -> None:
        while (ticket := claim_next(store, agent_id, ["chat:fr"], now=NOW)) is not None:
            with lock:
                claims.append(ticket)

    threads = [threading.Thread(target=work, args=(agent,)) for agent in agents]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(claims) == len(set(claims)) == 40


@pytest.mark.parametrize("descending", [False, True])
def test_position_of_counts_from_the_nearer_end(filled: Store, descending: bool) -> None:
    view, order = QueueFilter(), SortOrder("due", descending)
    expected = _all_ids(filled, view, order)
    for index in (0, 5, 119, 120, 121, 200, 239):
        ticket = expected[index]
        assert position_of(filled, view, order, ticket) == index
        assert position_of(filled, view, order, ticket, total=len(expected)) == index
    assert position_of(filled, QueueFilter(ticket_ids=(expected[0],)), order, expected[1]) is None


def test_priority_and_channel_filters_use_rank_and_queue_key(filled: Store) -> None:
    view = QueueFilter(priorities=("urgent", "high"), channels=("chat", "phone"))
    rows = page(filled, view, SortOrder(), limit=1000)
    assert rows
    assert all(row.priority in ("urgent", "high") and row.channel in ("chat", "phone")
               for row in rows)  # fmt: skip
    assert len(rows) == count(filled, view)


_VIEWS = {
    "all": QueueFilter(),
    "open statuses": QueueFilter(statuses=("new", "open")),
    "priorities with a gap": QueueFilter(priorities=("urgent", "low")),
    "mine or unassigned": QueueFilter(
        mine_or_unassigned=999, queue_keys=("chat:de", "email:fr", "phone:en")
    ),
}


@pytest.mark.parametrize("name", list(_VIEWS))
def test_a_search_shows_and_counts_the_views_own_matches(filled: Store, name: str) -> None:
    view, order = _VIEWS[name], SortOrder()
    expected = _all_ids(filled, view, order)  # every subject says "Question"
    assert expected
    resolved = resolve_text(filled, replace(view, text="question"))
    assert resolved.matches_resolved
    assert _all_ids(filled, resolved, order) == expected
    assert count(filled, resolved) == len(expected)
    narrower = resolve_text(filled, replace(view, text="question 17"))
    assert {row.id for row in page(filled, narrower, order, limit=1000)} <= set(expected)


def test_a_priority_filter_with_a_gap_leaves_the_ranks_between_out(filled: Store) -> None:
    rows = page(filled, QueueFilter(priorities=("urgent", "low")), SortOrder(), limit=1000)
    assert {row.priority for row in rows} == {"urgent", "low"}


def test_a_channel_filter_keeps_the_views_queue_keys_of_that_channel(filled: Store) -> None:
    keys = ("chat:de", "email:fr", "phone:en")
    rows = page(filled, QueueFilter(queue_keys=keys, channels=("chat", "phone")), SortOrder(),
                limit=1000)  # fmt: skip
    assert rows
    assert {(row.channel, row.language) for row in rows} <= {("chat", "de"), ("phone", "en")}
    expected = [
        row.id for row in page(filled, QueueFilter(queue_keys=keys), SortOrder(), limit=1000)
        if row.channel in ("chat", "phone")
    ]  # fmt: skip
    assert [row.id for row in rows] == expected
    none = QueueFilter(queue_keys=("email:fr",), channels=("chat",))
    assert page(filled, none, SortOrder(), limit=10) == []
    assert count(filled, none) == 0
