"""Disputes between buyer and seller, and the actions that resolve them."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column, LargeBinary
from sqlmodel import Field, SQLModel

from models.types import UTCDateTime, utcnow


class Dispute(SQLModel, table=True):
    """A buyer against a seller over an order."""

    id: int | None = Field(default=None, primary_key=True)
    order_id: int = Field(foreign_key="orders.id", index=True)
    ticket_id: int | None = Field(default=None, foreign_key="ticket.id", index=True)
    kind: str = Field(max_length=24)
    state: str = Field(default="open", max_length=24, index=True)
    buyer_claim: str = ""
    seller_claim: str = ""
    parties_talked_first: bool = False
    reviewer_id: int | None = Field(default=None, foreign_key="agent.id", index=True)
    waiting_on: str | None = Field(default=None, max_length=8)
    due_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    on_expiry: str | None = Field(default=None, max_length=32)
    reasoning: str = ""
    decided_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    held_from_state: str | None = Field(default=None, max_length=24)
    opened_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class Evidence(SQLModel, table=True):
    """A typed piece of evidence with the hash of its content."""

    id: int | None = Field(default=None, primary_key=True)
    dispute_id: int = Field(foreign_key="dispute.id", index=True)
    kind: str = Field(max_length=24)
    description: str = ""
    filename: str | None = Field(default=None, max_length=255)
    size_bytes: int = 0
    sha256: str = Field(max_length=64)
    content: bytes | None = Field(default=None, sa_column=Column(LargeBinary))
    added_by_id: int | None = Field(default=None, foreign_key="agent.id")
    added_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class DisputeNote(SQLModel, table=True):
    """Trust & Safety advice or a reviewer's note attached to a dispute."""

    id: int | None = Field(default=None, primary_key=True)
    dispute_id: int = Field(foreign_key="dispute.id", index=True)
    kind: str = Field(max_length=16)
    author_id: int = Field(foreign_key="agent.id")
    body: str
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class Resolution(SQLModel, table=True):
    """A refund, cancellation or rejection that closes a commercial dispute."""

    id: int | None = Field(default=None, primary_key=True)
    dispute_id: int = Field(foreign_key="dispute.id", index=True)
    kind: str = Field(max_length=24)
    amount_minor: int = 0
    currency: str = Field(default="EUR", max_length=3)
    reason: str
    parties_agreed: bool = False
    cost_borne_by: str | None = Field(default=None, max_length=8)
    idempotency_key: str | None = Field(default=None, max_length=64, unique=True)
    state: str = Field(default="executed", max_length=24)
    requested_by_id: int = Field(foreign_key="agent.id")
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    executed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class Restriction(SQLModel, table=True):
    """A measure against a user, with its complete DSA statement of reasons."""

    id: int | None = Field(default=None, primary_key=True)
    puid: str = Field(max_length=64, unique=True)
    account_id: int = Field(foreign_key="account.id", index=True)
    lot_id: int | None = Field(default=None, foreign_key="lot.id")
    dispute_id: int | None = Field(default=None, foreign_key="dispute.id")
    measure: str = Field(max_length=24)
    territorial_scope: list[str] = Field(default_factory=list, sa_column=Column(JSON))
    ends_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    facts: str
    source: str = Field(max_length=32)
    automated_detection: bool = False
    automated_decision: str = Field(default="not_automated", max_length=24)
    ground: str = Field(max_length=24)
    legal_ground: str = ""
    illegality_explanation: str = ""
    terms_clause: str = ""
    incompatibility_explanation: str = ""
    category: str = Field(default="", max_length=64)
    keywords: list[str] | None = Field(default=None, sa_column=Column(JSON))
    ground_reference_url: str | None = Field(default=None, max_length=500)
    misuse: bool | None = None
    redress: list[str] = Field(default_factory=list, sa_column=Column(JSON))
    state: str = Field(default="executed", max_length=24)
    requested_by_id: int = Field(foreign_key="agent.id")
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    applied_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    lifted_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class AuthorityReport(SQLModel, table=True):
    """A report to the authorities (counterfeits, fraud, ...)."""

    id: int | None = Field(default=None, primary_key=True)
    dispute_id: int = Field(foreign_key="dispute.id", index=True)
    category: str = Field(max_length=64)
    legal_basis: str
    summary: str = ""
    evidence_ids: list[int] = Field(default_factory=list, sa_column=Column(JSON))
    state: str = Field(default="pending_approval", max_length=24)
    requested_by_id: int = Field(foreign_key="agent.id")
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    sent_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class Approval(SQLModel, table=True):
    """A second pair of eyes on an action; the approver is never the requester."""

    id: int | None = Field(default=None, primary_key=True)
    subject_kind: str = Field(max_length=24)
    subject_id: int
    requested_by_id: int = Field(foreign_key="agent.id")
    decided_by_id: int | None = Field(default=None, foreign_key="agent.id")
    state: str = Field(default="pending", max_length=16, index=True)
    reason: str = ""
    details: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON))
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    decided_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class AccountWarning(SQLModel, table=True):
    """A warning given to a user; a suspension for misuse (DSA Art. 23) needs one on record."""

    __tablename__ = "account_warning"

    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(foreign_key="account.id", index=True)
    reason: str
    issued_by_id: int = Field(foreign_key="agent.id")
    issued_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class Appeal(SQLModel, table=True):
    """A party's complaint against a decision, with new information, reviewed by someone else."""

    id: int | None = Field(default=None, primary_key=True)
    dispute_id: int = Field(foreign_key="dispute.id", index=True)
    party: str = Field(max_length=8)
    new_information: str
    original_reviewer_id: int | None = Field(default=None, foreign_key="agent.id")
    reviewer_id: int | None = Field(default=None, foreign_key="agent.id")
    state: str = Field(default="pending", max_length=16, index=True)
    outcome_reason: str = ""
    filed_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    decided_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
