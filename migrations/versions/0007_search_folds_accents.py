"""Search: PostgreSQL folds accents as FTS5 does ("recu" finds "reçu", "reçu" finds "recu").

The two GIN expression indexes of revision 0002 are rebuilt on the texts folded as FTS5's
unicode61 tokenizer (remove_diacritics 2) folds them: decomposed (NFD), the marks that follow an
ASCII letter removed, recomposed (NFC), a text of ASCII characters alone taken as it is; ł, ß,
ø or й stay. Built-in functions only (no `unaccent`, an extension a team store's user may not
be allowed to create), all immutable. Only indexes change: no row is touched. The tables are
locked against writes while the indexes are built (~25 µs a text with accents). SQLite:
nothing to do, FTS5 folds accents already.

The statements are frozen here; `console.search` holds the same index definitions, and
tests/console/test_search.py checks they agree (a query folded otherwise would not use them).

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

_FOLDED = (
    "CASE WHEN octet_length({0}) = char_length({0}) THEN {0} ELSE "
    "normalize(regexp_replace(normalize({0}, NFD), '(?<=[A-Za-z])[\u0300-\u036f]+', '', 'g'), NFC) "
    "END"
)
"""As `console.search.POSTGRESQL_FOLDED` is here: the marks are the characters themselves."""

_TICKET_TEXT = "subject || ' ' || ai_answer"

POSTGRESQL_INDEXES: dict[str, str] = {
    "ix_ticket_search": "ON ticket USING gin "
    f"((to_tsvector('simple'::regconfig, {_FOLDED.format(_TICKET_TEXT)})))",
    "ix_message_search": "ON message USING gin "
    f"((to_tsvector('simple'::regconfig, {_FOLDED.format('body')})))",
}

PREVIOUS_INDEXES: dict[str, str] = {
    "ix_ticket_search": "ON ticket USING gin "
    "((to_tsvector('simple'::regconfig, subject || ' ' || ai_answer)))",
    "ix_message_search": "ON message USING gin ((to_tsvector('simple'::regconfig, body)))",
}
"""As revision 0002 made them."""


def _rebuild(indexes: dict[str, str]) -> None:
    for name, definition in indexes.items():
        op.execute(f"DROP INDEX IF EXISTS {name}")
        op.execute(f"CREATE INDEX {name} {definition}")
    # The planner's estimate of a word's rows, which the search reads, comes from the
    # statistics of the indexed expressions: gather them now rather than at the next analyze.
    op.execute("ANALYZE ticket")
    op.execute("ANALYZE message")


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        _rebuild(POSTGRESQL_INDEXES)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        _rebuild(PREVIOUS_INDEXES)
