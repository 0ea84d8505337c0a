"""The marketplace as support sees it: accounts, lots, orders, payments, shipments."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index
from sqlmodel import Field, SQLModel

from models.types import UTCDateTime, utcnow


class Account(SQLModel, table=True):
    """A marketplace user: a buyer, a seller or both; private or professional ("Pro")."""

    # The queue sorted by customer walks the names in order, then each one's tickets.
    __table_args__ = (Index("ix_account_display_name", "display_name"),)

    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(max_length=64, unique=True)
    display_name: str = Field(max_length=128)
    email: str = Field(max_length=254)
    kind: str = Field(default="private", max_length=16)
    is_buyer: bool = True
    is_seller: bool = False
    country: str = Field(max_length=2)
    language: str = Field(max_length=8)
    status: str = Field(default="active", max_length=16)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class AccountStatusChange(SQLModel, table=True):
    """One step of an account's status history."""

    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(foreign_key="account.id", index=True)
    from_status: str = Field(max_length=16)
    to_status: str = Field(max_length=16)
    reason: str
    at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class Lot(SQLModel, table=True):
    """An object offered for sale."""

    id: int | None = Field(default=None, primary_key=True)
    seller_id: int = Field(foreign_key="account.id", index=True)
    title: str = Field(max_length=200)
    category: str = Field(max_length=32)
    description: str = ""
    price_minor: int
    currency: str = Field(default="EUR", max_length=3)
    listed_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    removed: bool = False


class Order(SQLModel, table=True):
    """A buyer's purchase of a lot."""

    __tablename__ = "orders"

    id: int | None = Field(default=None, primary_key=True)
    reference: str = Field(max_length=32, unique=True)
    lot_id: int = Field(foreign_key="lot.id", index=True)
    buyer_id: int = Field(foreign_key="account.id", index=True)
    seller_id: int = Field(foreign_key="account.id", index=True)
    total_minor: int
    currency: str = Field(default="EUR", max_length=3)
    status: str = Field(default="paid", max_length=16)
    placed_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    cancelled_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class Payment(SQLModel, table=True):
    """The money captured for an order and what has been refunded of it."""

    id: int | None = Field(default=None, primary_key=True)
    order_id: int = Field(foreign_key="orders.id", unique=True)
    captured_minor: int
    refunded_minor: int = 0
    currency: str = Field(default="EUR", max_length=3)
    provider_reference: str = Field(max_length=64)
    chargeback_open: bool = False
    captured_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class Shipment(SQLModel, table=True):
    """How an order travels to the buyer."""

    id: int | None = Field(default=None, primary_key=True)
    order_id: int = Field(foreign_key="orders.id", index=True)
    carrier: str = Field(max_length=32)
    tracking_number: str = Field(max_length=64)
    shipped_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    delivered_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
