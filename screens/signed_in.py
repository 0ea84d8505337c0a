"""What a screen shown only once an agent is signed in reads from the app: the agent, the store.

The login screen sets both on the app before any such screen can open (`GuichetApp._signed_in`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from console.auth import SignedInAgent
    from console.store import Store


class SignedIn:
    """Mixin for a Textual screen: `agent` and `store` of the app it runs in."""

    @property
    def agent(self) -> SignedInAgent:
        """The signed-in agent."""
        agent: SignedInAgent = getattr(getattr(self, "app"), "agent")  # noqa: B009
        return agent

    @property
    def store(self) -> Store:
        """The open store."""
        store: Store = getattr(getattr(self, "app"), "store")  # noqa: B009
        return store
