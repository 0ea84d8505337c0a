"""The audit trail, read-only: events since an instant, oldest first.

Events are append-only: this module and every service only add them, and `models.audit`
refuses any update or delete of an `AuditEvent` at the ORM level.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlmodel import col, select

from console.auth import SignedInAgent
from console.permissions import Action, require
from console.store import Store
from models.audit import AuditEvent
from models.team import Agent


@dataclass(frozen=True)
class AuditEntry:
    """One event, with the actor's handle."""

    id: int
    at: datetime
    actor: str | None
    action: str
    subject_kind: str
    subject_id: int | None
    details: dict[str, Any]

    def to_json(self) -> dict[str, Any]:
        """The JSON shape of `guichet audit`."""
        return {
            "id": self.id,
            "at": self.at.isoformat(),
            "actor": self.actor,
            "action": self.action,
            "subject_kind": self.subject_kind,
            "subject_id": self.subject_id,
            "details": self.details,
        }


def audit_events(
    store: Store, actor: SignedInAgent, since: datetime | None = None, *, limit: int = 1000
) -> list[AuditEntry]:
    """Events at or after `since` (all when None), oldest first, at most `limit`."""
    require(actor, Action.AUDIT_READ)
    query = (
        select(AuditEvent, Agent.handle)
        .outerjoin(Agent, col(Agent.id) == col(AuditEvent.actor_id))
        .order_by(col(AuditEvent.at), col(AuditEvent.id))
        .limit(limit)
    )
    if since is not None:
        query = query.where(col(AuditEvent.at) >= since)
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
