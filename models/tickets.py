"""Tickets escalated from the help center and their threads."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Index, UniqueConstraint, event, inspect, select, text
from sqlalchemy.orm import Mapper
from sqlmodel import Field, SQLModel, col

from models.marketplace import Account, Lot, Order
from models.team import Agent
from models.types import UTCDateTime, utcnow

QUEUE_SORT_COVER = (
    "updated_at", "channel", "language", "subject", "customer_name", "order_label",
    "assignee_handle",
)  # fmt: skip
"""Columns the queue sorts by that the queue index holds after its key (due and creation
times are held by the waiting and claim indexes)."""


UNASSIGNED_SORTS = {
    "priority": "priority_rank", "due": "first_reply_due_at", "created": "created_at",
    "updated": "updated_at", "channel": "channel", "language": "language", "status": "status",
    "subject": "subject", "customer": "customer_name", "order": "order_label",
    "assignee": "assignee_handle",
}  # fmt: skip
"""The queue's sort keys and their columns, each with an index of the unassigned tickets in
that order (`ix_ticket_unassigned_<key>`)."""

UNASSIGNED_FILTERED = ("status", "queue_key", "assignee_id")
"""What the unassigned views filter on, held by those indexes after the sort key and the id."""

UNASSIGNED = "coalesce(assignee_id, assignee_id) IS NULL"
"""The condition of those partial indexes: a query uses one only if its WHERE says this. The
no-op `coalesce` keeps such a query off the indexes that start with `assignee_id`, which SQLite
(without statistics) would rather search, then sort the whole view for one page."""


def unassigned_sort_indexes() -> list[Index]:
    """The unassigned tickets in each sort order, with what an unassigned view filters on.

    "Unassigned in my languages" (tens of thousands of tickets at a million) sorted by any column
    walks one of these in order and stops at its page, reading a few hundred entries, where the
    queue index had it read and sort every ticket of the view.

    The team store's migration gives them the same condition on PostgreSQL. It is not named
    here as `postgresql_where`: SQLAlchemy checks such an argument by importing its PostgreSQL
    dialect, about 40 ms at every start of a console that uses SQLite.
    """
    indexes = []
    for key, column in UNASSIGNED_SORTS.items():
        filtered = [name for name in UNASSIGNED_FILTERED if name != column]
        name = f"ix_ticket_unassigned_{key}"
        indexes.append(Index(name, column, "id", *filtered, sqlite_where=text(UNASSIGNED)))
    return indexes


CLAIM_DUE = "CASE WHEN first_replied_at IS NULL THEN first_reply_due_at ELSE resolution_due_at END"
"""When a ticket's next SLA clock runs out, as "take next" reads it: the first reply's due time
until the first reply is sent, then the resolution's. NULL when there is none (no SLA target or
support hours); a ticket waiting on the customer (its clock paused) is not claimable at all.
The claim index (`claim_index`) holds it: a claim that sorts by it must write it exactly so."""

CLAIMABLE = (
    "coalesce(status, status) IN ('new', 'open') AND coalesce(assignee_id, assignee_id) IS NULL"
)
"""The condition of the claim index, which a claim must say exactly so (SQLite matches it word
for word, literals and all, never bound parameters): the tickets "take next" may hand out,
unassigned, new or open. The no-op `coalesce`s keep the index the claim's alone: no other query
says them, so no other query's plan changes with it (as `UNASSIGNED` does for the sorts)."""


def claim_index() -> Index:
    """In each queue key, the claimable tickets in the order "take next" hands them out: by
    priority, then the soonest due SLA (none last), then the oldest.

    A claim walks one queue key of it and stops at the first ticket. The team store's migration
    gives it the same condition on PostgreSQL (see `unassigned_sort_indexes` for why it is not
    named here).
    """
    return Index(
        "ix_ticket_claim_due",
        "queue_key",
        "priority_rank",
        text(f"(({CLAIM_DUE}) IS NULL)"),
        text(f"({CLAIM_DUE})"),
        "created_at",
        "id",
        sqlite_where=text(CLAIMABLE),
    )


_EMPTY_BY_DEFAULT: dict[str, Any] = {"server_default": ""}


def queue_key(channel: str, language: str) -> str:
    """The single routing key of a ticket, e.g. `chat:de` (one indexable column, not two)."""
    return f"{channel}:{language}"


class Ticket(SQLModel, table=True):
    """A customer's request, escalated by "Talk to customer support" after the AI's answer."""

    __table_args__ = (
        # Made for "take next" (by priority, then age), which now walks `ix_ticket_claim_due`.
        # The narrowest index of status, queue key and assignee: the unassigned views' counts
        # and the pages of a priority filter read it.
        Index(
            "ix_ticket_claim", "status", "queue_key", "assignee_id", "priority_rank", "created_at"
        ),
        # "Take next": in each queue key, claimable tickets by priority, SLA due, then age.
        claim_index(),
        # The unassigned views' counts, and the pages of those filtered by what the unassigned
        # sort indexes below do not hold (a priority, a language): in each queue key, tickets
        # in the list's order. It also holds every other column the queue sorts by, so such a
        # view sorts from this index alone instead of reading each ticket's row.
        Index(
            "ix_ticket_queue_priority",
            "status",
            "queue_key",
            "assignee_id",
            "priority_rank",
            "id",
            *QUEUE_SORT_COVER,
        ),
        # An agent's open tickets, sorted by priority without reading their rows.
        Index("ix_ticket_assignee_status", "assignee_id", "status", "priority_rank", "id"),
        # The home counts (unassigned in my languages, waiting chats, SLA at risk) read this
        # index alone: counting 100k waiting tickets takes ms instead of a lookup per row.
        Index(
            "ix_ticket_waiting",
            "status",
            "queue_key",
            "assignee_id",
            "first_reply_due_at",
            "first_replied_at",
        ),
        Index("ix_ticket_status_due", "status", "first_reply_due_at"),
        # A status filter sorted by priority walks this in order and stops at the page.
        Index("ix_ticket_status_priority", "status", "priority_rank", "id"),
        Index("ix_ticket_updated", "updated_at"),
        Index("ix_ticket_created_id", "created_at", "id"),
        # The queue's default sorts: pages by keyset `(key, id) > (?, ?)` walk these in order.
        Index("ix_ticket_priority_id", "priority_rank", "id"),
        Index("ix_ticket_due_id", "first_reply_due_at", "id"),
        Index("ix_ticket_channel_id", "channel", "id"),
        Index("ix_ticket_language_id", "language", "id"),
        Index("ix_ticket_status_id", "status", "id"),
        Index("ix_ticket_subject_id", "subject", "id"),
        Index("ix_ticket_customer_name_id", "customer_name", "id"),
        Index("ix_ticket_order_label_id", "order_label", "id"),
        Index("ix_ticket_assignee_handle_id", "assignee_handle", "id"),
        *unassigned_sort_indexes(),
    )

    id: int | None = Field(default=None, primary_key=True)
    source: str = Field(max_length=24)
    channel: str = Field(max_length=8)
    language: str = Field(max_length=8)
    requested_language: str = Field(max_length=35)
    queue_key: str = Field(max_length=16)
    subject: str = Field(max_length=300)
    ai_answer: str = ""
    order_id: int | None = Field(default=None, foreign_key="orders.id", index=True)
    lot_id: int | None = Field(default=None, foreign_key="lot.id", index=True)
    requester_id: int = Field(foreign_key="account.id", index=True)
    seller_contacted_buyer: bool | None = None
    status: str = Field(default="new", max_length=20)
    priority: str = Field(default="normal", max_length=8)
    priority_rank: int = 2
    category: str = Field(default="", max_length=32)
    assignee_id: int | None = Field(default=None, foreign_key="agent.id")
    first_reply_due_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    resolution_due_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    first_replied_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    external_ref: str | None = Field(default=None, max_length=64, unique=True)
    # The amount the request is about, as the help center sent it (minor units, ISO 4217).
    amount_minor: int | None = None
    amount_currency: str | None = Field(default=None, max_length=3)
    merged_into_id: int | None = Field(default=None, foreign_key="ticket.id")
    """The ticket this one was merged into (its messages moved there; this one is closed)."""
    sla_paused_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    """Since when the SLA clock waits on the customer (status pending_customer), else None."""
    # Copies of other tables' columns, kept for sorting only (`fill_sort_copies`): an index
    # on the ticket serves a sort by them, where a join sorts every ticket of the view. The
    # list shows the joined values. Nothing renames an account, agent, order or lot today: a
    # rename would have to update these copies as well.
    customer_name: str = Field(default="", max_length=128, sa_column_kwargs=_EMPTY_BY_DEFAULT)
    """The requester's display name."""
    order_label: str = Field(default="", max_length=200, sa_column_kwargs=_EMPTY_BY_DEFAULT)
    """The order's reference, else the object's title, else empty: the "order" column."""
    assignee_handle: str = Field(default="", max_length=32, sa_column_kwargs=_EMPTY_BY_DEFAULT)
    """The assignee's handle; empty while unassigned."""


class Message(SQLModel, table=True):
    """One entry of a ticket's thread: the customer, the AI assistant, an agent or a note."""

    __table_args__ = (
        Index("ix_message_ticket_at", "ticket_id", "created_at"),
        # Redundant as a rule, useful as an index: (ticket_id, id) lets the full-text triggers
        # read one ticket's messages, and being a constraint it survives bulk loads that drop
        # and rebuild the secondary indexes (the demo), so triggers never scan the table.
        UniqueConstraint("ticket_id", "id", name="uq_message_ticket_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    ticket_id: int = Field(foreign_key="ticket.id")
    kind: str = Field(max_length=16)
    author_agent_id: int | None = Field(default=None, foreign_key="agent.id")
    body: str
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class TicketViewer(SQLModel, table=True):
    """Who has a ticket open right now, viewing or replying; a row expires without heartbeat."""

    __tablename__ = "ticket_viewer"
    __table_args__ = (UniqueConstraint("ticket_id", "agent_id"),)

    id: int | None = Field(default=None, primary_key=True)
    ticket_id: int = Field(foreign_key="ticket.id", index=True)
    agent_id: int = Field(foreign_key="agent.id")
    state: str = Field(default="viewing", max_length=8)
    heartbeat_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


_COPIED_FROM = ("requester_id", "order_id", "lot_id", "assignee_id")


@event.listens_for(Ticket, "before_insert")
@event.listens_for(Ticket, "before_update")
def fill_sort_copies(_mapper: Mapper[Any], connection: Connection, ticket: Ticket) -> None:
    """Set the ticket's copies (`customer_name`, `order_label`, `assignee_handle`) from the rows
    they copy, whenever an ORM write sets the requester, order, object or assignee.

    Statements that change those columns without the ORM (the claim) set the copies themselves.
    """
    state = inspect(ticket)
    if state.has_identity and not any(
        state.attrs[name].history.has_changes() for name in _COPIED_FROM
    ):
        return

    def copied(column: Any, key: Any, value: int | None) -> Any:
        return select(column).where(key == value).scalar_subquery()

    customer, reference, title, handle = connection.execute(
        select(
            copied(col(Account.display_name), col(Account.id), ticket.requester_id),
            copied(col(Order.reference), col(Order.id), ticket.order_id),
            copied(col(Lot.title), col(Lot.id), ticket.lot_id),
            copied(col(Agent.handle), col(Agent.id), ticket.assignee_id),
        )
    ).one()
    ticket.customer_name = customer or ""
    ticket.order_label = reference or title or ""
    ticket.assignee_handle = handle or ""
