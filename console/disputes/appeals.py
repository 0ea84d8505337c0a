"""Appeals (DSA Art. 20 complaints): a party brings new information within the window; a
different person reviews; a decision found unfounded is reversed.

Reversal lifts the dispute's restrictions (`lifted_at`, account status restored) and leaves
refunds already paid as they are: they are never paid a second time (the refund cap still
counts them if the new reviewer decides a refund again). Both are recorded in the audit trail.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, col, select

from console.auth import SignedInAgent
from console.disputes.common import audit, get_account, get_dispute, get_order
from console.disputes.config import windows
from console.disputes.notices import queue_notice
from console.disputes.states import move
from console.errors import BadInput, NotFound, Refused
from console.i18n import _
from console.permissions import Action, require
from console.store import Store
from models.disputes import Appeal, Approval, Resolution, Restriction
from models.enums import AccountStatus, ActionState, ApprovalState, DisputeState, Party
from models.marketplace import AccountStatusChange

S = DisputeState


def appeal(store: Store, dispute_id: int, party: str, new_information: str, now: datetime) -> int:
    """File a party's appeal against the decision; the appeal id."""
    if party not in (Party.BUYER, Party.SELLER):
        raise BadInput(_("The party is buyer or seller, not {party!r}.").format(party=party))
    if not new_information.strip():
        raise BadInput(_("An appeal brings new information: write what is new."))
    with store.write() as session:
        dispute = get_dispute(session, dispute_id)
        decided_at = dispute.decided_at or dispute.updated_at  # rows from before decided_at
        if dispute.state not in (S.RESOLVED, S.CLOSED):
            raise Refused(_("Dispute {id} has no decision to appeal yet.").format(id=dispute_id))
        deadline = decided_at + windows(session).appeal
        if now > deadline:
            raise Refused(
                _("The appeal window of dispute {id} closed on {date}.").format(
                    id=dispute_id, date=deadline.date().isoformat()
                )
            )
        row = Appeal(
            dispute_id=dispute_id,
            party=party,
            new_information=new_information.strip(),
            original_reviewer_id=dispute.reviewer_id,
            filed_at=now,
        )
        session.add(row)
        session.flush()
        move(session, dispute, S.APPEALED, at=now, actor_id=None, why=f"appeal by the {party}")
        audit(
            session,
            at=now,
            actor_id=None,
            action="appeal.filed",
            subject_kind="dispute",
            subject_id=dispute_id,
            details={"appeal_id": row.id, "party": party},
        )
        assert row.id is not None
        return row.id


def review_appeal(
    store: Store,
    actor: SignedInAgent,
    appeal_id: int,
    *,
    decision_unfounded: bool,
    reason: str,
    now: datetime,
) -> Appeal:
    """Decide an appeal as a different reviewer: reverse an unfounded decision, or confirm it."""
    require(actor, Action.DISPUTE_RESOLVE)
    if not reason.strip():
        raise BadInput(_("Say why the decision stands or is reversed: a reason is required."))
    with store.write() as session:
        row = session.get(Appeal, appeal_id)
        if row is None:
            raise NotFound(_("There is no appeal {id}.").format(id=appeal_id))
        if row.state != "pending":
            raise Refused(_("Appeal {id} was already decided.").format(id=appeal_id))
        dispute = get_dispute(session, row.dispute_id)
        deciders = {row.original_reviewer_id} | {
            r.requested_by_id
            for r in session.exec(
                select(Resolution).where(col(Resolution.dispute_id) == dispute.id)
            ).all()
        }
        if actor.id in deciders:
            raise Refused(
                _(
                    "You took part in the decision of dispute {id}: a different reviewer must "
                    "decide its appeal."
                ).format(id=dispute.id)
            )
        if dispute.state == S.APPEALED:
            move(session, dispute, S.UNDER_REVIEW, at=now, actor_id=actor.id, why="appeal review")
        dispute.reviewer_id = actor.id
        row.reviewer_id = actor.id
        row.decided_at = now
        row.outcome_reason = reason.strip()
        order = get_order(session, dispute.order_id)
        party_account = get_account(
            session, order.buyer_id if row.party == Party.BUYER else order.seller_id
        )
        if decision_unfounded:
            row.state = "reversed"
            lifted = _lift_restrictions(session, dispute.id or 0, actor.id, now)
            paid = session.exec(
                select(Resolution).where(
                    col(Resolution.dispute_id) == dispute.id,
                    col(Resolution.state) == ActionState.EXECUTED,
                )
            ).all()
            withdrawn = _withdraw_pending(session, dispute.id or 0, now)
            audit(
                session,
                at=now,
                actor_id=actor.id,
                action="appeal.reversed",
                subject_kind="dispute",
                subject_id=dispute.id,
                details={
                    "appeal_id": row.id,
                    "restrictions_lifted": lifted,
                    "refunds_kept_not_repaid": [r.id for r in paid],
                    "pending_withdrawn": withdrawn,
                    "reason": row.outcome_reason,
                },
            )
            template = "appeal_reversed"
        else:
            row.state = "confirmed"
            move(session, dispute, S.RESOLVED, at=now, actor_id=actor.id, why="appeal confirmed")
            audit(
                session,
                at=now,
                actor_id=actor.id,
                action="appeal.confirmed",
                subject_kind="dispute",
                subject_id=dispute.id,
                details={"appeal_id": row.id, "reason": row.outcome_reason},
            )
            template = "appeal_confirmed"
        session.add(row)
        session.add(dispute)
        queue_notice(
            session,
            party_account,
            template,
            now=now,
            ref=order.reference,
            reasons=row.outcome_reason,
            cause={"appeal_id": row.id},
        )
        return row


def _lift_restrictions(session: object, dispute_id: int, actor_id: int, now: datetime) -> list[int]:
    from sqlmodel import Session

    assert isinstance(session, Session)
    lifted: list[int] = []
    rows = session.exec(
        select(Restriction).where(
            col(Restriction.dispute_id) == dispute_id, col(Restriction.lifted_at).is_(None)
        )
    ).all()
    for restriction in rows:
        restriction.lifted_at = now
        if restriction.state == ActionState.PENDING_APPROVAL:
            restriction.state = ActionState.REVERSED
        session.add(restriction)
        account = get_account(session, restriction.account_id)
        still = session.exec(
            select(Restriction).where(
                col(Restriction.account_id) == account.id,
                col(Restriction.lifted_at).is_(None),
                col(Restriction.id) != restriction.id,
                col(Restriction.state) == ActionState.EXECUTED,
            )
        ).first()
        if still is None and account.status != AccountStatus.ACTIVE:
            session.add(
                AccountStatusChange(
                    account_id=account.id or 0,
                    from_status=account.status,
                    to_status=AccountStatus.ACTIVE,
                    reason="restriction lifted on appeal",
                    at=now,
                )
            )
            account.status = AccountStatus.ACTIVE
            session.add(account)
        if restriction.lot_id is not None and restriction.measure == "listing_removal":
            from models.marketplace import Lot

            lot = session.get(Lot, restriction.lot_id)
            if lot is not None:
                lot.removed = False
                session.add(lot)
        audit(
            session,
            at=now,
            actor_id=actor_id,
            action="restriction.lifted",
            subject_kind="account",
            subject_id=account.id,
            details={"restriction_id": restriction.id, "why": "appeal"},
        )
        assert restriction.id is not None
        lifted.append(restriction.id)
    return lifted


def _withdraw_pending(session: Session, dispute_id: int, now: datetime) -> list[int]:
    """Refunds of the reversed decision still awaiting approval are withdrawn, never paid."""
    withdrawn: list[int] = []
    rows = session.exec(
        select(Resolution).where(
            col(Resolution.dispute_id) == dispute_id,
            col(Resolution.state) == ActionState.PENDING_APPROVAL,
        )
    ).all()
    for resolution in rows:
        resolution.state = ActionState.REVERSED
        session.add(resolution)
        approvals = session.exec(
            select(Approval).where(
                col(Approval.subject_kind) == "resolution",
                col(Approval.subject_id) == resolution.id,
                col(Approval.state) == ApprovalState.PENDING,
            )
        ).all()
        for approval in approvals:
            approval.state = ApprovalState.REJECTED
            approval.reason = "decision reversed on appeal"
            approval.decided_at = now
            session.add(approval)
        assert resolution.id is not None
        withdrawn.append(resolution.id)
    return withdrawn
