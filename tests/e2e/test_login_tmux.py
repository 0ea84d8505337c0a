"""The real thing: `guichet --db FILE` in a tmux terminal, signing in, the home counts on screen."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from console.migrate import upgrade
from console.settings import sqlite_url
from console.store import Store
from tests.screens.console_fixtures import PASSWORD, fill_store

pytestmark = pytest.mark.e2e

GUICHET = Path(sys.executable).with_name("guichet")
TIMEOUT = 20.0


def _need_tmux() -> None:
    if shutil.which("tmux") is None:
        if os.environ.get("CI"):
            pytest.fail("tmux is required in CI for the real-terminal tests")
        pytest.skip("tmux is not installed")


def _screen(session: str) -> str:
    return subprocess.run(
        ["tmux", "capture-pane", "-p", "-t", session], capture_output=True, text=True, check=True
    ).stdout


def _wait_for(session: str, pattern: str) -> str:
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        screen = _screen(session)
        if re.search(pattern, screen):
            return screen
        time.sleep(0.05)
    raise AssertionError(f"{pattern!r} never appeared; the terminal shows:\n{_screen(session)}")


def test_sign_in_and_see_the_counts(tmp_path: Path) -> None:
    _need_tmux()
    db = tmp_path / "guichet.db"
    store = Store(sqlite_url(db))
    upgrade(store)
    fill_store(store, now=datetime.now(UTC))
    store.dispose()
    session = f"guichet-e2e-{os.getpid()}"
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
    # A detached session may keep the server's default size: set it explicitly.
    subprocess.run(["tmux", "resize-window", "-t", session, "-x", "120", "-y", "40"], check=True)
    try:
        _wait_for(session, "Password")
        subprocess.run(["tmux", "send-keys", "-t", session, "amelie", "Enter"], check=True)
        time.sleep(0.3)  # a person's pause: Enter moves the focus to the password field
        subprocess.run(["tmux", "send-keys", "-t", session, PASSWORD, "Enter"], check=True)
        screen = _wait_for(session, r"my open tickets")
        screen = _wait_for(session, r"│\s+\d+\s+│")  # the counts, once counted
        numbers = [int(n) for n in re.findall(r"│\s+(\d+)\s+│", screen)]
        assert numbers == [2, 3, 1, 1, 2]
        assert "Amélie Martin (amelie)" in screen
        assert PASSWORD not in screen
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)
