"""Queue views an agent saved: a name, the filters as JSON and the sort."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column, UniqueConstraint
from sqlmodel import Field, SQLModel

from models.types import UTCDateTime, utcnow


class SavedView(SQLModel, table=True):
    """One agent's named queue view (filters + sort), shown in the queue's sidebar."""

    __tablename__ = "saved_view"
    __table_args__ = (UniqueConstraint("agent_id", "name"),)

    id: int | None = Field(default=None, primary_key=True)
    agent_id: int = Field(foreign_key="agent.id", index=True)
    name: str = Field(max_length=64)
    filters: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    """The view's `QueueFilter` fields that are set, as JSON (see `console.views`)."""
    sort: str = Field(default="priority", max_length=16)
    descending: bool = False
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
