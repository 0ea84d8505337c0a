"""SLA clocks in business hours, Erlang C staffing, and coverage counting."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from console.routing.coverage import coverage, holes, on_shift_during, period
from console.routing.schedule import WorkSchedule
from console.routing.sla import (
    BusinessCalendar,
    business_time_between,
    due_at,
    sla_targets,
    ticket_due_times,
)
from console.routing.staffing import agents_needed, erlang_c, service_level
from tests.console.routing.helpers import WEEKDAYS, agent, shift, snapshot, utc

AMS = ZoneInfo("Europe/Amsterdam")


def ams(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=AMS)  # type: ignore[misc]


def test_friday_17_plus_8_business_hours_is_monday_17() -> None:
    assert due_at(ams(2026, 11, 27, 17), timedelta(hours=8), BusinessCalendar()) == ams(
        2026, 11, 30, 17
    )


def test_business_time_runs_inside_hours_only() -> None:
    calendar = BusinessCalendar()
    assert due_at(ams(2026, 11, 27, 16), timedelta(hours=2), calendar) == ams(2026, 11, 30, 10)
    assert due_at(ams(2026, 11, 28, 12), timedelta(minutes=30), calendar) == ams(
        2026, 11, 30, 9, 30
    )


def test_holidays_stop_the_clock() -> None:
    calendar = BusinessCalendar(holidays=frozenset({date(2026, 12, 25)}))
    assert due_at(ams(2026, 12, 24, 16), timedelta(hours=2), calendar) == ams(2026, 12, 28, 10)


def test_waiting_on_the_customer_pauses_the_clock() -> None:
    calendar = BusinessCalendar()
    paused = [(ams(2026, 11, 30, 10), ams(2026, 11, 30, 12))]
    assert due_at(ams(2026, 11, 27, 16), timedelta(hours=8), calendar, paused) == ams(
        2026, 12, 1, 10
    )
    assert (
        due_at(ams(2026, 11, 27, 16), timedelta(hours=8), calendar, [(ams(2026, 11, 30, 10), None)])
        is None
    )
    elapsed = business_time_between(calendar, ams(2026, 11, 27, 16), ams(2026, 11, 30, 13), paused)
    assert elapsed == timedelta(hours=3)  # Fri 16-17, Mon 9-10 and 12-13


def test_targets_come_from_configuration_over_the_defaults() -> None:
    targets = sla_targets({"chat": {"urgent": {"first_reply_minutes": 2}}})
    assert targets[("chat", "urgent")].first_reply == timedelta(minutes=2)
    assert targets[("chat", "urgent")].resolution == timedelta(minutes=240)
    first, resolution = ticket_due_times(
        "email", "normal", ams(2026, 11, 27, 17), BusinessCalendar(), targets
    )
    assert first == ams(2026, 11, 30, 17)
    assert resolution == ams(2026, 12, 4, 17)


def test_erlang_c_textbook_example() -> None:
    # 100 calls per half hour, 3 minutes each (10 erlangs), 80 % answered within 20 s.
    assert erlang_c(11, 10.0) == pytest.approx(0.6821, abs=1e-4)
    assert service_level(13, 10.0, 180, 20) == pytest.approx(0.7956, abs=1e-3)
    assert service_level(14, 10.0, 180, 20) == pytest.approx(0.8884, abs=1e-3)
    assert agents_needed(200, 180, 0.8, 20) == 14


def test_chat_concurrency_divides_the_handling_time() -> None:
    assert agents_needed(60, 600, 0.8, 60, concurrency=3) < agents_needed(60, 600, 0.8, 60)
    assert agents_needed(0, 600, 0.8, 60) == 0


def test_coverage_counts_an_agent_present_at_any_moment_of_the_hour() -> None:
    schedule = WorkSchedule(
        "Europe/Amsterdam",
        (shift(WEEKDAYS, "09:30", "17:15"),),
        absences=((datetime(2026, 11, 24, 12, 15), datetime(2026, 11, 24, 12, 45)),),
    )
    team = snapshot([agent(1, "amelie", languages=["fr"])], {1: schedule}, utc(2026, 11, 22))
    result = coverage(team, date(2026, 11, 23), 7, "Europe/Amsterdam")
    row = result.row("chat", "fr")
    start = result.hours.index(utc(2026, 11, 24, 8))  # 09:00 local
    assert row.counts[start - 1 : start + 10] == (0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0)
    assert result.row("phone", "fr").counts[start] == 1
    assert result.row("chat", "en").holes == len(result.hours)
    assert holes(result.row("chat", "en"), result.hours) == [
        (result.hours[0], result.hours[-1] + timedelta(hours=1))
    ]
    assert [
        a.handle
        for a in on_shift_during(team, "chat", "fr", utc(2026, 11, 24, 8), utc(2026, 11, 24, 9))
    ] == ["amelie"]


def test_coverage_period_follows_local_days_across_dst() -> None:
    start, end = period(date(2026, 10, 24), 2, "Europe/Amsterdam")
    assert (start, end) == (utc(2026, 10, 23, 22), utc(2026, 10, 25, 23))
    start, end = period(date(2026, 11, 23), 1, "Asia/Kolkata")
    assert (start, end) == (utc(2026, 11, 22, 18), utc(2026, 11, 23, 19))
