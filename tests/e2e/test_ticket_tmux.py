"""The real thing: sign in, find a ticket (by its number, or by searching the queue), reply,
see the reply in the thread."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from console.migrate import upgrade
from console.settings import sqlite_url
from console.store import Store
from tests.e2e.conftest import Terminal
from tests.ticket_fixtures import PASSWORD, Marketplace, fill_marketplace

pytestmark = pytest.mark.e2e


def _store(tmp_path: Path) -> tuple[Path, Marketplace]:
    db = tmp_path / "guichet.db"
    store = Store(sqlite_url(db))
    upgrade(store)
    market = fill_marketplace(store)
    store.dispose()
    return db, market


def _signed_in(tmp_path: Path, launch: Callable[[Path], Terminal]) -> tuple[Terminal, Marketplace]:
    """The console on a fresh store, amelie signed in and her home counted."""
    db, market = _store(tmp_path)
    terminal = launch(db)
    terminal.sign_in("amelie", PASSWORD)
    terminal.wait_for(r"Counted at")
    return terminal, market


def _reply(terminal: Terminal, text: str) -> str:
    """Reply `text` from the open ticket; the screen once it shows in the thread."""
    terminal.keys("r")
    terminal.wait_for(r"Reply to the customer")
    terminal.keys("-l", text)
    terminal.keys("C-s")
    return terminal.wait_for("█ " + re.escape(text))  # a message of the thread


def test_open_a_ticket_reply_and_see_it_in_the_thread(
    tmp_path: Path, launch: Callable[[Path], Terminal]
) -> None:
    terminal, market = _signed_in(tmp_path, launch)
    terminal.keys("C-g")
    terminal.wait_for(r"Open which ticket\?")
    terminal.keys(str(market.ticket), "Enter")
    terminal.wait_for(r"AI assistant · answer before")
    screen = _reply(terminal, "Arrive demain.")
    assert "Reply to the customer" not in screen  # the composer closed after sending


def test_search_the_queue_open_the_match_reply_and_see_it(
    tmp_path: Path, launch: Callable[[Path], Terminal]
) -> None:
    terminal, _market = _signed_in(tmp_path, launch)
    terminal.keys("F6")
    terminal.wait_for(r"My open tickets\s+·\s+1 ticket\b")
    terminal.keys("Tab", "Down")  # the views: "Unassigned in my languages"
    terminal.keys("Enter")
    terminal.wait_for(r"Unassigned in my languages\s+·\s+3 tickets")
    screen = terminal.wait_for(r"Vraag over beta")
    assert "Toujours rien" in screen
    terminal.keys("/")
    terminal.keys("-l", "nouvelles")  # a word of one customer message only, not a subject
    terminal.keys("Enter")
    terminal.wait_for(r"1 ticket\b.*search: nouvelles")
    screen = terminal.wait_for(r"Latest message: Des nouvelles de mon colis")  # the preview
    assert "Vraag over beta" not in screen
    terminal.keys("Enter")
    terminal.wait_for(r"#\d+ · Toujours rien")
    screen = _reply(terminal, "Il arrive demain.")
    assert "█ Des nouvelles de mon colis ?" in screen  # the thread, the reply after it
    assert screen.index("Des nouvelles de mon colis") < screen.index("Il arrive demain.")
