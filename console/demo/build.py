"""Building a demo store: what is there already, a fast bulk load, and the swap into place.

SQLite: the store is built in a temporary file beside the target (8 KiB pages, migrated,
secondary indexes dropped, rows inserted with `executemany` in one transaction with the
journal and fsync off, the same indexes recreated from their own SQL, WAL switched back on),
then moved over the target. A crash half-way leaves the old store untouched.

PostgreSQL: one transaction empties every table, loads the rows with `COPY` and moves the id
sequences past the loaded ids.

Large builds use both cores: a child process makes the rows (the one generator of
`console.demo.rows`) and sends them as `marshal`led batches through a pipe while this process
writes the previous batch. Threads would not do: the generator holds the GIL, and the
database driver gives it up and takes it back for every row.
"""

from __future__ import annotations

import json
import marshal
import multiprocessing
import os
import sqlite3
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final

from console.demo.plan import Batch, DemoPlan, Row, anchor_of
from console.demo.rows import DEMO_MARKER_KEY, closing_rows, generate_rows
from console.errors import BadInput, Refused, StoreUnavailable
from console.i18n import _

DEMO_PASSWORD: Final = "guichet-demo"
# (fraction done, stage) → None; stages: "rows", "indexes", "search", "done".
ProgressCallback = Callable[[float, str], None]
Writer = Callable[[str, tuple[str, ...], list[Row]], None]

# Below this many tickets a second process costs more than it saves.
PARALLEL_FROM_TICKETS: Final = 50_000
SQLITE_PAGE_SIZE: Final = 8192  # measured: bulk inserts and index builds ~20 % faster than 4 KiB
# Tables whose rows mean "somebody uses this store".
_DATA_TABLES: Final = ("agent", "account", "ticket")


@dataclass(frozen=True)
class StoreState:
    """What a store holds before a demo is built into it."""

    kind: str  # "empty" (missing, no tables or no rows), "demo" or "other"
    marker: dict[str, Any] | None = None

    @property
    def has_data(self) -> bool:
        """True when the store holds anything (demo or not)."""
        return self.kind != "empty"


@dataclass(frozen=True)
class DemoSummary:
    """What `build_demo` made."""

    location: str
    seed: int
    tickets: int
    anchor: datetime
    seconds: float
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def rows(self) -> int:
        """Every row written."""
        return sum(self.counts.values())


def _is_sqlite(url: str) -> bool:
    return url.startswith("sqlite")


def _sqlite_path(url: str) -> Path:
    from sqlalchemy.engine import make_url

    database = make_url(url).database
    if not database or database == ":memory:":
        raise BadInput(
            _("a demo store needs a file or a PostgreSQL database, not {url}; pass --db PATH")
            .format(url=url)
        )  # fmt: skip
    return Path(database)


def inspect_store(url: str) -> StoreState:
    """Whether the store at `url` is missing or empty, a demo store, or somebody's data."""
    if _is_sqlite(url):
        return _inspect_sqlite(_sqlite_path(url))
    from sqlalchemy import inspect, text
    from sqlalchemy.exc import OperationalError

    from console.settings import describe_store
    from console.store import Store

    store = Store(url)
    try:
        with store.engine.connect() as connection:
            tables = set(inspect(connection).get_table_names())
            return _classify(tables, lambda sql: list(connection.execute(text(sql)).all()))
    except OperationalError as error:
        raise StoreUnavailable(
            _("cannot reach the store at {where} ({error}); check --db or GUICHET_DB").format(
                where=describe_store(url), error=error.orig
            )
        ) from None
    finally:
        store.dispose()


def _inspect_sqlite(path: Path) -> StoreState:
    if not path.exists() or path.stat().st_size == 0:
        return StoreState("empty")
    # Read-only, so that looking at a file that is not ours changes nothing in it.
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        names = connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        tables = {row[0] for row in names}
        return _classify(tables, lambda sql: connection.execute(sql).fetchall())
    except sqlite3.DatabaseError as error:
        raise Refused(
            _("{path} is not a Guichet store ({error}); choose another --db").format(
                path=path, error=error
            )
        ) from None
    finally:
        connection.close()


def _classify(tables: set[str], query: Callable[[str], list[Any]]) -> StoreState:
    if "setting" in tables:
        rows = query(f"SELECT value FROM setting WHERE key = '{DEMO_MARKER_KEY}'")
        if rows:
            value = rows[0][0]
            marker = json.loads(value) if isinstance(value, str) else value
            return StoreState("demo", marker if isinstance(marker, dict) else {})
    for table in _DATA_TABLES:
        if table in tables and query(f"SELECT 1 FROM {table} LIMIT 1"):
            return StoreState("other")
    return StoreState("empty")


def build_demo(
    url: str,
    *,
    tickets: int,
    seed: int,
    now: datetime | None = None,
    force: bool = False,
    progress: ProgressCallback | None = None,
    parallel: bool | None = None,
) -> DemoSummary:
    """Build (or rebuild) the demo marketplace at `url`; refuse other data unless `force`.

    The content is a pure function of (`seed`, `tickets`, the UTC hour of `now`); `now`
    defaults to the current instant and is also recorded in the demo marker. `parallel`
    makes the rows in a second process (default: for 50 000 tickets and more); the rows are
    the same either way.
    """
    from console.passwords import hash_password
    from console.settings import describe_store

    if tickets < 1:
        raise BadInput(_("--tickets must be at least 1, not {n}").format(n=tickets))
    state = inspect_store(url)
    location = describe_store(url)
    if state.kind == "other" and not force:
        raise Refused(
            _(
                "the store at {where} holds data and is not a demo store; "
                "use another --db, or --force to replace its content with the demo"
            ).format(where=location)
        )
    built_at = (now or datetime.now(UTC)).astimezone(UTC)
    plan = DemoPlan(seed=seed, tickets=tickets, anchor=anchor_of(built_at))
    report = progress or (lambda fraction, stage: None)
    started = time.perf_counter()
    # Hashing is deliberately slow: hash the demo password once and share the hash.
    password_hash = hash_password(DEMO_PASSWORD)
    if parallel is None:
        parallel = tickets >= PARALLEL_FROM_TICKETS
    rows = _Rows(plan, built_at, password_hash, parallel)
    if _is_sqlite(url):
        counts = _build_sqlite(_sqlite_path(url), rows, report)
    else:
        counts = _build_postgresql(url, rows, report)
    report(1.0, "done")
    return DemoSummary(
        location=location,
        seed=seed,
        tickets=tickets,
        anchor=plan.anchor,
        seconds=time.perf_counter() - started,
        counts=counts,
    )


@dataclass(frozen=True)
class _Rows:
    """Where the rows of one build come from: this process or a child process."""

    plan: DemoPlan
    built_at: datetime
    password_hash: str
    parallel: bool

    def batches(self, suffix: str) -> Iterator[Batch]:
        """Every batch, with instants ending in `suffix`."""
        if self.parallel:
            return _from_child_process(self, suffix)
        return _all_rows(self, suffix)


def _all_rows(rows: _Rows, suffix: str) -> Iterator[Batch]:
    yield from generate_rows(rows.plan, password_hash=rows.password_hash, timestamp_suffix=suffix)
    yield from closing_rows(rows.plan, rows.built_at, suffix)


def _produce(rows: _Rows, suffix: str, sender: Any) -> None:
    """The child process: make every batch and send it, then `None` (or the error's text)."""
    try:
        for batch in _all_rows(rows, suffix):
            sender.send_bytes(marshal.dumps(batch))
        sender.send_bytes(marshal.dumps(None))
    except BrokenPipeError:
        pass  # the parent gave up; nothing to tell it
    except BaseException as error:
        with suppress(BrokenPipeError):
            sender.send_bytes(marshal.dumps(f"{type(error).__name__}: {error}"))
    finally:
        sender.close()


def _from_child_process(rows: _Rows, suffix: str) -> Iterator[Batch]:
    # fork starts at once and needs no re-import; elsewhere spawn is the safe choice.
    context: Any = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(
        target=_produce, args=(rows, suffix, sender), name="guichet-demo-rows", daemon=True
    )
    child.start()
    sender.close()
    try:
        while True:
            item = marshal.loads(receiver.recv_bytes())
            if item is None:
                return
            if isinstance(item, str):
                raise RuntimeError(f"the demo row generator failed: {item}")
            table, columns, batch = item
            yield table, tuple(columns), batch
    finally:
        receiver.close()
        child.join(timeout=5)
        if child.is_alive():
            child.terminate()
            child.join()


def _load(
    batches: Iterator[Batch], write: Writer, plan: DemoPlan, report: ProgressCallback, share: float
) -> dict[str, int]:
    counts: dict[str, int] = {}
    done = 0
    for table, columns, rows in batches:
        if rows:
            write(table, columns, rows)
            counts[table] = counts.get(table, 0) + len(rows)
            done += len(rows)
            report(min(done / plan.expected_rows, 1.0) * share, "rows")
    return counts


def _quoted(names: tuple[str, ...] | list[str]) -> str:
    return ", ".join(f'"{name}"' for name in names)


def _build_sqlite(target: Path, rows: _Rows, report: ProgressCallback) -> dict[str, int]:
    from console.migrate import upgrade
    from console.settings import sqlite_url
    from console.store import Store, open_store

    target.parent.mkdir(parents=True, exist_ok=True)
    building = target.with_name(f".{target.name}.demo-{os.getpid()}")
    _remove_sqlite_files(building)
    try:
        connection = sqlite3.connect(building, isolation_level=None)
        connection.execute(f"PRAGMA page_size = {SQLITE_PAGE_SIZE}")
        connection.execute("VACUUM")  # writes the header, so the page size sticks
        connection.close()
        fresh = Store(sqlite_url(building))
        try:
            upgrade(fresh)
        finally:
            fresh.dispose()
        connection = sqlite3.connect(building, isolation_level=None)
        try:
            counts = _bulk_load_sqlite(connection, rows, report)
        finally:
            connection.close()
        # An old WAL beside the target would be replayed onto the new file: remove it first.
        _remove_sqlite_files(target)
        os.replace(building, target)
    finally:
        _remove_sqlite_files(building)
    # Open it the normal way once: WAL on, schema at head.
    open_store(sqlite_url(target)).dispose()
    return counts


def _bulk_load_sqlite(
    connection: sqlite3.Connection, rows: _Rows, report: ProgressCallback
) -> dict[str, int]:
    from console.demo.search_index import SearchBuild
    from console.search import drop_search_triggers

    # Nothing else can see this file yet: no journal, no fsync, one big transaction.
    for pragma in (
        "journal_mode = OFF",
        "synchronous = OFF",
        "locking_mode = EXCLUSIVE",
        "temp_store = MEMORY",
        "cache_size = -262144",
        "threads = 2",  # index builds may sort on a second core
    ):
        connection.execute(f"PRAGMA {pragma}")
    # Filling tables without their secondary indexes and building them at the end is faster
    # than keeping them up to date row by row; recreating them from their own SQL keeps them
    # identical to the migration's.
    indexes = connection.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
    ).fetchall()
    for name, _sql in indexes:
        connection.execute(f'DROP INDEX "{name}"')
    statements: dict[str, str] = {}

    def write(table: str, columns: tuple[str, ...], batch: list[Row]) -> None:
        statement = statements.get(table)
        if statement is None:
            marks = ", ".join("?" * len(columns))
            statement = statements[table] = (
                f'INSERT INTO "{table}" ({_quoted(columns)}) VALUES ({marks})'
            )
        connection.executemany(statement, batch)

    # Likewise the full-text index: triggers re-reading a ticket's document on every message
    # would dominate the load. It is built once, by a second process, while this one builds
    # the secondary indexes (see console/demo/search_index.py).
    drop_search_triggers(connection)
    connection.execute("BEGIN")
    counts = _load(rows.batches(""), write, rows.plan, report, 0.70)
    connection.execute("COMMIT")
    # Let the search builder read the file: release the exclusive lock, and wait for its
    # read to end when an index is committed.
    connection.execute("PRAGMA locking_mode = NORMAL")
    connection.execute("PRAGMA busy_timeout = 600000")
    connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    search = SearchBuild(Path(connection.execute("PRAGMA database_list").fetchone()[2]))
    try:
        for number, (_name, sql) in enumerate(indexes, start=1):
            connection.execute(sql)
            report(0.70 + 0.15 * number / len(indexes), "indexes")
        report(0.85, "search")
        search.adopt(connection)
    except BaseException:
        search.abandon()
        raise
    connection.execute("PRAGMA journal_mode = WAL")
    return counts


def _remove_sqlite_files(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        with suppress(FileNotFoundError):
            Path(f"{path}{suffix}").unlink()


def _build_postgresql(url: str, rows: _Rows, report: ProgressCallback) -> dict[str, int]:
    from sqlmodel import SQLModel

    import models  # noqa: F401  (registers every table)
    from console.migrate import upgrade
    from console.store import Store

    store = Store(url)
    try:
        upgrade(store)
        tables = [table.name for table in SQLModel.metadata.sorted_tables]
        raw = store.engine.raw_connection()
        try:
            connection: Any = raw.driver_connection
            with connection.cursor() as cursor:
                # One transaction: the old content disappears only if the new one is complete.
                cursor.execute(f"TRUNCATE {_quoted(tables)} RESTART IDENTITY CASCADE")

                def write(table: str, columns: tuple[str, ...], batch: list[Row]) -> None:
                    with cursor.copy(f'COPY "{table}" ({_quoted(columns)}) FROM STDIN') as copy:
                        for row in batch:
                            copy.write_row(row)

                counts = _load(rows.batches("+00"), write, rows.plan, report, 0.95)
                for table in tables:
                    if "id" in SQLModel.metadata.tables[table].columns:
                        cursor.execute(
                            f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), "
                            f'COALESCE(MAX(id), 1), MAX(id) IS NOT NULL) FROM "{table}"'
                        )
            connection.commit()
        except BaseException:
            raw.rollback()
            raise
        finally:
            raw.close()
    finally:
        store.dispose()
    return counts
