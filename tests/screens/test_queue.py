"""The queue screen: a virtual list that scrolls, sorts, filters, searches, claims and lives."""

from __future__ import annotations

import threading
import time
from dataclasses import replace
from datetime import timedelta
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len
from textual.widgets import Input, OptionList, Static

from console.queue import QueueFilter, QueueRow, SortOrder, count, page
from console.store import Store
from console.text import sanitize
from console.views import QueueView, assignee_id_of, save_view
from models import Ticket
from screens.queue import QueueScreen
from screens.widgets.ticket_list import (
    COLUMNS,
    PAGE_SIZE,
    SUBJECT_MIN,
    TicketList,
    column_widths,
    row_cells,
)
from tests import signin_fixtures
from tests.factories import NOW, add_tickets
from tests.screens.console_fixtures import PASSWORD, console, fill_store
from tests.screens.test_login import _sign_in
from tests.screens.waiting import until, workers_done
from tests.signin_fixtures import add_customer

memory_keyring = signin_fixtures.memory_keyring

HOSTILE = (
    "[bold]x[/] [@click=app.quit]click[/] \x1b]8;;http://evil\x1b\\link\x1b]8;;\x1b\\ "
    "\x1b[31mred\x1b[0m \x07bell"
)
MANY = 450


@pytest.fixture
def filled(store: Store) -> Store:
    fill_store(store)
    add_tickets(store, MANY)
    return store


async def _settle(pilot: Any) -> None:
    for _ in range(8):
        await workers_done(pilot.app)
        await pilot.pause()
        screen = pilot.app.screen
        if isinstance(screen, QueueScreen) and screen.preview_pending:
            await pilot.pause(0.05)
            continue
        if isinstance(screen, QueueScreen) and not screen.ticket_list.pages_pending:
            await workers_done(pilot.app)
            await pilot.pause()
            if not (screen.ticket_list.pages_pending or screen.preview_pending):
                return


async def _open_queue(pilot: Any, view: str = "all") -> TicketList:
    await _sign_in(pilot, "amelie", PASSWORD)
    pilot.app.action_open_queue(view)
    await _settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, QueueScreen)
    return screen.ticket_list


def _urgent_ticket(store: Store, customer: int, subject: str = "Urgent") -> int:
    """A ticket that sorts before every other by priority (rank -1)."""
    with store.write() as session:
        ticket = Ticket(
            source="order_help", channel="email", language="fr", requested_language="fr",
            queue_key="email:fr", subject=subject, requester_id=customer, status="new",
            priority="urgent", priority_rank=-1, created_at=NOW, updated_at=NOW,
            first_reply_due_at=NOW + timedelta(hours=1),
        )  # fmt: skip
        session.add(ticket)
        session.flush()
        assert ticket.id is not None
        return ticket.id


def _ids(store: Store, view: QueueFilter, order: SortOrder) -> list[int]:
    return [row.id for row in page(store, view, order, limit=10_000)]


def _visible_text(ticket_list: TicketList) -> list[str]:
    return [ticket_list.render_line(y).text for y in range(ticket_list.size.height)]


async def test_a_home_tile_opens_its_view(filled: Store, memory_keyring: Any) -> None:
    app = console(filled)
    async with app.run_test(size=(160, 40)) as pilot:
        await _sign_in(pilot, "amelie", PASSWORD)
        await pilot.press("right", "right", "enter")
        await _settle(pilot)
        screen = app.screen
        assert isinstance(screen, QueueScreen)
        assert screen.view_name == "waiting-chats"
        assert screen.ticket_list.total == screen.counts["waiting-chats"]


async def test_only_visible_pages_are_read(filled: Store, memory_keyring: Any) -> None:
    app = console(filled)
    async with app.run_test(size=(160, 40)) as pilot:
        ticket_list = await _open_queue(pilot)
        assert ticket_list.total == MANY + 6
        assert ticket_list.virtual_size.height == MANY + 7
        assert ticket_list.cached_pages == [0]


async def test_keys_move_the_cursor_and_pages_follow(filled: Store, memory_keyring: Any) -> None:
    app = console(filled)
    async with app.run_test(size=(160, 40)) as pilot:
        ticket_list = await _open_queue(pilot)
        expected = _ids(filled, QueueFilter(), SortOrder())
        await pilot.press("j", "j", "down", "k")
        assert ticket_list.cursor == 2
        await pilot.press("pagedown", "pagedown")
        await _settle(pilot)
        assert ticket_list.cursor > 2
        row = ticket_list.cursor_row
        assert row is not None
        assert row.id == expected[ticket_list.cursor]
        await pilot.press("end")
        await _settle(pilot)
        assert ticket_list.cursor == len(expected) - 1
        last = ticket_list.cursor_row
        assert last is not None
        assert last.id == expected[-1]
        assert (len(expected) - 1) // PAGE_SIZE in ticket_list.cached_pages
        text = _visible_text(ticket_list)
        assert "…" not in "".join(text)
        await pilot.press("home")
        await _settle(pilot)
        first = ticket_list.cursor_row
        assert ticket_list.cursor == 0
        assert first is not None
        assert first.id == expected[0]


class _Held:
    """Holds calls of a `console.queue` function in its worker thread until released."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, name: str) -> None:
        from console import queue as queue_service

        self.released = threading.Event()
        real = getattr(queue_service, name)

        def held(*args: Any, **kwargs: Any) -> Any:
            self.released.wait(10)
            return real(*args, **kwargs)

        monkeypatch.setattr(queue_service, name, held)


async def _resorted_while_counting(
    pilot: Any, monkeypatch: pytest.MonkeyPatch
) -> tuple[TicketList, _Held]:
    """The queue open with its count held, its sort reversed (read from the top) meanwhile."""
    await _sign_in(pilot, "amelie", PASSWORD)
    held = _Held(monkeypatch, "count")
    pilot.app.action_open_queue("all")
    await until(pilot, lambda: bool(pilot.app.screen.query(TicketList)))
    ticket_list = pilot.app.screen.query_one(TicketList)
    await until(pilot, lambda: ticket_list.counting and ticket_list.cursor_row is not None)
    await pilot.press("S")
    await until(pilot, lambda: ticket_list.counting and ticket_list.order.descending)
    return ticket_list, held


async def test_a_new_sort_keeps_the_count(
    filled: Store, memory_keyring: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only the order changed: the tickets are counted once, not on every new sort."""
    from console import queue as queue_service

    app = console(filled)
    async with app.run_test(size=(160, 40)) as pilot:
        ticket_list = await _open_queue(pilot)
        assert ticket_list.total == MANY + 6
        counts: list[object] = []
        real = queue_service.count
        monkeypatch.setattr(
            queue_service, "count", lambda *a, **k: counts.append(a) or real(*a, **k)
        )
        await pilot.press("s", "S")
        await _settle(pilot)
        assert app.screen.order == SortOrder("due", descending=True)
        assert counts == []
        assert not ticket_list.counting
        assert ticket_list.total == MANY + 6
        status = str(app.screen.query_one("#queue-status", Static).render())
        assert "counting" not in status
        await pilot.press("f", *"status:new", "enter")
        await _settle(pilot)
        assert len(counts) == 1  # a filter changes the tickets: they are counted


async def test_a_live_refresh_keeps_the_place_of_an_unread_cursor(
    filled: Store, memory_keyring: Any
) -> None:
    app = console(filled)
    async with app.run_test(size=(160, 40)) as pilot:
        ticket_list = await _open_queue(pilot)
        screen = app.screen
        assert isinstance(screen, QueueScreen)
        last = ticket_list.total - 1
        reads = ticket_list._want
        ticket_list._want = lambda index: None  # type: ignore[method-assign]  # pages "slow"
        await pilot.press("end")
        assert ticket_list.cursor == last
        assert ticket_list.cursor_row is None
        ticket_list._want = reads  # type: ignore[method-assign]
        screen.refresh_from_store()
        await _settle(pilot)
        assert ticket_list.cursor == last
        row = ticket_list.cursor_row
        assert row is not None
        assert row.id == _ids(filled, QueueFilter(), SortOrder())[-1]


async def test_a_move_made_while_a_live_refresh_reads_wins(
    filled: Store, memory_keyring: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = console(filled)
    async with app.run_test(size=(160, 40)) as pilot:
        ticket_list = await _open_queue(pilot)
        screen = app.screen
        assert isinstance(screen, QueueScreen)
        held = _Held(monkeypatch, "count")
        screen.refresh_from_store()
        await pilot.press("j", "j")
        assert ticket_list.cursor == 2
        held.released.set()
        await _settle(pilot)
        assert ticket_list.cursor == 2


async def test_a_live_refresh_during_a_new_sort_still_starts_at_the_top(
    filled: Store, memory_keyring: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = console(filled)
    async with app.run_test(size=(160, 40)) as pilot:
        ticket_list = await _open_queue(pilot)
        screen = app.screen
        assert isinstance(screen, QueueScreen)
        await pilot.press("j", "j", "j")
        held = _Held(monkeypatch, "page")
        await pilot.press("S")
        screen.refresh_from_store()  # the store changed while the new order was read
        held.released.set()
        await _settle(pilot)
        assert ticket_list.cursor == 0
        first = ticket_list.cursor_row
        assert first is not None
        assert first.id == _ids(filled, QueueFilter(), SortOrder(descending=True))[0]


async def test_a_refused_filter_while_counting_still_gets_the_count(
    filled: Store, memory_keyring: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = console(filled)
    async with app.run_test(size=(160, 40)) as pilot:
        ticket_list, held = await _resorted_while_counting(pilot, monkeypatch)
        await pilot.press("f", *"colour:red", "enter")
        await until(pilot, lambda: any("colour" in str(n.message) for n in app._notifications))
        held.released.set()
        await _settle(pilot)
        assert not ticket_list.counting
        assert ticket_list.total == MANY + 6


async def test_home_after_end_while_counting_stays_home(
    filled: Store, memory_keyring: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = console(filled)
    async with app.run_test(size=(160, 40)) as pilot:
        ticket_list, held = await _resorted_while_counting(pilot, monkeypatch)
        await pilot.press("end", "home")
        held.released.set()
        await _settle(pilot)
        assert not ticket_list.counting
        assert ticket_list.cursor == 0


async def test_scrolling_reads_the_next_page_by_keyset(filled: Store, memory_keyring: Any) -> None:
    app = console(filled)
    async with app.run_test(size=(160, 40)) as pilot:
        ticket_list = await _open_queue(pilot)
        expected = _ids(filled, QueueFilter(), SortOrder())
        for _ in range(4):
            await pilot.press("pagedown")
            await _settle(pilot)
        top = int(ticket_list.scroll_offset.y)
        shown = [ticket_list.row_at(top + n) for n in range(10)]
        assert [row.id for row in shown if row] == expected[top : top + 10]


async def test_a_new_sort_starts_at_its_top(filled: Store, memory_keyring: Any) -> None:
    app = console(filled)
    async with app.run_test(size=(160, 40)) as pilot:
        ticket_list = await _open_queue(pilot)
        await pilot.press("j", "j", "j")
        await _settle(pilot)
        assert ticket_list.cursor == 3
        await pilot.press("s")
        await _settle(pilot)
        screen = app.screen
        assert isinstance(screen, QueueScreen)
        assert screen.order == SortOrder("due")
        expected = _ids(filled, QueueFilter(), SortOrder("due"))
        assert ticket_list.cursor == 0
        first = ticket_list.cursor_row
        assert first is not None
        assert first.id == expected[0]
        assert ticket_list.total == len(expected)
        await pilot.press("S")
        await _settle(pilot)
        assert screen.order == SortOrder("due", descending=True)
        header = ticket_list.render_line(0).text
        assert "SLA due ▼" in header
        first = ticket_list.cursor_row
        assert first is not None
        assert first.id == _ids(filled, QueueFilter(), SortOrder("due", descending=True))[0]


async def test_the_filter_bar_narrows_the_view(filled: Store, memory_keyring: Any) -> None:
    app = console(filled)
    async with app.run_test(size=(160, 40)) as pilot:
        ticket_list = await _open_queue(pilot)
        await pilot.press("f", *"channel:chat status:new", "enter")
        await _settle(pilot)
        expected = _ids(filled, QueueFilter(channels=("chat",), statuses=("new",)), SortOrder())
        assert ticket_list.total == len(expected)
        assert ticket_list.cursor_row is not None
        assert all(
            row.channel == "chat" and row.status == "new"
            for index in range(min(len(expected), 20))
            if (row := ticket_list.row_at(index)) is not None
        )
        await pilot.press("escape")
        await _settle(pilot)
        assert ticket_list.total == MANY + 6


async def test_a_wrong_filter_says_why(filled: Store, memory_keyring: Any) -> None:
    app = console(filled)
    async with app.run_test(size=(160, 40)) as pilot:
        ticket_list = await _open_queue(pilot)
        await pilot.press("f", *"channel:chat", "enter")
        await _settle(pilot)
        chats = ticket_list.total
        await pilot.press("f", "ctrl+u", *"colour:red", "enter")
        await _settle(pilot)
        assert any("unknown filter colour" in str(n.message) for n in app._notifications)
        assert ticket_list.total == chats  # the list as it was
        screen = app.screen
        assert isinstance(screen, QueueScreen)
        assert screen.filter_terms == "channel:chat"
        field = screen.query_one("#queue-input", Input)
        assert field.display  # the bar stays open on the words, to be corrected
        assert field.has_focus
        assert field.value == "colour:red"
        await pilot.press("ctrl+u", *"channel:email", "enter")
        await _settle(pilot)
        assert not field.display
        assert ticket_list.has_focus
        assert ticket_list.total == len(_ids(filled, QueueFilter(channels=("email",)), SortOrder()))


async def test_the_first_page_shows_before_the_count(
    filled: Store, memory_keyring: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A large view shows its first rows at once; `end` pressed before the count arrives
    still goes to the last ticket once it does."""
    app = console(filled)
    async with app.run_test(size=(160, 40)) as pilot:
        ticket_list, held = await _resorted_while_counting(pilot, monkeypatch)
        assert ticket_list.counting
        assert ticket_list.total == PAGE_SIZE  # what is known so far
        assert ticket_list.cursor_row is not None
        status = str(app.screen.query_one("#queue-status", Static).render())
        assert "counting" in status
        await pilot.press("end")
        held.released.set()
        await _settle(pilot)
        assert not ticket_list.counting
        assert ticket_list.total == MANY + 6
        assert ticket_list.cursor == MANY + 5
        expected = _ids(filled, QueueFilter(), SortOrder(descending=True))
        last = ticket_list.cursor_row
        assert last is not None
        assert last.id == expected[-1]


async def test_slash_searches(filled: Store, memory_keyring: Any) -> None:
    app = console(filled)
    async with app.run_test(size=(160, 40)) as pilot:
        ticket_list = await _open_queue(pilot)
        await pilot.press("slash", *"Question 123", "enter")
        await _settle(pilot)
        assert ticket_list.total == 1
        row = ticket_list.cursor_row
        assert row is not None
        assert row.subject == "Question 123"


async def test_a_search_that_kept_only_its_best_matches_says_so(
    filled: Store, memory_keyring: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("console.search.SEARCH_LIMIT", 3)
    app = console(filled)
    async with app.run_test(size=(200, 40)) as pilot:
        ticket_list = await _open_queue(pilot)
        await pilot.press("slash", *"Question", "enter")
        await _settle(pilot)
        assert ticket_list.total == 3
        status = str(app.screen.query_one("#queue-status", Static).content)
        assert "the 3 best matches: add a word to narrow the search" in status
        await pilot.press("slash", "ctrl+u", *"Question 123", "enter")
        await _settle(pilot)
        status = str(app.screen.query_one("#queue-status", Static).content)
        assert "1 ticket" in status
        assert "best matches" not in status


async def test_n_takes_the_next_ticket(filled: Store, memory_keyring: Any) -> None:
    from sqlmodel import select

    app = console(filled)
    async with app.run_test(size=(160, 40)) as pilot:
        ticket_list = await _open_queue(pilot, "mine")
        queue = app.screen
        before = ticket_list.total
        await pilot.press("n")
        await _settle(pilot)
        assert app.agent is not None
        with filled.read() as session:
            mine = session.exec(select(Ticket).where(Ticket.assignee_id == app.agent.id)).all()
        assert sum(t.status in ("new", "open", "pending_customer") for t in mine) == before + 1
        assert any("is yours" in str(n.message) for n in app._notifications)
        # The ticket screen opens when it exists; the queue under it has counted again.
        await _settle(pilot)
        assert ticket_list.total == before + 1 or app.screen is not queue


async def test_enter_posts_ticket_opened(filled: Store, memory_keyring: Any) -> None:
    messages: list[Any] = []
    app = console(filled)
    async with app.run_test(size=(160, 40), message_hook=messages.append) as pilot:
        ticket_list = await _open_queue(pilot)
        await pilot.press("j")
        await _settle(pilot)
        row = ticket_list.row_at(1)
        assert row is not None
        await pilot.press("enter")
        await pilot.pause()
        opened = {m.ticket_id for m in messages if isinstance(m, TicketList.TicketOpened)}
        assert opened == {row.id}


async def test_a_new_ticket_appears_and_the_cursor_stays(
    filled: Store, memory_keyring: Any
) -> None:
    app = console(filled)
    async with app.run_test(size=(160, 40)) as pilot:
        ticket_list = await _open_queue(pilot)
        await pilot.press("j", "j", "j", "j", "j")
        await _settle(pilot)
        held, position = ticket_list.cursor_row, ticket_list.cursor
        assert held is not None
        customer = add_customer(filled, "newcomer")
        _urgent_ticket(filled, customer)  # sorts first
        await pilot.pause(1.3)
        await _settle(pilot)
        assert ticket_list.total == MANY + 7
        row = ticket_list.cursor_row
        assert row is not None
        assert row.id == held.id
        assert ticket_list.cursor == position + 1


async def test_the_sidebar_lists_views_with_counts(filled: Store, memory_keyring: Any) -> None:
    app = console(filled)
    async with app.run_test(size=(160, 40)) as pilot:
        await _open_queue(pilot, "mine")
        sidebar = app.screen.query_one("#queue-views", OptionList)
        names = [sidebar.get_option_at_index(i).id for i in range(sidebar.option_count)]
        assert names[:8] == [
            "mine", "unassigned-in-my-languages", "waiting-chats", "phone-callbacks",
            "disputes-for-me", "dispute-clocks-run-out", "sla-at-risk", "all",
        ]  # fmt: skip
        sidebar.focus()
        sidebar.highlighted = 7
        await pilot.press("enter")
        await _settle(pilot)
        assert app.screen.view_name == "all"  # type: ignore[attr-defined]


async def test_the_sidebar_is_counted_after_the_first_page_is_shown(
    filled: Store, memory_keyring: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import console.queue as queue_module
    import console.views as views_module

    happened: list[str] = []
    counts, read, show = views_module.view_counts, queue_module.page, TicketList.show

    def slow_read(*args: Any, **kwargs: Any) -> list[QueueRow]:
        # A slow first page: counts asked for at once would come before it.
        time.sleep(0.2)
        return read(*args, **kwargs)

    def counting(*args: Any, **kwargs: Any) -> dict[str, int]:
        happened.append("sidebar counted")
        return counts(*args, **kwargs)

    def showing(self: TicketList, *args: Any, **kwargs: Any) -> None:
        happened.append("list shown")
        show(self, *args, **kwargs)

    def naming(*args: Any, **kwargs: Any) -> list[QueueView]:
        happened.append("views named")
        return named(*args, **kwargs)

    named = views_module.all_views
    monkeypatch.setattr(queue_module, "page", slow_read)
    monkeypatch.setattr(views_module, "view_counts", counting)
    monkeypatch.setattr(views_module, "all_views", naming)
    monkeypatch.setattr(TicketList, "show", showing)
    amelie = assignee_id_of(filled, "amelie")
    save_view(filled, amelie, "my chats", QueueFilter(channels=("chat",)), SortOrder("due"))
    app = console(filled)
    async with app.run_test(size=(160, 40)) as pilot:
        await _open_queue(pilot, "all")
        # The saved views are read after the first page too: it has the store to itself.
        assert happened[:3] == ["list shown", "views named", "sidebar counted"]
        assert app.screen.counts["all"] == MANY + 6  # type: ignore[attr-defined]
        assert "saved:my chats" in app.screen.counts  # type: ignore[attr-defined]


async def test_a_saved_view_opens_as_the_first_view(filled: Store, memory_keyring: Any) -> None:
    amelie = assignee_id_of(filled, "amelie")
    chats = QueueFilter(channels=("chat",))
    save_view(filled, amelie, "my chats", chats, SortOrder("due"))
    app = console(filled)
    async with app.run_test(size=(160, 40)) as pilot:
        ticket_list = await _open_queue(pilot, "saved:my chats")
        assert app.screen.view_name == "saved:my chats"  # type: ignore[attr-defined]
        assert ticket_list.total == count(filled, chats)
        assert _visible_text(ticket_list)[0]


def _sidebar_label(screen: Any, name: str) -> str:
    return str(screen.query_one("#queue-views", OptionList).get_option(name).prompt)


def _all_ids(ticket_list: TicketList) -> list[int]:
    """The ids the list holds, in its order (read as its pages are: by the list's own view)."""
    store, view, order = ticket_list.store, ticket_list.view, ticket_list.order
    assert store is not None
    assert view is not None
    assert order is not None
    return _ids(store, view, order)


async def test_a_saved_search_reopens_with_its_words(filled: Store, memory_keyring: Any) -> None:
    amelie = assignee_id_of(filled, "amelie")
    save_view(filled, amelie, "one question", QueueFilter(text="Question 123"), SortOrder())
    app = console(filled)
    async with app.run_test(size=(160, 40)) as pilot:
        ticket_list = await _open_queue(pilot, "saved:one question")
        screen = app.screen
        assert isinstance(screen, QueueScreen)
        assert ticket_list.total == 1
        row = ticket_list.cursor_row
        assert row is not None
        assert row.subject == "Question 123"
        assert screen.counts["saved:one question"] == 1
        assert _sidebar_label(screen, "saved:one question").endswith(" 1")
        await pilot.press("slash")
        assert screen.bar.value == "Question 123"  # the search bar shows the saved words
        await pilot.press("escape", "escape")  # the bar, then the view as it is: home
        await _settle(pilot)
        assert not isinstance(app.screen, QueueScreen)


async def test_escape_in_a_saved_search_goes_back_to_its_own_words(
    filled: Store, memory_keyring: Any
) -> None:
    amelie = assignee_id_of(filled, "amelie")
    save_view(filled, amelie, "one question", QueueFilter(text="Question 123"), SortOrder())
    app = console(filled)
    async with app.run_test(size=(160, 40)) as pilot:
        ticket_list = await _open_queue(pilot, "saved:one question")
        await pilot.press("slash", "ctrl+u", *"Question", "enter")
        await _settle(pilot)
        assert ticket_list.total > 1
        await pilot.press("escape")
        await _settle(pilot)
        assert app.screen.search_text == "Question 123"  # type: ignore[attr-defined]
        assert ticket_list.total == 1


async def test_ctrl_s_saves_the_view_and_it_reopens_with_the_same_rows(
    filled: Store, memory_keyring: Any
) -> None:
    app = console(filled)
    async with app.run_test(size=(160, 40)) as pilot:
        ticket_list = await _open_queue(pilot)
        await pilot.press("f", *"channel:chat", "enter")
        await _settle(pilot)
        await pilot.press("slash", *"question 1*", "enter")
        await _settle(pilot)
        await pilot.press("s", "S")
        await _settle(pilot)
        shown, total, order = _all_ids(ticket_list), ticket_list.total, ticket_list.order
        assert 1 < total < MANY / 3
        await pilot.press("ctrl+s", *"chats one", "enter")
        await _settle(pilot)
        screen = app.screen
        assert isinstance(screen, QueueScreen)
        assert screen.view_name == "saved:chats one"
        assert screen.counts["saved:chats one"] == total
        await pilot.press("escape")  # the saved view as it is: back home
        await _settle(pilot)
        assert not isinstance(app.screen, QueueScreen)

        ticket_list = await _open_queue_again(pilot, "saved:chats one")
        assert (ticket_list.total, ticket_list.order) == (total, order)
        assert _all_ids(ticket_list) == shown
        first = ticket_list.cursor_row
        assert first is not None
        assert first.id == shown[0]
        await pilot.press("slash")
        assert app.screen.bar.value == "question 1*"  # type: ignore[attr-defined]


async def test_a_view_saved_from_sla_at_risk_keeps_its_time_limit(
    filled: Store, memory_keyring: Any
) -> None:
    app = console(filled)
    async with app.run_test(size=(160, 40)) as pilot:
        ticket_list = await _open_queue(pilot, "sla-at-risk")
        shown = _all_ids(ticket_list)
        assert 0 < len(shown) < MANY
        await pilot.press("ctrl+s", *"late", "enter", "escape")
        await _settle(pilot)
        ticket_list = await _open_queue_again(pilot, "saved:late")
        assert _all_ids(ticket_list) == shown
        assert app.screen.counts["saved:late"] == len(shown)  # type: ignore[attr-defined]


async def _open_queue_again(pilot: Any, view: str) -> TicketList:
    pilot.app.action_open_queue(view)
    await _settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, QueueScreen)
    return screen.ticket_list


async def test_the_sidebar_counts_follow_a_write(filled: Store, memory_keyring: Any) -> None:
    from tests.signin_fixtures import add_ticket

    app = console(filled)
    async with app.run_test(size=(160, 40)) as pilot:
        await _open_queue(pilot)
        screen = app.screen
        assert isinstance(screen, QueueScreen)
        await until(pilot, lambda: "mine" in screen.counts)
        before = dict(screen.counts)
        assert before["all"] == MANY + 6
        amelie = assignee_id_of(filled, "amelie")
        add_ticket(filled, add_customer(filled, "newcomer"), assignee_id=amelie, status="open")
        await pilot.pause(1.3)
        await _settle(pilot)
        await until(pilot, lambda: screen.counts["mine"] == before["mine"] + 1)
        assert screen.counts["all"] == MANY + 7
        assert _sidebar_label(screen, "all").endswith(f" {MANY + 7}")
        assert _sidebar_label(screen, "mine").endswith(f" {before['mine'] + 1}")
        assert screen.counts["waiting-chats"] == before["waiting-chats"]


async def test_hostile_text_renders_inert(store: Store, memory_keyring: Any) -> None:
    fill_store(store)
    customer = add_customer(store, "hostile")
    with store.write() as session:
        from models import Account

        account = session.get(Account, customer)
        assert account is not None
        account.display_name = HOSTILE
    _urgent_ticket(store, customer, HOSTILE)
    app = console(store)
    async with app.run_test(size=(220, 40)) as pilot:
        ticket_list = await _open_queue(pilot)
        strip = ticket_list.render_line(1)
        assert "[bold]x[/] [@click=app.quit]click[/]" in strip.text
        assert "linkred" not in strip.text
        assert "link red" in strip.text
        assert not any(ord(ch) < 32 or 0x7F <= ord(ch) <= 0x9F for ch in strip.text)
        for segment in strip:
            assert segment.style is None or (not segment.style.link and not segment.style.meta)
        await _settle(pilot)
        preview = str(app.screen.query_one("#queue-preview").render())
        assert "[@click=app.quit]" in preview
        assert "\x1b" not in preview
        assert app.is_running


ROW = QueueRow(
    id=1, priority="high", first_reply_due_at=NOW - timedelta(hours=2), channel="chat",
    language="fr", subject="", customer="", order_reference=None, lot_title=None,
    status="open", assignee=None, created_at=NOW - timedelta(days=2),
)  # fmt: skip


@given(subject=st.text(), customer=st.text(), reference=st.text())
def test_row_cells_are_plain_one_line_text(subject: str, customer: str, reference: str) -> None:
    row = QueueRow(**{**ROW.__dict__, "subject": subject, "customer": customer,
                      "order_reference": reference})  # fmt: skip
    cells = row_cells(row, NOW, "en")
    for value in cells.values():
        assert not any(ord(ch) < 32 or 0x7F <= ord(ch) <= 0x9F for ch in value)
    assert cells["subject"] == sanitize(subject).replace("\n", " ").replace("\t", " ")
    assert cells["customer"] == sanitize(customer).replace("\n", " ").replace("\t", " ")
    assert cells["due"] == "2 hr ago"
    assert row.breached(NOW)


@given(width=st.integers(0, 400))
def test_columns_fill_the_width_and_leave_out_the_least_needed_first(width: int) -> None:
    widths = dict(zip((column.name for column in COLUMNS), column_widths(width), strict=True))
    essential = [column for column in COLUMNS if not column.dropped]
    assert all(widths[column.name] > 0 for column in essential)
    assert widths["subject"] >= SUBJECT_MIN
    left_out = {column.dropped for column in COLUMNS if column.dropped and not widths[column.name]}
    kept = {column.dropped for column in COLUMNS if column.dropped and widths[column.name]}
    assert not left_out or not kept or min(left_out) > max(kept)  # highest rank goes first
    shown = [size for size in widths.values() if size]
    minimum = sum(column.fitted_width() + 1 for column in essential) + SUBJECT_MIN + 1
    if width >= minimum:
        assert sum(size + 1 for size in shown) == width
    if width >= 140:
        assert len(shown) == len(COLUMNS)


def test_a_status_label_is_shown_whole_at_a_120_column_terminal() -> None:
    widths = dict(zip((column.name for column in COLUMNS), column_widths(87), strict=True))
    cells = row_cells(replace(ROW, status="pending_customer"), NOW, "en")
    assert cells["status"] == "pending"
    assert widths["status"] >= cell_len(cells["status"])
    assert widths["channel"] > 0


async def test_refused_words_are_quoted_as_typed_never_as_markup(
    filled: Store, memory_keyring: Any
) -> None:
    app = console(filled)
    async with app.run_test(size=(160, 40)) as pilot:
        await _open_queue(pilot)
        await pilot.press("f", *"dispute:[/][bold]x", "enter")
        await _settle(pilot)
        assert app.is_running
        (notice,) = [n for n in app._notifications if "dispute" in str(n.message)]
        assert "[/][bold]x" in notice.message
        assert notice.markup is False


async def test_the_bar_takes_no_keys_while_its_words_are_read(
    filled: Store, memory_keyring: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Keys typed between enter and the result neither edit the words, nor send them twice,
    nor fall through to the list (`n` would claim a ticket)."""
    app = console(filled)
    async with app.run_test(size=(160, 40)) as pilot:
        ticket_list = await _open_queue(pilot)
        screen = app.screen
        assert isinstance(screen, QueueScreen)
        held = _Held(monkeypatch, "page")
        await pilot.press("f", *"channel:chat", "enter")
        bar = screen.bar
        assert bar.waiting
        await pilot.press("n", "backspace", "enter", "s")
        assert bar.value == "channel:chat"
        assert bar.display
        held.released.set()
        await _settle(pilot)
        assert not bar.display
        assert ticket_list.has_focus
        assert screen.filter_terms == "channel:chat"
        assert screen.order == SortOrder()  # `s` did not re-sort
        assert not any("is yours" in str(n.message) for n in app._notifications)
        assert ticket_list.total == len(_ids(filled, QueueFilter(channels=("chat",)), SortOrder()))
