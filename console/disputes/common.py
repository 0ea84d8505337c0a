"""Small helpers every disputes service shares: loading rows or saying they don't exist, audit."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlmodel import Session

from console.errors import NotFound
from console.i18n import _
from models.audit import AuditEvent, Outbox
from models.disputes import Dispute
from models.marketplace import Account, Order, Payment


def get_dispute(session: Session, dispute_id: int) -> Dispute:
    """The dispute, or `NotFound` saying so."""
    dispute = session.get(Dispute, dispute_id)
    if dispute is None:
        raise NotFound(
            _("There is no dispute {id}: check the number (`guichet dispute ID`).").format(
                id=dispute_id
            )
        )
    return dispute


def get_order(session: Session, order_id: int) -> Order:
    """The order (a dispute always has one)."""
    order = session.get(Order, order_id)
    if order is None:
        raise NotFound(_("There is no order {id}.").format(id=order_id))
    return order


def get_account(session: Session, account_id: int) -> Account:
    """The account, or `NotFound`."""
    account = session.get(Account, account_id)
    if account is None:
        raise NotFound(_("There is no account {id}.").format(id=account_id))
    return account


def payment_of(session: Session, order_id: int, *, lock: bool = False) -> Payment | None:
    """The order's payment; `lock` takes its row lock on PostgreSQL (SQLite: BEGIN IMMEDIATE)."""
    from sqlmodel import col, select

    query = select(Payment).where(col(Payment.order_id) == order_id)
    if lock:
        query = query.with_for_update()
        # Re-read inside this transaction even if the session saw the row before.
        query = query.execution_options(populate_existing=True)
    return session.exec(query).first()


def audit(
    session: Session,
    *,
    at: datetime,
    actor_id: int | None,
    action: str,
    subject_kind: str,
    subject_id: int | None,
    details: dict[str, Any] | None = None,
) -> AuditEvent:
    """Add an audit event to the transaction of the change it records."""
    event = AuditEvent(
        at=at,
        actor_id=actor_id,
        action=action,
        subject_kind=subject_kind,
        subject_id=subject_id,
        details=details or {},
    )
    session.add(event)
    return event


def outbox(session: Session, *, at: datetime, kind: str, payload: dict[str, Any]) -> Outbox:
    """Add an effect to carry out outside Guichet, in the transaction that causes it."""
    row = Outbox(at=at, kind=kind, payload=payload)
    session.add(row)
    return row
