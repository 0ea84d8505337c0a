"""Opening the ticket screen in a test: the console signed in as an agent, without the login."""

from __future__ import annotations

from typing import Any

from textual.widgets import OptionList

from console.store import Store
from models import Ticket
from screens.app import GuichetApp
from screens.ticket import TicketScreen
from screens.ticket_dialogs import ChoiceScreen
from tests.screens.waiting import workers_done
from tests.signin_fixtures import NOW
from tests.ticket_fixtures import signed_in

SIZE = (130, 40)


def console(store: Store) -> GuichetApp:
    """The console on `store`, its clock pinned to `NOW`."""
    return GuichetApp(store.url, clock=lambda: NOW)


async def settle(pilot: Any) -> None:
    """Wait for the workers and the messages they post, twice (a load may start another)."""
    for _ in range(3):
        await workers_done(pilot.app)
        await pilot.pause()


async def open_ticket(pilot: Any, store: Store, agent_id: int, ticket_id: int) -> TicketScreen:
    """Sign `agent_id` in (as the login screen would) and open `ticket_id`."""
    app = pilot.app
    await settle(pilot)
    app.store = store
    app.agent = signed_in(store, agent_id)
    screen = TicketScreen(ticket_id)
    await app.push_screen(screen)
    await settle(pilot)
    return screen


def screen_text(app: Any) -> str:
    """What the terminal shows now, as plain lines."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def screen_segments(app: Any) -> list[Any]:
    """Every segment on the terminal now (text and style)."""
    return [segment for strip in app.screen._compositor.render_strips() for segment in strip]


def ticket_row(store: Store, ticket_id: int) -> Ticket:
    """The ticket as stored now."""
    with store.read() as session:
        ticket = session.get(Ticket, ticket_id)
        assert ticket is not None
        return ticket


async def choose(pilot: Any, label: str) -> None:
    """Pick the option whose label starts with `label` in the open ChoiceScreen."""
    screen = pilot.app.screen
    assert isinstance(screen, ChoiceScreen)
    index = next(i for i, (text, _v) in enumerate(screen.options) if text.startswith(label))
    screen.query_one(OptionList).highlighted = index
    await pilot.press("enter")
    await settle(pilot)


async def type_value(pilot: Any, text: str) -> None:
    """Type `text` into the focused input, then Enter."""
    pilot.app.focused.value = text
    await pilot.press("enter")
    await settle(pilot)
