"""Who is on now: agents on shift with languages, channels, presence and load; and for chat and
phone, each language open or closed now, why, and when it opens next.

A thread worker loads a routing snapshot every `REFRESH_EVERY` seconds (or on `r`); both lists
are small (the team), so they are `DataTable`s.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Static

from console.i18n import N_, _
from screens.background import background
from screens.commands import PaletteCommand
from screens.widgets.agent_header import AgentHeader
from screens.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from console.routing.board import LiveChannelState, OnShiftAgent

REFRESH_EVERY = 30.0


class WhosOnScreen(Screen[None]):
    """Agents on shift now, and the live channels open or closed per language."""

    CSS_PATH = "whos_on.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "reload", N_("Reload"), id="whos-on.reload"),
        Binding("escape", "app.pop_screen", N_("Back"), id="whos-on.back"),
    ]
    """
    | Key | Action |
    | :- | :- |
    | `r` | Look again now. |
    | `escape` | Back to the previous screen. |
    """

    class Loaded(Message):
        """The worker's answer."""

        def __init__(
            self, at: datetime, agents: list[OnShiftAgent], channels: list[LiveChannelState]
        ) -> None:
            super().__init__()
            self.at = at
            self.agents = agents
            self.channels = channels

    def compose(self) -> ComposeResult:
        yield AgentHeader()
        with Vertical(id="whos-on-body"):
            yield Static(_("Loading…"), id="whos-on-title")
            yield DataTable(id="whos-on-agents", cursor_type="row", zebra_stripes=True)
            yield Static(_("Chat and phone by language"), id="whos-on-channels-title")
            yield DataTable(id="whos-on-channels", cursor_type="row", zebra_stripes=True)
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one(AgentHeader).show_right(_("Who is on"))
        agents = self.query_one("#whos-on-agents", DataTable)
        agents.add_columns(
            _("Handle"), _("Name"), _("Languages"), _("Channels"), _("Presence"), _("Load")
        )
        channels = self.query_one("#whos-on-channels", DataTable)
        channels.add_columns(_("Channel"), _("Language"), _("Now"), _("Why"), _("Opens"))
        agents.focus()
        self.action_reload()
        self.set_interval(REFRESH_EVERY, self.action_reload, name="whos-on-refresh")

    def action_reload(self) -> None:
        """Look again in a worker."""
        store = getattr(self.app, "store", None)
        if store is not None:
            self._load(store, self.app.clock())  # type: ignore[attr-defined]

    @background(group="whos-on", exclusive=True)
    def _load(self, store: Any, now: datetime) -> None:
        from console.routing.board import live_channels, on_shift_now
        from console.routing.snapshot import load_snapshot

        snapshot = load_snapshot(store, now)
        self.post_message(
            self.Loaded(now, on_shift_now(snapshot, now), live_channels(snapshot, now))
        )

    @on(Loaded)
    def _show(self, event: Loaded) -> None:
        from console.auth import presence_label
        from console.formatting import format_instant
        from console.routing.labels import channel_label, reason_label
        from console.text import sanitize

        agent = getattr(self.app, "agent", None)
        zone = agent.timezone if agent else "UTC"
        language = agent.ui_language if agent else "en"
        self.query_one("#whos-on-title", Static).update(
            Text(
                _("On shift at {at}: {n} agents").format(
                    at=format_instant(event.at, zone, language, style="short"),
                    n=len(event.agents),
                ),
                style="bold",
            )
        )
        agents = self.query_one("#whos-on-agents", DataTable)
        agents.clear()
        for person in event.agents:
            load = " · ".join(
                f"{channel_label(channel)} {busy}/{capacity}"
                for channel, busy, capacity in person.load
            )
            agents.add_row(
                Text(sanitize(person.handle)),
                Text(sanitize(person.name)),
                ", ".join(person.languages),
                ", ".join(channel_label(channel) for channel in person.channels),
                presence_label(person.presence),
                load,
                key=person.handle,
            )
        channels = self.query_one("#whos-on-channels", DataTable)
        channels.clear()
        for state in event.channels:
            opens = (
                format_instant(state.next_open_at, zone, language, style="short")
                if state.next_open_at
                else ""
            )
            channels.add_row(
                channel_label(state.channel),
                state.language,
                Text(_("open"), style="green") if state.offered else Text(_("closed"), "red"),
                reason_label(state.reason),
                opens,
                key=f"{state.channel}:{state.language}",
            )

    def palette_commands(self) -> list[PaletteCommand]:
        """This screen's own commands for the command palette."""
        return [PaletteCommand(_("Look again"), _("Reload who is on now"), self.action_reload)]
