"""Signing in: one answer for a wrong handle or password, slow-down after three, presence."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from console.auth import (
    SlowedDown,
    authenticate,
    backoff,
    next_presence,
    set_presence,
)
from console.errors import BadInput, Refused
from console.store import Store
from models import Agent, AuditEvent
from tests.factories import add_agent
from tests.signin_fixtures import NOW


def _agent(store: Store, handle: str = "amelie") -> Agent:
    with store.read() as session:
        agent = session.exec(select(Agent).where(Agent.handle == handle)).one()
    return agent


def _actions(store: Store) -> list[str]:
    with store.read() as session:
        return [event.action for event in session.exec(select(AuditEvent).order_by(AuditEvent.id))]


def test_the_right_password_signs_in_and_is_audited(store: Store) -> None:
    agent_id = add_agent(store, "amelie", password="guichet-demo", role="lead", languages=["fr"])
    agent = authenticate(store, "amelie", "guichet-demo", now=NOW)
    assert (agent.id, agent.handle, agent.role, agent.languages) == (
        agent_id,
        "amelie",
        "lead",
        ("fr",),
    )
    assert _actions(store) == ["agent.signed_in"]


def test_a_wrong_handle_and_a_wrong_password_get_the_same_words(store: Store) -> None:
    add_agent(store, "amelie", password="guichet-demo")
    with pytest.raises(Refused) as wrong_password:
        authenticate(store, "amelie", "nope", now=NOW)
    with pytest.raises(Refused) as wrong_handle:
        authenticate(store, "nobody", "nope", now=NOW)
    assert wrong_password.value.message == wrong_handle.value.message


def test_an_inactive_agent_cannot_sign_in(store: Store) -> None:
    add_agent(store, "gone", password="pw", active=False)
    with pytest.raises(Refused, match="Wrong handle or password"):
        authenticate(store, "gone", "pw", now=NOW)


def test_two_wrong_passwords_cost_nothing_the_third_slows_down(store: Store) -> None:
    add_agent(store, "amelie", password="pw")
    for _ in range(2):
        with pytest.raises(Refused) as error:
            authenticate(store, "amelie", "wrong", now=NOW)
        assert not isinstance(error.value, SlowedDown)
    with pytest.raises(SlowedDown, match="try again in 5 seconds"):
        authenticate(store, "amelie", "wrong", now=NOW)
    agent = _agent(store)
    assert agent.failed_logins == 3
    assert agent.locked_until == NOW + timedelta(seconds=5)
    assert _actions(store) == ["agent.login_failed"] * 3


def test_while_slowed_down_even_the_right_password_waits(store: Store) -> None:
    add_agent(store, "amelie", password="pw")
    for _ in range(3):
        with pytest.raises(Refused):
            authenticate(store, "amelie", "wrong", now=NOW)
    with pytest.raises(SlowedDown, match="try again in 3 seconds"):
        authenticate(store, "amelie", "pw", now=NOW + timedelta(seconds=2))
    assert _agent(store).failed_logins == 3  # a refused try is not a new failure


def test_the_wait_grows_and_a_success_resets_it(store: Store) -> None:
    add_agent(store, "amelie", password="pw")
    now = NOW
    for _ in range(4):
        with pytest.raises(Refused):
            authenticate(store, "amelie", "wrong", now=now)
        now += timedelta(minutes=10)
    assert _agent(store).locked_until == now - timedelta(minutes=10) + timedelta(seconds=10)
    authenticate(store, "amelie", "pw", now=now)
    agent = _agent(store)
    assert (agent.failed_logins, agent.locked_until) == (0, None)


def test_the_backoff_doubles_up_to_five_minutes() -> None:
    waits = [backoff(n) for n in range(1, 12)]
    assert waits[:2] == [None, None]
    assert [w.total_seconds() for w in waits[2:] if w] == [5, 10, 20, 40, 80, 160, 300, 300, 300]


def test_presence_is_saved_with_its_audit_event(store: Store) -> None:
    agent_id = add_agent(store, "amelie")
    agent = set_presence(store, agent_id, "away", now=NOW)
    assert agent.presence == "away"
    assert _agent(store).presence == "away"
    with store.read() as session:
        event = session.exec(select(AuditEvent)).one()
    assert (event.action, event.details) == (
        "agent.presence_set",
        {"from": "available", "to": "away"},
    )


def test_an_unknown_presence_is_bad_input(store: Store) -> None:
    agent_id = add_agent(store, "amelie")
    with pytest.raises(BadInput, match="available, away, offline"):
        set_presence(store, agent_id, "napping", now=NOW)


def test_presence_cycles() -> None:
    assert [next_presence(p) for p in ("available", "away", "offline")] == [
        "away",
        "offline",
        "available",
    ]
