"""The disputes awaiting me: the rows, enter opens the dispute, `t` its ticket, escape back."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from rich.text import Text
from textual.widgets import DataTable, Static

from console.store import Store
from models import Account, Dispute
from screens.dispute import DisputeScreen
from screens.disputes_list import DisputesScreen
from screens.ticket import TicketScreen
from tests.console.disputes.world import NOW, World, add_case
from tests.screens.dispute_harness import SIZE, console, dispute_world, sign_in
from tests.screens.ticket_harness import screen_text, settle
from tests.screens.waiting import until
from tests.signin_fixtures import add_ticket

HOSTILE = "\x1b]8;;http://evil.example\x07[bold red]click[/] \x1b[2J\x1b[31mred\x9b1m"


def _set(world: World, dispute_id: int, **fields: object) -> None:
    with world.store.write() as session:
        dispute = session.get_one(Dispute, dispute_id)
        for name, value in fields.items():
            setattr(dispute, name, value)
        session.add(dispute)


async def _open_list(pilot: Any, world: World, handle: str = "amelie") -> DisputesScreen:
    await sign_in(pilot, world, handle)
    screen = DisputesScreen()
    await pilot.app.push_screen(screen)
    await settle(pilot)
    return screen


def _status(screen: DisputesScreen) -> str:
    return str(screen.query_one("#disputes-status", Static).render())


async def test_the_rows_soonest_clock_first_with_what_to_pick_by(store: Store) -> None:
    world, no_clock = dispute_world(store)
    sooner = add_case(world, kind="damaged", state="awaiting_info")
    _set(world, sooner, due_at=NOW + timedelta(hours=5))
    add_case(world, state="closed")
    add_case(world, reviewer="arthur")
    app = console(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_list(pilot, world)
        assert [item.id for item in screen.disputes] == [sooner, no_clock]
        assert screen.query_one(DataTable).row_count == 2
        assert _status(screen) == "2 disputes await you, soonest clock first."
        await until(pilot, lambda: "damaged" in screen_text(app))  # once the table repainted
        text = screen_text(app)
        assert "damaged" in text
        assert "awaiting information" in text
        assert "Marie Dupont" in text
        assert "Hans Antik GmbH" in text
        assert "€300.00" in text


async def test_j_and_k_move_and_enter_opens_the_dispute(store: Store) -> None:
    world, first = dispute_world(store)
    second = add_case(world)
    app = console(store)
    async with app.run_test(size=SIZE) as pilot:
        await _open_list(pilot, world)
        await pilot.press("j")
        await pilot.press("k", "j")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, DisputeScreen)
        assert app.screen.dispute_id == second
        assert sum(isinstance(s, DisputeScreen) for s in app.screen_stack) == 1
        assert first != second


async def test_t_opens_the_ticket_of_a_dispute_that_has_one(store: Store) -> None:
    world, ticketless = dispute_world(store)
    linked = add_case(world)
    ticket = add_ticket(store, world.buyer_id, status="open")
    _set(world, linked, ticket_id=ticket)
    app = console(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_list(pilot, world)
        assert [item.ticket_id for item in screen.disputes] == [None, ticket]
        await pilot.press("t")  # the first has no ticket: it says so and stays
        await settle(pilot)
        assert app.screen is screen
        assert [n.message for n in app._notifications] == [f"Dispute {ticketless} has no ticket."]
        await pilot.press("down", "t")
        await settle(pilot)
        assert isinstance(app.screen, TicketScreen)
        assert app.screen.ticket_id == ticket


async def test_escape_goes_back(store: Store) -> None:
    world, _dispute = dispute_world(store)
    app = console(store)
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, world, "amelie")
        before = app.screen
        await app.push_screen(DisputesScreen())
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is before


async def test_nothing_awaiting_says_so(store: Store) -> None:
    world, _dispute = dispute_world(store)  # amelie's, not arthur's
    app = console(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_list(pilot, world, "arthur")
        assert screen.disputes == []
        assert screen.query_one(DataTable).row_count == 0
        assert _status(screen) == "Nothing awaits you: no open dispute has you as its reviewer."
        await pilot.press("enter", "t")
        await settle(pilot)
        assert app.screen is screen


async def test_r_reads_again(store: Store) -> None:
    world, first = dispute_world(store)
    app = console(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_list(pilot, world)
        second = add_case(world)
        await pilot.press("r")
        await settle(pilot)
        assert [item.id for item in screen.disputes] == [first, second]


async def test_hostile_customer_names_render_inert(store: Store) -> None:
    world, _dispute = dispute_world(store)
    with store.write() as session:
        buyer = session.get_one(Account, world.buyer_id)
        buyer.display_name = HOSTILE
        session.add(buyer)
    app = console(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_list(pilot, world)
        cell = screen.query_one(DataTable).get_row_at(0)[4]
        assert isinstance(cell, Text)  # never parsed as markup
        assert cell.plain == "[bold red]click[/] red"  # escapes and C1 sequences dropped
        assert not cell.spans
        await until(pilot, lambda: "[bold red]click[/]" in screen_text(app))
        text = screen_text(app)
        assert "[bold red]click[/]" in text
        assert "\x1b" not in text
