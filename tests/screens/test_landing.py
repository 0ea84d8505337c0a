"""`guichet --view`: the console opens on a queue view once signed in, and closes it to home;
screens nobody sees take no counts."""

from __future__ import annotations

from typing import Any

import pytest

from console.store import Store
from screens.app import GuichetApp
from screens.home import HomeScreen
from screens.queue import QueueScreen
from tests import signin_fixtures
from tests.screens.console_fixtures import PASSWORD, console, fill_store
from tests.screens.test_login import _ready, _sign_in
from tests.screens.waiting import until
from tests.signin_fixtures import NOW, add_customer, add_ticket

memory_keyring = signin_fixtures.memory_keyring


def _on_view(store: Store, view: str) -> GuichetApp:
    return GuichetApp(store.url, clock=lambda: NOW, first_view=view)


async def test_signing_in_opens_the_named_view_and_escape_goes_home(
    store: Store, memory_keyring: Any
) -> None:
    fill_store(store)
    app = _on_view(store, "waiting-chats")
    async with app.run_test(size=(160, 40)) as pilot:
        await _sign_in(pilot, "amelie", PASSWORD)
        screen = app.screen
        assert isinstance(screen, QueueScreen)
        await until(pilot, lambda: screen.ticket_list.total == 1)
        assert screen.view_name == "waiting-chats"
        await pilot.press("escape")
        await _ready(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert len(app.screen_stack) == 2  # Textual's blank screen, then home
        await pilot.press("escape")
        await _ready(pilot)
        assert isinstance(app.screen, HomeScreen)


async def test_an_unknown_view_says_so_and_shows_my_tickets(
    store: Store, memory_keyring: Any
) -> None:
    fill_store(store)
    app = _on_view(store, "saved:[bold]nope")
    async with app.run_test(size=(160, 40)) as pilot:
        await _sign_in(pilot, "amelie", PASSWORD)
        screen = app.screen
        assert isinstance(screen, QueueScreen)
        await until(pilot, lambda: screen.view_name == "mine")
        (notice,) = app._notifications
        assert notice.message == (
            "There is no view called saved:[bold]nope: here are your open tickets."
        )
        assert notice.markup is False


async def test_home_counts_only_while_shown(
    store: Store, memory_keyring: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from console import home as home_service

    fill_store(store)
    counted: list[str] = []
    home_counts = home_service.home_counts

    def counting(*args: Any, **kwargs: Any) -> Any:
        counted.append("home")
        return home_counts(*args, **kwargs)

    monkeypatch.setattr(home_service, "home_counts", counting)
    app = console(store)
    async with app.run_test(size=(160, 40)) as pilot:
        await _sign_in(pilot, "amelie", PASSWORD)
        home = app.screen
        assert isinstance(home, HomeScreen)
        assert counted == ["home"]
        app.action_open_queue("all")
        await _ready(pilot)
        add_ticket(store, add_customer(store, "other"), channel="chat", language="de")
        home._look()  # what its one-second timer does, under the queue
        await _ready(pilot)
        assert counted == ["home"]
        await pilot.press("escape")  # back home: the change is counted at once
        await _ready(pilot)
        await until(pilot, lambda: counted == ["home", "home"])


async def test_the_queue_rereads_only_while_shown(store: Store, memory_keyring: Any) -> None:
    fill_store(store)
    app = console(store)
    async with app.run_test(size=(160, 40)) as pilot:
        await _sign_in(pilot, "amelie", PASSWORD)
        app.action_open_queue("all")
        await _ready(pilot)
        queue = app.screen
        assert isinstance(queue, QueueScreen)
        await until(pilot, lambda: queue.ticket_list.total == 6 and not queue.ticket_list.counting)
        await pilot.press("enter")  # the ticket under the cursor
        await _ready(pilot)
        assert app.screen is not queue
        add_ticket(store, add_customer(store, "other"), channel="chat", language="de")
        queue._look()  # what its one-second timer does, under the ticket
        await _ready(pilot)
        assert queue.ticket_list.total == 6
        await pilot.press("escape")  # back to the list: the new ticket is there at once
        await _ready(pilot)
        assert app.screen is queue
        await until(pilot, lambda: queue.ticket_list.total == 7)
