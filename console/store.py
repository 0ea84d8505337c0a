"""The store: one engine per process, short transactions, `BEGIN IMMEDIATE` for SQLite writes.

SQLite is opened in WAL mode with foreign keys on and a busy timeout. A write transaction on
SQLite starts with `BEGIN IMMEDIATE`: a deferred `BEGIN` that reads and then writes cannot
upgrade its lock and fails at once with SQLITE_BUSY under concurrency. On PostgreSQL every
write transaction sends `NOTIFY guichet_changes`, which open consoles listen for
(`console.home.ChangeWatch`).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import event, text
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.exc import OperationalError
from sqlmodel import Session, create_engine

from console.errors import StoreUnavailable
from console.settings import describe_store

BUSY_TIMEOUT_MS = 5000
_WRITE = "guichet_write"
CHANGES_CHANNEL = "guichet_changes"
"""The PostgreSQL channel every write transaction notifies when it commits."""


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event own transaction start (see _on_begin).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        if connection.get_execution_options().get(_WRITE):
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            connection.exec_driver_sql("BEGIN")


def make_engine(url: str) -> Engine:
    """An engine for `url`; SQLite files get their folder created and the pragmas above."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False})
        _configure_sqlite(engine)
        return engine
    return create_engine(url, pool_pre_ping=True)


class Store:
    """The store of one Guichet process: reads and one-transaction writes."""

    def __init__(self, url: str, engine: Engine | None = None) -> None:
        self.url = url
        self.engine = engine or make_engine(url)

    @property
    def dialect(self) -> str:
        """`sqlite` or `postgresql`."""
        return self.engine.dialect.name

    @property
    def location(self) -> str:
        """Where the store is, for messages (no password)."""
        return describe_store(self.url)

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for reading; nothing is committed, and loaded objects outlive the block."""
        with self.engine.connect() as connection, Session(bind=connection) as session:
            yield session

    @contextmanager
    def write_connection(self) -> Iterator[Connection]:
        """A connection whose transactions are writes (`BEGIN IMMEDIATE` on SQLite)."""
        with self.engine.connect() as connection:
            connection.execution_options(**{_WRITE: True})
            yield connection

    @contextmanager
    def write(self, *, notify: bool = True) -> Iterator[Session]:
        """One transaction: committed when the block ends, rolled back if it raises.

        Without `notify`, open consoles are not told of it on PostgreSQL: for bookkeeping no
        list shows (who has a ticket open), written every few seconds by every console.
        """
        with (
            self.write_connection() as connection,
            Session(bind=connection, expire_on_commit=False) as session,
            session.begin(),
        ):
            yield session
            if notify and self.dialect == "postgresql":
                # Delivered at commit only, and once however many a transaction sends.
                session.execute(text(f"NOTIFY {CHANGES_CHANNEL}"))

    def dispose(self) -> None:
        """Close pooled connections."""
        self.engine.dispose()


def open_store(url: str, *, require_current: bool = True) -> Store:
    """Open the store at `url`; by default refuse a store whose schema is not current."""
    from console.migrate import schema_status

    store = Store(url)
    if require_current:
        try:
            status = schema_status(store)
        except OperationalError as error:
            raise StoreUnavailable(
                f"cannot reach the store at {store.location} ({error.orig}); "
                "check --db or GUICHET_DB"
            ) from None
        if not status.is_current:
            store.dispose()
            if status.current is None:
                hint = "create it with `guichet demo` or `guichet db upgrade`"
            else:
                hint = "upgrade it with `guichet db upgrade`"
            raise StoreUnavailable(
                f"the store at {store.location} is at schema {status.current or 'none'}, "
                f"this Guichet needs {status.head}: {hint}"
            )
    return store
