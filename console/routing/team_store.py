"""The team file and the store: `import_team` writes a checked team, `export_team` reads it back.

Import is one transaction with its `team.imported` audit event: agents are upserted by handle
(their shifts and absences replaced; password, presence, failed logins, lock and last assignment
never touched), agents missing from the file are deactivated (never deleted), holiday calendars
and the team settings (`team.timezone`, `team.holidays`, `team.support_hours`) are replaced.
Export writes active agents in the team-file format; export → import → export is identical.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from console.routing.schedule import ShiftRule
from console.routing.snapshot import (
    DEFAULT_TEAM_ZONE,
    SUPPORT_HOURS_SETTING,
    TEAM_HOLIDAYS_SETTING,
    TEAM_ZONE_SETTING,
    read_setting,
)
from console.routing.team_file import CHANNEL_NAMES, TeamSpec

if TYPE_CHECKING:
    from sqlmodel import Session

    from console.store import Store
    from models import Absence, Shift


@dataclass(frozen=True)
class ImportSummary:
    """What an import changed."""

    added: tuple[str, ...]
    updated: tuple[str, ...]
    deactivated: tuple[str, ...]
    shifts: int
    holidays: int


def shift_setting(rule: ShiftRule) -> dict[str, str]:
    """A shift rule as JSON (the `team.support_hours` setting) and as a team-file table."""
    table = {
        "rrule": rule.rule,
        "start": rule.start.strftime("%H:%M"),
        "end": rule.end.strftime("%H:%M"),
        "valid_from": rule.valid_from.isoformat(),
    }
    if rule.valid_until is not None:
        table["valid_until"] = rule.valid_until.isoformat()
    return table


def _put_setting(session: Session, key: str, value: Any) -> None:
    from models import Setting

    found = session.get(Setting, key)
    if value is None:
        if found is not None:
            session.delete(found)
    elif found is None:
        session.add(Setting(key=key, value=value))
    else:
        found.value = value
        session.add(found)


def import_team(
    store: Store, team: TeamSpec, *, actor_id: int | None, source: str
) -> ImportSummary:
    """Write `team` to the store in one transaction with its `team.imported` audit event."""
    from sqlmodel import col, delete, select

    from models import Absence, Agent, AuditEvent, Holiday, Shift

    with store.write() as session:
        existing = {agent.handle: agent for agent in session.exec(select(Agent))}
        added: list[str] = []
        updated: list[str] = []
        for spec in team.agents:
            agent = existing.get(spec.handle)
            if agent is None:
                agent = Agent(
                    handle=spec.handle, name=spec.name, ui_language=spec.ui_language or "en"
                )
                added.append(spec.handle)
            else:
                updated.append(spec.handle)
            agent.name = spec.name
            agent.role = spec.role
            agent.timezone = spec.timezone
            if spec.ui_language is not None:
                agent.ui_language = spec.ui_language
            agent.languages = list(spec.languages)
            agent.phone_languages = (
                list(spec.phone_languages) if spec.phone_languages is not None else None
            )
            agent.channels = list(spec.channels)
            agent.capacity = dict(spec.capacity)
            agent.holiday_calendar = spec.holidays
            agent.active = True
            session.add(agent)
            session.flush()
            assert agent.id is not None
            session.exec(delete(Shift).where(col(Shift.agent_id) == agent.id))
            session.exec(delete(Absence).where(col(Absence.agent_id) == agent.id))
            for rule in spec.shifts:
                session.add(
                    Shift(
                        agent_id=agent.id,
                        rrule=rule.rule,
                        start=rule.start.strftime("%H:%M"),
                        end=rule.end.strftime("%H:%M"),
                        valid_from=rule.valid_from,
                        valid_until=rule.valid_until,
                    )
                )
            for start, end in spec.absences:
                session.add(Absence(agent_id=agent.id, start_local=start, end_local=end))
        listed = {spec.handle for spec in team.agents}
        deactivated = sorted(
            handle for handle, agent in existing.items() if handle not in listed and agent.active
        )
        for handle in deactivated:
            existing[handle].active = False
            session.add(existing[handle])
        session.exec(delete(Holiday))
        holiday_count = 0
        for calendar, days in team.calendars.items():
            for day in days:
                session.add(Holiday(calendar=calendar, day=day))
                holiday_count += 1
        _put_setting(session, TEAM_ZONE_SETTING, team.timezone)
        _put_setting(session, TEAM_HOLIDAYS_SETTING, team.holidays)
        _put_setting(
            session,
            SUPPORT_HOURS_SETTING,
            None if team.support_hours is None else [shift_setting(r) for r in team.support_hours],
        )
        summary = ImportSummary(
            added=tuple(added),
            updated=tuple(updated),
            deactivated=tuple(deactivated),
            shifts=team.shift_count,
            holidays=holiday_count,
        )
        session.add(
            AuditEvent(
                actor_id=actor_id,
                action="team.imported",
                subject_kind="team",
                details={
                    "source": source,
                    "added": list(summary.added),
                    "updated": list(summary.updated),
                    "deactivated": list(summary.deactivated),
                    "shifts": summary.shifts,
                    "holidays": summary.holidays,
                },
            )
        )
    return summary


def _local_text(moment: datetime) -> str:
    return moment.isoformat(timespec="minutes" if moment.second == 0 else "seconds")


def export_team(store: Store) -> str:
    """The store's team (active agents) as a team file."""
    import tomli_w
    from sqlmodel import select

    from models import Absence, Agent, Holiday, Shift

    with store.read() as session:
        zone = read_setting(session, TEAM_ZONE_SETTING, DEFAULT_TEAM_ZONE)
        team_holidays = read_setting(session, TEAM_HOLIDAYS_SETTING)
        support_hours = read_setting(session, SUPPORT_HOURS_SETTING)
        calendars: dict[str, list[str]] = {}
        for holiday in session.exec(select(Holiday).order_by(Holiday.calendar, Holiday.day)):  # type: ignore[arg-type]
            calendars.setdefault(holiday.calendar, []).append(holiday.day.isoformat())
        agents = list(
            session.exec(select(Agent).where(Agent.active == True).order_by(Agent.handle))  # noqa: E712
        )
        shifts: dict[int, list[Shift]] = {}
        for shift in session.exec(select(Shift).order_by(Shift.id)):  # type: ignore[arg-type]
            shifts.setdefault(shift.agent_id, []).append(shift)
        absences: dict[int, list[Absence]] = {}
        for absence in session.exec(
            select(Absence).order_by(Absence.start_local, Absence.id)  # type: ignore[arg-type]
        ):
            absences.setdefault(absence.agent_id, []).append(absence)
    team: dict[str, Any] = {"timezone": zone}
    if team_holidays:
        team["holidays"] = team_holidays
    if support_hours is not None:
        team["support_hours"] = support_hours
    document: dict[str, Any] = {"team": team}
    if calendars:
        document["holidays"] = [
            {"calendar": name, "dates": days} for name, days in calendars.items()
        ]
    document["agent"] = [_agent_table(agent, shifts, absences) for agent in agents]
    return tomli_w.dumps(document)


def _agent_table(
    agent: Any, shifts: Mapping[int, list[Any]], absences: Mapping[int, list[Any]]
) -> dict[str, Any]:
    table: dict[str, Any] = {
        "handle": agent.handle,
        "name": agent.name,
        "role": agent.role,
        "timezone": agent.timezone,
        "ui_language": agent.ui_language,
    }
    if agent.holiday_calendar:
        table["holidays"] = agent.holiday_calendar
    table["languages"] = list(agent.languages)
    if agent.phone_languages is not None:
        table["phone_languages"] = list(agent.phone_languages)
    table["channels"] = list(agent.channels)
    table["capacity"] = {key: agent.capacity[key] for key in CHANNEL_NAMES if key in agent.capacity}
    agent_shifts = shifts.get(agent.id, [])
    if agent_shifts:
        table["shift"] = [
            {
                key: value
                for key, value in (
                    ("rrule", shift.rrule),
                    ("start", shift.start),
                    ("end", shift.end),
                    ("valid_from", shift.valid_from.isoformat()),
                    ("valid_until", shift.valid_until.isoformat() if shift.valid_until else None),
                )
                if value is not None
            }
            for shift in agent_shifts
        ]
    agent_absences = absences.get(agent.id, [])
    if agent_absences:
        table["absence"] = [
            {"start": _local_text(item.start_local), "end": _local_text(item.end_local)}
            for item in agent_absences
        ]
    return table
