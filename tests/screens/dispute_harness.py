"""Opening the dispute screens in a test: a small fixed store (the disputes tests' world), the
console signed in as one of its agents, its clock pinned."""

from __future__ import annotations

from typing import Any

from console.store import Store
from screens.app import GuichetApp
from screens.dispute import DisputeScreen
from tests.console.disputes.world import NOW, World, add_case, build_world
from tests.screens.ticket_harness import settle

SIZE = (120, 60)


def dispute_world(store: Store) -> tuple[World, int]:
    """Agents of every role, a French private buyer, a German Pro seller, one case of €300."""
    world = build_world(store)
    return world, add_case(world)


def console(store: Store) -> GuichetApp:
    """The console on `store`, its clock pinned to `NOW`."""
    return GuichetApp(store.url, clock=lambda: NOW)


async def sign_in(pilot: Any, world: World, handle: str) -> None:
    """Sign `handle` in, as the login screen would."""
    await settle(pilot)
    pilot.app.store = world.store
    pilot.app.agent = world[handle]
    await settle(pilot)


async def open_dispute(pilot: Any, world: World, handle: str, dispute_id: int) -> DisputeScreen:
    """Sign `handle` in and open the dispute."""
    await sign_in(pilot, world, handle)
    screen = DisputeScreen(dispute_id)
    await pilot.app.push_screen(screen)
    await settle(pilot)
    return screen
