"""What a demo build is made of: its plan (seed, size, anchor), the stored shape of its rows.

Rows are plain tuples of `str`, `int`, `bytes` and `None`, already in the stored form:
instants as UTC text `YYYY-MM-DD HH:MM:SS.ffffff` (plus the backend's offset suffix), JSON as
text, booleans as 0/1. Building a million tickets through SQLModel objects would take
minutes; tuples take seconds.

Sizes grow with the ticket count: an account per 8 tickets, a lot per 4, an order per 5 and a
dispute per 100, with floors so that a small demo still has every kind of thing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Final

Row = tuple[Any, ...]
Batch = tuple[str, tuple[str, ...], list[Row]]

BATCH_ROWS: Final = 50_000
TEAM_TIMEZONE: Final = "Europe/Amsterdam"
"""The demo team's zone: its support hours and SLA clocks run there."""
DAY: Final = 86_400
HOUR: Final = 3_600


@dataclass(frozen=True)
class DemoPlan:
    """What to build: the seed, the number of tickets and the anchor instant."""

    seed: int
    tickets: int
    anchor: datetime

    @property
    def accounts(self) -> int:
        """How many marketplace accounts."""
        return max(120, self.tickets // 8)

    @property
    def orders(self) -> int:
        """How many orders."""
        return max(100, self.tickets // 5)

    @property
    def lots(self) -> int:
        """How many lots (the first `orders` of them are sold, one order each)."""
        return max(self.orders + 60, self.tickets // 4)

    @property
    def disputes(self) -> int:
        """How many disputes: enough for every kind and every state."""
        return min(self.orders // 3, max(40, self.tickets // 100))

    @property
    def expected_rows(self) -> int:
        """Roughly how many rows the build writes (for progress bars only)."""
        return self.accounts + self.lots + 3 * self.orders + int(3.8 * self.tickets)


def anchor_of(now: datetime) -> datetime:
    """The anchor of a demo built at `now`: the start of its UTC hour.

    The hour rather than the day, so that the newest tickets are minutes old rather than up
    to a day old whenever the demo is built.
    """
    return now.astimezone(UTC).replace(minute=0, second=0, microsecond=0)


class Clock:
    """Formats epoch seconds as stored instants, fast: a prefix per day, a suffix per second.

    `days[epoch // DAY] + seconds[epoch % DAY]` is what `__call__` does; hot loops inline it.
    """

    def __init__(self, anchor_epoch: int, suffix: str) -> None:
        self.seconds = [
            f"{hour:02d}:{minute:02d}:{second:02d}.000000{suffix}"
            for hour in range(24)
            for minute in range(60)
            for second in range(60)
        ]
        # Every day an instant of the demo can fall on: accounts up to ~5 years back, due
        # times a few days ahead.
        today = anchor_epoch // DAY
        self.days = {
            day: datetime.fromtimestamp(day * DAY, UTC).strftime("%Y-%m-%d ")
            for day in range(today - 2000, today + 40)
        }

    def __call__(self, epoch: int) -> str:
        return self.days[epoch // DAY] + self.seconds[epoch % DAY]


ACCOUNT_COLUMNS: Final = (
    "id", "username", "display_name", "email", "kind", "is_buyer", "is_seller", "country",
    "language", "status", "created_at",
)  # fmt: skip
LOT_COLUMNS: Final = (
    "id", "seller_id", "title", "category", "description", "price_minor", "currency",
    "listed_at", "removed",
)  # fmt: skip
ORDER_COLUMNS: Final = (
    "id", "reference", "lot_id", "buyer_id", "seller_id", "total_minor", "currency", "status",
    "placed_at", "cancelled_at",
)  # fmt: skip
PAYMENT_COLUMNS: Final = (
    "id", "order_id", "captured_minor", "refunded_minor", "currency", "provider_reference",
    "chargeback_open", "captured_at",
)  # fmt: skip
SHIPMENT_COLUMNS: Final = (
    "id", "order_id", "carrier", "tracking_number", "shipped_at", "delivered_at",
)  # fmt: skip
TICKET_COLUMNS: Final = (
    "id", "source", "channel", "language", "requested_language", "queue_key", "subject",
    "ai_answer", "order_id", "lot_id", "requester_id", "seller_contacted_buyer", "status",
    "priority", "priority_rank", "category", "assignee_id", "first_reply_due_at",
    "resolution_due_at", "first_replied_at", "created_at", "updated_at", "external_ref",
    "customer_name", "order_label", "assignee_handle",
)  # fmt: skip
MESSAGE_COLUMNS: Final = ("id", "ticket_id", "kind", "author_agent_id", "body", "created_at")
AGENT_COLUMNS: Final = (
    "id", "handle", "name", "role", "timezone", "ui_language", "languages", "phone_languages",
    "channels", "capacity", "holiday_calendar", "presence", "active", "password_hash",
    "failed_logins", "locked_until", "last_assigned_at", "created_at",
)  # fmt: skip
SHIFT_COLUMNS: Final = ("id", "agent_id", "rrule", "start", "end", "valid_from", "valid_until")
ABSENCE_COLUMNS: Final = ("id", "agent_id", "start_local", "end_local")
HOLIDAY_COLUMNS: Final = ("id", "calendar", "day")
DISPUTE_COLUMNS: Final = (
    "id", "order_id", "ticket_id", "kind", "state", "buyer_claim", "seller_claim",
    "parties_talked_first", "reviewer_id", "waiting_on", "due_at", "on_expiry", "reasoning",
    "decided_at", "held_from_state", "opened_at", "updated_at",
)  # fmt: skip
EVIDENCE_COLUMNS: Final = (
    "id", "dispute_id", "kind", "description", "filename", "size_bytes", "sha256", "content",
    "added_by_id", "added_at",
)  # fmt: skip
RESOLUTION_COLUMNS: Final = (
    "id", "dispute_id", "kind", "amount_minor", "currency", "reason", "parties_agreed",
    "cost_borne_by", "idempotency_key", "state", "requested_by_id", "created_at", "executed_at",
)  # fmt: skip
APPEAL_COLUMNS: Final = (
    "id", "dispute_id", "party", "new_information", "original_reviewer_id", "reviewer_id",
    "state", "outcome_reason", "filed_at", "decided_at",
)  # fmt: skip
NOTE_COLUMNS: Final = ("id", "dispute_id", "kind", "author_id", "body", "created_at")
APPROVAL_COLUMNS: Final = (
    "id", "subject_kind", "subject_id", "requested_by_id", "decided_by_id", "state", "reason",
    "details", "created_at", "decided_at",
)  # fmt: skip
SETTING_COLUMNS: Final = ("key", "value")
AUDIT_COLUMNS: Final = (
    "id", "at", "actor_id", "action", "subject_kind", "subject_id", "details",
)  # fmt: skip
