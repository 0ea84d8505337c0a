"""One ticket as an agent works it: the thread, the side panels, and every action on it.

`load_ticket` reads what the ticket screen and `guichet ticket ID` show. Each action (reply,
note, status, priority, assign, merge, dispute, article) is one `store.write()` transaction
holding the change and its `AuditEvent` (and an `Outbox` row when a message leaves Guichet);
changes that are not messages come back in the thread as system lines read from the audit
trail. Who else has the ticket open lives in `ticket_viewer`, refreshed by a heartbeat.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import func, update
from sqlalchemy.engine import CursorResult
from sqlmodel import Session, col, delete, select

from console.auth import SignedInAgent
from console.errors import BadInput, NotFound, Refused, parse_choice
from console.i18n import N_, LazyString, _, ngettext
from console.permissions import Action, require
from console.store import Store
from models import (
    Account,
    AuditEvent,
    Dispute,
    Lot,
    Message,
    Order,
    Outbox,
    Payment,
    Shipment,
    Ticket,
    TicketViewer,
)
from models.enums import (
    PRIORITY_RANK,
    AccountStatus,
    DisputeKind,
    DisputeState,
    MessageKind,
    OrderStatus,
    Priority,
    TicketStatus,
    ViewerState,
)
from models.money import Money
from models.team import Agent

VIEWER_TTL = timedelta(seconds=60)
"""A viewer row without a heartbeat for this long no longer counts."""

SETTABLE_STATUSES: tuple[TicketStatus, ...] = (
    TicketStatus.OPEN,
    TicketStatus.PENDING_CUSTOMER,
    TicketStatus.SOLVED,
)
"""What an agent may set by hand; `new` and `closed` are reached otherwise."""

STATUS_LABELS: dict[str, LazyString] = {
    TicketStatus.NEW: N_("new"),
    TicketStatus.OPEN: N_("open"),
    TicketStatus.PENDING_CUSTOMER: N_("pending customer"),
    TicketStatus.SOLVED: N_("solved"),
    TicketStatus.CLOSED: N_("closed"),
}
STATUS_SHORT_LABELS: dict[str, LazyString] = {
    **STATUS_LABELS,
    # TRANSLATORS: a ticket status in the queue's narrow column: waiting on the customer.
    TicketStatus.PENDING_CUSTOMER: N_("pending"),
}
"""The statuses as the queue's list names them, where "pending customer" is too wide."""
PRIORITY_LABELS: dict[str, LazyString] = {
    Priority.URGENT: N_("urgent"),
    Priority.HIGH: N_("high"),
    Priority.NORMAL: N_("normal"),
    Priority.LOW: N_("low"),
}
DISPUTE_KIND_LABELS: dict[str, LazyString] = {
    DisputeKind.NOT_RECEIVED: N_("item not received"),
    DisputeKind.NOT_AS_DESCRIBED: N_("not as described"),
    DisputeKind.DAMAGED: N_("damaged"),
    DisputeKind.WITHDRAWAL: N_("withdrawal"),
    DisputeKind.REFUND_NOT_RECEIVED: N_("refund not received"),
}
ACCOUNT_STATUS_LABELS: dict[str, LazyString] = {
    AccountStatus.ACTIVE: N_("active"),
    AccountStatus.RESTRICTED: N_("restricted"),
    AccountStatus.SUSPENDED: N_("suspended"),
    AccountStatus.TERMINATED: N_("terminated"),
}
ORDER_STATUS_LABELS: dict[str, LazyString] = {
    OrderStatus.PAID: N_("paid"),
    OrderStatus.SHIPPED: N_("shipped"),
    OrderStatus.DELIVERED: N_("delivered"),
    OrderStatus.COMPLETED: N_("completed"),
    OrderStatus.CANCELLED: N_("cancelled"),
}
_SETTLED_DISPUTES = (DisputeState.RESOLVED, DisputeState.CLOSED)
_CONVERSATION = (MessageKind.CUSTOMER.value, MessageKind.AGENT.value)

SYSTEM = "system"
"""The kind of a thread entry derived from the audit trail (not a message)."""


def label(labels: dict[str, LazyString], value: str) -> str:
    """The translated label of `value`, or `value` itself when it has none."""
    found = labels.get(value)
    return str(found) if found is not None else value


class Conflict(Refused):
    """A reply would cross messages the agent has not seen: ask, then send with `force=True`."""

    def __init__(self, message: str, newer: tuple[ThreadEntry, ...]) -> None:
        super().__init__(message)
        self.newer = newer


# --- what the screen and the CLI show ----------------------------------------------------------


@dataclass(frozen=True)
class ThreadEntry:
    """One line of the thread: a message, or a system line read from the audit trail."""

    kind: str
    """customer, ai_assistant, agent, internal_note, or `system`."""
    at: datetime
    body: str
    author: str = ""
    """Who wrote it: the customer's or agent's name; empty for the AI and system lines."""
    message_id: int | None = None
    before_escalation: bool = False
    """An AI assistant answer given before the customer asked for a person."""
    action: str = ""
    """For system lines: the audit action (`ticket.status_set`, ...)."""


@dataclass(frozen=True)
class CustomerPanel:
    """The requester and their history with support."""

    id: int
    username: str
    display_name: str
    email: str
    language: str
    country: str
    kind: str
    status: str
    is_buyer: bool
    is_seller: bool
    past_tickets: int
    disputes: int


@dataclass(frozen=True)
class OrderPanel:
    """The order the ticket is about: price, payment and shipment."""

    id: int
    reference: str
    status: str
    total: Money
    lot_title: str
    buyer_name: str
    seller_name: str
    placed_at: datetime
    captured: Money | None = None
    refunded: Money | None = None
    chargeback_open: bool = False
    carrier: str | None = None
    tracking_number: str | None = None
    shipped_at: datetime | None = None
    delivered_at: datetime | None = None


@dataclass(frozen=True)
class LotPanel:
    """The object the ticket is about when there is no order."""

    id: int
    title: str
    price: Money
    seller_name: str
    removed: bool


@dataclass(frozen=True)
class DisputeLink:
    """A dispute linked to the ticket."""

    id: int
    kind: str
    state: str

    def summary(self) -> str:
        """`#12 (item not received, under review)`, in the current language."""
        from console.disputes.states import state_label

        return f"#{self.id} ({label(DISPUTE_KIND_LABELS, self.kind)}, {state_label(self.state)})"


@dataclass(frozen=True)
class Viewer:
    """Another agent with the ticket open."""

    agent_id: int
    handle: str
    name: str
    state: str


@dataclass(frozen=True)
class TicketView:
    """Everything the ticket screen shows, read in one transaction."""

    id: int
    subject: str
    source: str
    channel: str
    language: str
    status: str
    priority: str
    category: str
    created_at: datetime
    updated_at: datetime
    first_reply_due_at: datetime | None
    resolution_due_at: datetime | None
    first_replied_at: datetime | None
    sla_paused_at: datetime | None
    assignee_id: int | None
    assignee_handle: str | None
    assignee_name: str | None
    merged_into_id: int | None
    customer: CustomerPanel
    order: OrderPanel | None
    lot: LotPanel | None
    seller_question: bool
    """The requester is the seller of the order or object (a question about a sale)."""
    seller_contacted_buyer: bool | None
    thread: tuple[ThreadEntry, ...]
    disputes: tuple[DisputeLink, ...] = ()
    last_message_id: int | None = None
    """The newest customer or agent message: a reply made after it was seen is no conflict."""

    def placeholders(self, agent_name: str) -> dict[str, str | None]:
        """Values of the macro placeholders for this ticket (None where the ticket has none)."""
        order = self.order
        return {
            "customer_name": self.customer.display_name,
            "agent_name": agent_name,
            "ticket_id": str(self.id),
            "order_reference": order.reference if order else None,
            "tracking_number": order.tracking_number if order else None,
            "carrier": order.carrier if order else None,
            "lot_title": order.lot_title if order else (self.lot.title if self.lot else None),
        }


def load_ticket(store: Store, ticket_id: int) -> TicketView:
    """The ticket `ticket_id` with its thread and side panels, or `NotFound`."""
    with store.read() as session:
        return _view(session, ticket_id)


def _get_ticket(session: Session, ticket_id: int) -> Ticket:
    ticket = session.get(Ticket, ticket_id)
    if ticket is None:
        raise NotFound(
            _("There is no ticket #{id}: check the number in the queue.").format(id=ticket_id)
        )
    return ticket


def _view(session: Session, ticket_id: int) -> TicketView:
    ticket = _get_ticket(session, ticket_id)
    assert ticket.id is not None
    customer = session.get(Account, ticket.requester_id)
    assert customer is not None
    assert customer.id is not None
    messages = session.exec(
        select(Message)
        .where(Message.ticket_id == ticket.id)
        .order_by(col(Message.created_at), col(Message.id))
    ).all()
    events = session.exec(
        select(AuditEvent)
        .where(AuditEvent.subject_kind == "ticket", AuditEvent.subject_id == ticket.id)
        .order_by(col(AuditEvent.at), col(AuditEvent.id))
    ).all()
    agent_ids = {m.author_agent_id for m in messages if m.author_agent_id is not None}
    agent_ids |= {e.actor_id for e in events if e.actor_id is not None}
    if ticket.assignee_id is not None:
        agent_ids.add(ticket.assignee_id)
    agents = _agents(session, agent_ids)
    thread = _thread(ticket, customer, messages, events, agents)
    order, lot, seller_question = _order_and_lot(session, ticket)
    disputes = session.exec(
        select(Dispute).where(Dispute.ticket_id == ticket.id).order_by(col(Dispute.id))
    ).all()
    conversation = [m.id for m in messages if m.kind in _CONVERSATION and m.id is not None]
    assignee = agents.get(ticket.assignee_id) if ticket.assignee_id is not None else None
    return TicketView(
        id=ticket.id,
        subject=ticket.subject,
        source=ticket.source,
        channel=ticket.channel,
        language=ticket.language,
        status=ticket.status,
        priority=ticket.priority,
        category=ticket.category,
        created_at=ticket.created_at,
        updated_at=ticket.updated_at,
        first_reply_due_at=ticket.first_reply_due_at,
        resolution_due_at=ticket.resolution_due_at,
        first_replied_at=ticket.first_replied_at,
        sla_paused_at=ticket.sla_paused_at,
        assignee_id=ticket.assignee_id,
        assignee_handle=assignee.handle if assignee else None,
        assignee_name=assignee.name if assignee else None,
        merged_into_id=ticket.merged_into_id,
        customer=_customer(session, customer, ticket.id),
        order=order,
        lot=lot,
        seller_question=seller_question,
        seller_contacted_buyer=ticket.seller_contacted_buyer,
        thread=thread,
        disputes=tuple(
            DisputeLink(id=d.id, kind=d.kind, state=d.state) for d in disputes if d.id is not None
        ),
        last_message_id=max(conversation, default=None),
    )


def _agents(session: Session, ids: Iterable[int]) -> dict[int, Agent]:
    wanted = set(ids)
    if not wanted:
        return {}
    rows = session.exec(select(Agent).where(col(Agent.id).in_(wanted))).all()
    return {agent.id: agent for agent in rows if agent.id is not None}


def _thread(
    ticket: Ticket,
    customer: Account,
    messages: Iterable[Message],
    events: Iterable[AuditEvent],
    agents: dict[int, Agent],
) -> tuple[ThreadEntry, ...]:
    entries: list[tuple[datetime, int, int, ThreadEntry]] = []
    has_ai_message = False
    for message in messages:
        author = ""
        if message.kind == MessageKind.CUSTOMER:
            author = customer.display_name
        elif message.author_agent_id is not None:
            found = agents.get(message.author_agent_id)
            author = found.name if found else ""
        before = (
            message.kind == MessageKind.AI_ASSISTANT and message.created_at <= ticket.created_at
        )
        has_ai_message = has_ai_message or message.kind == MessageKind.AI_ASSISTANT
        entry = ThreadEntry(
            kind=message.kind,
            at=message.created_at,
            body=message.body,
            author=author,
            message_id=message.id,
            before_escalation=before,
        )
        entries.append((message.created_at, 0, message.id or 0, entry))
    if ticket.ai_answer and not has_ai_message:
        # Imported tickets may carry the answer on the ticket alone: show it where it belongs,
        # after the request and before anything that happened once a person was asked.
        entry = ThreadEntry(
            kind=MessageKind.AI_ASSISTANT.value,
            at=ticket.created_at,
            body=ticket.ai_answer,
            before_escalation=True,
        )
        entries.append((ticket.created_at, -1, 0, entry))
    for event in events:
        line = system_line(event, agents)
        if line is not None:
            entries.append((event.at, 1, event.id or 0, line))
    entries.sort(key=lambda item: (item[0], item[1], item[2]))
    return tuple(entry for *_key, entry in entries)


def system_line(event: AuditEvent, agents: dict[int, Agent]) -> ThreadEntry | None:
    """The thread line of a ticket's audit event; None for events shown as messages."""
    actor = agents.get(event.actor_id) if event.actor_id is not None else None
    who = actor.name if actor else _("Guichet")
    details = event.details or {}
    text: str
    if event.action == "ticket.status_set":
        text = _("{who} set the status to {status}.").format(
            who=who, status=label(STATUS_LABELS, str(details.get("to")))
        )
    elif event.action == "ticket.priority_set":
        text = _("{who} set the priority to {priority}.").format(
            who=who, priority=label(PRIORITY_LABELS, str(details.get("to")))
        )
    elif event.action == "ticket.assigned":
        if details.get("to") is None:
            text = _("{who} unassigned the ticket.").format(who=who)
        elif details.get("to") == event.actor_id:
            text = _("{who} took the ticket.").format(who=who)
        else:
            text = _("{who} assigned the ticket to {assignee}.").format(
                who=who, assignee=details.get("to_name", "?")
            )
    elif event.action == "ticket.merged":
        text = _("{who} merged this ticket into #{target}.").format(
            who=who, target=details.get("into")
        )
    elif event.action == "ticket.merged_from":
        text = ngettext(
            "{who} merged ticket #{source} into this one ({count} message).",
            "{who} merged ticket #{source} into this one ({count} messages).",
            int(details.get("messages", 0)),
        ).format(who=who, source=details.get("from"), count=details.get("messages", 0))
    elif event.action == "ticket.dispute_linked":
        text = _("{who} linked dispute #{dispute}.").format(who=who, dispute=details.get("dispute"))
    elif event.action == "ticket.dispute_opened":
        text = _("{who} opened dispute #{dispute} ({kind}).").format(
            who=who,
            dispute=details.get("dispute"),
            kind=label(DISPUTE_KIND_LABELS, str(details.get("kind"))),
        )
    else:
        return None
    return ThreadEntry(kind=SYSTEM, at=event.at, body=text, action=event.action)


def _customer(session: Session, customer: Account, ticket_id: int) -> CustomerPanel:
    assert customer.id is not None
    past = session.exec(
        select(func.count())
        .select_from(Ticket)
        .where(Ticket.requester_id == customer.id, Ticket.id != ticket_id)
    ).one()
    disputes = session.exec(
        select(func.count())
        .select_from(Dispute)
        .join(Order, col(Order.id) == col(Dispute.order_id))
        .where((col(Order.buyer_id) == customer.id) | (col(Order.seller_id) == customer.id))
    ).one()
    return CustomerPanel(
        id=customer.id,
        username=customer.username,
        display_name=customer.display_name,
        email=customer.email,
        language=customer.language,
        country=customer.country,
        kind=customer.kind,
        status=customer.status,
        is_buyer=customer.is_buyer,
        is_seller=customer.is_seller,
        past_tickets=int(past),
        disputes=int(disputes),
    )


def _name(session: Session, account_id: int) -> str:
    account = session.get(Account, account_id)
    return account.display_name if account else ""


def _order_and_lot(
    session: Session, ticket: Ticket
) -> tuple[OrderPanel | None, LotPanel | None, bool]:
    if ticket.order_id is not None:
        order = session.get(Order, ticket.order_id)
        if order is not None and order.id is not None:
            lot = session.get(Lot, order.lot_id)
            payment = session.exec(select(Payment).where(Payment.order_id == order.id)).first()
            shipment = session.exec(
                select(Shipment)
                .where(Shipment.order_id == order.id)
                .order_by(col(Shipment.id).desc())
            ).first()
            panel = OrderPanel(
                id=order.id,
                reference=order.reference,
                status=order.status,
                total=Money(order.total_minor, order.currency),
                lot_title=lot.title if lot else "",
                buyer_name=_name(session, order.buyer_id),
                seller_name=_name(session, order.seller_id),
                placed_at=order.placed_at,
                captured=Money(payment.captured_minor, payment.currency) if payment else None,
                refunded=Money(payment.refunded_minor, payment.currency) if payment else None,
                chargeback_open=payment.chargeback_open if payment else False,
                carrier=shipment.carrier if shipment else None,
                tracking_number=shipment.tracking_number if shipment else None,
                shipped_at=shipment.shipped_at if shipment else None,
                delivered_at=shipment.delivered_at if shipment else None,
            )
            return panel, None, ticket.requester_id == order.seller_id
    if ticket.lot_id is not None:
        lot = session.get(Lot, ticket.lot_id)
        if lot is not None and lot.id is not None:
            lot_panel = LotPanel(
                id=lot.id,
                title=lot.title,
                price=Money(lot.price_minor, lot.currency),
                seller_name=_name(session, lot.seller_id),
                removed=lot.removed,
            )
            return None, lot_panel, ticket.requester_id == lot.seller_id
    return None, None, False


# --- actions -----------------------------------------------------------------------------------


def _audit(
    session: Session,
    agent: SignedInAgent,
    action: str,
    ticket_id: int,
    now: datetime,
    **details: Any,
) -> None:
    session.add(
        AuditEvent(
            at=now,
            actor_id=agent.id,
            action=action,
            subject_kind="ticket",
            subject_id=ticket_id,
            details=details,
        )
    )


def _workable(session: Session, ticket_id: int) -> Ticket:
    """The ticket, refused when it was merged away (work goes on in the target)."""
    ticket = _get_ticket(session, ticket_id)
    if ticket.merged_into_id is not None:
        raise Refused(
            _("Ticket #{id} was merged into #{target}: work on #{target} instead.").format(
                id=ticket_id, target=ticket.merged_into_id
            )
        )
    return ticket


def _body(text: str, what: str) -> str:
    body = text.strip()
    if not body:
        raise BadInput(_("The {what} is empty: write something first.").format(what=what))
    return body


def _entry(message: Message, author: str) -> ThreadEntry:
    return ThreadEntry(
        kind=message.kind,
        at=message.created_at,
        body=message.body,
        author=author,
        message_id=message.id,
    )


def newer_messages(
    session: Session, ticket_id: int, seen_last_message_id: int | None, agent_id: int
) -> tuple[ThreadEntry, ...]:
    """Customer and agent messages (not the agent's own) newer than the one last seen."""
    query = select(Message).where(
        Message.ticket_id == ticket_id,
        col(Message.kind).in_(_CONVERSATION),
        col(Message.author_agent_id).is_distinct_from(agent_id),
    )
    if seen_last_message_id is not None:
        query = query.where(col(Message.id) > seen_last_message_id)
    rows = session.exec(query.order_by(col(Message.id))).all()
    names = _agents(session, {m.author_agent_id for m in rows if m.author_agent_id is not None})
    return tuple(
        _entry(m, names[m.author_agent_id].name if m.author_agent_id in names else "") for m in rows
    )


def _send(
    session: Session,
    agent: SignedInAgent,
    ticket: Ticket,
    body: str,
    *,
    now: datetime,
    seen_last_message_id: int | None,
    force: bool,
    action: str,
    details: dict[str, Any],
) -> ThreadEntry:
    assert ticket.id is not None
    if not force and seen_last_message_id is not None:
        newer = newer_messages(session, ticket.id, seen_last_message_id, agent.id)
        if newer:
            raise Conflict(
                ngettext(
                    "Ticket #{id} has {count} new message since you opened it: read it, "
                    "then send again (or force it).",
                    "Ticket #{id} has {count} new messages since you opened it: read them, "
                    "then send again (or force it).",
                    len(newer),
                ).format(id=ticket.id, count=len(newer)),
                newer,
            )
    message = Message(
        ticket_id=ticket.id,
        kind=MessageKind.AGENT.value,
        author_agent_id=agent.id,
        body=body,
        created_at=now,
    )
    session.add(message)
    session.flush()
    customer = session.get(Account, ticket.requester_id)
    session.add(
        Outbox(
            at=now,
            kind="ticket.reply",
            payload={
                "ticket_id": ticket.id,
                "message_id": message.id,
                "channel": ticket.channel,
                "language": ticket.language,
                "to_account_id": ticket.requester_id,
                "to_email": customer.email if customer else None,
                "subject": ticket.subject,
                "body": body,
            },
        )
    )
    changes: dict[str, Any] = {}
    if ticket.first_replied_at is None:
        ticket.first_replied_at = now
        changes["first_reply"] = True
    if ticket.status == TicketStatus.NEW:
        ticket.status = TicketStatus.OPEN
        changes["status"] = TicketStatus.OPEN.value
    if ticket.assignee_id is None:
        # Whoever answers an unassigned ticket owns it: the queue stops offering it to others.
        ticket.assignee_id = agent.id
        changes["took"] = True
    ticket.updated_at = now
    session.add(ticket)
    _audit(
        session,
        agent,
        action,
        ticket.id,
        now,
        message_id=message.id,
        forced=force and seen_last_message_id is not None,
        **details,
        **changes,
    )
    return _entry(message, agent.name)


def reply(
    store: Store,
    agent: SignedInAgent,
    ticket_id: int,
    body: str,
    *,
    now: datetime,
    seen_last_message_id: int | None = None,
    force: bool = False,
    macros: Sequence[str] = (),
    articles: Sequence[str] = (),
) -> ThreadEntry:
    """Send `body` to the customer: an agent message and its outbox row, in one transaction.

    With `seen_last_message_id` (the newest message when the agent opened the ticket), a newer
    customer or agent message raises `Conflict` unless `force`; 0 means the agent saw no message
    yet, None that nothing is checked. The audit event names the `macros` and help-center
    `articles` (slugs) the reply was written from.
    """
    require(agent, Action.TICKET_WORK)
    text = _body(body, _("reply"))
    with store.write() as session:
        ticket = _workable(session, ticket_id)
        details: dict[str, Any] = {}
        if macros:
            details["macros"] = list(macros)
        if articles:
            details["articles"] = list(articles)
        return _send(
            session,
            agent,
            ticket,
            text,
            now=now,
            seen_last_message_id=seen_last_message_id,
            force=force,
            action="ticket.replied",
            details=details,
        )


def insert_article(
    store: Store,
    agent: SignedInAgent,
    ticket_id: int,
    slug: str,
    *,
    now: datetime,
    seen_last_message_id: int | None = None,
    force: bool = False,
) -> ThreadEntry:
    """Send a help-center article to the customer, in the ticket's language when it exists."""
    from console.knowledge import article_text, find_article

    require(agent, Action.TICKET_WORK)
    with store.write() as session:
        ticket = _workable(session, ticket_id)
        article = find_article(slug, ticket.language)
        return _send(
            session,
            agent,
            ticket,
            article_text(article),
            now=now,
            seen_last_message_id=seen_last_message_id,
            force=force,
            action="ticket.article_sent",
            details={"article": article.slug, "article_language": article.language},
        )


def add_note(
    store: Store, agent: SignedInAgent, ticket_id: int, body: str, *, now: datetime
) -> ThreadEntry:
    """An internal note: seen by the team only, never sent."""
    require(agent, Action.TICKET_WORK)
    text = _body(body, _("note"))
    with store.write() as session:
        ticket = _workable(session, ticket_id)
        assert ticket.id is not None
        message = Message(
            ticket_id=ticket.id,
            kind=MessageKind.INTERNAL_NOTE.value,
            author_agent_id=agent.id,
            body=text,
            created_at=now,
        )
        session.add(message)
        session.flush()
        ticket.updated_at = now
        session.add(ticket)
        _audit(session, agent, "ticket.note_added", ticket.id, now, message_id=message.id)
        return _entry(message, agent.name)


def parse_status(value: str) -> TicketStatus:
    """The settable status named `value`, or `BadInput` listing the choices."""
    return parse_choice(
        TicketStatus, value, _("Unknown status {value!r}: choose one of {choices}."),
        among=SETTABLE_STATUSES,
    )  # fmt: skip


def set_status(
    store: Store, agent: SignedInAgent, ticket_id: int, status: str, *, now: datetime
) -> str:
    """Set the status (open, pending_customer, solved); pending_customer pauses the SLA clocks.

    Leaving pending_customer moves the due times on by the time spent waiting on the customer;
    the pause is recorded on the ticket (`sla_paused_at`) and in the audit event.
    """
    require(agent, Action.TICKET_WORK)
    chosen = parse_status(status)
    with store.write() as session:
        ticket = _workable(session, ticket_id)
        assert ticket.id is not None
        before = ticket.status
        if before == chosen:
            raise Refused(
                _("Ticket #{id} is already {status}.").format(
                    id=ticket.id, status=label(STATUS_LABELS, chosen)
                )
            )
        details: dict[str, Any] = {"from": before, "to": chosen.value}
        if chosen == TicketStatus.PENDING_CUSTOMER:
            ticket.sla_paused_at = now
            details["sla_paused"] = True
        elif ticket.sla_paused_at is not None:
            paused = max(now - ticket.sla_paused_at, timedelta(0))
            if ticket.resolution_due_at is not None:
                ticket.resolution_due_at += paused
            if ticket.first_reply_due_at is not None and ticket.first_replied_at is None:
                ticket.first_reply_due_at += paused
            ticket.sla_paused_at = None
            details["sla_paused_seconds"] = int(paused.total_seconds())
        ticket.status = chosen
        ticket.updated_at = now
        session.add(ticket)
        _audit(session, agent, "ticket.status_set", ticket.id, now, **details)
        return chosen.value


def parse_priority(value: str) -> Priority:
    """The priority named `value`, or `BadInput` listing the choices."""
    return parse_choice(Priority, value, _("Unknown priority {value!r}: choose one of {choices}."))


def set_priority(
    store: Store, agent: SignedInAgent, ticket_id: int, priority: str, *, now: datetime
) -> str:
    """Set the priority and, with it, the rank the queue sorts and claims by."""
    require(agent, Action.TICKET_WORK)
    chosen = parse_priority(priority)
    with store.write() as session:
        ticket = _workable(session, ticket_id)
        assert ticket.id is not None
        before = ticket.priority
        if before == chosen:
            raise Refused(
                _("Ticket #{id} is already {priority}.").format(
                    id=ticket.id, priority=label(PRIORITY_LABELS, chosen)
                )
            )
        ticket.priority = chosen.value
        ticket.priority_rank = PRIORITY_RANK[chosen.value]
        ticket.updated_at = now
        session.add(ticket)
        _audit(
            session,
            agent,
            "ticket.priority_set",
            ticket.id,
            now,
            **{"from": before, "to": chosen.value},
        )
        return chosen.value


def assign(
    store: Store, agent: SignedInAgent, ticket_id: int, handle: str | None, *, now: datetime
) -> int | None:
    """Assign the ticket to the agent `handle` (None: unassign); returns the assignee's id.

    An agent takes a ticket for themselves, or gives up their own; assigning to somebody else,
    or taking a ticket that is already somebody else's, is for leads.
    """
    require(agent, Action.TICKET_WORK)
    with store.write() as session:
        ticket = _workable(session, ticket_id)
        assert ticket.id is not None
        target: Agent | None = None
        if handle is not None:
            target = session.exec(select(Agent).where(Agent.handle == handle.strip())).first()
            if target is None or not target.active:
                raise NotFound(
                    _("There is no active agent {handle!r}: check the handle.").format(
                        handle=handle
                    )
                )
        target_id = target.id if target else None
        if ticket.assignee_id == target_id:
            raise Refused(_("Ticket #{id} is already assigned so.").format(id=ticket.id))
        for_someone_else = target_id is not None and target_id != agent.id
        taking_from_someone = ticket.assignee_id not in (None, agent.id)
        if for_someone_else or taking_from_someone:
            require(agent, Action.TICKET_ASSIGN)
        before = ticket.assignee_id
        ticket.assignee_id = target_id
        ticket.updated_at = now
        session.add(ticket)
        _audit(
            session,
            agent,
            "ticket.assigned",
            ticket.id,
            now,
            **{"from": before, "to": target_id, "to_name": target.name if target else None},
        )
        return target_id


def _rowcount(result: Any) -> int:
    return int(cast(CursorResult[Any], result).rowcount)


def merge(
    store: Store, agent: SignedInAgent, source_id: int, target_id: int, *, now: datetime
) -> int:
    """Move every message of `source_id` into `target_id` and close the source with a pointer.

    Only tickets of the same customer merge: a reply in the target goes to that customer.
    Returns how many messages moved.
    """
    require(agent, Action.TICKET_WORK)
    if source_id == target_id:
        raise BadInput(_("A ticket cannot be merged into itself: give another ticket's number."))
    with store.write() as session:
        source = _workable(session, source_id)
        target = _workable(session, target_id)
        assert source.id is not None
        assert target.id is not None
        if source.requester_id != target.requester_id:
            raise Refused(
                _(
                    "Tickets #{source} and #{target} are from different customers: only a "
                    "customer's own tickets can be merged."
                ).format(source=source.id, target=target.id)
            )
        moved = _rowcount(
            session.execute(
                update(Message)
                .where(col(Message.ticket_id) == source.id)
                .values(ticket_id=target.id)
            )
        )
        disputes = _rowcount(
            session.execute(
                update(Dispute)
                .where(col(Dispute.ticket_id) == source.id)
                .values(ticket_id=target.id)
            )
        )
        if source.ai_answer and not target.ai_answer:
            target.ai_answer = source.ai_answer
        source.status = TicketStatus.CLOSED
        source.merged_into_id = target.id
        source.sla_paused_at = None
        source.updated_at = now
        target.updated_at = now
        session.add_all([source, target])
        _audit(session, agent, "ticket.merged", source.id, now, into=target.id, messages=moved)
        _audit(
            session,
            agent,
            "ticket.merged_from",
            target.id,
            now,
            **{"from": source.id, "messages": moved, "disputes": disputes},
        )
        return int(moved)


def link_dispute(
    store: Store, agent: SignedInAgent, ticket_id: int, dispute_id: int, *, now: datetime
) -> int:
    """Link an existing dispute over the ticket's order to the ticket."""
    require(agent, Action.TICKET_WORK)
    with store.write() as session:
        ticket = _workable(session, ticket_id)
        assert ticket.id is not None
        dispute = session.get(Dispute, dispute_id)
        if dispute is None or dispute.id is None:
            raise NotFound(_("There is no dispute #{id}: check the number.").format(id=dispute_id))
        if ticket.order_id is not None and dispute.order_id != ticket.order_id:
            raise Refused(
                _("Dispute #{dispute} is about another order than ticket #{ticket}.").format(
                    dispute=dispute.id, ticket=ticket.id
                )
            )
        if dispute.ticket_id == ticket.id:
            raise Refused(
                _("Dispute #{dispute} is already linked to ticket #{ticket}.").format(
                    dispute=dispute.id, ticket=ticket.id
                )
            )
        before = dispute.ticket_id
        dispute.ticket_id = ticket.id
        ticket.updated_at = now
        session.add_all([dispute, ticket])
        _audit(
            session,
            agent,
            "ticket.dispute_linked",
            ticket.id,
            now,
            dispute=dispute.id,
            previous_ticket=before,
        )
        return dispute.id


def parse_dispute_kind(value: str) -> DisputeKind:
    """The dispute kind named `value`, or `BadInput` listing the choices."""
    return parse_choice(
        DisputeKind, value, _("Unknown dispute kind {value!r}: choose one of {choices}.")
    )


def open_dispute(
    store: Store, agent: SignedInAgent, ticket_id: int, kind: str, *, now: datetime
) -> int:
    """Open a dispute of `kind` over the ticket's order, linked to the ticket; returns its id."""
    require(agent, Action.TICKET_WORK)
    chosen = parse_dispute_kind(kind)
    with store.write() as session:
        ticket = _workable(session, ticket_id)
        assert ticket.id is not None
        if ticket.order_id is None:
            raise Refused(
                _("Ticket #{id} is not about an order: a dispute is always over an order.").format(
                    id=ticket.id
                )
            )
        order = session.get(Order, ticket.order_id)
        assert order is not None
        pending = session.exec(
            select(Dispute).where(
                Dispute.order_id == order.id, col(Dispute.state).not_in(_SETTLED_DISPUTES)
            )
        ).first()
        if pending is not None:
            raise Refused(
                _(
                    "Order {reference} already has dispute #{dispute} under way: link it instead."
                ).format(reference=order.reference, dispute=pending.id)
            )
        first = session.exec(
            select(Message)
            .where(Message.ticket_id == ticket.id, Message.kind == MessageKind.CUSTOMER)
            .order_by(col(Message.created_at), col(Message.id))
        ).first()
        claim = first.body if first else ticket.subject
        from_seller = ticket.requester_id == order.seller_id
        dispute = Dispute(
            order_id=ticket.order_id,
            ticket_id=ticket.id,
            kind=chosen.value,
            buyer_claim="" if from_seller else claim,
            seller_claim=claim if from_seller else "",
            parties_talked_first=bool(ticket.seller_contacted_buyer),
            opened_at=now,
            updated_at=now,
        )
        session.add(dispute)
        session.flush()
        assert dispute.id is not None
        ticket.updated_at = now
        session.add(ticket)
        session.add(
            AuditEvent(
                at=now,
                actor_id=agent.id,
                action="dispute.opened",
                subject_kind="dispute",
                subject_id=dispute.id,
                details={"ticket": ticket.id, "order": order.id, "kind": chosen.value},
            )
        )
        _audit(
            session,
            agent,
            "ticket.dispute_opened",
            ticket.id,
            now,
            dispute=dispute.id,
            kind=chosen.value,
        )
        return dispute.id


# --- who else is here --------------------------------------------------------------------------


def heartbeat(
    store: Store, agent_id: int, ticket_id: int, state: str = ViewerState.VIEWING, *, now: datetime
) -> None:
    """Record that `agent_id` has the ticket open (viewing or replying) as of `now`."""
    chosen = ViewerState(state)
    # Every console with a ticket open writes this every few seconds, and no list shows it.
    with store.write(notify=False) as session:
        _get_ticket(session, ticket_id)
        row = session.exec(
            select(TicketViewer).where(
                TicketViewer.ticket_id == ticket_id, TicketViewer.agent_id == agent_id
            )
        ).first()
        if row is None:
            row = TicketViewer(ticket_id=ticket_id, agent_id=agent_id)
        row.state = chosen.value
        row.heartbeat_at = now
        session.add(row)
        # Rows of consoles that died without saying goodbye: no need to keep them.
        session.execute(
            delete(TicketViewer).where(col(TicketViewer.heartbeat_at) < now - 10 * VIEWER_TTL)
        )


def leave(store: Store, agent_id: int, ticket_id: int) -> None:
    """The agent closed the ticket."""
    with store.write(notify=False) as session:
        session.execute(
            delete(TicketViewer).where(
                col(TicketViewer.ticket_id) == ticket_id, col(TicketViewer.agent_id) == agent_id
            )
        )


def viewers(
    store: Store, ticket_id: int, *, now: datetime, besides: int | None = None
) -> list[Viewer]:
    """Agents (other than `besides`) with the ticket open, their heartbeat fresher than the TTL."""
    with store.read() as session:
        rows = session.exec(
            select(TicketViewer, Agent)
            .join(Agent, col(Agent.id) == col(TicketViewer.agent_id))
            .where(
                TicketViewer.ticket_id == ticket_id,
                col(TicketViewer.heartbeat_at) >= now - VIEWER_TTL,
                col(TicketViewer.agent_id).is_distinct_from(besides),
            )
            .order_by(col(Agent.name))
        ).all()
    return [
        Viewer(agent_id=row.agent_id, handle=agent.handle, name=agent.name, state=row.state)
        for row, agent in rows
    ]


# --- JSON --------------------------------------------------------------------------------------


def _plain(value: Any) -> Any:
    if isinstance(value, Money):
        return value.to_json()
    if isinstance(value, datetime):
        from datetime import UTC

        return value.astimezone(UTC).isoformat()
    if isinstance(value, tuple | list):
        return [_plain(item) for item in value]
    if hasattr(value, "__dataclass_fields__"):
        return {name: _plain(getattr(value, name)) for name in value.__dataclass_fields__}
    return value


def ticket_json(view: TicketView) -> dict[str, Any]:
    """The JSON document of `guichet ticket ID --json` (money in minor units, times in UTC)."""
    document: dict[str, Any] = _plain(view)
    return document


def entry_json(entry: ThreadEntry) -> dict[str, Any]:
    """One thread entry as JSON."""
    document: dict[str, Any] = _plain(entry)
    return document


__all__ = [
    "SETTABLE_STATUSES",
    "VIEWER_TTL",
    "Conflict",
    "CustomerPanel",
    "LotPanel",
    "OrderPanel",
    "ThreadEntry",
    "TicketView",
    "Viewer",
    "add_note",
    "assign",
    "heartbeat",
    "insert_article",
    "leave",
    "link_dispute",
    "load_ticket",
    "merge",
    "open_dispute",
    "reply",
    "set_priority",
    "set_status",
    "viewers",
]


# --- choices the screen offers -----------------------------------------------------------------


def assignable_agents(store: Store, agent: SignedInAgent) -> list[tuple[str, str]]:
    """(handle, name) `agent` may assign tickets to: any active agent for a lead, else only self."""
    from console.permissions import allowed

    if not allowed(agent.role, Action.TICKET_ASSIGN):
        return [(agent.handle, agent.name)]
    with store.read() as session:
        rows = session.exec(select(Agent).where(col(Agent.active)).order_by(col(Agent.name))).all()
    return [(row.handle, row.name) for row in rows]


def disputes_to_link(store: Store, ticket_id: int) -> list[DisputeLink]:
    """Disputes over the ticket's order that are not linked to it yet."""
    with store.read() as session:
        ticket = _get_ticket(session, ticket_id)
        if ticket.order_id is None:
            return []
        rows = session.exec(
            select(Dispute)
            .where(
                Dispute.order_id == ticket.order_id,
                col(Dispute.ticket_id).is_distinct_from(ticket.id),
            )
            .order_by(col(Dispute.id))
        ).all()
    return [DisputeLink(id=d.id, kind=d.kind, state=d.state) for d in rows if d.id is not None]
