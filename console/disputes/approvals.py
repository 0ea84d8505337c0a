"""The second pair of eyes: what waits for approval, and approving or rejecting it.

A refund above the threshold needs a lead (or admin), a termination or a report to the
authorities needs Trust & Safety (or admin); the approver is never the requester. Approving
carries the action out in the same transaction; rejecting needs a reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Final

from sqlmodel import Session, col, select

from console.auth import SignedInAgent
from console.disputes.actions import apply_restriction, execute_refund, send_report
from console.disputes.common import audit, get_dispute
from console.disputes.states import move
from console.errors import BadInput, NotFound, Refused
from console.i18n import _
from console.permissions import Action, require
from console.store import Store
from models.disputes import Approval, AuthorityReport, Resolution, Restriction
from models.enums import ActionState, ApprovalState, DisputeState
from models.team import Agent

ROLE_TO_APPROVE: Final[dict[str, Action]] = {
    "resolution": Action.REFUND_APPROVE,
    "restriction": Action.ACCOUNT_RESTRICT,
    "report": Action.AUTHORITY_REPORT,
}
"""The permission an approver needs, besides deciding approvals at all, per kind of subject."""


@dataclass(frozen=True)
class PendingApproval:
    """One item of the approvals queue."""

    id: int
    subject_kind: str
    subject_id: int
    requested_by: str
    requested_at: datetime
    details: dict[str, Any]

    def to_json(self) -> dict[str, Any]:
        """The JSON shape of the queue."""
        return {
            "id": self.id,
            "subject_kind": self.subject_kind,
            "subject_id": self.subject_id,
            "requested_by": self.requested_by,
            "requested_at": self.requested_at.isoformat(),
            "details": self.details,
        }


def pending_approvals(store: Store, actor: SignedInAgent) -> list[PendingApproval]:
    """What waits for a second pair of eyes, oldest first (leads and Trust & Safety)."""
    require(actor, Action.APPROVAL_DECIDE)
    with store.read() as session:
        rows = session.exec(
            select(Approval, Agent)
            .join(Agent, col(Agent.id) == col(Approval.requested_by_id))
            .where(col(Approval.state) == ApprovalState.PENDING)
            .order_by(col(Approval.created_at), col(Approval.id))
        ).all()
        return [
            PendingApproval(
                a.id or 0, a.subject_kind, a.subject_id, agent.handle, a.created_at, dict(a.details)
            )
            for a, agent in rows
        ]


def _pending(session: Session, actor: SignedInAgent, approval_id: int) -> Approval:
    require(actor, Action.APPROVAL_DECIDE)
    approval = session.get(Approval, approval_id)
    if approval is None:
        raise NotFound(
            _("There is no approval {id}: see the pending ones with `guichet approvals`.").format(
                id=approval_id
            )
        )
    needed = ROLE_TO_APPROVE.get(approval.subject_kind)
    if needed is not None:
        require(actor, needed)
    if approval.state != ApprovalState.PENDING:
        raise Refused(
            _("Approval {id} was already decided ({state}).").format(
                id=approval_id, state=approval.state
            )
        )
    if approval.requested_by_id == actor.id:
        raise Refused(_("You requested this action: a different person must approve or reject it."))
    return approval


def _decide(
    approval: Approval, actor: SignedInAgent, state: str, reason: str, now: datetime
) -> None:
    approval.state = state
    approval.decided_by_id = actor.id
    approval.decided_at = now
    approval.reason = reason


def approve(store: Store, actor: SignedInAgent, approval_id: int, *, now: datetime) -> Approval:
    """Approve and carry out the action, in one transaction."""
    with store.write() as session:
        approval = _pending(session, actor, approval_id)
        _decide(approval, actor, ApprovalState.APPROVED, "", now)
        session.add(approval)
        audit(
            session,
            at=now,
            actor_id=actor.id,
            action="approval.approved",
            subject_kind="approval",
            subject_id=approval.id,
            details={"subject_kind": approval.subject_kind, "subject_id": approval.subject_id},
        )
        if approval.subject_kind == "resolution":
            resolution = session.get(Resolution, approval.subject_id)
            assert resolution is not None
            execute_refund(session, resolution, actor_id=actor.id, now=now)
        elif approval.subject_kind == "restriction":
            restriction = session.get(Restriction, approval.subject_id)
            assert restriction is not None
            apply_restriction(session, restriction, actor_id=actor.id, now=now)
        elif approval.subject_kind == "report":
            report = session.get(AuthorityReport, approval.subject_id)
            assert report is not None
            send_report(session, report, actor_id=actor.id, now=now)
        return approval


def reject(
    store: Store, actor: SignedInAgent, approval_id: int, *, reason: str, now: datetime
) -> Approval:
    """Reject: nothing is carried out; the requester reads the reason in the audit trail."""
    if not reason.strip():
        raise BadInput(_("A rejection needs a reason: say why, for the person who asked."))
    with store.write() as session:
        approval = _pending(session, actor, approval_id)
        _decide(approval, actor, ApprovalState.REJECTED, reason.strip(), now)
        session.add(approval)
        audit(
            session,
            at=now,
            actor_id=actor.id,
            action="approval.rejected",
            subject_kind="approval",
            subject_id=approval.id,
            details={
                "subject_kind": approval.subject_kind,
                "subject_id": approval.subject_id,
                "reason": reason.strip(),
            },
        )
        subject: Resolution | Restriction | AuthorityReport | None = None
        dispute_id: int | None = None
        if approval.subject_kind == "resolution":
            subject = session.get(Resolution, approval.subject_id)
            dispute_id = subject.dispute_id if subject else None
        elif approval.subject_kind == "restriction":
            subject = session.get(Restriction, approval.subject_id)
        elif approval.subject_kind == "report":
            subject = session.get(AuthorityReport, approval.subject_id)
        if subject is not None:
            subject.state = ActionState.REJECTED
            session.add(subject)
        if dispute_id is not None:
            dispute = get_dispute(session, dispute_id)
            if dispute.state == DisputeState.PENDING_APPROVAL:
                move(
                    session,
                    dispute,
                    DisputeState.UNDER_REVIEW,
                    at=now,
                    actor_id=actor.id,
                    why="approval rejected",
                )
        return approval
