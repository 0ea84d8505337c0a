"""The counts an agent starts the day with (the cheap way to know when to count again is
`console.changes`).

A tile's count is the number of rows of the list it opens, taken by that list's own rule: the
disputes awaiting me by `console.disputes.awaiting`, the approvals awaiting me by
`console.disputes.approvals.pending_approvals` itself. Each count reads one index: the waiting
counts walk `ix_ticket_waiting` (status, queue key, assignee, due, replied) without touching the
table, one range per queue key (`email:fr`, `chat:fr`, ...), never `language IN (...)`: the
language is not a column of that index, so the count would read the table.
`bench/home_counts.py` times them on a million tickets.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, func, select
from sqlalchemy.orm import Session
from sqlmodel import col

from console.disputes.awaiting import count_disputes_awaiting
from console.permissions import Action, allowed
from console.store import Store
from models.enums import OPEN_TICKET_STATUSES, Channel, TicketStatus
from models.tickets import Ticket, queue_key

SLA_HORIZON = timedelta(hours=1)
"""A first reply due within this horizon (or already late) counts as "SLA at risk"."""

WAITING_STATUSES: tuple[str, ...] = (TicketStatus.NEW.value, TicketStatus.OPEN.value)
"""Statuses in which a ticket waits for an agent (not for the customer)."""


@dataclass(frozen=True)
class HomeCounts:
    """What the home screen shows, counted at `at`."""

    my_open: int
    unassigned_mine: int
    waiting_chats: int
    disputes_for_me: int
    """Open disputes the agent reviews (`console.disputes.awaiting`)."""
    approvals_pending: int | None
    """Requests waiting for a second pair of eyes (`pending_approvals`); None for a role that
    may not decide approvals, whose home shows no such count (0 would say there is none)."""
    sla_at_risk: int
    at: datetime


def my_queue_keys(languages: tuple[str, ...] | list[str]) -> list[str]:
    """The queue keys of every channel in the agent's languages."""
    return [queue_key(channel.value, lang) for lang in languages for channel in Channel]


def _count(session: Session, *conditions: ColumnElement[bool]) -> int:
    statement = select(func.count()).select_from(Ticket).where(*conditions)
    return int(session.execute(statement).scalar_one())


def _unassigned_in(keys: list[str]) -> ColumnElement[bool]:
    return and_(
        col(Ticket.status).in_(WAITING_STATUSES),
        col(Ticket.queue_key).in_(keys),
        col(Ticket.assignee_id).is_(None),
    )


def home_counts(store: Store, agent: Any, now: datetime) -> HomeCounts:
    """The home screen's counts for `agent` (anything with id, role, languages) at `now`."""
    keys = my_queue_keys(tuple(agent.languages))
    due_by = now + SLA_HORIZON
    not_replied_in_time = and_(
        col(Ticket.first_reply_due_at).is_not(None),
        col(Ticket.first_reply_due_at) <= due_by,
        col(Ticket.first_replied_at).is_(None),
    )
    with store.read() as session:
        my_open = _count(
            session,
            col(Ticket.assignee_id) == agent.id,
            col(Ticket.status).in_([s.value for s in OPEN_TICKET_STATUSES]),
        )
        unassigned_mine = _count(session, _unassigned_in(keys)) if keys else 0
        waiting_chats = _count(
            session,
            col(Ticket.status).in_(WAITING_STATUSES),
            # A range on the queue key keeps the claim index usable (LIKE would not).
            col(Ticket.queue_key) >= "chat:",
            col(Ticket.queue_key) < "chat;",
            col(Ticket.assignee_id).is_(None),
        )
        # An agent holds tens of tickets: fetch their clocks through the assignee index and
        # count here, rather than let the planner walk every late ticket by due time.
        my_clocks = session.execute(
            select(col(Ticket.first_reply_due_at), col(Ticket.first_replied_at)).where(
                col(Ticket.assignee_id) == agent.id,
                col(Ticket.status).in_(WAITING_STATUSES),
            )
        ).all()
        sla_mine = sum(
            1 for due, replied in my_clocks if due is not None and due <= due_by and replied is None
        )
        sla_unassigned = _count(session, _unassigned_in(keys), not_replied_in_time) if keys else 0
        disputes = count_disputes_awaiting(session, agent.id)
    approvals: int | None = None
    if allowed(agent.role, Action.APPROVAL_DECIDE):
        from console.disputes.approvals import pending_approvals

        # A few tens at most, read by the very function that lists them on the approvals
        # screen: the count cannot drift from the list.
        approvals = len(pending_approvals(store, agent))
    return HomeCounts(
        my_open=my_open,
        unassigned_mine=unassigned_mine,
        waiting_chats=waiting_chats,
        disputes_for_me=disputes,
        approvals_pending=approvals,
        sla_at_risk=sla_mine + sla_unassigned,
        at=now,
    )
