"""The real terminal: `guichet --db FILE` in a detached tmux session, typed into and read."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

GUICHET = Path(sys.executable).with_name("guichet")
TIMEOUT = 20.0
KEY_PAUSE = 0.3
"""A person's pace: Textual moves the focus asynchronously, so keys sent in one burst after an
Enter could land in the field it is leaving."""


class Terminal:
    """One tmux session running the console."""

    def __init__(self, session: str) -> None:
        self.session = session

    def screen(self) -> str:
        """What the terminal shows now."""
        return subprocess.run(
            ["tmux", "capture-pane", "-p", "-t", self.session],
            capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip

    def wait_for(self, pattern: str) -> str:
        """The screen once `pattern` (a regular expression) is on it; fails after a while."""
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            screen = self.screen()
            if re.search(pattern, screen):
                return screen
            time.sleep(0.05)
        raise AssertionError(f"{pattern!r} never appeared; the terminal shows:\n{self.screen()}")

    def keys(self, *keys: str) -> None:
        """Type `keys` (tmux key names; `-l` then text types it literally)."""
        subprocess.run(["tmux", "send-keys", "-t", self.session, *keys], check=True)
        time.sleep(KEY_PAUSE)

    def sign_in(self, handle: str, password: str) -> None:
        """Fill the login form and wait for the home screen."""
        self.wait_for("Password")
        self.keys(handle, "Enter")
        self.keys(password, "Enter")


@pytest.fixture
def launch(tmp_path: Path) -> Iterator[Callable[[Path], Terminal]]:
    """Start the console on a store file in a 120×40 tmux terminal; closed after the test."""
    if shutil.which("tmux") is None:
        if os.environ.get("CI"):
            pytest.fail("tmux is required in CI for the real-terminal tests")
        pytest.skip("tmux is not installed")
    sessions: list[Terminal] = []

    def start(db: Path) -> Terminal:
        terminal = Terminal(f"guichet-e2e-{os.getpid()}-{len(sessions)}")
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
            ["tmux", "new-session", "-d", "-s", terminal.session, "-x", "120", "-y", "40",
             *env_args, f"{GUICHET} --db {db}"],
            check=True,
        )  # fmt: skip
        # A detached session may keep the server's default size: set it explicitly.
        subprocess.run(
            ["tmux", "resize-window", "-t", terminal.session, "-x", "120", "-y", "40"], check=True
        )
        sessions.append(terminal)
        return terminal

    yield start
    for terminal in sessions:
        print(terminal.screen())  # shown by pytest when the test failed
        subprocess.run(["tmux", "kill-session", "-t", terminal.session], capture_output=True)
