"""The real thing: sign in, open a ticket by its number (ctrl+g), reply, see the reply."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import pytest

from console.migrate import upgrade
from console.settings import sqlite_url
from console.store import Store
from tests.e2e.test_login_tmux import GUICHET, _need_tmux, _screen, _wait_for
from tests.ticket_fixtures import PASSWORD, fill_marketplace

pytestmark = pytest.mark.e2e


def _keys(session: str, *keys: str) -> None:
    subprocess.run(["tmux", "send-keys", "-t", session, *keys], check=True)
    time.sleep(0.2)  # a person's pace: each key reaches the focused widget in turn


def test_open_a_ticket_reply_and_see_it_in_the_thread(tmp_path: Path) -> None:
    _need_tmux()
    db = tmp_path / "guichet.db"
    store = Store(sqlite_url(db))
    upgrade(store)
    market = fill_marketplace(store)
    store.dispose()
    session = f"guichet-ticket-e2e-{os.getpid()}"
    environment = {
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
        "XDG_STATE_HOME": str(tmp_path / "state"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "GUICHET_DB": "",
    }
    env_args = [arg for name, value in environment.items() for arg in ("-e", f"{name}={value}")]
    subprocess.run(
        ["tmux", "new-session", "-d", "-s", session, "-x", "140", "-y", "45", *env_args,
         f"{GUICHET} --db {db}"],
        check=True,
    )  # fmt: skip
    subprocess.run(["tmux", "resize-window", "-t", session, "-x", "140", "-y", "45"], check=True)
    try:
        _wait_for(session, "Password")
        _keys(session, "amelie", "Enter")
        _keys(session, PASSWORD, "Enter")
        _wait_for(session, r"Counted at")
        _keys(session, "C-g")
        _wait_for(session, r"Open which ticket\?")
        _keys(session, str(market.ticket), "Enter")
        _wait_for(session, r"AI assistant · answer before")
        _keys(session, "r")
        _wait_for(session, r"Reply to the customer")
        _keys(session, "-l", "Arrive demain.")
        _keys(session, "C-s")
        screen = _wait_for(session, r"█ Arrive demain\.")  # a message of the thread
        assert "Reply to the customer" not in screen  # the composer closed after sending
    finally:
        print(_screen(session))
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)
