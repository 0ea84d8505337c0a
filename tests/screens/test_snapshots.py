"""What the login and home screens look like (SVG snapshots, Textual pinned exactly)."""

from __future__ import annotations

from typing import Any

from textual.widgets import Input

from console.store import Store
from tests import signin_fixtures
from tests.screens.console_fixtures import PASSWORD, console, fill_store
from tests.screens.waiting import workers_done

memory_keyring = signin_fixtures.memory_keyring

SIZE = (120, 36)


async def _settle(pilot: Any) -> None:
    await workers_done(pilot.app)
    await pilot.pause()
    await workers_done(pilot.app)
    await pilot.pause()


class TestLogin:
    """The login screen."""

    def test_the_empty_form(self, snap_compare: Any, store: Store, memory_keyring: Any) -> None:
        """What an agent sees first."""
        fill_store(store)
        assert snap_compare(console(store), terminal_size=SIZE, run_before=_settle)

    def test_a_wrong_password(self, snap_compare: Any, store: Store, memory_keyring: Any) -> None:
        """The error line after a wrong password."""
        fill_store(store)

        async def wrong_password(pilot: Any) -> None:
            await _settle(pilot)
            await pilot.press(*"amelie", "enter", *"nope", "enter")
            await _settle(pilot)
            pilot.app.screen.query_one("#password", Input).cursor_blink = False

        assert snap_compare(console(store), terminal_size=SIZE, run_before=wrong_password)


class TestHome:
    """The home screen after signing in."""

    def test_the_counts(self, snap_compare: Any, store: Store, memory_keyring: Any) -> None:
        """Header, today's date in the agent's zone and language, the five counts."""
        fill_store(store)

        async def sign_in(pilot: Any) -> None:
            await _settle(pilot)
            await pilot.press(*"amelie", "enter", *PASSWORD, "enter")
            await _settle(pilot)
            await _settle(pilot)

        assert snap_compare(console(store), terminal_size=SIZE, run_before=sign_in)

    def test_a_leads_counts(self, snap_compare: Any, store: Store, memory_keyring: Any) -> None:
        """A lead also counts what awaits their approval: six tiles in one row."""
        fill_store(store)

        async def sign_in(pilot: Any) -> None:
            await _settle(pilot)
            await pilot.press(*"lena", "enter", *PASSWORD, "enter")
            await _settle(pilot)
            await _settle(pilot)

        assert snap_compare(console(store), terminal_size=SIZE, run_before=sign_in)
