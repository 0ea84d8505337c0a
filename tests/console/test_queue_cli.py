"""`guichet tickets` and `guichet next`: the queue's services from the shell."""

from __future__ import annotations

import json

import pytest

from console import cli
from console.store import Store
from tests.factories import add_agent, add_tickets


@pytest.fixture
def acting(store: Store, monkeypatch: pytest.MonkeyPatch) -> int:
    agent = add_agent(store, "amelie", password="pw", languages=["fr"], channels=["chat"])
    monkeypatch.setenv("GUICHET_DB", store.url)
    monkeypatch.setenv("GUICHET_AGENT", "amelie")
    monkeypatch.setenv("GUICHET_PASSWORD", "pw")
    return agent


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict[str, object]]:
    status = cli.main(list(argv))
    out = capsys.readouterr().out
    return status, json.loads(out) if out.strip().startswith("{") else {"text": out}


def test_tickets_lists_a_filtered_sorted_view(
    store: Store, acting: int, capsys: pytest.CaptureFixture[str]
) -> None:
    add_tickets(store, 60)
    status, document = _run(
        capsys, "tickets", "--channel", "chat", "--status", "new", "--sort", "created", "--json"
    )
    assert status == 0
    tickets = document["tickets"]
    assert isinstance(tickets, list)
    assert tickets
    assert all(t["channel"] == "chat" and t["status"] == "new" for t in tickets)
    created = [t["created_at"] for t in tickets]
    assert created == sorted(created)
    assert document["total"] == len(tickets)


def test_tickets_searches(store: Store, acting: int, capsys: pytest.CaptureFixture[str]) -> None:
    ids = add_tickets(store, 30)
    status, document = _run(capsys, "tickets", "--search", "Question 12", "--json")
    assert status == 0
    assert [t["id"] for t in document["tickets"]] == [ids[12]]  # type: ignore[index]


def test_an_unknown_view_or_filter_is_bad_input(
    store: Store, acting: int, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["tickets", "--view", "nope", "--json"]) == 2
    assert "no view called nope" in capsys.readouterr().err
    assert cli.main(["tickets", "--assignee", "ghost", "--json"]) == 2


def test_next_claims_then_says_null(
    store: Store, acting: int, capsys: pytest.CaptureFixture[str]
) -> None:
    ids = add_tickets(store, 2, status="new", channel="chat", language="fr", queue_key="chat:fr")
    taken = []
    for _ in range(2):
        status, document = _run(capsys, "next", "--json")
        assert status == 0
        ticket = document["ticket"]
        assert isinstance(ticket, dict)
        assert ticket["assignee"] == "amelie"
        taken.append(ticket["id"])
    assert sorted(taken) == sorted(ids)
    status, document = _run(capsys, "next", "--json")
    assert (status, document) == (0, {"ticket": None})


def test_next_respects_capacity(
    store: Store, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    add_agent(store, "lena", password="pw", languages=["fr"], channels=["chat"],
              capacity={"chat": 1})  # fmt: skip
    add_tickets(store, 3, status="new", channel="chat", language="fr", queue_key="chat:fr")
    monkeypatch.setenv("GUICHET_DB", store.url)
    monkeypatch.setenv("GUICHET_AGENT", "lena")
    monkeypatch.setenv("GUICHET_PASSWORD", "pw")
    assert _run(capsys, "next", "--json")[1]["ticket"] is not None
    assert _run(capsys, "next", "--json")[1] == {"ticket": None}


def test_a_saved_view_lists_with_its_saved_words(
    store: Store, acting: int, capsys: pytest.CaptureFixture[str]
) -> None:
    from console.queue import QueueFilter, SortOrder
    from console.views import save_view

    ids = add_tickets(store, 30)
    save_view(store, acting, "twelve", QueueFilter(text="Question 12"), SortOrder())
    status, document = _run(capsys, "tickets", "--view", "saved:twelve", "--json")
    assert status == 0
    assert document["total"] == 1
    assert [t["id"] for t in document["tickets"]] == [ids[12]]  # type: ignore[index]
    # --search gives other words in their place, as a filter flag replaces the view's value.
    status, document = _run(
        capsys, "tickets", "--view", "saved:twelve", "--search", "Question 7", "--json"
    )
    assert [t["id"] for t in document["tickets"]] == [ids[7]]  # type: ignore[index]


def test_a_view_saved_from_dispute_clocks_lists_run_out_clocks_only(
    store: Store, acting: int, capsys: pytest.CaptureFixture[str]
) -> None:
    from datetime import timedelta

    from console.auth import SignedInAgent
    from console.views import built_in_views, save_view
    from models import Agent, Dispute
    from models.types import utcnow
    from tests.signin_fixtures import add_customer, add_dispute

    add_tickets(store, 10)
    customer = add_customer(store)
    (late,) = add_tickets(store, 1, seed=2)
    dispute = add_dispute(store, customer, reviewer_id=None, state="open")
    now = utcnow()
    with store.write() as session:
        row = session.get(Dispute, dispute)
        assert row is not None
        row.ticket_id, row.waiting_on, row.due_at = late, "seller", now - timedelta(hours=1)
        session.add(row)
    with store.read() as session:
        agent = SignedInAgent.from_row(session.get_one(Agent, acting))
    clocks = {view.name: view for view in built_in_views(agent, now)}["dispute-clocks-run-out"]
    save_view(store, acting, "clocks", clocks.filter, clocks.order, at=clocks.at)
    status, document = _run(capsys, "tickets", "--view", "saved:clocks", "--json")
    assert status == 0
    assert [t["id"] for t in document["tickets"]] == [late]  # type: ignore[index]
