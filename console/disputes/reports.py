"""Reports to the authorities: category, legal basis, summary and the evidence pack; always
approved by a second person before anything leaves Guichet."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, col, select

from console.auth import SignedInAgent
from console.disputes.common import audit, get_dispute, outbox
from console.disputes.outcome import ActionResult, ask_approval, parties_of
from console.errors import BadInput, Refused
from console.i18n import _
from console.permissions import Action, require
from console.store import Store
from models.disputes import (
    AuthorityReport,
    Evidence,
)
from models.marketplace import Lot


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
        approval_id = ask_approval(
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
    order, _buyer, seller = parties_of(session, dispute)
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
