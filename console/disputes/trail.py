"""The audit trail as the audit screen reads it: newest first, optionally one subject's."""

from __future__ import annotations

from sqlmodel import col, select

from console.auth import SignedInAgent
from console.disputes.audit import AuditEntry
from console.permissions import Action, require
from console.store import Store
from models.audit import AuditEvent
from models.team import Agent


def recent_audit_events(
    store: Store,
    actor: SignedInAgent,
    *,
    subject_kind: str | None = None,
    subject_id: int | None = None,
    limit: int = 500,
) -> list[AuditEntry]:
    """The latest `limit` events, newest first; only `subject_kind` (and `subject_id`) if given."""
    require(actor, Action.AUDIT_READ)
    query = (
        select(AuditEvent, Agent.handle)
        .outerjoin(Agent, col(Agent.id) == col(AuditEvent.actor_id))
        .order_by(col(AuditEvent.at).desc(), col(AuditEvent.id).desc())
        .limit(limit)
    )
    if subject_kind:
        query = query.where(col(AuditEvent.subject_kind) == subject_kind)
    if subject_id is not None:
        query = query.where(col(AuditEvent.subject_id) == subject_id)
    with store.read() as session:
        return [
            AuditEntry(
                id=event.id or 0,
                at=event.at,
                actor=handle,
                action=event.action,
                subject_kind=event.subject_kind,
                subject_id=event.subject_id,
                details=dict(event.details),
            )
            for event, handle in session.exec(query).all()
        ]
