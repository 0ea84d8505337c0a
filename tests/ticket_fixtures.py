"""A small known marketplace around one ticket, for the ticket service, screen and CLI tests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from console.auth import SignedInAgent
from console.store import Store
from models import (
    Account,
    Agent,
    Dispute,
    Lot,
    Message,
    Order,
    Payment,
    Shipment,
    Ticket,
    queue_key,
)
from tests.factories import add_agent
from tests.signin_fixtures import NOW

PASSWORD = "guichet-demo"

REQUEST = "Bonjour, ma commande ORD-7 n'est toujours pas arrivée. Pouvez-vous m'aider ?"
AI_ANSWER = "Votre colis est en route avec Colissimo : suivez-le avec le numéro 6A123."
FIRST_REPLY = "Bonjour Camille, je regarde cela tout de suite."
NOTE = "Le transporteur a perdu la trace du colis."


@dataclass(frozen=True)
class Marketplace:
    """The ids of what `fill_marketplace` made."""

    amelie: int
    lena: int
    bob: int
    buyer: int
    seller: int
    order: int
    ticket: int
    second_ticket: int
    other_customer_ticket: int
    seller_ticket: int
    dispute_elsewhere: int
    dispute_same_order: int | None


def signed_in(store: Store, agent_id: int) -> SignedInAgent:
    """The `SignedInAgent` of `agent_id`, as the login would make it."""
    with store.read() as session:
        agent = session.get(Agent, agent_id)
        assert agent is not None
        return SignedInAgent.from_row(agent)


def _ticket(session: object, **fields: object) -> Ticket:
    values: dict[str, object] = {
        "source": "order_help",
        "channel": "email",
        "language": "fr",
        "requested_language": "fr",
        "queue_key": queue_key("email", "fr"),
        "status": "open",
        "created_at": NOW - timedelta(hours=3),
        "updated_at": NOW - timedelta(hours=1),
        "first_reply_due_at": NOW + timedelta(hours=2),
        "resolution_due_at": NOW + timedelta(days=2),
    }
    values.update(fields)
    return Ticket(**values)  # type: ignore[arg-type]


def fill_marketplace(
    store: Store,
    *,
    subject: str = "Colis non reçu",
    customer_name: str = "Camille Dubois",
    request: str = REQUEST,
    ai_answer: str = AI_ANSWER,
    with_dispute_on_order: bool = False,
) -> Marketplace:
    """Amélie (agent, fr), Lena (lead, de), Bob (agent); a buyer's ticket about order ORD-7.

    The main ticket's thread: the request, the AI answer before the escalation, Amélie's first
    reply and her internal note. A second ticket of the same buyer (to merge), one of another
    customer, a seller's question about the sale, and a dispute over an unrelated order.
    """
    amelie = add_agent(
        store, "amelie", password=PASSWORD, name="Amélie Martin", languages=["fr", "nl"],
        timezone="Europe/Paris", ui_language="en",
    )  # fmt: skip
    lena = add_agent(store, "lena", password=PASSWORD, name="Lena Weber", role="lead",
                     languages=["de", "fr"])  # fmt: skip
    bob = add_agent(store, "bob", password=PASSWORD, name="Bob Smith", languages=["en"])
    with store.write() as session:
        buyer = Account(username="camille", display_name=customer_name,
                        email="camille@example.org", country="FR", language="fr")  # fmt: skip
        seller = Account(username="galerie", display_name="Galerie Lumière", kind="pro",
                         is_seller=True, email="galerie@example.org", country="BE",
                         language="fr")  # fmt: skip
        other = Account(username="jan", display_name="Jan de Vries", email="jan@example.org",
                        country="NL", language="nl")  # fmt: skip
        session.add_all([buyer, seller, other])
        session.flush()
        assert buyer.id
        assert seller.id
        assert other.id
        lot = Lot(seller_id=seller.id, title="Vase Gallé", category="art", price_minor=12000)
        spare = Lot(seller_id=seller.id, title="Lampe Tiffany", category="art", price_minor=45000)
        session.add_all([lot, spare])
        session.flush()
        assert lot.id
        assert spare.id
        order = Order(reference="ORD-7", lot_id=lot.id, buyer_id=buyer.id, seller_id=seller.id,
                      total_minor=12990, status="shipped",
                      placed_at=NOW - timedelta(days=9))  # fmt: skip
        elsewhere = Order(reference="ORD-8", lot_id=spare.id, buyer_id=other.id,
                          seller_id=seller.id, total_minor=45000)  # fmt: skip
        session.add_all([order, elsewhere])
        session.flush()
        assert order.id
        assert elsewhere.id
        session.add(Payment(order_id=order.id, captured_minor=12990, provider_reference="psp_123",
                            captured_at=NOW - timedelta(days=9)))  # fmt: skip
        session.add(Shipment(order_id=order.id, carrier="Colissimo", tracking_number="6A123",
                             shipped_at=NOW - timedelta(days=8)))  # fmt: skip
        ticket = _ticket(session, subject=subject, requester_id=buyer.id, order_id=order.id,
                         ai_answer=ai_answer, assignee_id=amelie,
                         first_replied_at=NOW - timedelta(hours=2))  # fmt: skip
        second = _ticket(session, subject="Toujours rien", requester_id=buyer.id,
                         order_id=order.id, status="new",
                         created_at=NOW - timedelta(minutes=30))  # fmt: skip
        foreign = _ticket(session, subject="Vraag over betaling", requester_id=other.id,
                          language="nl", queue_key=queue_key("email", "nl"), status="new",
                          source="general_question")  # fmt: skip
        seller_question = _ticket(session, subject="L'acheteur ne répond pas",
                                  requester_id=seller.id, order_id=order.id, status="new",
                                  seller_contacted_buyer=True)  # fmt: skip
        session.add_all([ticket, second, foreign, seller_question])
        session.flush()
        assert ticket.id
        assert second.id
        assert foreign.id
        assert seller_question.id
        created = ticket.created_at
        session.add_all([
            Message(ticket_id=ticket.id, kind="customer", body=request,
                    created_at=created - timedelta(minutes=4)),
            Message(ticket_id=ticket.id, kind="ai_assistant", body=ai_answer,
                    created_at=created - timedelta(minutes=3)),
            Message(ticket_id=ticket.id, kind="agent", author_agent_id=amelie, body=FIRST_REPLY,
                    created_at=NOW - timedelta(hours=2)),
            Message(ticket_id=ticket.id, kind="internal_note", author_agent_id=amelie,
                    body=NOTE, created_at=NOW - timedelta(hours=1)),
            Message(ticket_id=second.id, kind="customer", body="Des nouvelles de mon colis ?",
                    created_at=NOW - timedelta(minutes=31)),
        ])  # fmt: skip
        dispute = Dispute(order_id=elsewhere.id, kind="not_received", state="open")
        session.add(dispute)
        same: Dispute | None = None
        if with_dispute_on_order:
            same = Dispute(order_id=order.id, kind="not_received", state="resolved")
            session.add(same)
        session.flush()
        assert dispute.id
        return Marketplace(
            amelie=amelie, lena=lena, bob=bob, buyer=buyer.id, seller=seller.id,
            order=order.id, ticket=ticket.id, second_ticket=second.id,
            other_customer_ticket=foreign.id, seller_ticket=seller_question.id,
            dispute_elsewhere=dispute.id, dispute_same_order=same.id if same else None,
        )  # fmt: skip
