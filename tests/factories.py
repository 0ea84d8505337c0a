"""Small, explicit builders of store rows for tests (the demo generator is tested on its own)."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from console.passwords import hash_password
from console.store import Store
from models import Account, Agent, Ticket, queue_key
from models.enums import PRIORITY_RANK

NOW = datetime(2026, 11, 24, 9, 30, tzinfo=UTC)


def add_agent(store: Store, handle: str, *, password: str = "secret", **fields: object) -> int:
    """An agent with a known password; returns its id."""
    values: dict[str, object] = {
        "name": handle.title(), "languages": ["en"], "channels": ["email", "chat"],
        "capacity": {"email": 10, "chat": 3, "phone": 1},
    }  # fmt: skip
    values.update(fields)
    with store.write() as session:
        agent = Agent(handle=handle, password_hash=hash_password(password), **values)
        session.add(agent)
        session.flush()
        assert agent.id is not None
        return agent.id


def add_tickets(store: Store, count: int, *, seed: int = 1, **fields: object) -> list[int]:
    """`count` tickets from one customer with varied channel, language, priority and age."""
    rng = random.Random(seed)
    with store.write() as session:
        customer = Account(username=f"customer{seed}", display_name="Client Exemple",
                           email="client@example.org", country="FR", language="fr")  # fmt: skip
        session.add(customer)
        session.flush()
        tickets = []
        for number in range(count):
            channel = rng.choice(["email", "chat", "phone"])
            language = rng.choice(["fr", "en", "de", "zh"])
            priority = rng.choice(list(PRIORITY_RANK))
            values: dict[str, object] = {
                "source": "general_question", "channel": channel, "language": language,
                "requested_language": language, "queue_key": queue_key(channel, language),
                "subject": f"Question {number}", "requester_id": customer.id,
                "priority": priority, "priority_rank": PRIORITY_RANK[priority],
                "status": rng.choice(["new", "open", "pending_customer", "solved"]),
                "created_at": NOW - timedelta(minutes=rng.randrange(0, 60 * 24 * 30)),
                "first_reply_due_at": NOW + timedelta(minutes=rng.randrange(-600, 600)),
            }  # fmt: skip
            values.update(fields)
            ticket = Ticket(**values)  # type: ignore[arg-type]
            session.add(ticket)
            tickets.append(ticket)
        session.flush()
        return [ticket.id for ticket in tickets if ticket.id is not None]
