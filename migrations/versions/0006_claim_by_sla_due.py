"""Take next by priority, then by the SLA due soonest, from an index in that order.

The claim took each queue key's most urgent ticket by priority, then age: a normal e-mail two
hours old (due in six) went before a normal chat due in ten minutes. It now takes, among tickets
of one priority, the one whose SLA clock runs out first (the first reply's due time until it is
sent, then the resolution's; none last), then the oldest. A partial index holds the claimable
tickets alone (unassigned, new or open) in that order, so each queue key's head is its first
entry. The claim read `ix_ticket_claim` (status, queue key, assignee, priority, creation) and
sorted every claimable ticket of the key, since `status IN ('new', 'open')` splits it in two
ranges; that index stays, for the unassigned views' counts and priority filters.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

CLAIM_DUE = "CASE WHEN first_replied_at IS NULL THEN first_reply_due_at ELSE resolution_due_at END"
"""As `models.tickets.CLAIM_DUE` is here."""

CLAIMABLE = (
    "coalesce(status, status) IN ('new', 'open') AND coalesce(assignee_id, assignee_id) IS NULL"
)
"""As `models.tickets.CLAIMABLE` is here."""


def upgrade() -> None:
    op.create_index(
        "ix_ticket_claim_due",
        "ticket",
        [
            "queue_key",
            "priority_rank",
            sa.text(f"(({CLAIM_DUE}) IS NULL)"),
            sa.text(f"({CLAIM_DUE})"),
            "created_at",
            "id",
        ],
        sqlite_where=sa.text(CLAIMABLE),
        postgresql_where=sa.text(CLAIMABLE),
    )


def downgrade() -> None:
    op.drop_index("ix_ticket_claim_due", table_name="ticket")
