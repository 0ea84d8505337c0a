"""The ticket screen: the thread and panels, and every action from the keyboard."""

from __future__ import annotations

from sqlmodel import select
from textual.widgets import Input, Static, TextArea

from console import tickets
from console.store import Store
from models import AuditEvent, Dispute, Message
from screens.ticket import TicketScreen
from screens.ticket_dialogs import (
    ArticlePicker,
    ConfirmScreen,
    MacroPicker,
    PromptScreen,
)
from screens.widgets.composer import Composer
from screens.widgets.thread_view import ThreadEntryView
from screens.widgets.ticket_panels import SellerPanel
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
from tests.signin_fixtures import NOW
from tests.ticket_fixtures import AI_ANSWER, NOTE, REQUEST, fill_marketplace


def _entries(screen: TicketScreen) -> list[tuple[str, str]]:
    return [(w.entry.kind, w.entry.body) for w in screen.query(ThreadEntryView)]


def _actions(store: Store) -> list[str]:
    with store.read() as session:
        return [e.action for e in session.exec(select(AuditEvent).order_by(AuditEvent.id)).all()]


async def test_the_thread_and_the_panels(store: Store) -> None:
    market = fill_marketplace(store)
    app = console(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_ticket(pilot, store, market.amelie, market.ticket)
        assert _entries(screen) == [
            ("customer", REQUEST), ("ai_assistant", AI_ANSWER), ("agent", tickets.load_ticket(
                store, market.ticket).thread[2].body), ("internal_note", NOTE),
        ]  # fmt: skip
        classes = [sorted(w.classes) for w in screen.query(ThreadEntryView)]
        assert classes == [["-customer"], ["-ai"], ["-agent"], ["-note"]]
        text = screen_text(app)
        assert "AI assistant · answer before escalation" in text
        assert "Camille Dubois (@camille)" in text
        assert "Tracking: 6A123" in text
        assert "Price: €129.90" in text
        assert "Past tickets: 1" in text


async def test_a_sellers_question_shows_the_seller_panel(store: Store) -> None:
    market = fill_marketplace(store)
    app = console(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_ticket(pilot, store, market.amelie, market.seller_ticket)
        panel = screen.query_one(SellerPanel)
        assert panel.display
        assert str(panel.content) == "Yes: the seller contacted the buyer first."


async def test_reply(store: Store) -> None:
    market = fill_marketplace(store)
    app = console(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_ticket(pilot, store, market.amelie, market.ticket)
        await pilot.press("r")
        assert screen.query_one(Composer).is_open
        assert isinstance(app.focused, TextArea)
        await pilot.press(*"Merci", "!")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert _entries(screen)[-1] == ("agent", "Merci!")
        assert not screen.query_one(Composer).is_open
        assert "ticket.replied" in _actions(store)


async def test_a_note_is_shown_as_a_note(store: Store) -> None:
    market = fill_marketplace(store)
    app = console(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_ticket(pilot, store, market.amelie, market.ticket)
        await pilot.press("i")
        assert screen.query_one(Composer).has_class("-note")
        await pilot.press(*"Rappel", "ctrl+s")
        await settle(pilot)
        assert _entries(screen)[-1] == ("internal_note", "Rappel")
        assert "-note" in screen.query(ThreadEntryView).last().classes


async def test_a_macro_fills_its_placeholders(store: Store) -> None:
    market = fill_marketplace(store)
    app = console(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_ticket(pilot, store, market.amelie, market.ticket)
        await pilot.press("r", "ctrl+t")
        await settle(pilot)
        picker = app.screen
        assert isinstance(picker, MacroPicker)
        assert picker.language == "fr"
        await pilot.press(*"suivi")
        await pilot.press("enter")
        await settle(pilot)
        text = screen.query_one(Composer).text
        assert text.startswith("Bonjour Camille Dubois,")
        assert "ORD-7" in text
        assert "Colissimo" in text
        assert "6A123" in text
        assert text.endswith("Amélie Martin")


async def test_status(store: Store) -> None:
    market = fill_marketplace(store)
    app = console(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_ticket(pilot, store, market.amelie, market.ticket)
        await pilot.press("s")
        await choose(pilot, "pending customer")
        assert ticket_row(store, market.ticket).status == "pending_customer"
        assert _entries(screen)[-1] == (
            "system", "Amélie Martin set the status to pending customer."
        )  # fmt: skip
        assert "SLA paused" in str(screen.query_one("#ticket-meta", Static).content)


async def test_priority(store: Store) -> None:
    market = fill_marketplace(store)
    app = console(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_ticket(pilot, store, market.amelie, market.ticket)
        await pilot.press("p")
        await choose(pilot, "urgent")
        ticket = ticket_row(store, market.ticket)
        assert (ticket.priority, ticket.priority_rank) == ("urgent", 0)
        assert _entries(screen)[-1][1] == "Amélie Martin set the priority to urgent."


async def test_a_lead_reassigns(store: Store) -> None:
    market = fill_marketplace(store)
    app = console(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_ticket(pilot, store, market.lena, market.ticket)
        await pilot.press("a")
        await settle(pilot)
        await choose(pilot, "Bob Smith")
        assert ticket_row(store, market.ticket).assignee_id == market.bob
        assert _entries(screen)[-1][1] == "Lena Weber assigned the ticket to Bob Smith."


async def test_an_agent_is_offered_only_to_take_it(store: Store) -> None:
    market = fill_marketplace(store)
    app = console(store)
    async with app.run_test(size=SIZE) as pilot:
        await open_ticket(pilot, store, market.bob, market.second_ticket)
        await pilot.press("a")
        await settle(pilot)
        assert [text for text, _v in app.screen.options] == ["Take it myself", "Unassign"]
        await choose(pilot, "Take it myself")
        assert ticket_row(store, market.second_ticket).assignee_id == market.bob


async def test_a_refusal_is_shown_and_nothing_changes(store: Store) -> None:
    market = fill_marketplace(store)
    app = console(store)
    async with app.run_test(size=SIZE) as pilot:
        await open_ticket(pilot, store, market.bob, market.ticket)  # Amélie's ticket
        await pilot.press("a")
        await settle(pilot)
        await choose(pilot, "Take it myself")
        assert ticket_row(store, market.ticket).assignee_id == market.amelie
        assert any("may not assign" in n.message for n in app._notifications)


async def test_merge_asks_the_number(store: Store) -> None:
    market = fill_marketplace(store)
    app = console(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_ticket(pilot, store, market.amelie, market.second_ticket)
        await pilot.press("m")
        assert isinstance(app.screen, PromptScreen)
        await type_value(pilot, "abc")
        assert isinstance(app.screen, PromptScreen)  # not a number: asked again
        await type_value(pilot, str(market.ticket))
        source = ticket_row(store, market.second_ticket)
        assert (source.status, source.merged_into_id) == ("closed", market.ticket)
        assert f"merged into #{market.ticket}" in str(
            screen.query_one("#ticket-meta", Static).content
        )
        assert screen.view is not None
        assert screen.view.merged_into_id == market.ticket


async def test_open_a_dispute(store: Store) -> None:
    market = fill_marketplace(store)
    app = console(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_ticket(pilot, store, market.amelie, market.ticket)
        await pilot.press("d")
        await settle(pilot)
        await choose(pilot, "Open a dispute: item not received")
        with store.read() as session:
            dispute = session.exec(select(Dispute).where(Dispute.ticket_id == market.ticket)).one()
        assert dispute.kind == "not_received"
        assert _entries(screen)[-1][1].startswith(f"Amélie Martin opened dispute #{dispute.id}")


async def test_link_a_dispute(store: Store) -> None:
    market = fill_marketplace(store, with_dispute_on_order=True)
    app = console(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_ticket(pilot, store, market.amelie, market.ticket)
        await pilot.press("d")
        await settle(pilot)
        await choose(pilot, f"Link dispute #{market.dispute_same_order}")
        assert _entries(screen)[-1][1] == (
            f"Amélie Martin linked dispute #{market.dispute_same_order}."
        )


async def test_an_article_goes_into_the_reply_to_edit_before_sending(store: Store) -> None:
    market = fill_marketplace(store)
    app = console(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_ticket(pilot, store, market.amelie, market.ticket)
        before = _entries(screen)
        await pilot.press("k")
        picker = app.screen
        assert isinstance(picker, ArticlePicker)
        await pilot.press(*"protection")
        assert picker.found[0].slug == "buyer-protection"
        await pilot.press("enter")
        await settle(pilot)
        composer = screen.query_one(Composer)
        assert composer.is_open
        assert composer.mode == "reply"
        assert composer.text.startswith("Protection acheteurs")
        assert _entries(screen) == before  # nothing is sent before the agent says so
        await pilot.press("enter", *"Cordialement", "ctrl+s")  # the agent's own words after it
        await settle(pilot)
        sent = _entries(screen)[-1]
        assert sent[0] == "agent"
        assert sent[1].startswith("Protection acheteurs")
        assert sent[1].endswith("\nCordialement")
        with store.read() as session:
            replied = session.exec(
                select(AuditEvent).where(AuditEvent.action == "ticket.replied")
            ).one()
        assert replied.details["articles"] == ["buyer-protection"]


async def test_someone_replying_is_shown_and_a_crossing_reply_asks_first(store: Store) -> None:
    market = fill_marketplace(store)
    app = console(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_ticket(pilot, store, market.amelie, market.ticket)
        # Meanwhile Lena opens the ticket and starts replying; the customer writes again.
        tickets.heartbeat(store, market.lena, market.ticket, "replying", now=NOW)
        with store.write() as session:
            session.add(Message(ticket_id=market.ticket, kind="customer", body="Allô ?",
                                created_at=NOW))  # fmt: skip
        screen._poll()
        await settle(pilot)
        assert "Lena Weber is replying" in screen_text(app)
        assert _entries(screen)[-1] == ("customer", "Allô ?")
        await pilot.press("r", *"Oui", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert "Allô ?" in screen_text(app)
        await pilot.press("y")
        await settle(pilot)
        assert app.screen is screen
        assert _entries(screen)[-1] == ("agent", "Oui")
        with store.read() as session:
            replied = session.exec(
                select(AuditEvent).where(AuditEvent.action == "ticket.replied")
            ).one()
        assert replied.details["forced"] is True


async def test_saying_no_keeps_the_draft_and_the_next_send_goes(store: Store) -> None:
    market = fill_marketplace(store)
    app = console(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_ticket(pilot, store, market.amelie, market.ticket)
        with store.write() as session:
            session.add(Message(ticket_id=market.ticket, kind="customer", body="Allô ?",
                                created_at=NOW))  # fmt: skip
        await pilot.press("r", *"Oui", "ctrl+s")
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert screen.query_one(Composer).text == "Oui"
        await pilot.press("ctrl+s")  # the agent has now seen the new message
        await settle(pilot)
        assert _entries(screen)[-1] == ("agent", "Oui")


async def test_escape_closes_the_composer_then_goes_back(store: Store) -> None:
    market = fill_marketplace(store)
    app = console(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_ticket(pilot, store, market.amelie, market.ticket)
        below = app.screen_stack[-2]
        await pilot.press("r", "escape")
        assert app.screen is screen
        assert not screen.query_one(Composer).is_open
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is below


async def test_ctrl_g_opens_a_ticket_by_number(store: Store) -> None:
    from tests.ticket_fixtures import signed_in

    market = fill_marketplace(store)
    app = console(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.store = store
        app.agent = signed_in(store, market.amelie)
        await pilot.press("ctrl+g")
        assert isinstance(app.screen, PromptScreen)
        assert isinstance(app.focused, Input)
        await type_value(pilot, str(market.seller_ticket))
        assert isinstance(app.screen, TicketScreen)
        assert app.screen.ticket_id == market.seller_ticket


async def test_an_unknown_number_says_so_and_goes_back(store: Store) -> None:
    market = fill_marketplace(store)
    app = console(store)
    async with app.run_test(size=SIZE) as pilot:
        await open_ticket(pilot, store, market.amelie, 999)
        assert not isinstance(app.screen, TicketScreen)
        assert any("no ticket #999" in n.message for n in app._notifications)


async def test_the_palette_offers_the_ticket_actions(store: Store) -> None:
    market = fill_marketplace(store)
    app = console(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_ticket(pilot, store, market.amelie, market.ticket)
        labels = [command.label for command in screen.palette_commands()]
        assert labels[:3] == ["Reply", "Internal note", "Set status"]
