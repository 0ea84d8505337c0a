"""`guichet approvals`, `approve ID`, `reject ID --reason R`: the second pair of eyes."""

from __future__ import annotations

import argparse

from console.commands.common import acting_agent, add_command, print_json, store_from
from console.i18n import _


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `approvals`, `approve` and `reject`."""
    add_command(commands, "approvals", _("list what waits for a second pair of eyes"), _list)
    approve = add_command(
        commands, "approve", _("approve and carry out a pending action"), _approve
    )
    approve.add_argument("approval_id", metavar="ID", type=int)
    reject = add_command(commands, "reject", _("reject a pending action, with a reason"), _reject)
    reject.add_argument("approval_id", metavar="ID", type=int)
    reject.add_argument("--reason", required=True, metavar="R")


def _signed_in(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from console.i18n import set_language

    store = store_from(args)
    agent = acting_agent(args, store)
    set_language(agent.ui_language)
    return store, agent


def _list(args: argparse.Namespace) -> int:
    from console.disputes.approvals import pending_approvals

    store, agent = _signed_in(args)
    pending = pending_approvals(store, agent)
    if args.json:
        print_json({"approvals": [item.to_json() for item in pending]})
        return 0
    if not pending:
        print(_("Nothing waits for approval."))
    for item in pending:
        print(
            f"{item.id}\t{item.subject_kind} {item.subject_id}\t{item.requested_by}\t"
            f"{item.requested_at.isoformat()}"
        )
    return 0


def _approve(args: argparse.Namespace) -> int:
    from console.disputes.approvals import approve
    from models.types import utcnow

    store, agent = _signed_in(args)
    approval = approve(store, agent, args.approval_id, now=utcnow())
    if args.json:
        print_json(
            {
                "approval_id": approval.id,
                "state": approval.state,
                "subject_kind": approval.subject_kind,
                "subject_id": approval.subject_id,
            }
        )
    else:
        print(
            _("Approved and carried out: {kind} {id}.").format(
                kind=approval.subject_kind, id=approval.subject_id
            )
        )
    return 0


def _reject(args: argparse.Namespace) -> int:
    from console.disputes.approvals import reject
    from models.types import utcnow

    store, agent = _signed_in(args)
    approval = reject(store, agent, args.approval_id, reason=args.reason, now=utcnow())
    if args.json:
        print_json({"approval_id": approval.id, "state": approval.state})
    else:
        print(
            _("Rejected: {kind} {id}; nothing was carried out.").format(
                kind=approval.subject_kind, id=approval.subject_id
            )
        )
    return 0
