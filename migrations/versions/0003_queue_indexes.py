"""Indexes for the queue's views, filters and sorts.

A status filter sorted by priority (`status:open` on "All tickets") walks
`ix_ticket_status_priority` in order and stops at the page, where it sorted every open ticket
before. "Unassigned in my languages" reads its first page from `ix_ticket_queue_priority`: in
each of its queue keys the tickets are in page order, where the claim index (by priority, then
age) made it sort the view's tens of thousands of tickets. "My open tickets" sorts on
`ix_ticket_assignee_status` alone now that it holds the priority. A large view sorted by
channel, language, status, subject or customer reads its page from that column's index
instead of sorting every ticket.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

SORTED_COLUMNS = ("channel", "language", "status", "subject")
"""Ticket columns the queue sorts by that had no index of their own."""


def upgrade() -> None:
    with op.batch_alter_table("ticket", schema=None) as batch_op:
        batch_op.create_index("ix_ticket_status_priority", ["status", "priority_rank", "id"])
        batch_op.create_index(
            "ix_ticket_queue_priority",
            ["status", "queue_key", "assignee_id", "priority_rank", "id"],
        )
        batch_op.drop_index("ix_ticket_assignee_status")
        batch_op.create_index(
            "ix_ticket_assignee_status", ["assignee_id", "status", "priority_rank", "id"]
        )
        for column in SORTED_COLUMNS:
            batch_op.create_index(f"ix_ticket_{column}_id", [column, "id"])
    with op.batch_alter_table("account", schema=None) as batch_op:
        batch_op.create_index("ix_account_display_name", ["display_name"])


def downgrade() -> None:
    with op.batch_alter_table("account", schema=None) as batch_op:
        batch_op.drop_index("ix_account_display_name")
    with op.batch_alter_table("ticket", schema=None) as batch_op:
        for column in SORTED_COLUMNS:
            batch_op.drop_index(f"ix_ticket_{column}_id")
        batch_op.drop_index("ix_ticket_assignee_status")
        batch_op.create_index("ix_ticket_assignee_status", ["assignee_id", "status"])
        batch_op.drop_index("ix_ticket_queue_priority")
        batch_op.drop_index("ix_ticket_status_priority")
