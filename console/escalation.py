"""What a ticket escalated from the help center starts with: its queue, rank and due times.

The demo marketplace and `guichet import` both open tickets, so the rules live here once:

- the queue key (`email:de`): a language that is not served in-house on e-mail is handled in
  English, so an e-mail in Swedish waits in `email:en` while the ticket keeps `language = "sv"`
  (the agent sees what the customer wrote in); chat and phone are offered only in the languages
  served on them, so an escalation on those channels in another language is refused;
- the priority rank used by the claim index.

Due times are the team's business-hours SLA clocks (`console.routing.sla`).
"""

from __future__ import annotations

from typing import Final

from models.enums import PRIORITY_RANK, Channel
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
