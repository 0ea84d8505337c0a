"""Fixtures of the disputes tests: a migrated store with a small marketplace in it."""

from __future__ import annotations

import pytest

from console.store import Store
from tests.console.disputes.world import World, build_world


@pytest.fixture
def world(store: Store) -> World:
    """Agents of every role, a private French buyer and a Pro German seller."""
    return build_world(store)
