"""What an action would do, without doing it: the service runs in a transaction rolled back.

A form asks `dry_run(store, lambda s: refund(s, ...))`: the very service the confirmation will
call runs with every guard, on a store whose write transactions are always rolled back, and the
outbox rows (payouts, cancellations, the decision messages in each party's language) and audit
actions it would have written are kept. So a preview never disagrees with what happens, and a
refusal is the service's own sentence. Nothing here knows a rule of its own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import event
from sqlmodel import Session

from console.disputes.outcome import ActionResult
from console.errors import GuichetError
from console.store import Store
from models.audit import AuditEvent, Outbox


@dataclass(frozen=True)
class Effect:
    """An outbox row the action would write: `kind` (e.g. `notify.user`) and its payload."""

    kind: str
    payload: dict[str, Any]


@dataclass(frozen=True)
class Preview:
    """The answer of a dry run: the result and effects, or the service's refusal."""

    result: ActionResult | None = None
    effects: list[Effect] = field(default_factory=list)
    audit_actions: list[str] = field(default_factory=list)
    refusal: str | None = None

    @property
    def needs_approval(self) -> bool:
        """The action would wait for a second person (four eyes)."""
        return self.result is not None and self.result.state == "pending_approval"

    @property
    def notices(self) -> list[dict[str, Any]]:
        """The messages the users would receive (payloads of `notify.user` rows)."""
        return [e.payload for e in self.effects if e.kind == "notify.user"]


class _RolledBackStore(Store):
    """The same engine; every write transaction is rolled back after noting what it added."""

    def __init__(self, store: Store) -> None:
        super().__init__(store.url, store.engine)
        self.effects: list[Effect] = []
        self.audit_actions: list[str] = []

    @contextmanager
    def write(self, *, notify: bool = True) -> Iterator[Session]:
        # Rolled back: nothing is committed, so nobody is notified either way.
        with (
            self.write_connection() as connection,
            Session(bind=connection, expire_on_commit=False) as session,
        ):
            # The rows are noted as they are flushed: nothing else keeps them alive.
            event.listen(session, "after_flush", self._note)
            session.begin()
            try:
                yield session
                session.flush()
            finally:
                session.rollback()

    def _note(self, session: Session, _context: Any) -> None:
        for row in session.new:
            if isinstance(row, Outbox):
                self.effects.append(Effect(row.kind, dict(row.payload)))
            elif isinstance(row, AuditEvent):
                self.audit_actions.append(row.action)

    def dispose(self) -> None:
        """The engine belongs to the real store: leave it open."""


def dry_run(store: Store, action: Callable[[Store], ActionResult]) -> Preview:
    """Run `action` on `store` with nothing kept; its effects, or the sentence refusing it."""
    rolled_back = _RolledBackStore(store)
    try:
        result = action(rolled_back)
    except GuichetError as error:
        return Preview(refusal=error.message)
    return Preview(result, rolled_back.effects, rolled_back.audit_actions)
