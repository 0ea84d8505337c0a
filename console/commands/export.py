"""`guichet export dsa [--since D] [--format jsonl|batch]`: statements of reasons.

Statements that pass the Transparency Database's rules go to stdout (one per line, or batches
of at most 100 as `{"statements": [...]}`, one batch per line). A statement that would not pass
is never written: each problem is named on stderr (restriction, puid, field) and the command
exits 1, a rule refusing part of the export, after writing the statements that pass.
"""

from __future__ import annotations

import argparse
import json
import sys

from console.commands.common import acting_agent, add_command, store_from
from console.i18n import _


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `export dsa`."""
    export = commands.add_parser("export", help=_("export data for outside systems"))
    kinds = export.add_subparsers(dest="export_kind", metavar="KIND", required=True)
    dsa = add_command(
        kinds,
        "dsa",
        _(
            "statements of reasons for the DSA Transparency Database; "
            "invalid ones are named on stderr, not exported (exit 1)"
        ),
        _dsa,
        json_flag=False,
    )
    dsa.add_argument("--since", metavar="D", help=_("restrictions applied from this date"))
    dsa.add_argument("--format", choices=("jsonl", "batch"), default="jsonl")


def _dsa(args: argparse.Namespace) -> int:
    from console.disputes.dsa import export_statements
    from console.i18n import set_language
    from console.instants import parse_instant

    store = store_from(args)
    agent = acting_agent(args, store)
    set_language(agent.ui_language)
    since = parse_instant(args.since, "--since", dates=True) if args.since else None
    result = export_statements(store, agent, since)
    documents = result.statements if args.format == "jsonl" else list(result.batches())
    for document in documents:
        sys.stdout.write(json.dumps(document, ensure_ascii=False, sort_keys=True) + "\n")
    for problem in result.problems:
        print(_("guichet: not exported: {problem}").format(problem=problem), file=sys.stderr)
    return 1 if result.problems else 0
