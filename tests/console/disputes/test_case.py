"""The dispute as reviewed: parties, money, timeline, evidence, notes; states and clocks."""

from __future__ import annotations

import hashlib
from datetime import timedelta
from pathlib import Path

import pytest
from sqlmodel import select

from console.disputes.case import add_evidence, add_note, load_dispute, set_reasoning
from console.disputes.states import (
    expire_clocks,
    hold_for_chargeback,
    release_chargeback,
    request_information,
    start_review,
)
from console.errors import BadInput, Refused
from models import Dispute, Evidence, Setting
from tests.console.disputes.world import NOW, World, add_case, payment_for


def test_the_case_shows_both_parties_and_the_money(world: World) -> None:
    dispute_id = add_case(world, captured=12000)
    case = load_dispute(world.store, dispute_id, now=NOW)
    assert (case.buyer.role, case.buyer.kind, case.buyer.country) == ("buyer", "private", "FR")
    assert (case.seller.kind, case.seller.language) == ("pro", "de")
    assert case.buyer.account_age_days == 400
    assert case.payment is not None
    assert case.payment.refundable.amount_minor == 12000
    assert case.shipment is not None
    assert case.report_deadline == NOW - timedelta(days=2) + timedelta(days=3)
    assert case.checklist
    document = case.to_json()
    assert document["payment"]["captured"] == {"amount_minor": 12000, "currency": "EUR"}


def test_evidence_is_hashed_and_kept(world: World, tmp_path: Path) -> None:
    dispute_id = add_case(world)
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(b"\xff\xd8 not really a jpeg")
    evidence_id = add_evidence(
        world.store, world["amelie"], dispute_id, photo, "photo", "base of the vase", now=NOW
    )
    with world.store.read() as session:
        row = session.get(Evidence, evidence_id)
    assert row is not None
    assert row.sha256 == hashlib.sha256(photo.read_bytes()).hexdigest()
    assert (row.size_bytes, row.content) == (photo.stat().st_size, photo.read_bytes())
    (shown,) = load_dispute(world.store, dispute_id).evidence
    assert (shown.added_by, shown.sha256) == ("amelie", row.sha256)


def test_missing_or_too_large_evidence_is_refused(world: World, tmp_path: Path) -> None:
    dispute_id = add_case(world)
    with pytest.raises(BadInput, match="No file at"):
        add_evidence(world.store, world["amelie"], dispute_id, tmp_path / "nope", "photo", now=NOW)
    with world.store.write() as session:
        session.add(Setting(key="disputes.evidence_max_bytes", value=10))
    big = tmp_path / "big.txt"
    big.write_text("more than ten bytes")
    with pytest.raises(BadInput, match="more than the 10 bytes"):
        add_evidence(world.store, world["amelie"], dispute_id, big, "messages", now=NOW)
    with pytest.raises(BadInput, match="Unknown evidence kind"):
        add_evidence(world.store, world["amelie"], dispute_id, big, "selfie", now=NOW)


def test_advice_only_from_trust_and_safety(world: World) -> None:
    dispute_id = add_case(world)
    with pytest.raises(Refused, match="Only Trust & Safety"):
        add_note(world.store, world["amelie"], dispute_id, "fake", kind="advice", now=NOW)
    add_note(world.store, world["tom"], dispute_id, "Likely a copy.", kind="advice", now=NOW)
    add_note(world.store, world["amelie"], dispute_id, "asked seller", kind="note", now=NOW)
    set_reasoning(world.store, world["amelie"], dispute_id, "Expert opinion decides.", now=NOW)
    case = load_dispute(world.store, dispute_id)
    assert [(n.kind, n.author) for n in case.notes] == [("advice", "tom"), ("note", "amelie")]
    assert case.reasoning == "Expert opinion decides."
    assert "dispute.reasoning_set" in [entry.text for entry in case.timeline]


def test_illegal_transition_is_refused_with_the_allowed_ones(world: World) -> None:
    dispute_id = add_case(world, state="open", reviewer=None)
    with pytest.raises(Refused, match="cannot become under review"):
        start_review(world.store, world["amelie"], dispute_id, now=NOW)


def test_open_clock_escalates_on_expiry(world: World) -> None:
    dispute_id = add_case(world, state="open", reviewer=None)
    with world.store.write() as session:
        dispute = session.get(Dispute, dispute_id)
        assert dispute is not None
        dispute.waiting_on, dispute.due_at, dispute.on_expiry = "seller", NOW, "escalate"
    assert expire_clocks(world.store, NOW - timedelta(minutes=1)) == []
    assert expire_clocks(world.store, NOW) == [dispute_id]
    case = load_dispute(world.store, dispute_id)
    assert case.state == "escalated"
    assert case.due_at is None
    start_review(world.store, world["amelie"], dispute_id, now=NOW)


def test_awaiting_info_stores_who_and_by_when_then_decides_on_file(world: World) -> None:
    dispute_id = add_case(world)
    due = request_information(world.store, world["amelie"], dispute_id, "seller", now=NOW)
    assert due == NOW + timedelta(days=3)
    case = load_dispute(world.store, dispute_id, now=NOW)
    assert (case.waiting_on, case.on_expiry, case.seller.must_act_by) == (
        "seller",
        "decide_on_file",
        due,
    )
    expire_clocks(world.store, due)
    assert load_dispute(world.store, dispute_id).state == "under_review"


def test_configured_windows_replace_the_defaults(world: World) -> None:
    with world.store.write() as session:
        session.add(Setting(key="disputes.windows", value={"awaiting_info_days": 7}))
    dispute_id = add_case(world)
    due = request_information(world.store, world["amelie"], dispute_id, "buyer", now=NOW)
    assert due == NOW + timedelta(days=7)


def test_business_days_skip_the_weekend(world: World) -> None:
    from console.disputes.states import BusinessDays, business_days

    counter = business_days(world.store)
    assert counter.counted_in == "business_days"
    friday = NOW + timedelta(days=3)  # 2026-11-27 is a Friday
    assert counter.add(friday, 3).weekday() == 2  # Wednesday
    assert BusinessDays(None).add(friday, 3) == friday + timedelta(days=3)
    assert BusinessDays(None).counted_in == "calendar_days"


def test_chargeback_puts_the_dispute_on_hold_and_back(world: World) -> None:
    dispute_id = add_case(world)
    payment_id = payment_for(world.store, dispute_id).id or 0
    assert hold_for_chargeback(world.store, payment_id, now=NOW) == [dispute_id]
    assert load_dispute(world.store, dispute_id).state == "on_hold_chargeback"
    release_chargeback(world.store, payment_id, now=NOW)
    assert load_dispute(world.store, dispute_id).state == "under_review"
    with world.store.read() as session:
        assert not session.exec(select(Dispute).where(Dispute.held_from_state != None)).all()  # noqa: E711
