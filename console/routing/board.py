"""What the team screens show, computed here so screens only display: who is on now, which
live channels are open per language, who covers a heatmap cell and why others do not, and the
agents Erlang C asks for beside the agents scheduled.

Staffing uses the arrivals of past weeks in the store: tickets created per (channel, language)
and hour of the week (in the lead's zone), averaged over `weeks` weeks. Assumptions (to be made
configurable when leads ask): phone 6 minutes a call, 80 % answered within 20 s; chat
10 minutes a chat handled 2 at a time, 80 % within 60 s. E-mail is not sized with Erlang C.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Final
from zoneinfo import ZoneInfo

from console.routing.offer import (
    CHANNELS,
    SERVED_LANGUAGES,
    RoutingSnapshot,
    offer_channels,
)
from console.routing.schedule import AgentIntervals, OffReason, why_off
from console.routing.staffing import agents_needed
from models.enums import Channel

if TYPE_CHECKING:
    from console.store import Store


@dataclass(frozen=True)
class StaffingRule:
    """How a live channel is sized: handling time, concurrency and service-level target."""

    aht_seconds: float
    concurrency: float
    target_fraction: float
    target_seconds: float


STAFFING_RULES: Final = {
    Channel.PHONE: StaffingRule(
        aht_seconds=360, concurrency=1, target_fraction=0.8, target_seconds=20
    ),
    Channel.CHAT: StaffingRule(
        aht_seconds=600, concurrency=2, target_fraction=0.8, target_seconds=60
    ),
}


@dataclass(frozen=True)
class OnShiftAgent:
    """An agent on shift now, with what they can take and how busy they are."""

    handle: str
    name: str
    languages: tuple[str, ...]
    channels: tuple[str, ...]
    presence: str
    load: tuple[tuple[str, int, int], ...]  # (channel, open contacts, capacity)
    zone: str


def on_shift_now(snapshot: RoutingSnapshot, at: datetime) -> list[OnShiftAgent]:
    """Active agents on shift at `at`, by handle."""
    moment = at.timestamp()
    found = []
    for agent in sorted(snapshot.agents, key=lambda a: a.handle):
        if not agent.active or not snapshot.schedules.of(agent.id).is_on_shift(moment):
            continue
        channels = tuple(channel for channel in CHANNELS if channel in agent.channels)
        found.append(
            OnShiftAgent(
                handle=agent.handle,
                name=agent.name,
                languages=tuple(sorted(agent.languages)),
                channels=tuple(str(channel) for channel in channels),
                presence=agent.presence,
                load=tuple(
                    (str(channel), agent.load(channel), agent.capacity_of(channel))
                    for channel in channels
                ),
                zone=agent.zone,
            )
        )
    return found


@dataclass(frozen=True)
class LiveChannelState:
    """Whether a live channel is open now for a language, and if not why and until when."""

    channel: str
    language: str
    offered: bool
    reason: str
    agents: tuple[str, ...]
    next_open_at: datetime | None


def live_channels(snapshot: RoutingSnapshot, at: datetime) -> list[LiveChannelState]:
    """Chat and phone, for every language each serves, at `at`."""
    states = []
    for channel in (Channel.CHAT, Channel.PHONE):
        for language in SERVED_LANGUAGES[channel]:
            verdict = offer_channels(language, at, snapshot).channels[channel]
            states.append(
                LiveChannelState(
                    channel=str(channel),
                    language=language,
                    offered=verdict.offered,
                    reason=verdict.reason,
                    agents=verdict.agents,
                    next_open_at=verdict.next_open_at,
                )
            )
    return states


@dataclass(frozen=True)
class CellDetail:
    """Who covers one (channel, language, hour) cell, and why the others do not."""

    on_shift: tuple[str, ...]
    off: tuple[tuple[str, str], ...]  # (handle, absence | holiday | not_scheduled)
    no_skill: tuple[str, ...]  # on shift then, but without this channel or language


def _overlaps(intervals: tuple[tuple[float, float], ...], low: float, high: float) -> bool:
    return any(start < high and end > low for start, end in intervals)


def cell_detail(
    snapshot: RoutingSnapshot, channel: str, language: str, start: datetime, end: datetime
) -> CellDetail:
    """Everyone relevant to one heatmap cell [start, end)."""
    low, high = start.timestamp(), end.timestamp()
    on: list[str] = []
    off: list[tuple[str, str]] = []
    no_skill: list[str] = []
    for agent in sorted(snapshot.agents, key=lambda a: a.handle):
        if not agent.active:
            continue
        intervals = snapshot.schedules.of(agent.id)
        working = _overlaps(intervals.on_shift, low, high)
        if agent.has_skill(channel, language):
            if working:
                on.append(agent.handle)
            else:
                off.append((agent.handle, _off_reason(intervals, low, high)))
        elif working:
            no_skill.append(agent.handle)
    return CellDetail(tuple(on), tuple(off), tuple(no_skill))


def _off_reason(intervals: AgentIntervals, low: float, high: float) -> str:
    if _overlaps(intervals.absent, low, high):
        return OffReason.ABSENCE
    if _overlaps(intervals.holiday, low, high):
        return OffReason.HOLIDAY
    reason = why_off(intervals, low)
    return str(reason or OffReason.NOT_SCHEDULED)


def hourly_arrivals(
    store: Store, until: datetime, zone: str, weeks: int = 4
) -> dict[tuple[str, str], list[float]]:
    """Average tickets created per (channel, language) and hour of the week (168, Monday 00:00
    first, in `zone`) over the `weeks` weeks before `until`."""
    from sqlmodel import col, select

    from models import Ticket

    tz = ZoneInfo(zone)
    since = until - timedelta(weeks=weeks)
    counts: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0.0] * 168)
    with store.read() as session:
        rows = session.exec(
            select(Ticket.channel, Ticket.language, Ticket.created_at)
            .where(col(Ticket.created_at) >= since)
            .where(col(Ticket.created_at) < until)
        )
        for channel, language, created in rows:
            local = created.astimezone(tz)
            counts[(channel, language)][local.weekday() * 24 + local.hour] += 1 / weeks
    return dict(counts)


def needed_agents(channel: str, arrivals_per_hour: float) -> int | None:
    """Agents Erlang C asks for on a live channel (None for e-mail)."""
    rule = STAFFING_RULES.get(Channel(channel)) if channel in ("chat", "phone") else None
    if rule is None:
        return None
    return agents_needed(
        arrivals_per_hour,
        rule.aht_seconds,
        rule.target_fraction,
        rule.target_seconds,
        concurrency=rule.concurrency,
    )


def hour_of_week(at: datetime, zone: str) -> int:
    """0 for Monday 00:00 to 167 for Sunday 23:00, in `zone`."""
    local = at.astimezone(ZoneInfo(zone))
    return local.weekday() * 24 + local.hour


__all__ = [
    "CellDetail",
    "LiveChannelState",
    "OnShiftAgent",
    "cell_detail",
    "hour_of_week",
    "hourly_arrivals",
    "live_channels",
    "needed_agents",
    "on_shift_now",
]
