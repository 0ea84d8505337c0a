"""The queue's live look when nothing was written: only the views that follow the clock (SLA
at risk, dispute clocks) are counted again, and the list is read again only if it is one."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest

from console import views as views_module
from console.queue import QueueFilter
from console.store import Store
from console.views import built_in_views
from screens.app import GuichetApp
from screens.queue import QueueScreen
from tests import signin_fixtures
from tests.screens.console_fixtures import fill_store
from tests.screens.test_login import _ready
from tests.screens.test_queue import _open_queue
from tests.screens.waiting import until
from tests.signin_fixtures import NOW, add_customer, add_ticket

memory_keyring = signin_fixtures.memory_keyring

FOLLOWING = {"sla-at-risk", "dispute-clocks-run-out"}


def test_only_sla_and_dispute_clock_views_follow_the_clock() -> None:
    class Agent:
        id, role, languages = 1, "agent", ("fr",)

    following = {
        view.name for view in built_in_views(Agent(), NOW) if view.filter.follows_the_clock
    }
    assert following == FOLLOWING
    assert not QueueFilter(statuses=("open",), text="colis").follows_the_clock


class _Clock:
    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[set[str]]:
    """The names of the views each sidebar count took."""
    seen: list[set[str]] = []
    view_counts = views_module.view_counts

    def counting(store: Store, views: list[Any]) -> dict[str, int]:
        seen.append({view.name for view in views})
        return view_counts(store, views)

    monkeypatch.setattr(views_module, "view_counts", counting)
    return seen


async def _queue(pilot: Any, view: str) -> QueueScreen:
    await _open_queue(pilot, view)
    screen = pilot.app.screen
    assert isinstance(screen, QueueScreen)
    await until(pilot, lambda: screen.counts.get("all") == 6 and not screen.ticket_list.counting)
    return screen


async def _look_as_if_stale(pilot: Any, screen: QueueScreen) -> None:
    screen._looked_at = 0.0  # what half a minute of the one-second timer comes to
    screen._look()
    await _ready(pilot)
    await _ready(pilot)


async def test_time_alone_recounts_only_the_views_that_follow_it(
    store: Store, memory_keyring: Any, counted: list[set[str]]
) -> None:
    fill_store(store)
    app = GuichetApp(store.url, clock=_Clock())
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await _queue(pilot, "all")
        generation = screen.ticket_list.generation
        counted.clear()
        await _look_as_if_stale(pilot, screen)
        assert counted == [FOLLOWING]
        assert screen.ticket_list.generation == generation  # "All" was not read again
        assert screen.counts["all"] == 6  # and the other counts are still shown
        add_ticket(store, add_customer(store, "other"), channel="chat", language="de")
        counted.clear()
        screen._look()  # something was written: every view is counted again
        await _ready(pilot)
        await until(pilot, lambda: screen.counts.get("all") == 7)
        assert counted[-1] > FOLLOWING


async def test_a_view_that_follows_the_clock_is_read_again_at_the_new_instant(
    store: Store, memory_keyring: Any
) -> None:
    fill_store(store)
    clock = _Clock()
    app = GuichetApp(store.url, clock=clock)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await _queue(pilot, "sla-at-risk")
        before = screen.ticket_list.total
        # The fixture's tickets due in 4 hours come within the hour of "at risk" in 3.5 hours.
        clock.now = NOW + timedelta(hours=3, minutes=30)
        await _look_as_if_stale(pilot, screen)
        await until(pilot, lambda: screen.ticket_list.total > before)
        assert screen.counts["sla-at-risk"] == screen.ticket_list.total
