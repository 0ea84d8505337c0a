"""Builders for the sign-in and home tests: one ticket at a time, an in-memory keyring."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from console.store import Store
from models import Account, Dispute, Lot, Order, Ticket, queue_key

NOW = datetime(2026, 11, 24, 9, 30, tzinfo=UTC)
"""The fixed instant of these tests (a Tuesday)."""


def memory_backend() -> Any:
    """A `KeyringBackend` instance over a fresh dict (exposed as `.secrets`)."""
    from keyring.backend import KeyringBackend

    class _Backend(KeyringBackend):
        priority = 1  # type: ignore[assignment]

        def __init__(self) -> None:
            super().__init__()
            self.secrets: dict[tuple[str, str], str] = {}

        def get_password(self, service: str, username: str) -> str | None:
            return self.secrets.get((service, username))

        def set_password(self, service: str, username: str, password: str) -> None:
            self.secrets[(service, username)] = password

        def delete_password(self, service: str, username: str) -> None:
            self.secrets.pop((service, username), None)

    return _Backend()


@pytest.fixture
def memory_keyring() -> Iterator[Any]:
    """The process's keyring replaced by an in-memory one for the test."""
    import keyring

    from console import credentials

    before = keyring.get_keyring()
    backend = memory_backend()
    keyring.set_keyring(backend)
    credentials._session_secrets.clear()
    yield backend
    keyring.set_keyring(before)
    credentials._session_secrets.clear()


@pytest.fixture
def no_keyring() -> Iterator[None]:
    """A machine without a keyring: the fail backend."""
    import keyring
    from keyring.backends import fail

    from console import credentials

    before = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    credentials._session_secrets.clear()
    yield
    keyring.set_keyring(before)
    credentials._session_secrets.clear()


@pytest.fixture
def keyring_asks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Grows by "keyring" each time `credentials.keyring_status` (the costly backend detection)
    is asked."""
    from console import credentials

    asked: list[str] = []
    status = credentials.keyring_status

    def keyring_status() -> credentials.KeyringStatus:
        asked.append("keyring")
        return status()

    monkeypatch.setattr(credentials, "keyring_status", keyring_status)
    return asked


def add_customer(store: Store, username: str = "client") -> int:
    """A buyer account; returns its id."""
    with store.write() as session:
        account = Account(
            username=username,
            display_name="Client Exemple",
            email=f"{username}@example.org",
            country="FR",
            language="fr",
        )
        session.add(account)
        session.flush()
        assert account.id is not None
        return account.id


def add_ticket(
    store: Store,
    requester_id: int,
    *,
    channel: str = "email",
    language: str = "fr",
    status: str = "new",
    assignee_id: int | None = None,
    due_in: timedelta | None = timedelta(hours=4),
    replied: bool = False,
    subject: str = "Où est mon colis ?",
    now: datetime = NOW,
) -> int:
    """One ticket with exactly the fields the home counts look at; returns its id."""
    with store.write() as session:
        ticket = Ticket(
            source="order_help",
            channel=channel,
            language=language,
            requested_language=language,
            queue_key=queue_key(channel, language),
            subject=subject,
            requester_id=requester_id,
            status=status,
            assignee_id=assignee_id,
            created_at=now - timedelta(hours=1),
            first_reply_due_at=now + due_in if due_in is not None else None,
            first_replied_at=now - timedelta(minutes=5) if replied else None,
        )
        session.add(ticket)
        session.flush()
        assert ticket.id is not None
        return ticket.id


def add_dispute(store: Store, account_id: int, *, reviewer_id: int | None, state: str) -> int:
    """A dispute over a fresh lot and order sold and bought by `account_id`; returns its id."""
    with store.write() as session:
        lot = Lot(seller_id=account_id, title="Vase Gallé", category="art", price_minor=12000)
        session.add(lot)
        session.flush()
        assert lot.id is not None
        order = Order(
            reference=f"ORD-{lot.id}",
            lot_id=lot.id,
            buyer_id=account_id,
            seller_id=account_id,
            total_minor=12000,
        )
        session.add(order)
        session.flush()
        assert order.id is not None
        dispute = Dispute(
            order_id=order.id, kind="not_received", state=state, reviewer_id=reviewer_id
        )
        session.add(dispute)
        session.flush()
        assert dispute.id is not None
        return dispute.id
