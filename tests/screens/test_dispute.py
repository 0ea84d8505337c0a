"""The dispute workspace: parties, money, timeline, evidence, notes, reasoning; the hooks."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from sqlmodel import select
from textual.widgets import Input, OptionList, TextArea

from console.disputes.actions import refund
from console.disputes.case import load_dispute
from console.store import Store
from models import Dispute
from models.disputes import DisputeNote, Evidence
from screens.dispute import DisputeScreen
from screens.ticket_dialogs import ChoiceScreen, PromptScreen
from tests.console.disputes.world import NOW
from tests.screens.dispute_harness import SIZE, console, dispute_world, open_dispute, sign_in
from tests.screens.ticket_harness import screen_text, settle

HOSTILE = "\x1b]8;;http://evil.example\x07[bold red]click[/] \x1b[2J\x1b[31mred\x9b1m"


async def _type(pilot: Any, text: str) -> None:
    pilot.app.focused.value = text
    await pilot.press("enter")
    await settle(pilot)


async def test_both_parties_the_money_and_the_timeline(store: Store) -> None:
    world, dispute = dispute_world(store)
    refund(store, world["amelie"], dispute, reason="Geste", amount="10.00", now=NOW)
    app = console(store)
    async with app.run_test(size=SIZE) as pilot:
        await open_dispute(pilot, world, "amelie", dispute)
        text = screen_text(app)
        assert "Marie Dupont (@marie_buyer)" in text
        assert "Hans Antik GmbH (@hans_shop)" in text
        assert "Account: private" in text
        assert "Account: Pro" in text
        assert "FR · fr" in text
        assert "DE · de" in text
        assert "Account age: 400 days" in text
        assert "Account age: 900 days" in text
        assert "Le vase est une copie." in text
        assert "It is genuine." in text
        assert "Captured: €300.00" in text
        assert "Refunded so far: €10.00" in text
        assert "Refundable: €290.00" in text
        assert "Chargeback: none" in text
        assert "PostNL" in text
        assert "refund.executed" in text  # the timeline
        assert "did NOT talk to each other" in text
        assert "State: resolved" in text
        assert "Policy checklist (not as described)" in text


async def test_add_evidence_from_a_file_shows_its_hash(store: Store, tmp_path: Path) -> None:
    world, dispute = dispute_world(store)
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(b"\xff\xd8 a photo of a vase")
    digest = hashlib.sha256(photo.read_bytes()).hexdigest()
    app = console(store)
    async with app.run_test(size=SIZE) as pilot:
        await open_dispute(pilot, world, "amelie", dispute)
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, PromptScreen)
        await _type(pilot, str(photo))
        assert isinstance(app.screen, ChoiceScreen)
        app.screen.query_one(OptionList).highlighted = [v for _l, v in app.screen.options].index(
            "photo"
        )
        await pilot.press("enter")
        await settle(pilot)
        await _type(pilot, "Photo du vase")
        assert isinstance(app.screen, DisputeScreen)
        text = screen_text(app)
        assert f"SHA-256 {digest}" in text
        assert "photo.jpg" in text
        assert "added by amelie" in text
    with store.read() as session:
        row = session.exec(select(Evidence)).one()
        assert (row.sha256, row.kind, row.description) == (digest, "photo", "Photo du vase")


async def test_a_missing_file_is_refused_with_the_services_sentence(
    store: Store, tmp_path: Path
) -> None:
    world, dispute = dispute_world(store)
    app = console(store)
    async with app.run_test(size=SIZE) as pilot:
        await open_dispute(pilot, world, "amelie", dispute)
        await pilot.press("e")
        await settle(pilot)
        await _type(pilot, str(tmp_path / "nope.jpg"))
        await pilot.press("enter")  # the first kind
        await settle(pilot)
        await pilot.press("enter")  # no description
        await settle(pilot)
        assert any("No file at" in str(n.message) for n in app._notifications)
    with store.read() as session:
        assert session.exec(select(Evidence)).all() == []


async def test_trust_and_safety_adds_advice_marked_as_advice(store: Store) -> None:
    world, dispute = dispute_world(store)
    app = console(store)
    async with app.run_test(size=SIZE) as pilot:
        await open_dispute(pilot, world, "tom", dispute)
        await pilot.press("n")
        await settle(pilot)
        await _type(pilot, "Probable contrefaçon : demander une expertise.")
        text = screen_text(app)
        assert "ADVICE (Trust & Safety) · tom" in text
        assert "Probable contrefaçon" in text
    with store.read() as session:
        assert session.exec(select(DisputeNote)).one().kind == "advice"


async def test_the_reasoning_is_edited_and_saved(store: Store) -> None:
    world, dispute = dispute_world(store)
    app = console(store)
    async with app.run_test(size=SIZE) as pilot:
        await open_dispute(pilot, world, "amelie", dispute)
        await pilot.press("w")
        await settle(pilot)
        app.screen.query_one(TextArea).text = "Le vase est authentique selon l'expert."
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Le vase est authentique selon l'expert." in screen_text(app)
    assert load_dispute(store, dispute).reasoning == "Le vase est authentique selon l'expert."


async def test_hostile_claims_render_inert(store: Store) -> None:
    world, dispute = dispute_world(store)
    with store.write() as session:
        row = session.get(Dispute, dispute)
        assert row is not None
        row.buyer_claim = HOSTILE
        session.add(row)
    app = console(store)
    async with app.run_test(size=SIZE) as pilot:
        await open_dispute(pilot, world, "amelie", dispute)
        text = screen_text(app)
        assert "[bold red]click[/] red" in text  # markup shown as typed, escapes removed
        assert "\x1b" not in text
        assert "\x9b" not in text
        segments = [s for strip in app.screen._compositor.render_strips() for s in strip]
        assert not any(s.style and s.style.link for s in segments)


async def test_ctrl_d_asks_the_number_and_opens_the_dispute(store: Store) -> None:
    world, dispute = dispute_world(store)
    app = console(store)
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, world, "amelie")
        from screens.home import HomeScreen

        await app.switch_screen(HomeScreen())
        await settle(pilot)
        await pilot.press("ctrl+d")
        await settle(pilot)
        assert isinstance(app.screen, PromptScreen)
        app.screen.query_one(Input).value = str(dispute)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, DisputeScreen)
        assert app.screen.dispute_id == dispute


async def test_the_bindings_need_a_signed_in_agent(store: Store) -> None:
    app = console(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for action in ("open_dispute", "open_approvals", "open_audit"):
            assert app.check_action(action, ()) is False
