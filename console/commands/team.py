"""`guichet team validate FILE | import FILE | export [-o FILE]`: the team file (routing as code).

`validate` checks a file without a store. `import` and `export` on a store that has no agent
yet need only access to the store (bootstrap); once it has agents they need a team lead or an
admin (`--agent`, with the password from `GUICHET_PASSWORD`, the keyring or a prompt).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from console.commands.common import add_command, print_json, store_from
from console.errors import BadInput
from console.i18n import _

if TYPE_CHECKING:
    from console.routing.team_file import TeamSpec
    from console.store import Store


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `team validate`, `team import` and `team export`."""
    team = commands.add_parser("team", help=_("the team file: agents, languages, shifts"))
    actions = team.add_subparsers(dest="team_command", metavar="ACTION", required=True)
    validate = add_command(
        actions,
        "validate",
        _("check a team file and report every error; writes nothing"),
        _validate,
    )
    validate.add_argument("file", metavar="FILE", help=_("the TOML team file (- for stdin)"))
    load = add_command(
        actions,
        "import",
        _("load a team file: all or nothing; agents missing from it are deactivated"),
        _import,
    )
    load.add_argument("file", metavar="FILE", help=_("the TOML team file (- for stdin)"))
    export = add_command(
        actions, "export", _("write the team as a team file (TOML)"), _export, json_flag=False
    )
    export.add_argument(
        "-o", "--output", metavar="FILE", help=_("write to FILE instead of standard output")
    )


def _read(path: str) -> tuple[str, str]:
    if path == "-":
        return sys.stdin.read(), "stdin"
    try:
        return Path(path).read_text(encoding="utf-8"), path
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        raise BadInput(
            _("cannot read the team file {path} ({reason})").format(path=path, reason=reason)
        ) from None


def _parse(path: str) -> tuple[TeamSpec, str]:
    from console.routing.team_file import parse_team

    text, source = _read(path)
    return parse_team(text, source), source


def _validate(args: argparse.Namespace) -> int:
    team, source = _parse(args.file)
    if args.json:
        print_json(
            {
                "file": source,
                "valid": True,
                "agents": len(team.agents),
                "shifts": team.shift_count,
                "holiday_calendars": sorted(team.calendars),
            }
        )
    else:
        print(
            _(
                "{source} is valid: {agents} agents, {shifts} shifts, "
                "{calendars} holiday calendars."
            ).format(
                source=source,
                agents=len(team.agents),
                shifts=team.shift_count,
                calendars=len(team.calendars),
            )
        )
    return 0


def team_manager_id(args: argparse.Namespace, store: Store, action: str) -> int | None:
    """Who may change or read the team file: anyone with the store while it has no agent
    (bootstrap, returns None), else a signed-in agent whose role allows `action`."""
    from sqlmodel import select

    from console.commands.common import acting_agent
    from console.permissions import require
    from models import Agent

    with store.read() as session:
        has_agents = session.exec(select(Agent.id).limit(1)).first() is not None
    if not has_agents:
        return None
    agent = acting_agent(args, store)
    require(agent, action)
    return agent.id


def _import(args: argparse.Namespace) -> int:
    from console.permissions import Action
    from console.routing.team_store import import_team

    team, source = _parse(args.file)
    store = store_from(args)
    actor_id = team_manager_id(args, store, Action.TEAM_IMPORT)
    summary = import_team(store, team, actor_id=actor_id, source=source)
    if args.json:
        print_json(
            {
                "file": source,
                "added": list(summary.added),
                "updated": list(summary.updated),
                "deactivated": list(summary.deactivated),
                "shifts": summary.shifts,
                "holidays": summary.holidays,
            }
        )
    else:
        print(
            _(
                "Imported {source}: {added} added, {updated} updated, {deactivated} deactivated, "
                "{shifts} shifts."
            ).format(
                source=source,
                added=len(summary.added),
                updated=len(summary.updated),
                deactivated=len(summary.deactivated),
                shifts=summary.shifts,
            )
        )
        if summary.deactivated:
            print(_("Deactivated: {handles}").format(handles=", ".join(summary.deactivated)))
    return 0


def _export(args: argparse.Namespace) -> int:
    from console.permissions import Action
    from console.routing.team_store import export_team

    store = store_from(args)
    team_manager_id(args, store, Action.TEAM_EXPORT)
    text = export_team(store)
    if args.output:
        try:
            Path(args.output).write_text(text, encoding="utf-8")
        except OSError as error:
            raise BadInput(
                _("cannot write {path} ({reason})").format(path=args.output, reason=error.strerror)
            ) from None
    else:
        sys.stdout.write(text)
    return 0
