"""Refunds: the cap, idempotency, chargebacks, four eyes, and concurrent attempts."""

from __future__ import annotations

import contextlib
import threading

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import col, select

from console.disputes.actions import refund
from console.disputes.approvals import approve, reject
from console.errors import BadInput, Refused
from console.store import Store
from models import Approval, AuditEvent, Dispute, Outbox, Resolution
from models.money import Money
from tests.console.disputes.world import NOW, World, add_case, payment_for


def _count(store: Store, model: type) -> int:
    with store.read() as session:
        return len(session.exec(select(model)).all())


def test_partial_refund_below_threshold_is_paid_at_once(world: World) -> None:
    dispute_id = add_case(world)
    result = refund(
        world.store,
        world["amelie"],
        dispute_id,
        amount="12.50",
        reason="scratch on the base",
        agreed=True,
        now=NOW,
    )
    assert result.state == "executed"
    assert result.amount == Money(1250, "EUR")
    assert payment_for(world.store, dispute_id).refunded_minor == 1250
    with world.store.read() as session:
        kinds = [row.kind for row in session.exec(select(Outbox))]
        dispute = session.get(Dispute, dispute_id)
        actions = [e.action for e in session.exec(select(AuditEvent))]
    assert "refund.payout" in kinds
    assert kinds.count("notify.user") == 2
    assert dispute is not None
    assert dispute.state == "resolved"
    assert dispute.due_at is not None  # the appeal window runs
    assert "refund.executed" in actions


def test_full_refund_pays_what_remains(world: World) -> None:
    dispute_id = add_case(world, captured=20000)
    refund(world.store, world["amelie"], dispute_id, amount="50.00", reason="part", now=NOW)
    result = refund(world.store, world["amelie"], dispute_id, full=True, reason="rest", now=NOW)
    assert result.amount == Money(15000, "EUR")
    assert payment_for(world.store, dispute_id).refunded_minor == 20000
    with pytest.raises(Refused, match="Nothing is left to refund"):
        refund(world.store, world["amelie"], dispute_id, full=True, reason="again", now=NOW)


@pytest.mark.parametrize("amount", ["0", "-5.00", "0.00"])
def test_amount_not_above_zero_is_bad_input(world: World, amount: str) -> None:
    dispute_id = add_case(world)
    with pytest.raises(BadInput, match="more than zero"):
        refund(world.store, world["amelie"], dispute_id, amount=amount, reason="r", now=NOW)
    assert _count(world.store, Resolution) == 0


def test_too_many_decimals_is_bad_input_and_nothing_is_written(world: World) -> None:
    dispute_id = add_case(world)
    with pytest.raises(BadInput, match="more decimals than EUR allows"):
        refund(world.store, world["amelie"], dispute_id, amount="12.505", reason="r", now=NOW)
    assert _count(world.store, Resolution) == 0
    assert _count(world.store, AuditEvent) == 0


def test_more_than_remains_is_refused_with_the_amount_left(world: World) -> None:
    dispute_id = add_case(world, captured=10000)
    refund(world.store, world["amelie"], dispute_id, amount="60.00", reason="r", now=NOW)
    with pytest.raises(Refused, match=r"only €40.00 remain refundable on order ORD-"):
        refund(world.store, world["amelie"], dispute_id, amount="40.01", reason="r", now=NOW)
    assert payment_for(world.store, dispute_id).refunded_minor == 6000


def test_no_refund_during_an_open_chargeback(world: World) -> None:
    dispute_id = add_case(world, chargeback=True)
    with pytest.raises(Refused, match="chargeback is open"):
        refund(world.store, world["amelie"], dispute_id, amount="10.00", reason="r", now=NOW)


def test_same_key_same_parameters_returns_the_same_intent(world: World) -> None:
    dispute_id = add_case(world)
    first = refund(
        world.store, world["amelie"], dispute_id, amount="20.00", reason="r", key="k-1", now=NOW
    )
    again = refund(
        world.store, world["amelie"], dispute_id, amount="20.00", reason="r", key="k-1", now=NOW
    )
    assert again.subject_id == first.subject_id
    assert again.replayed
    assert payment_for(world.store, dispute_id).refunded_minor == 2000
    with world.store.read() as session:
        assert len(session.exec(select(Outbox).where(Outbox.kind == "refund.payout")).all()) == 1


def test_same_key_other_parameters_is_an_error(world: World) -> None:
    dispute_id = add_case(world)
    refund(world.store, world["amelie"], dispute_id, amount="20.00", reason="r", key="k-2", now=NOW)
    with pytest.raises(BadInput, match="already used for another refund"):
        refund(
            world.store, world["amelie"], dispute_id, amount="21.00", reason="r", key="k-2", now=NOW
        )


def test_refund_above_threshold_waits_then_is_paid_on_approval(world: World) -> None:
    dispute_id = add_case(world, captured=60000)
    result = refund(world.store, world["amelie"], dispute_id, amount="300.00", reason="r", now=NOW)
    assert result.state == "pending_approval"
    assert result.approval_id is not None
    assert payment_for(world.store, dispute_id).refunded_minor == 0
    with world.store.read() as session:
        assert not session.exec(select(Outbox).where(Outbox.kind == "refund.payout")).all()
    approve(world.store, world["lena"], result.approval_id, now=NOW)
    assert payment_for(world.store, dispute_id).refunded_minor == 30000
    with world.store.read() as session:
        dispute = session.get(Dispute, dispute_id)
        assert dispute is not None
        assert dispute.state == "resolved"


def test_exactly_the_threshold_needs_no_second_person(world: World) -> None:
    dispute_id = add_case(world, captured=60000)
    assert (
        refund(world.store, world["amelie"], dispute_id, amount="250.00", reason="r", now=NOW).state
        == "executed"
    )


def test_the_requester_never_approves(world: World) -> None:
    dispute_id = add_case(world, captured=60000)
    result = refund(world.store, world["lena"], dispute_id, amount="300.00", reason="r", now=NOW)
    assert result.approval_id is not None
    with pytest.raises(Refused, match="different person"):
        approve(world.store, world["lena"], result.approval_id, now=NOW)
    with pytest.raises(Refused, match="different person"):
        reject(world.store, world["lena"], result.approval_id, reason="no", now=NOW)
    approve(world.store, world["luc"], result.approval_id, now=NOW)


def test_an_agent_cannot_approve(world: World) -> None:
    dispute_id = add_case(world, captured=60000)
    result = refund(world.store, world["amelie"], dispute_id, amount="300.00", reason="r", now=NOW)
    assert result.approval_id is not None
    with pytest.raises(Refused, match="may not"):
        approve(world.store, world["arthur"], result.approval_id, now=NOW)


def test_reject_needs_a_reason_and_pays_nothing(world: World) -> None:
    dispute_id = add_case(world, captured=60000)
    result = refund(world.store, world["amelie"], dispute_id, amount="300.00", reason="r", now=NOW)
    assert result.approval_id is not None
    with pytest.raises(BadInput, match="needs a reason"):
        reject(world.store, world["lena"], result.approval_id, reason="  ", now=NOW)
    reject(world.store, world["lena"], result.approval_id, reason="not proven", now=NOW)
    assert payment_for(world.store, dispute_id).refunded_minor == 0
    with world.store.read() as session:
        approval = session.get(Approval, result.approval_id)
        dispute = session.get(Dispute, dispute_id)
        assert approval is not None
        assert dispute is not None
        assert (approval.state, approval.reason) == ("rejected", "not proven")
        assert dispute.state == "under_review"
    with pytest.raises(Refused, match="already decided"):
        approve(world.store, world["luc"], result.approval_id, now=NOW)


def test_pending_refunds_count_against_what_remains(world: World) -> None:
    dispute_id = add_case(world, captured=50000)
    refund(world.store, world["amelie"], dispute_id, amount="300.00", reason="r", now=NOW)
    with pytest.raises(Refused, match="only €200.00 remain"):
        refund(world.store, world["amelie"], dispute_id, amount="250.00", reason="r", now=NOW)


def test_approval_rechecks_the_chargeback(world: World) -> None:
    from console.disputes.states import hold_for_chargeback

    dispute_id = add_case(world, captured=60000)
    result = refund(world.store, world["amelie"], dispute_id, amount="300.00", reason="r", now=NOW)
    assert result.approval_id is not None
    hold_for_chargeback(world.store, payment_for(world.store, dispute_id).id or 0, now=NOW)
    with pytest.raises(Refused, match="chargeback"):
        approve(world.store, world["lena"], result.approval_id, now=NOW)
    assert payment_for(world.store, dispute_id).refunded_minor == 0


requests = st.lists(
    st.tuples(
        st.integers(min_value=-100, max_value=12000),  # amount in cents
        st.sampled_from(["a", "b", "c", None]),  # idempotency key (None: a fresh one)
        st.booleans(),  # full refund?
    ),
    min_size=1,
    max_size=8,
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(steps=requests, captured=st.integers(min_value=1, max_value=40000))
def test_any_sequence_of_refunds_stays_under_the_capture(
    world: World, steps: list[tuple[int, str | None, bool]], captured: int
) -> None:
    dispute_id = add_case(world, captured=captured)
    prefix = f"d{dispute_id}-"
    paid_by_key: dict[str, int] = {}
    for cents, key, full in steps:
        amount = None if full else f"{cents / 100:.2f}"
        try:
            result = refund(
                world.store,
                world["amelie"],
                dispute_id,
                reason="r",
                amount=amount,
                full=full,
                key=prefix + key if key else None,
                now=NOW,
            )
        except (Refused, BadInput):
            continue
        if result.state == "pending_approval" and result.approval_id and not result.replayed:
            with contextlib.suppress(Refused):
                approve(world.store, world["lena"], result.approval_id, now=NOW)
        assert result.idempotency_key is not None
        paid_by_key.setdefault(result.idempotency_key, result.subject_id)
        assert paid_by_key[result.idempotency_key] == result.subject_id
    payment = payment_for(world.store, dispute_id)
    with world.store.read() as session:
        executed = session.exec(
            select(Resolution).where(
                col(Resolution.dispute_id) == dispute_id, col(Resolution.state) == "executed"
            )
        ).all()
        payouts = session.exec(select(Outbox).where(Outbox.kind == "refund.payout")).all()
    ours = [p for p in payouts if p.payload["resolution_id"] in {r.id for r in executed}]
    assert payment.refunded_minor == sum(r.amount_minor for r in executed)
    assert payment.refunded_minor <= payment.captured_minor
    assert len(ours) == len(executed)  # one payout per intent, never two
    assert len({p.payload["idempotency_key"] for p in ours}) == len(ours)


def test_concurrent_refunds_on_sqlite_never_exceed_the_capture(world: World) -> None:
    dispute_id = add_case(world, captured=10000)
    errors: list[BaseException] = []

    def attempt(number: int) -> None:
        store = Store(world.store.url)
        try:
            refund(
                store,
                world["amelie"],
                dispute_id,
                amount="30.00",
                reason="r",
                key=f"same-{number % 3}",
                now=NOW,
            )
        except Refused:
            pass
        except BaseException as error:
            errors.append(error)
        finally:
            store.dispose()

    threads = [threading.Thread(target=attempt, args=(n,)) for n in range(9)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    payment = payment_for(world.store, dispute_id)
    assert payment.refunded_minor == 9000  # three keys, each paid once
