"""Full-text search over tickets: subjects, AI answers and messages.

SQLite: the FTS5 table `ticket_search` (external content from the view
`ticket_search_document`, one document per ticket) and the triggers keeping it in step;
the upgrade indexes the tickets already there. PostgreSQL: `tsvector` expression GIN
indexes on ticket (subject, AI answer) and message (body).

The statements are frozen here; `console.search` holds the same ones for
`rebuild_search_index`, and tests/console/test_search.py checks they agree.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

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

POSTGRESQL_INDEXES: dict[str, str] = {
    "ix_ticket_search": "ON ticket USING gin "
    "((to_tsvector('simple'::regconfig, subject || ' ' || ai_answer)))",
    "ix_message_search": "ON message USING gin ((to_tsvector('simple'::regconfig, body)))",
}


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        for name, definition in POSTGRESQL_INDEXES.items():
            op.execute(f"CREATE INDEX {name} {definition}")
        return
    op.execute(SQLITE_VIEW)
    op.execute(SQLITE_TABLE)
    # Index what is already there, then keep it in step.
    op.execute("INSERT INTO ticket_search (ticket_search) VALUES ('rebuild')")
    for name, body in SQLITE_TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {body}")


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        for name in POSTGRESQL_INDEXES:
            op.execute(f"DROP INDEX IF EXISTS {name}")
        return
    for name in SQLITE_TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP TABLE IF EXISTS ticket_search")
    op.execute("DROP VIEW IF EXISTS ticket_search_document")
