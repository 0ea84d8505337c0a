"""What every subcommand shares: the store it names, JSON output, the acting agent."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any

from console.settings import resolve_store_url
from console.store import Store, open_store

if TYPE_CHECKING:
    from console.auth import SignedInAgent

Handler = Any  # Callable[[argparse.Namespace], int]


def add_command(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    name: str,
    help_text: str,
    handler: Handler,
    *,
    json_flag: bool = True,
) -> argparse.ArgumentParser:
    """Add a subcommand with the common options (`--db`, `--agent`, and `--json`)."""
    from console.cli import add_common_options

    parser = commands.add_parser(name, help=help_text, description=help_text)
    add_common_options(parser, for_subcommand=True)
    if json_flag:
        parser.add_argument(
            "--json", action="store_true", help="print exactly one JSON document on stdout"
        )
    parser.set_defaults(handler=handler)
    return parser


def store_from(args: argparse.Namespace, *, require_current: bool = True) -> Store:
    """The store named by `--db`/`GUICHET_DB`, or the default one."""
    return open_store(resolve_store_url(getattr(args, "db", None)), require_current=require_current)


def print_json(document: Any) -> None:
    """Exactly one JSON document on stdout."""
    json.dump(document, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


def acting_agent(args: argparse.Namespace, store: Store) -> SignedInAgent:
    """The agent a command acts for: `--agent`/`GUICHET_AGENT`, signed in with their secret.

    The secret comes from `GUICHET_PASSWORD`, else the keyring entry saved by "remember me",
    else a prompt when stdin is a terminal; otherwise the command is refused with a sentence
    saying how to give one.
    """
    import os

    from console.auth import authenticate
    from console.credentials import recall
    from console.errors import BadInput
    from console.i18n import _
    from console.settings import AGENT_ENV, PASSWORD_ENV
    from models.types import utcnow

    handle = (getattr(args, "agent", None) or os.environ.get(AGENT_ENV) or "").strip()
    if not handle:
        raise BadInput(
            _("This command acts as an agent: pass --agent HANDLE or set {env}.").format(
                env=AGENT_ENV
            )
        )
    secret = os.environ.get(PASSWORD_ENV) or recall(handle)
    if not secret and sys.stdin.isatty():
        import getpass

        try:
            secret = getpass.getpass(_("Password for {handle}: ").format(handle=handle))
        except EOFError:
            secret = ""
    if not secret:
        raise BadInput(
            _(
                "No password for {handle}: set {env}, sign in once in the console with "
                '"remember me", or run the command in a terminal to be asked.'
            ).format(handle=handle, env=PASSWORD_ENV)
        )
    return authenticate(store, handle, secret, now=utcnow(), via="cli")
