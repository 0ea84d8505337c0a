"""What the actions share: their result, the reason they all need, asking for approval."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlmodel import Session

from console.auth import SignedInAgent
from console.disputes.common import audit, get_account, get_order
from console.errors import BadInput
from console.i18n import _
from models.disputes import Approval, Dispute
from models.marketplace import Account, Order
from models.money import Money


@dataclass(frozen=True)
class ActionResult:
    """What an action did: executed now, or waiting for approval (`approval_id`)."""

    subject_kind: str
    subject_id: int
    state: str
    amount: Money | None = None
    approval_id: int | None = None
    replayed: bool = False
    idempotency_key: str | None = None
    effects: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The `--json` document of an action."""
        return {
            "subject_kind": self.subject_kind,
            "id": self.subject_id,
            "state": self.state,
            "amount": self.amount.to_json() if self.amount else None,
            "approval_id": self.approval_id,
            "replayed": self.replayed,
            "idempotency_key": self.idempotency_key,
            "effects": self.effects,
        }


def require_reason(reason: str) -> str:
    if not reason.strip():
        raise BadInput(_("A reason is required: say why, for the parties and the audit trail."))
    return reason.strip()


def ask_approval(
    session: Session,
    kind: str,
    subject_id: int,
    actor: SignedInAgent,
    now: datetime,
    details: dict[str, Any],
) -> int:
    approval = Approval(
        subject_kind=kind,
        subject_id=subject_id,
        requested_by_id=actor.id,
        details=details,
        created_at=now,
    )
    session.add(approval)
    session.flush()
    audit(
        session,
        at=now,
        actor_id=actor.id,
        action="approval.requested",
        subject_kind="approval",
        subject_id=approval.id,
        details={"subject_kind": kind, "subject_id": subject_id},
    )
    assert approval.id is not None
    return approval.id


def parties_of(session: Session, dispute: Dispute) -> tuple[Order, Account, Account]:
    order = get_order(session, dispute.order_id)
    return order, get_account(session, order.buyer_id), get_account(session, order.seller_id)
