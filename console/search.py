"""Full-text search over tickets: subjects, AI answers and every message of the thread.

SQLite: an FTS5 table `ticket_search` keyed by ticket id, with external content read from the
view `ticket_search_document` (one document per ticket: subject, AI answer, messages; the AI
answer's copy in the thread is not indexed twice). `detail='column'`: words are matched, not
phrases, for an index built ~20 % faster and smaller. Triggers
keep it in sync: a message written to a ticket re-indexes that ticket's document (the old one is
deleted in a BEFORE trigger, while the view still shows it, the new one inserted AFTER).

PostgreSQL (team mode): two `tsvector` expression GIN indexes, on the ticket's subject and AI
answer and on message bodies. There is no document per ticket there, so a ticket matches when
each word is somewhere in it (subject, AI answer or any message): the words are matched one by
one and the matches intersected by ticket id, as FTS5 does over its one document.

Both stores take the same words from what an agent typed (`query_words`): runs of letters and
digits, a trailing `*` making a word a prefix; everything else separates words and is never
syntax (FTS5 gets quoted strings, PostgreSQL quoted lexemes for `to_tsquery`).

Both fold accents alike: "recu" finds "reçu" and "reçu" finds "recu". FTS5's tokenizer
(unicode61, remove_diacritics 2) turns a letter made of an ASCII letter and accents into that
letter (é, É, ç, ñ, ü, ą, ę, ś, ź, ż, ń, ó, ć, ǖ) and keeps every other letter (ł, ø, æ, ß,
й, ǣ). PostgreSQL's 'simple' configuration keeps accents, and `unaccent` is an extension a
team store's user may not be allowed to create, so both the indexed texts and the words typed
are folded the same way first (`POSTGRESQL_FOLDED` in SQL, `folded` in Python): decomposed
(NFD), the marks U+0300–U+036F that follow an ASCII letter removed, recomposed (NFC). Built-in
and immutable, so the GIN indexes are on the folded texts (migration 0007). As measured on
texts of 200 characters, that costs ~12 µs a text with accents (nothing for ASCII alone),
where a `translate` of the ~170 accented letters of Latin-1 and Latin Extended-A costs ~120 µs
(it scans its list for each character). Known differences from FTS5: PostgreSQL also takes
canonically equivalent spellings as one (a CJK compatibility ideograph and its unified one,
Greek oxia and tonos); FTS5 folds ſ to s and keeps ǡ; and a store created with the C locale
lower-cases ASCII letters only (Ł, Æ, Й are not found by ł, æ, й), as it did before.

Ranking, as measured: bm25 over a word in most documents costs ~200 ms at a million tickets,
so a query matching more than `SELECTIVE_UP_TO` tickets is ranked by recency (the FTS rowid is
the ticket id: `ORDER BY rowid DESC` walks the index backwards and stops), a selective one by
bm25, subject weighted above the rest.

PostgreSQL, as measured at a million tickets: a GIN index gives every row with a word, in no
order, read from the table at ~2.5 µs a row (~400 ms for a word in a tenth of the tickets);
checking one ticket for a word costs ~5–8 µs when the tickets are read in order (a regular
expression over the text as written, ~1 µs, before folding it and `to_tsvector`, ~8 µs for
ASCII, ~20 µs with accents), more for scattered ones. So the rarest word, by the planner's
estimate, gives the candidates through the indexes, newest first, and the other words are
checked on them until the limit is reached. When even the rarest word looks common,
the newest `RECENT_PROBE` tickets are checked one by one first; from the share that matches, the
newest tickets that should hold the matches asked for are read when that costs less than the
indexes (`WALK_COST`), as FTS5 ranks common words by recency; too few found, the indexes answer.
PostgreSQL ranks by recency only.

Bulk loads (the demo) should not fire the triggers row by row: call `drop_search_triggers`
before loading and `rebuild_search_index` after the secondary indexes are back.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy import literal_column, text

from console.store import Store

SELECTIVE_UP_TO = 2000
"""A query matching at most this many tickets is ranked by bm25, a commoner one by recency."""

SEARCH_LIMIT = 1000
"""How many matching tickets the queue shows for a search (the best-ranked)."""

RECENT_PROBE = 2_000
"""PostgreSQL: how many of the newest tickets a search of common words reads first, to learn
what share of the tickets match."""

WALK_COST = 2.0
"""PostgreSQL, as measured: reading one ticket and checking it for the words costs about as
much as two rows found through the indexes (~5 µs and ~2.5 µs)."""

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

_ACCENTS = "(?<=[A-Za-z])[\u0300-\u036f]+"
"""The marks FTS5 removes, as a regular expression both Python and PostgreSQL read: those of a
letter decomposed into an ASCII letter and marks (all of them are in U+0300–U+036F)."""

POSTGRESQL_FOLDED = (
    "CASE WHEN octet_length({0}) = char_length({0}) THEN {0} "
    f"ELSE normalize(regexp_replace(normalize({{0}}, NFD), '{_ACCENTS}', '', 'g'), NFC) END"
)
"""`{0}` with its accents folded as FTS5 folds them (see `folded`). A text of ASCII characters
alone (as many bytes as characters) has none and is taken as it is: ~0.3 µs instead of ~14 µs.
The marks are written as themselves, not as escapes, so that the expression means the same
whatever `standard_conforming_strings` says."""

_TICKET_TEXT = "subject || ' ' || ai_answer"
POSTGRESQL_TICKET_VECTOR = (
    f"to_tsvector('simple'::regconfig, {POSTGRESQL_FOLDED.format(_TICKET_TEXT)})"
)
POSTGRESQL_MESSAGE_VECTOR = f"to_tsvector('simple'::regconfig, {POSTGRESQL_FOLDED.format('body')})"
POSTGRESQL_INDEXES: dict[str, str] = {
    "ix_ticket_search": f"ON ticket USING gin (({POSTGRESQL_TICKET_VECTOR}))",
    "ix_message_search": f"ON message USING gin (({POSTGRESQL_MESSAGE_VECTOR}))",
}
"""Index name → definition (after `CREATE INDEX name`)."""

# Letters and digits: what FTS5's unicode61 tokenizer keeps in a token. Not `_` (Python's `\w`
# has it, FTS5 splits on it: a quoted "a_b" would be a phrase, an error with detail='column'),
# nor the few letters of Python's Unicode tables that SQLite's (Unicode 6.1) counts as marks.
_LETTERS = r"[^\W_\u19b0-\u19c0\u19c8\u19c9\u1cf2\u1cf3]+"
_WORD = re.compile(f"({_LETTERS})(\\*?)")
_ONE_WORD = re.compile(_LETTERS)


@dataclass(frozen=True)
class Word:
    """One word of a search: its text (letters and digits only) and whether it is a prefix."""

    text: str
    prefix: bool = False


def query_words(query: str) -> list[Word]:
    """The words of what an agent typed, in order, each once; every word must match (AND).

    A word is a run of letters and digits; `word*` matches as a prefix. Anything else (quotes,
    operators of either store, punctuation) only separates words. Both stores search these.
    """
    words: list[Word] = []
    for text_, star in _WORD.findall(query):
        word = Word(text_, prefix=bool(star))
        if word not in words:
            words.append(word)
    return words


def fts_query(query: str) -> str:
    """The FTS5 expression for what an agent typed: every word must appear (AND).

    Each word is quoted, so FTS5 operators and punctuation in the input are inert; a word
    ending in `*` matches as a prefix. Empty when the input has no word.
    """
    return " ".join(
        f'"{word.text}"*' if word.prefix else f'"{word.text}"' for word in query_words(query)
    )


_FOLDED_AWAY = re.compile(_ACCENTS)


def folded(text: str) -> str:
    """`text` with its accents folded as FTS5 folds them, as `POSTGRESQL_FOLDED` does in SQL.

    A letter made of an ASCII letter and accents becomes that letter ("Reçu" → "Recu",
    "Zażółć" → "Zazołc"); every other letter stays ("ł", "ß", "ø", "й"). Case is left to the
    stores, which both lower-case.
    """
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", _FOLDED_AWAY.sub("", decomposed))


def ts_query(word: Word) -> str:
    """The `to_tsquery('simple', …)` text for one word: quoted lexemes, `:*` for a prefix.

    The word is folded as the indexed texts are (`folded`). PostgreSQL's parser reads the
    digits after a `-` or `+` as a signed number ("GV-0185054" gives `gv` and `-0185054`),
    where FTS5 has the bare digits: a word of digits also matches its signed forms.
    """
    if not _ONE_WORD.fullmatch(word.text):
        raise ValueError(f"not a search word: {word.text!r}")
    lexeme = folded(word.text)  # letters and marks still: never a quote or a backslash
    forms = [lexeme]
    if lexeme.isascii() and lexeme.isdigit():
        forms += [f"-{lexeme}", f"+{lexeme}"]
    suffix = ":*" if word.prefix else ""
    return " | ".join(f"'{form}'{suffix}" for form in forms)


_GAP = "[^\\u0001-\\u007f]*"
"""What may come, in a text as written, between the letters of a word that its folded form
holds side by side: the marks folded away or composed into a letter, all of them non-ASCII."""


def written_pattern(word: Word) -> str:
    """A regular expression (of PostgreSQL's and of Python's) that every text holding `word`
    once folded matches as written: a cheap test before folding the text and `to_tsvector`.

    Each letter of the folded word may be written in any case, accented (composed or not) in
    any way that folds back to it; marks between letters are let through. PostgreSQL's parser
    never starts or ends a word between two ASCII letters, nor between two ASCII digits (it
    does between a digit and a letter: "-19b" gives `-19` and `b`): the word must not have one
    on either side (before only, for a prefix). A necessary condition, not a sufficient one.
    """
    letters = [char for char in folded(word.text) if unicodedata.category(char)[0] != "M"]
    if not letters:
        return ""
    pattern = _GAP.join(_written_as(char) for char in letters)
    return (
        _not_beside(letters[0], "<")
        + pattern
        + ("" if word.prefix else _not_beside(letters[-1], ""))
    )


def _not_beside(char: str, behind: str) -> str:
    """The lookaround that forbids, before (`behind` "<") or after a word's `char`, a character
    that PostgreSQL's parser would take into the same word."""
    if char.isascii() and char.isalpha():
        return f"(?{behind}![A-Za-z])"
    if char.isascii() and char.isdigit():
        return f"(?{behind}![0-9])"
    return ""


def _written_as(char: str) -> str:
    """A bracket expression of the characters a text may hold where its folded form has `char`."""
    starting, lowered = _spellings()
    cases = {char, *lowered.get(char, ""), *lowered.get(char.lower(), "")}
    for case in (char.lower(), char.upper(), char.casefold(), char.title()):
        if len(case) == 1:
            cases.add(case)
    chars: set[str] = set()
    for case in cases:
        first = unicodedata.normalize("NFD", case)[0]
        chars |= {case, first, *starting.get(first, "")}
    codes = sorted(map(ord, chars))
    ranges: list[str] = []
    start = previous = codes[0]
    for code in [*codes[1:], -1]:
        if code != previous + 1:
            ranges.append(
                _escaped(start) if start == previous else f"{_escaped(start)}-{_escaped(previous)}"
            )
            start = code
        previous = code
    return f"[{''.join(ranges)}]"


def _escaped(code: int) -> str:
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


SPELLINGS_BELOW = 0x30000
"""No character from here on decomposes or has a case (a test checks)."""


@cache
def _spellings() -> tuple[dict[str, str], dict[str, str]]:
    """Character → those whose canonical decomposition starts with it, and character → those
    lower-cased to it. Read from `unicodedata` once (~0.1 s), by the first PostgreSQL search."""
    starting: dict[str, str] = {}
    lowered: dict[str, str] = {}
    for code in range(SPELLINGS_BELOW):
        if 0xD800 <= code < 0xE000:
            continue
        char = chr(code)
        # Hangul syllables decompose by rule, not through the table.
        if unicodedata.decomposition(char)[:1] not in ("", "<") or 0xAC00 <= code <= 0xD7A3:
            first = unicodedata.normalize("NFD", char)[0]
            starting[first] = starting.get(first, "") + char
        lower = char.lower()
        if lower != char and len(lower) == 1:
            lowered[lower] = lowered.get(lower, "") + char
    return starting, lowered


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
    words = query_words(query)
    if not words or limit <= 0:
        return []
    with store.read() as session:
        # Just-in-time compilation costs more (~60 ms) than it saves on these statements.
        session.execute(text("SET LOCAL jit = off"))
        rows = [_estimated_rows(session, word) for word in words]
        rarest = min(range(len(words)), key=rows.__getitem__)
        if rows[rarest] > RECENT_PROBE * WALK_COST:
            # Common words, it may be (a word the statistics do not know is estimated at
            # thousands of rows at a million tickets): the newest tickets tell.
            found, complete = _walk_recent(session, words, limit, within, RECENT_PROBE)
            if complete:
                return found
            if found:
                # As many tickets as should hold `limit` matches, and half as many again.
                needed = math.ceil(1.5 * limit * RECENT_PROBE / len(found))
                if needed * WALK_COST <= rows[rarest]:
                    found, complete = _walk_recent(session, words, limit, within, needed)
                    if complete:
                        return found
        others = words[:rarest] + words[rarest + 1 :]
        return _search_indexed(session, words[rarest], others, limit, within)


def _tsquery(word: Word, name: str) -> Any:
    return text(f"to_tsquery('simple'::regconfig, :{name})").bindparams(**{name: ts_query(word)})


def _in_ticket(word: Word, name: str) -> Any:
    return literal_column(POSTGRESQL_TICKET_VECTOR).op("@@")(_tsquery(word, name))


def _in_message(word: Word, name: str) -> Any:
    return literal_column(POSTGRESQL_MESSAGE_VECTOR).op("@@")(_tsquery(word, name))


def _estimated_rows(session: Any, word: Word) -> float:
    """The planner's estimate of the rows of both indexes holding `word` (none is read)."""
    plan = session.execute(
        text(
            f"EXPLAIN (FORMAT JSON) SELECT 1 FROM ticket WHERE {POSTGRESQL_TICKET_VECTOR} "
            "@@ to_tsquery('simple'::regconfig, :q) "
            f"UNION ALL SELECT 1 FROM message WHERE {POSTGRESQL_MESSAGE_VECTOR} "
            "@@ to_tsquery('simple'::regconfig, :q)"
        ),
        {"q": ts_query(word)},
    ).scalar_one()
    return float(plan[0]["Plan"]["Plan Rows"])


def _checked_one_by_one(word: Word, name: str) -> Any:
    """`word` is in the ticket: its subject and AI answer, or one of its messages.

    Read for each ticket, not through the indexes. Folding a text and `to_tsvector` cost
    ~8–20 µs, so a regular expression over the text as written comes first (~1 µs;
    `written_pattern` lets through every spelling of the word that the parser would take).
    `OFFSET 0` keeps the planner from turning the EXISTS into the set of every message with
    the word, which it would read whole through the index.
    """
    written = f"~ :{name}_w"
    query = f"to_tsquery('simple'::regconfig, :{name})"
    return text(
        f"(((ticket.subject || ' ' || ticket.ai_answer) {written} "
        f"AND {POSTGRESQL_TICKET_VECTOR} @@ {query}) "
        f"OR EXISTS (SELECT 1 FROM message WHERE message.ticket_id = ticket.id "
        f"AND message.body {written} AND {POSTGRESQL_MESSAGE_VECTOR} @@ {query} OFFSET 0))"
    ).bindparams(**{name: ts_query(word), f"{name}_w": written_pattern(word)})


def _walk_recent(
    session: Any, words: Sequence[Word], limit: int, within: Sequence[Any], tickets: int
) -> tuple[list[int], bool]:
    """The newest matches among the newest `tickets` tickets (of the store, so that finding
    the view's is one range of the primary key), and whether they are the answer: `limit` of
    them, or every ticket read."""
    from sqlalchemy import select
    from sqlmodel import col

    from models import Ticket

    oldest = session.execute(
        select(col(Ticket.id)).order_by(col(Ticket.id).desc()).offset(tickets - 1).limit(1)
    ).scalar()
    statement = select(col(Ticket.id)).where(
        *within, *(_checked_one_by_one(word, f"w{i}") for i, word in enumerate(words))
    )
    if oldest is not None:
        statement = statement.where(col(Ticket.id) >= oldest)
    statement = statement.order_by(col(Ticket.id).desc()).limit(limit)
    found = [int(row[0]) for row in session.execute(statement)]
    return found, len(found) == limit or oldest is None


def _search_indexed(
    session: Any, rarest: Word, others: Sequence[Word], limit: int, within: Sequence[Any]
) -> list[int]:
    """The tickets with `rarest` through the indexes, newest first, checked for the `others`
    one by one until `limit` match."""
    from sqlalchemy import select, union
    from sqlmodel import col

    from models import Message, Ticket

    matched = union(
        select(col(Ticket.id).label("id")).where(_in_ticket(rarest, "q")),
        select(col(Message.ticket_id).label("id")).where(_in_message(rarest, "q")),
    ).subquery()
    candidates = select(matched.c.id).order_by(matched.c.id.desc()).subquery("candidates")
    statement = (
        select(col(Ticket.id))
        .select_from(candidates)
        .join(Ticket, col(Ticket.id) == candidates.c.id)
        .where(*within, *(_checked_one_by_one(word, f"w{i}") for i, word in enumerate(others)))
        .order_by(candidates.c.id.desc())
        .limit(limit)
    )
    return [int(row[0]) for row in session.execute(statement)]
