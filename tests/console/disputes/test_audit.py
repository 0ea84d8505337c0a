"""The audit trail is append-only: no update, no delete, whatever the path."""

from __future__ import annotations

import pytest
from sqlalchemy import delete, update
from sqlmodel import select

from console.disputes.actions import refund
from console.disputes.audit import audit_events
from models import AuditEvent
from models.audit import AuditTrailIsAppendOnly
from tests.console.disputes.world import NOW, World, add_case


@pytest.fixture
def with_events(world: World) -> World:
    refund(world.store, world["amelie"], add_case(world), amount="5.00", reason="r", now=NOW)
    return world


def test_an_event_cannot_be_updated(with_events: World) -> None:
    with pytest.raises(AuditTrailIsAppendOnly), with_events.store.write() as session:
        event = session.exec(select(AuditEvent)).first()
        assert event is not None
        event.action = "nothing.happened"
        session.add(event)
    with with_events.store.read() as session:
        assert "nothing.happened" not in [e.action for e in session.exec(select(AuditEvent))]


def test_an_event_cannot_be_deleted(with_events: World) -> None:
    with pytest.raises(AuditTrailIsAppendOnly), with_events.store.write() as session:
        event = session.exec(select(AuditEvent)).first()
        session.delete(event)
    with with_events.store.read() as session:
        assert session.exec(select(AuditEvent)).first() is not None


def test_bulk_update_and_delete_are_refused(with_events: World) -> None:
    with pytest.raises(AuditTrailIsAppendOnly), with_events.store.write() as session:
        session.execute(update(AuditEvent).values(action="x"))
    with pytest.raises(AuditTrailIsAppendOnly), with_events.store.write() as session:
        session.execute(delete(AuditEvent))
    with with_events.store.read() as session:
        assert "x" not in [e.action for e in session.exec(select(AuditEvent))]


def test_no_update_or_delete_path_in_the_code() -> None:
    from pathlib import Path

    root = Path(__file__).resolve().parents[3]
    for source in [*(root / "console").rglob("*.py"), *(root / "screens").rglob("*.py")]:
        text = source.read_text(encoding="utf-8")
        assert "update(AuditEvent" not in text, source
        assert "delete(AuditEvent" not in text, source


def test_audit_events_since(with_events: World) -> None:
    events = audit_events(with_events.store, with_events["lena"], NOW)
    assert "refund.executed" in [e.action for e in events]
    assert audit_events(with_events.store, with_events["lena"], NOW.replace(year=2027)) == []
