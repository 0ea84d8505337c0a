"""PostgreSQL fixtures: one throwaway server per test session, one fresh database per test."""

from __future__ import annotations

import itertools
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.pg.server import ThrowawayServer, start_throwaway_server

_counter = itertools.count()


@pytest.fixture(scope="session")
def pg_server() -> Iterator[ThrowawayServer]:
    """A PostgreSQL server the suite starts itself (CI fails rather than skips without one)."""
    with tempfile.TemporaryDirectory(prefix="guichet-pg-") as root:
        server = start_throwaway_server(Path(root))
        if server is None:
            if os.environ.get("CI"):
                pytest.fail("PostgreSQL is not installed: run `make test`, which installs it")
            pytest.skip("PostgreSQL is not installed")
        try:
            yield server
        finally:
            server.stop()


@pytest.fixture
def pg_url(pg_server: ThrowawayServer) -> str:
    """The URL of a new, empty database on the throwaway server."""
    return pg_server.create_database(f"guichet_{os.getpid()}_{next(_counter)}")
