"""The coverage heatmap and "who is on now", on the example team, in a host app signed in."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlmodel import select
from textual.app import App
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import DataTable, Static

from console.auth import SignedInAgent
from console.routing.team_file import parse_team
from console.routing.team_store import import_team
from console.store import Store
from screens.coverage import CoverageScreen
from screens.whos_on import WhosOnScreen
from screens.widgets.heatmap import Heatmap
from tests.console.routing.test_team_file import TEAM
from tests.screens.waiting import workers_done
from tests.signin_fixtures import memory_keyring  # noqa: F401

NOW = datetime(2026, 11, 24, 9, 30, tzinfo=UTC)  # Tuesday, 10:30 in Amsterdam
LENA = SignedInAgent(
    id=2, handle="lena", name="Lena", role="lead", timezone="Europe/Amsterdam",
    ui_language="en", languages=("nl", "en", "de"), presence="available",
)  # fmt: skip


class Host(App[None]):
    """The minimum of `GuichetApp` a routing screen reads: store, agent, clock."""

    agent: reactive[SignedInAgent | None] = reactive(None)

    def __init__(self, store: Store, screen: Screen[None]) -> None:
        super().__init__()
        self.store = store
        self.first = screen
        self.clock = lambda: NOW

    def on_mount(self) -> None:
        self.agent = LENA
        self.push_screen(self.first)


async def _settle(pilot: Any) -> None:
    await pilot.pause()
    await workers_done(pilot.app)
    await pilot.pause()


def _team(store: Store) -> None:
    import_team(store, parse_team(TEAM), actor_id=None, source="test")


def _detail(app: Any) -> str:
    return str(app.screen.query_one("#coverage-detail", Static).render())


async def test_heatmap_opens_on_the_current_hour_and_explains_the_cell(store: Store) -> None:
    _team(store)
    app = Host(store, CoverageScreen())
    async with app.run_test(size=(130, 40)) as pilot:
        await _settle(pilot)
        heatmap = app.screen.query_one(Heatmap)
        assert heatmap.data is not None
        assert heatmap.data.hours[heatmap.column] == datetime(2026, 11, 24, 9, tzinfo=UTC)
        # First row is e-mail in English: lena and amelie both on at 10:00 Amsterdam.
        assert "On shift (2): amelie, lena" in _detail(app)
        rendered = str(heatmap.render())
        assert "▼" in rendered
        assert "✕" in rendered  # nights are holes
        # Phone in nl (row 18 + 4): nobody takes the phone in Dutch.
        await pilot.press(*["down"] * 22)
        await pilot.pause()
        assert "phone · nl" in _detail(app)
        assert "On shift (0)" in _detail(app)
        assert "On shift without this skill: amelie, lena" in _detail(app)


async def test_heatmap_moves_across_days_and_says_why_people_are_off(store: Store) -> None:
    _team(store)
    app = Host(store, CoverageScreen())
    async with app.run_test(size=(130, 40)) as pilot:
        await _settle(pilot)
        heatmap = app.screen.query_one(Heatmap)
        start_day = heatmap.data.day_of(heatmap.column)  # type: ignore[union-attr]
        await pilot.press("pagedown")
        await pilot.pause()
        assert heatmap.data.day_of(heatmap.column) > start_day  # type: ignore[union-attr]
        await pilot.press("n")
        for _ in range(12):  # to 22:00 Amsterdam: everyone off, not scheduled
            await pilot.press("right")
        await pilot.pause()
        assert "amelie — not scheduled" in _detail(app)


async def test_whos_on_now_lists_agents_and_live_channels(store: Store) -> None:
    _team(store)
    app = Host(store, WhosOnScreen())
    async with app.run_test(size=(130, 40)) as pilot:
        await _settle(pilot)
        agents = app.screen.query_one("#whos-on-agents", DataTable)
        assert [str(key.value) for key in agents.rows] == ["amelie", "lena"]
        channels = app.screen.query_one("#whos-on-channels", DataTable)
        row = channels.get_row("phone:nl")
        assert str(row[2]) == "closed"
        assert str(row[3]) == "nobody on shift"
        assert str(channels.get_row("chat:fr")[2]) == "open"
        assert str(channels.get_row("chat:zh")[3]) == "nobody on shift"


async def test_f7_and_f8_open_the_screens_once_signed_in(store: Store, memory_keyring: Any) -> None:  # noqa: F811
    from console.passwords import hash_password
    from models import Agent
    from screens.app import GuichetApp
    from tests.screens.test_login import _sign_in

    _team(store)
    with store.write() as session:
        lena = session.exec(select(Agent).where(Agent.handle == "lena")).one()
        lena.password_hash = hash_password("secret-pass")
        session.add(lena)
    app = GuichetApp(store.url, clock=lambda: NOW)
    async with app.run_test(size=(130, 40)) as pilot:
        await pilot.press("f7")  # nobody signed in yet: nothing happens
        assert not isinstance(app.screen, CoverageScreen)
        await _sign_in(pilot, "lena", "secret-pass")
        await pilot.press("f7")
        await _settle(pilot)
        assert isinstance(app.screen, CoverageScreen)
        await pilot.press("escape", "f8")
        await _settle(pilot)
        assert isinstance(app.screen, WhosOnScreen)
