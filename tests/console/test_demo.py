"""The demo marketplace: deterministic per seed, complete, consistent, and careful with stores."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from sqlmodel import select

from console.cli import main
from console.demo import DEMO_PASSWORD, build_demo, inspect_store
from console.errors import Refused
from console.migrate import upgrade
from console.passwords import verify_password
from console.settings import sqlite_url
from console.store import Store, open_store
from models import Account, Agent, Dispute, Message, Ticket
from models.enums import Channel, DisputeKind, DisputeState, Role, TicketSource
from models.language import EMAIL_LANGUAGES, normalise_language

NOW = datetime(2026, 11, 24, 15, 42, tzinfo=UTC)
TICKETS = 300


def _build(path: Path, seed: int = 7, **options: Any) -> Path:
    build_demo(sqlite_url(path), tickets=TICKETS, seed=seed, now=NOW, **options)
    return path


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(tmp_path_factory.mktemp("demo") / "demo.db")


@pytest.fixture
def demo(demo_path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(f"file:{demo_path}?mode=ro", uri=True)
    yield connection  # type: ignore[misc]
    connection.close()


def _dump(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table; the password hash is salted, so it is left out."""
    connection = sqlite3.connect(path)
    try:
        tables = [
            name
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            )
        ]
        dump = {}
        for table in tables:
            columns = [row[1] for row in connection.execute(f'PRAGMA table_info("{table}")')]
            kept = ", ".join(f'"{c}"' for c in columns if c != "password_hash")
            dump[table] = connection.execute(f'SELECT {kept} FROM "{table}" ORDER BY 1').fetchall()
        return dump
    finally:
        connection.close()


def test_same_seed_gives_the_same_rows(tmp_path: Path, demo_path: Path) -> None:
    again = _dump(_build(tmp_path / "again.db"))
    assert again == _dump(demo_path)
    assert len(again["ticket"]) == TICKETS


def test_a_second_process_makes_the_same_rows(tmp_path: Path, demo_path: Path) -> None:
    assert _dump(_build(tmp_path / "parallel.db", parallel=True)) == _dump(demo_path)


def test_another_seed_gives_another_marketplace(tmp_path: Path, demo_path: Path) -> None:
    other = _dump(_build(tmp_path / "other.db", seed=8))
    assert other["ticket"] != _dump(demo_path)["ticket"]
    assert other["agent"] == _dump(demo_path)["agent"]  # the team (and its logins) stays


def test_every_language_source_channel_kind_and_state(demo: sqlite3.Connection) -> None:
    def values(sql: str) -> set[Any]:
        return {row[0] for row in demo.execute(sql)}

    languages = values("SELECT DISTINCT language FROM ticket")
    assert set(EMAIL_LANGUAGES) <= languages
    assert {"sv", "cs", "da"} & languages
    assert values("SELECT DISTINCT source FROM ticket") == set(TicketSource)
    assert values("SELECT DISTINCT channel FROM ticket") == set(Channel)
    assert values("SELECT DISTINCT kind FROM dispute") == set(DisputeKind)
    assert values("SELECT DISTINCT state FROM dispute") == set(DisputeState)
    assert values("SELECT DISTINCT kind FROM message") >= {"customer", "ai_assistant", "agent"}


def test_texts_are_written_in_the_customers_language(demo: sqlite3.Connection) -> None:
    answers = dict(demo.execute("SELECT language, ai_answer FROM ticket GROUP BY language"))
    assert any("\u4e00" <= ch <= "\u9fff" for ch in answers["zh"])  # Chinese characters
    assert answers["en"] != answers["fr"] != answers["de"]
    for language, marker in (("pl", "ą"), ("de", "ü"), ("es", "á"), ("fr", "é")):
        rows = demo.execute(
            "SELECT group_concat(body, ' ') FROM message m JOIN ticket t ON t.id = m.ticket_id "
            "WHERE t.language = ? AND m.kind = 'customer'",
            (language,),
        ).fetchone()
        assert marker in rows[0], language


def test_unserved_languages_wait_in_the_english_email_queue(demo: sqlite3.Connection) -> None:
    rows = demo.execute(
        "SELECT language, channel, queue_key FROM ticket WHERE language IN ('sv', 'cs', 'da')"
    ).fetchall()
    assert rows
    assert {(channel, key) for _, channel, key in rows} == {("email", "email:en")}
    for language, requested in demo.execute("SELECT language, requested_language FROM ticket"):
        assert normalise_language(requested) == language
    for channel, language, key in demo.execute(
        "SELECT channel, language, queue_key FROM ticket WHERE language NOT IN ('sv','cs','da')"
    ):
        assert key == f"{channel}:{language}"


def test_money_is_consistent(demo: sqlite3.Connection) -> None:
    bad = demo.execute(
        "SELECT count(*) FROM payment WHERE refunded_minor > captured_minor OR refunded_minor < 0"
    ).fetchone()[0]
    assert bad == 0
    assert demo.execute("SELECT count(*) FROM payment WHERE chargeback_open").fetchone()[0] > 0
    assert demo.execute(
        "SELECT count(*) FROM payment WHERE refunded_minor = captured_minor AND refunded_minor > 0"
    ).fetchone()[0]
    assert demo.execute(
        "SELECT count(*) FROM payment WHERE refunded_minor BETWEEN 1 AND captured_minor - 1"
    ).fetchone()[0]
    on_hold = demo.execute(
        "SELECT p.chargeback_open FROM dispute d JOIN payment p ON p.order_id = d.order_id "
        "WHERE d.state = 'on_hold_chargeback'"
    ).fetchall()
    assert on_hold
    assert all(flag for (flag,) in on_hold)


def test_some_tickets_are_at_risk_or_breached(demo: sqlite3.Connection) -> None:
    now = NOW.strftime("%Y-%m-%d %H:%M:%S")
    breached = demo.execute(
        "SELECT count(*) FROM ticket WHERE status = 'new' AND first_reply_due_at < ?", (now,)
    ).fetchone()[0]
    upcoming = demo.execute(
        "SELECT count(*) FROM ticket WHERE status = 'new' AND first_reply_due_at >= ?", (now,)
    ).fetchone()[0]
    assert breached
    assert upcoming
    newest = demo.execute("SELECT max(created_at) FROM ticket").fetchone()[0]
    assert newest.startswith("2026-11-24")


def test_team_and_logins(demo_path: Path) -> None:
    store = open_store(sqlite_url(demo_path))
    try:
        with store.read() as session:
            agents = {agent.handle: agent for agent in session.exec(select(Agent)).all()}
            assert 20 <= len(agents) <= 40
            roles = [agent.role for agent in agents.values()]
            assert roles.count(Role.ADMIN) >= 1
            assert roles.count(Role.LEAD) >= 2
            assert roles.count(Role.TRUST_SAFETY) >= 2
            assert agents["amelie"].role == Role.AGENT
            assert agents["amelie"].languages == ["fr", "en", "nl"]
            assert agents["lena"].role == Role.LEAD
            assert agents["tomas"].role == Role.TRUST_SAFETY
            assert agents["admin"].role == Role.ADMIN
            assert verify_password(agents["amelie"].password_hash, DEMO_PASSWORD)
            assert len({agent.password_hash for agent in agents.values()}) == 1
            zones = {(a.timezone, lang) for a in agents.values() for lang in a.languages}
            assert ("Asia/Shanghai", "zh") in zones
            assert ("America/Sao_Paulo", "pt") in zones
            # Every model reads back: aware instants, JSON lists, threads.
            ticket = session.exec(select(Ticket).where(Ticket.language == "pt")).first()
            assert ticket is not None
            assert ticket.created_at.tzinfo is not None
            thread = session.exec(select(Message).where(Message.ticket_id == ticket.id)).all()
            assert [m.kind for m in thread][:2] == ["customer", "ai_assistant"]
            assert thread[1].body == ticket.ai_answer
            assert session.exec(select(Dispute)).first() is not None
    finally:
        store.dispose()


def test_the_build_keeps_the_migrations_indexes_and_wal(tmp_path: Path, demo_path: Path) -> None:
    migrated = Store(sqlite_url(tmp_path / "migrated.db"))
    upgrade(migrated)
    migrated.dispose()

    def indexes(path: Path) -> set[tuple[str, str, tuple[str, ...]]]:
        connection = sqlite3.connect(path)
        try:
            found = set()
            tables = connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            for (table,) in tables.fetchall():
                for row in connection.execute(f'PRAGMA index_list("{table}")').fetchall():
                    columns = tuple(
                        info[2] for info in connection.execute(f'PRAGMA index_info("{row[1]}")')
                    )
                    found.add((table, row[1], columns))
            return found
        finally:
            connection.close()

    assert indexes(demo_path) == indexes(tmp_path / "migrated.db")
    connection = sqlite3.connect(demo_path)
    assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    connection.close()
    assert not list(demo_path.parent.glob(".*demo-*"))  # no build file left behind


def test_refuses_a_store_that_is_not_a_demo(store: Store) -> None:
    with store.write() as session:
        session.add(Account(username="real", display_name="Real", email="r@x", country="NL",
                            language="nl"))  # fmt: skip
    with pytest.raises(Refused, match="--force"):
        build_demo(store.url, tickets=50, seed=1, now=NOW)
    assert inspect_store(store.url).kind == "other"
    build_demo(store.url, tickets=50, seed=1, now=NOW, force=True)
    assert inspect_store(store.url).kind == "demo"


def test_cli_builds_replaces_and_prints_logins(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "cli.db"
    assert main(["demo", "--db", str(path), "--tickets", "120", "--seed", "3"]) == 0
    out = capsys.readouterr().out
    assert "guichet-demo" in out
    for handle in ("amelie", "lena", "tomas", "admin"):
        assert handle in out
    # A demo store is replaced without --force.
    assert main(["demo", "--db", str(path), "--tickets", "150", "--seed", "4", "--json"]) == 0
    assert '"created": true' in capsys.readouterr().out
    assert inspect_store(sqlite_url(path)).marker == {
        "seed": 4,
        "tickets": 150,
        "created_at": inspect_store(sqlite_url(path)).marker["created_at"],  # type: ignore[index]
    }


def test_cli_if_missing_leaves_a_store_with_data_alone(
    store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    """Not even upgraded: only a store the demo builder made is the console's to change."""
    with store.write() as session:
        session.add(Account(username="real", display_name="Real", email="r@x", country="NL",
                            language="nl"))  # fmt: skip
    _downgrade(store.url, "0002")
    path = store.url.removeprefix("sqlite:///")
    assert main(["demo", "--db", path, "--if-missing"]) == 0
    assert "nothing to do" in capsys.readouterr().out
    assert inspect_store(store.url).kind == "other"
    assert _revision(store.url) == "0002"


def test_cli_refusal_is_one_sentence(store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    with store.write() as session:
        session.add(Account(username="real", display_name="Real", email="r@x", country="NL",
                            language="nl"))  # fmt: skip
    path = store.url.removeprefix("sqlite:///")
    assert main(["demo", "--db", path, "--tickets", "50"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("guichet: ")
    assert "--force" in err
    assert "Traceback" not in err
    assert err.count("\n") == 1
    assert main(["demo", "--db", path, "--tickets", "0"]) == 2
    assert "--tickets" in capsys.readouterr().err


def test_the_search_index_holds_every_ticket_and_stays_in_step(demo_path: Path) -> None:
    from console.search import search_ids
    from console.store import Store

    store = Store(sqlite_url(demo_path))
    with store.read() as session:
        ticket = session.exec(select(Ticket).order_by(Ticket.id)).first()  # type: ignore[arg-type]
        indexed = session.execute(text("SELECT count(*) FROM ticket_search_docsize")).scalar_one()
        tickets = session.execute(text("SELECT count(*) FROM ticket")).scalar_one()
        triggers = session.execute(
            text("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE :name"),
            {"name": "ticket_search%"},
        ).scalar_one()
    assert triggers > 0, "the triggers that keep the index in step are back after the load"
    # FTS5 checks its index against the tickets' documents (rank 1: the external content too);
    # it raises "database disk image is malformed" when they differ.
    checker = sqlite3.connect(demo_path)
    checker.execute("INSERT INTO ticket_search (ticket_search, rank) VALUES ('integrity-check', 1)")
    checker.close()
    assert ticket is not None
    assert indexed == tickets == TICKETS
    word = max(ticket.subject.split(), key=len)
    assert ticket.id in search_ids(store, word, limit=TICKETS)
    store.dispose()


def test_order_tickets_come_from_the_right_party(demo: sqlite3.Connection) -> None:
    rows = demo.execute(
        "SELECT t.requester_id, o.buyer_id, o.seller_id, t.category, t.seller_contacted_buyer,"
        " (SELECT count(*) FROM shipment s WHERE s.order_id = o.id AND s.delivered_at IS NOT NULL)"
        " FROM ticket t JOIN orders o ON o.id = t.order_id WHERE t.source = 'order_help'"
    ).fetchall()
    by_seller = [row for row in rows if row[0] == row[2]]
    assert by_seller, "some sellers ask about a sale"
    assert all(row[0] in (row[1], row[2]) for row in rows)
    # A seller asks about the payout of a delivered order, and says whether they wrote first.
    assert all(row[3] == "payout" and row[4] is not None and row[5] for row in by_seller)
    assert all(row[4] is None for row in rows if row[0] == row[1])


def test_order_help_is_about_a_parcel_that_left(demo: sqlite3.Connection) -> None:
    rows = demo.execute(
        "SELECT t.category, o.status, s.id IS NOT NULL, s.delivered_at IS NOT NULL"
        " FROM ticket t JOIN orders o ON o.id = t.order_id"
        " LEFT JOIN shipment s ON s.order_id = o.id WHERE t.source = 'order_help'"
    ).fetchall()
    assert rows
    assert all(has_shipment for _category, _status, has_shipment, _delivered in rows)
    # "Where is my parcel" only while it travels; "it arrived damaged" only once delivered.
    assert all(not delivered for category, _s, _h, delivered in rows if category == "delivery")
    assert all(delivered for category, _s, _h, delivered in rows if category == "damaged")


def _downgrade(url: str, revision: str) -> None:
    from alembic import command

    from console.migrate import alembic_config

    store = Store(url)
    try:
        command.downgrade(alembic_config(store), revision)
    finally:
        store.dispose()


def _revision(url: str) -> str | None:
    from console.migrate import current_revision

    store = Store(url)
    try:
        return current_revision(store)
    finally:
        store.dispose()


def test_cli_if_missing_upgrades_an_older_demo_store(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`make run` on a demo store built by an older version opens it upgraded, data kept."""
    from console.migrate import head_revision

    path = _build(tmp_path / "old-demo.db")
    url = sqlite_url(path)
    _downgrade(url, "0002")
    assert main(["demo", "--db", str(path), "--if-missing"]) == 0
    assert "upgraded from 0002" in capsys.readouterr().out
    assert _revision(url) == head_revision()
    with sqlite3.connect(path) as connection:
        assert connection.execute("SELECT count(*) FROM ticket").fetchone() == (TICKETS,)
    assert main(["demo", "--db", str(path), "--if-missing"]) == 0
    assert "nothing to do" in capsys.readouterr().out
    with sqlite3.connect(path) as connection:  # as a newer Guichet would leave it
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    assert main(["demo", "--db", str(path), "--if-missing"]) == 0
    assert "nothing to do" in capsys.readouterr().out
    assert _revision(url) == "9999"
