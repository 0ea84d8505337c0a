"""The SQLite store: schema at head, WAL, foreign keys, aware UTC instants, atomic writes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import text
from sqlmodel import select

from console.errors import StoreUnavailable
from console.migrate import schema_status
from console.store import Store, open_store
from models import Setting
from models.types import NaiveDateTimeError


def test_fresh_store_is_at_head(store: Store) -> None:
    assert schema_status(store).is_current


def test_sqlite_pragmas(store: Store) -> None:
    with store.read() as session:
        assert session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert session.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert session.execute(text("PRAGMA busy_timeout")).scalar() == 5000


def test_unmigrated_store_says_how_to_fix(store_url: str) -> None:
    with pytest.raises(StoreUnavailable, match="guichet db upgrade"):
        open_store(store_url)


def test_write_rolls_back_on_error(store: Store) -> None:
    with pytest.raises(RuntimeError), store.write() as session:
        session.add(Setting(key="k", value=1))
        session.flush()
        raise RuntimeError("boom")
    with store.read() as session:
        assert session.get(Setting, "k") is None


def test_instants_come_back_aware_in_utc(store: Store) -> None:
    from models import Agent

    paris = timezone(timedelta(hours=1))
    with store.write() as session:
        session.add(
            Agent(
                handle="amelie", name="A", last_assigned_at=datetime(2026, 1, 1, 10, tzinfo=paris)
            )
        )
    with store.read() as session:
        agent = session.exec(select(Agent)).one()
        assert agent.last_assigned_at == datetime(2026, 1, 1, 9, tzinfo=UTC)
        assert agent.last_assigned_at.tzinfo is UTC


def test_naive_instants_are_refused(store: Store) -> None:
    from sqlalchemy.exc import StatementError

    from models import Agent

    with pytest.raises(StatementError) as caught, store.write() as session:
        session.add(Agent(handle="bruno", name="B", last_assigned_at=datetime(2026, 1, 1, 10)))
    assert isinstance(caught.value.orig, NaiveDateTimeError)


def test_head_read_from_file_names_agrees_with_alembic() -> None:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from console.migrate import MIGRATIONS_DIR, head_revision

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    script = ScriptDirectory.from_config(config)
    assert script.get_heads() == [head_revision()]
    revisions = [revision.revision for revision in script.walk_revisions()]
    assert revisions == sorted(revisions, reverse=True), "revisions are numbered in one line"
