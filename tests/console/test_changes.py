"""Whether the store changed: every commit of another connection is seen, and told no more
often than a screen can afford to re-read."""

from __future__ import annotations

import pytest

from console.changes import ChangeWatch
from console.store import Store
from tests.factories import add_agent


def test_the_watch_sees_commits_of_other_connections(store: Store) -> None:
    watch = ChangeWatch(store)
    try:
        assert watch.sees_commits
        assert watch.changed()  # the first look always counts
        assert not watch.changed()
        add_agent(store, "amelie")
        assert watch.changed()
        assert not watch.changed()
    finally:
        watch.close()


def test_a_busy_store_is_told_at_most_so_often_and_nothing_is_lost(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = [1000.0]
    monkeypatch.setattr("console.changes.time.monotonic", lambda: clock[0])
    watch = ChangeWatch(store, at_most_every=2.0)
    try:
        assert watch.changed()  # the first look
        add_agent(store, "amelie")
        clock[0] += 0.5
        assert watch.changed()  # a first commit is told at once
        add_agent(store, "bob")
        clock[0] += 1.0
        assert not watch.changed()  # too soon after that re-read: kept for later
        clock[0] += 1.0
        assert watch.changed()  # the commit seen a second ago, told now
        clock[0] += 5.0
        assert not watch.changed()  # nothing new
    finally:
        watch.close()


def test_a_hidden_screen_notes_commits_for_its_return(store: Store) -> None:
    watch = ChangeWatch(store)
    try:
        assert watch.changed()
        add_agent(store, "amelie")
        watch.note()  # under a ticket: read, not told
        watch.note()
        assert watch.changed()
        assert not watch.changed()
    finally:
        watch.close()


class _TeamStore:
    """What the watch asks of a PostgreSQL store, without one."""

    dialect = "postgresql"


class _Listener:
    def notifies(self, *, timeout: float) -> list[object]:
        return []

    def close(self) -> None:
        pass


def test_an_unreachable_team_store_is_told_once_then_tried_again_quietly(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import psycopg

    attempts: list[object] = []

    def refuse(store: object) -> None:
        attempts.append(store)
        raise psycopg.OperationalError("connection refused")

    monkeypatch.setattr("console.changes._listen", refuse)
    watch = ChangeWatch(_TeamStore())  # type: ignore[arg-type]
    assert watch.changed()  # the first look, and one re-read that says the store is away
    assert not watch.changed()
    assert not watch.changed()
    assert len(attempts) == 3  # tried again at every look
    monkeypatch.setattr("console.changes._listen", lambda store: _Listener())
    assert watch.changed()  # back: what was committed meanwhile is unknown, so re-read
    assert not watch.changed()
