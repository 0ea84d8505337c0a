"""Full-text search over tickets: subjects, AI answers and every message of the thread.

SQLite: an FTS5 table `ticket_search` keyed by ticket id, with external content read from the
view `ticket_search_document` (one document per ticket: subject, AI answer, messages; the AI
answer's copy in the thread is not indexed twice). `detail='column'`: words are matched, not
phrases, for an index built ~20 % faster and smaller. Triggers
keep it in sync: a message written to a ticket re-indexes that ticket's document (the old one is
deleted in a BEFORE trigger, while the view still shows it, the new one inserted AFTER).

PostgreSQL (team mode): two `tsvector` expression GIN indexes, on the ticket's subject and AI
answer and on message bodies; a search is the union of both, by ticket id.

Ranking, as measured: bm25 over a word in most documents costs ~200 ms at a million tickets,
so a query matching more than `SELECTIVE_UP_TO` tickets is ranked by recency (the FTS rowid is
the ticket id: `ORDER BY rowid DESC` walks the index backwards and stops), a selective one by
bm25, subject weighted above the rest.

Bulk loads (the demo) should not fire the triggers row by row: call `drop_search_triggers`
before loading and `rebuild_search_index` after the secondary indexes are back.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from sqlalchemy import text

from console.store import Store

SELECTIVE_UP_TO = 2000
"""A query matching at most this many tickets is ranked by bm25, a commoner one by recency."""

SEARCH_LIMIT = 1000
"""How many matching tickets the queue shows for a search (the best-ranked)."""

FTS_TABLE = "ticket_search"
DOCUMENT_VIEW = "ticket_search_document"

# Frozen copies of these statements live in migrations/versions/0002_full_text_search.py;
# tests/console/test_search.py checks that both give the same schema.
SQLITE_VIEW = """
CREATE VIEW ticket_search_document (id, subject, ai_answer, messages) AS
SELECT t.id, t.subject, t.ai_answer,
       coalesce((SELECT group_concat(m.body, char(10)) FROM message AS m
                 WHERE m.ticket_id = t.id
                   AND NOT (m.kind = 'ai_assistant' AND m.body = t.ai_answer)), '')
FROM ticket AS t
"""

SQLITE_TABLE = """
CREATE VIRTUAL TABLE ticket_search USING fts5(
    subject, ai_answer, messages,
    content='ticket_search_document', content_rowid='id',
    tokenize='unicode61 remove_diacritics 2', detail='column'
)
"""

_DELETE = """
    INSERT INTO ticket_search (ticket_search, rowid, subject, ai_answer, messages)
    SELECT 'delete', id, subject, ai_answer, messages FROM ticket_search_document
    WHERE id {where};"""
_INSERT = """
    INSERT INTO ticket_search (rowid, subject, ai_answer, messages)
    SELECT id, subject, ai_answer, messages FROM ticket_search_document
    WHERE id {where};"""

SQLITE_TRIGGERS: dict[str, str] = {
    "ticket_search_ticket_inserted": "AFTER INSERT ON ticket BEGIN"
    + _INSERT.format(where="= new.id")
    + "\nEND",
    "ticket_search_ticket_changing": "BEFORE UPDATE OF subject, ai_answer ON ticket BEGIN"
    + _DELETE.format(where="= old.id")
    + "\nEND",
    "ticket_search_ticket_changed": "AFTER UPDATE OF subject, ai_answer ON ticket BEGIN"
    + _INSERT.format(where="= new.id")
    + "\nEND",
    "ticket_search_ticket_deleting": "BEFORE DELETE ON ticket BEGIN"
    + _DELETE.format(where="= old.id")
    + "\nEND",
    "ticket_search_message_inserting": "BEFORE INSERT ON message BEGIN"
    + _DELETE.format(where="= new.ticket_id")
    + "\nEND",
    "ticket_search_message_inserted": "AFTER INSERT ON message BEGIN"
    + _INSERT.format(where="= new.ticket_id")
    + "\nEND",
    "ticket_search_message_changing": "BEFORE UPDATE OF body, ticket_id ON message BEGIN"
    + _DELETE.format(where="IN (old.ticket_id, new.ticket_id)")
    + "\nEND",
    "ticket_search_message_changed": "AFTER UPDATE OF body, ticket_id ON message BEGIN"
    + _INSERT.format(where="IN (old.ticket_id, new.ticket_id)")
    + "\nEND",
    "ticket_search_message_deleting": "BEFORE DELETE ON message BEGIN"
    + _DELETE.format(where="= old.ticket_id")
    + "\nEND",
    "ticket_search_message_deleted": "AFTER DELETE ON message BEGIN"
    + _INSERT.format(where="= old.ticket_id")
    + "\nEND",
}
"""Trigger name → body (after `CREATE TRIGGER name`), keeping the index in step with writes."""

POSTGRESQL_TICKET_VECTOR = "to_tsvector('simple'::regconfig, subject || ' ' || ai_answer)"
POSTGRESQL_MESSAGE_VECTOR = "to_tsvector('simple'::regconfig, body)"
POSTGRESQL_INDEXES: dict[str, str] = {
    "ix_ticket_search": f"ON ticket USING gin (({POSTGRESQL_TICKET_VECTOR}))",
    "ix_message_search": f"ON message USING gin (({POSTGRESQL_MESSAGE_VECTOR}))",
}
"""Index name → definition (after `CREATE INDEX name`)."""

_WORD = re.compile(r"\w+\*?")


def fts_query(query: str) -> str:
    """The FTS5 expression for what an agent typed: every word must appear (AND).

    Each word is quoted, so FTS5 operators and punctuation in the input are inert; a word
    ending in `*` matches as a prefix. Empty when the input has no word.
    """
    terms = []
    for word in _WORD.findall(query):
        prefix = word.endswith("*")
        bare = word.rstrip("*")
        if bare:
            terms.append(f'"{bare}"*' if prefix else f'"{bare}"')
    return " ".join(terms)


def _words(query: str) -> str:
    return " ".join(word.rstrip("*") for word in _WORD.findall(query) if word.rstrip("*"))


def _execute(connection: Any, statement: str) -> None:
    """Run one DDL statement on a DB-API connection or a SQLAlchemy connection."""
    if hasattr(connection, "exec_driver_sql"):
        connection.exec_driver_sql(statement)
    else:
        connection.execute(statement)


def create_search_schema(connection: Any, dialect: str = "sqlite") -> None:
    """Create the search index, its triggers (SQLite) and fill it from the rows there are."""
    if dialect == "postgresql":
        for name, definition in POSTGRESQL_INDEXES.items():
            _execute(connection, f"CREATE INDEX IF NOT EXISTS {name} {definition}")
        return
    _execute(connection, SQLITE_VIEW)
    _execute(connection, SQLITE_TABLE)
    rebuild_search_index(connection)


def drop_search_schema(connection: Any, dialect: str = "sqlite") -> None:
    """Remove the search index (and on SQLite its triggers and document view)."""
    if dialect == "postgresql":
        for name in POSTGRESQL_INDEXES:
            _execute(connection, f"DROP INDEX IF EXISTS {name}")
        return
    drop_search_triggers(connection)
    _execute(connection, f"DROP TABLE IF EXISTS {FTS_TABLE}")
    _execute(connection, f"DROP VIEW IF EXISTS {DOCUMENT_VIEW}")


def drop_search_triggers(connection: Any) -> None:
    """SQLite: stop keeping the index in step (before a bulk load; see `rebuild_search_index`).

    `connection` is a `sqlite3.Connection` or a SQLAlchemy connection.
    """
    for name in SQLITE_TRIGGERS:
        _execute(connection, f"DROP TRIGGER IF EXISTS {name}")


def rebuild_search_index(connection: Any) -> None:
    """SQLite: re-read every ticket's document into the index and put the triggers back.

    Call it after a bulk load made with `drop_search_triggers`, once the secondary indexes
    exist (each document reads its messages through `ix_message_ticket_at`).
    `connection` is a `sqlite3.Connection` or a SQLAlchemy connection.
    """
    drop_search_triggers(connection)
    _execute(connection, f"INSERT INTO {FTS_TABLE} ({FTS_TABLE}) VALUES ('rebuild')")
    for name, body in SQLITE_TRIGGERS.items():
        _execute(connection, f"CREATE TRIGGER {name} {body}")


def has_search_index(store: Store) -> bool:
    """True when the store has the full-text index (migration 0002 applied)."""
    from sqlalchemy import inspect

    with store.engine.connect() as connection:
        if store.dialect == "sqlite":
            found = connection.exec_driver_sql(
                "SELECT 1 FROM sqlite_master WHERE name = ?", (FTS_TABLE,)
            ).first()
            return found is not None
        indexes = inspect(connection).get_indexes("ticket")
        return any(index["name"] == "ix_ticket_search" for index in indexes)


def search_ids(
    store: Store,
    query: str,
    limit: int = 100,
    *,
    within: Sequence[Any] = (),
) -> list[int]:
    """Ids of the tickets matching every word of `query`, best first, at most `limit`.

    `within` are extra WHERE clauses on `ticket` (a queue view's conditions): matches are
    restricted to the tickets they select. Common words come back newest first, selective
    ones by relevance.
    """
    if store.dialect == "postgresql":
        return _search_postgresql(store, query, limit, within)
    expression = fts_query(query)
    if not expression or limit <= 0:
        return []
    if within:
        return _search_sqlite_within(store, expression, limit, within)
    with store.engine.connect() as connection:
        matches = connection.execute(
            text(
                f"SELECT count(*) FROM (SELECT rowid FROM {FTS_TABLE} "
                f"WHERE {FTS_TABLE} MATCH :q LIMIT :cap)"
            ),
            {"q": expression, "cap": SELECTIVE_UP_TO + 1},
        ).scalar_one()
        if matches > SELECTIVE_UP_TO:
            ranked = "ORDER BY rowid DESC"
        else:
            ranked = f"ORDER BY bm25({FTS_TABLE}, 4.0, 1.0, 1.0), rowid DESC"
        rows = connection.execute(
            text(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :q {ranked} LIMIT :n"),
            {"q": expression, "n": limit},
        ).all()
    return [int(row[0]) for row in rows]


def _search_sqlite_within(
    store: Store, expression: str, limit: int, within: Sequence[Any]
) -> list[int]:
    from sqlalchemy import column, select, table
    from sqlmodel import col

    from models import Ticket

    fts = table(FTS_TABLE, column("rowid"))
    match = text(f"{FTS_TABLE} MATCH :q").bindparams(q=expression)
    statement = (
        select(col(Ticket.id))
        .select_from(fts)
        .join(Ticket.__table__, col(Ticket.id) == fts.c.rowid)  # type: ignore[attr-defined]
        .where(match, *within)
        .order_by(fts.c.rowid.desc())
        .limit(limit)
    )
    with store.read() as session:
        return [int(row[0]) for row in session.execute(statement).all()]


def _search_postgresql(store: Store, query: str, limit: int, within: Sequence[Any]) -> list[int]:
    from sqlalchemy import and_, literal_column, select, union
    from sqlmodel import col

    from models import Message, Ticket

    words = _words(query)
    if not words or limit <= 0:
        return []
    tsquery = text("plainto_tsquery('simple', :q)").bindparams(q=words)
    in_ticket: Any = select(col(Ticket.id).label("id")).where(
        literal_column(POSTGRESQL_TICKET_VECTOR).op("@@")(tsquery)
    )
    in_messages: Any = select(col(Message.ticket_id).label("id")).where(
        literal_column(POSTGRESQL_MESSAGE_VECTOR).op("@@")(tsquery)
    )
    matched = union(in_ticket, in_messages).subquery()
    statement = select(matched.c.id)
    if within:
        statement = statement.join(Ticket, col(Ticket.id) == matched.c.id).where(and_(*within))
    statement = statement.order_by(matched.c.id.desc()).limit(limit)
    with store.read() as session:
        return [int(row[0]) for row in session.execute(statement).all()]
