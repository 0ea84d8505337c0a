"""Restrictions need the six parts of the statement of reasons; terminations need four eyes."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from sqlmodel import select

from console.disputes.actions import StatementOfReasons, restrict, warn_account
from console.disputes.approvals import approve
from console.errors import Refused
from console.store import Store
from models import Account, AuditEvent, Lot, Outbox, Restriction
from tests.console.disputes.world import NOW, World, add_case, lot_of


def complete(world: World, **changes: object) -> StatementOfReasons:
    """A complete statement for a counterfeit listing (terms ground)."""
    sor = StatementOfReasons(
        account_id=world.seller_id,
        measure="account_suspension",
        territorial_scope=["NL", "FR", "DE"],
        ends_at=NOW + timedelta(days=30),
        facts="An expert found the listed vase to be a copy sold as an original.",
        source="notice",
        automated_detection=False,
        automated_decision="not_automated",
        ground="terms",
        terms_clause="Terms 4.2: only authentic items may be listed",
        incompatibility_explanation="The item is a reproduction described as authentic.",
        redress=["internal_complaint", "out_of_court", "courts"],
        category="STATEMENT_CATEGORY_INTELLECTUAL_PROPERTY_INFRINGEMENTS",
        keywords=["KEYWORD_TRADEMARK_INFRINGEMENT"],
    )
    return replace(sor, **changes)  # type: ignore[arg-type]


def _written(store: Store) -> tuple[int, int, int]:
    with store.read() as session:
        return (
            len(session.exec(select(Restriction)).all()),
            len(session.exec(select(AuditEvent)).all()),
            len(session.exec(select(Outbox)).all()),
        )


MISSING = {
    "1 measure": {"measure": ""},
    "1 territorial scope": {"territorial_scope": []},
    "1 duration": {"ends_at": None, "indefinite": False},
    "2 facts": {"facts": "  "},
    "2 source": {"source": ""},
    "3 automated detection": {"automated_detection": None},
    "3 automated decision": {"automated_decision": None},
    "4 legal ground": {
        "ground": "illegal_content",
        "legal_ground": "",
        "illegality_explanation": "Counterfeit goods",
    },
    "4 illegality explanation": {
        "ground": "illegal_content",
        "legal_ground": "EU TM Reg. 9",
        "illegality_explanation": "",
    },
    "5 terms clause": {"terms_clause": ""},
    "5 incompatibility explanation": {"incompatibility_explanation": ""},
    "6 redress": {"redress": ["internal_complaint", "courts"]},
    "ground": {"ground": ""},
}


@pytest.mark.parametrize("changes", list(MISSING.values()), ids=list(MISSING))
def test_any_missing_part_is_refused_and_nothing_is_written(
    world: World, changes: dict[str, object]
) -> None:
    with pytest.raises(Refused, match="statement of reasons is incomplete") as refused:
        restrict(world.store, world["tom"], complete(world, **changes), now=NOW)
    part = next(k for k in MISSING if MISSING[k] is changes).split()[0]
    assert f"part {part}" in refused.value.message or "ground" in refused.value.message
    assert _written(world.store) == (0, 0, 0)
    with world.store.read() as session:
        seller = session.get(Account, world.seller_id)
        assert seller is not None
        assert seller.status == "active"


def test_complete_statement_suspends_and_tells_the_user(world: World) -> None:
    result = restrict(world.store, world["tom"], complete(world), now=NOW)
    assert result.state == "executed"
    with world.store.read() as session:
        seller = session.get(Account, world.seller_id)
        restriction = session.get(Restriction, result.subject_id)
        notices = session.exec(select(Outbox).where(Outbox.kind == "notify.user")).all()
    assert seller is not None
    assert restriction is not None
    assert seller.status == "suspended"
    assert restriction.applied_at == NOW
    assert restriction.puid.startswith("gch-")
    (notice,) = notices
    assert notice.payload["language"] == "de"
    assert "Konto gesperrt" in notice.payload["body"]


def test_indefinite_is_a_duration(world: World) -> None:
    sor = complete(world, ends_at=None, indefinite=True, measure="account_restriction")
    assert restrict(world.store, world["tom"], sor, now=NOW).state == "executed"


def test_misuse_suspension_needs_an_earlier_warning(world: World) -> None:
    with pytest.raises(Refused, match="earlier warning"):
        restrict(world.store, world["tom"], complete(world, misuse=True), now=NOW)
    assert _written(world.store) == (0, 0, 0)
    warn_account(
        world.store,
        world["tom"],
        world.seller_id,
        reason="manifestly illegal listings",
        now=NOW - timedelta(days=10),
    )
    assert restrict(world.store, world["tom"], complete(world, misuse=True), now=NOW).state == (
        "executed"
    )


def test_listing_removal_removes_the_listing(world: World) -> None:
    lot_id = lot_of(world.store, add_case(world))
    sor = complete(world, measure="listing_removal", lot_id=lot_id, ends_at=None, indefinite=True)
    restrict(world.store, world["tom"], sor, now=NOW)
    with world.store.read() as session:
        lot = session.get(Lot, lot_id)
        assert lot is not None
        assert lot.removed


def test_payout_hold_goes_to_the_outbox(world: World) -> None:
    restrict(world.store, world["tom"], complete(world, measure="payout_hold"), now=NOW)
    with world.store.read() as session:
        kinds = [row.kind for row in session.exec(select(Outbox))]
    assert "payout.hold" in kinds


def test_termination_waits_for_a_second_trust_and_safety_person(world: World) -> None:
    sor = complete(world, measure="account_termination", ends_at=None, indefinite=True)
    result = restrict(world.store, world["tom"], sor, now=NOW)
    assert result.state == "pending_approval"
    assert result.approval_id is not None
    with world.store.read() as session:
        seller = session.get(Account, world.seller_id)
        assert seller is not None
        assert seller.status == "active"
    with pytest.raises(Refused, match="may not"):
        approve(world.store, world["lena"], result.approval_id, now=NOW)  # a lead: wrong role
    with pytest.raises(Refused, match="different person"):
        approve(world.store, world["tom"], result.approval_id, now=NOW)
    approve(world.store, world["tina"], result.approval_id, now=NOW)
    with world.store.read() as session:
        seller = session.get(Account, world.seller_id)
        assert seller is not None
        assert seller.status == "terminated"


def test_reports_always_need_approval_and_a_legal_basis(world: World) -> None:
    from console.disputes.actions import report_to_authorities

    dispute_id = add_case(world)
    with pytest.raises(Refused, match="legal basis"):
        report_to_authorities(
            world.store, world["tom"], dispute_id, category="counterfeit", legal_basis=" ", now=NOW
        )
    result = report_to_authorities(
        world.store,
        world["tom"],
        dispute_id,
        category="counterfeit",
        legal_basis="Dutch Penal Code art. 337",
        now=NOW,
    )
    assert result.state == "pending_approval"
    assert result.approval_id is not None
    with world.store.read() as session:
        assert not session.exec(select(Outbox).where(Outbox.kind == "authority.report")).all()
    approve(world.store, world["tina"], result.approval_id, now=NOW)
    with world.store.read() as session:
        (sent,) = session.exec(select(Outbox).where(Outbox.kind == "authority.report")).all()
    assert sent.payload["legal_basis"] == "Dutch Penal Code art. 337"
