"""The queue: views with live counts on the left, the virtual ticket list, a preview below it.

Every read runs in a thread worker (`console.queue`, `console.views`, `console.search`); the
screen looks every second whether another connection committed (SQLite's `PRAGMA data_version`,
PostgreSQL's notifications: `console.changes.ChangeWatch`) and then counts the views again and
re-reads the list, keeping the cursor on the same ticket.
"""

from __future__ import annotations

import time
from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.reactive import Reactive
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from console.i18n import N_, _, ngettext
from console.text import sanitize
from screens.background import background
from screens.commands import PaletteCommand
from screens.heap import settle_heap
from screens.widgets.agent_header import AgentHeader
from screens.widgets.key_bar import KeyBar
from screens.widgets.ticket_list import COLUMNS, PAGE_SIZE, TicketList

if TYPE_CHECKING:
    from textual.timer import Timer

    from console.auth import SignedInAgent
    from console.changes import ChangeWatch
    from console.queue import QueueFilter, QueueRow, SortOrder, TicketPreview
    from console.store import Store
    from console.views import QueueView

LOOK_EVERY = 1.0
"""Seconds between two looks at whether the store changed."""
RECOUNT_EVERY = 30.0
"""Seconds after which the views are counted again even if nothing was seen written."""
REFRESH_AT_MOST_EVERY = 2.0
"""Seconds between two re-reads for what others wrote, at least: a busy team commits many times a
second, and each re-read counts every view again (a few hundred ms at a million tickets)."""
PREVIEW_AFTER = 0.08
"""Seconds the cursor rests on a ticket before its preview is read: the list repaints first,
and holding `j` does not read a preview per row."""

SORT_KEYS: tuple[str, ...] = tuple(column.sort for column in COLUMNS if column.sort)
"""The sort keys `s` cycles through, in column order."""


class QueueBar(Input):
    """The queue's input bar; while what was entered is being read, it takes no keys but
    escape (so nothing typed meanwhile is lost into the list's keys, and enter sends once)."""

    waiting = False

    async def _on_key(self, event: events.Key) -> None:
        if self.waiting and event.key != "escape":
            event.stop()
            event.prevent_default()
            return
        await super()._on_key(event)


class QueueScreen(Screen[None]):
    """The agent's queue, on one view at a time."""

    focused: Reactive[Widget | None] = Reactive(None, repaint=False)

    CSS_PATH = "queue.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "search", N_("Search"), key_display="/", id="queue.search"),
        Binding("f", "filter", N_("Filter"), id="queue.filter"),
        Binding("s", "sort_next", N_("Sort"), id="queue.sort"),
        Binding("S", "sort_direction", N_("Reverse sort"), key_display="S", id="queue.reverse"),
        Binding("n", "take_next", N_("Take next"), id="queue.take-next"),
        Binding("ctrl+s", "save_view", N_("Save view"), id="queue.save-view"),
        Binding("escape", "back", N_("Back"), id="queue.back"),
    ]
    """
    | Key | Action |
    | :- | :- |
    | `/` | Search subjects, messages and AI answers. |
    | `f` | Filter: `status:open channel:chat lang:fr priority:high assignee:me dispute:no`. |
    | `s` / `S` | Sort by the next column / reverse the sort. |
    | `n` | Take the next ticket you may take (claimed for you alone). |
    | `ctrl+s` | Save the view (filters and sort) under a name. |
    | `escape` | Close the bar, drop your search and filter (the view as it is), or go back. |
    """

    class ViewsReady(Message):
        """The sidebar's views and their counts."""

        def __init__(
            self,
            views: list[QueueView],
            counts: dict[str, int],
            *,
            complete: bool = True,
            clock_moved: bool = False,
        ) -> None:
            super().__init__()
            self.views = views
            self.counts = counts
            """Counts of some or all of `views`; the others keep the counts known so far."""
            self.complete = complete
            """False while only the built-in views are known (team and saved ones follow)."""
            self.clock_moved = clock_moved
            """Only time passed since the last read: the views that follow the clock were
            counted again."""

    class ViewRead(Message):
        """The current view was read (its search resolved): show it."""

        def __init__(
            self,
            generation: int,
            view: QueueFilter,
            order: SortOrder,
            total: int | None,
            cursor: int,
            rows: list[QueueRow],
        ) -> None:
            super().__init__()
            self.rows = rows
            """The page holding the cursor, read in the same worker (one hop less)."""
            self.generation = generation
            self.view = view
            self.order = order
            self.total = total
            """How many tickets the view holds; None while they are being counted."""
            self.cursor = cursor

    class ViewCounted(Message):
        """The view shown first page first was counted."""

        def __init__(self, generation: int, total: int) -> None:
            super().__init__()
            self.generation = generation
            self.total = total

    class ViewSaved(Message):
        """The view on screen was saved under a name (`view`, read back as the sidebar will)."""

        def __init__(self, view: QueueView) -> None:
            super().__init__()
            self.view = view

    class PreviewReady(Message):
        """The preview of the highlighted ticket."""

        def __init__(self, preview: TicketPreview | None) -> None:
            super().__init__()
            self.preview = preview

    def __init__(self, view_name: str = "mine") -> None:
        super().__init__()
        self.view_name = view_name
        """The name of the view shown (`mine`, `all`, `agent:lena`, `saved:…`)."""
        self.views: list[QueueView] = []
        self.counts: dict[str, int] = {}
        self.order: SortOrder | None = None
        self.search_text = ""
        """What `/` searches for ("" for no search); a saved view opens on its own words."""
        self.filter_terms = ""
        """The filter bar's words (`status:open lang:fr`)."""
        self._input_mode = ""
        self._opened = False
        self._generation = 0
        self._asked: tuple[str, str, tuple[str, str]] | None = None
        """The bar's mode, words and the terms before them, until the store accepts them."""
        self._from_top_pending = False
        """A reload that starts at the top is under way: a live refresh must not keep the
        old place instead."""
        self._shown_generation = 0
        self._preview_timer: Timer | None = None
        self._cursor_at_reload: int | None = None
        """Where the cursor was when a reload that keeps the agent's place began."""
        self._watch: ChangeWatch | None = None
        self._looked_at = 0.0
        self._sidebar_counted = False
        """True once the sidebar's counts were asked for (after the list's first page)."""

    # -- layout -----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        agent = self.agent
        yield AgentHeader()
        with Horizontal(id="queue-body"):
            yield OptionList(id="queue-views")
            with Vertical(id="queue-main"):
                yield Static("", id="queue-status")
                yield TicketList(
                    language=agent.ui_language if agent else "en",
                    clock=self.app.clock,  # type: ignore[attr-defined]
                    id="queue-list",
                )
                yield Static("", id="queue-preview")
        yield QueueBar(id="queue-input", classes="-hidden")
        yield KeyBar()

    @property
    def agent(self) -> SignedInAgent | None:
        """The signed-in agent."""
        agent: SignedInAgent | None = getattr(self.app, "agent", None)
        return agent

    @property
    def store(self) -> Store | None:
        """The app's store."""
        store: Store | None = getattr(self.app, "store", None)
        return store

    @property
    def ticket_list(self) -> TicketList:
        """The list widget."""
        return self.query_one("#queue-list", TicketList)

    def on_mount(self) -> None:
        from console.views import built_in_views

        self.ticket_list.focus()
        agent = self.agent
        built_in: list[QueueView] = []
        if agent is not None:
            # Built-in views need no store: open the list at once, name the others later.
            now = self.app.clock()  # type: ignore[attr-defined]
            built_in = built_in_views(agent, now)
            self._views_ready(self.ViewsReady(built_in, {}, complete=False))
        if self.view_name not in {view.name for view in built_in}:
            # A team or saved view is opened once read. The others are named and counted once
            # the list's first page is on screen (`_count_sidebar_once`), not competing with it.
            self._load_views(counted=False)
        self._looked_at = time.monotonic()
        self.set_interval(LOOK_EVERY, self._look, name="queue-look")

    # -- views and counts -------------------------------------------------------------------

    @background(group="queue-views", exclusive=True)
    def _load_views(self, counted: bool = True, *, clock_moved: bool = False) -> None:
        """Read the views of the sidebar and, if `counted`, count them (with `clock_moved`,
        only those that follow the clock)."""
        from console.changes import ChangeWatch
        from console.views import all_views, view_counts

        store, agent = self.store, self.agent
        if store is None or agent is None:
            return
        if self._watch is None:
            self._watch = ChangeWatch(store, at_most_every=REFRESH_AT_MOST_EVERY)
            self._watch.changed()
        views = all_views(store, agent, self.app.clock())  # type: ignore[attr-defined]
        if clock_moved:
            following = [view for view in views if view.filter.follows_the_clock]
            counts = view_counts(store, following)
            self.post_message(self.ViewsReady(views, counts, clock_moved=True))
            return
        # Named at once; the counts (a few hundred ms at a million tickets) follow.
        self.post_message(self.ViewsReady(views, {}))
        if counted:
            self.post_message(self.ViewsReady(views, view_counts(store, views)))

    @on(ViewsReady)
    def _views_ready(self, event: ViewsReady) -> None:
        from console.formatting import format_count

        agent = self.agent
        language = agent.ui_language if agent else "en"
        names = [view.name for view in event.views]
        # Views named without counts keep the counts known so far: the counted ones may have
        # been read first.
        self.views, self.counts = event.views, {**self.counts, **event.counts}
        sidebar = self.query_one("#queue-views", OptionList)
        highlighted = sidebar.highlighted
        sidebar.clear_options()
        for view in event.views:
            label = Text(sanitize(view.label), no_wrap=True, overflow="ellipsis")
            counted = self.counts.get(view.name)
            label.append(f"  {format_count(counted, language) if counted is not None else '…'}",
                         "bold")  # fmt: skip
            sidebar.add_option(Option(label, id=view.name))
        if not self._opened and self.view_name not in names and event.complete:
            self.notify(
                _("There is no view called {name}: here are your open tickets.").format(
                    name=self.view_name
                ),
                severity="warning",
            )
            self.view_name = "mine"
        if self.view_name in names:
            sidebar.highlighted = names.index(self.view_name)
        elif highlighted is not None and highlighted < len(names):
            sidebar.highlighted = highlighted
        if not self._opened and self.view_name in names:
            self._opened = True
            self._open_view(self.view_name)
        elif event.clock_moved and self._following_the_clock():
            self._reload(keep_place=True)  # with the views' new instant

    def _following_the_clock(self) -> bool:
        view = self._current()
        return view is not None and view.filter.follows_the_clock

    @on(OptionList.OptionSelected, "#queue-views")
    def _view_chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self._open_view(event.option.id)
            self.ticket_list.focus()

    def _current(self) -> QueueView | None:
        return next((view for view in self.views if view.name == self.view_name), None)

    def _open_view(self, name: str) -> None:
        self.view_name = name
        view = self._current()
        if view is not None:
            self.order = view.order
            self.search_text, self.filter_terms = view.filter.text, ""
            self._reload()

    def _reload(self, *, keep_place: bool = False, same_tickets: bool = False) -> None:
        """Count and show the current view again.

        With `keep_place`, the cursor stays on the ticket it is on (or, if that ticket's page
        is not read yet, at the same position); without, it goes to the first ticket. With
        `same_tickets` (only the order changed), a count already made is kept.
        """
        view, agent, store = self._current(), self.agent, self.store
        if view is None or agent is None or store is None or self.order is None:
            return
        known_total: int | None = None
        shown_and_counted = (
            self._shown_generation == self._generation and not self.ticket_list.counting
        )
        if same_tickets and shown_and_counted:
            known_total = self.ticket_list.total
        self._generation += 1
        keep_ticket, keep_position = None, 0
        self._cursor_at_reload = None
        keep_place = keep_place and not self._from_top_pending
        self._from_top_pending = not keep_place
        if keep_place:
            row = self.ticket_list.cursor_row
            keep_ticket = row.id if row is not None else None
            keep_position = self._cursor_at_reload = self.ticket_list.cursor
        from console.views import searched

        base = searched(view, self.search_text)
        self._read_view(
            self._generation, store, base, self.order, self.filter_terms, agent.id,
            self.ticket_list.language, keep_ticket, keep_position, known_total,
        )  # fmt: skip
        self._show_status(counting=known_total is None)

    @background(group="queue-count", exclusive=True)
    def _read_view(
        self,
        generation: int,
        store: Store,
        base: QueueFilter,
        order: SortOrder,
        terms: str,
        agent_id: int,
        language: str,
        keep_ticket: int | None,
        keep_position: int,
        known_total: int | None = None,
    ) -> None:
        from console.errors import GuichetError
        from console.formatting import load_words
        from console.queue import count, page, page_at, position_of, resolve_text
        from console.views import refine

        try:
            view = resolve_text(store, refine(store, base, terms, agent_id=agent_id))
        except GuichetError as error:
            self.app.call_from_thread(self._refused, generation, error.message)
            return
        load_words(language)
        if keep_ticket is None and keep_position == 0:
            # From the top: the first page is on screen before the (slower) count is done.
            rows = page(store, view, order, limit=PAGE_SIZE)
            total: int | None = known_total
            if len(rows) < PAGE_SIZE:
                total = len(rows)
            elif view.ticket_ids is not None and view.matches_resolved:
                total = len(view.ticket_ids)  # the matches were searched among the view's own
            self.post_message(self.ViewRead(generation, view, order, total, 0, rows))
            return
        total = count(store, view)
        cursor = keep_position
        if keep_ticket is not None:
            position = position_of(store, view, order, keep_ticket, total=total)
            cursor = position if position is not None else keep_position
        index = max(0, min(cursor, total - 1)) // PAGE_SIZE
        if index == 0:
            rows = page(store, view, order, limit=PAGE_SIZE)
        else:
            rows = page_at(store, view, order, index * PAGE_SIZE, PAGE_SIZE, total=total)
        self.post_message(self.ViewRead(generation, view, order, total, cursor, rows))

    def _refused(self, generation: int, message: str) -> None:
        """The search or filter was refused: say why, keep the list as it was, and open the bar
        again on the refused words to correct them."""
        self.notify(message, severity="error")
        self._count_sidebar_once()
        if generation != self._generation:
            return
        self._from_top_pending = False
        if self._asked is not None:
            mode, value, (self.search_text, self.filter_terms) = self._asked
            self._asked = None
            if self.bar.waiting:
                self.bar.waiting = False  # open on the refused words, to correct them
            else:
                self._ask(mode, self._placeholder(mode), value)
        self._show_status()

    @on(ViewRead)
    def _view_read(self, event: ViewRead) -> None:
        if event.generation != self._generation or self.store is None:
            return
        if self._asked is not None:
            self._asked = None
            if self.bar.waiting:
                self._close_input()  # with the result: one repaint for both
        self._from_top_pending = False
        self._shown_generation = event.generation
        self.call_after_refresh(settle_heap, "queue")
        cursor, rows = event.cursor, event.rows
        moved = self._cursor_at_reload is not None and self.ticket_list.cursor != (
            self._cursor_at_reload
        )
        if moved:
            # The agent moved while the view was re-read: their move wins over the refresh.
            cursor = self.ticket_list.cursor
            if cursor // PAGE_SIZE != event.cursor // PAGE_SIZE:
                rows = []
        counted = event.total is not None
        total = event.total if event.total is not None else len(event.rows)
        self.ticket_list.show(
            self.store, event.view, event.order, total, cursor=cursor, first_rows=rows,
            counting=not counted,
        )  # fmt: skip
        if counted:
            self._counted(total)
        else:
            # Counted once the first page is painted: a count competes with that paint.
            self.call_after_refresh(self._count_shown, event.generation)
        self._count_sidebar_once()
        if total == 0:
            self._show_preview(None)

    def _count_sidebar_once(self) -> None:
        """Count the sidebar's views after the next paint, the first time the list is read.

        Its counts cost more than a page of the list, so they wait for the list's first paint
        instead of competing with it.
        """
        if not self._sidebar_counted:
            self._sidebar_counted = True
            self.call_after_refresh(self._load_views)

    def _count_shown(self, generation: int) -> None:
        # The view on screen is counted even if a reload asked for since was refused.
        view, store = self.ticket_list.view, self.store
        if generation == self._shown_generation and view is not None and store is not None:
            self._count_view(generation, store, view)

    @background(group="queue-total", exclusive=True)
    def _count_view(self, generation: int, store: Store, view: QueueFilter) -> None:
        from console.queue import count

        self.post_message(self.ViewCounted(generation, count(store, view)))

    @on(ViewCounted)
    def _view_counted(self, event: ViewCounted) -> None:
        # The count belongs to the view on screen, even when a later reload was refused.
        if event.generation == self._shown_generation:
            self.ticket_list.counted(event.total)
            self._counted(event.total)

    def _counted(self, total: int) -> None:
        if not self._narrowed:
            self.counts[self.view_name] = total
        self._show_status()

    @property
    def _narrowed(self) -> bool:
        """True when the list shows less or other than the view itself (a search or a filter
        of the agent's, not the view's own words)."""
        view = self._current()
        own_words = view.filter.text if view is not None else ""
        return self.search_text != own_words or bool(self.filter_terms)

    def _show_status(self, *, counting: bool = False) -> None:
        from console.formatting import format_count

        view = self._current()
        agent = self.agent
        language = agent.ui_language if agent else "en"
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(sanitize(view.label) if view else "", "bold")
        total = self.ticket_list.total
        text.append("  ·  ")
        if counting:
            text.append(_("counting…"))
        elif self.search_text and _kept_only_the_best(total):
            # A search keeps its best matches only: say so rather than pass them for all.
            text.append(
                _("the {n} best matches: add a word to narrow the search").format(
                    n=format_count(total, language)
                )
            )
        else:
            text.append(
                ngettext("{n} ticket", "{n} tickets", total).format(n=format_count(total, language))
            )
        if self.order is not None:
            column = next(c for c in COLUMNS if c.sort == self.order.column)
            arrow = "▼" if self.order.descending else "▲"
            text.append("  ·  " + _("sorted by {column} {arrow}").format(
                column=str(column.header), arrow=arrow
            ))  # fmt: skip
        if self.search_text:
            text.append("  ·  " + _("search:") + " ")
            text.append(sanitize(self.search_text), "italic")
        if self.filter_terms:
            text.append("  ·  " + _("filter:") + " ")
            text.append(sanitize(self.filter_terms), "italic")
        # One line of a fixed height: no layout pass for a new text.
        self.query_one("#queue-status", Static).update(text, layout=False)

    # -- live -------------------------------------------------------------------------------

    def _look(self) -> None:
        if self.store is None or self._watch is None:
            return
        if self.is_active:
            self._check_changes()
        else:
            # Not while a ticket or a dialog is on top: a re-read nobody sees, with the
            # sidebar's counts, would take the process from it. What changed is noted (a
            # PostgreSQL listener must read its notifications) and shows on return.
            self._note_changes()

    @background(group="queue-watch", exclusive=True)
    def _note_changes(self) -> None:
        if self._watch is not None:
            self._watch.note()

    def on_screen_resume(self) -> None:
        # Back from a ticket: what changed meanwhile (a reply sent, a status) shows at once.
        self._look()

    @background(group="queue-watch", exclusive=True)
    def _check_changes(self) -> None:
        watch = self._watch
        if watch is None:
            return
        changed = watch.changed()
        stale = time.monotonic() - self._looked_at >= RECOUNT_EVERY
        if not (changed or stale):
            return
        self._looked_at = time.monotonic()
        if changed or not watch.sees_commits:
            self.app.call_from_thread(self.refresh_from_store)
        else:
            # Nothing was written: only what follows the clock (SLA at risk, dispute clocks)
            # can differ, and re-counting every view for it would cost a few hundred ms of
            # the process at a million tickets.
            self.app.call_from_thread(partial(self._load_views, clock_moved=True))

    def refresh_from_store(self) -> None:
        """Count the views again and re-read the list, the cursor staying on its ticket."""
        self._reload(keep_place=True)
        self._load_views()

    # -- preview ----------------------------------------------------------------------------

    @on(TicketList.TicketHighlighted)
    def _highlighted(self, event: TicketList.TicketHighlighted) -> None:
        if self._preview_timer is not None:
            self._preview_timer.stop()
            self._preview_timer = None
        if event.ticket_id is not None and self.store is not None:
            self._preview_timer = self.set_timer(
                PREVIEW_AFTER, partial(self._preview_due, self.store, event.ticket_id)
            )

    @property
    def preview_pending(self) -> bool:
        """True while the highlighted ticket's preview waits to be read."""
        return self._preview_timer is not None

    def _preview_due(self, store: Store, ticket_id: int) -> None:
        self._preview_timer = None
        self._read_preview(store, ticket_id)

    @background(group="queue-preview", exclusive=True)
    def _read_preview(self, store: Store, ticket_id: int) -> None:
        from console.queue import preview

        self.post_message(self.PreviewReady(preview(store, ticket_id)))

    @on(PreviewReady)
    def _preview_ready(self, event: PreviewReady) -> None:
        self._show_preview(event.preview)

    def _show_preview(self, found: TicketPreview | None) -> None:
        text = Text()
        if found is not None:
            text.append(f"#{found.id}  ", "bold")
            text.append(sanitize(found.subject), "bold")
            text.append("  ·  ")
            text.append(sanitize(found.customer))
            if found.ai_answer:
                text.append("\n" + _("AI answer before escalation:") + " ", "dim")
                text.append(sanitize(found.ai_answer))
            if found.last_message:
                text.append("\n" + _("Latest message:") + " ", "dim")
                text.append(sanitize(found.last_message))
        self.query_one("#queue-preview", Static).update(text, layout=False)  # fixed height

    # -- keys -------------------------------------------------------------------------------

    @property
    def bar(self) -> QueueBar:
        """The bar where search words, filters and view names are typed."""
        return self.query_one("#queue-input", QueueBar)

    def _ask(self, mode: str, placeholder: str, value: str) -> None:
        field = self.bar
        field.waiting = False
        self._input_mode = mode
        field.placeholder = placeholder
        field.value = value
        field.remove_class("-hidden")
        field.focus()

    def _close_input(self) -> None:
        field = self.bar
        field.waiting = False
        field.add_class("-hidden")
        self._input_mode = ""
        self.ticket_list.focus()

    @staticmethod
    def _placeholder(mode: str) -> str:
        if mode == "search":
            return _("Search subjects, messages and AI answers")
        if mode == "filter":
            return _(
                "status:open channel:chat lang:fr priority:high assignee:me|none dispute:yes|no"
            )
        return _("Name of the saved view")

    def action_search(self) -> None:
        """Search subjects, messages and AI answers."""
        self._ask("search", self._placeholder("search"), self.search_text)

    def action_filter(self) -> None:
        """Filter the view."""
        self._ask("filter", self._placeholder("filter"), self.filter_terms)

    def action_save_view(self) -> None:
        """Save the view under a name."""
        self._ask("save", self._placeholder("save"), "")

    @on(Input.Submitted, "#queue-input")
    def _submitted(self, event: Input.Submitted) -> None:
        mode, value = self._input_mode, event.value.strip()
        if mode in ("search", "filter"):
            # The bar stays until the list shows the result (the store is read while the
            # screen is quiet, then one repaint shows both); it takes no keys meanwhile.
            self._asked = (mode, value, (self.search_text, self.filter_terms))
            if mode == "search":
                self.search_text = value
            else:
                self.filter_terms = value
            self.bar.waiting = True
            self._reload()
            return
        self._close_input()
        if mode == "save" and value:
            self._save(value)

    @background(group="queue-save", exclusive=True)
    def _save(self, name: str) -> None:
        from console.errors import GuichetError
        from console.views import refine, save_view, searched

        store, agent, view, order = self.store, self.agent, self._current(), self.order
        if store is None or agent is None or view is None or order is None:
            return
        try:
            shown = refine(store, searched(view, self.search_text), self.filter_terms,
                           agent_id=agent.id)  # fmt: skip
            saved = save_view(store, agent.id, name, shown, order, at=view.at)
        except GuichetError as error:
            self.app.call_from_thread(self.notify, error.message, severity="error")
            return
        self.post_message(self.ViewSaved(saved))

    @on(ViewSaved)
    def _view_saved(self, event: ViewSaved) -> None:
        # The list already shows the saved view: it becomes the view on screen, its words and
        # filters its own, and the sidebar names and counts it.
        saved = event.view
        self.views = [view for view in self.views if view.name != saved.name] + [saved]
        self.view_name = saved.name
        self.search_text, self.filter_terms = saved.filter.text, ""
        self.notify(_("View saved: {name}").format(name=saved.label))
        self._show_status()
        self._load_views()

    def action_sort_next(self) -> None:
        """Sort by the next column."""
        from console.queue import SortOrder

        if self.order is None:
            return
        following = SORT_KEYS[(SORT_KEYS.index(self.order.column) + 1) % len(SORT_KEYS)]
        self.order = SortOrder(following, self.order.descending)
        self._resort()

    def action_sort_direction(self) -> None:
        """Reverse the sort."""
        if self.order is not None:
            self.order = replace(self.order, descending=not self.order.descending)
            self._resort()

    def _resort(self) -> None:
        # A new order starts at its top, as a sorted column does anywhere else; the tickets
        # are the same, so is their count (a change in the store is re-counted when polled).
        self._reload(same_tickets=True)

    def action_back(self) -> None:
        """Close the bar, go back to the view as it is (its own words, no filter), or go back
        to the previous screen."""
        if self._input_mode:
            self._close_input()
        elif self._narrowed:
            view = self._current()
            self.search_text = view.filter.text if view is not None else ""
            self.filter_terms = ""
            self._reload()
        else:
            self.app.action_go_home()  # type: ignore[attr-defined]

    def action_take_next(self) -> None:
        """Take the next ticket this agent may take."""
        if self.store is not None and self.agent is not None:
            self._take_next(self.store, self.agent.id)

    @background(group="queue-claim", exclusive=True)
    def _take_next(self, store: Store, agent_id: int) -> None:
        from console.queue import claim_next, eligible_queue_keys

        keys = eligible_queue_keys(store, agent_id)
        ticket_id = claim_next(store, agent_id, keys, now=self.app.clock())  # type: ignore[attr-defined]
        if ticket_id is None:
            self.app.call_from_thread(
                self.notify, _("Nothing to take: no waiting ticket you may take.")
            )
            return
        self.app.call_from_thread(self.notify, _("Ticket #{id} is yours.").format(id=ticket_id))
        self.post_message(TicketList.TicketOpened(ticket_id))
        self.app.call_from_thread(self.refresh_from_store)

    @on(TicketList.TicketOpened)
    def _open_ticket(self, event: TicketList.TicketOpened) -> None:
        try:
            from screens.ticket import TicketScreen  # type: ignore[import-not-found,unused-ignore]
        except ImportError:
            self.notify(_("Ticket #{id}").format(id=event.ticket_id))
            return
        self.app.push_screen(TicketScreen(event.ticket_id))

    def palette_commands(self) -> list[PaletteCommand]:
        """The queue's commands: every view, search, filter, sort, take next."""
        commands = [
            PaletteCommand(
                _("Queue: {view}").format(view=sanitize(view.label)),
                _("Show this view"),
                partial(self._open_view, view.name),
            )
            for view in self.views
        ]
        commands += [
            PaletteCommand(
                _("Take next ticket"), _("Claim the next ticket"), self.action_take_next
            ),
            PaletteCommand(_("Search tickets"), _("Full-text search"), self.action_search),
            PaletteCommand(_("Filter tickets"), _("Narrow the view"), self.action_filter),
            PaletteCommand(_("Save view"), _("Keep these filters and sort"), self.action_save_view),
        ]
        return commands

    def on_unmount(self) -> None:
        if self._watch is not None:
            self._watch.close()
            self._watch = None


def warm_up() -> None:
    """Import what the queue loads when first shown (its reads, views, Babel's dates and
    words), for a worker to do while the sign-in is checked."""
    from importlib import import_module

    for module in (
        "babel.dates",
        "console.formatting",
        "console.home",
        "console.queue",
        "console.views",
    ):
        import_module(module)
    from console.formatting import warm_up as read_shared_words

    read_shared_words()


def _kept_only_the_best(matches: int) -> bool:
    """True when a search found as many matches as it keeps (`console.search.SEARCH_LIMIT`)."""
    from console.search import SEARCH_LIMIT

    return matches >= SEARCH_LIMIT
