"""The ticket list: a virtual list (Line API) over a queue view of any size.

Only visible rows are read. `virtual_size` comes from the view's count; `render_line` reads an
LRU cache of pages of `PAGE_SIZE` rows keyed by page index. A missing page is shown as "…"
rows and fetched by a thread worker: by keyset from a neighbouring cached page's boundary
(`page(after=...)` / `page(before=...)`), else by a jump (`page_at`, from the nearer end).
The event loop never waits on the store.

Customer text is sanitized and written as plain segments: never parsed as markup.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from typing import TYPE_CHECKING, Any, ClassVar

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import on
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from console.i18n import N_, LazyString
from console.text import sanitize
from console.tickets import PRIORITY_LABELS, STATUS_SHORT_LABELS, label
from screens.background import background

if TYPE_CHECKING:
    from console.queue import QueueFilter, QueueRow, SortOrder
    from console.store import Store

PAGE_SIZE = 100
"""Rows per page read from the store."""
CACHED_PAGES = 64
"""Pages kept in the LRU cache (6 400 rows)."""
LOADING = "…"


@dataclass(frozen=True)
class Column:
    """One column of the list: its sort key (if any), header and width (0: the rest)."""

    name: str
    header: LazyString
    width: int
    sort: str | None
    dropped: int = 0
    """On a narrow list, columns are left out by this rank, highest first (0: always shown)."""
    labels: Mapping[str, LazyString] | None = None
    """Words shown for the stored values; the column is as wide as the longest one."""

    def fitted_width(self) -> int:
        """The width in the current language: wide enough for the header and every label."""
        if not self.width:
            return 0
        words = (cell_len(str(word)) for word in (self.labels or {}).values())
        return max(self.width, cell_len(str(self.header)), *words)


COLUMNS: tuple[Column, ...] = (
    Column("priority", N_("Prio"), 6, "priority", labels=PRIORITY_LABELS),
    Column("due", N_("SLA due"), 12, "due"),
    Column("channel", N_("Chan."), 6, "channel", dropped=3),
    Column("language", N_("Lang"), 4, "language"),
    Column("subject", N_("Subject"), 0, "subject"),
    Column("customer", N_("Customer"), 16, "customer"),
    Column("order", N_("Order / object"), 16, "order", dropped=4),
    Column("status", N_("Status"), 6, "status", labels=STATUS_SHORT_LABELS),
    Column("assignee", N_("Assignee"), 9, "assignee", dropped=5),
    Column("age", N_("Age"), 8, "created", dropped=6),
)
"""The list's columns, left to right."""
SUBJECT_MIN = 16


def column_widths(width: int) -> list[int]:
    """Each column's width for a list `width` cells wide (one space between columns).

    The subject takes what the others leave; while that is under `SUBJECT_MIN`, the columns
    an agent can best do without (age, assignee, order, channel) are left out (width 0).
    """
    from console.i18n import current_language

    return list(_column_widths(width, current_language()))


@lru_cache(maxsize=64)
def _column_widths(width: int, language: str) -> tuple[int, ...]:
    widths = [column.fitted_width() for column in COLUMNS]
    for column in sorted((c for c in COLUMNS if c.dropped), key=lambda c: -c.dropped):
        if width - sum(size + 1 for size in widths if size) - 1 >= SUBJECT_MIN:
            break
        widths[COLUMNS.index(column)] = 0
    subject = max(SUBJECT_MIN, width - sum(size + 1 for size in widths if size) - 1)
    return tuple(
        subject if column.name == "subject" else size
        for column, size in zip(COLUMNS, widths, strict=True)
    )


def _cell(text: str, width: int) -> str:
    return set_cell_size(text, width) if cell_len(text) != width else text


def _plain(text: str) -> str:
    return sanitize(text).replace("\n", " ").replace("\t", " ")


def row_cells(row: QueueRow, now: datetime, language: str) -> dict[str, str]:
    """The text of each column for `row`: customer text sanitized, on one line, never markup."""
    from console.formatting import format_age, format_relative

    due = row.first_reply_due_at
    return {
        "priority": label(PRIORITY_LABELS, _plain(row.priority)),
        "due": format_relative(due - now, language) if due is not None else "—",
        "channel": _plain(row.channel),
        "language": _plain(row.language),
        "subject": _plain(row.subject),
        "customer": _plain(row.customer),
        "order": _plain(row.order_reference or row.lot_title or ""),
        "status": label(STATUS_SHORT_LABELS, _plain(row.status)),
        "assignee": _plain(row.assignee or ""),
        "age": format_age(now - row.created_at, language),
    }


class TicketList(ScrollView, can_focus=True):
    """Tickets of one queue view, read page by page as they scroll into sight."""

    HELP_NAME: ClassVar[LazyString] = N_("ticket list")
    """What the help screen calls this widget."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "ticket-list--header",
        "ticket-list--cursor",
        "ticket-list--breached",
        "ticket-list--urgent",
        "ticket-list--loading",
    }

    DEFAULT_CSS = """
    TicketList {
        overflow-x: hidden;
        overflow-y: scroll;
        background: $surface;
        & > .ticket-list--header { text-style: bold; background: $panel; color: $foreground; }
        & > .ticket-list--cursor { background: $block-cursor-blurred-background; }
        & > .ticket-list--breached { color: $text-error; text-style: bold; }
        & > .ticket-list--urgent { color: $text-warning; }
        & > .ticket-list--loading { color: $text-muted; }
        &:focus > .ticket-list--cursor {
            background: $block-cursor-background; color: $block-cursor-foreground;
        }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "cursor_down", N_("Down"), show=False, id="ticket-list.down"),
        Binding("up,k", "cursor_up", N_("Up"), show=False, id="ticket-list.up"),
        Binding("pagedown", "page_down", N_("Page down"), show=False, id="ticket-list.page-down"),
        Binding("pageup", "page_up", N_("Page up"), show=False, id="ticket-list.page-up"),
        Binding("home", "first", N_("First ticket"), show=False, id="ticket-list.first"),
        Binding("end", "last", N_("Last ticket"), show=False, id="ticket-list.last"),
        Binding("enter", "open", N_("Open ticket"), id="ticket-list.open"),
    ]
    """
    | Key | Action |
    | :- | :- |
    | `down`, `j` / `up`, `k` | Next / previous ticket. |
    | `pagedown` / `pageup` | A screen further / back. |
    | `home` / `end` | First / last ticket of the view. |
    | `enter` | Open the ticket under the cursor. |
    """

    cursor: reactive[int] = reactive(0, always_update=True)
    """Position of the highlighted ticket in the view (0-based)."""

    class TicketOpened(Message):
        """Enter on a ticket: open it."""

        def __init__(self, ticket_id: int) -> None:
            super().__init__()
            self.ticket_id = ticket_id

    class TicketHighlighted(Message):
        """The cursor is on another ticket (None while its page loads or the view is empty)."""

        def __init__(self, ticket_id: int | None) -> None:
            super().__init__()
            self.ticket_id = ticket_id

    class PageLoaded(Message):
        """A worker read page `index` of view generation `generation`."""

        def __init__(self, generation: int, index: int, rows: list[QueueRow]) -> None:
            super().__init__()
            self.generation = generation
            self.index = index
            self.rows = rows

    def __init__(
        self,
        *,
        language: str = "en",
        clock: Callable[[], datetime] | None = None,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.language = language
        """The agent's UI language (relative times are written in it)."""
        self.clock: Callable[[], datetime] = clock or (lambda: datetime.now(UTC))
        """Where "now" comes from for SLA and age."""
        self.store: Store | None = None
        self.view: QueueFilter | None = None
        self.order: SortOrder | None = None
        self.total = 0
        """How many tickets the view holds (sizes the scroll)."""
        self.generation = 0
        """Bumped whenever the view, the sort or the store's content changes: older pages
        arriving late are dropped."""
        self._pages: OrderedDict[int, list[QueueRow]] = OrderedDict()
        self._pending: set[int] = set()
        self._lines: dict[tuple[int, int], list[Segment]] = {}
        self._strips: dict[tuple[int, int], Strip] = {}
        """Finished lines by (ticket, width): the same Strip object keeps Textual's caches."""
        self._lines_at = ""
        self._lines_style = Style()
        self._paint_style = Style()
        """The widget's style for the paint under way (Textual works it out on every ask)."""
        self._highlighted: int | None = -1
        self.counting = False
        """True while the view is shown from its first page and its count is not known yet."""
        self._last_when_counted = False

    # -- what the screen calls -------------------------------------------------------------

    def show(
        self,
        store: Store,
        view: QueueFilter,
        order: SortOrder,
        total: int,
        *,
        cursor: int = 0,
        keep_pages: bool = False,
        first_rows: list[QueueRow] | None = None,
        counting: bool = False,
    ) -> None:
        """Show `view` sorted by `order`, holding `total` tickets, the cursor at `cursor`.

        `first_rows`, when given, is the page holding the cursor, already read. With
        `counting`, `total` is only what is known so far; `counted` gives the whole.
        """
        self.store, self.view, self.order, self.total = store, view, order, total
        self.counting, self._last_when_counted = counting, False
        self.generation += 1
        if not keep_pages:
            self._pages.clear()
        self._pending.clear()
        self._lines.clear()
        self._strips.clear()
        self._highlighted = -1
        self.virtual_size = Size(self.size.width, total + 1)
        cursor = max(0, min(cursor, total - 1))
        if first_rows:
            self._pages[cursor // PAGE_SIZE] = first_rows
        self.cursor = cursor
        self.refresh()

    def counted(self, total: int) -> None:
        """The view's count arrived: size the scroll to it."""
        self.counting = False
        self.total = total
        self.virtual_size = Size(self.size.width, total + 1)
        if self._last_when_counted or self.cursor >= total:
            self._move(total - 1)
        self.refresh()

    def row_at(self, index: int) -> QueueRow | None:
        """The row at position `index` if its page is cached."""
        rows = self._pages.get(index // PAGE_SIZE)
        if rows is None:
            return None
        offset = index % PAGE_SIZE
        return rows[offset] if offset < len(rows) else None

    @property
    def cursor_row(self) -> QueueRow | None:
        """The row under the cursor, if loaded."""
        return self.row_at(self.cursor) if self.total else None

    @property
    def pages_pending(self) -> bool:
        """True while a page the list needs is being read."""
        return bool(self._pending)

    @property
    def cached_pages(self) -> list[int]:
        """Indexes of the pages in the cache, least recently used first."""
        return list(self._pages)

    # -- rendering --------------------------------------------------------------------------

    @property
    def _visible_rows(self) -> int:
        return max(1, self.scrollable_content_region.height - 1)

    def render_lines(self, crop: Region) -> list[Strip]:
        self._paint_style = self.rich_style
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if y == 0:
            return self._header(width)
        index = int(self.scroll_offset.y) + y - 1
        if index >= self.total:
            return Strip.blank(width, self._paint_style)
        row = self.row_at(index)
        if row is None:
            self._want(index // PAGE_SIZE)
            style = self.get_component_rich_style("ticket-list--loading")
            strip = Strip([Segment(_cell(f" {LOADING}", width), style)], width)
        elif index == self.cursor:
            strip = Strip(self._row_segments(row, width), width)
        else:
            return self._row_strip(row, width)
        if index == self.cursor:
            strip = strip.apply_style(self.get_component_rich_style("ticket-list--cursor"))
        return strip.apply_style(self._paint_style)

    def _row_strip(self, row: QueueRow, width: int) -> Strip:
        segments = self._row_segments(row, width)  # clears the caches on a new minute
        base = self._paint_style
        if base != self._lines_style:  # a new theme: the component styles changed too
            self._lines.clear()
            self._strips.clear()
            self._lines_style = base
            segments = self._row_segments(row, width)
        strip = self._strips.get((row.id, width))
        if strip is None:
            strip = self._strips[(row.id, width)] = Strip(segments, width).apply_style(base)
        return strip

    def _header(self, width: int) -> Strip:
        style = self.get_component_rich_style("ticket-list--header")
        cells = []
        for column, size in zip(COLUMNS, column_widths(width), strict=True):
            if not size:
                continue
            label = str(column.header)
            if self.order is not None and column.sort == self.order.column:
                # The arrow always shows: a narrow column gives up letters of its name.
                arrow = "▼" if self.order.descending else "▲"
                label = f"{_cell(label, min(cell_len(label), size - 2))} {arrow}"
            cells.append(_cell(label, size))
        return Strip([Segment(_cell(" ".join(cells), width), style)], width)

    def _row_segments(self, row: QueueRow, width: int) -> list[Segment]:
        now = self.clock()
        minute = now.strftime("%Y%m%d%H%M")
        if minute != self._lines_at:
            self._lines.clear()
            self._strips.clear()
            self._lines_at = minute
        cached = self._lines.get((row.id, width))
        if cached is not None:
            return cached
        widths = column_widths(width)
        breached = row.breached(now)
        values = row_cells(row, now, self.language)
        # Runs of one style make one segment: fewer segments, less work in every frame.
        runs: list[tuple[str, Style | None]] = []
        for column, size in zip(COLUMNS, widths, strict=True):
            if not size:
                continue
            style = None
            if column.name == "due" and breached:
                style = self.get_component_rich_style("ticket-list--breached")
            elif column.name == "priority" and row.priority in ("urgent", "high"):
                style = self.get_component_rich_style("ticket-list--urgent")
            text = _cell(values[column.name], size)
            if style is None and runs and runs[-1][1] is None:
                runs[-1] = (runs[-1][0] + text + " ", None)
            else:
                runs += [(text, style), (" ", None)] if style else [(text + " ", None)]
        segments = [Segment(text, style) for text, style in runs]
        used = sum(segment.cell_length for segment in segments)
        if used < width:
            segments.append(Segment(" " * (width - used)))
        cropped = list(Segment.adjust_line_length(segments, width))
        self._lines[(row.id, width)] = cropped
        return cropped

    def on_resize(self) -> None:
        self._lines.clear()
        self._strips.clear()
        self.virtual_size = Size(self.size.width, self.total + 1)

    # -- pages ------------------------------------------------------------------------------

    def _want(self, index: int) -> None:
        if index in self._pending or index in self._pages or self.store is None:
            return
        self._pending.add(index)
        self._read_page(self.generation, index)

    def _visible_pages(self) -> range:
        top = int(self.scroll_offset.y)
        first = max(0, top // PAGE_SIZE - 1)
        last = (top + self._visible_rows) // PAGE_SIZE + 1
        return range(first, last + 1)

    @background(group="ticket-pages")
    def _read_page(self, generation: int, index: int) -> None:
        from console.queue import page, page_at

        store, view, order = self.store, self.view, self.order
        if store is None or view is None or order is None or generation != self.generation:
            return
        if index not in self._visible_pages():
            # Scrolled past while waiting: read it again if it comes back into sight.
            self.post_message(self.PageLoaded(generation, index, []))
            return
        before, after = self._pages.get(index - 1), self._pages.get(index + 1)
        if before and len(before) == PAGE_SIZE:
            rows = page(store, view, order, after=before[-1].key, limit=PAGE_SIZE)
        elif after and index >= 0:
            rows = page(store, view, order, before=after[0].key, limit=PAGE_SIZE)
        else:
            rows = page_at(store, view, order, index * PAGE_SIZE, PAGE_SIZE, total=self.total)
        self.post_message(self.PageLoaded(generation, index, rows))

    @on(PageLoaded)
    def _page_loaded(self, event: PageLoaded) -> None:
        event.stop()
        if event.generation != self.generation:
            return
        self._pending.discard(event.index)
        if not event.rows:
            return
        self._pages[event.index] = event.rows
        self._pages.move_to_end(event.index)
        while len(self._pages) > CACHED_PAGES:
            self._pages.popitem(last=False)
        self.refresh()
        self._announce()

    # -- cursor -----------------------------------------------------------------------------

    def watch_cursor(self, old: int, new: int) -> None:
        self._scroll_to_cursor()
        self.refresh()
        self._announce()
        self.call_after_refresh(self._prefetch)  # after the repaint: it does not wait on it

    def _prefetch(self) -> None:
        """Read the pages a screenful above and below before they scroll into sight."""
        top, rows = int(self.scroll_offset.y), self._visible_rows
        for row in (top + 2 * rows, top - rows):
            if 0 <= row < self.total:
                self._want(row // PAGE_SIZE)

    def _scroll_to_cursor(self) -> None:
        top = int(self.scroll_offset.y)
        rows = self._visible_rows
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + rows:
            self.scroll_to(y=self.cursor - rows + 1, animate=False, immediate=True)

    def _announce(self) -> None:
        row = self.cursor_row
        ticket_id = row.id if row is not None else None
        if ticket_id != self._highlighted:
            self._highlighted = ticket_id
            self.post_message(self.TicketHighlighted(ticket_id))

    def _move(self, to: int) -> None:
        self._last_when_counted = False
        if self.total:
            self.cursor = max(0, min(to, self.total - 1))

    def action_cursor_down(self) -> None:
        """Next ticket."""
        self._move(self.cursor + 1)

    def action_cursor_up(self) -> None:
        """Previous ticket."""
        self._move(self.cursor - 1)

    def action_page_down(self) -> None:
        """A screenful further."""
        rows = self._visible_rows
        self.scroll_to(y=int(self.scroll_offset.y) + rows, animate=False, immediate=True)
        self._move(self.cursor + rows)

    def action_page_up(self) -> None:
        """A screenful back."""
        rows = self._visible_rows
        self.scroll_to(y=max(0, int(self.scroll_offset.y) - rows), animate=False, immediate=True)
        self._move(self.cursor - rows)

    def action_first(self) -> None:
        """The first ticket of the view."""
        self._move(0)

    def action_last(self) -> None:
        """The last ticket of the view (once counted, if it is being counted)."""
        self._move(self.total - 1)
        self._last_when_counted = self.counting

    def action_open(self) -> None:
        """Open the ticket under the cursor."""
        row = self.cursor_row
        if row is not None:
            self.post_message(self.TicketOpened(row.id))

    async def _on_click(self, event: Any) -> None:
        index = int(self.scroll_offset.y) + event.y - 1
        if event.y >= 1 and index < self.total:
            self._move(index)
