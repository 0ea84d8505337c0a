"""What a ticket escalated from the help center starts with: its queue, rank and due times.

The demo marketplace and `guichet import` both open tickets, so the rules live here once:

- the queue key (`email:de`): a language that is not served in-house on e-mail is handled in
  English, so an e-mail in Swedish waits in `email:en` while the ticket keeps `language = "sv"`
  (the agent sees what the customer wrote in); chat and phone are offered only in the languages
  served on them, so an escalation on those channels in another language is refused;
- the priority rank used by the claim index;
- provisional first-reply and resolution due times: wall-clock targets per channel and
  priority, until the team's business-hours SLA clocks (the routing module) recompute them.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Final

from models.enums import PRIORITY_RANK, Channel, Priority
from models.language import (
    CHAT_LANGUAGES,
    EMAIL_LANGUAGES,
    FALLBACK_LANGUAGE,
    PHONE_LANGUAGES,
)
from models.tickets import queue_key

SERVED_LANGUAGES: Final[dict[str, tuple[str, ...]]] = {
    Channel.EMAIL: EMAIL_LANGUAGES,
    Channel.CHAT: CHAT_LANGUAGES,
    Channel.PHONE: PHONE_LANGUAGES,
}

# Minutes until the first reply is due, per channel and priority. Chat and phone customers
# are waiting live, so their targets are short; e-mail follows the help center's promise.
FIRST_REPLY_MINUTES: Final[dict[str, dict[str, int]]] = {
    Channel.EMAIL: {Priority.URGENT: 120, Priority.HIGH: 240, Priority.NORMAL: 480,
                    Priority.LOW: 1440},
    Channel.CHAT: {Priority.URGENT: 5, Priority.HIGH: 10, Priority.NORMAL: 20, Priority.LOW: 30},
    Channel.PHONE: {Priority.URGENT: 15, Priority.HIGH: 30, Priority.NORMAL: 60, Priority.LOW: 120},
}  # fmt: skip
RESOLUTION_HOURS: Final[dict[str, int]] = {
    Priority.URGENT: 24,
    Priority.HIGH: 48,
    Priority.NORMAL: 72,
    Priority.LOW: 120,
}


def is_served(channel: str, language: str) -> bool:
    """True when `language` (normalised) is served in-house on `channel`."""
    return language in SERVED_LANGUAGES.get(channel, ())


def routing_queue_key(channel: str, language: str) -> str:
    """The queue a ticket waits in: e-mail in an unserved language goes to `email:en`."""
    if channel == Channel.EMAIL and not is_served(channel, language):
        return queue_key(channel, FALLBACK_LANGUAGE)
    return queue_key(channel, language)


def priority_rank(priority: str) -> int:
    """The sort rank of a priority (urgent first)."""
    return PRIORITY_RANK[priority]


def first_reply_due(created_at: datetime, channel: str, priority: str) -> datetime:
    """When the first reply is due (provisional wall-clock target)."""
    return created_at + timedelta(minutes=FIRST_REPLY_MINUTES[channel][priority])


def resolution_due(created_at: datetime, priority: str) -> datetime:
    """When the ticket should be solved (provisional wall-clock target)."""
    return created_at + timedelta(hours=RESOLUTION_HOURS[priority])
