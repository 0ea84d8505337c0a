"""Reads what routing needs from the store into a frozen `RoutingSnapshot` (the only reader).

`load_snapshot(store, at)` reads agents, their shifts and absences, holiday calendars, the team
zone, and the open contacts per (agent, channel) (tickets `new`, `open` or `pending_customer`
with an assignee), then expands every schedule once for the window the decision may look at:
from `at` to `at` + 14 days + 1 day by default (`next_open_at` looks 14 days ahead).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from console.routing.offer import NEXT_OPEN_HORIZON, AgentState, RoutingSnapshot
from console.routing.schedule import ScheduleIndex, ShiftRule, WorkSchedule, parse_wall_time

if TYPE_CHECKING:
    from sqlmodel import Session

    from console.store import Store
    from models import Absence, Agent, Shift

DEFAULT_TEAM_ZONE = "Europe/Amsterdam"
TEAM_ZONE_SETTING = "team.timezone"
TEAM_HOLIDAYS_SETTING = "team.holidays"
SUPPORT_HOURS_SETTING = "team.support_hours"
SLA_TARGETS_SETTING = "sla.targets"


def read_setting(session: Session, key: str, default: Any = None) -> Any:
    """The JSON value of a `Setting`, or `default` when it is not set."""
    from models import Setting

    found = session.get(Setting, key)
    return default if found is None else found.value


def shift_rule(shift: Shift) -> ShiftRule:
    """A stored `Shift` as the rule the expansion reads."""
    return ShiftRule(
        rule=shift.rrule,
        start=parse_wall_time(shift.start),
        end=parse_wall_time(shift.end),
        valid_from=shift.valid_from,
        valid_until=shift.valid_until,
    )


def agent_state(agent: Agent, open_contacts: Mapping[str, int]) -> AgentState:
    """A stored `Agent` as routing sees it."""
    assert agent.id is not None
    return AgentState(
        id=agent.id,
        handle=agent.handle,
        name=agent.name,
        languages=frozenset(agent.languages),
        phone_languages=(
            frozenset(agent.phone_languages) if agent.phone_languages is not None else None
        ),
        channels=frozenset(agent.channels),
        capacity={str(key): int(value) for key, value in agent.capacity.items()},
        presence=agent.presence,
        active=agent.active,
        last_assigned_at=agent.last_assigned_at,
        open_contacts=dict(open_contacts),
        zone=agent.timezone,
    )


def read_schedules(session: Session, agents: Iterable[Agent]) -> dict[int, WorkSchedule]:
    """Each agent's shifts, absences and holiday dates, by agent id."""
    from sqlmodel import select

    from models import Absence, Holiday, Shift

    shifts: dict[int, list[Shift]] = defaultdict(list)
    for shift in session.exec(select(Shift).order_by(Shift.id)):  # type: ignore[arg-type]
        shifts[shift.agent_id].append(shift)
    absences: dict[int, list[Absence]] = defaultdict(list)
    for absence in session.exec(select(Absence)):
        absences[absence.agent_id].append(absence)
    calendars: dict[str, set[date]] = defaultdict(set)
    for holiday in session.exec(select(Holiday)):
        calendars[holiday.calendar].add(holiday.day)
    schedules: dict[int, WorkSchedule] = {}
    for agent in agents:
        assert agent.id is not None
        schedules[agent.id] = WorkSchedule(
            zone=agent.timezone,
            shifts=tuple(shift_rule(shift) for shift in shifts[agent.id]),
            holidays=frozenset(calendars.get(agent.holiday_calendar or "", ())),
            absences=tuple(
                (absence.start_local, absence.end_local) for absence in absences[agent.id]
            ),
        )
    return schedules


def read_open_contacts(session: Session) -> dict[int, dict[str, int]]:
    """Open contacts per agent and channel (status new, open or pending_customer)."""
    from sqlalchemy import func
    from sqlmodel import col, select

    from models import Ticket
    from models.enums import OPEN_TICKET_STATUSES

    query = (
        select(Ticket.assignee_id, Ticket.channel, func.count())
        .where(col(Ticket.status).in_([str(status) for status in OPEN_TICKET_STATUSES]))
        .where(col(Ticket.assignee_id).is_not(None))
        .group_by(col(Ticket.assignee_id), col(Ticket.channel))
    )
    loads: dict[int, dict[str, int]] = defaultdict(dict)
    for assignee_id, channel, count in session.exec(query):
        if assignee_id is not None:
            loads[assignee_id][channel] = int(count)
    return loads


def load_snapshot(store: Store, at: datetime, *, until: datetime | None = None) -> RoutingSnapshot:
    """Everything a routing decision at `at` reads (and, by default, 14 days of schedules).

    `until` widens or narrows the window of precomputed schedules (coverage asks for its
    period); the window always starts at `at`.
    """
    from sqlmodel import select

    from models import Agent

    end = until if until is not None else at + NEXT_OPEN_HORIZON + timedelta(days=1)
    with store.read() as session:
        agents = list(session.exec(select(Agent).order_by(Agent.handle)))
        schedules = read_schedules(session, agents)
        loads = read_open_contacts(session)
        zone = read_setting(session, TEAM_ZONE_SETTING, DEFAULT_TEAM_ZONE)
    states = tuple(agent_state(agent, loads.get(agent.id or 0, {})) for agent in agents)
    return RoutingSnapshot(
        agents=states, schedules=ScheduleIndex.build(schedules, at, end), team_zone=str(zone)
    )
