"""The demo and the import on a real PostgreSQL server: COPY, sequences, replacing a demo."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlmodel import func, select

from console.demo import build_demo, inspect_store
from console.importer import import_escalations
from console.store import open_store
from models import Account, Dispute, Message, Ticket

pytestmark = pytest.mark.pg

NOW = datetime(2026, 11, 24, 15, 42, tzinfo=UTC)


def test_demo_loads_with_copy_and_is_replaced(pg_url: str, tmp_path: Path) -> None:
    summary = build_demo(pg_url, tickets=200, seed=3, now=NOW)
    assert summary.counts["ticket"] == 200
    assert inspect_store(pg_url).marker == {
        "seed": 3,
        "tickets": 200,
        "created_at": NOW.isoformat(),
    }
    store = open_store(pg_url)
    try:
        with store.read() as session:
            ticket = session.exec(select(Ticket).where(Ticket.language == "zh")).first()
            assert ticket is not None
            assert ticket.created_at.tzinfo is not None
            assert session.exec(select(func.count()).select_from(Dispute)).one() > 0
            refunds = session.exec(select(Message).where(Message.ticket_id == ticket.id)).all()
            assert refunds[0].kind == "customer"
        # The id sequences were moved past the loaded rows: a new row gets a fresh id.
        line = {
            "external_id": "hc-pg-1", "source": "general_question", "channel": "email",
            "language": "de-AT", "subject": "Auszahlung?", "message": "Wann?", "ai_answer": "",
            "created_at": "2026-11-24T10:00:00+01:00",
            "customer": {"username": "neu.kunde", "display_name": "Neu Kunde",
                         "email": "n@example.com", "country": "AT"},
        }  # fmt: skip
        result = import_escalations(store, json.dumps(line).encode(), "pg.jsonl")
        assert result.ticket_ids == [201]
        with store.read() as session:
            assert session.exec(select(func.count()).select_from(Account)).one() == (
                summary.counts["account"] + 1
            )
    finally:
        store.dispose()
    # A demo store is replaced, in one transaction.
    again = build_demo(pg_url, tickets=120, seed=4, now=NOW)
    assert again.counts["ticket"] == 120
    assert inspect_store(pg_url).marker["seed"] == 4  # type: ignore[index]
