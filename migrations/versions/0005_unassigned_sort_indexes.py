"""Sort the unassigned views by any column from an index in that order.

"Unassigned in my languages" holds tens of thousands of tickets at a million. Sorted by any
column but priority, it read every one of them from the queue index and sorted them for each
page: 11 to 14 ms of SQLite per page, 30 to 60 ms from key to screen. Each sort key now has a
partial index of the unassigned tickets in its order, holding what the view filters on, which
the page walks in order and leaves once the page is full (under a millisecond).

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

UNASSIGNED_SORTS = {
    "priority": "priority_rank", "due": "first_reply_due_at", "created": "created_at",
    "updated": "updated_at", "channel": "channel", "language": "language", "status": "status",
    "subject": "subject", "customer": "customer_name", "order": "order_label",
    "assignee": "assignee_handle",
}  # fmt: skip
"""As `models.tickets.UNASSIGNED_SORTS` was here."""

FILTERED = ("status", "queue_key", "assignee_id")

UNASSIGNED = "coalesce(assignee_id, assignee_id) IS NULL"
"""As `models.tickets.UNASSIGNED` was here."""


def upgrade() -> None:
    for key, column in UNASSIGNED_SORTS.items():
        op.create_index(
            f"ix_ticket_unassigned_{key}",
            "ticket",
            [column, "id", *(name for name in FILTERED if name != column)],
            sqlite_where=sa.text(UNASSIGNED),
            postgresql_where=sa.text(UNASSIGNED),
        )


def downgrade() -> None:
    for key in UNASSIGNED_SORTS:
        op.drop_index(f"ix_ticket_unassigned_{key}", table_name="ticket")
