"""A small marketplace for the disputes tests: agents of every role, a buyer, a seller, orders."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache
from itertools import count

from console.auth import SignedInAgent
from console.passwords import hash_password
from console.store import Store
from models import Account, Agent, Dispute, Lot, Order, Payment, Shipment

NOW = datetime(2026, 11, 24, 9, 30, tzinfo=UTC)
PASSWORD = "secret-pass"
ROLES = {
    "amelie": "agent",
    "arthur": "agent",
    "lena": "lead",
    "luc": "lead",
    "tom": "trust_safety",
    "tina": "trust_safety",
    "ada": "admin",
}
_numbers = count(1)


@cache
def _hash() -> str:
    return hash_password(PASSWORD)


@dataclass
class World:
    """Who is who in the test store."""

    store: Store
    agents: dict[str, SignedInAgent]
    buyer_id: int
    seller_id: int

    def __getitem__(self, handle: str) -> SignedInAgent:
        return self.agents[handle]


def build_world(store: Store, *, buyer_language: str = "fr", seller_kind: str = "pro") -> World:
    """Agents of every role (password `secret-pass`), a private buyer and a seller."""
    agents: dict[str, SignedInAgent] = {}
    with store.write() as session:
        for handle, role in ROLES.items():
            agent = Agent(
                handle=handle,
                name=handle.title(),
                role=role,
                password_hash=_hash(),
                languages=["en"],
                channels=["email"],
                capacity={},
            )
            session.add(agent)
            session.flush()
            agents[handle] = SignedInAgent.from_row(agent)
        buyer = Account(
            username="marie_buyer",
            display_name="Marie Dupont",
            email="marie@example.org",
            country="FR",
            language=buyer_language,
            created_at=NOW - timedelta(days=400),
        )
        seller = Account(
            username="hans_shop",
            display_name="Hans Antik GmbH",
            email="hans@example.org",
            country="DE",
            language="de",
            kind=seller_kind,
            is_seller=True,
            created_at=NOW - timedelta(days=900),
        )
        session.add(buyer)
        session.add(seller)
        session.flush()
        assert buyer.id is not None
        assert seller.id is not None
        return World(store, agents, buyer.id, seller.id)


def add_case(
    world: World,
    *,
    captured: int = 30000,
    currency: str = "EUR",
    state: str = "under_review",
    reviewer: str | None = "amelie",
    kind: str = "not_as_described",
    order_status: str = "delivered",
    chargeback: bool = False,
) -> int:
    """A disputed order with its payment and shipment; returns the dispute id."""
    number = next(_numbers)
    with world.store.write() as session:
        lot = Lot(
            seller_id=world.seller_id,
            title=f"Vase Gallé {number}",
            category="art",
            price_minor=captured,
            currency=currency,
            listed_at=NOW - timedelta(days=30),
        )
        session.add(lot)
        session.flush()
        order = Order(
            reference=f"ORD-{number:05d}",
            lot_id=lot.id or 0,
            buyer_id=world.buyer_id,
            seller_id=world.seller_id,
            total_minor=captured,
            currency=currency,
            status=order_status,
            placed_at=NOW - timedelta(days=10),
        )
        session.add(order)
        session.flush()
        session.add(
            Payment(
                order_id=order.id or 0,
                captured_minor=captured,
                currency=currency,
                provider_reference=f"psp-{number}",
                chargeback_open=chargeback,
                captured_at=NOW - timedelta(days=10),
            )
        )
        session.add(
            Shipment(
                order_id=order.id or 0,
                carrier="PostNL",
                tracking_number=f"3S{number}",
                shipped_at=NOW - timedelta(days=8),
                delivered_at=NOW - timedelta(days=2),
            )
        )
        reviewer_id = world.agents[reviewer].id if reviewer else None
        dispute = Dispute(
            order_id=order.id or 0,
            kind=kind,
            state=state,
            buyer_claim="Le vase est une copie.",
            seller_claim="It is genuine.",
            reviewer_id=reviewer_id,
            opened_at=NOW - timedelta(days=1),
        )
        session.add(dispute)
        session.flush()
        assert dispute.id is not None
        return dispute.id


def lot_of(store: Store, dispute_id: int) -> int:
    """The lot of the dispute's order."""
    with store.read() as session:
        dispute = session.get(Dispute, dispute_id)
        assert dispute is not None
        order = session.get(Order, dispute.order_id)
        assert order is not None
        return order.lot_id


def payment_for(store: Store, dispute_id: int) -> Payment:
    """The payment of the dispute's order, as stored now."""
    from sqlmodel import select

    with store.read() as session:
        dispute = session.get(Dispute, dispute_id)
        assert dispute is not None
        payment = session.exec(select(Payment).where(Payment.order_id == dispute.order_id)).one()
        return payment
