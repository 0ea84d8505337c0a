"""`guichet whoami` and `guichet presence`: the acting agent, and their presence for the team."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from console.commands.common import acting_agent, add_command, print_json, store_from
from console.i18n import _
from console.text import sanitize
from models.enums import Presence

if TYPE_CHECKING:
    from console.auth import SignedInAgent


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `whoami` and `presence`."""
    add_command(commands, "whoami", _("show the acting agent: handle, role, presence"), _whoami)
    presence = add_command(
        commands,
        "presence",
        _("set the acting agent's presence: available, away or offline"),
        _presence,
    )
    presence.add_argument(
        "presence",
        metavar="PRESENCE",
        choices=[p.value for p in Presence],
        help=_("available, away or offline"),
    )


def _document(agent: SignedInAgent) -> dict[str, object]:
    return {
        "handle": agent.handle,
        "name": agent.name,
        "role": agent.role,
        "presence": agent.presence,
    }


def _whoami(args: argparse.Namespace) -> int:
    from console.auth import presence_label
    from console.i18n import set_language
    from console.permissions import role_label

    store = store_from(args)
    agent = acting_agent(args, store)
    set_language(agent.ui_language)
    if args.json:
        print_json(_document(agent))
    else:
        print(
            _("{name} ({handle}): {role}, {presence}").format(
                name=sanitize(agent.name),
                handle=sanitize(agent.handle),
                role=role_label(agent.role),
                presence=presence_label(agent.presence),
            )
        )
    return 0


def _presence(args: argparse.Namespace) -> int:
    from console.auth import presence_label, set_presence
    from console.i18n import set_language
    from models.types import utcnow

    store = store_from(args)
    agent = acting_agent(args, store)
    set_language(agent.ui_language)
    agent = set_presence(store, agent.id, args.presence, now=utcnow())
    if args.json:
        print_json(_document(agent))
    else:
        print(
            _("{handle} is now {presence}.").format(
                handle=sanitize(agent.handle), presence=presence_label(agent.presence)
            )
        )
    return 0
