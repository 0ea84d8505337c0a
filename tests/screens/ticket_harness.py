"""Opening the ticket screen in a test: the console signed in as an agent, without the login."""

from __future__ import annotations

from typing import Any

from console.store import Store
from screens.app import GuichetApp
from screens.ticket import TicketScreen
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
