"""Resolution actions: refunds, cancellations, rejected claims, restrictions, reports.

Every guard of disputes.md is checked here, whoever calls (screen or CLI), and every action is
one transaction with its audit event and the outbox rows of its effects (pay out, cancel at the
order system, tell the users). The refund cap is checked after re-reading the payment inside the
write transaction (its row locked on PostgreSQL; SQLite writes start with BEGIN IMMEDIATE), so
two refunds racing cannot together pay more than was captured. What needs a second pair of eyes
is written `pending_approval` with an `Approval` row; `approvals.approve` carries it out.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Final

from sqlmodel import Session, col, func, select

from console.auth import SignedInAgent
from console.disputes.common import audit, get_account, get_dispute, get_order, outbox, payment_of
from console.disputes.config import four_eyes_threshold, windows
from console.disputes.notices import is_consumer_dispute, queue_notice
from console.disputes.states import BusinessDays, move, set_clock, state_label
from console.disputes.vocabulary import allowed
from console.errors import BadInput, Refused
from console.formatting import format_money
from console.i18n import _, current_language
from console.permissions import Action, require
from console.store import Store
from models.disputes import (
    AccountWarning,
    Approval,
    AuthorityReport,
    Dispute,
    Evidence,
    Resolution,
    Restriction,
)
from models.enums import (
    AccountStatus,
    ActionState,
    DisputeState,
    OrderStatus,
    ResolutionKind,
    RestrictionMeasure,
)
from models.marketplace import AccountStatusChange, Lot, Order, Payment, Shipment
from models.money import Money, MoneyError, parse_amount

S = DisputeState
ACTIONABLE: Final = frozenset(
    {S.UNDER_REVIEW, S.RESOLUTION_PROPOSED, S.PENDING_APPROVAL, S.RESOLVED}
)
"""States in which a reviewer may resolve (RESOLVED: a complement, e.g. after a return)."""
REFUND_KINDS: Final = (ResolutionKind.FULL_REFUND, ResolutionKind.PARTIAL_REFUND)
COST_BEARERS: Final = ("buyer", "seller", "platform")


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


def _require_reason(reason: str) -> str:
    if not reason.strip():
        raise BadInput(_("A reason is required: say why, for the parties and the audit trail."))
    return reason.strip()


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
    reason = _require_reason(reason)
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
        approval_id = None
        if needs_approval:
            approval_id = _ask_approval(
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
        else:
            execute_refund(session, resolution, actor_id=actor.id, now=now)
        return _result(resolution, approval_id, replayed=False)


def _ask_approval(
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


def _resolve(session: Session, dispute: Dispute, *, now: datetime, actor_id: int | None) -> None:
    """The dispute is decided: RESOLVED, with the appeal window as its clock."""
    if dispute.state != S.RESOLVED:
        move(session, dispute, S.RESOLVED, at=now, actor_id=actor_id, why="decided")
    dispute.decided_at = now
    config = windows(session)
    set_clock(dispute, None, now + config.appeal, config.on_expiry["resolved"])
    session.add(dispute)


def _parties(session: Session, dispute: Dispute) -> tuple[Order, Any, Any]:
    order = get_order(session, dispute.order_id)
    return order, get_account(session, order.buyer_id), get_account(session, order.seller_id)


def execute_refund(
    session: Session, resolution: Resolution, *, actor_id: int | None, now: datetime
) -> None:
    """Pay the refund: cap re-checked on the locked payment, outbox, messages, dispute resolved."""
    dispute = get_dispute(session, resolution.dispute_id)
    order, buyer, seller = _parties(session, dispute)
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
    reason = _require_reason(reason)
    if cost_borne_by not in COST_BEARERS:
        raise BadInput(
            _("Who bears the cost: buyer, seller or platform, not {who!r}.").format(
                who=cost_borne_by
            )
        )
    with store.write() as session:
        dispute = get_dispute(session, dispute_id)
        order, buyer, seller = _parties(session, dispute)
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
    reason = _require_reason(reason)
    with store.write() as session:
        dispute = get_dispute(session, dispute_id)
        order, buyer, seller = _parties(session, dispute)
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


# --- restrictions --------------------------------------------------------------------------

GROUNDS: Final = ("illegal_content", "terms")
SOURCES: Final = ("notice", "trusted_flagger", "other_notification", "own_initiative")
AUTOMATED_DECISIONS: Final = ("fully", "partially", "not_automated")
REDRESS: Final = ("internal_complaint", "out_of_court", "courts")
STATUS_OF_MEASURE: Final[dict[str, AccountStatus]] = {
    RestrictionMeasure.ACCOUNT_RESTRICTION: AccountStatus.RESTRICTED,
    RestrictionMeasure.ACCOUNT_SUSPENSION: AccountStatus.SUSPENDED,
    RestrictionMeasure.ACCOUNT_TERMINATION: AccountStatus.TERMINATED,
}


@dataclass
class StatementOfReasons:
    """A measure against a user with the six parts of DSA Art. 17 (disputes.md).

    1 measure, territorial scope, duration (`ends_at`, or `indefinite`); 2 facts and source;
    3 automated detection and decision; 4 illegal content: legal ground and explanation;
    5 breach of terms: clause and explanation; 6 redress (complaint, out of court, courts).
    """

    account_id: int
    measure: str
    territorial_scope: list[str] = field(default_factory=list)
    ends_at: datetime | None = None
    indefinite: bool = False
    facts: str = ""
    source: str = ""
    automated_detection: bool | None = None
    automated_decision: str | None = None
    ground: str = ""
    legal_ground: str = ""
    illegality_explanation: str = ""
    terms_clause: str = ""
    incompatibility_explanation: str = ""
    redress: list[str] = field(default_factory=list)
    category: str = ""
    keywords: list[str] = field(default_factory=list)
    ground_reference_url: str | None = None
    lot_id: int | None = None
    dispute_id: int | None = None
    misuse: bool = False


def missing_parts(sor: StatementOfReasons) -> list[str]:
    """The parts of the statement that are missing, named for people (empty: complete)."""
    missing: list[str] = []
    if (
        not sor.measure
        or not sor.territorial_scope
        or (sor.ends_at is None) == (not sor.indefinite)
    ):
        missing.append(
            _(
                "part 1: the measure, its territorial scope and its duration (an end "
                "date or indefinite)"
            )
        )
    if not sor.facts.strip() or not sor.source:
        missing.append(
            _(
                "part 2: the facts and circumstances and whether a notice or the "
                "platform's own initiative led to it"
            )
        )
    if sor.automated_detection is None or not sor.automated_decision:
        missing.append(_("part 3: whether automated means were used to detect and to decide"))
    if sor.ground not in GROUNDS:
        missing.append(_("parts 4/5: the ground (illegal content or a breach of the terms)"))
    elif sor.ground == "illegal_content" and not (
        sor.legal_ground.strip() and sor.illegality_explanation.strip()
    ):
        missing.append(_("part 4: the legal ground and why the content is illegal"))
    elif sor.ground == "terms" and not (
        sor.terms_clause.strip() and sor.incompatibility_explanation.strip()
    ):
        missing.append(_("part 5: the clause of the terms and why it is breached"))
    if not set(REDRESS) <= set(sor.redress):
        missing.append(
            _("part 6: the redress (internal complaint, out-of-court settlement and the courts)")
        )
    return missing


def _check_values(sor: StatementOfReasons) -> None:
    def bad(what: str, value: object, choices: object) -> BadInput:
        return BadInput(
            _("{what} {value!r} is not allowed; choose from: {choices}.").format(
                what=what, value=value, choices=choices
            )
        )

    if sor.measure not in set(RestrictionMeasure):
        raise bad(_("The measure"), sor.measure, ", ".join(RestrictionMeasure))
    for code in sor.territorial_scope:
        if code not in allowed("EUROPEAN_COUNTRY_CODES"):
            raise bad(_("The country code"), code, _("EU/EEA codes such as NL, FR, DE"))
    if sor.source not in SOURCES:
        raise bad(_("The source"), sor.source, ", ".join(SOURCES))
    if sor.automated_decision not in AUTOMATED_DECISIONS:
        raise bad(
            _("The automated decision"), sor.automated_decision, ", ".join(AUTOMATED_DECISIONS)
        )
    if sor.category not in allowed("STATEMENT_CATEGORIES"):
        raise bad(_("The category"), sor.category, _("the DSA statement categories"))
    for keyword in sor.keywords:
        if keyword not in allowed("KEYWORDS"):
            raise bad(_("The keyword"), keyword, _("the DSA keywords"))
    for item in sor.redress:
        if item not in REDRESS:
            raise bad(_("The redress"), item, ", ".join(REDRESS))
    if sor.measure == RestrictionMeasure.LISTING_REMOVAL and sor.lot_id is None:
        raise BadInput(_("A listing removal names the listing: give --lot ID."))


def restrict(
    store: Store, actor: SignedInAgent, sor: StatementOfReasons, *, now: datetime
) -> ActionResult:
    """Apply a measure with its complete statement of reasons; terminations wait for approval.

    Refused, with nothing written, when any part of the statement is missing, or for a
    suspension for misuse (Art. 23) without an earlier warning on record.
    """
    require(actor, Action.ACCOUNT_RESTRICT)
    missing = missing_parts(sor)
    if missing:
        raise Refused(
            _(
                "The statement of reasons is incomplete, nothing was applied: missing {parts}."
            ).format(parts="; ".join(missing))
        )
    _check_values(sor)
    with store.write() as session:
        account = get_account(session, sor.account_id)
        if sor.lot_id is not None:
            lot = session.get(Lot, sor.lot_id)
            if lot is None or lot.seller_id != account.id:
                raise BadInput(
                    _("Listing {lot} is not one of account {account}'s listings.").format(
                        lot=sor.lot_id, account=sor.account_id
                    )
                )
        if sor.dispute_id is not None:
            get_dispute(session, sor.dispute_id)
        if sor.misuse and sor.measure == RestrictionMeasure.ACCOUNT_SUSPENSION:
            warned = session.exec(
                select(AccountWarning).where(col(AccountWarning.account_id) == account.id)
            ).first()
            if warned is None:
                raise Refused(
                    _(
                        "A suspension for misuse needs an earlier warning on record, and account "
                        "{account} has none: warn first (`guichet warn`)."
                    ).format(account=account.id)
                )
        termination = sor.measure == RestrictionMeasure.ACCOUNT_TERMINATION
        restriction = Restriction(
            puid=f"gch-{uuid.uuid4().hex}",
            account_id=account.id or 0,
            lot_id=sor.lot_id,
            dispute_id=sor.dispute_id,
            measure=sor.measure,
            territorial_scope=list(sor.territorial_scope),
            ends_at=sor.ends_at,
            facts=sor.facts.strip(),
            source=sor.source,
            automated_detection=bool(sor.automated_detection),
            automated_decision=sor.automated_decision or "",
            ground=sor.ground,
            legal_ground=sor.legal_ground,
            illegality_explanation=sor.illegality_explanation,
            terms_clause=sor.terms_clause,
            incompatibility_explanation=sor.incompatibility_explanation,
            category=sor.category,
            keywords=list(sor.keywords),
            ground_reference_url=sor.ground_reference_url,
            misuse=sor.misuse,
            redress=list(sor.redress),
            state=ActionState.PENDING_APPROVAL if termination else ActionState.EXECUTED,
            requested_by_id=actor.id,
            created_at=now,
        )
        session.add(restriction)
        session.flush()
        assert restriction.id is not None
        audit(
            session,
            at=now,
            actor_id=actor.id,
            action="restriction.requested",
            subject_kind="account",
            subject_id=account.id,
            details={
                "restriction_id": restriction.id,
                "measure": sor.measure,
                "dispute_id": sor.dispute_id,
                "four_eyes": termination,
            },
        )
        approval_id = None
        if termination:
            approval_id = _ask_approval(
                session,
                "restriction",
                restriction.id,
                actor,
                now,
                {"measure": sor.measure, "account_id": account.id},
            )
        else:
            apply_restriction(session, restriction, actor_id=actor.id, now=now)
        return ActionResult(
            "restriction", restriction.id, restriction.state, approval_id=approval_id
        )


def apply_restriction(
    session: Session, restriction: Restriction, *, actor_id: int | None, now: datetime
) -> None:
    """Make the measure take effect, tell the user with the statement of reasons."""
    account = get_account(session, restriction.account_id)
    status = STATUS_OF_MEASURE.get(restriction.measure)
    if status is not None and account.status != status:
        session.add(
            AccountStatusChange(
                account_id=account.id or 0,
                from_status=account.status,
                to_status=status,
                reason=restriction.facts,
                at=now,
            )
        )
        account.status = status
        session.add(account)
    if restriction.measure == RestrictionMeasure.LISTING_REMOVAL and restriction.lot_id:
        lot = session.get(Lot, restriction.lot_id)
        if lot is not None:
            lot.removed = True
            session.add(lot)
    if restriction.measure == RestrictionMeasure.PAYOUT_HOLD:
        outbox(
            session,
            at=now,
            kind="payout.hold",
            payload={
                "account_id": account.id,
                "restriction_id": restriction.id,
                "until": restriction.ends_at.isoformat() if restriction.ends_at else None,
            },
        )
    restriction.state = ActionState.EXECUTED
    restriction.applied_at = now
    session.add(restriction)
    audit(
        session,
        at=now,
        actor_id=actor_id,
        action="restriction.applied",
        subject_kind="account",
        subject_id=account.id,
        details={
            "restriction_id": restriction.id,
            "measure": restriction.measure,
            "puid": restriction.puid,
        },
    )
    reasons = (
        f"{restriction.legal_ground}: {restriction.illegality_explanation}"
        if restriction.ground == "illegal_content"
        else f"{restriction.terms_clause}: {restriction.incompatibility_explanation}"
    )
    queue_notice(
        session,
        account,
        "restriction",
        now=now,
        ref=restriction.puid,
        facts=restriction.facts,
        reasons=reasons,
        values={
            "measure": restriction.measure,
            "scope": ", ".join(restriction.territorial_scope),
            "duration": restriction.ends_at,
        },
        cause={"restriction_id": restriction.id},
    )


def warn_account(
    store: Store, actor: SignedInAgent, account_id: int, *, reason: str, now: datetime
) -> int:
    """Put a warning on record (and tell the user); a later suspension for misuse needs one."""
    require(actor, Action.ACCOUNT_RESTRICT)
    reason = _require_reason(reason)
    with store.write() as session:
        account = get_account(session, account_id)
        warning = AccountWarning(
            account_id=account_id, reason=reason, issued_by_id=actor.id, issued_at=now
        )
        session.add(warning)
        session.flush()
        audit(
            session,
            at=now,
            actor_id=actor.id,
            action="account.warned",
            subject_kind="account",
            subject_id=account_id,
            details={"warning_id": warning.id},
        )
        queue_notice(
            session,
            account,
            "warning",
            now=now,
            ref=f"W{warning.id}",
            reasons=reason,
            cause={"warning_id": warning.id},
        )
        assert warning.id is not None
        return warning.id


# --- reports to the authorities ------------------------------------------------------------


def report_to_authorities(
    store: Store,
    actor: SignedInAgent,
    dispute_id: int,
    *,
    category: str,
    legal_basis: str,
    summary: str = "",
    evidence_ids: list[int] | None = None,
    now: datetime,
) -> ActionResult:
    """Prepare a report (always four eyes); nothing leaves Guichet until it is approved."""
    require(actor, Action.AUTHORITY_REPORT)
    if not legal_basis.strip():
        raise Refused(
            _("A report to the authorities needs its legal basis recorded (e.g. DSA Art. 18).")
        )
    if not category.strip():
        raise BadInput(_("Say what is reported: give the category (e.g. counterfeit, fraud)."))
    wanted = sorted(set(evidence_ids or []))
    with store.write() as session:
        get_dispute(session, dispute_id)
        if wanted:
            found = session.exec(
                select(col(Evidence.id)).where(
                    col(Evidence.id).in_(wanted), col(Evidence.dispute_id) == dispute_id
                )
            ).all()
            strangers = sorted(set(wanted) - {i for i in found if i is not None})
            if strangers:
                raise BadInput(
                    _("Evidence {ids} is not part of dispute {id}.").format(
                        ids=", ".join(map(str, strangers)), id=dispute_id
                    )
                )
        report = AuthorityReport(
            dispute_id=dispute_id,
            category=category.strip(),
            legal_basis=legal_basis.strip(),
            summary=summary,
            evidence_ids=wanted,
            requested_by_id=actor.id,
            created_at=now,
        )
        session.add(report)
        session.flush()
        assert report.id is not None
        audit(
            session,
            at=now,
            actor_id=actor.id,
            action="report.requested",
            subject_kind="dispute",
            subject_id=dispute_id,
            details={
                "report_id": report.id,
                "category": report.category,
                "legal_basis": report.legal_basis,
                "evidence_ids": wanted,
            },
        )
        approval_id = _ask_approval(
            session,
            "report",
            report.id,
            actor,
            now,
            {"category": report.category, "dispute_id": dispute_id},
        )
        return ActionResult("report", report.id, report.state, approval_id=approval_id)


def send_report(
    session: Session, report: AuthorityReport, *, actor_id: int | None, now: datetime
) -> None:
    """The approved report goes out: the evidence pack with hashes, the user's identifiers."""
    dispute = get_dispute(session, report.dispute_id)
    order, _buyer, seller = _parties(session, dispute)
    lot = session.get(Lot, order.lot_id)
    evidence = session.exec(select(Evidence).where(col(Evidence.id).in_(report.evidence_ids))).all()
    outbox(
        session,
        at=now,
        kind="authority.report",
        payload={
            "report_id": report.id,
            "category": report.category,
            "legal_basis": report.legal_basis,
            "summary": report.summary,
            "content": {
                "lot_id": order.lot_id,
                "title": lot.title if lot else None,
                "published_at": lot.listed_at.isoformat() if lot else None,
            },
            "user": {
                "account_id": seller.id,
                "username": seller.username,
                "email": seller.email,
                "country": seller.country,
            },
            "evidence": [{"id": e.id, "kind": e.kind, "sha256": e.sha256} for e in evidence],
        },
    )
    report.state = "sent"
    report.sent_at = now
    session.add(report)
    audit(
        session,
        at=now,
        actor_id=actor_id,
        action="report.sent",
        subject_kind="dispute",
        subject_id=dispute.id,
        details={"report_id": report.id},
    )


def payment_state(session: Session, order_id: int) -> Payment | None:
    """The order's payment as it stands (for previews)."""
    return payment_of(session, order_id)


__all__ = [
    "ACTIONABLE",
    "ActionResult",
    "BusinessDays",
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
