"""Full garbage collections wait for quiet moments while the console runs (`screens.heap`)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from typing import Any

import pytest

from console.store import Store
from screens.heap import LESS_OFTEN, QUIET_S, QuietCollections
from tests import signin_fixtures
from tests.screens.console_fixtures import PASSWORD, console, fill_store
from tests.screens.test_login import _sign_in
from tests.screens.waiting import until

memory_keyring = signin_fixtures.memory_keyring


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def thresholds() -> Iterator[tuple[int, int, int]]:
    """CPython's thresholds as the test found them, given back whatever the test does."""
    found = gc.get_threshold()
    yield found
    gc.set_threshold(*found)


def _middle_collections(count: int) -> None:
    """As many middle-generation collections as a busy console makes between full ones."""
    for _ in range(count):
        gc.collect(1)


def test_start_makes_full_collections_rarer_and_stop_gives_the_thresholds_back(
    thresholds: tuple[int, int, int],
) -> None:
    quiet = QuietCollections()
    quiet.start()
    quiet.start()  # once only: a second start must not multiply again
    young, middle, full = thresholds
    assert gc.get_threshold() == (young, middle, full * LESS_OFTEN)
    quiet.stop()
    assert gc.get_threshold() == thresholds
    assert not quiet.running


def test_a_tick_collects_only_when_quiet_and_when_cpython_would_have(
    thresholds: tuple[int, int, int],
) -> None:
    clock, made = Clock(), []
    quiet = QuietCollections(clock=clock, collect=lambda: made.append("full"))
    clock.now = 100.0
    assert not quiet.tick()  # not started: CPython does as it always does
    quiet.start()
    _middle_collections(thresholds[2])
    quiet.note_input()
    clock.now += QUIET_S / 2
    assert not quiet.tick()  # a key half a second ago
    clock.now += QUIET_S / 2
    assert quiet.tick()
    assert made == ["full"]
    gc.collect()  # nothing left to collect since: the count starts again from nothing
    assert not quiet.tick()
    _middle_collections(thresholds[2] - 1)
    assert not quiet.tick()
    _middle_collections(1)
    assert quiet.tick()
    assert quiet.collections == 2
    quiet.stop()


def test_a_tick_makes_a_real_full_collection(thresholds: tuple[int, int, int]) -> None:
    generations: list[int] = []

    def watch(phase: str, info: dict[str, int]) -> None:
        if phase == "stop":
            generations.append(info["generation"])

    clock = Clock()
    quiet = QuietCollections(clock=clock)
    quiet.start()
    _middle_collections(thresholds[2])
    clock.now = QUIET_S
    gc.callbacks.append(watch)
    try:
        assert quiet.tick()
    finally:
        gc.callbacks.remove(watch)
        quiet.stop()
    assert generations == [2]
    assert gc.get_count()[2] == 0


async def test_the_console_collects_when_the_agent_stops_typing(
    store: Store, memory_keyring: Any, thresholds: tuple[int, int, int]
) -> None:
    fill_store(store)
    clock = Clock()
    app = console(store)
    app.quiet_collections = quiet = QuietCollections(clock=clock)
    async with app.run_test(size=(160, 40)) as pilot:
        assert not quiet.running  # the login screen leaves CPython alone
        await _sign_in(pilot, "amelie", PASSWORD)
        assert quiet.running
        assert gc.get_threshold()[2] == thresholds[2] * LESS_OFTEN
        _middle_collections(thresholds[2])
        clock.now = 100.0
        await pilot.press("down")  # the agent moves in home: busy
        clock.now += QUIET_S / 2
        assert not quiet.tick()
        assert quiet.collections == 0
        clock.now += QUIET_S
        # The console's own timer finds the quiet moment.
        await until(pilot, lambda: quiet.collections == 1)
    assert not quiet.running
    assert gc.get_threshold() == thresholds
