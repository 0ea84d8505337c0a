"""Shift rules expanded to UTC intervals, and a precomputed index to ask "on shift at T?".

Rules (routing.md): each shift rule is an RFC 5545 RRULE expanded by python-dateutil on *naive*
local times (DTSTART = `valid_from` at `start`), then each occurrence's start and end are wall
clock times in the agent's zone, converted to UTC each on its own (an overnight shift across a
DST change lasts 7 or 9 hours). A time in the spring-forward gap moves forward by the gap
(`dateutil.tz.resolve_imaginary`); an ambiguous one takes `fold=0`. An occurrence starting on a
holiday (by local date) does not happen; absences cut their time out.

A routing decision must not expand rules: `ScheduleIndex.build` expands every agent once for a
window and keeps sorted, merged interval arrays (epoch seconds), queried with `bisect`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Hashable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from functools import cache, lru_cache
from typing import Generic, TypeVar
from zoneinfo import ZoneInfo

from dateutil.rrule import rrule, rrulestr
from dateutil.tz import resolve_imaginary

Key = TypeVar("Key", bound=Hashable)

# Which RRULE parts a shift may use: the time of day comes from `start`, validity from
# `valid_from`/`valid_until`, so BYHOUR/BYMINUTE/BYSECOND, COUNT, UNTIL and DTSTART are refused.
RRULE_PARTS = frozenset(
    {"FREQ", "INTERVAL", "BYDAY", "BYMONTH", "BYMONTHDAY", "BYYEARDAY", "BYWEEKNO", "BYSETPOS"}
    | {"WKST"}
)
RRULE_FREQUENCIES = ("DAILY", "WEEKLY", "MONTHLY", "YEARLY")
_WALL_TIME = re.compile(r"^([01][0-9]|2[0-3]):([0-5][0-9])$")
# An occurrence starting on local date d ends on d or d + 1: expand one day before a window.
_LONGEST_OCCURRENCE = timedelta(days=1)


class RuleError(ValueError):
    """A shift rule that cannot be used; the message says why."""


@dataclass(frozen=True)
class ParsedRule:
    """An RRULE checked against the team-file rules, with what expansion needs to know."""

    text: str
    frequency: str
    interval: int


@cache
def parse_rule(text: str) -> ParsedRule:
    """Check `text` (e.g. `FREQ=WEEKLY;BYDAY=MO,TU`) and return it parsed; `RuleError` if not."""
    if not text.strip():
        raise RuleError("the rule is empty; write one like FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR")
    if any(character in text for character in ":\n\r"):
        raise RuleError(
            "write only the RRULE value (FREQ=...;BYDAY=...), without DTSTART or RRULE:"
        )
    parts: dict[str, str] = {}
    for pair in text.strip().split(";"):
        name, equals, value = pair.partition("=")
        name = name.strip().upper()
        if not equals or not name or not value.strip():
            raise RuleError(f"{pair!r} is not NAME=VALUE")
        if name in ("COUNT", "UNTIL", "DTSTART"):
            raise RuleError(f"{name} is not allowed; use valid_from and valid_until instead")
        if name not in RRULE_PARTS:
            raise RuleError(
                f"{name} is not allowed in a shift rule (allowed: {', '.join(sorted(RRULE_PARTS))})"
            )
        if name in parts:
            raise RuleError(f"{name} is given twice")
        parts[name] = value.strip().upper()
    frequency = parts.get("FREQ")
    if frequency not in RRULE_FREQUENCIES:
        raise RuleError(f"FREQ must be one of {', '.join(RRULE_FREQUENCIES)}")
    try:
        rrulestr(text, dtstart=datetime(2026, 1, 5))
    except (ValueError, KeyError, TypeError, IndexError) as error:
        raise RuleError(f"not a valid RRULE ({error})") from None
    interval = int(parts.get("INTERVAL", "1"))
    if interval < 1:
        raise RuleError("INTERVAL must be 1 or more")
    return ParsedRule(text=text, frequency=frequency, interval=interval)


def parse_wall_time(text: str) -> time:
    """`HH:MM` (00:00–23:59) as a time; `ValueError` with a readable message otherwise."""
    match = _WALL_TIME.match(text)
    if not match:
        raise ValueError(f"{text!r} is not a time of day written HH:MM (00:00 to 23:59)")
    return time(int(match.group(1)), int(match.group(2)))


@dataclass(frozen=True)
class ShiftRule:
    """One recurring shift of an agent, in the agent's wall-clock time."""

    rule: str
    start: time
    end: time
    valid_from: date
    valid_until: date | None = None

    @property
    def overnight(self) -> bool:
        """True when each occurrence ends on the next date (`end <= start`)."""
        return self.end <= self.start


@dataclass(frozen=True)
class WorkSchedule:
    """Everything that says when one person (or the team's support desk) works."""

    zone: str
    shifts: tuple[ShiftRule, ...] = ()
    holidays: frozenset[date] = frozenset()
    absences: tuple[tuple[datetime, datetime], ...] = ()  # naive local, half-open


@cache
def zone_named(name: str) -> ZoneInfo:
    """The zone called `name`, kept for the process (ZoneInfo's own strong cache holds 8)."""
    return ZoneInfo(name)


def wall_clock_to_utc(local: datetime, zone: ZoneInfo) -> datetime:
    """A naive wall-clock time in `zone` as an aware UTC instant (gap: forward; fold: first)."""
    return _wall_clock_to_utc(local, zone)


@lru_cache(maxsize=1 << 16)
def _wall_clock_to_utc(local: datetime, zone: ZoneInfo) -> datetime:
    # Teams share zones and shift times: the same wall-clock instants recur across agents.
    aware = resolve_imaginary(local.replace(tzinfo=zone, fold=0))
    return aware.astimezone(UTC)


def _expansion_dtstart(shift: ShiftRule, parsed: ParsedRule, first_needed: date) -> date:
    """A DTSTART date at or after `valid_from` yielding the same occurrences from `first_needed`.

    dateutil iterates from DTSTART; moving DTSTART forward by whole periods (days for DAILY,
    weeks for WEEKLY, times INTERVAL) keeps the weekday, the week alignment of INTERVAL and
    every default taken from DTSTART, so rules valid for years expand in constant time.
    MONTHLY and YEARLY rules are few occurrences a year and expand from `valid_from`.
    """
    if parsed.frequency == "DAILY":
        period = parsed.interval
    elif parsed.frequency == "WEEKLY":
        period = 7 * parsed.interval
    else:
        return shift.valid_from
    gap = (first_needed - shift.valid_from).days
    if gap <= period:
        return shift.valid_from
    return shift.valid_from + timedelta(days=(gap // period) * period)


def occurrence_dates(shift: ShiftRule, first: date, last: date) -> list[date]:
    """Local dates in [first, last] on which `shift` has an occurrence (holidays not applied)."""
    first = max(first, shift.valid_from)
    if shift.valid_until is not None:
        last = min(last, shift.valid_until)
    if last < first:
        return []
    parsed = parse_rule(shift.rule)
    dtstart = datetime.combine(_expansion_dtstart(shift, parsed, first), shift.start)
    expanded: rrule = rrulestr(shift.rule, dtstart=dtstart)  # type: ignore[assignment]
    found = expanded.between(
        datetime.combine(first, shift.start), datetime.combine(last, shift.start), inc=True
    )
    return [moment.date() for moment in found]


def occurrence_utc(shift: ShiftRule, day: date, zone: ZoneInfo) -> tuple[datetime, datetime]:
    """The UTC start and end of the occurrence of `shift` starting on local date `day`."""
    end_day = day + timedelta(days=1) if shift.overnight else day
    return (
        wall_clock_to_utc(datetime.combine(day, shift.start), zone),
        wall_clock_to_utc(datetime.combine(end_day, shift.end), zone),
    )


Interval = tuple[float, float]


def merge_intervals(intervals: Iterable[Interval]) -> list[Interval]:
    """Sorted, disjoint union of half-open intervals (touching ones are joined)."""
    merged: list[list[float]] = []
    for start, end in sorted(intervals):
        if end <= start:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(start, end) for start, end in merged]


def subtract_intervals(kept: Sequence[Interval], removed: Sequence[Interval]) -> list[Interval]:
    """`kept` minus `removed`; both sorted and disjoint (as `merge_intervals` returns)."""
    result: list[Interval] = []
    cut = 0
    for start, end in kept:
        while cut < len(removed) and removed[cut][1] <= start:
            cut += 1
        position = start
        index = cut
        while index < len(removed) and removed[index][0] < end:
            cut_start, cut_end = removed[index]
            if cut_start > position:
                result.append((position, cut_start))
            position = max(position, cut_end)
            index += 1
        if position < end:
            result.append((position, end))
    return result


@dataclass(frozen=True)
class AgentIntervals:
    """One person's time in a window, as sorted disjoint UTC intervals in epoch seconds."""

    on_shift: tuple[Interval, ...]
    absent: tuple[Interval, ...] = ()
    holiday: tuple[Interval, ...] = ()
    starts: tuple[float, ...] = field(init=False, repr=False)
    ends: tuple[float, ...] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "starts", tuple(start for start, _ in self.on_shift))
        object.__setattr__(self, "ends", tuple(end for _, end in self.on_shift))

    def is_on_shift(self, at: float) -> bool:
        """True when `at` (epoch seconds) lies in one of the on-shift intervals."""
        index = bisect_right(self.starts, at) - 1
        return index >= 0 and at < self.ends[index]

    def next_start(self, at: float) -> float | None:
        """`at` when on shift then, else the next interval start after `at`, else None."""
        if self.is_on_shift(at):
            return at
        index = bisect_right(self.starts, at)
        return self.starts[index] if index < len(self.starts) else None


class OffReason(StrEnum):
    """Why a person is not on shift at an instant."""

    ABSENCE = "absence"
    HOLIDAY = "holiday"
    NOT_SCHEDULED = "not_scheduled"


def _contains(intervals: Sequence[Interval], at: float) -> bool:
    return any(start <= at < end for start, end in intervals)


def why_off(intervals: AgentIntervals, at: float) -> OffReason | None:
    """None when on shift at `at`, else the reason (absence, holiday, nothing scheduled)."""
    if intervals.is_on_shift(at):
        return None
    if _contains(intervals.absent, at):
        return OffReason.ABSENCE
    if _contains(intervals.holiday, at):
        return OffReason.HOLIDAY
    return OffReason.NOT_SCHEDULED


def expand(schedule: WorkSchedule, window_start: datetime, window_end: datetime) -> AgentIntervals:
    """Every on-shift interval of `schedule` that overlaps [window_start, window_end)."""
    zone = zone_named(schedule.zone)
    low, high = window_start.timestamp(), window_end.timestamp()
    first_day = window_start.astimezone(zone).date() - _LONGEST_OCCURRENCE
    last_day = window_end.astimezone(zone).date()
    worked: list[Interval] = []
    holiday: list[Interval] = []
    for shift in schedule.shifts:
        for day in occurrence_dates(shift, first_day, last_day):
            start, end = occurrence_utc(shift, day, zone)
            span = (start.timestamp(), end.timestamp())
            if span[1] <= low or span[0] >= high:
                continue
            (holiday if day in schedule.holidays else worked).append(span)
    absent = merge_intervals(
        (wall_clock_to_utc(start, zone).timestamp(), wall_clock_to_utc(end, zone).timestamp())
        for start, end in schedule.absences
    )
    absent = [span for span in absent if span[1] > low and span[0] < high]
    on_shift = subtract_intervals(merge_intervals(worked), absent)
    return AgentIntervals(
        on_shift=tuple(on_shift), absent=tuple(absent), holiday=tuple(merge_intervals(holiday))
    )


@dataclass(frozen=True)
class ScheduleIndex(Generic[Key]):
    """Precomputed on-shift intervals per person for a window of time."""

    window_start: datetime
    window_end: datetime
    intervals: Mapping[Key, AgentIntervals]

    @classmethod
    def build(
        cls, schedules: Mapping[Key, WorkSchedule], window_start: datetime, window_end: datetime
    ) -> ScheduleIndex[Key]:
        """Expand every schedule once for [window_start, window_end)."""
        if window_start.tzinfo is None or window_end.tzinfo is None:
            raise ValueError("a schedule window needs aware datetimes")
        return cls(
            window_start=window_start,
            window_end=window_end,
            intervals={key: expand(s, window_start, window_end) for key, s in schedules.items()},
        )

    def covers(self, start: datetime, end: datetime) -> bool:
        """True when [start, end] lies inside the window this index was built for."""
        return self.window_start <= start and end <= self.window_end

    def of(self, key: Key) -> AgentIntervals:
        """The intervals of one person (none when the person has no schedule)."""
        return self.intervals.get(key, _NO_INTERVALS)

    def is_on_shift(self, key: Key, at: datetime) -> bool:
        """True when `key` is on shift at `at` (which must lie in the window)."""
        return self.of(key).is_on_shift(at.timestamp())


_NO_INTERVALS = AgentIntervals(on_shift=())


def iter_utc_intervals(intervals: AgentIntervals) -> Iterator[tuple[datetime, datetime]]:
    """The on-shift intervals as aware UTC datetimes (for display and tests)."""
    for start, end in intervals.on_shift:
        yield datetime.fromtimestamp(start, UTC), datetime.fromtimestamp(end, UTC)
