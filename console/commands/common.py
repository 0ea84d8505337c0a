"""What every subcommand shares: the store it names, JSON output, the acting agent."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from console.settings import resolve_store_url
from console.store import Store, open_store

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
