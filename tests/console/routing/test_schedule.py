"""Shift expansion: DST nights, the spring gap, biweekly rules, holidays, absences, precompute."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from dateutil.rrule import rrulestr
from dateutil.tz import resolve_imaginary
from hypothesis import given, settings
from hypothesis import strategies as st

from console.routing.schedule import (
    OffReason,
    RuleError,
    ScheduleIndex,
    WorkSchedule,
    expand,
    iter_utc_intervals,
    occurrence_dates,
    parse_rule,
    why_off,
)
from tests.console.routing.helpers import shift, utc

AMS = "Europe/Amsterdam"


def _intervals(
    schedule: WorkSchedule, start: datetime, end: datetime
) -> list[tuple[datetime, datetime]]:
    return list(iter_utc_intervals(expand(schedule, start, end)))


def test_overnight_shift_across_spring_change_lasts_7_hours() -> None:
    night = WorkSchedule(AMS, (shift("FREQ=DAILY", "22:00", "06:00"),))
    found = _intervals(night, utc(2026, 3, 28, 20), utc(2026, 3, 29, 6))
    assert found == [(utc(2026, 3, 28, 21), utc(2026, 3, 29, 4))]
    assert found[0][1] - found[0][0] == timedelta(hours=7)


def test_overnight_shift_across_autumn_change_lasts_9_hours() -> None:
    night = WorkSchedule(AMS, (shift("FREQ=DAILY", "22:00", "06:00"),))
    found = _intervals(night, utc(2026, 10, 24, 19), utc(2026, 10, 25, 6))
    assert found == [(utc(2026, 10, 24, 20), utc(2026, 10, 25, 5))]
    assert found[0][1] - found[0][0] == timedelta(hours=9)


def test_shift_starting_in_the_spring_gap_moves_forward_by_the_gap() -> None:
    early = WorkSchedule(AMS, (shift("FREQ=DAILY", "02:30", "10:00"),))
    found = _intervals(early, utc(2026, 3, 29, 0), utc(2026, 3, 29, 12))
    # 02:30 does not exist on 29 March 2026; it becomes 03:30 CEST = 01:30 UTC.
    assert found == [(utc(2026, 3, 29, 1, 30), utc(2026, 3, 29, 8))]


def test_ambiguous_autumn_time_takes_the_first_occurrence() -> None:
    early = WorkSchedule(AMS, (shift("FREQ=DAILY", "02:30", "04:00"),))
    found = _intervals(early, utc(2026, 10, 25, 0), utc(2026, 10, 25, 5))
    # 02:30 happens twice; fold=0 is 02:30 CEST = 00:30 UTC.
    assert found == [(utc(2026, 10, 25, 0, 30), utc(2026, 10, 25, 3))]


def test_agent_in_shanghai_works_in_shanghai_hours() -> None:
    schedule = WorkSchedule("Asia/Shanghai", (shift(WEEKDAYS, "09:00", "18:00"),))
    index = ScheduleIndex.build({1: schedule}, utc(2026, 11, 23), utc(2026, 11, 30))
    assert index.is_on_shift(1, utc(2026, 11, 24, 1))  # 09:00 in Shanghai
    assert index.is_on_shift(1, utc(2026, 11, 24, 9, 59))
    assert not index.is_on_shift(1, utc(2026, 11, 24, 10))  # 18:00 in Shanghai
    assert not index.is_on_shift(1, utc(2026, 11, 23, 0, 59))


def test_biweekly_rule_counts_weeks_from_valid_from() -> None:
    rule = shift("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO", valid_from=date(2026, 11, 2))
    schedule = WorkSchedule(AMS, (rule,))
    index = ScheduleIndex.build({1: schedule}, utc(2026, 11, 1), utc(2026, 12, 1))
    assert index.is_on_shift(1, utc(2026, 11, 2, 10))
    assert not index.is_on_shift(1, utc(2026, 11, 9, 10))
    assert index.is_on_shift(1, utc(2026, 11, 16, 10))
    assert not index.is_on_shift(1, utc(2026, 11, 23, 10))
    assert index.is_on_shift(1, utc(2026, 11, 30, 10))


def test_biweekly_rule_valid_for_years_keeps_its_weeks() -> None:
    rule = shift("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE", valid_from=date(2020, 1, 6))
    full = rrulestr(rule.rule, dtstart=datetime(2020, 1, 6, 9))
    expected = [d.date() for d in full.between(datetime(2026, 11, 1), datetime(2026, 12, 31))]
    assert occurrence_dates(rule, date(2026, 11, 1), date(2026, 12, 30)) == expected


def test_valid_from_that_does_not_match_the_rule_is_not_an_occurrence() -> None:
    rule = shift(WEEKDAYS, valid_from=date(2026, 11, 22))  # a Sunday
    assert occurrence_dates(rule, date(2026, 11, 22), date(2026, 11, 24)) == [
        date(2026, 11, 23),
        date(2026, 11, 24),
    ]


def test_valid_until_is_inclusive() -> None:
    rule = shift("FREQ=DAILY", valid_from=date(2026, 11, 1), valid_until=date(2026, 11, 3))
    assert occurrence_dates(rule, date(2026, 10, 1), date(2026, 12, 1)) == [
        date(2026, 11, 1),
        date(2026, 11, 2),
        date(2026, 11, 3),
    ]


def test_holiday_removes_the_night_starting_on_it_not_the_night_before() -> None:
    night = WorkSchedule(
        AMS, (shift("FREQ=DAILY", "22:00", "06:00"),), holidays=frozenset({date(2026, 12, 25)})
    )
    index = ScheduleIndex.build({1: night}, utc(2026, 12, 24), utc(2026, 12, 27))
    # The night of the 24th continues into the holiday morning (05:00 UTC = 06:00 local).
    assert index.is_on_shift(1, utc(2026, 12, 25, 4, 59))
    assert not index.is_on_shift(1, utc(2026, 12, 25, 5))
    # The night starting on the 25th (21:00 UTC) does not happen; the 26th's does.
    assert not index.is_on_shift(1, utc(2026, 12, 25, 22))
    assert why_off(index.of(1), utc(2026, 12, 25, 22).timestamp()) == OffReason.HOLIDAY
    assert index.is_on_shift(1, utc(2026, 12, 26, 22))


def test_absence_cuts_time_out_of_a_shift() -> None:
    schedule = WorkSchedule(
        AMS,
        (shift(WEEKDAYS, "09:00", "17:00"),),
        absences=((datetime(2026, 11, 24, 12), datetime(2026, 11, 24, 13)),),
    )
    index = ScheduleIndex.build({1: schedule}, utc(2026, 11, 23), utc(2026, 11, 30))
    assert index.is_on_shift(1, utc(2026, 11, 24, 10, 59))
    assert not index.is_on_shift(1, utc(2026, 11, 24, 11))
    assert why_off(index.of(1), utc(2026, 11, 24, 11, 30).timestamp()) == OffReason.ABSENCE
    assert index.is_on_shift(1, utc(2026, 11, 24, 12))
    assert why_off(index.of(1), utc(2026, 11, 24, 20).timestamp()) == OffReason.NOT_SCHEDULED


def test_overlapping_shifts_merge() -> None:
    schedule = WorkSchedule(
        AMS, (shift("FREQ=DAILY", "08:00", "12:00"), shift("FREQ=DAILY", "11:00", "15:00"))
    )
    found = _intervals(schedule, utc(2026, 11, 24, 0), utc(2026, 11, 24, 23))
    assert found == [(utc(2026, 11, 24, 7), utc(2026, 11, 24, 14))]


@pytest.mark.parametrize(
    "rule",
    [
        "FREQ=DAILY;COUNT=3",
        "FREQ=DAILY;UNTIL=20270101",
        "DTSTART:20260101T090000\nRRULE:FREQ=DAILY",
        "FREQ=HOURLY",
        "FREQ=DAILY;BYHOUR=9",
        "FREQ=WEEKLY;BYDAY=XX",
        "nonsense",
        "",
    ],
)
def test_rules_the_team_file_refuses(rule: str) -> None:
    with pytest.raises(RuleError):
        parse_rule(rule)


# --- properties ---------------------------------------------------------------------------------

RULES = [
    "FREQ=DAILY",
    WEEKDAYS := "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
    "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH",
    "FREQ=DAILY;INTERVAL=3",
    "FREQ=WEEKLY;BYDAY=SA,SU",
    "FREQ=MONTHLY;BYMONTHDAY=1,15",
    "FREQ=WEEKLY;INTERVAL=3;WKST=SU;BYDAY=SU,MO",
]
TIMES = ["00:00", "02:30", "06:00", "09:00", "13:15", "17:30", "22:00", "23:45"]
ZONES = ["Europe/Amsterdam", "Asia/Shanghai", "America/New_York", "Asia/Kolkata", "Europe/London"]


@st.composite
def schedules(draw: st.DrawFn) -> WorkSchedule:
    rules = []
    for _ in range(draw(st.integers(1, 2))):
        start, end = draw(st.sampled_from(TIMES)), draw(st.sampled_from(TIMES))
        if start == end:
            end = "23:59"
        valid_from = date(2024, 1, 1) + timedelta(days=draw(st.integers(0, 1100)))
        until = draw(st.one_of(st.none(), st.integers(0, 400)))
        rules.append(
            shift(
                draw(st.sampled_from(RULES)),
                start,
                end,
                valid_from,
                None if until is None else valid_from + timedelta(days=until),
            )
        )
    base = date(2026, 3, 20)
    holidays = frozenset(
        base + timedelta(days=draw(st.integers(0, 240))) for _ in range(draw(st.integers(0, 4)))
    )
    absences = []
    for _ in range(draw(st.integers(0, 2))):
        start = datetime(2026, 3, 20) + timedelta(minutes=15 * draw(st.integers(0, 23000)))
        absences.append((start, start + timedelta(minutes=15 * draw(st.integers(1, 300)))))
    return WorkSchedule(draw(st.sampled_from(ZONES)), tuple(rules), holidays, tuple(absences))


def oracle_on_shift(schedule: WorkSchedule, at: datetime) -> bool:
    """routing.md read literally: expand from valid_from, check the nearby local dates."""
    zone = ZoneInfo(schedule.zone)

    def to_utc(local: datetime) -> datetime:
        return resolve_imaginary(local.replace(tzinfo=zone, fold=0))

    for start, end in schedule.absences:
        if to_utc(start) <= at < to_utc(end):
            return False
    local_day = at.astimezone(zone).date()
    for rule in schedule.shifts:
        expanded = rrulestr(rule.rule, dtstart=datetime.combine(rule.valid_from, rule.start))
        for day in (local_day - timedelta(days=1), local_day, local_day + timedelta(days=1)):
            if day < rule.valid_from or (rule.valid_until and day > rule.valid_until):
                continue
            if day in schedule.holidays:
                continue
            moment = datetime.combine(day, rule.start)
            if expanded.after(moment, inc=True) != moment:
                continue
            end_day = day + timedelta(days=1) if rule.end <= rule.start else day
            if to_utc(moment) <= at < to_utc(datetime.combine(end_day, rule.end)):
                return True
    return False


@settings(max_examples=60, deadline=None)
@given(
    schedule=schedules(),
    offsets=st.lists(st.integers(0, 20 * 24 * 4), min_size=1, max_size=12),
    window_day=st.sampled_from([date(2026, 3, 25), date(2026, 10, 21), date(2026, 6, 1)]),
)
def test_index_agrees_with_the_rules_read_literally(
    schedule: WorkSchedule, offsets: list[int], window_day: date
) -> None:
    start = utc(window_day.year, window_day.month, window_day.day)
    index = ScheduleIndex.build({1: schedule}, start, start + timedelta(days=21))
    for offset in offsets:
        at = start + timedelta(minutes=15 * offset)
        assert index.is_on_shift(1, at) == oracle_on_shift(schedule, at), at
