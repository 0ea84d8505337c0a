"""`guichet tickets [filters] --json` lists a queue view; `guichet next --json` takes a ticket.

The same services as the queue screen: `console.views` (views, filter words, saved views),
`console.queue` (pages, counts, the atomic claim) and `console.search` (`--search`).
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from console.commands.common import acting_agent, add_command, print_json, store_from
from console.errors import BadInput
from console.i18n import _
from console.text import sanitize

if TYPE_CHECKING:
    from console.queue import QueueRow

MAX_LIMIT = 10_000


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `tickets` and `next`."""
    listing = add_command(
        commands,
        "tickets",
        _("list the tickets of a queue view, filtered, sorted and searched as in the queue"),
        _tickets,
    )
    listing.add_argument(
        "--view",
        default="all",
        metavar="NAME",
        help=_(
            "mine, unassigned-in-my-languages, waiting-chats, phone-callbacks, disputes-for-me, "
            "dispute-clocks-run-out, sla-at-risk, all (default), agent:HANDLE, language:TAG "
            "(leads) or saved:NAME"
        ),
    )
    for flag, words in (
        ("--status", _("open, new, pending_customer, solved, closed")),
        ("--channel", _("email, chat, phone")),
        ("--lang", _("a language tag, e.g. fr")),
        ("--priority", _("urgent, high, normal, low")),
        ("--source", _("order_help, object_question, general_question")),
    ):
        listing.add_argument(
            flag, action="append", default=[], metavar="VALUE", help=_("repeatable: ") + words
        )
    listing.add_argument(
        "--assignee", metavar="HANDLE", help=_("an agent's handle, me, or none (unassigned)")
    )
    listing.add_argument(
        "--dispute", choices=("yes", "no"), help=_("only tickets with (yes) or without a dispute")
    )
    listing.add_argument(
        "--search",
        metavar="WORDS",
        help=_("full-text search (in place of the words a saved view searches for)"),
    )
    listing.add_argument(
        "--sort", default=None, metavar="KEY", help=_("sort key, e.g. priority, due, created")
    )
    listing.add_argument("--desc", action="store_true", help=_("reverse the sort"))
    listing.add_argument(
        "--limit", type=int, default=100, metavar="N", help=_("at most N tickets (default 100)")
    )
    add_command(
        commands,
        "next",
        _("take the next ticket the acting agent may take (claimed atomically)"),
        _next,
    )


def row_document(row: QueueRow) -> dict[str, Any]:
    """One listed ticket as JSON (instants in UTC, ISO 8601)."""
    return {
        "id": row.id,
        "priority": row.priority,
        "first_reply_due_at": _iso(row.first_reply_due_at),
        "channel": row.channel,
        "language": row.language,
        "subject": row.subject,
        "customer": row.customer,
        "order": row.order_reference,
        "lot": row.lot_title,
        "status": row.status,
        "assignee": row.assignee,
        "created_at": _iso(row.created_at),
    }


def _iso(value: Any) -> str | None:
    from datetime import UTC

    return value.astimezone(UTC).isoformat() if value is not None else None


def _terms(args: argparse.Namespace) -> str:
    words = []
    for key, values in (
        ("status", args.status),
        ("channel", args.channel),
        ("lang", args.lang),
        ("priority", args.priority),
        ("source", args.source),
    ):
        if values:
            words.append(f"{key}:{','.join(values)}")
    if args.assignee:
        words.append(f"assignee:{args.assignee}")
    if args.dispute:
        words.append(f"dispute:{args.dispute}")
    return " ".join(words)


def _tickets(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from console.i18n import set_language
    from console.queue import SortOrder, count, page, resolve_text
    from console.views import all_views, refine, searched
    from models.types import utcnow

    if not 1 <= args.limit <= MAX_LIMIT:
        raise BadInput(_("--limit takes 1 to {most}").format(most=MAX_LIMIT))
    store = store_from(args)
    agent = acting_agent(args, store)
    set_language(agent.ui_language)
    views = {view.name: view for view in all_views(store, agent, utcnow())}
    chosen = views.get(args.view)
    if chosen is None:
        raise BadInput(
            _("no view called {name}; choose one of: {names}").format(
                name=args.view, names=", ".join(views)
            )
        )
    try:
        order = (
            SortOrder(args.sort, args.desc)
            if args.sort
            else replace(chosen.order, descending=chosen.order.descending != args.desc)
        )
    except ValueError as error:
        raise BadInput(str(error)) from None
    view = refine(store, searched(chosen, args.search), _terms(args), agent_id=agent.id)
    view = resolve_text(store, view)
    total = count(store, view)
    rows = page(store, view, order, limit=args.limit)
    if args.json:
        print_json({
            "view": chosen.name, "total": total,
            "sort": {"key": order.column, "descending": order.descending},
            "tickets": [row_document(row) for row in rows],
        })  # fmt: skip
        return 0
    print(_("{view}: {total} tickets").format(view=chosen.label, total=total))
    for row in rows:
        subject = sanitize(row.subject).replace("\n", " ")
        print(f"#{row.id}\t{row.priority}\t{row.status}\t{row.channel}:{row.language}\t{subject}")
    return 0


def _next(args: argparse.Namespace) -> int:
    from console.i18n import set_language
    from console.queue import QueueFilter, claim_next, eligible_queue_keys, page
    from models.types import utcnow

    store = store_from(args)
    agent = acting_agent(args, store)
    set_language(agent.ui_language)
    ticket_id = claim_next(store, agent.id, eligible_queue_keys(store, agent.id), now=utcnow())
    document: dict[str, Any] | None = None
    if ticket_id is not None:
        from console.queue import SortOrder

        rows = page(store, QueueFilter(ticket_ids=(ticket_id,)), SortOrder(), limit=1)
        document = row_document(rows[0]) if rows else {"id": ticket_id}
    if args.json:
        print_json({"ticket": document})
    elif document is None:
        print(_("Nothing to take: no waiting ticket you may take."))
    else:
        print(_("Ticket #{id} is yours: {subject}").format(
            id=document["id"], subject=sanitize(str(document.get("subject", "")))
        ))  # fmt: skip
    return 0
