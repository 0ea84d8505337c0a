"""Dispute states, the legal moves between them, and the clocks of the waiting states.

Every waiting state stores who must act (`waiting_on`), by when (`due_at`) and what happens
when the time runs out (`on_expiry`); `expire_clocks` carries that out, with audit events.
The seller's answer window counts business days of the team's calendar (support hours minus
holidays); without a usable calendar it counts calendar days and says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Final

from sqlmodel import Session, col, select

from console.auth import SignedInAgent
from console.disputes.common import audit, get_dispute, payment_of
from console.disputes.config import DisputeWindows, windows
from console.errors import BadInput, Refused
from console.i18n import N_, LazyString, _
from console.permissions import Action, require
from console.store import Store
from models.disputes import Dispute
from models.enums import DisputeState, Party
from models.marketplace import Payment

S = DisputeState
OPEN_STATES: Final = frozenset(
    {
        S.OPEN,
        S.ESCALATED,
        S.UNDER_REVIEW,
        S.AWAITING_INFO,
        S.RESOLUTION_PROPOSED,
        S.PENDING_APPROVAL,
        S.APPEALED,
    }
)
"""States in which a card chargeback puts the dispute on hold."""

TRANSITIONS: Final[dict[DisputeState, frozenset[DisputeState]]] = {
    S.OPEN: frozenset({S.ESCALATED, S.ON_HOLD_CHARGEBACK}),
    S.ESCALATED: frozenset({S.UNDER_REVIEW, S.ON_HOLD_CHARGEBACK}),
    S.UNDER_REVIEW: frozenset(
        {
            S.AWAITING_INFO,
            S.RESOLUTION_PROPOSED,
            S.PENDING_APPROVAL,
            S.RESOLVED,
            S.ON_HOLD_CHARGEBACK,
        }
    ),
    S.AWAITING_INFO: frozenset({S.UNDER_REVIEW, S.ON_HOLD_CHARGEBACK}),
    S.RESOLUTION_PROPOSED: frozenset(
        {S.UNDER_REVIEW, S.PENDING_APPROVAL, S.RESOLVED, S.ON_HOLD_CHARGEBACK}
    ),
    S.PENDING_APPROVAL: frozenset({S.UNDER_REVIEW, S.RESOLVED, S.ON_HOLD_CHARGEBACK}),
    S.RESOLVED: frozenset({S.CLOSED, S.APPEALED}),
    S.CLOSED: frozenset({S.APPEALED}),
    S.APPEALED: frozenset({S.UNDER_REVIEW, S.ON_HOLD_CHARGEBACK}),
    # Leaving the hold goes back to the state it interrupted (checked in release_chargeback).
    S.ON_HOLD_CHARGEBACK: frozenset(OPEN_STATES),
}
"""The legal moves of disputes.md; anything else is refused with the moves that are allowed."""

STATE_LABELS: Final[dict[DisputeState, LazyString]] = {
    S.OPEN: N_("open (the parties talk)"),
    S.ESCALATED: N_("escalated"),
    S.UNDER_REVIEW: N_("under review"),
    S.AWAITING_INFO: N_("awaiting information"),
    S.RESOLUTION_PROPOSED: N_("resolution proposed"),
    S.PENDING_APPROVAL: N_("pending approval"),
    S.RESOLVED: N_("resolved"),
    S.CLOSED: N_("closed"),
    S.APPEALED: N_("appealed"),
    S.ON_HOLD_CHARGEBACK: N_("on hold (chargeback)"),
}

EXPIRY_ACTIONS: Final[dict[str, DisputeState]] = {
    "escalate": S.ESCALATED,
    "decide_on_file": S.UNDER_REVIEW,
    "close": S.CLOSED,
}
"""What a configuration may ask for when a clock runs out, and the state it leads to."""


def state_label(state: str) -> str:
    """The state's name for people."""
    try:
        return str(STATE_LABELS[DisputeState(state)])
    except ValueError:
        return state


def check_transition(dispute: Dispute, target: DisputeState) -> None:
    """Refuse a move the table does not allow, naming the moves that are."""
    current = DisputeState(dispute.state)
    if target == current:
        return
    allowed = TRANSITIONS.get(current, frozenset())
    if target not in allowed:
        choices = ", ".join(state_label(s) for s in sorted(allowed)) or _("none")
        raise Refused(
            _(
                "Dispute {id} is {current}; it cannot become {target} (possible next states: "
                "{choices})."
            ).format(
                id=dispute.id,
                current=state_label(current),
                target=state_label(target),
                choices=choices,
            )
        )


def move(
    session: Session,
    dispute: Dispute,
    target: DisputeState,
    *,
    at: datetime,
    actor_id: int | None,
    why: str = "",
) -> None:
    """Move the dispute (checked), clear its clock, and record the move."""
    check_transition(dispute, target)
    before = dispute.state
    dispute.state = target.value
    dispute.waiting_on = dispute.due_at = dispute.on_expiry = None
    dispute.updated_at = at
    if target == S.RESOLVED:
        dispute.decided_at = at
    session.add(dispute)
    if before != target.value:
        audit(
            session,
            at=at,
            actor_id=actor_id,
            action="dispute.state_changed",
            subject_kind="dispute",
            subject_id=dispute.id,
            details={"from": before, "to": target.value, "why": why},
        )


def set_clock(dispute: Dispute, waiting_on: str | None, due_at: datetime, on_expiry: str) -> None:
    """Start the waiting state's clock: who must act, by when, what happens then."""
    dispute.waiting_on = waiting_on
    dispute.due_at = due_at
    dispute.on_expiry = on_expiry


@dataclass(frozen=True)
class BusinessDays:
    """Adds business days on the team's calendar, or calendar days when it has none."""

    calendar: object | None

    @property
    def counted_in(self) -> str:
        """`business_days`, or `calendar_days` when the SLA calendar is not available."""
        return "business_days" if self.calendar is not None else "calendar_days"

    def add(self, start: datetime, days: int) -> datetime:
        """`days` business days after `start` (same time of day)."""
        if self.calendar is None:
            return start + timedelta(days=days)
        from console.routing.sla import BusinessCalendar

        assert isinstance(self.calendar, BusinessCalendar)
        cursor, counted = start, 0
        while counted < days:
            cursor += timedelta(days=1)
            day_start = cursor.replace(hour=0, minute=0, second=0, microsecond=0)
            if self.calendar.intervals(day_start, day_start + timedelta(days=1)):
                counted += 1
            if cursor - start > timedelta(days=days * 10 + 30):
                return start + timedelta(days=days)  # a calendar with no working days
        return cursor


def business_days(store: Store) -> BusinessDays:
    """The team's business-day counter (calendar days if the calendar cannot be read)."""
    try:
        from console.routing.sla import load_business_calendar

        return BusinessDays(load_business_calendar(store))
    except Exception:  # no usable calendar: count calendar days and say so (`counted_in`)
        return BusinessDays(None)


def start_clock(
    session: Session, dispute: Dispute, *, now: datetime, days: BusinessDays
) -> DisputeWindows:
    """Set the clock the dispute's state calls for, from the configured windows."""
    config = windows(session)
    state = DisputeState(dispute.state)
    if state == S.OPEN:
        set_clock(
            dispute,
            Party.SELLER,
            days.add(now, config.seller_response_business_days),
            config.on_expiry["open"],
        )
    elif state == S.RESOLVED:
        set_clock(
            dispute, None, (dispute.decided_at or now) + config.appeal, config.on_expiry["resolved"]
        )
    return config


def start_review(store: Store, actor: SignedInAgent, dispute_id: int, *, now: datetime) -> None:
    """The actor takes an escalated (or appealed) dispute for review."""
    require(actor, Action.DISPUTE_RESOLVE)
    with store.write() as session:
        dispute = get_dispute(session, dispute_id)
        if dispute.state == S.APPEALED and dispute.reviewer_id == actor.id:
            raise Refused(
                _("You decided dispute {id}: its appeal goes to a different reviewer.").format(
                    id=dispute_id
                )
            )
        move(session, dispute, S.UNDER_REVIEW, at=now, actor_id=actor.id, why="review started")
        dispute.reviewer_id = actor.id


def request_information(
    store: Store, actor: SignedInAgent, dispute_id: int, party: str, *, now: datetime
) -> datetime:
    """Ask a party for information: AWAITING_INFO until the configured deadline; returns it."""
    require(actor, Action.DISPUTE_RESOLVE)
    if party not in (Party.BUYER, Party.SELLER):
        raise BadInput(_("The party is buyer or seller, not {party!r}.").format(party=party))
    with store.write() as session:
        dispute = get_dispute(session, dispute_id)
        move(session, dispute, S.AWAITING_INFO, at=now, actor_id=actor.id, why="information")
        config = windows(session)
        due = now + config.awaiting_info
        set_clock(dispute, party, due, config.on_expiry["awaiting_info"])
        return due


def expire_clocks(store: Store, now: datetime) -> list[int]:
    """Carry out what the configuration says for every clock that ran out; the disputes moved.

    Run by a scheduler or the console; the system acts, so audit events have no actor.
    """
    moved: list[int] = []
    with store.write() as session:
        config = windows(session)
        due = session.exec(
            select(Dispute)
            .where(col(Dispute.due_at).is_not(None), col(Dispute.due_at) <= now)
            .order_by(col(Dispute.due_at))
        ).all()
        for dispute in due:
            action = dispute.on_expiry or config.on_expiry.get(dispute.state, "")
            target = EXPIRY_ACTIONS.get(action)
            if target is None or target not in TRANSITIONS.get(DisputeState(dispute.state), ()):
                continue  # nothing configured, or not a legal move from here: leave it shown
            expired = {
                "due_at": dispute.due_at.isoformat() if dispute.due_at else None,
                "waiting_on": dispute.waiting_on,
                "on_expiry": action,
            }
            move(session, dispute, target, at=now, actor_id=None, why="clock expired")
            audit(
                session,
                at=now,
                actor_id=None,
                action="dispute.clock_expired",
                subject_kind="dispute",
                subject_id=dispute.id,
                details=expired,
            )
            assert dispute.id is not None
            moved.append(dispute.id)
    return moved


def hold_for_chargeback(store: Store, payment_id: int, *, now: datetime) -> list[int]:
    """A chargeback or PSP claim opened on a payment: its open disputes go on hold."""
    held: list[int] = []
    with store.write() as session:
        payment = session.get(Payment, payment_id)
        if payment is None:
            raise BadInput(_("There is no payment {id}.").format(id=payment_id))
        payment.chargeback_open = True
        session.add(payment)
        disputes = session.exec(
            select(Dispute).where(col(Dispute.order_id) == payment.order_id)
        ).all()
        for dispute in disputes:
            if dispute.state in OPEN_STATES:
                dispute.held_from_state = dispute.state
                move(
                    session,
                    dispute,
                    S.ON_HOLD_CHARGEBACK,
                    at=now,
                    actor_id=None,
                    why="chargeback opened",
                )
                assert dispute.id is not None
                held.append(dispute.id)
        audit(
            session,
            at=now,
            actor_id=None,
            action="payment.chargeback_opened",
            subject_kind="payment",
            subject_id=payment_id,
            details={"disputes": held},
        )
    return held


def release_chargeback(store: Store, payment_id: int, *, now: datetime) -> list[int]:
    """The chargeback is closed: held disputes return to the state it interrupted."""
    released: list[int] = []
    with store.write() as session:
        payment = session.get(Payment, payment_id)
        if payment is None:
            raise BadInput(_("There is no payment {id}.").format(id=payment_id))
        payment.chargeback_open = False
        session.add(payment)
        disputes = session.exec(
            select(Dispute).where(
                col(Dispute.order_id) == payment.order_id,
                col(Dispute.state) == S.ON_HOLD_CHARGEBACK,
            )
        ).all()
        for dispute in disputes:
            back = DisputeState(dispute.held_from_state or S.UNDER_REVIEW)
            move(session, dispute, back, at=now, actor_id=None, why="chargeback closed")
            dispute.held_from_state = None
            assert dispute.id is not None
            released.append(dispute.id)
        audit(
            session,
            at=now,
            actor_id=None,
            action="payment.chargeback_closed",
            subject_kind="payment",
            subject_id=payment_id,
            details={"disputes": released},
        )
    return released


def chargeback_open(session: Session, order_id: int) -> bool:
    """True while a chargeback is open on the order's payment."""
    payment = payment_of(session, order_id)
    return bool(payment and payment.chargeback_open)
