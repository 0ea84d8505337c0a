"""The real thing: sign in, open a dispute by its number (ctrl+d), refund 12.50, see it paid."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import pytest

from console.migrate import upgrade
from console.settings import sqlite_url
from console.store import Store
from tests.console.disputes.world import PASSWORD, add_case, build_world
from tests.e2e.test_login_tmux import GUICHET, _need_tmux, _screen, _wait_for

pytestmark = pytest.mark.e2e


def _keys(session: str, *keys: str) -> None:
    subprocess.run(["tmux", "send-keys", "-t", session, *keys], check=True)
    time.sleep(0.3)  # a person's pace: each key reaches the focused widget in turn


def test_partial_refund_end_to_end(tmp_path: Path) -> None:
    _need_tmux()
    db = tmp_path / "guichet.db"
    store = Store(sqlite_url(db))
    upgrade(store)
    dispute = add_case(build_world(store))
    store.dispose()
    session = f"guichet-dispute-e2e-{os.getpid()}"
    environment = {
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
        "XDG_STATE_HOME": str(tmp_path / "state"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "GUICHET_DB": "",
        # shutil.get_terminal_size (which Textual asks) prefers these to the pane's size.
        "COLUMNS": "120",
        "LINES": "40",
    }
    env_args = [arg for name, value in environment.items() for arg in ("-e", f"{name}={value}")]
    subprocess.run(
        ["tmux", "new-session", "-d", "-s", session, "-x", "120", "-y", "40", *env_args,
         f"{GUICHET} --db {db}"],
        check=True,
    )  # fmt: skip
    subprocess.run(["tmux", "resize-window", "-t", session, "-x", "120", "-y", "40"], check=True)
    try:
        _wait_for(session, "Password")
        _keys(session, "amelie", "Enter")
        _keys(session, PASSWORD, "Enter")
        _wait_for(session, r"Counted at")
        _keys(session, "C-d")
        _wait_for(session, r"Open which dispute\?")
        _keys(session, str(dispute), "Enter")
        _wait_for(session, r"Refunded so far: €0\.00")
        _keys(session, "p")
        _wait_for(session, r"Amount in EUR")
        _keys(session, "-l", "12.50")
        _keys(session, "Tab")
        _keys(session, "-l", "Rayure non signalée")
        _keys(session, "C-s")
        _wait_for(session, r"Refund €12\.50 to the buyer")
        _keys(session, "y")
        screen = _wait_for(session, r"Refunded so far: €12\.50")
        assert "Refundable: €287.50" in screen
    finally:
        print(_screen(session))
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)
