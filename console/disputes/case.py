"""One dispute as the reviewer sees it, and the reviewer's own additions (evidence, notes).

`load_dispute` gathers both parties side by side, the order, payment and shipment, one timeline
of messages, tickets and actions, the evidence, Trust & Safety's advice, the checklist and the
reasoning. Evidence files are read whole, hashed (SHA-256) and kept in the store.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlmodel import Session, col, func, or_, select

from console.auth import SignedInAgent
from console.disputes.checklist import checklist
from console.disputes.common import audit, get_account, get_dispute, get_order, payment_of
from console.disputes.config import evidence_max_bytes, windows
from console.disputes.states import state_label
from console.errors import BadInput, Refused, parse_choice
from console.i18n import _
from console.permissions import Action, require
from console.store import Store
from models.audit import AuditEvent
from models.disputes import Dispute, DisputeNote, Evidence, Resolution, Restriction
from models.enums import DisputeKind, EvidenceKind, Role
from models.marketplace import Account, Lot, Shipment
from models.money import Money
from models.team import Agent
from models.tickets import Message, Ticket


@dataclass(frozen=True)
class PartyView:
    """One side of the dispute."""

    role: str
    account_id: int
    username: str
    display_name: str
    kind: str
    country: str
    language: str
    status: str
    account_age_days: int
    past_disputes: int
    past_restrictions: int
    claim: str
    must_act_by: datetime | None


@dataclass(frozen=True)
class MoneyState:
    """The payment as support sees it."""

    captured: Money
    refunded: Money
    refundable: Money
    chargeback_open: bool
    provider_reference: str


@dataclass(frozen=True)
class TimelineEntry:
    """Something that happened: a ticket, a message or an action."""

    at: datetime
    kind: str
    who: str
    text: str


@dataclass(frozen=True)
class EvidenceView:
    """An evidence item with who added it, when, and the hash of its content."""

    id: int
    kind: str
    description: str
    filename: str | None
    size_bytes: int
    sha256: str
    added_by: str | None
    added_at: datetime


@dataclass(frozen=True)
class NoteView:
    """A note on the case; `advice` ones are Trust & Safety's."""

    id: int
    kind: str
    author: str
    body: str
    created_at: datetime


@dataclass(frozen=True)
class ActionView:
    """A resolution or restriction already taken or waiting for approval."""

    id: int
    kind: str
    state: str
    amount: Money | None
    reason: str
    at: datetime


@dataclass(frozen=True)
class DisputeCase:
    """Everything the workspace shows about one dispute."""

    id: int
    kind: str
    state: str
    state_label: str
    reviewer: str | None
    waiting_on: str | None
    due_at: datetime | None
    on_expiry: str | None
    overdue: bool
    opened_at: datetime
    decided_at: datetime | None
    buyer: PartyView
    seller: PartyView
    order_reference: str
    order_status: str
    lot_title: str
    price: Money
    payment: MoneyState | None
    shipment: dict[str, Any] | None
    report_deadline: datetime | None
    parties_talked_first: bool
    timeline: list[TimelineEntry]
    evidence: list[EvidenceView]
    notes: list[NoteView]
    checklist: list[str]
    reasoning: str
    actions: list[ActionView] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The `guichet dispute ID --json` document (money as minor units, UTC instants)."""
        document: dict[str, Any] = _jsonable(asdict(self))
        return document


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        if set(value) == {"amount_minor", "currency"}:
            return value
        return {key: _jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(item) for item in value]
    if isinstance(value, datetime):
        return value.isoformat()
    return value


def _handles(session: Session, ids: set[int | None]) -> dict[int, str]:
    wanted = [i for i in ids if i is not None]
    if not wanted:
        return {}
    rows = session.exec(select(Agent).where(col(Agent.id).in_(wanted))).all()
    return {agent.id: agent.handle for agent in rows if agent.id is not None}


def _party(
    session: Session, dispute: Dispute, account: Account, role: str, claim: str, now: datetime
) -> PartyView:
    from models.marketplace import Order

    assert account.id is not None
    side = col(Order.buyer_id) if role == "buyer" else col(Order.seller_id)
    past = session.exec(
        select(func.count())
        .select_from(Dispute)
        .join(Order, col(Order.id) == col(Dispute.order_id))
        .where(side == account.id, col(Dispute.id) != dispute.id)
    ).one()
    restrictions = session.exec(
        select(func.count())
        .select_from(Restriction)
        .where(col(Restriction.account_id) == account.id)
    ).one()
    return PartyView(
        role=role,
        account_id=account.id,
        username=account.username,
        display_name=account.display_name,
        kind=account.kind,
        country=account.country,
        language=account.language,
        status=account.status,
        account_age_days=max(0, (now - account.created_at).days),
        past_disputes=int(past),
        past_restrictions=int(restrictions),
        claim=claim,
        must_act_by=dispute.due_at if dispute.waiting_on == role else None,
    )


def load_dispute(store: Store, dispute_id: int, *, now: datetime | None = None) -> DisputeCase:
    """The whole case for review."""
    from models.types import utcnow

    now = now or utcnow()
    with store.read() as session:
        dispute = get_dispute(session, dispute_id)
        order = get_order(session, dispute.order_id)
        lot = session.get(Lot, order.lot_id)
        buyer = get_account(session, order.buyer_id)
        seller = get_account(session, order.seller_id)
        payment = payment_of(session, order.id or 0)
        shipment = session.exec(
            select(Shipment).where(col(Shipment.order_id) == order.id).order_by(col(Shipment.id))
        ).first()
        tickets = session.exec(
            select(Ticket).where(
                or_(col(Ticket.order_id) == order.id, col(Ticket.id) == dispute.ticket_id)
            )
        ).all()
        ticket_ids = [t.id for t in tickets if t.id is not None]
        messages = (
            session.exec(select(Message).where(col(Message.ticket_id).in_(ticket_ids))).all()
            if ticket_ids
            else []
        )
        events = session.exec(
            select(AuditEvent).where(
                col(AuditEvent.subject_kind) == "dispute", col(AuditEvent.subject_id) == dispute.id
            )
        ).all()
        evidence = session.exec(
            select(Evidence)
            .where(col(Evidence.dispute_id) == dispute.id)
            .order_by(col(Evidence.added_at), col(Evidence.id))
        ).all()
        notes = session.exec(
            select(DisputeNote)
            .where(col(DisputeNote.dispute_id) == dispute.id)
            .order_by(col(DisputeNote.created_at), col(DisputeNote.id))
        ).all()
        resolutions = session.exec(
            select(Resolution).where(col(Resolution.dispute_id) == dispute.id)
        ).all()
        restrictions = session.exec(
            select(Restriction).where(col(Restriction.dispute_id) == dispute.id)
        ).all()
        handles = _handles(
            session,
            {dispute.reviewer_id}
            | {e.added_by_id for e in evidence}
            | {n.author_id for n in notes}
            | {m.author_agent_id for m in messages}
            | {e.actor_id for e in events},
        )
        config = windows(session)
        buyer_view = _party(session, dispute, buyer, "buyer", dispute.buyer_claim, now)
        seller_view = _party(session, dispute, seller, "seller", dispute.seller_claim, now)

    names = {buyer.id: "buyer", seller.id: "seller"}
    timeline = [
        TimelineEntry(t.created_at, "ticket", names.get(t.requester_id, "customer"), t.subject)
        for t in tickets
    ]
    timeline += [
        TimelineEntry(
            m.created_at,
            f"message:{m.kind}",
            handles.get(m.author_agent_id or 0, m.kind),
            m.body,
        )
        for m in messages
    ]
    timeline += [
        TimelineEntry(e.at, "action", handles.get(e.actor_id or 0, "system"), e.action)
        for e in events
    ]
    timeline.sort(key=lambda entry: entry.at)

    report_deadline = None
    if shipment is not None:
        if dispute.kind == DisputeKind.NOT_RECEIVED and shipment.shipped_at is not None:
            report_deadline = shipment.shipped_at + config.non_delivery_after_shipping
        elif shipment.delivered_at is not None:
            report_deadline = shipment.delivered_at + config.report_after_delivery

    money = None
    if payment is not None:
        money = MoneyState(
            captured=Money(payment.captured_minor, payment.currency),
            refunded=Money(payment.refunded_minor, payment.currency),
            refundable=Money(payment.captured_minor - payment.refunded_minor, payment.currency),
            chargeback_open=payment.chargeback_open,
            provider_reference=payment.provider_reference,
        )
    actions = [
        ActionView(
            r.id or 0, r.kind, r.state, Money(r.amount_minor, r.currency), r.reason, r.created_at
        )
        for r in resolutions
    ] + [
        ActionView(
            r.id or 0, r.measure, "lifted" if r.lifted_at else r.state, None, r.facts, r.created_at
        )
        for r in restrictions
    ]
    assert dispute.id is not None
    return DisputeCase(
        id=dispute.id,
        kind=dispute.kind,
        state=dispute.state,
        state_label=state_label(dispute.state),
        reviewer=handles.get(dispute.reviewer_id or 0),
        waiting_on=dispute.waiting_on,
        due_at=dispute.due_at,
        on_expiry=dispute.on_expiry,
        overdue=dispute.due_at is not None and dispute.due_at <= now,
        opened_at=dispute.opened_at,
        decided_at=dispute.decided_at,
        buyer=buyer_view,
        seller=seller_view,
        order_reference=order.reference,
        order_status=order.status,
        lot_title=lot.title if lot else "",
        price=Money(order.total_minor, order.currency),
        payment=money,
        shipment=None
        if shipment is None
        else {
            "carrier": shipment.carrier,
            "tracking_number": shipment.tracking_number,
            "shipped_at": shipment.shipped_at,
            "delivered_at": shipment.delivered_at,
        },
        report_deadline=report_deadline,
        parties_talked_first=dispute.parties_talked_first
        or any(t.seller_contacted_buyer for t in tickets),
        timeline=timeline,
        evidence=[
            EvidenceView(
                e.id or 0,
                e.kind,
                e.description,
                e.filename,
                e.size_bytes,
                e.sha256,
                handles.get(e.added_by_id or 0),
                e.added_at,
            )
            for e in evidence
        ],
        notes=[
            NoteView(n.id or 0, n.kind, handles.get(n.author_id, "?"), n.body, n.created_at)
            for n in notes
        ],
        checklist=checklist(dispute.kind),
        reasoning=dispute.reasoning,
        actions=actions,
    )


def add_evidence(
    store: Store,
    actor: SignedInAgent,
    dispute_id: int,
    path: Path | str,
    kind: str,
    description: str = "",
    *,
    now: datetime,
) -> int:
    """Read the file, keep its content, size and SHA-256 with the dispute; the evidence id."""
    require(actor, Action.DISPUTE_RESOLVE)
    kind = parse_choice(
        EvidenceKind, kind, _("Unknown evidence kind {value!r}: choose one of {choices}.")
    ).value
    file = Path(path)
    if not file.is_file():
        raise BadInput(
            _("No file at {path}: give the path of the evidence file to add.").format(path=file)
        )
    with store.read() as session:
        get_dispute(session, dispute_id)
        limit = evidence_max_bytes(session)
    size = file.stat().st_size
    if size > limit:
        raise BadInput(
            _(
                "{path} is {size} bytes, more than the {limit} bytes evidence may have: "
                "send a smaller file or raise the setting disputes.evidence_max_bytes."
            ).format(path=file, size=size, limit=limit)
        )
    content = file.read_bytes()
    digest = hashlib.sha256(content).hexdigest()
    with store.write() as session:
        evidence = Evidence(
            dispute_id=dispute_id,
            kind=kind,
            description=description,
            filename=file.name,
            size_bytes=len(content),
            sha256=digest,
            content=content,
            added_by_id=actor.id,
            added_at=now,
        )
        session.add(evidence)
        session.flush()
        audit(
            session,
            at=now,
            actor_id=actor.id,
            action="dispute.evidence_added",
            subject_kind="dispute",
            subject_id=dispute_id,
            details={
                "evidence_id": evidence.id,
                "kind": kind,
                "sha256": digest,
                "size_bytes": len(content),
            },
        )
        assert evidence.id is not None
        return evidence.id


def add_note(
    store: Store, actor: SignedInAgent, dispute_id: int, body: str, *, kind: str, now: datetime
) -> int:
    """A note on the case: `advice` (Trust & Safety only) or `note` (any reviewer)."""
    if kind not in ("advice", "note"):
        raise BadInput(_("A note is advice or note, not {kind!r}.").format(kind=kind))
    require(actor, Action.DISPUTE_RESOLVE)
    if kind == "advice" and actor.role != Role.TRUST_SAFETY:
        raise Refused(_("Only Trust & Safety gives advice on a case; add a note instead."))
    if not body.strip():
        raise BadInput(_("The note is empty: write what you want to record."))
    with store.write() as session:
        get_dispute(session, dispute_id)
        note = DisputeNote(
            dispute_id=dispute_id, kind=kind, author_id=actor.id, body=body, created_at=now
        )
        session.add(note)
        session.flush()
        audit(
            session,
            at=now,
            actor_id=actor.id,
            action=f"dispute.{kind}_added",
            subject_kind="dispute",
            subject_id=dispute_id,
            details={"note_id": note.id},
        )
        assert note.id is not None
        return note.id


def set_reasoning(
    store: Store, actor: SignedInAgent, dispute_id: int, reasoning: str, *, now: datetime
) -> None:
    """Record the reviewer's reasoning (the previous text stays in the audit trail)."""
    require(actor, Action.DISPUTE_RESOLVE)
    with store.write() as session:
        dispute = get_dispute(session, dispute_id)
        before = dispute.reasoning
        dispute.reasoning = reasoning
        dispute.updated_at = now
        session.add(dispute)
        audit(
            session,
            at=now,
            actor_id=actor.id,
            action="dispute.reasoning_set",
            subject_kind="dispute",
            subject_id=dispute_id,
            details={"before": before, "after": reasoning},
        )
