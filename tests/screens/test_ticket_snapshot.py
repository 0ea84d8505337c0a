"""What the ticket screen looks like (SVG snapshots, Textual pinned exactly)."""

from __future__ import annotations

from typing import Any

from console.store import Store
from tests.screens.ticket_harness import SIZE, console, open_ticket, settle
from tests.screens.waiting import until
from tests.ticket_fixtures import fill_marketplace


class TestTicket:
    """The ticket screen."""

    def test_the_thread_and_panels(self, snap_compare: Any, store: Store) -> None:
        """Request, the AI answer before escalation, a reply, a note; customer and order."""
        market = fill_marketplace(store)

        async def open_it(pilot: Any) -> None:
            await open_ticket(pilot, store, market.amelie, market.ticket)

        assert snap_compare(console(store), terminal_size=SIZE, run_before=open_it)

    def test_the_composer_with_a_macro(self, snap_compare: Any, store: Store) -> None:
        """A reply being written, the tracking macro inserted in French."""
        market = fill_marketplace(store)

        async def write(pilot: Any) -> None:
            from textual.widgets import TextArea

            from screens.ticket_dialogs import MacroPicker
            from screens.widgets.composer import Composer

            screen = await open_ticket(pilot, store, market.amelie, market.ticket)
            composer = screen.query_one(Composer)
            # Each step waits for what the previous one shows: on a busy machine a key sent
            # before the composer or the picker is up goes elsewhere.
            await pilot.press("r")
            await until(pilot, lambda: composer.is_open)
            await pilot.press("ctrl+t")
            await until(pilot, lambda: isinstance(pilot.app.screen, MacroPicker))
            await until(pilot, lambda: bool(pilot.app.screen.found))
            await pilot.press("enter")
            await until(pilot, lambda: bool(composer.text))
            # The reply from its top, where the placeholders were filled (the customer's name,
            # the order): after the insertion the text area scrolls to the cursor at its end,
            # a moment later, which a snapshot would otherwise catch or not.
            text_area = screen.query_one(TextArea)
            text_area.cursor_blink = False
            await settle(pilot)
            text_area.move_cursor((0, 0))
            await until(pilot, lambda: text_area.scroll_offset.y == 0)
            await settle(pilot)

        assert snap_compare(console(store), terminal_size=SIZE, run_before=write)
