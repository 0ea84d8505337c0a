"""`guichet import`: help-center escalations, all or nothing, errors naming line and field."""

from __future__ import annotations

import io
import json
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import func, select

from console.cli import main
from console.store import Store
from models import Account, AuditEvent, Lot, Message, Order, Ticket


@pytest.fixture
def market(store: Store) -> Store:
    """A store with one seller, one buyer, one lot and its order (GV-1)."""
    when = datetime(2026, 11, 1, 10, 0, tzinfo=UTC)
    with store.write() as session:
        seller = Account(username="galerie.roux", display_name="Galerie Roux",
                         email="g@example.com", country="FR", language="fr", kind="pro",
                         is_seller=True)  # fmt: skip
        buyer = Account(username="daan.visser", display_name="Daan Visser",
                        email="d@example.com", country="NL", language="nl")  # fmt: skip
        session.add(seller)
        session.add(buyer)
        session.flush()
        assert seller.id is not None
        assert buyer.id is not None
        lot = Lot(seller_id=seller.id, title="Omega Seamaster 300", category="watches",
                  price_minor=250_000, listed_at=when)  # fmt: skip
        session.add(lot)
        session.flush()
        assert lot.id is not None
        session.add(Order(reference="GV-1", lot_id=lot.id, buyer_id=buyer.id, seller_id=seller.id,
                          total_minor=250_000, placed_at=when))  # fmt: skip
    return store


def _line(**changes: Any) -> dict[str, Any]:
    record: dict[str, Any] = {
        "external_id": "hc-1",
        "source": "order_help",
        "channel": "email",
        "language": "nl-BE",
        "subject": "Waar is mijn bestelling?",
        "message": "De track-and-trace staat al een week stil.",
        "ai_answer": "Je bestelling is verzonden; de bezorging kan tot 10 werkdagen duren.",
        "created_at": "2026-11-24T09:30:00+01:00",
        "customer": {"username": "daan.visser"},
        "order_reference": "GV-1",
    }
    record.update(changes)
    return {key: value for key, value in record.items() if value is not ...}


def _write(tmp_path: Path, *records: dict[str, Any] | str) -> str:
    path = tmp_path / "escalations.jsonl"
    lines = [r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def _count(store: Store, model: Any) -> int:
    with store.read() as session:
        return int(session.exec(select(func.count()).select_from(model)).one())


def _run(store: Store, *args: str) -> int:
    return main(["import", "--db", store.url.removeprefix("sqlite:///"), *args])


GOOD = (
    _line(amount={"amount_minor": 1250, "currency": "EUR"}),
    _line(
        external_id="hc-2",
        source="object_question",
        channel="chat",
        language="fr",
        order_reference=...,
        lot_id=1,
        subject="Ce lot est-il authentique ?",
        customer={"username": "galerie.roux"},
        priority="high",
    ),
    _line(
        external_id="hc-3",
        source="general_question",
        channel="email",
        language="sv-SE",
        order_reference=...,
        subject="När får jag min utbetalning?",
        ai_answer="",
        customer={
            "username": "erik.nilsson",
            "display_name": "Erik Nilsson",
            "email": "erik@example.com",
            "country": "SE",
        },
    ),
)


def test_a_good_file_becomes_tickets_in_one_transaction(
    market: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run(market, _write(tmp_path, *GOOD), "--json") == 0
    out = json.loads(capsys.readouterr().out)
    assert out["imported"] == 3
    assert len(out["ticket_ids"]) == 3
    with market.read() as session:
        tickets = {t.external_ref: t for t in session.exec(select(Ticket)).all()}
        order_help = tickets["hc-1"]
        assert (order_help.language, order_help.requested_language) == ("nl", "nl-BE")
        assert order_help.queue_key == "email:nl"
        assert order_help.status == "new"
        assert order_help.order_id == 1
        assert order_help.lot_id == 1
        assert (order_help.amount_minor, order_help.amount_currency) == (1250, "EUR")
        assert order_help.created_at == datetime(2026, 11, 24, 8, 30, tzinfo=UTC)
        assert order_help.first_reply_due_at is not None
        assert order_help.first_reply_due_at > order_help.created_at
        assert tickets["hc-2"].queue_key == "chat:fr"
        assert tickets["hc-2"].priority_rank == 1
        swedish = tickets["hc-3"]
        assert (swedish.language, swedish.queue_key) == ("sv", "email:en")
        erik = session.exec(select(Account).where(Account.username == "erik.nilsson")).one()
        assert erik.language == "sv"
        assert swedish.requester_id == erik.id
        kinds = [m.kind for m in session.exec(
            select(Message).where(Message.ticket_id == order_help.id)).all()]  # fmt: skip
        assert kinds == ["customer", "ai_assistant"]
        events = session.exec(select(AuditEvent)).all()
        assert [e.action for e in events] == ["tickets.imported"]
        assert events[0].details["count"] == 3
        assert events[0].details["file"] == "escalations.jsonl"


def test_stdin_and_plain_output(
    market: Store, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    data = (json.dumps(GOOD[0]) + "\n").encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    assert _run(market, "-") == 0
    assert "Imported 1 ticket from stdin." in capsys.readouterr().out


BAD = [
    pytest.param(['{"external_id": "hc-9",'], 1, "not valid JSON", id="malformed-json"),
    pytest.param([_line(), "[1, 2]"], 2, "not a JSON object", id="not-an-object"),
    pytest.param([_line(subject=...)], 1, "subject", id="missing-field"),
    pytest.param(
        [_line(), _line(external_id="hc-2", colour="red")], 2, "colour", id="unknown-field"
    ),
    pytest.param([_line(language="english please")], 1, "language", id="bad-language-tag"),
    pytest.param([_line(created_at="2026-11-24T09:30:00")], 1, "created_at", id="no-offset"),
    pytest.param(
        [_line(amount={"amount_minor": 12.5, "currency": "EUR"})],
        1,
        "amount.amount_minor",
        id="float-amount",
    ),
    pytest.param([_line(amount="12.50")], 1, "amount", id="string-amount"),
    pytest.param([_line(source="phone_call")], 1, "source", id="unknown-enum"),
    pytest.param([_line(priority="asap")], 1, "priority", id="unknown-priority"),
    pytest.param([_line(message="hello\u0000world")], 1, "message", id="nul-byte"),
    pytest.param([_line(order_reference="GV-404")], 1, "order_reference", id="unknown-order"),
    pytest.param([_line(), _line()], 2, "external_id", id="duplicate-in-file"),
    pytest.param([_line(channel="phone", language="pl")], 1, "channel", id="unserved-channel"),
    pytest.param(
        [_line(customer={"username": "new.person"})],
        1,
        "customer.display_name",
        id="new-customer-incomplete",
    ),
    pytest.param(
        [_line(customer={"username": "x", "kind": "vip", "display_name": "X"})],
        1,
        "customer.kind",
        id="unknown-customer-kind",
    ),
]


@pytest.mark.parametrize(("records", "line", "field"), BAD)
def test_bad_input_names_line_and_field_and_writes_nothing(
    market: Store,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    records: list[Any],
    line: int,
    field: str,
) -> None:
    accounts = _count(market, Account)
    assert _run(market, _write(tmp_path, *records)) == 2
    err = capsys.readouterr().err
    assert f"escalations.jsonl, line {line}" in err
    assert field in err
    assert "Traceback" not in err
    assert err.count("\n") == 1
    assert _count(market, Ticket) == 0
    assert _count(market, Message) == 0
    assert _count(market, Account) == accounts
    assert _count(market, AuditEvent) == 0


def test_reimporting_an_id_is_an_error_naming_the_line(
    market: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run(market, _write(tmp_path, GOOD[0])) == 0
    capsys.readouterr()
    assert _run(market, _write(tmp_path, GOOD[1], GOOD[0])) == 2
    err = capsys.readouterr().err
    assert "line 2, field external_id" in err
    assert "already in the store" in err
    assert _count(market, Ticket) == 1


def test_empty_file_and_missing_file(
    market: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run(market, _write(tmp_path, "")) == 2
    assert "holds no escalations" in capsys.readouterr().err
    assert _run(market, str(tmp_path / "nope.jsonl")) == 2
    assert "cannot read" in capsys.readouterr().err


def test_due_times_run_on_the_teams_business_hours(market: Store, tmp_path: Path) -> None:
    # Friday 18:00 in Amsterdam, after hours: an e-mail of normal priority has 8 business
    # hours for its first reply, so it is due at Monday 17:00 (default support hours).
    line = _line(created_at="2026-11-27T18:00:00+01:00", priority="normal")
    assert _run(market, _write(tmp_path, line)) == 0
    with market.read() as session:
        ticket = session.exec(select(Ticket)).one()
    assert ticket.first_reply_due_at == datetime(2026, 11, 30, 16, 0, tzinfo=UTC)
