"""The header of every signed-in screen: who is working, in which role, and their presence."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static

from console.text import sanitize

if TYPE_CHECKING:
    from console.auth import SignedInAgent

PRESENCE_CLASSES = ("-available", "-away", "-offline")


class AgentHeader(Horizontal):
    """Guichet · the agent's name · role · presence, and a line of the screen's own on the right."""

    DEFAULT_CSS = """
    AgentHeader {
        height: 1;
        dock: top;
        background: $panel;
        color: $foreground;
        & #header-app { text-style: bold; color: $primary; width: auto; padding: 0 1; }
        & #header-agent { width: auto; padding: 0 1; }
        & #header-presence { width: auto; padding: 0 1; }
        & #header-right {
            width: 1fr; content-align: right middle; padding: 0 1; color: $text-muted;
        }
        &.-available #header-presence { color: $text-success; }
        &.-away #header-presence { color: $text-warning; }
        &.-offline #header-presence { color: $text-muted; }
    }
    """

    def compose(self) -> ComposeResult:
        yield Static("Guichet", id="header-app")
        yield Static("", id="header-agent")
        yield Static("", id="header-presence")
        yield Static("", id="header-right")

    def on_mount(self) -> None:
        self.watch(self.app, "agent", self._show_agent)

    def _show_agent(self, agent: SignedInAgent | None) -> None:
        from console.auth import presence_label
        from console.permissions import role_label

        if agent is None:
            return
        who = Text(sanitize(agent.name), style="bold")
        who.append(f" ({sanitize(agent.handle)}) · {role_label(agent.role)}", style="")
        self.query_one("#header-agent", Static).update(who)
        self.query_one("#header-presence", Static).update(
            Text("● " + presence_label(agent.presence))
        )
        self.remove_class(*PRESENCE_CLASSES)
        self.add_class(f"-{agent.presence}")

    def show_right(self, text: str) -> None:
        """Show `text` (plain, e.g. today's date) at the right end of the header."""
        self.query_one("#header-right", Static).update(Text(text))
