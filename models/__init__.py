"""Guichet's domain: SQLModel tables and value types (money, language tags, UTC instants)."""

from __future__ import annotations

from models.audit import AuditEvent, Outbox
from models.disputes import (
    AccountWarning,
    Appeal,
    Approval,
    AuthorityReport,
    Dispute,
    DisputeNote,
    Evidence,
    Resolution,
    Restriction,
)
from models.marketplace import Account, AccountStatusChange, Lot, Order, Payment, Shipment
from models.team import Absence, Agent, Holiday, Setting, Shift
from models.tickets import Message, Ticket, TicketViewer, queue_key
from models.views import SavedView

__all__ = [
    "Absence",
    "Account",
    "AccountStatusChange",
    "AccountWarning",
    "Agent",
    "Appeal",
    "Approval",
    "AuditEvent",
    "AuthorityReport",
    "Dispute",
    "DisputeNote",
    "Evidence",
    "Holiday",
    "Lot",
    "Message",
    "Order",
    "Outbox",
    "Payment",
    "Resolution",
    "Restriction",
    "SavedView",
    "Setting",
    "Shift",
    "Shipment",
    "Ticket",
    "TicketViewer",
    "queue_key",
]
