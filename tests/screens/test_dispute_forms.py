"""The resolution forms: a preview of what will happen, confirmation, the guards refusing."""

from __future__ import annotations

from typing import Any

from sqlmodel import select
from textual.widgets import Checkbox, Input, Select, Static

from console.store import Store
from models.audit import Outbox
from models.disputes import Approval, Resolution, Restriction
from screens.dispute import DisputeScreen
from screens.resolution_forms import PreviewScreen, ResolutionForm
from tests.console.disputes.world import add_case, payment_for
from tests.screens.dispute_harness import SIZE, console, dispute_world, open_dispute
from tests.screens.ticket_harness import settle


def _plain(widget: Static) -> str:
    content = widget.content
    return content.plain if hasattr(content, "plain") else str(content)


async def _fill(pilot: Any, key: str, **values: Any) -> ResolutionForm:
    await pilot.press(key)
    await settle(pilot)
    form = pilot.app.screen
    assert isinstance(form, ResolutionForm)
    for field, value in values.items():
        widget = form.query_one(f"#{field.replace('_', '-')}")
        widget.value = value
    await pilot.press("ctrl+s")
    await settle(pilot)
    return form


def _outbox(store: Store) -> list[Outbox]:
    with store.read() as session:
        return list(session.exec(select(Outbox)).all())


async def test_partial_refund_preview_then_confirm(store: Store) -> None:
    world, dispute = dispute_world(store)
    app = console(store)
    async with app.run_test(size=SIZE) as pilot:
        await open_dispute(pilot, world, "amelie", dispute)
        await _fill(pilot, "p", amount="12.50", reason="Rayure non signalée")
        preview = app.screen
        assert isinstance(preview, PreviewScreen)
        body = preview.body.plain
        assert "Refund €12.50 to the buyer: €12.50 of €300.00 refunded after this." in body
        assert "€12.50 is paid back to the buyer through payment psp-" in body
        assert "Message to the buyer, Marie Dupont (fr):" in body
        assert "vous serez remboursé de 12,50" in body  # in the buyer's language
        assert "Message to the seller, Hans Antik GmbH (de):" in body
        assert "Der Käufer erhält 12,50" in body
        assert "second person" not in body
        assert _outbox(store) == []  # the preview wrote nothing
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, DisputeScreen)
    assert payment_for(store, dispute).refunded_minor == 1250
    assert sorted(row.kind for row in _outbox(store)) == [
        "notify.user",
        "notify.user",
        "refund.payout",
    ]


async def test_cancelling_the_preview_writes_nothing(store: Store) -> None:
    world, dispute = dispute_world(store)
    app = console(store)
    async with app.run_test(size=SIZE) as pilot:
        await open_dispute(pilot, world, "amelie", dispute)
        await _fill(pilot, "p", amount="12.50", reason="Geste")
        await pilot.press("n")  # back to the form
        await settle(pilot)
        assert isinstance(app.screen, ResolutionForm)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, DisputeScreen)
    assert payment_for(store, dispute).refunded_minor == 0
    assert _outbox(store) == []


async def test_over_the_remaining_amount_is_refused_and_nothing_written(store: Store) -> None:
    world, dispute = dispute_world(store)
    app = console(store)
    async with app.run_test(size=SIZE) as pilot:
        await open_dispute(pilot, world, "amelie", dispute)
        form = await _fill(pilot, "p", amount="300.01", reason="Trop")
        assert app.screen is form
        error = _plain(form.query_one("#form-error", Static))
        assert "refused: only €300.00 remain refundable on order ORD-" in error
    with store.read() as session:
        assert session.exec(select(Resolution)).all() == []


async def test_three_decimals_show_the_error_inline(store: Store) -> None:
    world, dispute = dispute_world(store)
    app = console(store)
    async with app.run_test(size=SIZE) as pilot:
        await open_dispute(pilot, world, "amelie", dispute)
        form = await _fill(pilot, "p", amount="12.505", reason="Geste")
        assert app.screen is form
        error = _plain(form.query_one("#form-error", Static))
        assert "The amount '12.505' cannot be used" in error
        assert "more decimals than EUR allows (2)" in error
    with store.read() as session:
        assert session.exec(select(Resolution)).all() == []


async def test_a_large_refund_needs_a_second_person(store: Store) -> None:
    world, _small = dispute_world(store)
    dispute = add_case(world, captured=80000)
    app = console(store)
    async with app.run_test(size=SIZE) as pilot:
        await open_dispute(pilot, world, "amelie", dispute)
        await _fill(pilot, "f", reason="Contrefaçon")
        body = app.screen.body.plain  # type: ignore[attr-defined]
        assert "Refund €800.00 to the buyer" in body
        assert "Needs approval by a second person" in body
        await pilot.press("y")
        await settle(pilot)
    assert payment_for(store, dispute).refunded_minor == 0
    with store.read() as session:
        assert len(session.exec(select(Approval)).all()) == 1


async def test_cancel_the_order_says_who_bears_the_cost(store: Store) -> None:
    world, dispute = dispute_world(store)
    app = console(store)
    async with app.run_test(size=SIZE) as pilot:
        await open_dispute(pilot, world, "amelie", dispute)
        await pilot.press("c")
        await settle(pilot)
        form = app.screen
        form.query_one("#reason", Input).value = "Objet non conforme"
        form.query_one("#cost", Select).value = "platform"
        await pilot.press("ctrl+s")
        await settle(pilot)
        body = app.screen.body.plain  # type: ignore[attr-defined]
        assert "is cancelled at the order system; platform bears the cost." in body
        assert "Message to the buyer" in body
        await pilot.press("y")
        await settle(pilot)
    assert "order.cancel" in [row.kind for row in _outbox(store)]


async def test_a_restriction_with_a_missing_part_is_refused(store: Store) -> None:
    world, dispute = dispute_world(store)
    app = console(store)
    async with app.run_test(size=SIZE) as pilot:
        await open_dispute(pilot, world, "tom", dispute)
        await pilot.press("r")
        await settle(pilot)
        form = app.screen
        form.query_one("#measure", Select).value = "account_suspension"
        form.query_one("#scope", Input).value = "NL, DE"
        form.query_one("#indefinite", Checkbox).value = True
        form.query_one("#source", Select).value = "own_initiative"
        form.query_one("#automated-detection", Select).value = "no"
        form.query_one("#automated-decision", Select).value = "not_automated"
        form.query_one("#ground", Select).value = "terms"
        form.query_one("#clause", Input).value = "Art. 4.2 of the terms"
        form.query_one("#breach", Input).value = "Counterfeits sold as genuine."
        form.query_one("#category", Select).value = "STATEMENT_CATEGORY_SCAMS_AND_FRAUD"
        # no facts: part 2 is missing
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form
        error = _plain(form.query_one("#form-error", Static))
        assert "The statement of reasons is incomplete, nothing was applied" in error
        assert "part 2" in error
        form.query_one("#facts", Input).value = "Three buyers received copies."
        await pilot.press("ctrl+s")
        await settle(pilot)
        body = app.screen.body.plain  # type: ignore[attr-defined]
        assert "The measure takes effect now." in body
        assert "Message to the seller, Hans Antik GmbH (de):" in body
        await pilot.press("y")
        await settle(pilot)
    with store.read() as session:
        assert session.exec(select(Restriction)).one().measure == "account_suspension"


async def test_report_picks_its_evidence_pack_and_waits_for_approval(store: Store) -> None:
    world, dispute = dispute_world(store)
    app = console(store)
    async with app.run_test(size=SIZE) as pilot:
        await open_dispute(pilot, world, "tom", dispute)
        form = await _fill(pilot, "t", category="counterfeit", legal_basis="")
        error = _plain(form.query_one("#form-error", Static))
        assert "needs its legal basis recorded" in error
        form.query_one("#legal-basis", Input).value = "Wetboek van Strafrecht art. 337"
        await pilot.press("ctrl+s")
        await settle(pilot)
        body = app.screen.body.plain  # type: ignore[attr-defined]
        assert "Needs approval by a second person" in body
        await pilot.press("y")
        await settle(pilot)
    with store.read() as session:
        assert session.exec(select(Approval)).one().subject_kind == "report"
