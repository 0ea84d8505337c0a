"""The `guichet` command: opens the console, or runs one scriptable command.

Every command shares the same conventions (see `guichet --help`): `--db`, `--agent`, `--json`,
one clear sentence on stderr for an error, and exit status 0 ok, 1 refused, 2 bad input,
3 store unreachable or not migrated.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from console.errors import GuichetError
from console.i18n import _


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors as one sentence with exit status 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"guichet: {message} (see `{self.prog} --help`)\n")


def build_parser() -> argparse.ArgumentParser:
    """The whole command tree."""
    from console.commands import COMMAND_MODULES

    parser = _Parser(
        prog="guichet",
        description=_("Guichet: the support team's console. Without a command, opens it."),
    )
    add_common_options(parser)
    add_console_options(parser)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for module in COMMAND_MODULES:
        module.register(commands)
    return parser


def add_common_options(parser: argparse.ArgumentParser, *, for_subcommand: bool = False) -> None:
    """`--db` and `--agent`, accepted before or after the command name."""
    default = argparse.SUPPRESS if for_subcommand else None
    parser.add_argument(
        "--db",
        metavar="URL",
        default=default,
        help=_("the store: an SQLAlchemy URL or a path to an SQLite file (env: GUICHET_DB)"),
    )
    parser.add_argument(
        "--agent",
        metavar="HANDLE",
        default=default,
        help=_("the acting agent's handle (env: GUICHET_AGENT)"),
    )


def add_console_options(parser: argparse.ArgumentParser) -> None:
    """`--view`: what the console opens on once the agent is signed in."""
    parser.add_argument(
        "--view",
        metavar="VIEW",
        dest="console_view",
        help=_(
            "without a command: once signed in, open the queue on VIEW instead of home "
            "(mine, unassigned-in-my-languages, waiting-chats, phone-callbacks, "
            "disputes-for-me, dispute-clocks-run-out, sla-at-risk, all, or saved:NAME)"
        ),
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `guichet` console script."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    console_args = _console_arguments(args_list)
    if console_args is not None:
        return _open_console(console_args)
    parser = build_parser()
    args = parser.parse_args(args_list)
    if args.command is None:
        return _open_console(args)
    if args.console_view is not None:
        parser.error(_("--view opens the console; give a command's options after its name"))
    try:
        status: int = args.handler(args)
        return status
    except GuichetError as error:
        print(f"guichet: {error.message}", file=sys.stderr)
        return error.exit_status
    except KeyboardInterrupt:
        print("guichet: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as error:  # a person must never see a traceback
        return _report_failure(error)


def _console_arguments(args_list: list[str]) -> argparse.Namespace | None:
    """The options of a `guichet` that opens the console, or None when `args_list` names a
    command or asks for help. Read without the commands' modules, which the console never
    needs before its first screen."""
    parser = _Parser(prog="guichet", add_help=False)
    add_common_options(parser)
    add_console_options(parser)
    args, rest = parser.parse_known_args(args_list)
    return None if rest else args


def _open_console(args: argparse.Namespace) -> int:
    from screens.app import run_console

    return int(run_console(db=args.db, view=args.console_view))


def _report_failure(error: Exception) -> int:
    from console.crashes import explain_failure

    failure = explain_failure(error)
    print(f"guichet: {failure.sentence}", file=sys.stderr)
    if failure.store_unreachable:
        return 3
    if os.environ.get("GUICHET_DEBUG"):
        raise error
    return 1


if __name__ == "__main__":
    sys.exit(main())
