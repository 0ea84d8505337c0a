"""The ticket queue: filtered, sorted pages read by keyset, counts, and the atomic claim.

A page is read by keyset (`WHERE (sort_key, id) > (:last_key, :last_id)`), which costs the same
at any depth; a jump far into the list (the scrollbar, `end`) reads from the nearer end instead.
The claim is one short statement per attempt, never a transaction held while an agent works.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, func, select, tuple_, update
from sqlalchemy.orm import aliased
from sqlmodel import col

from console.store import Store
from models import Account, AuditEvent, Dispute, Lot, Order, Ticket
from models.enums import OPEN_TICKET_STATUSES

SORTABLE: dict[str, Any] = {
    "priority": col(Ticket.priority_rank),
    "due": col(Ticket.first_reply_due_at),
    "created": col(Ticket.created_at),
    "updated": col(Ticket.updated_at),
    "channel": col(Ticket.channel),
    "language": col(Ticket.language),
    "status": col(Ticket.status),
    "subject": col(Ticket.subject),
}


@dataclass(frozen=True)
class QueueFilter:
    """Which tickets a view shows; empty fields do not filter."""

    statuses: tuple[str, ...] = ()
    channels: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    priorities: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    assignee_id: int | None = None
    unassigned: bool = False
    queue_keys: tuple[str, ...] = ()
    with_dispute: bool | None = None
    due_before: datetime | None = None

    def conditions(self) -> list[ColumnElement[bool]]:
        """The WHERE clauses of this filter."""
        clauses: list[ColumnElement[bool]] = []
        pairs: Sequence[tuple[Any, tuple[str, ...]]] = (
            (col(Ticket.status), self.statuses),
            (col(Ticket.channel), self.channels),
            (col(Ticket.language), self.languages),
            (col(Ticket.priority), self.priorities),
            (col(Ticket.source), self.sources),
            (col(Ticket.queue_key), self.queue_keys),
        )
        for column, values in pairs:
            if values:
                clauses.append(column.in_(values))
        if self.assignee_id is not None:
            clauses.append(col(Ticket.assignee_id) == self.assignee_id)
        if self.unassigned:
            clauses.append(col(Ticket.assignee_id).is_(None))
        if self.due_before is not None:
            clauses.append(col(Ticket.first_reply_due_at) < self.due_before)
            clauses.append(col(Ticket.first_replied_at).is_(None))
        if self.with_dispute is not None:
            has_dispute = (
                select(col(Dispute.id)).where(col(Dispute.ticket_id) == col(Ticket.id)).exists()
            )
            clauses.append(has_dispute if self.with_dispute else ~has_dispute)
        return clauses


OPEN_STATUSES: tuple[str, ...] = tuple(str(status) for status in OPEN_TICKET_STATUSES)


@dataclass(frozen=True)
class SortOrder:
    """A column to sort by and its direction; ties are broken by ticket id."""

    column: str = "priority"
    descending: bool = False

    def __post_init__(self) -> None:
        if self.column not in SORTABLE:
            raise ValueError(f"cannot sort by {self.column!r}; choose one of {sorted(SORTABLE)}")


@dataclass(frozen=True)
class QueueRow:
    """What the list shows of one ticket."""

    id: int
    priority: str
    first_reply_due_at: datetime | None
    channel: str
    language: str
    subject: str
    customer: str
    order_reference: str | None
    lot_title: str | None
    status: str
    assignee: str | None
    created_at: datetime
    sort_value: Any = field(repr=False, default=None)


def count(store: Store, view: QueueFilter) -> int:
    """How many tickets the view holds (sizes the scroll)."""
    statement = select(func.count()).select_from(Ticket).where(*view.conditions())
    with store.read() as session:
        return int(session.execute(statement).scalar_one())


def _rows_statement(view: QueueFilter, order: SortOrder, *, descending: bool) -> Select[Any]:
    from models import Agent

    column = SORTABLE[order.column]
    assignee = aliased(Agent)
    columns: list[Any] = [
        Ticket.id, Ticket.priority, Ticket.first_reply_due_at, Ticket.channel, Ticket.language,
        Ticket.subject, Account.display_name, Order.reference, Lot.title, Ticket.status,
        assignee.handle, Ticket.created_at, column,
    ]  # fmt: skip
    statement: Select[Any] = (
        select(*columns)
        .join(Account, col(Account.id) == col(Ticket.requester_id))
        .outerjoin(Order, col(Order.id) == col(Ticket.order_id))
        .outerjoin(Lot, col(Lot.id) == col(Ticket.lot_id))
        .outerjoin(assignee, col(assignee.id) == col(Ticket.assignee_id))
        .where(*view.conditions())
    )
    if descending:
        return statement.order_by(column.desc(), col(Ticket.id).desc())
    return statement.order_by(column.asc(), col(Ticket.id).asc())


def _read_rows(store: Store, statement: Select[Any]) -> list[QueueRow]:
    with store.read() as session:
        rows = session.execute(statement).all()
    return [
        QueueRow(
            id=row[0],
            priority=row[1],
            first_reply_due_at=row[2],
            channel=row[3],
            language=row[4],
            subject=row[5],
            customer=row[6],
            order_reference=row[7],
            lot_title=row[8],
            status=row[9],
            assignee=row[10],
            created_at=row[11],
            sort_value=row[12],
        )
        for row in rows
    ]


def page(
    store: Store,
    view: QueueFilter,
    order: SortOrder,
    *,
    after: tuple[Any, int] | None = None,
    before: tuple[Any, int] | None = None,
    limit: int = 100,
) -> list[QueueRow]:
    """Up to `limit` rows just after `after`, or just before `before`, or the first page.

    Positions are keyset pairs `(sort value, ticket id)` taken from a row already shown.
    """
    column = SORTABLE[order.column]
    key = tuple_(column, col(Ticket.id))
    backwards = before is not None
    statement = _rows_statement(view, order, descending=order.descending != backwards)
    if after is not None:
        statement = statement.where(key < after if order.descending else key > after)
    if before is not None:
        statement = statement.where(key > before if order.descending else key < before)
    rows = _read_rows(store, statement.limit(limit))
    return rows[::-1] if backwards else rows


def page_at(
    store: Store, view: QueueFilter, order: SortOrder, offset: int, limit: int, *, total: int
) -> list[QueueRow]:
    """Rows from position `offset`: the jump a keyset cannot make (scrollbar drag, `end`).

    The offset is counted from the nearer end, so the deepest jump skips half the list.
    """
    offset = max(0, min(offset, total))
    limit = max(0, min(limit, total - offset))
    if offset <= total // 2:
        statement = _rows_statement(view, order, descending=order.descending)
        return _read_rows(store, statement.offset(offset).limit(limit))
    from_end = total - offset - limit
    statement = _rows_statement(view, order, descending=not order.descending)
    return _read_rows(store, statement.offset(from_end).limit(limit))[::-1]


def claim_next(
    store: Store, agent_id: int, queue_keys: Sequence[str], *, now: datetime
) -> int | None:
    """Assign the most urgent unassigned open ticket of `queue_keys` to the agent, atomically.

    Each queue key is looked up on its own (one ordered index scan each; `IN` over keys would
    sort the whole queue); the best head wins, and the claim is a compare-and-set, so two agents
    never get the same ticket. Returns the ticket id or None.
    """
    with store.write() as session:
        heads: list[tuple[int, datetime, int]] = []
        for key in queue_keys:
            candidate = (
                select(col(Ticket.priority_rank), col(Ticket.created_at), col(Ticket.id))
                .where(
                    col(Ticket.status).in_(("new", "open")),
                    col(Ticket.queue_key) == key,
                    col(Ticket.assignee_id).is_(None),
                )
                .order_by(col(Ticket.priority_rank), col(Ticket.created_at))
                .limit(1)
                .with_for_update(skip_locked=True)
            )
            found = session.execute(candidate).first()
            if found is not None:
                heads.append((found[0], found[1], found[2]))
        for _rank, _created, ticket_id in sorted(heads):
            claimed = session.execute(
                update(Ticket)
                .where(col(Ticket.id) == ticket_id, col(Ticket.assignee_id).is_(None))
                .values(assignee_id=agent_id, status="open", updated_at=now)
            )
            if claimed.rowcount == 1:  # type: ignore[attr-defined]
                from models import Agent

                session.execute(
                    update(Agent).where(col(Agent.id) == agent_id).values(last_assigned_at=now)
                )
                session.add(AuditEvent(at=now, actor_id=agent_id, action="ticket.claimed",
                                       subject_kind="ticket", subject_id=ticket_id))  # fmt: skip
                return ticket_id
    return None
