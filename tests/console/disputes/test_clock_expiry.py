"""Run-out dispute clocks show in the queue, and `guichet expire-clocks` does what is configured."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlmodel import select

from console import cli
from console.queue import QueueFilter, count
from console.views import built_in_views, filter_to_json
from models import Dispute, Ticket
from tests.console.disputes.world import NOW, World, add_case


def _waiting_on_seller(world: World, dispute_id: int, due_in: timedelta) -> int:
    """Give the dispute a ticket and a clock on the seller; returns the ticket id."""
    with world.store.write() as session:
        dispute = session.get(Dispute, dispute_id)
        assert dispute is not None
        ticket = Ticket(
            source="order_help", channel="email", language="fr", requested_language="fr",
            queue_key="email:fr", subject="Pas conforme", requester_id=world.buyer_id,
            order_id=dispute.order_id, status="open", created_at=NOW - timedelta(days=2),
        )  # fmt: skip
        session.add(ticket)
        session.flush()
        dispute.ticket_id = ticket.id
        dispute.state, dispute.waiting_on = "open", "seller"
        dispute.due_at, dispute.on_expiry = NOW + due_in, "escalate"
        session.add(dispute)
        assert ticket.id is not None
        return ticket.id


def _clock_view(world: World) -> QueueFilter:
    agent = world["amelie"]
    views = {view.name: view for view in built_in_views(agent, NOW)}
    return views["dispute-clocks-run-out"].filter


def test_the_queue_shows_tickets_whose_dispute_clock_ran_out(world: World) -> None:
    late = add_case(world, state="open", reviewer=None)
    early = add_case(world, state="open", reviewer=None)
    _waiting_on_seller(world, late, -timedelta(hours=1))
    _waiting_on_seller(world, early, timedelta(hours=1))
    assert count(world.store, _clock_view(world)) == 1
    assert "dispute_clock_ran_out_by" not in filter_to_json(_clock_view(world))


def test_expire_clocks_escalates_and_empties_the_view(
    world: World, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    late = add_case(world, state="open", reviewer=None)
    _waiting_on_seller(world, late, -timedelta(hours=1))
    monkeypatch.setenv("GUICHET_DB", world.store.url)
    status = cli.main(["expire-clocks", "--at", NOW.isoformat(), "--json"])
    assert status == 0
    assert json.loads(capsys.readouterr().out)["disputes"] == [late]
    with world.store.read() as session:
        dispute = session.exec(select(Dispute).where(Dispute.id == late)).one()
    assert dispute.state == "escalated"
    assert count(world.store, _clock_view(world)) == 0


def test_expire_clocks_refuses_a_time_without_offset(
    world: World, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("GUICHET_DB", world.store.url)
    assert cli.main(["expire-clocks", "--at", "2026-11-24T09:30:00"]) == 2
    assert "has no UTC offset" in capsys.readouterr().err
