"""Coverage: the week's heatmap of agents on shift per channel, language and hour, with holes.

The week starts today in the signed-in agent's zone. A thread worker loads the snapshot, the
coverage and the arrivals of the past four weeks (for Erlang C); the side panel explains the
selected cell: who is on, who is off and why (absence, holiday, not scheduled), who is on shift
without the skill, and how many agents Erlang C asks for.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Static

from console.i18n import N_, _
from screens.background import background
from screens.commands import PaletteCommand
from screens.widgets.agent_header import AgentHeader
from screens.widgets.heatmap import Heatmap, HeatmapData, HeatmapRow
from screens.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from console.routing.offer import RoutingSnapshot

DAYS = 7
PANEL_LIST = 12
"""Names shown per list in the side panel before "and N more"."""


class CoverageScreen(Screen[None]):
    """The team's coverage for a week, hour by hour, with the holes marked."""

    CSS_PATH = "coverage.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "reload", N_("Reload"), id="coverage.reload"),
        Binding("escape", "app.pop_screen", N_("Back"), id="coverage.back"),
    ]
    """
    | Key | Action |
    | :- | :- |
    | `r` | Load the schedules again. |
    | `escape` | Back to the previous screen. |
    """

    class Loaded(Message):
        """The worker's answer: what the heatmap draws and the snapshot behind it."""

        def __init__(self, data: HeatmapData, snapshot: RoutingSnapshot) -> None:
            super().__init__()
            self.data = data
            self.snapshot = snapshot

    def __init__(self) -> None:
        super().__init__()
        self.snapshot: RoutingSnapshot | None = None

    def compose(self) -> ComposeResult:
        yield AgentHeader()
        with Horizontal(id="coverage-body"):
            with VerticalScroll(id="coverage-map"):
                yield Heatmap(id="heatmap")
            with VerticalScroll(id="coverage-panel"):
                yield Static(_("Loading coverage…"), id="coverage-detail")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one(AgentHeader).show_right(_("Coverage"))
        self.query_one(Heatmap).focus()
        self.action_reload()

    def action_reload(self) -> None:
        """Load the week again in a worker."""
        agent, store = getattr(self.app, "agent", None), getattr(self.app, "store", None)
        if agent is None or store is None:
            return
        self._load(store, agent.timezone, self.app.clock())  # type: ignore[attr-defined]

    @background(group="coverage", exclusive=True)
    def _load(self, store: Any, zone: str, now: datetime) -> None:
        from zoneinfo import ZoneInfo

        from console.routing.board import hour_of_week, hourly_arrivals, needed_agents
        from console.routing.coverage import coverage, period
        from console.routing.snapshot import load_snapshot

        first_day = now.astimezone(ZoneInfo(zone)).date()
        start, end = period(first_day, DAYS, zone)
        snapshot = load_snapshot(store, start, until=end)
        result = coverage(snapshot, first_day, DAYS, zone)
        arrivals = hourly_arrivals(store, now, zone)
        rows = []
        for row in result.rows:
            per_hour = arrivals.get((row.channel, row.language))
            needed = tuple(
                needed_agents(row.channel, per_hour[hour_of_week(hour, zone)]) if per_hour else None
                for hour in result.hours
            )
            rows.append(HeatmapRow(row.channel, row.language, row.counts, needed))
        data = HeatmapData(hours=result.hours, rows=tuple(rows), zone=zone, now=now)
        self.post_message(self.Loaded(data, snapshot))

    @on(Loaded)
    def _show(self, event: Loaded) -> None:
        self.snapshot = event.snapshot
        self.query_one(Heatmap).show(event.data)

    @on(Heatmap.CellSelected)
    def _explain(self, event: Heatmap.CellSelected) -> None:
        from console.routing.board import cell_detail

        if self.snapshot is None:
            return
        agent = getattr(self.app, "agent", None)
        language = agent.ui_language if agent else "en"
        zone = agent.timezone if agent else "UTC"
        detail = cell_detail(
            self.snapshot, event.row.channel, event.row.language, event.start, event.end
        )
        self.query_one("#coverage-detail", Static).update(
            describe_cell(event, detail, zone, language)
        )

    def palette_commands(self) -> list[PaletteCommand]:
        """Coverage's own commands for the command palette."""
        return [
            PaletteCommand(_("Reload coverage"), _("Load the schedules again"), self.action_reload)
        ]


def _names(handles: tuple[str, ...] | list[str]) -> str:
    shown = ", ".join(handles[:PANEL_LIST])
    if len(handles) > PANEL_LIST:
        shown += " " + _("and {n} more").format(n=len(handles) - PANEL_LIST)
    return shown or "—"


def describe_cell(event: Heatmap.CellSelected, detail: Any, zone: str, language: str) -> Text:
    """The side panel's text for one cell (customer-free: handles and reasons only)."""
    from console.formatting import format_instant
    from console.routing.labels import channel_label, off_reason_label

    row = event.row
    text = Text()
    text.append(f"{channel_label(row.channel)} · {row.language}\n", "bold")
    text.append(
        format_instant(event.start, zone, language, style="short")
        + " – "
        + format_instant(event.end - timedelta(seconds=1), zone, language, style="short")[-5:]
        + "\n\n"
    )
    text.append(_("On shift ({n}): ").format(n=len(detail.on_shift)), "bold")
    text.append(_names(detail.on_shift) + "\n")
    if event.needed is not None:
        text.append(
            _("Erlang C asks for {needed} (arrivals of the past 4 weeks).").format(
                needed=event.needed
            )
            + "\n",
            "bold red" if event.count < event.needed else "",
        )
    text.append("\n")
    if detail.off:
        text.append(_("Off ({n}):").format(n=len(detail.off)) + "\n", "bold")
        for handle, reason in detail.off[:PANEL_LIST]:
            text.append(f"  {handle} — {off_reason_label(reason)}\n")
        if len(detail.off) > PANEL_LIST:
            text.append("  " + _("and {n} more").format(n=len(detail.off) - PANEL_LIST) + "\n")
    text.append(_("On shift without this skill: "), "bold")
    text.append(_names(detail.no_skill) + "\n")
    return text
