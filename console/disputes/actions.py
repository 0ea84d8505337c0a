"""Resolution actions: refunds, cancellations, rejected claims; restrictions and reports (their
own modules, re-exported here) complete the set.

Every guard of disputes.md is checked here, whoever calls (screen or CLI), and every action is
one transaction with its audit event and the outbox rows of its effects (pay out, cancel at the
order system, tell the users). The refund cap is checked after re-reading the payment inside the
write transaction (its row locked on PostgreSQL; SQLite writes start with BEGIN IMMEDIATE), so
two refunds racing cannot together pay more than was captured. What needs a second pair of eyes
is written `pending_approval` with an `Approval` row; `approvals.approve` carries it out.
"""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import datetime
from typing import Any, Final

from sqlmodel import Session, col, func, select

from console.auth import SignedInAgent
from console.disputes.common import audit, get_dispute, get_order, outbox, payment_of
from console.disputes.config import four_eyes_threshold, windows
from console.disputes.notices import is_consumer_dispute, queue_notice
from console.disputes.outcome import ActionResult, ask_approval, parties_of, require_reason
from console.disputes.states import move, set_clock, state_label
from console.errors import BadInput, Refused
from console.formatting import format_money
from console.i18n import _, current_language
from console.permissions import Action, require
from console.store import Store
from models.disputes import (
    Approval,
    Dispute,
    Resolution,
)
from models.enums import (
    ActionState,
    DisputeState,
    OrderStatus,
    ResolutionKind,
)
from models.marketplace import Shipment
from models.money import Money, MoneyError, parse_amount

S = DisputeState
ACTIONABLE: Final = frozenset(
    {S.UNDER_REVIEW, S.RESOLUTION_PROPOSED, S.PENDING_APPROVAL, S.RESOLVED}
)
"""States in which a reviewer may resolve (RESOLVED: a complement, e.g. after a return)."""
REFUND_KINDS: Final = (ResolutionKind.FULL_REFUND, ResolutionKind.PARTIAL_REFUND)
COST_BEARERS: Final = ("buyer", "seller", "platform")


def _actionable(dispute: Dispute) -> None:
    if dispute.state not in ACTIONABLE:
        raise Refused(
            _("Dispute {id} is {state}: it can be resolved only while under review.").format(
                id=dispute.id, state=state_label(dispute.state)
            )
        )


def _money(amount: Money | str, currency: str) -> Money:
    if isinstance(amount, str):
        try:
            return parse_amount(amount, currency)
        except MoneyError as error:
            raise BadInput(
                _("The amount {amount!r} cannot be used: {why}.").format(amount=amount, why=error)
            ) from None
    if amount.currency != currency:
        raise BadInput(
            _("The payment is in {currency}; give the amount in {currency}.").format(
                currency=currency
            )
        )
    return amount


def _reserved(session: Session, order_id: int) -> int:
    """Refunds of this order waiting for approval: promised, not yet paid."""
    total = session.exec(
        select(func.coalesce(func.sum(Resolution.amount_minor), 0))
        .join(Dispute, col(Dispute.id) == col(Resolution.dispute_id))
        .where(
            col(Dispute.order_id) == order_id,
            col(Resolution.state) == ActionState.PENDING_APPROVAL,
            col(Resolution.kind).in_(REFUND_KINDS),
        )
    ).one()
    return int(total)


def _same_intent(existing: Resolution, wanted: dict[str, Any]) -> bool:
    if existing.kind != wanted["kind"] or existing.dispute_id != wanted["dispute_id"]:
        return False
    if existing.reason != wanted["reason"] or existing.parties_agreed != wanted["agreed"]:
        return False
    if wanted["kind"] == ResolutionKind.PARTIAL_REFUND:
        return bool((existing.amount_minor, existing.currency) == wanted["amount"])
    return True


def _result(resolution: Resolution, approval_id: int | None, *, replayed: bool) -> ActionResult:
    assert resolution.id is not None
    return ActionResult(
        "resolution",
        resolution.id,
        resolution.state,
        Money(resolution.amount_minor, resolution.currency),
        approval_id,
        replayed,
        resolution.idempotency_key,
    )


def _approval_of(session: Session, kind: str, subject_id: int) -> int | None:
    row = session.exec(
        select(Approval).where(
            col(Approval.subject_kind) == kind, col(Approval.subject_id) == subject_id
        )
    ).first()
    return row.id if row else None


def refund(
    store: Store,
    actor: SignedInAgent,
    dispute_id: int,
    *,
    reason: str,
    amount: Money | str | None = None,
    full: bool = False,
    key: str | None = None,
    agreed: bool = False,
    now: datetime,
) -> ActionResult:
    """Refund the buyer, fully or in part; waits for approval above the four-eyes threshold.

    The same `key` with the same parameters returns the intent already made (never pays twice);
    with other parameters it is an error.
    """
    require(actor, Action.REFUND_REQUEST)
    reason = require_reason(reason)
    if full == (amount is not None):
        raise BadInput(_("Give either --full or --amount, not both and not neither."))
    if key is not None and not key.strip():
        raise BadInput(_("The idempotency key is empty; leave it out to get a new one."))
    kind = ResolutionKind.FULL_REFUND if full else ResolutionKind.PARTIAL_REFUND
    with store.write() as session:
        dispute = get_dispute(session, dispute_id)
        order = get_order(session, dispute.order_id)
        payment = payment_of(session, dispute.order_id, lock=True)
        if payment is None:
            raise Refused(
                _("Order {ref} has no captured payment: there is nothing to refund.").format(
                    ref=order.reference
                )
            )
        money = None if amount is None else _money(amount, payment.currency)
        if key is not None:
            existing = session.exec(
                select(Resolution).where(col(Resolution.idempotency_key) == key)
            ).first()
            if existing is not None:
                wanted = {
                    "kind": kind,
                    "dispute_id": dispute_id,
                    "reason": reason,
                    "agreed": agreed,
                    "amount": (money.amount_minor, money.currency) if money else None,
                }
                if not _same_intent(existing, wanted):
                    raise BadInput(
                        _(
                            "The key {key!r} was already used for another refund (resolution "
                            "{id}); use a new key for a different refund."
                        ).format(key=key, id=existing.id)
                    )
                assert existing.id is not None
                return _result(
                    existing, _approval_of(session, "resolution", existing.id), replayed=True
                )
        _actionable(dispute)
        if payment.chargeback_open:
            raise Refused(
                _(
                    "A chargeback is open on the payment of order {ref}: no refund until it is "
                    "settled."
                ).format(ref=order.reference)
            )
        remaining = (
            payment.captured_minor - payment.refunded_minor - _reserved(session, order.id or 0)
        )
        if full:
            if remaining <= 0:
                raise Refused(
                    _("Nothing is left to refund on order {ref}.").format(ref=order.reference)
                )
            money = Money(remaining, payment.currency)
        assert money is not None
        if money.amount_minor <= 0:
            raise BadInput(_("The amount must be more than zero."))
        if money.amount_minor > remaining:
            left = format_money(Money(max(remaining, 0), payment.currency), current_language())
            raise Refused(
                _("refused: only {left} remain refundable on order {ref}.").format(
                    left=left, ref=order.reference
                )
            )
        threshold = four_eyes_threshold(session, payment.currency)
        needs_approval = threshold is None or money.amount_minor > threshold
        resolution = Resolution(
            dispute_id=dispute_id,
            kind=kind,
            amount_minor=money.amount_minor,
            currency=money.currency,
            reason=reason,
            parties_agreed=agreed,
            idempotency_key=key or f"refund-{uuid.uuid4().hex}",
            state=ActionState.PENDING_APPROVAL if needs_approval else ActionState.EXECUTED,
            requested_by_id=actor.id,
            created_at=now,
        )
        session.add(resolution)
        session.flush()
        assert resolution.id is not None
        audit(
            session,
            at=now,
            actor_id=actor.id,
            action="refund.requested",
            subject_kind="dispute",
            subject_id=dispute_id,
            details={
                "resolution_id": resolution.id,
                "kind": kind,
                "amount": money.to_json(),
                "key": resolution.idempotency_key,
                "agreed": agreed,
                "four_eyes": needs_approval,
            },
        )
        if needs_approval:
            approval_id = ask_approval(
                session,
                "resolution",
                resolution.id,
                actor,
                now,
                {
                    "amount": money.to_json(),
                    "kind": kind,
                    "dispute_id": dispute_id,
                    "reason": reason,
                },
            )
            if dispute.state != S.RESOLVED:  # a complement to a decision keeps it decided
                move(
                    session, dispute, S.PENDING_APPROVAL, at=now, actor_id=actor.id, why="four eyes"
                )
            return _result(resolution, approval_id, replayed=False)
        execute_refund(session, resolution, actor_id=actor.id, now=now)
        return replace(
            _result(resolution, None, replayed=False), effects=["refund.payout", "notify.user"]
        )


def _resolve(session: Session, dispute: Dispute, *, now: datetime, actor_id: int | None) -> None:
    """The dispute is decided: RESOLVED, with the appeal window as its clock."""
    if dispute.state != S.RESOLVED:
        move(session, dispute, S.RESOLVED, at=now, actor_id=actor_id, why="decided")
    dispute.decided_at = now
    config = windows(session)
    set_clock(dispute, None, now + config.appeal, config.on_expiry["resolved"])
    session.add(dispute)


def execute_refund(
    session: Session, resolution: Resolution, *, actor_id: int | None, now: datetime
) -> None:
    """Pay the refund: cap re-checked on the locked payment, outbox, messages, dispute resolved."""
    dispute = get_dispute(session, resolution.dispute_id)
    order, buyer, seller = parties_of(session, dispute)
    payment = payment_of(session, dispute.order_id, lock=True)
    assert payment is not None
    if payment.chargeback_open:
        raise Refused(
            _(
                "A chargeback is open on the payment of order {ref}: no refund until it is settled."
            ).format(ref=order.reference)
        )
    remaining = payment.captured_minor - payment.refunded_minor
    if resolution.amount_minor > remaining:
        left = format_money(Money(remaining, payment.currency), current_language())
        raise Refused(
            _("refused: only {left} remain refundable on order {ref}.").format(
                left=left, ref=order.reference
            )
        )
    payment.refunded_minor += resolution.amount_minor
    session.add(payment)
    resolution.state = ActionState.EXECUTED
    resolution.executed_at = now
    session.add(resolution)
    amount = Money(resolution.amount_minor, resolution.currency)
    outbox(
        session,
        at=now,
        kind="refund.payout",
        payload={
            "resolution_id": resolution.id,
            "idempotency_key": resolution.idempotency_key,
            "payment_reference": payment.provider_reference,
            "order": order.reference,
            "amount": amount.to_json(),
        },
    )
    audit(
        session,
        at=now,
        actor_id=actor_id,
        action="refund.executed",
        subject_kind="dispute",
        subject_id=dispute.id,
        details={
            "resolution_id": resolution.id,
            "amount": amount.to_json(),
            "refunded_total": payment.refunded_minor,
        },
    )
    consumer = is_consumer_dispute(buyer, seller)
    cause = {"resolution_id": resolution.id}
    queue_notice(
        session,
        buyer,
        "refund_buyer",
        now=now,
        ref=order.reference,
        reasons=resolution.reason,
        consumer=consumer,
        values={"amount": amount},
        cause=cause,
    )
    queue_notice(
        session,
        seller,
        "refund_seller",
        now=now,
        ref=order.reference,
        reasons=resolution.reason,
        values={"amount": amount},
        cause=cause,
    )
    _resolve(session, dispute, now=now, actor_id=actor_id)


def cancel_order(
    store: Store,
    actor: SignedInAgent,
    dispute_id: int,
    *,
    reason: str,
    cost_borne_by: str = "seller",
    now: datetime,
) -> ActionResult:
    """Cancel the disputed order at the order system, saying who bears the cost.

    Refused when the order is already cancelled, or completed and past the cancellation window
    (`cancel_days_after_completion` after delivery). Money moves only through refunds.
    """
    require(actor, Action.ORDER_CANCEL)
    reason = require_reason(reason)
    if cost_borne_by not in COST_BEARERS:
        raise BadInput(
            _("Who bears the cost: buyer, seller or platform, not {who!r}.").format(
                who=cost_borne_by
            )
        )
    with store.write() as session:
        dispute = get_dispute(session, dispute_id)
        order, buyer, seller = parties_of(session, dispute)
        _actionable(dispute)
        if order.status == OrderStatus.CANCELLED:
            raise Refused(_("Order {ref} is already cancelled.").format(ref=order.reference))
        if order.status == OrderStatus.COMPLETED:
            shipment = session.exec(
                select(Shipment).where(col(Shipment.order_id) == order.id)
            ).first()
            done = (shipment.delivered_at if shipment else None) or order.placed_at
            if now > done + windows(session).cancel_after_completion:
                raise Refused(
                    _(
                        "Order {ref} was completed more than the cancellation window ago; "
                        "it can no longer be cancelled (a refund still can)."
                    ).format(ref=order.reference)
                )
        before = order.status
        order.status = OrderStatus.CANCELLED
        order.cancelled_at = now
        session.add(order)
        resolution = Resolution(
            dispute_id=dispute_id,
            kind=ResolutionKind.CANCELLATION,
            amount_minor=0,
            currency=order.currency,
            reason=reason,
            cost_borne_by=cost_borne_by,
            idempotency_key=f"cancel-{uuid.uuid4().hex}",
            state=ActionState.EXECUTED,
            requested_by_id=actor.id,
            created_at=now,
            executed_at=now,
        )
        session.add(resolution)
        session.flush()
        outbox(
            session,
            at=now,
            kind="order.cancel",
            payload={
                "order": order.reference,
                "cost_borne_by": cost_borne_by,
                "reason": reason,
                "resolution_id": resolution.id,
            },
        )
        audit(
            session,
            at=now,
            actor_id=actor.id,
            action="order.cancelled",
            subject_kind="dispute",
            subject_id=dispute_id,
            details={
                "order": order.reference,
                "from": before,
                "cost_borne_by": cost_borne_by,
                "resolution_id": resolution.id,
            },
        )
        consumer = is_consumer_dispute(buyer, seller)
        for account, template in ((buyer, "cancel_buyer"), (seller, "cancel_seller")):
            queue_notice(
                session,
                account,
                template,
                now=now,
                ref=order.reference,
                reasons=reason,
                consumer=consumer and account is buyer,
                values={"cost": cost_borne_by},
                cause={"resolution_id": resolution.id},
            )
        _resolve(session, dispute, now=now, actor_id=actor.id)
        assert resolution.id is not None
        return ActionResult(
            "resolution", resolution.id, resolution.state, effects=["order.cancel", "notify.user"]
        )


def reject_claim(
    store: Store, actor: SignedInAgent, dispute_id: int, *, reason: str, now: datetime
) -> ActionResult:
    """Decide against the claim; the buyer is told the redress, consumer ADR included."""
    require(actor, Action.DISPUTE_RESOLVE)
    reason = require_reason(reason)
    with store.write() as session:
        dispute = get_dispute(session, dispute_id)
        order, buyer, seller = parties_of(session, dispute)
        _actionable(dispute)
        resolution = Resolution(
            dispute_id=dispute_id,
            kind=ResolutionKind.CLAIM_REJECTED,
            currency=order.currency,
            reason=reason,
            idempotency_key=f"reject-{uuid.uuid4().hex}",
            state=ActionState.EXECUTED,
            requested_by_id=actor.id,
            created_at=now,
            executed_at=now,
        )
        session.add(resolution)
        session.flush()
        audit(
            session,
            at=now,
            actor_id=actor.id,
            action="claim.rejected",
            subject_kind="dispute",
            subject_id=dispute_id,
            details={"resolution_id": resolution.id},
        )
        consumer = is_consumer_dispute(buyer, seller)
        queue_notice(
            session,
            buyer,
            "rejected_buyer",
            now=now,
            ref=order.reference,
            reasons=reason,
            consumer=consumer,
            cause={"resolution_id": resolution.id},
        )
        queue_notice(
            session,
            seller,
            "rejected_seller",
            now=now,
            ref=order.reference,
            reasons=reason,
            cause={"resolution_id": resolution.id},
        )
        _resolve(session, dispute, now=now, actor_id=actor.id)
        assert resolution.id is not None
        return ActionResult("resolution", resolution.id, resolution.state)


# Restrictions and reports live in their own modules; they are actions too.
from console.disputes.reports import report_to_authorities, send_report  # noqa: E402
from console.disputes.restrictions import (  # noqa: E402
    StatementOfReasons,
    apply_restriction,
    missing_parts,
    restrict,
    warn_account,
)

__all__ = [
    "ACTIONABLE",
    "ActionResult",
    "StatementOfReasons",
    "apply_restriction",
    "cancel_order",
    "execute_refund",
    "missing_parts",
    "refund",
    "reject_claim",
    "report_to_authorities",
    "restrict",
    "send_report",
    "warn_account",
]
