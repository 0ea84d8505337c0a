"""Signing agents in: password check, slow-down after wrong passwords, presence.

A wrong handle and a wrong password get the same answer. From the third wrong password in a
row, the agent's row is locked for a growing while (5 s, 10 s, 20 s ... at most 5 min) and
tries before then are refused without checking the password; a success resets the count.
Every change is one transaction with its audit event.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache

from sqlmodel import select

from console.errors import NotFound, Refused, parse_choice
from console.i18n import N_, LazyString, _, ngettext
from console.passwords import hash_password, verify_password
from console.store import Store
from models.audit import AuditEvent
from models.enums import Presence
from models.team import Agent

FREE_TRIES = 2
"""Wrong passwords in a row that cost nothing; the next one starts the slow-down."""
FIRST_BACKOFF = timedelta(seconds=5)
MAX_BACKOFF = timedelta(minutes=5)

PRESENCE_LABELS: dict[Presence, LazyString] = {
    Presence.AVAILABLE: N_("available"),
    Presence.AWAY: N_("away"),
    Presence.OFFLINE: N_("offline"),
}


@dataclass(frozen=True)
class SignedInAgent:
    """The agent a console or a command acts for, detached from any session."""

    id: int
    handle: str
    name: str
    role: str
    timezone: str
    ui_language: str
    languages: tuple[str, ...]
    presence: str

    @classmethod
    def from_row(cls, agent: Agent) -> SignedInAgent:
        """A snapshot of `agent`'s row."""
        assert agent.id is not None
        return cls(
            id=agent.id,
            handle=agent.handle,
            name=agent.name,
            role=agent.role,
            timezone=agent.timezone,
            ui_language=agent.ui_language,
            languages=tuple(agent.languages),
            presence=agent.presence,
        )


class SlowedDown(Refused):
    """Too many wrong passwords in a row: tries are refused until `retry_at`."""

    def __init__(self, message: str, retry_at: datetime) -> None:
        super().__init__(message)
        self.retry_at = retry_at


def backoff(failures: int) -> timedelta | None:
    """How long to refuse tries after `failures` wrong passwords in a row (None: no wait)."""
    if failures <= FREE_TRIES:
        return None
    doublings = min(failures - FREE_TRIES - 1, 16)
    wait: timedelta = min(FIRST_BACKOFF * (2**doublings), MAX_BACKOFF)
    return wait


@cache
def _decoy_hash() -> str:
    # Verifying against a decoy keeps an unknown handle as slow to refuse as a wrong password.
    return hash_password("guichet decoy secret")


def _wrong_credentials() -> Refused:
    return Refused(_("Wrong handle or password."))


def _slowed_down(retry_at: datetime, now: datetime) -> SlowedDown:
    seconds = max(1, math.ceil((retry_at - now).total_seconds()))
    message = ngettext(
        "Too many wrong passwords: try again in {n} second.",
        "Too many wrong passwords: try again in {n} seconds.",
        seconds,
    ).format(n=seconds)
    return SlowedDown(message, retry_at)


def warm_up() -> None:
    """Load what a sign-in needs besides the store (the tables' mappers, Argon2), so that a
    login form can have it done while the agent types."""
    from sqlalchemy.orm import configure_mappers

    from console.passwords import warm_up as warm_up_hasher

    configure_mappers()
    warm_up_hasher()


def authenticate(
    store: Store, handle: str, secret: str, *, now: datetime, via: str = "console"
) -> SignedInAgent:
    """The agent whose `handle` and `secret` match, or `Refused` (same words for either mistake).

    Raises `SlowedDown` (a `Refused`) while the handle is locked after wrong passwords.
    """
    handle = handle.strip()
    with store.read() as session:
        agent = session.exec(select(Agent).where(Agent.handle == handle)).first()
    if agent is None or not agent.active or agent.id is None:
        verify_password(_decoy_hash(), secret)
        raise _wrong_credentials()
    if agent.locked_until is not None and now < agent.locked_until:
        raise _slowed_down(agent.locked_until, now)
    if verify_password(agent.password_hash, secret):
        return _record_success(store, agent.id, now=now, via=via)
    error = _record_failure(store, agent.id, now=now, via=via)
    raise error


def _record_success(store: Store, agent_id: int, *, now: datetime, via: str) -> SignedInAgent:
    with store.write() as session:
        agent = session.get(Agent, agent_id)
        assert agent is not None
        agent.failed_logins = 0
        agent.locked_until = None
        session.add(agent)
        session.add(
            AuditEvent(
                at=now,
                actor_id=agent_id,
                action="agent.signed_in",
                subject_kind="agent",
                subject_id=agent_id,
                details={"via": via},
            )
        )
        session.flush()
        return SignedInAgent.from_row(agent)


def _record_failure(store: Store, agent_id: int, *, now: datetime, via: str) -> Refused:
    with store.write() as session:
        agent = session.get(Agent, agent_id)
        assert agent is not None
        agent.failed_logins += 1
        wait = backoff(agent.failed_logins)
        agent.locked_until = now + wait if wait is not None else None
        session.add(agent)
        session.add(
            AuditEvent(
                at=now,
                actor_id=None,
                action="agent.login_failed",
                subject_kind="agent",
                subject_id=agent_id,
                details={
                    "via": via,
                    "failures": agent.failed_logins,
                    "locked_until": agent.locked_until.isoformat() if agent.locked_until else None,
                },
            )
        )
        locked_until = agent.locked_until
    if locked_until is not None:
        return _slowed_down(locked_until, now)
    return _wrong_credentials()


def parse_presence(value: str) -> Presence:
    """The presence named `value`, or `BadInput` listing the choices."""
    return parse_choice(Presence, value, _("Unknown presence {value!r}: choose one of {choices}."))


def next_presence(presence: str) -> Presence:
    """The presence after `presence` in the cycle available → away → offline → available."""
    cycle = list(Presence)
    try:
        return cycle[(cycle.index(Presence(presence)) + 1) % len(cycle)]
    except ValueError:
        return Presence.AVAILABLE


def presence_label(presence: str) -> str:
    """The presence's name for people, in the current language."""
    try:
        return str(PRESENCE_LABELS[Presence(presence)])
    except ValueError:
        return presence


def set_presence(
    store: Store, agent_id: int, presence: Presence | str, *, now: datetime
) -> SignedInAgent:
    """Set the agent's presence (available, away, offline), with its audit event."""
    chosen = presence if isinstance(presence, Presence) else parse_presence(presence)
    with store.write() as session:
        agent = session.get(Agent, agent_id)
        if agent is None:
            raise NotFound(_("There is no agent with id {id}.").format(id=agent_id))
        before = agent.presence
        agent.presence = chosen.value
        session.add(agent)
        session.add(
            AuditEvent(
                at=now,
                actor_id=agent_id,
                action="agent.presence_set",
                subject_kind="agent",
                subject_id=agent_id,
                details={"from": before, "to": chosen.value},
            )
        )
        session.flush()
        return SignedInAgent.from_row(agent)
