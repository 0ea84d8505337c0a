"""Fixtures of the disputes tests: a migrated store with a small marketplace in it.

Migrating and hashing passwords for every test would cost most of the suite's time, so one
template store is built per session and copied for each test.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from console.migrate import upgrade
from console.settings import sqlite_url
from console.store import Store
from tests.console.disputes.world import World, build_world


@pytest.fixture(scope="session")
def _template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, World]:
    path = tmp_path_factory.mktemp("disputes-template") / "guichet.db"
    store = Store(sqlite_url(path))
    upgrade(store)
    world = build_world(store)
    store.dispose()
    return path, world


@pytest.fixture
def store(_template: tuple[Path, World], tmp_path: Path) -> Iterator[Store]:
    """A copy of the template: migrated, with agents of every role, a buyer and a seller."""
    path = tmp_path / "guichet.db"
    shutil.copyfile(_template[0], path)
    copy = Store(sqlite_url(path))
    yield copy
    copy.dispose()


@pytest.fixture
def world(_template: tuple[Path, World], store: Store) -> World:
    """Agents of every role, a private French buyer and a Pro German seller."""
    return replace(_template[1], store=store)
