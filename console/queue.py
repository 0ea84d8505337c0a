"""The ticket queue: filtered, sorted pages read by keyset, counts, and the atomic claim.

A page is read by keyset (`WHERE (sort_key, id) > (:last_key, :last_id)`), which costs the same
at any depth; a jump far into the list (the scrollbar, `end`) reads from the nearer end instead.
The claim is one short statement per attempt, never a transaction held while an agent works.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    and_,
    false,
    func,
    literal_column,
    or_,
    select,
    text,
    tuple_,
    update,
)
from sqlalchemy.orm import aliased
from sqlmodel import col

from console.store import Store
from models import Account, Agent, AuditEvent, Dispute, Lot, Order, Ticket
from models.enums import OPEN_TICKET_STATUSES, PRIORITY_RANK
from models.tickets import CLAIM_DUE, CLAIMABLE
from models.types import UTCDateTime

_ASSIGNEE = aliased(Agent, name="assignee")

SORTABLE: dict[str, Any] = {
    "priority": col(Ticket.priority_rank),
    "due": col(Ticket.first_reply_due_at),
    "created": col(Ticket.created_at),
    "updated": col(Ticket.updated_at),
    "channel": col(Ticket.channel),
    "language": col(Ticket.language),
    "status": col(Ticket.status),
    "subject": col(Ticket.subject),
    # The ticket's copies of its customer's name, order reference (or object title) and
    # assignee's handle: indexed on the ticket, where sorting by the joined rows' columns
    # sorted every ticket of the view on every page.
    "customer": col(Ticket.customer_name),
    "assignee": col(Ticket.assignee_handle),
    "order": col(Ticket.order_label),
}
"""Sort keys by name, each a column of `ticket` with an index; ties are broken by ticket id."""


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
    mine_or_unassigned: int | None = None
    """Tickets of this agent, or unassigned ones (in `queue_keys`, which then filter only
    those): what "SLA at risk" counts on the home screen."""
    text: str = ""
    """Words to search for (`console.search`); `resolve_text` turns them into `ticket_ids`."""
    ticket_ids: tuple[int, ...] | None = None
    """Only these tickets (a search's matches); None does not restrict."""
    dispute_clock_ran_out_by: datetime | None = None
    """Tickets whose dispute waits on a clock that ran out by this instant."""

    @property
    def matches_resolved(self) -> bool:
        """True for a search whose matches `resolve_text` has found: `ticket_ids` are then
        exactly the filter's tickets."""
        return bool(self.text.strip()) and self.ticket_ids is not None

    @property
    def follows_the_clock(self) -> bool:
        """True when the tickets this filter holds change as time passes, with nothing written
        (a first reply due soon, a dispute clock that ran out)."""
        return self.due_before is not None or self.dispute_clock_ran_out_by is not None

    @property
    def walks_unassigned_index(self) -> bool:
        """True when this filter's pages are read from an index of the unassigned tickets in
        the sort's order (`models.tickets.unassigned_sort_indexes`).

        Only for filters that index holds (status, queue keys, channels): a page walks it in
        order and checks each entry, so a filter it does not hold (a priority, a dispute)
        would look up the row of every unassigned ticket that comes before the page.
        """
        others = (
            self.languages, self.priorities, self.sources, self.with_dispute is not None,
            self.due_before, self.mine_or_unassigned is not None, self.ticket_ids is not None,
            self.dispute_clock_ran_out_by, self.assignee_id is not None,
        )  # fmt: skip
        return self.unassigned and not any(others)

    def conditions(self, *, sorted_page: bool = False) -> list[ColumnElement[bool]]:
        """The WHERE clauses of this filter.

        With `sorted_page`, for a filter that `walks_unassigned_index`, the columns other
        indexes start with are wrapped in a no-op `coalesce`: SQLite (without statistics) would
        rather search the queue index by status and queue key, or the assignee index, then
        sort the whole view for one page. The unassigned condition then reads as the sort
        indexes' own (`models.tickets.UNASSIGNED`), which lets SQLite use them.
        """
        walk = sorted_page and self.walks_unassigned_index

        def searchable(column: Any) -> Any:
            return func.coalesce(column, column) if walk else column

        if self.ticket_ids is not None and self.matches_resolved:
            # A resolved search: its matches were found among the tickets the other fields
            # select (`resolve_text`), so the ids alone select them, read by primary key
            # instead of through the view's index and then checked against the matches.
            return [col(Ticket.id).in_(self.ticket_ids)]
        clauses: list[ColumnElement[bool]] = []
        queue_keys = () if self.mine_or_unassigned else self.queue_keys
        channels = self.channels
        if queue_keys and channels:
            # The view's queue keys of those channels: one list of keys, which an index walks
            # key by key in order, instead of the keys and a range over them.
            queue_keys = tuple(key for key in queue_keys if key.partition(":")[0] in channels)
            channels = ()
            if not queue_keys:
                return [false()]
        pairs: Sequence[tuple[Any, tuple[str, ...]]] = (
            (searchable(col(Ticket.status)), self.statuses),
            (searchable(col(Ticket.language)), self.languages),
            (col(Ticket.source), self.sources),
            (searchable(col(Ticket.queue_key)), queue_keys),
        )
        for column, values in pairs:
            if values:
                clauses.append(column.in_(values))
        if self.priorities:
            # The rank is indexed (the default sort), the name is not.
            ranks = sorted({PRIORITY_RANK.get(name, -99) for name in self.priorities})
            rank: Any = searchable(col(Ticket.priority_rank))
            # A range, not `IN`: one rank in `IN` reads as an equality, for which SQLite walks
            # the priority index and looks up every urgent ticket, where the claim index holds
            # the rest of an unassigned view's filter and finds its page at once.
            clauses.append(rank.between(ranks[0], ranks[-1]))
            if len(ranks) != ranks[-1] - ranks[0] + 1:
                # Ranks with a gap (urgent and low): the ones between are checked row by row.
                clauses.append(func.coalesce(rank, rank).in_(ranks))
        if channels:
            # The queue key starts with the channel (`chat:de`): a range on it keeps the
            # claim and waiting indexes usable, where `channel IN (...)` reads every row.
            clauses.append(
                or_(
                    *(
                        and_(searchable(col(Ticket.queue_key)) >= f"{channel}:",
                             searchable(col(Ticket.queue_key)) < f"{channel};")
                        for channel in channels
                    )
                )
            )  # fmt: skip
        if self.assignee_id is not None:
            clauses.append(col(Ticket.assignee_id) == self.assignee_id)
        if self.unassigned:
            # Walking, exactly the unassigned sort indexes' condition (`UNASSIGNED`).
            clauses.append(searchable(col(Ticket.assignee_id)).is_(None))
        if self.due_before is not None:
            due: Any = searchable(col(Ticket.first_reply_due_at))
            if self.assignee_id is not None:
                # One agent holds tens of tickets: read them by assignee, not every late
                # ticket of the team by due time (a no-op wrapper keeps the planner off it).
                due = func.coalesce(due, due)
            clauses.append(due < self.due_before)
            clauses.append(col(Ticket.first_replied_at).is_(None))
        if self.mine_or_unassigned is not None:
            unassigned: list[ColumnElement[bool]] = [col(Ticket.assignee_id).is_(None)]
            if self.queue_keys:
                unassigned.append(col(Ticket.queue_key).in_(self.queue_keys))
            clauses.append(
                or_(col(Ticket.assignee_id) == self.mine_or_unassigned, and_(*unassigned))
            )
        if self.ticket_ids is not None:
            clauses.append(col(Ticket.id).in_(self.ticket_ids))
        if self.with_dispute is not None:
            has_dispute = (
                select(col(Dispute.id)).where(col(Dispute.ticket_id) == col(Ticket.id)).exists()
            )
            clauses.append(has_dispute if self.with_dispute else ~has_dispute)
        if self.dispute_clock_ran_out_by is not None:
            clauses.append(
                select(col(Dispute.id))
                .where(
                    col(Dispute.ticket_id) == col(Ticket.id),
                    col(Dispute.due_at) <= self.dispute_clock_ran_out_by,
                )
                .exists()
            )
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
    first_replied_at: datetime | None = None

    @property
    def key(self) -> tuple[Any, int]:
        """The keyset position of this row: `(sort value, id)`."""
        return (self.sort_value, self.id)

    def breached(self, now: datetime) -> bool:
        """True when the first reply is late (due before `now`, not replied)."""
        due = self.first_reply_due_at
        return due is not None and self.first_replied_at is None and due < now


def count(store: Store, view: QueueFilter) -> int:
    """How many tickets the view holds (sizes the scroll)."""
    if view.mine_or_unassigned is not None and not view.matches_resolved:
        # Two disjoint index ranges count faster than one OR over the table.
        mine = replace(view, mine_or_unassigned=None, assignee_id=view.mine_or_unassigned,
                       unassigned=False, queue_keys=())  # fmt: skip
        unassigned = replace(view, mine_or_unassigned=None, unassigned=True, assignee_id=None)
        return count(store, mine) + count(store, unassigned)
    statement = select(func.count()).select_from(Ticket).where(*view.conditions())
    with store.read() as session:
        return int(session.execute(statement).scalar_one())


def resolve_text(store: Store, view: QueueFilter, *, limit: int | None = None) -> QueueFilter:
    """`view` with its search words turned into the ids of the best-ranked matching tickets.

    The matches are searched among the view's tickets; a view without words is returned as is.
    """
    from console.search import SEARCH_LIMIT, search_ids

    if not view.text.strip():
        return replace(view, ticket_ids=None) if view.ticket_ids is not None else view
    within = replace(view, text="", ticket_ids=None).conditions()
    ids = search_ids(store, view.text, SEARCH_LIMIT if limit is None else limit, within=within)
    return replace(view, ticket_ids=tuple(ids))


def _keys_statement(
    view: QueueFilter, order: SortOrder, *, descending: bool
) -> tuple[Select[Any], Any]:
    """Ticket ids and sort values of the view in order: the narrow query a page starts from.

    It reads `ticket` alone (its sort index, or the view's index when that holds the sort
    column), so skipping rows (`OFFSET`) or sorting never drags the displayed columns of rows
    that are not shown.
    """
    column = SORTABLE[order.column]
    statement: Select[Any] = select(col(Ticket.id), column.label("sort_value"))
    statement = statement.where(*view.conditions(sorted_page=True))
    if descending:
        return statement.order_by(column.desc(), col(Ticket.id).desc()), column
    return statement.order_by(column.asc(), col(Ticket.id).asc()), column


def _rows_of(keys: Select[Any], *, descending: bool) -> Select[Any]:
    """The displayed columns of the tickets `keys` selects, in the same order."""
    page_keys = keys.subquery("page_keys")
    assignee = _ASSIGNEE
    columns: list[Any] = [
        Ticket.id, Ticket.priority, Ticket.first_reply_due_at, Ticket.channel, Ticket.language,
        Ticket.subject, Account.display_name, Order.reference, Lot.title, Ticket.status,
        assignee.handle, Ticket.created_at, page_keys.c.sort_value, Ticket.first_replied_at,
    ]  # fmt: skip
    statement: Select[Any] = (
        select(*columns)
        .select_from(page_keys)
        .join(Ticket, col(Ticket.id) == page_keys.c.id)
        .join(Account, col(Account.id) == col(Ticket.requester_id))
        .outerjoin(Order, col(Order.id) == col(Ticket.order_id))
        .outerjoin(Lot, col(Lot.id) == col(Ticket.lot_id))
        .outerjoin(assignee, col(assignee.id) == col(Ticket.assignee_id))
    )
    if descending:
        return statement.order_by(page_keys.c.sort_value.desc(), page_keys.c.id.desc())
    return statement.order_by(page_keys.c.sort_value.asc(), page_keys.c.id.asc())


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
            first_replied_at=row[13],
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
    backwards = before is not None
    descending = order.descending != backwards
    keys, column = _keys_statement(view, order, descending=descending)
    key = tuple_(column, col(Ticket.id))
    if after is not None:
        keys = keys.where(key < after if order.descending else key > after)
    if before is not None:
        keys = keys.where(key > before if order.descending else key < before)
    rows = _read_rows(store, _rows_of(keys.limit(limit), descending=descending))
    return rows[::-1] if backwards else rows


def page_at(
    store: Store, view: QueueFilter, order: SortOrder, offset: int, limit: int, *, total: int
) -> list[QueueRow]:
    """Rows from position `offset`: the jump a keyset cannot make (scrollbar drag, `end`).

    The offset is counted from the nearer end, so the deepest jump skips half the list; the
    rows skipped are read from the narrow key query only.
    """
    offset = max(0, min(offset, total))
    limit = max(0, min(limit, total - offset))
    if limit == 0:
        return []
    if offset <= total // 2:
        keys, _column = _keys_statement(view, order, descending=order.descending)
        statement = _rows_of(keys.offset(offset).limit(limit), descending=order.descending)
        return _read_rows(store, statement)
    from_end = total - offset - limit
    backwards = not order.descending
    keys, _column = _keys_statement(view, order, descending=backwards)
    statement = _rows_of(keys.offset(from_end).limit(limit), descending=backwards)
    return _read_rows(store, statement)[::-1]


def position_of(
    store: Store, view: QueueFilter, order: SortOrder, ticket_id: int, *, total: int | None = None
) -> int | None:
    """Where ticket `ticket_id` stands in the view (0-based), or None when it is not in it.

    The live list uses it to keep the cursor on the same ticket after the store changed. With
    `total`, the rows are counted from the nearer end (at most half the view is walked).
    """
    keys, column = _keys_statement(view, order, descending=order.descending)
    with store.read() as session:
        found = session.execute(keys.where(col(Ticket.id) == ticket_id).limit(1)).first()
        if found is None:
            return None
        key = tuple_(column, col(Ticket.id))
        mine = (found[1], found[0])
        ahead = key > mine if order.descending else key < mine
        half = None if total is None else total // 2 + 1
        counted = keys.where(ahead).order_by(None).limit(half).subquery()
        before = int(session.execute(select(func.count()).select_from(counted)).scalar_one())
        if total is None or half is None or before < half:
            return before
        behind = key < mine if order.descending else key > mine
        after = keys.where(behind).order_by(None).subquery()
        return (
            total - 1 - int(session.execute(select(func.count()).select_from(after)).scalar_one())
        )


@dataclass(frozen=True)
class TicketPreview:
    """What the queue's preview pane shows of one ticket (raw text: sanitize to show it)."""

    id: int
    subject: str
    customer: str
    status: str
    ai_answer: str
    last_message: str | None
    last_message_kind: str | None


def preview(store: Store, ticket_id: int) -> TicketPreview | None:
    """The preview of one ticket: subject, customer, the AI answer and the latest message."""
    from models import Message

    with store.read() as session:
        found = session.execute(
            select(
                col(Ticket.id), col(Ticket.subject), col(Account.display_name),
                col(Ticket.status), col(Ticket.ai_answer),
            )
            .join(Account, col(Account.id) == col(Ticket.requester_id))
            .where(col(Ticket.id) == ticket_id)
        ).first()  # fmt: skip
        if found is None:
            return None
        last = session.execute(
            select(col(Message.body), col(Message.kind))
            .where(col(Message.ticket_id) == ticket_id, col(Message.kind) != "ai_assistant")
            .order_by(col(Message.created_at).desc(), col(Message.id).desc())
            .limit(1)
        ).first()
    return TicketPreview(
        id=found[0], subject=found[1], customer=found[2], status=found[3], ai_answer=found[4],
        last_message=last[0] if last else None, last_message_kind=last[1] if last else None,
    )  # fmt: skip


def _claim_head(key: str) -> Select[Any]:
    """The first claimable ticket of queue key `key` in the claim's order, locked on PostgreSQL
    (a row another claim holds is skipped): priority, then the SLA due soonest (none last), then
    the oldest, then the lowest id.

    It walks `ix_ticket_claim_due` from the key's first entry and stops there: the condition
    and the due time are written exactly as that index has them (`CLAIMABLE`, `CLAIM_DUE`),
    else the store could not use it and would sort every claimable ticket of the key.
    """
    due: Any = literal_column(f"({CLAIM_DUE})", UTCDateTime())
    no_due: Any = literal_column(f"(({CLAIM_DUE}) IS NULL)")
    return (
        select(col(Ticket.priority_rank), no_due, due, col(Ticket.created_at), col(Ticket.id))
        .where(col(Ticket.queue_key) == key, text(CLAIMABLE))
        .order_by(col(Ticket.priority_rank), no_due, due, col(Ticket.created_at), col(Ticket.id))
        .limit(1)
        .with_for_update(skip_locked=True)
    )


def claim_next(
    store: Store, agent_id: int, queue_keys: Sequence[str], *, now: datetime
) -> int | None:
    """Assign the next ticket of `queue_keys` to the agent, atomically; its id, or None.

    The next ticket is an unassigned new or open one: the highest priority, and among those the
    one whose SLA clock runs out first (`models.tickets.CLAIM_DUE`: the first reply's due time
    until it is sent, then the resolution's; a ticket without one comes after those with one),
    then the oldest. A ticket waiting on the customer (its clock paused) is not handed out.

    Each queue key's head is looked up on its own (one ordered index walk each, that stops at
    the first entry; `IN` over keys would sort the whole queue); the best head wins, and the
    claim is a compare-and-set, so two agents never get the same ticket.
    """
    with store.write() as session:
        heads: list[tuple[int, bool, datetime | None, datetime, int]] = []
        for key in queue_keys:
            found = session.execute(_claim_head(key)).first()
            if found is not None:
                rank, no_due, due, created, ticket_id = found
                heads.append((rank, bool(no_due), due, created, ticket_id))
        for *_order, ticket_id in sorted(heads, key=_head_order):
            claimed = session.execute(
                update(Ticket)
                .where(col(Ticket.id) == ticket_id, col(Ticket.assignee_id).is_(None))
                .values(
                    assignee_id=agent_id,
                    # The ORM's hook does not see this statement: the copy is set here.
                    assignee_handle=select(col(Agent.handle))
                    .where(col(Agent.id) == agent_id)
                    .scalar_subquery(),
                    status="open",
                    updated_at=now,
                )
            )
            if claimed.rowcount == 1:  # type: ignore[attr-defined]
                session.execute(
                    update(Agent).where(col(Agent.id) == agent_id).values(last_assigned_at=now)
                )
                session.add(AuditEvent(at=now, actor_id=agent_id, action="ticket.claimed",
                                       subject_kind="ticket", subject_id=ticket_id))  # fmt: skip
                return ticket_id
    return None


def _head_order(
    head: tuple[int, bool, datetime | None, datetime, int],
) -> tuple[int, bool, datetime, datetime, int]:
    """A queue key's head as a sort key in the claim's order (a missing due time sorts last)."""
    rank, no_due, due, created, ticket_id = head
    return (rank, no_due or due is None, due or created, created, ticket_id)


def eligible_queue_keys(store: Store, agent_id: int) -> list[str]:
    """The queue keys (`chat:de`) the agent may take a ticket from now.

    Routing decides (`AgentState`): a channel they work in a language they speak on it, not
    kept from it by their presence, with room left under its capacity. Schedules are not
    asked: an agent who is signed in and available is working.
    """
    from console.routing.snapshot import agent_state
    from models.enums import Channel
    from models.tickets import queue_key

    with store.read() as session:
        agent = session.get(Agent, agent_id)
        if agent is None:
            return []
        loads = session.execute(
            select(col(Ticket.channel), func.count())
            .where(
                col(Ticket.assignee_id) == agent_id,
                col(Ticket.status).in_(OPEN_STATUSES),
            )
            .group_by(col(Ticket.channel))
        ).all()
        state = agent_state(agent, {str(channel): int(n) for channel, n in loads})
    languages = sorted(state.languages | (state.phone_languages or frozenset()))
    return [
        queue_key(channel.value, language)
        for channel in Channel
        if not state.is_away_for(channel.value) and state.has_room_for(channel.value)
        for language in languages
        if state.has_skill(channel.value, language)
    ]
