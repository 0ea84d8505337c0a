"""Fixtures every test may use: a migrated SQLite store in a temporary folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from console.i18n import set_language
from console.migrate import upgrade
from console.settings import sqlite_url
from console.store import Store


@pytest.fixture(autouse=True)
def _english_and_isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """Every test starts in English, with no store, agent or secret from the environment."""
    for name in ("GUICHET_DB", "GUICHET_AGENT", "GUICHET_PASSWORD"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "xdg-state"))
    set_language("en")
    yield
    set_language("en")


@pytest.fixture
def store_url(tmp_path: Path) -> str:
    """The URL of an empty SQLite file in the test's folder."""
    return sqlite_url(tmp_path / "guichet.db")


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    """A migrated, empty SQLite store."""
    migrated = Store(store_url)
    upgrade(migrated)
    yield migrated
    migrated.dispose()
