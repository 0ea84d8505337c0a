"""The demo's disputes: every kind in every state, with claims, evidence, outcomes and advice.

A dispute's order was chosen (and its payment written to agree with the outcome) by
`market.plan_disputes`; here come the dispute rows themselves, linked to the first ticket
about the order when there is one. Open disputes were opened in the last days, decided ones
longer ago. Waiting states say who must act, by when (some already overdue) and what happens
then. Evidence carries the SHA-256 of its generated content.
"""

from __future__ import annotations

import hashlib
import json
import random
from collections.abc import Iterator
from typing import Final

from console.demo import texts
from console.demo.market import DECIDED_STATES, Market
from console.demo.plan import (
    APPEAL_COLUMNS,
    APPROVAL_COLUMNS,
    DAY,
    DISPUTE_COLUMNS,
    EVIDENCE_COLUMNS,
    HOUR,
    NOTE_COLUMNS,
    RESOLUTION_COLUMNS,
    Batch,
    Row,
)
from models.enums import (
    ActionState,
    ApprovalState,
    DisputeKind,
    DisputeState,
    EvidenceKind,
    ResolutionKind,
)

RESOLUTION_REASONS: Final[dict[str, str]] = {
    ResolutionKind.FULL_REFUND: "Claim upheld on the evidence; full refund to the buyer.",
    ResolutionKind.PARTIAL_REFUND: "Parties agreed to a partial refund; the buyer keeps the item.",
    ResolutionKind.CANCELLATION: "Parcel lost in transit; order cancelled and refunded.",
    ResolutionKind.CLAIM_REJECTED: "The item matches the listing and photos; claim rejected.",
}
EVIDENCE_BY_KIND: Final[dict[str, tuple[str, ...]]] = {
    DisputeKind.NOT_RECEIVED: (EvidenceKind.TRACKING, EvidenceKind.MESSAGES),
    DisputeKind.NOT_AS_DESCRIBED: (
        EvidenceKind.LISTING_SNAPSHOT,
        EvidenceKind.PHOTO,
        EvidenceKind.EXPERT_OPINION,
    ),
    DisputeKind.DAMAGED: (EvidenceKind.PHOTO, EvidenceKind.CONDITION_REPORT),
    DisputeKind.WITHDRAWAL: (EvidenceKind.CONDITION_REPORT, EvidenceKind.MESSAGES),
    DisputeKind.REFUND_NOT_RECEIVED: (EvidenceKind.MESSAGES,),
}
EVIDENCE_FILES: Final[dict[str, tuple[str, str]]] = {
    EvidenceKind.TRACKING: ("tracking.txt", "Carrier tracking history"),
    EvidenceKind.PHOTO: ("photo-{n}.jpg", "Photo uploaded by the buyer"),
    EvidenceKind.CONDITION_REPORT: ("condition-report.txt", "Condition report on return"),
    EvidenceKind.LISTING_SNAPSHOT: ("listing.html", "The listing when the order was placed"),
    EvidenceKind.MESSAGES: ("messages.txt", "Messages between buyer and seller"),
    EvidenceKind.EXPERT_OPINION: ("expert-opinion.txt", "Expert's authentication opinion"),
}
APPEAL_WINDOW: Final = 30 * DAY  # the spec's default: an appeal within 30 days
UNREVIEWED_STATES: Final = frozenset({DisputeState.OPEN, DisputeState.ESCALATED})


def dispute_rows(market: Market) -> Iterator[Batch]:
    """Disputes, evidence, resolutions, Trust & Safety advice, approvals and appeals."""
    rng, ts, now = market.rng, market.ts, market.now
    disputes: list[Row] = []
    evidence: list[Row] = []
    resolutions: list[Row] = []
    notes: list[Row] = []
    approvals: list[Row] = []
    appeals: list[Row] = []
    for dispute_id, (order_id, planned) in enumerate(sorted(market.disputed.items()), start=1):
        kind, state, outcome = planned.kind, planned.state, planned.outcome
        earliest = market.order_placed[order_id - 1] + 3 * DAY
        if state in DECIDED_STATES:
            opened = now - rng.randrange(6 * DAY, 40 * DAY)
        else:
            opened = now - rng.randrange(2 * HOUR, 12 * DAY)
        opened = min(max(opened, earliest), now - HOUR)
        ticket_id = market.ticket_of_order.get(order_id)
        reviewer = None if state in UNREVIEWED_STATES else rng.choice(market.reviewers)
        updated = min(opened + rng.randrange(HOUR, 5 * DAY), now - 60)
        decided = updated if state in DECIDED_STATES else None
        # Who must act by when, and what happens then (as console.disputes sets the clocks).
        waiting_on: str | None = None
        due: int | None = None
        on_expiry: str | None = None
        if state == DisputeState.OPEN:
            waiting_on, due, on_expiry = "seller", opened + 3 * DAY, "escalate"
        elif state == DisputeState.AWAITING_INFO:
            waiting_on = rng.choice(("buyer", "seller"))
            due = now + rng.randrange(-DAY, 4 * DAY)  # some already overdue
            on_expiry = "decide_on_file"
        elif state == DisputeState.RESOLVED and decided is not None:
            due, on_expiry = decided + APPEAL_WINDOW, "close"
        # A chargeback froze the case where it was; it goes back there when the claim ends.
        held_from = "under_review" if state == DisputeState.ON_HOLD_CHARGEBACK else None
        buyer_claim, seller_claim = texts.DISPUTE_CLAIMS[kind]
        if state == DisputeState.OPEN and rng.random() < 0.5:
            seller_claim = ""  # the seller has not answered yet
        disputes.append(
            (dispute_id, order_id, ticket_id, kind, state, buyer_claim, seller_claim,
             1 if rng.random() < 0.7 else 0, reviewer, waiting_on,
             None if due is None else ts(due), on_expiry,
             RESOLUTION_REASONS[outcome] if outcome and state in DECIDED_STATES else "",
             None if decided is None else ts(decided), held_from, ts(opened), ts(updated))
        )  # fmt: skip
        for number, evidence_kind in enumerate(EVIDENCE_BY_KIND[kind], start=1):
            if number > 1 and rng.random() < 0.4:
                break
            filename, description = EVIDENCE_FILES[evidence_kind]
            content = _evidence_content(market, evidence_kind, order_id, rng)
            evidence.append(
                (len(evidence) + 1, dispute_id, str(evidence_kind), description,
                 filename.format(n=number), len(content), hashlib.sha256(content).hexdigest(),
                 content, reviewer if evidence_kind == EvidenceKind.EXPERT_OPINION else None,
                 ts(min(opened + number * HOUR, now - 60)))
            )  # fmt: skip
        if outcome is not None:
            total, currency = market.lot_price[order_id], market.lot_currency[order_id]
            amounts: dict[str, int] = {
                ResolutionKind.FULL_REFUND: total,
                ResolutionKind.PARTIAL_REFUND: total * planned.percent // 100,
                ResolutionKind.CANCELLATION: total,
            }
            amount = amounts.get(outcome, 0)
            pending = state == DisputeState.PENDING_APPROVAL
            requester = reviewer or rng.choice(market.reviewers)
            resolution_id = len(resolutions) + 1
            resolutions.append(
                (resolution_id, dispute_id, outcome, amount, currency, RESOLUTION_REASONS[outcome],
                 1 if outcome == ResolutionKind.PARTIAL_REFUND else 0,
                 "seller" if outcome == ResolutionKind.CANCELLATION else None,
                 f"demo-resolution-{dispute_id}",
                 (ActionState.PENDING_APPROVAL if pending else ActionState.EXECUTED).value,
                 requester, ts(updated), None if pending else ts(updated))
            )  # fmt: skip
            if pending:  # a lead's second pair of eyes is still to come
                details = json.dumps({"amount_minor": amount, "currency": currency})
                approvals.append(
                    (len(approvals) + 1, "resolution", resolution_id, requester, None,
                     ApprovalState.PENDING.value, "", details, ts(updated), None)
                )  # fmt: skip
        if state == DisputeState.APPEALED:
            # Filed with new information; a different reviewer has yet to take it.
            party = "seller" if outcome != ResolutionKind.CLAIM_REJECTED else "buyer"
            appeals.append(
                (len(appeals) + 1, dispute_id, party, texts.APPEAL_INFORMATION[party], reviewer,
                 None, "pending", "", ts(min(updated + DAY, now - 60)), None)
            )  # fmt: skip
        if dispute_id % 10 == 3 or (kind == DisputeKind.NOT_AS_DESCRIBED and rng.random() < 0.3):
            notes.append(
                (len(notes) + 1, dispute_id, "advice", rng.choice(market.trust_safety),
                 rng.choice(texts.TS_ADVICE), ts(min(opened + 2 * HOUR, now - 60)))
            )  # fmt: skip
    yield "dispute", DISPUTE_COLUMNS, disputes
    yield "evidence", EVIDENCE_COLUMNS, evidence
    yield "resolution", RESOLUTION_COLUMNS, resolutions
    yield "disputenote", NOTE_COLUMNS, notes
    yield "approval", APPROVAL_COLUMNS, approvals
    yield "appeal", APPEAL_COLUMNS, appeals


def _evidence_content(market: Market, kind: str, order_id: int, rng: random.Random) -> bytes:
    if kind == EvidenceKind.PHOTO:
        # A stand-in for an image: the JPEG magic number, then deterministic noise.
        return b"\xff\xd8\xff\xe0" + rng.randbytes(rng.randrange(400, 1200))
    reference = market.order_reference[order_id]
    title = market.lot_title[order_id]
    documents: dict[str, str] = {
        EvidenceKind.TRACKING: f"{market.order_carrier[order_id]} {reference}: label created; "
        "accepted at depot; in transit; no further scan",
        EvidenceKind.CONDITION_REPORT: f"{reference}: item returned with a chip on the base "
        "and scratches on the back; packaging intact.",
        EvidenceKind.LISTING_SNAPSHOT: f"<h1>{title}</h1><p>All parts original. Ships insured.</p>",
        EvidenceKind.MESSAGES: f"{reference}\nbuyer: Hello, any news about my order?\n"
        "seller: I will check with the carrier and come back to you.",
        EvidenceKind.EXPERT_OPINION: f"{title}: consistent with the period stated; one part "
        "is a later replacement, which the listing does not mention.",
    }
    return documents[kind].encode()
