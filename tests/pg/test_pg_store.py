"""The team store on a real PostgreSQL server: migrations, aware instants, atomic writes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlmodel import select

from console.migrate import schema_status, upgrade
from console.store import Store, open_store
from models import Agent, AuditEvent, Setting
from models.tickets import UNASSIGNED_SORTS

pytestmark = pytest.mark.pg


def test_migrates_to_head_and_opens(pg_url: str) -> None:
    store = Store(pg_url)
    assert schema_status(store).current is None
    assert upgrade(store).is_current
    assert open_store(pg_url).dialect == "postgresql"


def test_unassigned_sort_indexes_are_partial(pg_url: str) -> None:
    """The models name their condition for SQLite only (see `unassigned_sort_indexes`)."""
    store = Store(pg_url)
    upgrade(store)
    with store.read() as session:
        created: dict[str, str] = dict(
            session.connection()
            .exec_driver_sql(
                "SELECT indexname, indexdef FROM pg_indexes "
                "WHERE indexname LIKE 'ix_ticket_unassigned_%%'"
            )
            .all()
        )
    assert set(created) == {f"ix_ticket_unassigned_{key}" for key in UNASSIGNED_SORTS}
    for definition in created.values():
        assert definition.endswith("WHERE (COALESCE(assignee_id, assignee_id) IS NULL)"), definition


def test_upgrade_twice_keeps_data(pg_url: str) -> None:
    store = Store(pg_url)
    upgrade(store)
    with store.write() as session:
        session.add(Setting(key="team.timezone", value="Europe/Amsterdam"))
    upgrade(store)
    with store.read() as session:
        assert session.get(Setting, "team.timezone") is not None


def test_instants_round_trip_in_utc(pg_url: str) -> None:
    store = Store(pg_url)
    upgrade(store)
    at = datetime(2026, 3, 29, 3, 30, tzinfo=timezone(timedelta(hours=2)))
    with store.write() as session:
        session.add(Agent(handle="amelie", name="Amélie", last_assigned_at=at))
    with store.read() as session:
        agent = session.exec(select(Agent)).one()
    assert agent.last_assigned_at == datetime(2026, 3, 29, 1, 30, tzinfo=UTC)
    assert agent.languages == []


def test_failed_write_leaves_nothing(pg_url: str) -> None:
    store = Store(pg_url)
    upgrade(store)
    with pytest.raises(ValueError), store.write() as session:
        session.add(AuditEvent(action="x", subject_kind="y"))
        session.flush()
        raise ValueError("abort")
    with store.read() as session:
        assert session.exec(select(AuditEvent)).all() == []
