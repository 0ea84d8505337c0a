"""Coverage: how many agents are on shift per (channel, language) and UTC hour (schedule only).

An agent counts for an hour when on shift at any moment of that hour (a shift ending at 09:30
counts for the 09:00 hour; a one-hour absence from 10:15 does not empty the 10:00 hour).
Presence and load are ignored: coverage is about the plan. Inactive agents never count.

The period runs from local midnight of `from_date` in `zone` to local midnight `days` days
later, widened to whole UTC hours (a zone at +05:30 gets a half hour more at each end).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from math import ceil, floor
from zoneinfo import ZoneInfo

from console.routing.offer import CHANNELS, SERVED_LANGUAGES, AgentState, RoutingSnapshot
from console.routing.schedule import AgentIntervals, wall_clock_to_utc

HOUR = 3600


@dataclass(frozen=True)
class CoverageRow:
    """Agents on shift per hour for one (channel, language) pair."""

    channel: str
    language: str
    counts: tuple[int, ...]

    @property
    def holes(self) -> int:
        """Hours with nobody on shift."""
        return sum(1 for count in self.counts if count == 0)


@dataclass(frozen=True)
class Coverage:
    """Coverage of a period, hour by hour (UTC), for every pair served in-house."""

    zone: str
    start: datetime  # UTC, on the hour
    hours: tuple[datetime, ...]
    rows: tuple[CoverageRow, ...]

    def row(self, channel: str, language: str) -> CoverageRow:
        """The row of one (channel, language) pair."""
        for row in self.rows:
            if row.channel == channel and row.language == language:
                return row
        raise KeyError((channel, language))


def period(from_date: date, days: int, zone: str) -> tuple[datetime, datetime]:
    """UTC start and end (whole hours) of `days` local days from `from_date` in `zone`."""
    tz = ZoneInfo(zone)
    start = wall_clock_to_utc(datetime.combine(from_date, datetime.min.time()), tz)
    end = wall_clock_to_utc(
        datetime.combine(from_date + timedelta(days=days), datetime.min.time()), tz
    )
    return (
        datetime.fromtimestamp(floor(start.timestamp() / HOUR) * HOUR, UTC),
        datetime.fromtimestamp(ceil(end.timestamp() / HOUR) * HOUR, UTC),
    )


def hours_touched(intervals: AgentIntervals, base: float, count: int) -> list[int]:
    """Indexes of the hours from `base` that some on-shift interval overlaps."""
    touched: set[int] = set()
    for start, end in intervals.on_shift:
        first = max(0, floor((start - base) / HOUR))
        last = min(count - 1, ceil((end - base) / HOUR) - 1)
        touched.update(range(first, last + 1))
    return sorted(touched)


def skills(agent: AgentState) -> list[tuple[str, str]]:
    """The (channel, language) pairs served in-house that `agent` covers."""
    return [
        (channel, language)
        for channel in CHANNELS
        for language in SERVED_LANGUAGES[channel]
        if agent.has_skill(channel, language)
    ]


def coverage(snapshot: RoutingSnapshot, from_date: date, days: int, zone: str) -> Coverage:
    """Agents on shift per (channel, language) served in-house and per UTC hour of the period."""
    start, end = period(from_date, days, zone)
    if not snapshot.schedules.covers(start, end):
        raise ValueError("the snapshot's schedules do not cover the coverage period")
    count = int((end - start).total_seconds() // HOUR)
    base = start.timestamp()
    pairs = [(str(channel), lang) for channel in CHANNELS for lang in SERVED_LANGUAGES[channel]]
    counts = {pair: [0] * count for pair in pairs}
    for agent in snapshot.agents:
        agent_pairs = skills(agent)
        if not agent_pairs:
            continue
        touched = hours_touched(snapshot.schedules.of(agent.id), base, count)
        for pair in agent_pairs:
            row = counts[pair]
            for hour in touched:
                row[hour] += 1
    return Coverage(
        zone=zone,
        start=start,
        hours=tuple(start + timedelta(hours=index) for index in range(count)),
        rows=tuple(
            CoverageRow(
                channel=channel,
                language=lang,
                counts=tuple(counts[(channel, lang)]),
            )
            for channel, lang in pairs
        ),
    )


def on_shift_during(
    snapshot: RoutingSnapshot, channel: str, language: str, start: datetime, end: datetime
) -> list[AgentState]:
    """Agents with the skill on shift at some moment of [start, end) (a heatmap cell)."""
    low, high = start.timestamp(), end.timestamp()
    found = []
    for agent in snapshot.agents:
        if not agent.has_skill(channel, language):
            continue
        intervals = snapshot.schedules.of(agent.id)
        if any(s < high and e > low for s, e in intervals.on_shift):
            found.append(agent)
    return found


def holes(row: CoverageRow, hours: Sequence[datetime]) -> list[tuple[datetime, datetime]]:
    """The row's runs of hours with nobody on shift, as [start, end) UTC."""
    runs: list[tuple[datetime, datetime]] = []
    run_start: int | None = None
    for index, value in enumerate([*row.counts, 1]):
        if value == 0 and run_start is None:
            run_start = index
        elif value != 0 and run_start is not None:
            runs.append((hours[run_start], hours[run_start] + timedelta(hours=index - run_start)))
            run_start = None
    return runs


def coverage_document(result: Coverage) -> dict[str, object]:
    """The JSON of `guichet coverage --json`."""
    from console.routing.offer import utc_iso

    return {
        "zone": result.zone,
        "from": utc_iso(result.start),
        "until": utc_iso(result.start + timedelta(hours=len(result.hours))),
        "hours": [utc_iso(hour) for hour in result.hours],
        "rows": [
            {
                "channel": row.channel,
                "language": row.language,
                "agents_on_shift": list(row.counts),
                "holes": row.holes,
            }
            for row in result.rows
        ],
    }
