"""The real thing: sign in, open a ticket by its number (ctrl+g), reply, see the reply."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from console.migrate import upgrade
from console.settings import sqlite_url
from console.store import Store
from tests.e2e.conftest import Terminal
from tests.ticket_fixtures import PASSWORD, fill_marketplace

pytestmark = pytest.mark.e2e


def test_open_a_ticket_reply_and_see_it_in_the_thread(
    tmp_path: Path, launch: Callable[[Path], Terminal]
) -> None:
    db = tmp_path / "guichet.db"
    store = Store(sqlite_url(db))
    upgrade(store)
    market = fill_marketplace(store)
    store.dispose()
    terminal = launch(db)
    terminal.sign_in("amelie", PASSWORD)
    terminal.wait_for(r"Counted at")
    terminal.keys("C-g")
    terminal.wait_for(r"Open which ticket\?")
    terminal.keys(str(market.ticket), "Enter")
    terminal.wait_for(r"AI assistant · answer before")
    terminal.keys("r")
    terminal.wait_for(r"Reply to the customer")
    terminal.keys("-l", "Arrive demain.")
    terminal.keys("C-s")
    screen = terminal.wait_for(r"█ Arrive demain\.")  # a message of the thread
    assert "Reply to the customer" not in screen  # the composer closed after sending
