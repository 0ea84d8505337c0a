"""What the queue and its help screen look like (SVG snapshots, Textual pinned exactly, clock
fixed)."""

from __future__ import annotations

from typing import Any

from console.store import Store
from tests import signin_fixtures
from tests.factories import add_tickets
from tests.screens.console_fixtures import PASSWORD, console, fill_store
from tests.screens.test_queue import _settle

memory_keyring = signin_fixtures.memory_keyring

SIZE = (160, 36)


class TestQueue:
    """The queue screen."""

    def test_all_tickets(self, snap_compare: Any, store: Store, memory_keyring: Any) -> None:
        """Views with counts, the list sorted by priority, the preview of the first ticket."""
        fill_store(store)
        add_tickets(store, 40, seed=7)

        async def open_queue(pilot: Any) -> None:
            await _settle(pilot)
            await pilot.press(*"amelie", "enter", *PASSWORD, "enter")
            await _settle(pilot)
            pilot.app.action_open_queue("all")
            await _settle(pilot)
            await pilot.press("j", "j")
            await _settle(pilot)

        assert snap_compare(console(store), terminal_size=SIZE, run_before=open_queue)


class TestHelp:
    """The help screen, over the queue."""

    def test_every_key_of_the_queue(
        self, snap_compare: Any, store: Store, memory_keyring: Any
    ) -> None:
        """The queue's keys, the focused list's, then the app's, each with what it does."""
        fill_store(store)
        add_tickets(store, 5, seed=7)

        async def open_help(pilot: Any) -> None:
            await _settle(pilot)
            await pilot.press(*"amelie", "enter", *PASSWORD, "enter")
            await _settle(pilot)
            pilot.app.action_open_queue("all")
            await _settle(pilot)
            await pilot.press("question_mark")
            await _settle(pilot)

        assert snap_compare(console(store), terminal_size=(120, 50), run_before=open_help)
