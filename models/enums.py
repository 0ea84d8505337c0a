"""The closed vocabularies of the domain, stored as their string values."""

from __future__ import annotations

from enum import StrEnum


class AccountKind(StrEnum):
    PRIVATE = "private"
    PRO = "pro"


class AccountStatus(StrEnum):
    ACTIVE = "active"
    RESTRICTED = "restricted"
    SUSPENDED = "suspended"
    TERMINATED = "terminated"


class OrderStatus(StrEnum):
    PAID = "paid"
    SHIPPED = "shipped"
    DELIVERED = "delivered"
    COMPLETED = "completed"
    CANCELLED = "cancelled"


class TicketSource(StrEnum):
    ORDER_HELP = "order_help"
    OBJECT_QUESTION = "object_question"
    GENERAL_QUESTION = "general_question"


class Channel(StrEnum):
    EMAIL = "email"
    CHAT = "chat"
    PHONE = "phone"


class TicketStatus(StrEnum):
    NEW = "new"
    OPEN = "open"
    PENDING_CUSTOMER = "pending_customer"
    SOLVED = "solved"
    CLOSED = "closed"


OPEN_TICKET_STATUSES: tuple[TicketStatus, ...] = (
    TicketStatus.NEW,
    TicketStatus.OPEN,
    TicketStatus.PENDING_CUSTOMER,
)


class Priority(StrEnum):
    LOW = "low"
    NORMAL = "normal"
    HIGH = "high"
    URGENT = "urgent"


PRIORITY_RANK: dict[str, int] = {"urgent": 0, "high": 1, "normal": 2, "low": 3}


class MessageKind(StrEnum):
    CUSTOMER = "customer"
    AI_ASSISTANT = "ai_assistant"
    AGENT = "agent"
    INTERNAL_NOTE = "internal_note"


class ViewerState(StrEnum):
    VIEWING = "viewing"
    REPLYING = "replying"


class Role(StrEnum):
    AGENT = "agent"
    LEAD = "lead"
    TRUST_SAFETY = "trust_safety"
    ADMIN = "admin"


class Presence(StrEnum):
    AVAILABLE = "available"
    AWAY = "away"
    OFFLINE = "offline"


class DisputeKind(StrEnum):
    NOT_RECEIVED = "not_received"
    NOT_AS_DESCRIBED = "not_as_described"
    DAMAGED = "damaged"
    WITHDRAWAL = "withdrawal"
    REFUND_NOT_RECEIVED = "refund_not_received"


class DisputeState(StrEnum):
    OPEN = "open"
    ESCALATED = "escalated"
    UNDER_REVIEW = "under_review"
    AWAITING_INFO = "awaiting_info"
    RESOLUTION_PROPOSED = "resolution_proposed"
    PENDING_APPROVAL = "pending_approval"
    RESOLVED = "resolved"
    CLOSED = "closed"
    APPEALED = "appealed"
    ON_HOLD_CHARGEBACK = "on_hold_chargeback"


class Party(StrEnum):
    BUYER = "buyer"
    SELLER = "seller"


class EvidenceKind(StrEnum):
    TRACKING = "tracking"
    PHOTO = "photo"
    CONDITION_REPORT = "condition_report"
    LISTING_SNAPSHOT = "listing_snapshot"
    MESSAGES = "messages"
    EXPERT_OPINION = "expert_opinion"


class ResolutionKind(StrEnum):
    FULL_REFUND = "full_refund"
    PARTIAL_REFUND = "partial_refund"
    CANCELLATION = "cancellation"
    CLAIM_REJECTED = "claim_rejected"


class ActionState(StrEnum):
    PENDING_APPROVAL = "pending_approval"
    APPROVED = "approved"
    EXECUTED = "executed"
    REJECTED = "rejected"
    REVERSED = "reversed"


class RestrictionMeasure(StrEnum):
    LISTING_REMOVAL = "listing_removal"
    ACCOUNT_RESTRICTION = "account_restriction"
    ACCOUNT_SUSPENSION = "account_suspension"
    ACCOUNT_TERMINATION = "account_termination"
    PAYOUT_HOLD = "payout_hold"


class ApprovalState(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"
