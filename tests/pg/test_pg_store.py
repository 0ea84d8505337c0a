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


def test_a_console_sees_each_commit_and_only_commits(pg_url: str) -> None:
    """The queue and home re-read a team store when another console writes, not on a timer."""
    from console.home import ChangeWatch

    store = Store(pg_url)
    upgrade(store)
    other_console = Store(pg_url)
    watch = ChangeWatch(store)
    try:
        assert watch.sees_commits
        assert watch.changed()  # the first look always counts
        assert not watch.changed()
        with other_console.write() as session:
            session.add(AuditEvent(action="a", subject_kind="b"))
        with other_console.write() as session:
            session.add(AuditEvent(action="c", subject_kind="d"))
        assert watch.changed()  # two commits, one look
        assert not watch.changed()
        with pytest.raises(ValueError), other_console.write() as session:
            session.add(AuditEvent(action="x", subject_kind="y"))
            session.flush()
            raise ValueError("abort")
        with other_console.read() as session:
            session.exec(select(AuditEvent)).all()
        assert not watch.changed()  # a rollback or a read is no change
    finally:
        watch.close()
        other_console.dispose()
        store.dispose()
