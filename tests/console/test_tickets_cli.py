"""`guichet ticket` and the ticket actions from the shell: same services, JSON, exit statuses."""

from __future__ import annotations

import json
from typing import Any

import pytest

from console import cli, tickets
from console.store import Store
from tests.ticket_fixtures import PASSWORD, REQUEST, Marketplace, fill_marketplace


@pytest.fixture
def market(store: Store, monkeypatch: pytest.MonkeyPatch) -> Marketplace:
    """The small marketplace, and Amélie's password in the environment."""
    monkeypatch.setenv("GUICHET_PASSWORD", PASSWORD)
    return fill_marketplace(store)


def _run(store: Store, capsys: Any, *argv: str, agent: str = "amelie") -> tuple[int, str, str]:
    status = cli.main([*argv, "--db", store.url, "--agent", agent])
    out, err = capsys.readouterr()
    return status, out, err


def test_ticket_json_is_one_document_with_the_thread(
    store: Store, market: Marketplace, capsys: Any
) -> None:
    status, out, _err = _run(store, capsys, "ticket", str(market.ticket), "--json")
    assert status == 0
    document = json.loads(out)
    assert document["id"] == market.ticket
    assert document["thread"][0]["body"] == REQUEST
    assert document["thread"][1]["kind"] == "ai_assistant"
    assert document["order"]["payment" if False else "captured"] == {
        "amount_minor": 12990, "currency": "EUR",
    }  # fmt: skip


def test_ticket_as_text_is_inert(store: Store, capsys: Any, monkeypatch: Any) -> None:
    monkeypatch.setenv("GUICHET_PASSWORD", PASSWORD)
    market = fill_marketplace(store, subject="\x1b[2Jboom\x07")
    status, out, _err = _run(store, capsys, "ticket", str(market.ticket))
    assert status == 0
    assert "#1 boom" in out
    assert "\x1b" not in out
    assert "\x07" not in out


def test_reply_with_a_macro(store: Store, market: Marketplace, capsys: Any) -> None:
    status, out, _err = _run(
        store, capsys, "reply", str(market.ticket), "--macro", "tracking", "--json"
    )
    assert status == 0
    body = json.loads(out)["message"]["body"]
    assert body.startswith("Bonjour Camille Dubois,")
    assert "6A123" in body
    assert body.endswith("Amélie Martin")


def test_reply_crossing_a_new_message_is_refused_then_forced(
    store: Store, market: Marketplace, capsys: Any
) -> None:
    seen = tickets.load_ticket(store, market.ticket).last_message_id
    tickets.reply(store, tickets.SignedInAgent(  # Lena answered meanwhile
        id=market.lena, handle="lena", name="Lena Weber", role="lead", timezone="UTC",
        ui_language="en", languages=("de",), presence="available"),
        market.ticket, "Je m'en occupe.", now=tickets.load_ticket(store, market.ticket).updated_at,
    )  # fmt: skip
    args = ("reply", str(market.ticket), "--body", "Hop", "--seen", str(seen))
    status, _out, err = _run(store, capsys, *args)
    assert status == 1
    assert "1 new message since you opened it" in err
    status, out, _err = _run(store, capsys, *args, "--force")
    assert (status, out.strip()) == (0, f"Reply sent on ticket #{market.ticket}.")


def test_note_status_priority(store: Store, market: Marketplace, capsys: Any) -> None:
    ticket = str(market.ticket)
    assert _run(store, capsys, "note", ticket, "--body", "Vu")[0] == 0
    status, out, _err = _run(store, capsys, "status", ticket, "pending_customer", "--json")
    assert (status, json.loads(out)) == (0, {"ticket": market.ticket, "status": "pending_customer"})
    status, out, _err = _run(store, capsys, "priority", ticket, "high")
    assert (status, out.strip()) == (0, f"Ticket #{ticket} is now high.")
    status, _out, err = _run(store, capsys, "status", ticket, "limbo")
    assert status == 2
    assert "choose one of open, pending_customer, solved" in err


def test_assign_merge_and_disputes(store: Store, market: Marketplace, capsys: Any) -> None:
    status, _out, err = _run(store, capsys, "assign", str(market.second_ticket), "lena")
    assert status == 1
    assert "may not assign tickets to others" in err
    assert _run(store, capsys, "assign", str(market.second_ticket), "lena", agent="lena")[0] == 0
    status, out, _err = _run(
        store, capsys, "merge", str(market.second_ticket), "--into", str(market.ticket), "--json"
    )
    assert (status, json.loads(out)["messages_moved"]) == (0, 1)
    status, out, _err = _run(
        store, capsys, "link-dispute", str(market.ticket), "--open", "not_received", "--json"
    )
    assert status == 0
    assert json.loads(out)["opened"] is True
    status, _out, err = _run(
        store,
        capsys,
        "link-dispute",
        str(market.ticket),
        "--dispute",
        str(market.dispute_elsewhere),
    )
    assert status == 1
    assert "another order" in err


def test_article_and_unknown_ticket(store: Store, market: Marketplace, capsys: Any) -> None:
    status, out, _err = _run(store, capsys, "article", str(market.ticket), "refund-timing")
    assert (status, out.strip()) == (0, f"Article sent on ticket #{market.ticket}.")
    status, _out, err = _run(store, capsys, "ticket", "999")
    assert status == 2
    assert "no ticket #999" in err
