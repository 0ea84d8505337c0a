"""Signing in from the login screen: errors, slow-down, remember me, the store's problems."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlmodel import select
from textual.widgets import Checkbox, Input, Static

from console.credentials import note_last_handle, remember
from console.settings import sqlite_url
from console.store import Store
from models import Agent
from screens.app import GuichetApp
from screens.home import HomeScreen
from screens.login import LoginScreen
from tests import signin_fixtures
from tests.screens.console_fixtures import PASSWORD, console, fill_store
from tests.screens.waiting import workers_done
from tests.signin_fixtures import NOW

memory_keyring = signin_fixtures.memory_keyring
no_keyring = signin_fixtures.no_keyring
keyring_asks = signin_fixtures.keyring_asks


async def _ready(pilot: Any) -> None:
    await workers_done(pilot.app)
    await pilot.pause()


async def _sign_in(pilot: Any, handle: str, password: str) -> None:
    await _ready(pilot)
    pilot.app.screen.query_one("#handle", Input).value = handle
    pilot.app.screen.query_one("#password", Input).value = password
    pilot.app.screen.query_one("#password", Input).focus()
    await pilot.press("enter")
    await _ready(pilot)
    await _ready(pilot)


def _error(app: GuichetApp) -> str:
    return str(app.screen.query_one("#login-error", Static).render())


async def test_the_right_password_opens_home(store: Store, memory_keyring: Any) -> None:
    fill_store(store)
    app = console(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await _ready(pilot)
        await pilot.press(*"amelie", "enter", *PASSWORD, "enter")
        await _ready(pilot)
        await _ready(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert app.agent is not None
        assert app.agent.handle == "amelie"


async def test_a_wrong_password_shows_the_error_and_stays(
    store: Store, memory_keyring: Any
) -> None:
    fill_store(store)
    app = console(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await _sign_in(pilot, "amelie", "wrong")
        assert isinstance(app.screen, LoginScreen)
        assert app.agent is None
        assert _error(app) == "Wrong handle or password."
        assert app.screen.query_one("#password", Input).value == ""


async def test_three_wrong_passwords_slow_down(store: Store, memory_keyring: Any) -> None:
    fill_store(store)
    app = console(store)
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(3):
            await _sign_in(pilot, "amelie", "wrong")
        assert _error(app) == "Too many wrong passwords: try again in 5 seconds."
        await _sign_in(pilot, "amelie", PASSWORD)  # the clock is pinned: still slowed down
        assert isinstance(app.screen, LoginScreen)
        assert "try again in 5 seconds" in _error(app)


async def test_remember_me_keeps_the_secret_in_the_keyring(
    store: Store, memory_keyring: Any
) -> None:
    fill_store(store)
    app = console(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await _ready(pilot)
        app.screen.query_one("#remember", Checkbox).value = True
        await _sign_in(pilot, "amelie", PASSWORD)
        assert isinstance(app.screen, HomeScreen)
    assert memory_keyring.secrets == {("guichet", "amelie"): PASSWORD}


async def test_without_remember_me_nothing_is_kept(store: Store, memory_keyring: Any) -> None:
    fill_store(store)
    remember("amelie", PASSWORD)
    app = console(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await _ready(pilot)
        app.screen.query_one("#remember", Checkbox).value = False
        await _sign_in(pilot, "amelie", PASSWORD)
    assert memory_keyring.secrets == {}


async def test_a_remembered_secret_is_offered(store: Store, memory_keyring: Any) -> None:
    fill_store(store)
    note_last_handle("amelie", remembered=True)
    remember("amelie", PASSWORD)
    app = console(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await _ready(pilot)
        assert app.screen.query_one("#handle", Input).value == "amelie"
        assert app.screen.query_one("#remember", Checkbox).value is True
        assert app.screen.focused is app.screen.query_one("#password", Input)
        await pilot.press("enter")
        await _ready(pilot)
        await _ready(pilot)
        assert isinstance(app.screen, HomeScreen)


async def test_the_no_keyring_notice_shows_when_remember_is_ticked(
    store: Store, no_keyring: None
) -> None:
    fill_store(store)
    app = console(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await _ready(pilot)
        notice = app.screen.query_one("#keyring-notice", Static)
        assert not notice.display
        await pilot.press("ctrl+r")
        await _ready(pilot)
        assert notice.display
        assert "No keyring on this machine" in str(notice.render())


async def test_the_keyring_is_not_asked_when_nobody_asked_to_be_remembered(
    store: Store, memory_keyring: Any, keyring_asks: list[str]
) -> None:
    from console import credentials

    asked = keyring_asks
    fill_store(store)
    note_last_handle("amelie", remembered=False)
    app = console(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await _ready(pilot)
        assert app.screen.query_one("#handle", Input).value == "amelie"
        assert app.screen.query_one("#remember", Checkbox).value is False
        assert asked == []
        await pilot.press("ctrl+r")  # ticking "remember me" asks whether it can
        await _ready(pilot)
        assert asked == ["keyring"]
        await _sign_in(pilot, "amelie", PASSWORD)
        assert isinstance(app.screen, HomeScreen)
    assert memory_keyring.secrets == {("guichet", "amelie"): PASSWORD}
    assert credentials.last_sign_in() == credentials.LastSignIn("amelie", remembered=True)


async def test_signing_in_again_unremembered_leaves_the_keyring_alone(
    store: Store, memory_keyring: Any, keyring_asks: list[str], monkeypatch: Any
) -> None:
    from console import credentials

    asked = keyring_asks
    warmed: list[str] = []
    monkeypatch.setattr(GuichetApp, "warm_up_first_screen", lambda app: warmed.append("home"))
    fill_store(store)
    note_last_handle("amelie", remembered=False)
    app = console(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await _sign_in(pilot, "amelie", PASSWORD)
        assert isinstance(app.screen, HomeScreen)
    # Her last sign-in here forgot any secret: the keyring's costly detection is skipped.
    assert asked == []
    assert warmed == ["home"]  # the home screen's code loaded while Argon2 ran
    assert credentials.last_sign_in() == credentials.LastSignIn("amelie", remembered=False)


async def test_a_missing_store_is_one_sentence_on_the_login_screen(
    tmp_path: Path, no_keyring: None
) -> None:
    missing = tmp_path / "nowhere.db"
    app = GuichetApp(sqlite_url(missing), clock=lambda: NOW)
    async with app.run_test(size=(120, 40)) as pilot:
        await _ready(pilot)
        problem = str(app.screen.query_one("#store-problem", Static).render())
        assert problem.startswith(f"No store at {missing}: run `guichet demo`")
        await _sign_in(pilot, "amelie", "pw")
        assert _error(app) == "Signing in needs a store: see the message above."
    assert not missing.exists()


async def test_an_unmigrated_store_says_how_to_upgrade(tmp_path: Path, no_keyring: None) -> None:
    empty = tmp_path / "empty.db"
    empty.write_bytes(b"")
    app = GuichetApp(sqlite_url(empty), clock=lambda: NOW)
    async with app.run_test(size=(120, 40)) as pilot:
        await _ready(pilot)
        problem = str(app.screen.query_one("#store-problem", Static).render())
        assert "guichet db upgrade" in problem


async def test_presence_switch_persists(store: Store, memory_keyring: Any) -> None:
    fill_store(store)
    app = console(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await _sign_in(pilot, "amelie", PASSWORD)
        await pilot.press("ctrl+o")
        await _ready(pilot)
        assert app.agent is not None
        assert app.agent.presence == "away"
    with store.read() as session:
        assert session.exec(select(Agent.presence).where(Agent.handle == "amelie")).one() == "away"
