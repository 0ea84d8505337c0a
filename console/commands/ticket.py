"""`guichet ticket ID` and every action the ticket screen has: reply, note, status, priority,
assign, merge, link-dispute, article. Each calls the same `console.tickets` service as the screen.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from console.commands.common import acting_agent, add_command, print_json, store_from
from console.i18n import _
from console.text import sanitize

if TYPE_CHECKING:
    from console.auth import SignedInAgent
    from console.store import Store
    from console.tickets import ThreadEntry, TicketView


def _ticket_id(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("id", metavar="ID", type=int, help=_("the ticket's number"))


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `ticket` and the ticket actions."""
    show = add_command(commands, "ticket", _("show one ticket with its thread"), _show)
    _ticket_id(show)

    reply = add_command(
        commands,
        "reply",
        _("reply to the customer (sent through the outbox); a macro may write it"),
        _reply,
    )
    _ticket_id(reply)
    reply.add_argument("--body", metavar="TEXT", help=_("the reply (after the macro, if any)"))
    reply.add_argument(
        "--macro", metavar="NAME", help=_("a macro in the ticket's language, placeholders filled")
    )
    reply.add_argument(
        "--seen",
        metavar="MESSAGE_ID",
        type=int,
        help=_(
            "the newest message you have read (last_message_id of `guichet ticket ID --json`); "
            "a newer one refuses the reply unless --force"
        ),
    )
    reply.add_argument(
        "--force", action="store_true", help=_("send even if new messages arrived since --seen")
    )

    note = add_command(commands, "note", _("add an internal note (never sent)"), _note)
    _ticket_id(note)
    note.add_argument("--body", metavar="TEXT", required=True, help=_("the note"))

    status = add_command(
        commands, "status", _("set a ticket's status: open, pending_customer or solved"), _status
    )
    _ticket_id(status)
    status.add_argument("status", metavar="STATUS", help=_("open, pending_customer or solved"))

    priority = add_command(
        commands, "priority", _("set a ticket's priority: urgent, high, normal or low"), _priority
    )
    _ticket_id(priority)
    priority.add_argument("priority", metavar="PRIORITY", help=_("urgent, high, normal or low"))

    assign = add_command(
        commands,
        "assign",
        _("assign a ticket to an agent (yourself; leads: anyone); `-` unassigns"),
        _assign,
    )
    _ticket_id(assign)
    assign.add_argument("handle", metavar="HANDLE", help=_("the agent's handle, or - to unassign"))

    merge = add_command(
        commands,
        "merge",
        _("merge a ticket into another one of the same customer (moves its messages)"),
        _merge,
    )
    _ticket_id(merge)
    merge.add_argument(
        "--into", metavar="ID", type=int, required=True, help=_("the ticket to merge into")
    )

    link = add_command(
        commands,
        "link-dispute",
        _("link a dispute over the ticket's order, or open one"),
        _link_dispute,
    )
    _ticket_id(link)
    which = link.add_mutually_exclusive_group(required=True)
    which.add_argument("--dispute", metavar="ID", type=int, help=_("the dispute to link"))
    which.add_argument(
        "--open",
        metavar="KIND",
        help=_(
            "open a dispute: not_received, not_as_described, damaged, withdrawal, "
            "refund_not_received"
        ),
    )

    article = add_command(
        commands,
        "article",
        _("send a help-center article to the customer, in the ticket's language"),
        _article,
    )
    _ticket_id(article)
    article.add_argument("slug", metavar="SLUG", help=_("the article, e.g. buyer-protection"))
    article.add_argument("--seen", metavar="MESSAGE_ID", type=int, help=_("as for reply"))
    article.add_argument("--force", action="store_true", help=_("as for reply"))


def _session(args: argparse.Namespace) -> tuple[Store, SignedInAgent]:
    from console.i18n import set_language
    from console.permissions import Action, require

    store = store_from(args)
    agent = acting_agent(args, store)
    set_language(agent.ui_language)
    require(agent, Action.TICKET_WORK)
    return store, agent


def _now() -> Any:
    from models.types import utcnow

    return utcnow()


def _entry_line(entry: ThreadEntry) -> str:
    from console.tickets import SYSTEM

    at = entry.at.isoformat(timespec="minutes")
    if entry.kind == SYSTEM:
        return f"[{at}] — {sanitize(entry.body)}"
    kind = entry.kind
    if entry.before_escalation:
        kind = _("AI assistant, before escalation")
    who = f"{sanitize(entry.author)} · " if entry.author else ""
    return f"[{at}] {who}{kind}\n{sanitize(entry.body)}\n"


def _print_ticket(view: TicketView) -> None:
    from console.tickets import PRIORITY_LABELS, STATUS_LABELS, label

    print(f"#{view.id} {sanitize(view.subject)}")
    print(
        " · ".join(
            [
                view.channel,
                view.language,
                label(STATUS_LABELS, view.status),
                label(PRIORITY_LABELS, view.priority),
                sanitize(view.assignee_name or _("unassigned")),
            ]
        )
    )
    customer = view.customer
    print(
        _("Customer: {name} (@{username}), {country}, {language}").format(
            name=sanitize(customer.display_name),
            username=sanitize(customer.username),
            country=customer.country,
            language=customer.language,
        )
    )
    if view.order is not None:
        print(
            _("Order: {reference} ({status})").format(
                reference=sanitize(view.order.reference), status=view.order.status
            )
        )
    if view.merged_into_id is not None:
        print(_("Merged into #{id}.").format(id=view.merged_into_id))
    print()
    for entry in view.thread:
        print(_entry_line(entry))


def _show(args: argparse.Namespace) -> int:
    from console.tickets import load_ticket, ticket_json

    store, _agent = _session(args)
    view = load_ticket(store, args.id)
    if args.json:
        print_json(ticket_json(view))
    else:
        _print_ticket(view)
    return 0


def _sent(args: argparse.Namespace, entry: ThreadEntry, done: str) -> int:
    from console.tickets import entry_json

    if args.json:
        print_json({"ticket": args.id, "message": entry_json(entry)})
    else:
        print(done)
    return 0


def _reply(args: argparse.Namespace) -> int:
    from console.errors import BadInput
    from console.macros import fill, find_macro
    from console.tickets import load_ticket, reply

    store, agent = _session(args)
    parts: list[str] = []
    if args.macro:
        view = load_ticket(store, args.id)
        filled = fill(find_macro(args.macro, view.language), view.placeholders(agent.name))
        if filled.missing:
            raise BadInput(
                _(
                    "Macro {macro!r} needs {names}, which ticket #{id} does not have: "
                    "write the reply with --body instead."
                ).format(
                    macro=args.macro,
                    names=", ".join("{" + name + "}" for name in filled.missing),
                    id=args.id,
                )
            )
        parts.append(filled.text)
    if args.body:
        parts.append(args.body)
    if not parts:
        raise BadInput(_("Nothing to send: give --body TEXT or --macro NAME."))
    entry = reply(
        store,
        agent,
        args.id,
        "\n\n".join(parts),
        now=_now(),
        seen_last_message_id=args.seen,
        force=args.force,
        macros=(args.macro,) if args.macro else (),
    )
    return _sent(args, entry, _("Reply sent on ticket #{id}.").format(id=args.id))


def _note(args: argparse.Namespace) -> int:
    from console.tickets import add_note

    store, agent = _session(args)
    entry = add_note(store, agent, args.id, args.body, now=_now())
    return _sent(args, entry, _("Note added to ticket #{id}.").format(id=args.id))


def _status(args: argparse.Namespace) -> int:
    from console.tickets import STATUS_LABELS, label, set_status

    store, agent = _session(args)
    status = set_status(store, agent, args.id, args.status, now=_now())
    if args.json:
        print_json({"ticket": args.id, "status": status})
    else:
        print(
            _("Ticket #{id} is now {status}.").format(
                id=args.id, status=label(STATUS_LABELS, status)
            )
        )
    return 0


def _priority(args: argparse.Namespace) -> int:
    from console.tickets import PRIORITY_LABELS, label, set_priority

    store, agent = _session(args)
    priority = set_priority(store, agent, args.id, args.priority, now=_now())
    if args.json:
        print_json({"ticket": args.id, "priority": priority})
    else:
        print(
            _("Ticket #{id} is now {priority}.").format(
                id=args.id, priority=label(PRIORITY_LABELS, priority)
            )
        )
    return 0


def _assign(args: argparse.Namespace) -> int:
    from console.tickets import assign

    store, agent = _session(args)
    handle = None if args.handle.strip() == "-" else args.handle
    assignee = assign(store, agent, args.id, handle, now=_now())
    if args.json:
        print_json({"ticket": args.id, "assignee_id": assignee, "assignee": handle})
    elif handle is None:
        print(_("Ticket #{id} is unassigned.").format(id=args.id))
    else:
        print(
            _("Ticket #{id} is assigned to {handle}.").format(id=args.id, handle=sanitize(handle))
        )
    return 0


def _merge(args: argparse.Namespace) -> int:
    from console.tickets import merge

    store, agent = _session(args)
    moved = merge(store, agent, args.id, args.into, now=_now())
    if args.json:
        print_json({"ticket": args.id, "merged_into": args.into, "messages_moved": moved})
    else:
        print(
            _("Ticket #{id} merged into #{into} ({count} messages moved).").format(
                id=args.id, into=args.into, count=moved
            )
        )
    return 0


def _link_dispute(args: argparse.Namespace) -> int:
    from console.tickets import link_dispute, open_dispute

    store, agent = _session(args)
    if args.open:
        dispute = open_dispute(store, agent, args.id, args.open, now=_now())
        done = _("Dispute #{dispute} opened for ticket #{id}.")
    else:
        dispute = link_dispute(store, agent, args.id, args.dispute, now=_now())
        done = _("Dispute #{dispute} linked to ticket #{id}.")
    if args.json:
        print_json({"ticket": args.id, "dispute": dispute, "opened": bool(args.open)})
    else:
        print(done.format(dispute=dispute, id=args.id))
    return 0


def _article(args: argparse.Namespace) -> int:
    from console.tickets import insert_article

    store, agent = _session(args)
    entry = insert_article(
        store,
        agent,
        args.id,
        args.slug,
        now=_now(),
        seen_last_message_id=args.seen,
        force=args.force,
    )
    return _sent(args, entry, _("Article sent on ticket #{id}.").format(id=args.id))
