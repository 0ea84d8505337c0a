"""The support team: agents, their shifts and absences, holiday calendars, team settings."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Column, DateTime, UniqueConstraint
from sqlmodel import Field, SQLModel

from models.types import UTCDateTime, utcnow


class Agent(SQLModel, table=True):
    """A person who works in Guichet."""

    id: int | None = Field(default=None, primary_key=True)
    handle: str = Field(max_length=32, unique=True)
    name: str = Field(max_length=128)
    role: str = Field(default="agent", max_length=16)
    timezone: str = Field(default="Europe/Amsterdam", max_length=64)
    ui_language: str = Field(default="en", max_length=8)
    languages: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    phone_languages: list[str] | None = Field(default=None, sa_column=Column(JSON))
    channels: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    capacity: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    holiday_calendar: str | None = Field(default=None, max_length=32)
    presence: str = Field(default="available", max_length=16)
    active: bool = True
    password_hash: str | None = None
    failed_logins: int = 0
    locked_until: datetime | None = Field(default=None, sa_type=UTCDateTime)
    last_assigned_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class Shift(SQLModel, table=True):
    """A recurring shift: an RRULE expanded in the agent's zone at wall-clock start and end."""

    id: int | None = Field(default=None, primary_key=True)
    agent_id: int = Field(foreign_key="agent.id", index=True)
    rrule: str = Field(max_length=200)
    start: str = Field(max_length=5)
    end: str = Field(max_length=5)
    valid_from: date
    valid_until: date | None = None


class Absence(SQLModel, table=True):
    """Time an agent is off, half-open [start, end) in the agent's local wall-clock time."""

    id: int | None = Field(default=None, primary_key=True)
    agent_id: int = Field(foreign_key="agent.id", index=True)
    # Naive on purpose: wall-clock times in the agent's zone (SQLModel's default refuses naive).
    start_local: datetime = Field(sa_type=DateTime(timezone=False))
    end_local: datetime = Field(sa_type=DateTime(timezone=False))


class Holiday(SQLModel, table=True):
    """A date of a named holiday calendar."""

    __table_args__ = (UniqueConstraint("calendar", "day"),)

    id: int | None = Field(default=None, primary_key=True)
    calendar: str = Field(max_length=32, index=True)
    day: date


class Setting(SQLModel, table=True):
    """A team-wide setting (team zone, support hours, SLA targets, demo marker)."""

    key: str = Field(primary_key=True, max_length=64)
    value: Any = Field(sa_column=Column(JSON, nullable=False))
