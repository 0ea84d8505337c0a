"""The real thing: sign in, open a dispute by its number (ctrl+d), refund 12.50, see it paid."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from console.migrate import upgrade
from console.settings import sqlite_url
from console.store import Store
from tests.console.disputes.world import PASSWORD, add_case, build_world
from tests.e2e.conftest import Terminal

pytestmark = pytest.mark.e2e


def test_partial_refund_end_to_end(tmp_path: Path, launch: Callable[[Path], Terminal]) -> None:
    db = tmp_path / "guichet.db"
    store = Store(sqlite_url(db))
    upgrade(store)
    dispute = add_case(build_world(store))
    store.dispose()
    terminal = launch(db)
    terminal.sign_in("amelie", PASSWORD)
    terminal.wait_for(r"Counted at")
    terminal.keys("C-d")
    terminal.wait_for(r"Open which dispute\?")
    terminal.keys(str(dispute), "Enter")
    terminal.wait_for(r"Refunded so far: €0\.00")
    terminal.keys("p")
    terminal.wait_for(r"Amount in EUR")
    terminal.keys("-l", "12.50")
    terminal.keys("Tab")
    terminal.keys("-l", "Rayure non signalée")
    terminal.keys("C-s")
    terminal.wait_for(r"Refund €12\.50 to the buyer")
    terminal.keys("y")
    screen = terminal.wait_for(r"Refunded so far: €12\.50")
    assert "Refundable: €287.50" in screen
