"""`guichet db upgrade|current`: the store's schema migrations."""

from __future__ import annotations

import argparse

from console.commands.common import add_command, print_json, store_from
from console.i18n import _
from console.migrate import schema_status, upgrade


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `db upgrade` and `db current`."""
    db = commands.add_parser("db", help=_("the store's schema migrations"))
    actions = db.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    add_command(actions, "upgrade", _("apply every pending schema migration"), _upgrade)
    add_command(actions, "current", _("show the store's schema revision"), _current)


def _upgrade(args: argparse.Namespace) -> int:
    store = store_from(args, require_current=False)
    before = schema_status(store).current
    after = upgrade(store)
    if args.json:
        print_json({"store": store.location, "from": before, "to": after.current})
    elif before == after.current:
        print(
            _("The store at {where} is up to date ({rev}).").format(
                where=store.location, rev=after.current
            )
        )
    else:
        print(
            _("The store at {where} was upgraded from {old} to {new}.").format(
                where=store.location, old=before or "nothing", new=after.current
            )
        )
    return 0


def _current(args: argparse.Namespace) -> int:
    store = store_from(args, require_current=False)
    status = schema_status(store)
    if args.json:
        print_json(
            {
                "store": store.location,
                "current": status.current,
                "head": status.head,
                "is_current": status.is_current,
            }
        )
    else:
        state = _("up to date") if status.is_current else _("needs `guichet db upgrade`")
        print(f"{store.location}: {status.current or '-'} (head {status.head}, {state})")
    return 0
