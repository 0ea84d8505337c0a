"""Appeals: within the window, a different reviewer, reversal without paying twice."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from console.disputes.actions import refund, restrict
from console.disputes.appeals import appeal, review_appeal
from console.errors import Refused
from models import Account, AuditEvent, Restriction
from tests.console.disputes.test_restrictions import complete
from tests.console.disputes.world import NOW, World, add_case, payment_for


def _decided(world: World) -> int:
    dispute_id = add_case(world, captured=10000)
    refund(world.store, world["amelie"], dispute_id, amount="40.00", reason="r", now=NOW)
    restrict(world.store, world["tom"], complete(world, dispute_id=dispute_id), now=NOW)
    return dispute_id


def test_appeal_after_the_window_is_refused(world: World) -> None:
    dispute_id = _decided(world)
    with pytest.raises(Refused, match="appeal window"):
        appeal(world.store, dispute_id, "seller", "new photos", NOW + timedelta(days=31))


def test_the_original_reviewer_cannot_decide_the_appeal(world: World) -> None:
    dispute_id = _decided(world)
    appeal_id = appeal(world.store, dispute_id, "seller", "certificate of authenticity", NOW)
    with pytest.raises(Refused, match="different reviewer"):
        review_appeal(
            world.store, world["amelie"], appeal_id, decision_unfounded=True, reason="x", now=NOW
        )


def test_reversal_lifts_restrictions_and_never_pays_twice(world: World) -> None:
    dispute_id = _decided(world)
    appeal_id = appeal(world.store, dispute_id, "seller", "certificate of authenticity", NOW)
    later = NOW + timedelta(days=2)
    review_appeal(
        world.store,
        world["arthur"],
        appeal_id,
        decision_unfounded=True,
        reason="the certificate is genuine",
        now=later,
    )
    assert payment_for(world.store, dispute_id).refunded_minor == 4000
    with world.store.read() as session:
        (restriction,) = session.exec(select(Restriction)).all()
        seller = session.get(Account, world.seller_id)
        actions = [e.action for e in session.exec(select(AuditEvent))]
        reversed_event = session.exec(
            select(AuditEvent).where(AuditEvent.action == "appeal.reversed")
        ).one()
    assert restriction.lifted_at == later
    assert seller is not None
    assert seller.status == "active"
    assert "restriction.lifted" in actions
    assert reversed_event.details["refunds_kept_not_repaid"]
    # the new reviewer decides again; only what remains can be refunded
    with pytest.raises(Refused, match="only €60.00 remain"):
        refund(world.store, world["arthur"], dispute_id, amount="100.00", reason="r", now=later)


def test_a_confirmed_decision_stands(world: World) -> None:
    dispute_id = _decided(world)
    appeal_id = appeal(world.store, dispute_id, "buyer", "more photos", NOW)
    row = review_appeal(
        world.store,
        world["arthur"],
        appeal_id,
        decision_unfounded=False,
        reason="photos change nothing",
        now=NOW,
    )
    assert row.state == "confirmed"
    with world.store.read() as session:
        (restriction,) = session.exec(select(Restriction)).all()
    assert restriction.lifted_at is None
