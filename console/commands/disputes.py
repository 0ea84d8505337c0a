"""Dispute commands: `disputes`, `dispute`, `dispute-evidence`, `dispute-note`, `review`,
`refund`, `cancel-order`, `reject-claim`, `restrict`, `warn`, `report`, `appeal`,
`appeal-review`.

Each calls the same console service as the screens; `--json` prints one document.
"""

from __future__ import annotations

import argparse
from datetime import datetime
from typing import Any

from console.commands.common import acting_agent, add_command, print_json, store_from
from console.i18n import _
from console.instants import parse_instant


def _now() -> datetime:
    from models.types import utcnow

    return utcnow()


def _signed_in(args: argparse.Namespace) -> tuple[Any, Any]:
    from console.i18n import set_language

    store = store_from(args)
    agent = acting_agent(args, store)
    set_language(agent.ui_language)
    return store, agent


def _print_result(args: argparse.Namespace, result: Any, done: str) -> int:
    if args.json:
        print_json(result.to_json())
    elif result.state == "pending_approval":
        print(
            _("{what} {id} waits for a second person's approval (approval {approval}).").format(
                what=result.subject_kind, id=result.subject_id, approval=result.approval_id
            )
        )
    else:
        print(done)
    return 0


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the dispute commands."""
    add_command(
        commands,
        "disputes",
        _("list the open disputes you review, soonest clock first (what home counts)"),
        _awaiting,
    )

    show = add_command(
        commands,
        "dispute",
        _("show one dispute: parties, order, payment, timeline, evidence, advice, checklist"),
        _show,
    )
    show.add_argument("dispute_id", metavar="DISPUTE", type=int)

    expire = add_command(
        commands,
        "expire-clocks",
        _(
            "carry out what the configuration says for every dispute clock that ran out "
            "(run it from a scheduler every few minutes; needs only the store)"
        ),
        _expire_clocks,
    )
    expire.add_argument(
        "--at", metavar="TIME", help=_("the instant to judge the clocks at (default: now)")
    )

    evidence = add_command(
        commands,
        "dispute-evidence",
        _("add evidence from a file (its SHA-256 and size are kept)"),
        _evidence,
    )
    evidence.add_argument("dispute_id", metavar="DISPUTE", type=int)
    evidence.add_argument("--file", required=True, metavar="PATH")
    evidence.add_argument(
        "--kind",
        required=True,
        metavar="KIND",
        help=_("tracking, photo, condition_report, listing_snapshot, messages or expert_opinion"),
    )
    evidence.add_argument("--description", default="", metavar="TEXT")

    note = add_command(
        commands, "dispute-note", _("add a note (or Trust & Safety advice with --advice)"), _note
    )
    note.add_argument("dispute_id", metavar="DISPUTE", type=int)
    note.add_argument("--text", required=True)
    note.add_argument("--advice", action="store_true", help=_("Trust & Safety advice"))

    review = add_command(
        commands, "review", _("take an escalated or appealed dispute for review"), _review
    )
    review.add_argument("dispute_id", metavar="DISPUTE", type=int)

    refund = add_command(commands, "refund", _("request a refund (may wait for approval)"), _refund)
    refund.add_argument("dispute_id", metavar="DISPUTE", type=int)
    how = refund.add_mutually_exclusive_group(required=True)
    how.add_argument("--full", action="store_true", help=_("refund what remains refundable"))
    how.add_argument(
        "--amount", metavar="X", help=_("the amount in the payment's currency, e.g. 12.50")
    )
    refund.add_argument("--reason", required=True, metavar="R")
    refund.add_argument(
        "--key", metavar="K", help=_("idempotency key: a retry with the same key never pays twice")
    )
    refund.add_argument(
        "--agreed", action="store_true", help=_("the parties agreed to this amount")
    )

    cancel = add_command(commands, "cancel-order", _("cancel the disputed order"), _cancel)
    cancel.add_argument("dispute_id", metavar="DISPUTE", type=int)
    cancel.add_argument("--reason", required=True, metavar="R")
    cancel.add_argument(
        "--cost-borne-by", default="seller", choices=("buyer", "seller", "platform")
    )

    reject = add_command(
        commands, "reject-claim", _("decide against the buyer's claim"), _reject_claim
    )
    reject.add_argument("dispute_id", metavar="DISPUTE", type=int)
    reject.add_argument("--reason", required=True, metavar="R")

    restrict = add_command(
        commands, "restrict", _("restrict an account with its full statement of reasons"), _restrict
    )
    restrict.add_argument("account_id", metavar="ACCOUNT", type=int)
    restrict.add_argument(
        "--measure",
        required=True,
        help=_(
            "listing_removal, account_restriction, account_suspension, "
            "account_termination or payout_hold"
        ),
    )
    restrict.add_argument(
        "--scope",
        action="append",
        default=[],
        metavar="CC",
        help=_("a country of the territorial scope (repeat; EU/EEA codes)"),
    )
    duration = restrict.add_mutually_exclusive_group()
    duration.add_argument("--until", metavar="DATE", help=_("when the measure ends"))
    duration.add_argument("--indefinite", action="store_true")
    restrict.add_argument("--facts", default="", help=_("facts and circumstances"))
    restrict.add_argument(
        "--source",
        default="",
        help=_("notice, trusted_flagger, other_notification or own_initiative"),
    )
    restrict.add_argument("--automated-detection", choices=("yes", "no"))
    restrict.add_argument("--automated-decision", choices=("fully", "partially", "not_automated"))
    restrict.add_argument("--ground", default="", help=_("illegal_content or terms"))
    restrict.add_argument("--legal-ground", default="")
    restrict.add_argument("--illegality", default="", help=_("why the content is illegal"))
    restrict.add_argument("--clause", default="", help=_("the clause of the terms"))
    restrict.add_argument("--breach", default="", help=_("why the clause is breached"))
    restrict.add_argument(
        "--redress",
        action="append",
        default=[],
        help=_("internal_complaint, out_of_court, courts (repeat; all three are required)"),
    )
    restrict.add_argument("--category", default="", help=_("the DSA statement category"))
    restrict.add_argument("--keyword", action="append", default=[], help=_("a DSA keyword"))
    restrict.add_argument("--reference-url", default=None)
    restrict.add_argument("--lot", type=int, default=None, help=_("the listing concerned"))
    restrict.add_argument("--dispute", type=int, default=None, help=_("the dispute it comes from"))
    restrict.add_argument(
        "--misuse",
        action="store_true",
        help=_("a suspension for misuse (needs an earlier warning)"),
    )

    warn = add_command(commands, "warn", _("put a warning on an account's record"), _warn)
    warn.add_argument("account_id", metavar="ACCOUNT", type=int)
    warn.add_argument("--reason", required=True, metavar="R")

    report = add_command(commands, "report", _("prepare a report to the authorities"), _report)
    report.add_argument("dispute_id", metavar="DISPUTE", type=int)
    report.add_argument("--category", required=True, metavar="C")
    report.add_argument("--legal-basis", required=True, metavar="B")
    report.add_argument("--summary", default="")
    report.add_argument("--evidence", type=int, nargs="*", default=[], metavar="ID")

    appeal = add_command(
        commands, "appeal", _("file a party's appeal with new information"), _appeal
    )
    appeal.add_argument("dispute_id", metavar="DISPUTE", type=int)
    appeal.add_argument("--party", required=True, choices=("buyer", "seller"))
    appeal.add_argument("--info", required=True, metavar="TEXT")

    decide = add_command(
        commands, "appeal-review", _("decide an appeal as a different reviewer"), _appeal_review
    )
    decide.add_argument("appeal_id", metavar="APPEAL", type=int)
    outcome = decide.add_mutually_exclusive_group(required=True)
    outcome.add_argument("--reverse", action="store_true", help=_("the decision was unfounded"))
    outcome.add_argument("--confirm", action="store_true", help=_("the decision stands"))
    decide.add_argument("--reason", required=True, metavar="R")


def _awaiting(args: argparse.Namespace) -> int:
    from console.disputes.awaiting import disputes_awaiting

    store, agent = _signed_in(args)
    disputes = disputes_awaiting(store, agent)
    if args.json:
        print_json({"disputes": [item.to_json() for item in disputes]})
        return 0
    if not disputes:
        print(_("Nothing awaits you: no open dispute has you as its reviewer."))
        return 0
    from console.formatting import format_instant, format_money
    from console.text import sanitize

    lang = agent.ui_language
    for item in disputes:
        amount = format_money(item.amount, lang) if item.amount is not None else "—"
        due = (
            format_instant(item.due_at, agent.timezone, lang, style="short")
            if item.due_at is not None
            else "—"
        )
        ticket = f"#{item.ticket_id}" if item.ticket_id is not None else "—"
        parties = f"{sanitize(item.buyer)} / {sanitize(item.seller)}"
        print(
            f"{item.id}\t{item.kind_label}\t{item.state_label}\t{sanitize(item.order_reference)}"
            f"\t{parties}\t{amount}\t{due}\t{ticket}"
        )
    return 0


def _show(args: argparse.Namespace) -> int:
    from console.disputes.case import load_dispute
    from console.permissions import Action, require

    store, agent = _signed_in(args)
    require(agent, Action.DISPUTE_RESOLVE)
    case = load_dispute(store, args.dispute_id)
    if args.json:
        print_json(case.to_json())
        return 0
    from console.formatting import format_money
    from console.text import sanitize

    lang = agent.ui_language
    print(
        _("Dispute {id} ({kind}): {state}").format(
            id=case.id, kind=case.kind, state=case.state_label
        )
    )
    for party in (case.buyer, case.seller):
        print(
            f"  {party.role}: {sanitize(party.display_name)} ({party.kind}, {party.country}, "
            f"{party.language}) — {sanitize(party.claim)}"
        )
    if case.payment:
        print(
            _("  payment: captured {c}, refunded {r}, chargeback {cb}").format(
                c=format_money(case.payment.captured, lang),
                r=format_money(case.payment.refunded, lang),
                cb=_("open") if case.payment.chargeback_open else _("none"),
            )
        )
    print(
        _("  evidence: {n}, timeline entries: {t}").format(
            n=len(case.evidence), t=len(case.timeline)
        )
    )
    return 0


def _evidence(args: argparse.Namespace) -> int:
    from console.disputes.case import add_evidence

    store, agent = _signed_in(args)
    evidence_id = add_evidence(
        store, agent, args.dispute_id, args.file, args.kind, args.description, now=_now()
    )
    if args.json:
        print_json({"evidence_id": evidence_id})
    else:
        print(
            _("Evidence {id} added to dispute {dispute}.").format(
                id=evidence_id, dispute=args.dispute_id
            )
        )
    return 0


def _note(args: argparse.Namespace) -> int:
    from console.disputes.case import add_note

    store, agent = _signed_in(args)
    note_id = add_note(
        store,
        agent,
        args.dispute_id,
        args.text,
        kind="advice" if args.advice else "note",
        now=_now(),
    )
    if args.json:
        print_json({"note_id": note_id})
    else:
        print(_("Note {id} added.").format(id=note_id))
    return 0


def _expire_clocks(args: argparse.Namespace) -> int:
    from console.disputes.states import expire_clocks

    at = parse_instant(args.at, "--at") if args.at else _now()
    moved = expire_clocks(store_from(args), at)
    if args.json:
        print_json({"at": at.isoformat(timespec="seconds"), "disputes": moved})
    elif moved:
        print(
            _("Clocks ran out on {count} dispute(s): {ids}.").format(
                count=len(moved), ids=", ".join(str(number) for number in moved)
            )
        )
    else:
        print(_("No dispute clock has run out."))
    return 0


def _review(args: argparse.Namespace) -> int:
    from console.disputes.states import start_review

    store, agent = _signed_in(args)
    start_review(store, agent, args.dispute_id, now=_now())
    if args.json:
        print_json({"dispute_id": args.dispute_id, "state": "under_review"})
    else:
        print(_("Dispute {id} is under your review.").format(id=args.dispute_id))
    return 0


def _refund(args: argparse.Namespace) -> int:
    from console.disputes.actions import refund

    store, agent = _signed_in(args)
    result = refund(
        store,
        agent,
        args.dispute_id,
        reason=args.reason,
        amount=args.amount,
        full=args.full,
        key=args.key,
        agreed=args.agreed,
        now=_now(),
    )
    return _print_result(args, result, _("Refund {id} paid out.").format(id=result.subject_id))


def _cancel(args: argparse.Namespace) -> int:
    from console.disputes.actions import cancel_order

    store, agent = _signed_in(args)
    result = cancel_order(
        store,
        agent,
        args.dispute_id,
        reason=args.reason,
        cost_borne_by=args.cost_borne_by,
        now=_now(),
    )
    return _print_result(
        args, result, _("The order of dispute {id} is cancelled.").format(id=args.dispute_id)
    )


def _reject_claim(args: argparse.Namespace) -> int:
    from console.disputes.actions import reject_claim

    store, agent = _signed_in(args)
    result = reject_claim(store, agent, args.dispute_id, reason=args.reason, now=_now())
    return _print_result(
        args, result, _("The claim of dispute {id} is rejected.").format(id=args.dispute_id)
    )


def _restrict(args: argparse.Namespace) -> int:
    from console.disputes.actions import StatementOfReasons, restrict

    store, agent = _signed_in(args)
    automated = None if args.automated_detection is None else args.automated_detection == "yes"
    sor = StatementOfReasons(
        account_id=args.account_id,
        measure=args.measure,
        territorial_scope=[code.strip().upper() for code in args.scope],
        ends_at=parse_instant(args.until, "--until", dates=True) if args.until else None,
        indefinite=args.indefinite,
        facts=args.facts,
        source=args.source,
        automated_detection=automated,
        automated_decision=args.automated_decision,
        ground=args.ground,
        legal_ground=args.legal_ground,
        illegality_explanation=args.illegality,
        terms_clause=args.clause,
        incompatibility_explanation=args.breach,
        redress=list(args.redress),
        category=args.category,
        keywords=list(args.keyword),
        ground_reference_url=args.reference_url,
        lot_id=args.lot,
        dispute_id=args.dispute,
        misuse=args.misuse,
    )
    result = restrict(store, agent, sor, now=_now())
    return _print_result(args, result, _("Restriction {id} applied.").format(id=result.subject_id))


def _warn(args: argparse.Namespace) -> int:
    from console.disputes.actions import warn_account

    store, agent = _signed_in(args)
    warning_id = warn_account(store, agent, args.account_id, reason=args.reason, now=_now())
    if args.json:
        print_json({"warning_id": warning_id})
    else:
        print(_("Warning {id} is on record.").format(id=warning_id))
    return 0


def _report(args: argparse.Namespace) -> int:
    from console.disputes.actions import report_to_authorities

    store, agent = _signed_in(args)
    result = report_to_authorities(
        store,
        agent,
        args.dispute_id,
        category=args.category,
        legal_basis=args.legal_basis,
        summary=args.summary,
        evidence_ids=args.evidence,
        now=_now(),
    )
    return _print_result(args, result, "")


def _appeal(args: argparse.Namespace) -> int:
    from console.disputes.appeals import appeal

    store, _agent = _signed_in(args)
    appeal_id = appeal(store, args.dispute_id, args.party, args.info, _now())
    if args.json:
        print_json({"appeal_id": appeal_id, "dispute_id": args.dispute_id})
    else:
        print(_("Appeal {id} filed; a different reviewer will decide it.").format(id=appeal_id))
    return 0


def _appeal_review(args: argparse.Namespace) -> int:
    from console.disputes.appeals import review_appeal

    store, agent = _signed_in(args)
    row = review_appeal(
        store,
        agent,
        args.appeal_id,
        decision_unfounded=args.reverse,
        reason=args.reason,
        now=_now(),
    )
    if args.json:
        print_json({"appeal_id": row.id, "state": row.state})
    else:
        print(_("Appeal {id}: {state}.").format(id=row.id, state=row.state))
    return 0
