"""Home: the counts as tiles, Enter asks for the list behind one, help and palette, colours."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from textual.color import Color, ColorParseError
from textual.command import CommandPalette
from textual.message import Message

from console.store import Store
from models import Approval
from screens.approvals import ApprovalsScreen
from screens.disputes_list import DisputesScreen
from screens.help import HelpScreen
from screens.home import HomeScreen
from screens.widgets.count_tile import CountTile
from tests import signin_fixtures
from tests.screens.console_fixtures import PASSWORD, console, fill_store
from tests.screens.test_login import _ready, _sign_in
from tests.signin_fixtures import add_customer, add_ticket

memory_keyring = signin_fixtures.memory_keyring

SCREENS = Path(__file__).resolve().parents[2] / "screens"


def _counts(app: Any) -> dict[str, str]:
    return {str(tile.id): tile.count for tile in app.screen.query(CountTile)}


async def test_the_tiles_show_the_counts(store: Store, memory_keyring: Any) -> None:
    fill_store(store)
    app = console(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await _sign_in(pilot, "amelie", PASSWORD)
        await _ready(pilot)
        assert _counts(app) == {
            "tile-my-open": "2",
            "tile-unassigned-mine": "3",
            "tile-waiting-chats": "1",
            "tile-disputes-for-me": "1",
            "tile-sla-at-risk": "2",
        }


async def test_a_lead_also_counts_what_awaits_their_approval(
    store: Store, memory_keyring: Any
) -> None:
    me = fill_store(store)
    with store.write() as session:
        session.add(Approval(subject_kind="resolution", subject_id=1, requested_by_id=me))
    app = console(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await _sign_in(pilot, "lena", PASSWORD)
        await _ready(pilot)
        assert _counts(app) == {
            "tile-my-open": "1",
            "tile-unassigned-mine": "0",
            "tile-waiting-chats": "1",
            "tile-disputes-for-me": "0",
            "tile-approvals-pending": "1",
            "tile-sla-at-risk": "0",
        }


async def test_enter_on_a_tile_asks_for_its_list(store: Store, memory_keyring: Any) -> None:
    fill_store(store)
    messages: list[Message] = []
    app = console(store)
    async with app.run_test(size=(120, 40), message_hook=messages.append) as pilot:
        await _sign_in(pilot, "amelie", PASSWORD)
        await pilot.press("right", "right", "enter")
        await pilot.pause()
    # A bubbling message is seen once per node it reaches: count distinct messages.
    opened = {id(m): m.view_name for m in messages if isinstance(m, HomeScreen.CountOpened)}
    assert list(opened.values()) == ["waiting-chats"]


async def test_enter_on_disputes_awaiting_me_opens_those_disputes(
    store: Store, memory_keyring: Any
) -> None:
    fill_store(store)
    app = console(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await _sign_in(pilot, "amelie", PASSWORD)
        await pilot.press("right", "right", "right")
        assert app.focused is not None
        assert app.focused.id == "tile-disputes-for-me"
        await pilot.press("enter")
        await _ready(pilot)
        await _ready(pilot)
        assert isinstance(app.screen, DisputesScreen)
        assert len(app.screen.disputes) == int(_tile_count(app, "tile-disputes-for-me"))
        await pilot.press("escape")
        await _ready(pilot)
        assert isinstance(app.screen, HomeScreen)


async def test_enter_on_approvals_pending_opens_the_approvals(
    store: Store, memory_keyring: Any
) -> None:
    me = fill_store(store)
    with store.write() as session:
        session.add(Approval(subject_kind="resolution", subject_id=1, requested_by_id=me))
    app = console(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await _sign_in(pilot, "lena", PASSWORD)
        await pilot.press("right", "right", "right", "right")
        assert app.focused is not None
        assert app.focused.id == "tile-approvals-pending"
        await pilot.press("enter")
        await _ready(pilot)
        await _ready(pilot)
        assert isinstance(app.screen, ApprovalsScreen)
        assert len(app.screen.pending) == 1


def _tile_count(app: Any, tile_id: str) -> str:
    for screen in app.screen_stack:
        if isinstance(screen, HomeScreen):
            return str(screen.query_one(f"#{tile_id}", CountTile).count)
    raise AssertionError("no home screen")


async def test_help_lists_every_described_binding(store: Store, memory_keyring: Any) -> None:
    fill_store(store)
    app = console(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await _sign_in(pilot, "amelie", PASSWORD)
        home = app.screen
        expected = {
            str(active.binding.description)
            for active in home.active_bindings.values()
            if active.binding.description and not active.binding.system
        }
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        listed = {what for _where, _key, what in app.screen.rows}
        assert listed == expected
        assert {"Open", "Count again", "Presence", "Help", "Quit", "Commands"} <= listed
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is home


async def test_the_command_palette_offers_the_screen_commands(
    store: Store,
    memory_keyring: Any,
) -> None:
    fill_store(store)
    app = console(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await _sign_in(pilot, "amelie", PASSWORD)
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"presence: offline")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await _ready(pilot)
        assert app.agent is not None
        assert app.agent.presence == "offline"


async def test_sixteen_colour_terminals_get_the_ansi_theme(
    store: Store,
    memory_keyring: Any,
    monkeypatch: Any,
) -> None:
    monkeypatch.setenv("TEXTUAL_COLOR_SYSTEM", "standard")
    fill_store(store)
    app = console(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await _sign_in(pilot, "amelie", PASSWORD)
        assert app.theme == "ansi-dark"
        assert isinstance(app.screen, HomeScreen)


def _css_sources() -> list[tuple[str, str]]:
    sources = [(str(path), path.read_text()) for path in SCREENS.rglob("*.tcss")]
    for path in SCREENS.rglob("*.py"):
        for block in re.findall(r'DEFAULT_CSS = """(.*?)"""', path.read_text(), re.DOTALL):
            sources.append((str(path), block))
    return sources


def test_styles_use_theme_variables_only() -> None:
    """Literal colours would break the 16-colour and light themes."""
    literal: list[str] = []
    for where, css in _css_sources():
        for prop, value in re.findall(r"([a-z-]+)\s*:\s*([^;{}]+);", css):
            for token in value.split():
                if token.startswith("$"):
                    continue
                try:
                    Color.parse(token)
                except ColorParseError:
                    continue
                literal.append(f"{where}: {prop}: {value}")
    assert literal == []


async def test_a_commit_elsewhere_updates_the_counts(store: Store, memory_keyring: Any) -> None:
    fill_store(store)
    app = console(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await _sign_in(pilot, "amelie", PASSWORD)
        assert _counts(app)["tile-waiting-chats"] == "1"
        add_ticket(store, add_customer(store, "other"), channel="chat", language="de")
        home = app.screen
        assert isinstance(home, HomeScreen)
        home._look()  # what the one-second timer does
        await _ready(pilot)
        assert _counts(app)["tile-waiting-chats"] == "2"
