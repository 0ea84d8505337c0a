"""The precomputed business timeline of bulk loads gives the same due times as `due_at`."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from console.routing.sla import BusinessCalendar, BusinessTimeline, due_at

START = datetime(2026, 10, 1, tzinfo=UTC)
END = datetime(2026, 12, 31, tzinfo=UTC)
CALENDAR = BusinessCalendar(holidays=frozenset({date(2026, 11, 11), date(2026, 12, 25)}))
TIMELINE = BusinessTimeline(CALENDAR, START, END)


@settings(max_examples=200, deadline=None)
@given(
    opened=st.integers(0, int((END - START).total_seconds()) - 30 * 86400),
    minutes=st.integers(0, 5000),
)
def test_agrees_with_due_at(opened: int, minutes: int) -> None:
    at = START + timedelta(seconds=opened)
    expected = due_at(at, timedelta(minutes=minutes), CALENDAR)
    assert expected is not None
    assert TIMELINE.due(at.timestamp(), minutes * 60) == expected.timestamp()


def test_friday_evening_lands_on_monday() -> None:
    friday = datetime(2026, 11, 27, 16, 0, tzinfo=UTC)  # 17:00 in Amsterdam
    monday = datetime(2026, 11, 30, 16, 0, tzinfo=UTC)
    assert TIMELINE.due(friday.timestamp(), 8 * 3600) == monday.timestamp()


def test_outside_the_window_says_none() -> None:
    assert TIMELINE.due((END + timedelta(days=1)).timestamp(), 60) is None
    assert TIMELINE.due((END - timedelta(hours=1)).timestamp(), 400 * 3600) is None
