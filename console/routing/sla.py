"""SLA clocks: due times counted in business time, paused while waiting on the customer.

Business time is the team's support hours (setting `team.support_hours`: shift-shaped rules in
the team zone; default Monday to Friday 09:00–17:00) minus the dates of the team's holiday
calendar (setting `team.holidays`). A ticket opened on Friday at 17:00 with 8 business hours
to go is due on Monday at 17:00.

Targets come from the setting `sla.targets`, merged over these defaults (minutes of business
time; a setting may override any cell, e.g. `{"chat": {"urgent": {"first_reply_minutes": 2}}}`):

| channel | priority | first reply | resolution |
|---|---|---|---|
| email | urgent / high / normal / low | 60 / 240 / 480 / 960 | 480 / 960 / 2400 / 4800 |
| chat | urgent / high / normal / low | 5 / 10 / 15 / 30 | 240 / 480 / 960 / 1920 |
| phone | urgent / high / normal / low | 5 / 15 / 30 / 60 | 240 / 480 / 960 / 1920 |
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any, Final

from console.routing.schedule import (
    Interval,
    ShiftRule,
    WorkSchedule,
    expand,
    merge_intervals,
    parse_wall_time,
    subtract_intervals,
)

if TYPE_CHECKING:
    from console.store import Store

DEFAULT_SUPPORT_HOURS: Final = (
    ShiftRule("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", time(9), time(17), date(2026, 1, 5)),
)
DEFAULT_SLA_MINUTES: Final[Mapping[str, Mapping[str, tuple[int, int]]]] = {
    "email": {"urgent": (60, 480), "high": (240, 960), "normal": (480, 2400), "low": (960, 4800)},
    "chat": {"urgent": (5, 240), "high": (10, 480), "normal": (15, 960), "low": (30, 1920)},
    "phone": {"urgent": (5, 240), "high": (15, 480), "normal": (30, 960), "low": (60, 1920)},
}
SEARCH_CHUNK = timedelta(days=14)
SEARCH_LIMIT = timedelta(days=400)

Pause = tuple[datetime, datetime | None]
"""A time the clock stood still (waiting on the customer); an open pause has no end yet."""


@dataclass(frozen=True)
class BusinessCalendar:
    """When business time runs: support hours in the team zone, minus holidays."""

    zone: str = "Europe/Amsterdam"
    hours: tuple[ShiftRule, ...] = DEFAULT_SUPPORT_HOURS
    holidays: frozenset[date] = frozenset()

    def intervals(self, start: datetime, end: datetime) -> list[Interval]:
        """Business intervals (epoch seconds) overlapping [start, end), clipped to it."""
        schedule = WorkSchedule(zone=self.zone, shifts=self.hours, holidays=self.holidays)
        low, high = start.timestamp(), end.timestamp()
        return [
            (max(s, low), min(e, high))
            for s, e in expand(schedule, start, end).on_shift
            if min(e, high) > max(s, low)
        ]


@dataclass(frozen=True)
class SlaTarget:
    """How much business time a first reply and a resolution may take."""

    first_reply: timedelta
    resolution: timedelta


def _pauses(paused: Sequence[Pause]) -> tuple[list[Interval], float | None]:
    """Closed pauses as merged intervals, and the start of the earliest open one (if any)."""
    closed = [(s.timestamp(), e.timestamp()) for s, e in paused if e is not None]
    open_starts = [s.timestamp() for s, e in paused if e is None]
    return merge_intervals(closed), (min(open_starts) if open_starts else None)


def due_at(
    start: datetime,
    business_time: timedelta,
    calendar: BusinessCalendar,
    paused: Sequence[Pause] = (),
) -> datetime | None:
    """When `business_time` of business hours after `start` have run, pauses excluded.

    None when the clock is paused without end (waiting on the customer) before it runs out.
    `ValueError` when the calendar has no business time within 400 days.
    """
    remaining = business_time.total_seconds()
    if remaining <= 0:
        return start
    closed, open_from = _pauses(paused)
    if open_from is not None:
        closed = merge_intervals([*closed, (open_from, float("inf"))])
    cursor = start
    while cursor - start < SEARCH_LIMIT:
        if open_from is not None and cursor.timestamp() >= open_from:
            return None
        chunk_end = cursor + SEARCH_CHUNK
        for low, high in subtract_intervals(calendar.intervals(cursor, chunk_end), closed):
            if high - low >= remaining:
                return datetime.fromtimestamp(low + remaining, UTC)
            remaining -= high - low
        cursor = chunk_end
    raise ValueError("the support hours hold no business time within 400 days")


def business_time_between(
    calendar: BusinessCalendar, start: datetime, end: datetime, paused: Sequence[Pause] = ()
) -> timedelta:
    """Business time elapsed from `start` to `end`, pauses excluded."""
    if end <= start:
        return timedelta(0)
    closed, open_from = _pauses(paused)
    if open_from is not None:
        closed = merge_intervals([*closed, (open_from, end.timestamp())])
    running = subtract_intervals(calendar.intervals(start, end), closed)
    return timedelta(seconds=sum(high - low for low, high in running))


def sla_targets(setting: Any = None) -> dict[tuple[str, str], SlaTarget]:
    """Targets per (channel, priority): the defaults with the `sla.targets` setting over them."""
    overrides = setting if isinstance(setting, dict) else {}
    targets: dict[tuple[str, str], SlaTarget] = {}
    for channel, by_priority in DEFAULT_SLA_MINUTES.items():
        for priority, (first, resolution) in by_priority.items():
            cell = overrides.get(channel, {}).get(priority, {})
            if not isinstance(cell, dict):
                cell = {}
            targets[(channel, priority)] = SlaTarget(
                first_reply=timedelta(minutes=float(cell.get("first_reply_minutes", first))),
                resolution=timedelta(minutes=float(cell.get("resolution_minutes", resolution))),
            )
    return targets


def ticket_due_times(
    channel: str,
    priority: str,
    opened_at: datetime,
    calendar: BusinessCalendar,
    targets: Mapping[tuple[str, str], SlaTarget],
    paused: Sequence[Pause] = (),
) -> tuple[datetime | None, datetime | None]:
    """First-reply and resolution due times of a ticket."""
    target = targets.get((channel, priority)) or targets[("email", "normal")]
    return (
        due_at(opened_at, target.first_reply, calendar, paused),
        due_at(opened_at, target.resolution, calendar, paused),
    )


class BusinessTimeline:
    """Business time over a fixed window, for the many due times of a bulk load.

    The window's business intervals are expanded once; a due time is then two bisections over
    the running total of business seconds, instead of one expansion per ticket. Instants are
    epoch seconds; outside the window `due` answers None and the caller uses `due_at`.
    """

    def __init__(self, calendar: BusinessCalendar, start: datetime, end: datetime) -> None:
        intervals = calendar.intervals(start, end)
        self._starts = [low for low, _high in intervals]
        self._ends = [high for _low, high in intervals]
        self._before: list[float] = []  # business seconds before each interval
        total = 0.0
        for low, high in intervals:
            self._before.append(total)
            total += high - low
        self._total = total
        self._window = (start.timestamp(), end.timestamp())

    def _elapsed(self, instant: float) -> float:
        index = bisect_right(self._starts, instant) - 1
        if index < 0:
            return 0.0
        return self._before[index] + min(instant, self._ends[index]) - self._starts[index]

    def due(self, opened: float, business_seconds: float) -> float | None:
        """The epoch second when `business_seconds` have run after `opened`, or None."""
        if not self._window[0] <= opened < self._window[1]:
            return None
        if business_seconds <= 0:
            return opened
        target = self._elapsed(opened) + business_seconds
        if target > self._total:
            return None
        # The earliest instant the total reaches `target`: the end of an interval, not the
        # start of the next one, when it lands exactly on a boundary (as `due_at` does).
        index = max(bisect_left(self._before, target) - 1, 0)
        return self._starts[index] + (target - self._before[index])


def bulk_due_times(
    openings: Sequence[tuple[str, str, datetime]],
    calendar: BusinessCalendar,
    targets: Mapping[tuple[str, str], SlaTarget],
) -> list[tuple[datetime | None, datetime | None]]:
    """First-reply and resolution due times of many tickets opened (channel, priority, at)."""
    if not openings:
        return []
    instants = [opened for _channel, _priority, opened in openings]
    timeline = BusinessTimeline(calendar, min(instants), max(instants) + timedelta(days=60))
    result: list[tuple[datetime | None, datetime | None]] = []
    for channel, priority, opened in openings:
        target = targets.get((channel, priority)) or targets[("email", "normal")]
        pair: list[datetime | None] = []
        for amount in (target.first_reply, target.resolution):
            fast = timeline.due(opened.timestamp(), amount.total_seconds())
            pair.append(
                datetime.fromtimestamp(fast, UTC)
                if fast is not None
                else due_at(opened, amount, calendar)
            )
        result.append((pair[0], pair[1]))
    return result


def calendar_from_settings(
    zone: str, support_hours: Any, holidays: frozenset[date]
) -> BusinessCalendar:
    """A business calendar from the stored settings (support hours as shift-shaped dicts)."""
    hours: tuple[ShiftRule, ...] = DEFAULT_SUPPORT_HOURS
    if isinstance(support_hours, list) and support_hours:
        hours = tuple(
            ShiftRule(
                rule=item["rrule"],
                start=parse_wall_time(item["start"]),
                end=parse_wall_time(item["end"]),
                valid_from=date.fromisoformat(item["valid_from"]),
                valid_until=(
                    date.fromisoformat(item["valid_until"]) if item.get("valid_until") else None
                ),
            )
            for item in support_hours
        )
    return BusinessCalendar(zone=zone, hours=hours, holidays=holidays)


def load_business_calendar(store: Store) -> BusinessCalendar:
    """The team's business calendar as stored (settings and the team's holiday calendar)."""
    from sqlmodel import col, select

    from console.routing.snapshot import (
        DEFAULT_TEAM_ZONE,
        SUPPORT_HOURS_SETTING,
        TEAM_HOLIDAYS_SETTING,
        TEAM_ZONE_SETTING,
        read_setting,
    )
    from models import Holiday

    with store.read() as session:
        zone = read_setting(session, TEAM_ZONE_SETTING, DEFAULT_TEAM_ZONE)
        hours = read_setting(session, SUPPORT_HOURS_SETTING)
        calendar_name = read_setting(session, TEAM_HOLIDAYS_SETTING)
        days: frozenset[date] = frozenset()
        if calendar_name:
            rows = session.exec(select(Holiday).where(col(Holiday.calendar) == calendar_name))
            days = frozenset(holiday.day for holiday in rows)
    return calendar_from_settings(str(zone), hours, days)


def load_sla_targets(store: Store) -> dict[tuple[str, str], SlaTarget]:
    """The SLA targets as configured (`sla.targets` over the defaults)."""
    from console.routing.snapshot import SLA_TARGETS_SETTING, read_setting

    with store.read() as session:
        return sla_targets(read_setting(session, SLA_TARGETS_SETTING))
