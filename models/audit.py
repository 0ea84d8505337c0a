"""The append-only audit trail and the outbox of effects outside Guichet."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column, Index, event
from sqlalchemy.orm import ORMExecuteState, Session
from sqlmodel import Field, SQLModel

from models.types import UTCDateTime, utcnow


class AuditEvent(SQLModel, table=True):
    """What happened, who did it and when; written with the change, never updated."""

    __tablename__ = "audit_event"
    __table_args__ = (
        Index("ix_audit_at", "at"),
        Index("ix_audit_subject", "subject_kind", "subject_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    actor_id: int | None = Field(default=None, foreign_key="agent.id")
    action: str = Field(max_length=48)
    subject_kind: str = Field(max_length=24)
    subject_id: int | None = None
    details: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON))


class AuditTrailIsAppendOnly(RuntimeError):
    """Something tried to change or remove an audit event: the trail is append-only."""


def _refuse_change(_mapper: Any, _connection: Any, target: AuditEvent) -> None:
    raise AuditTrailIsAppendOnly(
        f"audit event {target.id} cannot be changed or removed: the audit trail is append-only"
    )


event.listen(AuditEvent, "before_update", _refuse_change)
event.listen(AuditEvent, "before_delete", _refuse_change)


@event.listens_for(Session, "do_orm_execute")
def _refuse_bulk_change(state: ORMExecuteState) -> None:
    """`session.execute(update(AuditEvent))` and `delete(...)` bypass the mapper events."""
    if not (state.is_update or state.is_delete):
        return
    mapper = state.bind_mapper
    if mapper is not None and mapper.class_ is AuditEvent:
        raise AuditTrailIsAppendOnly(
            "audit events cannot be changed or removed: the audit trail is append-only"
        )


class Outbox(SQLModel, table=True):
    """An effect to carry out elsewhere (pay a refund, notify a user), written with its cause."""

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    kind: str = Field(max_length=32)
    payload: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON))
    sent_at: datetime | None = Field(default=None, sa_type=UTCDateTime, index=True)
