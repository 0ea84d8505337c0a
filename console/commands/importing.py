"""`guichet import FILE`: help-center escalations (JSON Lines) into the queue, all or nothing."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from console.commands.common import add_command, print_json, store_from
from console.i18n import _, ngettext


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `import`."""
    parser = add_command(
        commands,
        "import",
        _(
            "import help-center escalations: JSON Lines, one ticket per line (see "
            "docs/import-format.md); all or nothing, errors name the line and the field"
        ),
        _import,
    )
    parser.add_argument("file", metavar="FILE", help=_("the JSON Lines file, or - for stdin"))


def _import(args: argparse.Namespace) -> int:
    from console.errors import BadInput
    from console.importer import import_escalations

    if args.file == "-":
        name = "stdin"
        data = sys.stdin.buffer.read()
    else:
        path = Path(args.file)
        name = path.name
        try:
            data = path.read_bytes()
        except OSError as error:
            raise BadInput(
                _("cannot read {file}: {reason}; check the path").format(
                    file=args.file, reason=error.strerror or error
                )
            ) from None
    store = store_from(args)
    try:
        result = import_escalations(store, data, name)
    finally:
        store.dispose()
    if args.json:
        print_json({"imported": len(result.ticket_ids), "ticket_ids": result.ticket_ids})
        return 0
    count = len(result.ticket_ids)
    print(
        ngettext(
            "Imported {count} ticket from {file}.",
            "Imported {count} tickets from {file}.",
            count,
        ).format(count=count, file=name)
    )
    return 0
