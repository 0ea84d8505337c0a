"""`guichet audit [--since D] --json`: the audit trail, oldest first."""

from __future__ import annotations

import argparse

from console.commands.common import acting_agent, add_command, print_json, store_from
from console.i18n import _


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `audit`."""
    audit = add_command(commands, "audit", _("show the audit trail (append-only)"), _audit)
    audit.add_argument("--since", metavar="D", help=_("a date or an ISO 8601 instant"))
    audit.add_argument("--limit", type=int, default=1000)


def _audit(args: argparse.Namespace) -> int:
    from console.disputes.audit import audit_events
    from console.i18n import set_language
    from console.instants import parse_instant

    store = store_from(args)
    agent = acting_agent(args, store)
    set_language(agent.ui_language)
    since = parse_instant(args.since, "--since", dates=True) if args.since else None
    events = audit_events(store, agent, since, limit=args.limit)
    if args.json:
        print_json({"events": [event.to_json() for event in events]})
        return 0
    for event in events:
        print(
            f"{event.at.isoformat()}\t{event.actor or '-'}\t{event.action}\t"
            f"{event.subject_kind} {event.subject_id or ''}"
        )
    return 0
