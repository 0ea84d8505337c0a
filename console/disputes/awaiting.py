"""The disputes awaiting a reviewer: open ones assigned to them, soonest clock first.

`awaiting_reviewer` is the rule; the list (`disputes_awaiting`, for the screen and
`guichet disputes`) and the home count (`count_disputes_awaiting`) both ask it, so the count on
the tile is the number of rows of the list it opens. Both read `ix_dispute_reviewer_id`: a
reviewer holds tens of disputes, and the ticket table is never read.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Final

from sqlalchemy import ColumnElement, and_, func, select
from sqlalchemy.orm import Session, aliased
from sqlmodel import col

from console.store import Store
from models.disputes import Dispute
from models.enums import DisputeState
from models.marketplace import Account, Order, Payment
from models.money import Money

AWAITING_STATES: Final[tuple[str, ...]] = tuple(
    state.value
    for state in DisputeState
    if state not in (DisputeState.RESOLVED, DisputeState.CLOSED)
)
"""States in which a dispute still waits for its reviewer: every state but resolved and closed
(an appeal reopens a settled dispute as `appealed`)."""


def awaiting_reviewer(reviewer_id: int) -> ColumnElement[bool]:
    """The rule: the dispute's reviewer is `reviewer_id` and it is not settled."""
    return and_(
        col(Dispute.reviewer_id) == reviewer_id,
        col(Dispute.state).in_(AWAITING_STATES),
    )


@dataclass(frozen=True)
class AwaitingDispute:
    """One dispute awaiting its reviewer, with what the reviewer needs to pick it."""

    id: int
    kind: str
    """The kind's code (`not_received`, ...)."""
    kind_label: str
    """The kind in words, in the current language."""
    state: str
    """The state's code (`under_review`, ...)."""
    state_label: str
    """The state in words, in the current language."""
    order_reference: str
    buyer: str
    """The buyer's display name as stored: customer text, sanitize before showing it."""
    seller: str
    """The seller's display name as stored: customer text, sanitize before showing it."""
    amount: Money | None
    """What is still at stake: the payment's captured amount less what was refunded so far;
    None when no payment is recorded for the order."""
    due_at: datetime | None
    """When the dispute's clock runs out (None: no clock runs)."""
    ticket_id: int | None
    """The ticket the dispute is linked to, if any (many disputes have none)."""

    def to_json(self) -> dict[str, Any]:
        """The JSON shape of one row of `guichet disputes --json`."""
        return {
            "id": self.id,
            "kind": self.kind,
            "kind_label": self.kind_label,
            "state": self.state,
            "state_label": self.state_label,
            "order_reference": self.order_reference,
            "buyer": self.buyer,
            "seller": self.seller,
            "amount": (
                None
                if self.amount is None
                else {"amount_minor": self.amount.amount_minor, "currency": self.amount.currency}
            ),
            "due_at": self.due_at.isoformat() if self.due_at is not None else None,
            "ticket_id": self.ticket_id,
        }


def count_disputes_awaiting(session: Session, reviewer_id: int) -> int:
    """How many disputes await `reviewer_id`: the rows `disputes_awaiting` would list."""
    statement = select(func.count()).select_from(Dispute).where(awaiting_reviewer(reviewer_id))
    return int(session.execute(statement).scalar_one())


def disputes_awaiting(store: Store, agent: Any) -> list[AwaitingDispute]:
    """The disputes awaiting `agent` (anything with an id), soonest clock first (no clock
    last), then by number.

    No role is checked: these are the agent's own assignments, and every role resolves
    disputes (`console.permissions`).
    """
    from console.disputes.states import state_label
    from console.tickets import DISPUTE_KIND_LABELS, label

    buyer = aliased(Account)
    seller = aliased(Account)
    statement = (
        select(
            col(Dispute.id),
            col(Dispute.kind),
            col(Dispute.state),
            col(Dispute.due_at),
            col(Dispute.ticket_id),
            col(Order.reference),
            col(buyer.display_name),
            col(seller.display_name),
            col(Payment.captured_minor),
            col(Payment.refunded_minor),
            col(Payment.currency),
        )
        .select_from(Dispute)
        .join(Order, col(Order.id) == col(Dispute.order_id))
        .join(buyer, col(buyer.id) == col(Order.buyer_id))
        .join(seller, col(seller.id) == col(Order.seller_id))
        .outerjoin(Payment, col(Payment.order_id) == col(Order.id))
        .where(awaiting_reviewer(agent.id))
        .order_by(col(Dispute.due_at).is_(None), col(Dispute.due_at), col(Dispute.id))
    )
    with store.read() as session:
        rows = session.execute(statement).all()
    return [
        AwaitingDispute(
            id=dispute_id,
            kind=kind,
            kind_label=label(DISPUTE_KIND_LABELS, kind),
            state=state,
            state_label=state_label(state),
            order_reference=reference,
            buyer=buyer_name,
            seller=seller_name,
            amount=None if captured is None else Money(captured - refunded, currency),
            due_at=due_at,
            ticket_id=ticket_id,
        )
        for (
            dispute_id,
            kind,
            state,
            due_at,
            ticket_id,
            reference,
            buyer_name,
            seller_name,
            captured,
            refunded,
            currency,
        ) in rows
    ]
