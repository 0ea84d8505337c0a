"""Measures against users (DSA): only with a complete statement of reasons (Art. 17).

Listing removal, account restriction, suspension, termination and payout hold. Nothing is
written unless all six parts are there; a suspension for misuse (Art. 23) needs an earlier
warning on record; a termination waits for a second Trust & Safety person.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Final

from sqlmodel import Session, col, select

from console.auth import SignedInAgent
from console.disputes.common import audit, get_account, get_dispute, outbox
from console.disputes.notices import queue_notice
from console.disputes.outcome import ActionResult, ask_approval, require_reason
from console.disputes.vocabulary import allowed
from console.errors import BadInput, Refused
from console.i18n import _
from console.permissions import Action, require
from console.store import Store
from models.disputes import (
    AccountWarning,
    Restriction,
)
from models.enums import (
    AccountStatus,
    ActionState,
    RestrictionMeasure,
)
from models.marketplace import AccountStatusChange, Lot

GROUNDS: Final = ("illegal_content", "terms")
SOURCES: Final = ("notice", "trusted_flagger", "other_notification", "own_initiative")
AUTOMATED_DECISIONS: Final = ("fully", "partially", "not_automated")
REDRESS: Final = ("internal_complaint", "out_of_court", "courts")
STATUS_OF_MEASURE: Final[dict[str, AccountStatus]] = {
    RestrictionMeasure.ACCOUNT_RESTRICTION: AccountStatus.RESTRICTED,
    RestrictionMeasure.ACCOUNT_SUSPENSION: AccountStatus.SUSPENDED,
    RestrictionMeasure.ACCOUNT_TERMINATION: AccountStatus.TERMINATED,
}


@dataclass
class StatementOfReasons:
    """A measure against a user with the six parts of DSA Art. 17 (disputes.md).

    1 measure, territorial scope, duration (`ends_at`, or `indefinite`); 2 facts and source;
    3 automated detection and decision; 4 illegal content: legal ground and explanation;
    5 breach of terms: clause and explanation; 6 redress (complaint, out of court, courts).
    """

    account_id: int
    measure: str
    territorial_scope: list[str] = field(default_factory=list)
    ends_at: datetime | None = None
    indefinite: bool = False
    facts: str = ""
    source: str = ""
    automated_detection: bool | None = None
    automated_decision: str | None = None
    ground: str = ""
    legal_ground: str = ""
    illegality_explanation: str = ""
    terms_clause: str = ""
    incompatibility_explanation: str = ""
    redress: list[str] = field(default_factory=list)
    category: str = ""
    keywords: list[str] = field(default_factory=list)
    ground_reference_url: str | None = None
    lot_id: int | None = None
    dispute_id: int | None = None
    misuse: bool = False


def missing_parts(sor: StatementOfReasons) -> list[str]:
    """The parts of the statement that are missing, named for people (empty: complete)."""
    missing: list[str] = []
    if (
        not sor.measure
        or not sor.territorial_scope
        or (sor.ends_at is None) == (not sor.indefinite)
    ):
        missing.append(
            _(
                "part 1: the measure, its territorial scope and its duration (an end "
                "date or indefinite)"
            )
        )
    if not sor.facts.strip() or not sor.source:
        missing.append(
            _(
                "part 2: the facts and circumstances and whether a notice or the "
                "platform's own initiative led to it"
            )
        )
    if sor.automated_detection is None or not sor.automated_decision:
        missing.append(_("part 3: whether automated means were used to detect and to decide"))
    if sor.ground not in GROUNDS:
        missing.append(_("parts 4/5: the ground (illegal content or a breach of the terms)"))
    elif sor.ground == "illegal_content" and not (
        sor.legal_ground.strip() and sor.illegality_explanation.strip()
    ):
        missing.append(_("part 4: the legal ground and why the content is illegal"))
    elif sor.ground == "terms" and not (
        sor.terms_clause.strip() and sor.incompatibility_explanation.strip()
    ):
        missing.append(_("part 5: the clause of the terms and why it is breached"))
    if not set(REDRESS) <= set(sor.redress):
        missing.append(
            _("part 6: the redress (internal complaint, out-of-court settlement and the courts)")
        )
    return missing


def _check_values(sor: StatementOfReasons) -> None:
    def bad(what: str, value: object, choices: object) -> BadInput:
        return BadInput(
            _("{what} {value!r} is not allowed; choose from: {choices}.").format(
                what=what, value=value, choices=choices
            )
        )

    if sor.measure not in set(RestrictionMeasure):
        raise bad(_("The measure"), sor.measure, ", ".join(RestrictionMeasure))
    for code in sor.territorial_scope:
        if code not in allowed("EUROPEAN_COUNTRY_CODES"):
            raise bad(_("The country code"), code, _("EU/EEA codes such as NL, FR, DE"))
    if sor.source not in SOURCES:
        raise bad(_("The source"), sor.source, ", ".join(SOURCES))
    if sor.automated_decision not in AUTOMATED_DECISIONS:
        raise bad(
            _("The automated decision"), sor.automated_decision, ", ".join(AUTOMATED_DECISIONS)
        )
    if sor.category not in allowed("STATEMENT_CATEGORIES"):
        raise bad(_("The category"), sor.category, _("the DSA statement categories"))
    for keyword in sor.keywords:
        if keyword not in allowed("KEYWORDS"):
            raise bad(_("The keyword"), keyword, _("the DSA keywords"))
    for item in sor.redress:
        if item not in REDRESS:
            raise bad(_("The redress"), item, ", ".join(REDRESS))
    if sor.measure == RestrictionMeasure.LISTING_REMOVAL and sor.lot_id is None:
        raise BadInput(_("A listing removal names the listing: give --lot ID."))


def restrict(
    store: Store, actor: SignedInAgent, sor: StatementOfReasons, *, now: datetime
) -> ActionResult:
    """Apply a measure with its complete statement of reasons; terminations wait for approval.

    Refused, with nothing written, when any part of the statement is missing, or for a
    suspension for misuse (Art. 23) without an earlier warning on record.
    """
    require(actor, Action.ACCOUNT_RESTRICT)
    missing = missing_parts(sor)
    if missing:
        raise Refused(
            _(
                "The statement of reasons is incomplete, nothing was applied: missing {parts}."
            ).format(parts="; ".join(missing))
        )
    _check_values(sor)
    with store.write() as session:
        account = get_account(session, sor.account_id)
        if sor.lot_id is not None:
            lot = session.get(Lot, sor.lot_id)
            if lot is None or lot.seller_id != account.id:
                raise BadInput(
                    _("Listing {lot} is not one of account {account}'s listings.").format(
                        lot=sor.lot_id, account=sor.account_id
                    )
                )
        if sor.dispute_id is not None:
            get_dispute(session, sor.dispute_id)
        if sor.misuse and sor.measure == RestrictionMeasure.ACCOUNT_SUSPENSION:
            warned = session.exec(
                select(AccountWarning).where(col(AccountWarning.account_id) == account.id)
            ).first()
            if warned is None:
                raise Refused(
                    _(
                        "A suspension for misuse needs an earlier warning on record, and account "
                        "{account} has none: warn first (`guichet warn`)."
                    ).format(account=account.id)
                )
        termination = sor.measure == RestrictionMeasure.ACCOUNT_TERMINATION
        restriction = Restriction(
            puid=f"gch-{uuid.uuid4().hex}",
            account_id=account.id or 0,
            lot_id=sor.lot_id,
            dispute_id=sor.dispute_id,
            measure=sor.measure,
            territorial_scope=list(sor.territorial_scope),
            ends_at=sor.ends_at,
            facts=sor.facts.strip(),
            source=sor.source,
            automated_detection=bool(sor.automated_detection),
            automated_decision=sor.automated_decision or "",
            ground=sor.ground,
            legal_ground=sor.legal_ground,
            illegality_explanation=sor.illegality_explanation,
            terms_clause=sor.terms_clause,
            incompatibility_explanation=sor.incompatibility_explanation,
            category=sor.category,
            keywords=list(sor.keywords),
            ground_reference_url=sor.ground_reference_url,
            misuse=sor.misuse,
            redress=list(sor.redress),
            state=ActionState.PENDING_APPROVAL if termination else ActionState.EXECUTED,
            requested_by_id=actor.id,
            created_at=now,
        )
        session.add(restriction)
        session.flush()
        assert restriction.id is not None
        audit(
            session,
            at=now,
            actor_id=actor.id,
            action="restriction.requested",
            subject_kind="account",
            subject_id=account.id,
            details={
                "restriction_id": restriction.id,
                "measure": sor.measure,
                "dispute_id": sor.dispute_id,
                "four_eyes": termination,
            },
        )
        approval_id = None
        if termination:
            approval_id = ask_approval(
                session,
                "restriction",
                restriction.id,
                actor,
                now,
                {"measure": sor.measure, "account_id": account.id},
            )
        else:
            apply_restriction(session, restriction, actor_id=actor.id, now=now)
        return ActionResult(
            "restriction", restriction.id, restriction.state, approval_id=approval_id
        )


def apply_restriction(
    session: Session, restriction: Restriction, *, actor_id: int | None, now: datetime
) -> None:
    """Make the measure take effect, tell the user with the statement of reasons."""
    account = get_account(session, restriction.account_id)
    status = STATUS_OF_MEASURE.get(restriction.measure)
    if status is not None and account.status != status:
        session.add(
            AccountStatusChange(
                account_id=account.id or 0,
                from_status=account.status,
                to_status=status,
                reason=restriction.facts,
                at=now,
            )
        )
        account.status = status
        session.add(account)
    if restriction.measure == RestrictionMeasure.LISTING_REMOVAL and restriction.lot_id:
        lot = session.get(Lot, restriction.lot_id)
        if lot is not None:
            lot.removed = True
            session.add(lot)
    if restriction.measure == RestrictionMeasure.PAYOUT_HOLD:
        outbox(
            session,
            at=now,
            kind="payout.hold",
            payload={
                "account_id": account.id,
                "restriction_id": restriction.id,
                "until": restriction.ends_at.isoformat() if restriction.ends_at else None,
            },
        )
    restriction.state = ActionState.EXECUTED
    restriction.applied_at = now
    session.add(restriction)
    audit(
        session,
        at=now,
        actor_id=actor_id,
        action="restriction.applied",
        subject_kind="account",
        subject_id=account.id,
        details={
            "restriction_id": restriction.id,
            "measure": restriction.measure,
            "puid": restriction.puid,
        },
    )
    reasons = (
        f"{restriction.legal_ground}: {restriction.illegality_explanation}"
        if restriction.ground == "illegal_content"
        else f"{restriction.terms_clause}: {restriction.incompatibility_explanation}"
    )
    queue_notice(
        session,
        account,
        "restriction",
        now=now,
        ref=restriction.puid,
        facts=restriction.facts,
        reasons=reasons,
        values={
            "measure": restriction.measure,
            "scope": ", ".join(restriction.territorial_scope),
            "duration": restriction.ends_at,
        },
        cause={"restriction_id": restriction.id},
    )


def warn_account(
    store: Store, actor: SignedInAgent, account_id: int, *, reason: str, now: datetime
) -> int:
    """Put a warning on record (and tell the user); a later suspension for misuse needs one."""
    require(actor, Action.ACCOUNT_RESTRICT)
    reason = require_reason(reason)
    with store.write() as session:
        account = get_account(session, account_id)
        warning = AccountWarning(
            account_id=account_id, reason=reason, issued_by_id=actor.id, issued_at=now
        )
        session.add(warning)
        session.flush()
        audit(
            session,
            at=now,
            actor_id=actor.id,
            action="account.warned",
            subject_kind="account",
            subject_id=account_id,
            details={"warning_id": warning.id},
        )
        queue_notice(
            session,
            account,
            "warning",
            now=now,
            ref=f"W{warning.id}",
            reasons=reason,
            cause={"warning_id": warning.id},
        )
        assert warning.id is not None
        return warning.id
