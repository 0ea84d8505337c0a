"""Guichet's domain: SQLModel tables and value types (money, language tags, UTC instants)."""

# ruff: noqa: E402 (the tables are imported after the base's configuration below)

from __future__ import annotations

from sqlmodel import SQLModel

# Pydantic builds a validator for each table when its class is defined: about 25 ms for these
# tables at every start. Table models are not validated (SQLModel constructs them as they are,
# and rows are loaded by SQLAlchemy), so the build is deferred to a first validation, if any.
# Set on the base before the tables below are defined, as they inherit it.
SQLModel.model_config["defer_build"] = True

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
