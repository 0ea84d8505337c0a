"""The key bar: the keys that work where the focus is, repainted only when they change."""

from __future__ import annotations

from typing import Any

from textual.widgets import Input

from console.store import Store
from screens.queue import QueueScreen
from screens.widgets.key_bar import KeyBar
from tests import signin_fixtures
from tests.factories import add_tickets
from tests.screens.console_fixtures import PASSWORD, console, fill_store
from tests.screens.test_login import _sign_in
from tests.screens.waiting import workers_done

memory_keyring = signin_fixtures.memory_keyring


async def _queue(pilot: Any) -> QueueScreen:
    await _sign_in(pilot, "amelie", PASSWORD)
    pilot.app.action_open_queue("all")
    await workers_done(pilot.app)
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, QueueScreen)
    return screen


async def test_the_bar_follows_the_focus(store: Store, memory_keyring: Any) -> None:
    fill_store(store)
    add_tickets(store, 5)
    app = console(store)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await _queue(pilot)
        bar = screen.query_one(KeyBar)
        shown = bar.text()
        assert "Open ticket" in shown  # the list's own key
        assert "/ Search" in shown
        assert shown.endswith("^p Commands")
        rendered = bar.render_line(0).text
        assert "Open ticket" in rendered
        assert rendered.rstrip().endswith("Commands")
        await pilot.press("f")
        await pilot.pause()
        assert screen.query_one("#queue-input", Input).has_focus
        assert "Open ticket" not in bar.text()
        await pilot.press("escape")
        await pilot.pause()
        assert "Open ticket" in bar.text()


async def test_a_click_on_a_key_presses_it(store: Store, memory_keyring: Any) -> None:
    fill_store(store)
    app = console(store)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await _queue(pilot)
        bar = screen.query_one(KeyBar)
        bar.render_line(0)
        start = next(x for x, _end, entry in bar._spans if entry.description == "Search")
        await pilot.click(KeyBar, offset=(start + 1, 0))
        await pilot.pause()
        field = screen.query_one("#queue-input", Input)
        assert field.display
        assert field.has_focus


async def test_the_bar_repaints_only_when_its_keys_change(
    store: Store, memory_keyring: Any
) -> None:
    fill_store(store)
    app = console(store)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await _queue(pilot)
        bar = screen.query_one(KeyBar)
        entries = bar.entries
        screen.refresh_bindings()
        await pilot.pause()
        assert bar.entries is entries  # the same keys: nothing rebuilt
