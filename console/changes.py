"""Whether the store changed since a screen last looked, cheaply enough to ask every second.

SQLite: `PRAGMA data_version` on one dedicated connection changes only when another connection
commits (a few µs to ask). PostgreSQL: a dedicated connection listens to the channel every write
transaction notifies (`console.store.CHANGES_CHANNEL`) and takes what arrived without waiting.

A busy team commits many times a second, and at a million tickets a queue re-counted on every
commit would spend its process on it: `ChangeWatch` answers True at most once every
`at_most_every` seconds, keeping what arrives meanwhile for its next answer. A screen that is
not shown still calls `note` on its timer, so that PostgreSQL's notifications do not pile up for
a listener that never reads them.
"""

from __future__ import annotations

import time
from typing import Any

from console.store import CHANGES_CHANNEL, Store


class ChangeWatch:
    """Tells whether another connection committed since the last True."""

    def __init__(self, store: Store, *, at_most_every: float = 0.0) -> None:
        self._store = store
        self.at_most_every = at_most_every
        """Seconds between two True answers, at least (0: every time something changed)."""
        self._connection: Any = None
        self._listener: Any = None
        self._listening = store.dialect == "postgresql"
        self._unreachable = False
        """The last attempt to listen failed, and the agent was told (by a re-read)."""
        self._version: int | None = None
        self._pending = True  # the first look always counts
        self._first = True
        self._answered_at = float("-inf")
        if store.dialect == "sqlite":
            self._connection = store.engine.raw_connection()

    @property
    def sees_commits(self) -> bool:
        """True where every commit is told (SQLite, PostgreSQL); elsewhere only time tells."""
        return self._connection is not None or self._listening

    def changed(self) -> bool:
        """True on the first look, and when another connection committed since the last True
        (no sooner than `at_most_every` seconds after it)."""
        first = self._first
        self._first = False
        self.note()
        now = time.monotonic()
        if not self._pending or now - self._answered_at < self.at_most_every:
            return False
        self._pending = False
        if not first:  # the first look reads what is there, not what others just wrote
            self._answered_at = now
        return True

    def note(self) -> None:
        """Take what was committed since the last look, to tell it at the next `changed`."""
        if self._connection is not None:
            self._pending |= self._data_version_moved()
        elif self._listening:
            self._pending |= self._notified()

    def _data_version_moved(self) -> bool:
        cursor = self._connection.cursor()
        try:
            cursor.execute("PRAGMA data_version")
            version = int(cursor.fetchone()[0])
        finally:
            cursor.close()
        moved = self._version is not None and version != self._version
        self._version = version
        return moved

    def _notified(self) -> bool:
        import psycopg

        if self._listener is not None:
            try:
                return sum(1 for _notification in self._listener.notifies(timeout=0)) > 0
            except psycopg.Error:
                # The server closed it (restart, fail-over, idle timeout): listen again now.
                self.close_listener()
        try:
            self._listener = _listen(self._store)
        except psycopg.Error:
            # The store cannot be reached: one re-read tells the agent so, and the next looks
            # try again quietly.
            told, self._unreachable = self._unreachable, True
            return not told
        # Listening (again): what was committed while nobody listened is unknown.
        self._unreachable = False
        return True

    def close_listener(self) -> None:
        """Drop the listening connection (the next look opens another)."""
        if self._listener is not None:
            import contextlib

            with contextlib.suppress(Exception):
                self._listener.close()
            self._listener = None

    def close(self) -> None:
        """Give the dedicated connections back."""
        if self._connection is not None:
            self._connection.close()
            self._connection = None
        self.close_listener()
        self._listening = False


def _listen(store: Store) -> Any:
    """A connection of its own, outside the pool, listening to the store's changes."""
    import psycopg

    args, kwargs = store.engine.dialect.create_connect_args(store.engine.url)
    listener = psycopg.connect(*args, **kwargs, autocommit=True)
    listener.execute(f"LISTEN {CHANGES_CHANNEL}")
    return listener
