"""The agent's home: today's date in their zone, and the counts they start the day with.

Each tile opens the list it counts: a view of the queue, or a screen of its own (the disputes
awaiting me, the approvals pending); the app routes `HomeScreen.CountOpened`. Counts come
from `console.home.home_counts` in a thread worker; the worker looks every second whether
another connection committed (`console.changes`) and counts again when it did, and at least
every `RECOUNT_EVERY` seconds.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Static

from console.i18n import N_, _
from screens.background import background
from screens.commands import PaletteCommand
from screens.widgets.agent_header import AgentHeader
from screens.widgets.count_tile import CountTile
from screens.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from console.auth import SignedInAgent
    from console.changes import ChangeWatch
    from console.home import HomeCounts

LOOK_EVERY = 1.0
"""Seconds between two looks at whether the store changed."""
RECOUNT_EVERY = 5.0
"""Seconds after which the counts are taken again even if nothing was seen written (SLA clocks
move on their own)."""


@dataclass(frozen=True)
class Tile:
    """One count of home and the list it opens: a view of the queue, or a screen."""

    field: str
    """The `HomeCounts` field it shows."""
    label: Any
    """What is counted, for people (a lazy string)."""
    view_name: str | None = None
    """The queue view it opens (`mine`, ...), when it opens the queue."""
    screen: str | None = None
    """The screen it opens (`disputes`, `approvals`), when it opens one of its own."""
    needs: str | None = None
    """The permission (`console.permissions.Action`) a role needs to see the tile at all."""

    @property
    def widget_id(self) -> str:
        """The id of its `CountTile`."""
        return "tile-" + self.field.replace("_", "-")


TILES: tuple[Tile, ...] = (
    Tile("my_open", N_("my open tickets"), view_name="mine"),
    Tile(
        "unassigned_mine", N_("unassigned in my languages"), view_name="unassigned-in-my-languages"
    ),
    Tile("waiting_chats", N_("waiting chats"), view_name="waiting-chats"),
    Tile("disputes_for_me", N_("disputes awaiting me"), screen="disputes"),
    Tile(
        "approvals_pending",
        N_("approvals pending"),
        screen="approvals",
        needs="approval.decide",  # Action.APPROVAL_DECIDE, whose module loads the models
    ),
    Tile("sla_at_risk", N_("SLA at risk (next hour)"), view_name="sla-at-risk"),
)
"""Every tile, in order; a role sees those whose `needs` it is allowed."""


class HomeScreen(Screen[None]):
    """Today's counts for the signed-in agent."""

    CSS_PATH = "home.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open_count", N_("Open"), id="home.open"),
        Binding("right,l", "app.focus_next", N_("Next"), show=False, id="home.next"),
        Binding("left,h", "app.focus_previous", N_("Previous"), show=False, id="home.previous"),
        Binding("r", "recount", N_("Count again"), id="home.recount"),
    ]
    """
    | Key | Action |
    | :- | :- |
    | `enter` | Open the list behind the focused count. |
    | `right`, `l` / `left`, `h` | Next / previous count. |
    | `r` | Count again now. |
    """

    class CountOpened(Message):
        """The agent asked for the list behind a count: the queue on `view_name` (e.g.
        `mine`), or the screen named `screen` (`disputes`, `approvals`)."""

        def __init__(self, view_name: str | None = None, *, screen: str | None = None) -> None:
            super().__init__()
            self.view_name = view_name
            self.screen = screen

    class CountsReady(Message):
        """Fresh counts from the worker."""

        def __init__(self, counts: HomeCounts) -> None:
            super().__init__()
            self.counts = counts

    def __init__(self) -> None:
        super().__init__()
        self._watch: ChangeWatch | None = None
        self._counted_at = 0.0
        self._force = True
        self.tiles: tuple[Tile, ...] = ()
        """The tiles shown, in order: those the agent's role may see."""

    def compose(self) -> ComposeResult:
        from console.permissions import allowed

        agent = self.agent
        self.tiles = tuple(
            tile
            for tile in TILES
            if tile.needs is None or (agent is not None and allowed(agent.role, tile.needs))
        )
        yield AgentHeader()
        with Vertical(id="home-body"):
            yield Static("", id="home-greeting")
            yield Static("", id="home-today")
            with Grid(id="home-tiles", classes=f"-tiles-{len(self.tiles)}"):
                for tile in self.tiles:
                    yield CountTile(str(tile.label), tile.view_name or "", id=tile.widget_id)
            yield Static("", id="home-counted-at")
        yield KeyBar()

    def on_mount(self) -> None:
        self._show_today()
        self.query(CountTile).first().focus()
        # The first count comes with the screen's first resume (`on_screen_resume`).
        self.set_interval(LOOK_EVERY, self._look, name="home-look")

    def on_screen_resume(self) -> None:
        # Shown again (the queue or a ticket closed): count now if anything changed.
        self._look()

    @property
    def agent(self) -> SignedInAgent | None:
        """The signed-in agent."""
        agent: SignedInAgent | None = getattr(self.app, "agent", None)
        return agent

    def _show_today(self) -> None:
        from babel.dates import format_datetime

        agent = self.agent
        if agent is None:
            return
        from console.text import sanitize

        now = self.app.clock()  # type: ignore[attr-defined]
        zone = _zone(agent.timezone)
        today = format_datetime(now, format="full", tzinfo=zone, locale=agent.ui_language)
        self.query_one("#home-greeting", Static).update(
            _("Hello, {name}.").format(name=sanitize(agent.name))
        )
        self.query_one("#home-today", Static).update(today)
        short = format_datetime(now, format="medium", tzinfo=zone, locale=agent.ui_language)
        self.query_one(AgentHeader).show_right(f"{short} · {agent.timezone}")

    def action_recount(self) -> None:
        """Count again now."""
        self._force = True
        self._look()

    def _look(self) -> None:
        agent, store = self.agent, getattr(self.app, "store", None)
        if agent is None or store is None:
            return
        if not self.is_active:
            # Not under another screen, even a dialog: at a million tickets the counts cost a
            # few hundred ms of the process, which the screen on top needs. They are taken
            # when home is shown again (`on_screen_resume`); what changed is noted meanwhile
            # (a PostgreSQL listener must read its notifications).
            if self._watch is not None:
                self._note_changes(self._watch)
            return
        force = self._force or time.monotonic() - self._counted_at >= RECOUNT_EVERY
        self._force = False
        self._count(store, agent, self.app.clock(), force)  # type: ignore[attr-defined]

    @background(group="home-counts", exclusive=True)
    def _note_changes(self, watch: ChangeWatch) -> None:
        watch.note()

    @background(group="home-counts", exclusive=True)
    def _count(self, store: Any, agent: SignedInAgent, now: Any, force: bool) -> None:
        from console.changes import ChangeWatch
        from console.home import home_counts

        if self._watch is None:
            self._watch = ChangeWatch(store, at_most_every=LOOK_EVERY * 2)
        changed = self._watch.changed()
        if not (changed or force):
            return
        counts = home_counts(store, agent, now)
        self.post_message(self.CountsReady(counts))

    @on(CountsReady)
    def _show_counts(self, event: CountsReady) -> None:
        from babel.numbers import format_decimal

        agent = self.agent
        locale = agent.ui_language if agent else "en"
        self._counted_at = time.monotonic()
        for tile in self.tiles:
            value = getattr(event.counts, tile.field)
            if value is None:  # not counted for this role (its tile is not shown either)
                continue
            widget = self.query_one(f"#{tile.widget_id}", CountTile)
            widget.count = format_decimal(int(value), locale=locale)
            if tile.field == "sla_at_risk":
                widget.set_class(int(value) > 0, "-alert")
        self._show_today()
        if agent is not None:
            from babel.dates import format_time

            at = format_time(
                event.counts.at, format="medium", tzinfo=_zone(agent.timezone), locale=locale
            )
            self.query_one("#home-counted-at", Static).update(_("Counted at {at}.").format(at=at))

    def action_open_count(self) -> None:
        """Ask for the list behind the focused count (the app opens it)."""
        focused = self.focused
        if not isinstance(focused, CountTile):
            return
        for tile in self.tiles:
            if tile.widget_id == focused.id:
                self.post_message(self.CountOpened(tile.view_name, screen=tile.screen))
                return

    def palette_commands(self) -> list[PaletteCommand]:
        """Home's own commands for the command palette."""
        return [
            PaletteCommand(_("Count again"), _("Refresh the counts now"), self.action_recount),
        ]

    def on_unmount(self) -> None:
        if self._watch is not None:
            self._watch.close()
            self._watch = None


def _zone(name: str) -> Any:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def warm_up() -> None:
    """Import what the home screen loads when first shown (its counts, Babel's dates and
    numbers), for a worker to do while the sign-in is checked."""
    from importlib import import_module

    for module in ("babel.dates", "babel.numbers", "console.home"):
        import_module(module)
