"""Builders shared by the routing tests: agents, schedules and snapshots without a store."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, time, timedelta

from console.routing.offer import AgentState, RoutingSnapshot
from console.routing.schedule import ScheduleIndex, ShiftRule, WorkSchedule

WEEKDAYS = "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"


def utc(*parts: int) -> datetime:
    """An aware UTC datetime."""
    return datetime(*parts, tzinfo=UTC)  # type: ignore[misc]


def shift(
    rule: str = WEEKDAYS,
    start: str = "09:00",
    end: str = "17:00",
    valid_from: date = date(2026, 1, 5),
    valid_until: date | None = None,
) -> ShiftRule:
    """A shift rule from team-file-like values."""
    h1, m1 = map(int, start.split(":"))
    h2, m2 = map(int, end.split(":"))
    return ShiftRule(rule, time(h1, m1), time(h2, m2), valid_from, valid_until)


def agent(
    agent_id: int,
    handle: str,
    *,
    languages: Iterable[str] = ("en",),
    channels: Iterable[str] = ("email", "chat", "phone"),
    phone_languages: Iterable[str] | None = None,
    presence: str = "available",
    open_contacts: dict[str, int] | None = None,
    capacity: dict[str, int] | None = None,
    last_assigned_at: datetime | None = None,
    active: bool = True,
    zone: str = "Europe/Amsterdam",
) -> AgentState:
    """An agent as routing sees it."""
    return AgentState(
        id=agent_id,
        handle=handle,
        languages=frozenset(languages),
        phone_languages=frozenset(phone_languages) if phone_languages is not None else None,
        channels=frozenset(channels),
        capacity=capacity or {"email": 10, "chat": 3, "phone": 1},
        presence=presence,
        active=active,
        last_assigned_at=last_assigned_at,
        open_contacts=open_contacts or {},
        zone=zone,
    )


def snapshot(
    agents: Sequence[AgentState],
    schedules: dict[int, WorkSchedule],
    window_start: datetime,
    days: int = 16,
) -> RoutingSnapshot:
    """A snapshot whose schedules cover `days` days from `window_start`."""
    index = ScheduleIndex.build(schedules, window_start, window_start + timedelta(days=days))
    return RoutingSnapshot(agents=tuple(agents), schedules=index)
