"""The approvals queue and the audit trail screens; a snapshot of the workspace."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from textual.widgets import DataTable, Input

from console.disputes.actions import refund
from console.store import Store
from screens.approvals import ApprovalsScreen
from screens.audit import AuditScreen
from screens.ticket_dialogs import ConfirmScreen, PromptScreen
from tests.console.disputes import world as world_module
from tests.console.disputes.world import NOW, add_case, payment_for
from tests.screens.dispute_harness import SIZE, console, dispute_world, open_dispute, sign_in
from tests.screens.ticket_harness import screen_text, settle


def _big_refund(store: Store) -> tuple[Any, int]:
    world, _small = dispute_world(store)
    dispute = add_case(world, captured=80000)
    refund(store, world["amelie"], dispute, reason="Contrefaçon", full=True, now=NOW)
    return world, dispute


async def _open_approvals(pilot: Any, world: Any, handle: str) -> ApprovalsScreen:
    await sign_in(pilot, world, handle)
    await pilot.press("f9")
    await settle(pilot)
    assert isinstance(pilot.app.screen, ApprovalsScreen)
    return pilot.app.screen


async def test_a_second_person_approves(store: Store) -> None:
    world, dispute = _big_refund(store)
    app = console(store)
    async with app.run_test(size=SIZE) as pilot:
        await _open_approvals(pilot, world, "lena")
        assert "1 waiting for a second pair of eyes" in screen_text(app)
        assert "€800.00" in screen_text(app)
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await settle(pilot)
        assert "Nothing waits for approval." in screen_text(app)
    assert payment_for(store, dispute).refunded_minor == 80000


async def test_approving_your_own_request_is_refused(store: Store) -> None:
    world, dispute = _big_refund(store)
    with store.write() as session:  # amelie is an agent; make the requester a lead
        from models.disputes import Approval

        row = session.exec(__import__("sqlmodel").select(Approval)).one()
        row.requested_by_id = world["lena"].id
        session.add(row)
    app = console(store)
    async with app.run_test(size=SIZE) as pilot:
        await _open_approvals(pilot, world, "lena")
        await pilot.press("a", "y")
        await settle(pilot)
        assert "You requested this action: a different person must approve" in screen_text(app)
    assert payment_for(store, dispute).refunded_minor == 0


async def test_rejecting_needs_a_reason(store: Store) -> None:
    world, dispute = _big_refund(store)
    app = console(store)
    async with app.run_test(size=SIZE) as pilot:
        await _open_approvals(pilot, world, "lena")
        await pilot.press("x")
        await settle(pilot)
        assert isinstance(app.screen, PromptScreen)
        await pilot.press("escape")  # changed their mind: nothing said, nothing decided
        await settle(pilot)
        assert not isinstance(app.screen, PromptScreen)
        assert "A rejection needs a reason" not in screen_text(app)
        assert "Nothing waits for approval." not in screen_text(app)
        await pilot.press("x")
        await settle(pilot)
        await pilot.press("enter")  # no reason: the prompt says so and stays
        await settle(pilot)
        assert isinstance(app.screen, PromptScreen)
        assert "A rejection needs a reason" in screen_text(app)
        app.screen.query_one(Input).value = "Pas assez de preuves"
        await pilot.press("enter")
        await settle(pilot)
        assert "Nothing waits for approval." in screen_text(app)
    assert payment_for(store, dispute).refunded_minor == 0


async def test_the_audit_trail_newest_first_filtered_by_subject(store: Store) -> None:
    world, _dispute = _big_refund(store)
    app = console(store)
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, world, "ada")
        await pilot.press("f10")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, AuditScreen)
        table = screen.query_one(DataTable)
        actions = [table.get_row_at(i)[2] for i in range(table.row_count)]
        assert actions[0] == "approval.requested" or actions[0] == "dispute.state_changed"
        assert actions[-1] == "refund.requested"
        await pilot.press("slash")
        await settle(pilot)
        screen.query_one(Input).value = "approval"
        await pilot.press("enter")
        await settle(pilot)
        actions = [table.get_row_at(i)[2] for i in range(table.row_count)]
        assert actions == ["approval.requested"]
        assert "subject: approval" in screen_text(app)


class TestDisputeWorkspace:
    """The dispute workspace."""

    def test_the_workspace(
        self, snap_compare: Any, store: Store, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Both parties, the order and its money, the timeline, the checklist."""
        monkeypatch.setattr(world_module, "_numbers", itertools.count(1))  # ORD-00001 always
        world, dispute = dispute_world(store)
        refund(store, world["amelie"], dispute, reason="Geste commercial", amount="12.50", now=NOW)

        async def open_it(pilot: Any) -> None:
            await open_dispute(pilot, world, "amelie", dispute)

        assert snap_compare(console(store), terminal_size=SIZE, run_before=open_it)
