"""The real thing: `guichet --db FILE` in a tmux terminal, signing in, the home counts on screen."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from console.migrate import upgrade
from console.settings import sqlite_url
from console.store import Store
from tests.e2e.conftest import Terminal
from tests.screens.console_fixtures import PASSWORD, fill_store

pytestmark = pytest.mark.e2e


def test_sign_in_and_see_the_counts(tmp_path: Path, launch: Callable[[Path], Terminal]) -> None:
    db = tmp_path / "guichet.db"
    store = Store(sqlite_url(db))
    upgrade(store)
    fill_store(store, now=datetime.now(UTC))
    store.dispose()
    terminal = launch(db)
    terminal.sign_in("amelie", PASSWORD)
    terminal.wait_for(r"my open tickets")
    screen = terminal.wait_for(r"│\s+\d+\s+│")  # the counts, once counted
    numbers = [int(n) for n in re.findall(r"│\s+(\d+)\s+│", screen)]
    assert numbers == [2, 3, 1, 1, 2]
    assert "Amélie Martin (amelie)" in screen
    assert PASSWORD not in screen
