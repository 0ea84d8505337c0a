"""The demo marketplace: `guichet demo` builds a store to try Guichet on.

It holds accounts (buyers and sellers, private and Pro, across Europe, each with a preferred
language), lots in collectors' categories, orders with payments in minor units (some refunded
partly or fully, a few with an open chargeback) and shipments, tickets from the three help
center sources on e-mail, chat and phone with the customer's message and the AI assistant's
answer written in the customer's language (the nine languages served in-house, and Swedish,
Czech and Danish, whose e-mails wait in `email:en`), disputes of every kind in every state with
evidence and Trust & Safety advice, and a support team with shifts across time zones.

Demo logins (every demo agent has the password `guichet-demo`, see `DEMO_PASSWORD`):

| handle   | role         | languages  |
|----------|--------------|------------|
| `amelie` | agent        | fr, en, nl |
| `lena`   | lead         | nl, en, de |
| `tomas`  | trust_safety | de, en, pl |
| `admin`  | admin        | en         |

The other agents (`marco` lead, `ines` trust_safety, `wei` in Shanghai, `bruno` in São
Paulo, ...) log in the same way. A store is marked as a demo store by its `demo` setting
(`{"seed", "tickets", "created_at"}`); `guichet demo` replaces a demo store, but refuses any
other store with data unless `--force`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from console.demo.build import (
    DEMO_PASSWORD,
    DemoSummary,
    ProgressCallback,
    StoreState,
    build_demo,
    inspect_store,
)
from console.demo.team import AGENTS

DEFAULT_TICKETS: Final = 10_000
DEFAULT_SEED: Final = 1


@dataclass(frozen=True)
class DemoLogin:
    """A documented demo login."""

    handle: str
    role: str
    languages: tuple[str, ...]


DEMO_LOGINS: Final[tuple[DemoLogin, ...]] = tuple(
    DemoLogin(agent.handle, agent.role, agent.languages) for agent in AGENTS[:4]
)

__all__ = [
    "DEFAULT_SEED",
    "DEFAULT_TICKETS",
    "DEMO_LOGINS",
    "DEMO_PASSWORD",
    "DemoLogin",
    "DemoSummary",
    "ProgressCallback",
    "StoreState",
    "build_demo",
    "inspect_store",
]
