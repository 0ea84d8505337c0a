"""`guichet coverage [--from D] [--days N] [--zone Z] [--json]`: agents on shift per hour.

For every (channel, language) served in-house and every UTC hour of the period, the number of
agents on shift with that skill (schedule only). Needs the store, not an agent's identity.
"""

from __future__ import annotations

import argparse
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

from console.commands.common import add_command, print_json, store_from
from console.errors import BadInput
from console.i18n import _

if TYPE_CHECKING:
    from console.routing.coverage import Coverage

MAX_DAYS = 31


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `coverage`."""
    parser = add_command(
        commands,
        "coverage",
        _("agents on shift per channel, language and hour, and the holes"),
        _coverage,
    )
    parser.add_argument(
        "--from",
        dest="from_date",
        metavar="DATE",
        help=_("first day, YYYY-MM-DD, in the zone (default: today)"),
    )
    parser.add_argument(
        "--days", default="7", metavar="N", help=_("number of days, 1 to 31 (default: 7)")
    )
    parser.add_argument(
        "--zone", metavar="ZONE", help=_("IANA zone of the days (default: the team's zone)")
    )


def _days(value: str) -> int:
    try:
        days = int(value)
    except ValueError:
        days = 0
    if not 1 <= days <= MAX_DAYS:
        raise BadInput(
            _(
                "--days {value!r} is not a whole number from 1 to {most}; write e.g. --days 7"
            ).format(value=value, most=MAX_DAYS)
        )
    return days


def _from_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise BadInput(
            _("--from {value!r} is not a date; write it like 2026-11-23").format(value=value)
        ) from None


def _zone(value: str) -> str:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise BadInput(
            _("--zone {value!r} is not an IANA time zone; write one like Europe/Paris").format(
                value=value
            )
        ) from None
    return value


def _coverage(args: argparse.Namespace) -> int:
    from zoneinfo import ZoneInfo

    from console.commands.offer import use_language_of_named_agent
    from console.routing.coverage import coverage, coverage_document, period
    from console.routing.snapshot import (
        DEFAULT_TEAM_ZONE,
        TEAM_ZONE_SETTING,
        load_snapshot,
        read_setting,
    )

    days = _days(args.days)
    first_day = _from_date(args.from_date) if args.from_date else None
    zone = _zone(args.zone) if args.zone else None
    store = store_from(args)
    if zone is None:
        with store.read() as session:
            zone = str(read_setting(session, TEAM_ZONE_SETTING, DEFAULT_TEAM_ZONE))
    if first_day is None:
        first_day = datetime.now(UTC).astimezone(ZoneInfo(zone)).date()
    start, end = period(first_day, days, zone)
    result = coverage(load_snapshot(store, start, until=end), first_day, days, zone)
    if args.json:
        print_json(coverage_document(result))
    else:
        use_language_of_named_agent(args, store)
        print(_describe(result))
    return 0


def _describe(result: Coverage) -> str:
    from console.routing.coverage import holes
    from console.routing.labels import channel_label
    from console.routing.offer import utc_iso

    lines = [
        _(
            "Agents on shift from {start} ({hours} hours, UTC), holes by channel and language:"
        ).format(start=utc_iso(result.start), hours=len(result.hours))
    ]
    for row in result.rows:
        label = f"  {channel_label(row.channel):<8} {row.language:<3}"
        if not row.holes:
            lines.append(
                label + " " + _("covered every hour (at least {n})").format(n=min(row.counts))
            )
            continue
        runs = holes(row, result.hours)
        shown = ", ".join(f"{utc_iso(a)[5:16]}–{utc_iso(b)[11:16]}" for a, b in runs[:4])
        more = _(" and {n} more").format(n=len(runs) - 4) if len(runs) > 4 else ""
        lines.append(
            label
            + " "
            + _("{n} hours uncovered: {runs}{more}").format(n=row.holes, runs=shown, more=more)
        )
    return "\n".join(lines)
