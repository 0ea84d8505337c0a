"""The ticket screen off the main path: odd numbers typed, failures nobody foresaw, the panels'
rarer cases, and the actions' less travelled branches."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import select
from textual.widgets import Static
from textual.worker import WorkerFailed

from console import tickets
from console.crashes import crash_log_path
from console.store import Store
from models import Account, AuditEvent, Message, Ticket
from screens.ticket_dialogs import ConfirmScreen, PromptScreen, whole_number
from screens.widgets.composer import Composer
from tests.screens.ticket_harness import (
    SIZE,
    choose,
    console,
    open_ticket,
    screen_text,
    settle,
    ticket_row,
    type_value,
)
from tests.screens.waiting import until
from tests.signin_fixtures import NOW
from tests.ticket_fixtures import fill_marketplace


def _notices(app: Any) -> list[str]:
    return [notification.message for notification in app._notifications]


@pytest.mark.parametrize("typed", ["42", "1", str(2**63 - 1)])
def test_a_ticket_number_is_plain_digits(typed: str) -> None:
    assert whole_number(typed) is None


@pytest.mark.parametrize("typed", ["", "0", "-3", "4.2", "abc", "²", "٣", "１２", str(2**63)])
def test_anything_else_is_asked_again(typed: str) -> None:
    assert whole_number(typed) == "Type a number, such as 42."


async def test_a_superscript_digit_is_refused_in_the_prompt_not_a_crash(store: Store) -> None:
    market = fill_marketplace(store)
    app = console(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_ticket(pilot, store, market.amelie, market.second_ticket)
        await pilot.press("m")
        await type_value(pilot, "²")
        assert isinstance(app.screen, PromptScreen)
        assert "Type a number" in screen_text(app)
        await pilot.press("escape")
        assert app.screen is screen
        assert ticket_row(store, market.second_ticket).merged_into_id is None


async def test_a_failure_nobody_foresaw_is_told_and_logged(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    market = fill_marketplace(store)

    def broken(*_args: Any, **_kwargs: Any) -> None:
        raise ZeroDivisionError("the merge broke")

    monkeypatch.setattr(tickets, "merge", broken)
    app = console(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_ticket(pilot, store, market.amelie, market.second_ticket)
        await pilot.press("m")
        app.focused.value = str(market.ticket)  # type: ignore[union-attr]
        await pilot.press("enter")
        with contextlib.suppress(WorkerFailed):  # the worker still ends as failed, for Textual
            await settle(pilot)
        await until(pilot, lambda: any("ZeroDivisionError" in n for n in _notices(app)))
        assert app.is_running
        assert app.screen is screen
    [notice] = [n for n in _notices(app) if "ZeroDivisionError" in n]
    assert "Traceback" not in notice
    assert str(crash_log_path()) in notice
    assert "ZeroDivisionError: the merge broke" in crash_log_path().read_text()


def test_an_unforeseen_error_closes_the_console_with_a_sentence_not_a_traceback(
    store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    import screens.app
    from screens.app import GuichetApp

    class Broken(GuichetApp):
        # Textual reads a relative CSS path beside the class's own module: this test's.
        CSS_PATH = [Path(screens.app.__file__).parent / path for path in GuichetApp.CSS_PATH]

        def on_mount(self) -> None:
            super().on_mount()
            self.call_later(self.explode)

        def explode(self) -> None:
            raise ZeroDivisionError("a bug in a key handler")

    app = Broken(store.url)
    app.run(headless=True, size=SIZE)
    err = capsys.readouterr().err
    assert app.return_code == 1
    assert "Traceback" not in err
    assert "guichet: unexpected error (ZeroDivisionError)" in err
    assert "ZeroDivisionError: a bug in a key handler" in crash_log_path().read_text()


async def test_a_reply_on_a_ticket_with_no_message_yet_still_asks_when_one_arrives(
    store: Store,
) -> None:
    market = fill_marketplace(store)  # the seller's question has no message when opened
    app = console(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_ticket(pilot, store, market.amelie, market.seller_ticket)
        with store.write() as session:
            session.add(Message(ticket_id=market.seller_ticket, kind="customer",
                                body="Il a répondu, c'est réglé.", created_at=NOW))  # fmt: skip
        await pilot.press("r", *"Bonjour", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await settle(pilot)
        assert screen.query_one(Composer).text == "Bonjour"
    with store.read() as session:
        sent = session.exec(
            select(Message).where(
                Message.ticket_id == market.seller_ticket, Message.kind == "agent"
            )
        ).all()
    assert sent == []


async def test_a_reply_from_a_macro_names_it_in_the_audit_trail(store: Store) -> None:
    from screens.ticket_dialogs import MacroPicker

    market = fill_marketplace(store)
    app = console(store)
    async with app.run_test(size=SIZE) as pilot:
        await open_ticket(pilot, store, market.amelie, market.ticket)
        await pilot.press("r", "ctrl+t")
        picker = app.screen
        assert isinstance(picker, MacroPicker)
        await pilot.press("enter")
        await settle(pilot)
        chosen = app.screen.query_one(Composer)
        assert chosen.text
        await pilot.press("ctrl+s")
        await settle(pilot)
    with store.read() as session:
        replied = session.exec(
            select(AuditEvent).where(AuditEvent.action == "ticket.replied")
        ).one()
    assert len(replied.details["macros"]) == 1


async def test_dispute_kinds_and_states_are_words_not_codes(store: Store) -> None:
    market = fill_marketplace(store, with_dispute_on_order=True)
    app = console(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_ticket(pilot, store, market.amelie, market.ticket)
        await pilot.press("d")
        await settle(pilot)
        labels = [label for label, _value in app.screen.options]  # type: ignore[attr-defined]
        assert f"Link dispute #{market.dispute_same_order} (item not received, resolved)" in labels
        assert not any("not_received" in label for label in labels)
        await pilot.press("escape")
        assert "e-mail · fr · open" in str(screen.query_one("#ticket-meta", Static).content)


async def test_link_a_dispute_by_its_number(store: Store) -> None:
    market = fill_marketplace(store)
    app = console(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_ticket(pilot, store, market.amelie, market.ticket)
        await pilot.press("d")
        await settle(pilot)
        await choose(pilot, "Link a dispute by")
        assert isinstance(app.screen, PromptScreen)
        await type_value(pilot, "999")
        assert any("999" in notice for notice in _notices(app))  # no such dispute: said so
        assert app.screen is screen
        await pilot.press("d")
        await settle(pilot)
        await choose(pilot, "Link a dispute by")
        await type_value(pilot, str(market.dispute_elsewhere))
        assert any("about another order" in notice for notice in _notices(app))
        assert screen.view is not None
        assert screen.view.disputes == ()


async def test_unassign(store: Store) -> None:
    market = fill_marketplace(store)
    app = console(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_ticket(pilot, store, market.lena, market.ticket)
        await pilot.press("a")
        await settle(pilot)
        await choose(pilot, "Unassign")
        assert ticket_row(store, market.ticket).assignee_id is None
        assert "unassigned" in str(screen.query_one("#ticket-meta", Static).content)


async def test_the_merged_ticket_says_where_it_went_and_takes_no_more_notes(store: Store) -> None:
    market = fill_marketplace(store)
    app = console(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_ticket(pilot, store, market.amelie, market.second_ticket)
        await pilot.press("m")
        await type_value(pilot, str(market.ticket))
        assert screen.view is not None
        assert any(
            f"merged this ticket into #{market.ticket}" in e.body for e in screen.view.thread
        )
        await pilot.press("i", *"Vu", "ctrl+s")
        await settle(pilot)
        assert any(f"work on #{market.ticket} instead" in n for n in _notices(app))
        assert screen.query_one(Composer).text == "Vu"  # the draft is kept


async def test_someone_viewing_is_shown(store: Store) -> None:
    market = fill_marketplace(store)
    app = console(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_ticket(pilot, store, market.amelie, market.ticket)
        tickets.heartbeat(store, market.lena, market.ticket, "viewing", now=NOW)
        screen._poll()
        await settle(pilot)
        viewers = screen.query_one("#ticket-viewers", Static)
        assert str(viewers.content) == "Lena Weber is viewing"
        assert viewers.display
        assert not viewers.has_class("-replying")


async def test_a_question_about_an_object_shows_the_object(store: Store) -> None:
    market = fill_marketplace(store)
    with store.write() as session:
        ticket = session.get(Ticket, market.other_customer_ticket)
        order_ticket = session.get(Ticket, market.ticket)
        assert ticket is not None
        assert order_ticket is not None
        from models import Order

        order = session.get(Order, order_ticket.order_id)
        assert order is not None
        ticket.lot_id, ticket.source = order.lot_id, "object_question"
        session.add(ticket)
    app = console(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_ticket(pilot, store, market.amelie, market.other_customer_ticket)
        panel = screen.query_one("#order-panel", Static)
        assert panel.border_title == "Object"
        shown = str(panel.content)
        assert shown.startswith("Vase Gallé")
        assert "Seller: Galerie Lumière" in shown


async def test_a_pro_seller_who_did_not_contact_the_buyer(store: Store) -> None:
    market = fill_marketplace(store)
    with store.write() as session:
        ticket = session.get(Ticket, market.seller_ticket)
        seller = session.get(Account, market.seller)
        assert ticket is not None
        assert seller is not None
        ticket.seller_contacted_buyer = False
        seller.status = "restricted"
        session.add_all([ticket, seller])
    app = console(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_ticket(pilot, store, market.amelie, market.seller_ticket)
        customer = str(screen.query_one("#customer-panel", Static).content)
        assert "Account: Pro" in customer
        assert "Status: restricted" in customer
        seller_panel = screen.query_one("#seller-panel", Static)
        assert seller_panel.display
        assert seller_panel.has_class("-attention")
        assert str(seller_panel.content).startswith("No")
