"""The demo's full-text index, built by a second process while the first builds the indexes.

After the bulk load, the secondary indexes and the full-text index are each a long,
single-threaded job. A child process reads every ticket's document from the freshly loaded
file, indexes it into a file of its own (an FTS5 table of the same definition, without
content), and the builder then adopts that index's shadow tables. FTS5 keeps nothing in them
that depends on where the content lives, so the adopted index is the one `rebuild` would make;
the demo tests run FTS5's own integrity check on it.
"""

from __future__ import annotations

import multiprocessing
import sqlite3
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

SHADOW_SUFFIXES = ("data", "idx", "docsize", "config")
_BATCH = 20_000


def _contentless_definition() -> str:
    from console.search import SQLITE_TABLE

    return SQLITE_TABLE.replace(
        "content='ticket_search_document', content_rowid='id'", "content=''"
    )


def _documents(source: Path) -> list[tuple[int, str, str, str]]:
    """Every ticket's document, as the `ticket_search_document` view makes it."""
    connection = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        connection.execute("PRAGMA busy_timeout = 600000")
        bodies: dict[int, list[tuple[str, str]]] = {}
        for ticket_id, kind, body in connection.execute(
            "SELECT ticket_id, kind, body FROM message"
        ):
            bodies.setdefault(ticket_id, []).append((kind, body))
        documents = []
        for ticket_id, subject, answer in connection.execute(
            "SELECT id, subject, ai_answer FROM ticket"
        ):
            messages = "\n".join(
                body
                for kind, body in bodies.get(ticket_id, ())
                if not (kind == "ai_assistant" and body == answer)
            )
            documents.append((ticket_id, subject, answer, messages))
        return documents
    finally:
        connection.close()  # release the read lock before the long part


def _batches(documents: list[tuple[int, str, str, str]]) -> Iterator[list[Any]]:
    for start in range(0, len(documents), _BATCH):
        yield documents[start : start + _BATCH]


def build_search_file(source: Path, target: Path) -> None:
    """Index every ticket of `source` into a new file `target` (run in a child process)."""
    documents = _documents(source)
    connection = sqlite3.connect(target, isolation_level=None)
    try:
        for pragma in ("journal_mode = OFF", "synchronous = OFF", "cache_size = -262144"):
            connection.execute(f"PRAGMA {pragma}")
        connection.execute(_contentless_definition())
        # Merging segments while loading costs more than it saves on a one-off build.
        connection.execute(
            "INSERT INTO ticket_search (ticket_search, rank) VALUES ('automerge', 0)"
        )
        connection.execute("BEGIN")
        for batch in _batches(documents):
            connection.executemany(
                "INSERT INTO ticket_search (rowid, subject, ai_answer, messages) "
                "VALUES (?, ?, ?, ?)",
                batch,
            )
        connection.execute("DELETE FROM ticket_search_config WHERE k = 'automerge'")
        connection.execute("COMMIT")
    finally:
        connection.close()


def _child(source: str, target: str) -> None:
    try:
        build_search_file(Path(source), Path(target))
    except BaseException as error:
        sys.stderr.write(f"guichet demo: the search index could not be built: {error}\n")
        raise SystemExit(1) from None


class SearchBuild:
    """A search index being built by a child process, to be adopted when it is done."""

    def __init__(self, source: Path) -> None:
        self.target = source.with_name(source.name + ".search")
        self.target.unlink(missing_ok=True)
        context: Any = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
        self._process = context.Process(
            target=_child, args=(str(source), str(self.target)), name="guichet-demo-search"
        )
        self._process.start()

    def adopt(self, connection: sqlite3.Connection) -> None:
        """Wait for the child, then copy its index into `connection`'s store (triggers back)."""
        from console.search import SQLITE_TRIGGERS, drop_search_triggers

        self._process.join()
        if self._process.exitcode != 0:
            self.target.unlink(missing_ok=True)
            raise RuntimeError("the demo's search index could not be built")
        drop_search_triggers(connection)
        connection.execute("ATTACH DATABASE ? AS built", (str(self.target),))
        try:
            connection.execute("BEGIN")
            for suffix in SHADOW_SUFFIXES:
                name = f"ticket_search_{suffix}"
                connection.execute(f"DELETE FROM main.{name}")
                connection.execute(f"INSERT INTO main.{name} SELECT * FROM built.{name}")
            connection.execute("COMMIT")
        finally:
            connection.execute("DETACH DATABASE built")
            self.target.unlink(missing_ok=True)
        for name, body in SQLITE_TRIGGERS.items():
            connection.execute(f"CREATE TRIGGER {name} {body}")

    def abandon(self) -> None:
        """Stop the child and remove its file (the build failed elsewhere)."""
        if self._process.is_alive():
            self._process.terminate()
        self._process.join()
        self.target.unlink(missing_ok=True)
