"""A keyboard-driven heatmap of agents on shift: (channel, language) rows × hours of one day.

The week is paged by day (in the lead's zone); the cursor moves over cells and across days.
Empty cells (holes) are marked ✕ on red, the current hour's column is marked ▼. The widget
only draws what it is given (`HeatmapData`); the counts come from `console.routing.coverage`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import ClassVar
from zoneinfo import ZoneInfo

from rich.style import Style
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from console.i18n import N_, _

LABEL_WIDTH = 10
CELL_WIDTH = 3
HOUR = timedelta(hours=1)


@dataclass(frozen=True)
class HeatmapRow:
    """One (channel, language) row: agents on shift per hour, and what Erlang C asks for."""

    channel: str
    language: str
    counts: tuple[int, ...]
    needed: tuple[int | None, ...] = ()


@dataclass(frozen=True)
class HeatmapData:
    """Everything the heatmap draws: UTC hour starts, rows, the zone and the current instant."""

    hours: tuple[datetime, ...]
    rows: tuple[HeatmapRow, ...]
    zone: str
    now: datetime

    def day_of(self, index: int) -> date:
        """The local date of hour `index`."""
        return self.hours[index].astimezone(ZoneInfo(self.zone)).date()

    def days(self) -> list[date]:
        """The local dates of the period, in order."""
        seen: list[date] = []
        for index in range(len(self.hours)):
            day = self.day_of(index)
            if not seen or seen[-1] != day:
                seen.append(day)
        return seen

    def hours_of(self, day: date) -> list[int]:
        """Indexes of the hours starting on local date `day` (23 to 25 of them)."""
        return [index for index in range(len(self.hours)) if self.day_of(index) == day]

    def now_index(self) -> int | None:
        """The index of the hour holding `now`, if in the period."""
        for index, start in enumerate(self.hours):
            if start <= self.now < start + HOUR:
                return index
        return None


class Heatmap(Widget, can_focus=True):
    """Agents on shift per (channel, language) row and hour column; arrows move over cells."""

    DEFAULT_CSS = """
    Heatmap {
        height: auto;
        width: auto;
        min-width: 40;
        padding: 0 1;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left,h", "move(0, -1)", N_("Previous hour"), show=False, id="heatmap.left"),
        Binding("right,l", "move(0, 1)", N_("Next hour"), show=False, id="heatmap.right"),
        Binding("up,k", "move(-1, 0)", N_("Row above"), show=False, id="heatmap.up"),
        Binding("down,j", "move(1, 0)", N_("Row below"), show=False, id="heatmap.down"),
        Binding("pageup,[", "day(-1)", N_("Previous day"), id="heatmap.previous-day"),
        Binding("pagedown,]", "day(1)", N_("Next day"), id="heatmap.next-day"),
        Binding("n", "now", N_("Now"), id="heatmap.now"),
    ]
    """
    | Key | Action |
    | :- | :- |
    | arrows, `h` `j` `k` `l` | Move over the cells (across days at either end). |
    | `pageup`, `[` / `pagedown`, `]` | Previous / next day. |
    | `n` | Back to the current hour. |
    """

    row = reactive(0)
    column = reactive(0)  # index into data.hours

    class CellSelected(Message):
        """The cursor is on a new cell."""

        def __init__(self, row: HeatmapRow, index: int, start: datetime) -> None:
            super().__init__()
            self.row = row
            self.start = start
            self.end = start + HOUR
            self.count = row.counts[index]
            self.needed = row.needed[index] if index < len(row.needed) else None

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.data: HeatmapData | None = None

    def show(self, data: HeatmapData) -> None:
        """Draw `data`, the cursor on the current hour when it is in the period."""
        self.data = data
        now = data.now_index()
        self.row = min(self.row, max(0, len(data.rows) - 1))
        self.column = now if now is not None else 0
        self.refresh(layout=True)
        self._announce()

    def action_move(self, rows: int, columns: int) -> None:
        """Move the cursor by `rows` and `columns` (hours), staying inside the period."""
        if self.data is None:
            return
        self.row = max(0, min(len(self.data.rows) - 1, self.row + rows))
        self.column = max(0, min(len(self.data.hours) - 1, self.column + columns))
        self._announce()

    def action_day(self, days: int) -> None:
        """The same hour of the previous or next day."""
        if self.data is None:
            return
        day_list = self.data.days()
        current = day_list.index(self.data.day_of(self.column))
        target = max(0, min(len(day_list) - 1, current + days))
        hours = self.data.hours_of(day_list[target])
        position = self.data.hours_of(day_list[current]).index(self.column)
        self.column = hours[min(position, len(hours) - 1)]
        self._announce()

    def action_now(self) -> None:
        """Back to the current hour."""
        if self.data is not None and (now := self.data.now_index()) is not None:
            self.column = now
            self._announce()

    def _announce(self) -> None:
        if self.data is None or not self.data.rows:
            return
        start = self.data.hours[self.column]
        self.post_message(self.CellSelected(self.data.rows[self.row], self.column, start))
        self.refresh()

    def get_content_width(self, container: object, viewport: object) -> int:
        return LABEL_WIDTH + 25 * CELL_WIDTH

    def get_content_height(self, container: object, viewport: object, width: int) -> int:
        return 4 + (len(self.data.rows) if self.data else 1)

    def render(self) -> Text:
        data = self.data
        if data is None:
            return Text(_("Loading coverage…"))
        zone = ZoneInfo(data.zone)
        day = data.day_of(self.column)
        columns = data.hours_of(day)
        day_list = data.days()
        now = data.now_index()
        text = Text()
        text.append(
            _("{day} ({zone}) · day {n} of {count}").format(
                day=day.isoformat(), zone=data.zone, n=day_list.index(day) + 1, count=len(day_list)
            ),
            style="bold",
        )
        text.append("\n" + " " * LABEL_WIDTH)
        for index in columns:
            text.append("▼".center(CELL_WIDTH) if index == now else " " * CELL_WIDTH, "bold")
        text.append("\n" + " " * LABEL_WIDTH)
        for index in columns:
            hour = data.hours[index].astimezone(zone).strftime("%H")
            text.append(hour.rjust(CELL_WIDTH - 1) + " ", "bold" if index == now else "dim")
        for row_index, row in enumerate(data.rows):
            text.append("\n")
            text.append(f"{row.channel:<6}{row.language:<4}"[:LABEL_WIDTH], "bold")
            for index in columns:
                text.append(*self._cell(row, index, row_index, now))
        text.append("\n")
        text.append(_("✕ nobody on shift · ! fewer than Erlang C asks for · ▼ now"), "dim")
        return text

    def _cell(
        self, row: HeatmapRow, index: int, row_index: int, now: int | None
    ) -> tuple[str, Style]:
        count = row.counts[index]
        needed = row.needed[index] if index < len(row.needed) else None
        short = needed is not None and count < needed
        label = "✕" if count == 0 else (str(count) if count < 100 else "99")
        label = (label + ("!" if short and count else "")).rjust(CELL_WIDTH - 1) + " "
        if count == 0:
            style = Style(color="white", bgcolor="red", bold=True)
        elif short:
            style = Style(color="black", bgcolor="yellow")
        elif count == 1:
            style = Style(color="black", bgcolor="dark_sea_green")
        else:
            style = Style(color="black", bgcolor="green")
        if index == now:
            style += Style(underline=True)
        if row_index == self.row and index == self.column:
            style += Style(reverse=True, bold=True)
        return label, style
