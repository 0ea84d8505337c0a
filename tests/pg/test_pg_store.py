"""The team store on a real PostgreSQL server: migrations, aware instants, atomic writes."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from sqlmodel import select

from console.migrate import schema_status, upgrade
from console.store import Store, open_store
from models import Agent, AuditEvent, Setting
from models.tickets import UNASSIGNED_SORTS
from tests.factories import add_agent

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


def _told(watch: Any, *, within: float = 2.0) -> bool:
    """Whether the watch tells of a change within `within` seconds: PostgreSQL delivers a
    notification to a listener shortly after the commit, not with it."""
    deadline = time.monotonic() + within
    while True:
        if watch.changed():
            return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.05)


def test_a_console_sees_each_commit_and_only_commits(pg_url: str) -> None:
    """The queue and home re-read a team store when another console writes, not on a timer."""
    from console.changes import ChangeWatch

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
        assert _told(watch)  # two commits, one look
        assert not _told(watch, within=0.3)
        with pytest.raises(ValueError), other_console.write() as session:
            session.add(AuditEvent(action="x", subject_kind="y"))
            session.flush()
            raise ValueError("abort")
        with other_console.read() as session:
            session.exec(select(AuditEvent)).all()
        assert not _told(watch, within=0.3)  # a rollback or a read is no change
    finally:
        watch.close()
        other_console.dispose()
        store.dispose()


def test_who_has_a_ticket_open_is_not_a_change_a_list_shows(pg_url: str) -> None:
    from console.changes import ChangeWatch
    from console.tickets import heartbeat, leave
    from tests.signin_fixtures import NOW, add_customer, add_ticket

    store = Store(pg_url)
    upgrade(store)
    agent = add_agent(store, "amelie")
    ticket = add_ticket(store, add_customer(store))
    watch = ChangeWatch(store)
    try:
        assert watch.changed()
        heartbeat(store, agent, ticket, "viewing", now=NOW)
        heartbeat(store, agent, ticket, "replying", now=NOW)
        leave(store, agent, ticket)
        assert not _told(watch, within=0.3)
    finally:
        watch.close()
        store.dispose()


def test_a_lost_listener_listens_again_and_asks_for_one_re_read(pg_url: str) -> None:
    from sqlalchemy import text

    from console.changes import ChangeWatch

    store = Store(pg_url)
    upgrade(store)
    watch = ChangeWatch(store)
    try:
        assert watch.changed()
        with store.write() as session:  # the server ends every other session of the database
            session.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
            )
        # The loss shows at a look once the client has read the server's goodbye; then what
        # happened meanwhile is unknown, so the watch asks for one re-read.
        assert _told(watch)
        assert not _told(watch, within=0.3)  # listening again, nothing new
        with store.write() as session:
            session.add(AuditEvent(action="a", subject_kind="b"))
        assert _told(watch)
    finally:
        watch.close()
        store.dispose()


def test_a_dropped_console_connection_is_told_as_an_unreachable_store() -> None:
    import psycopg

    from console.crashes import explain_failure

    failure = explain_failure(psycopg.OperationalError("server closed the connection"))
    assert failure.store_unreachable
    assert failure.sentence == (
        "cannot reach the store (server closed the connection); check --db or GUICHET_DB"
    )
    assert failure.log_file is None
