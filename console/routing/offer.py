"""Which contact methods a customer may be offered, and which agents can take a contact.

`offer_channels(lang, at, snapshot)` and `ranked_agents(channel, lang, at, snapshot)` are pure:
they read only the frozen `RoutingSnapshot` and the instant they are given, never the clock or
the store. The snapshot holds each agent's skills, presence and load and the precomputed
on-shift intervals of a window; a decision is a few `bisect` lookups.

Rules (routing.md), and the choices taken where it is silent:

- An agent is eligible for a channel when active, working the channel, speaking the language
  (`phone_languages` on the phone), on shift at `at`, with open contacts on that channel below
  its capacity, and with a presence that takes the channel: `away` and `offline` take no chat
  or phone, `away` still takes e-mail, `offline` takes nothing.
- An agent on a phone call (an open phone contact) takes only the phone ("current channel only
  while on a call"): no new chat and no new e-mail.
- Ranking: most spare capacity (a fraction of capacity) first, then the oldest last assignment
  (never assigned first), then handle A→Z. Handles are unique, so this is a total order.
- Reason of a closed chat/phone channel, checked in this order: the language is not served on
  the channel → `unsupported_language`; no active agent with the skill is on shift →
  `no_agent_on_shift`; every skilled agent on shift is `away` or `offline` →
  `all_agents_away`; otherwise (the rest are at capacity or on a call) → `all_at_capacity`.
- `next_open_at` is given only for `no_agent_on_shift`: the first instant in [at, at + 14 days]
  when an agent with the skill is on shift, by schedule alone.

For speed each (channel, language) pair is turned once, lazily, into a timeline over the
snapshot's window: the instants where the set of skilled agents on shift changes, each with a
bit mask of those agents in rank order. A decision is then one `bisect` per channel.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Final

from console.routing.schedule import ScheduleIndex
from models.enums import Channel, Presence
from models.language import (
    CHAT_LANGUAGES,
    EMAIL_LANGUAGES,
    FALLBACK_LANGUAGE,
    PHONE_LANGUAGES,
    normalise_language,
)

SERVED_LANGUAGES: Final[Mapping[str, tuple[str, ...]]] = {
    Channel.EMAIL: EMAIL_LANGUAGES,
    Channel.CHAT: CHAT_LANGUAGES,
    Channel.PHONE: PHONE_LANGUAGES,
}
CHANNELS: Final = (Channel.EMAIL, Channel.CHAT, Channel.PHONE)
DEFAULT_CAPACITY: Final[Mapping[str, int]] = {"email": 10, "chat": 3, "phone": 1}
NEXT_OPEN_HORIZON: Final = timedelta(days=14)


class Reason:
    """Why a channel is offered or not (the strings of the CLI contract)."""

    ALWAYS: Final = "always"
    OK: Final = "ok"
    UNSUPPORTED_LANGUAGE: Final = "unsupported_language"
    NO_AGENT_ON_SHIFT: Final = "no_agent_on_shift"
    ALL_AGENTS_AWAY: Final = "all_agents_away"
    ALL_AT_CAPACITY: Final = "all_at_capacity"


class OutsideSnapshot(ValueError):
    """The instant asked about is outside the window the snapshot was built for."""


@dataclass(frozen=True)
class AgentState:
    """One agent as routing sees it: skills, presence and load at snapshot time."""

    id: int
    handle: str
    name: str = ""
    languages: frozenset[str] = frozenset()
    phone_languages: frozenset[str] | None = None
    channels: frozenset[str] = frozenset()
    capacity: Mapping[str, int] = field(default_factory=dict)
    presence: str = Presence.AVAILABLE
    active: bool = True
    last_assigned_at: datetime | None = None
    open_contacts: Mapping[str, int] = field(default_factory=dict)
    zone: str = "Europe/Amsterdam"

    def capacity_of(self, channel: str) -> int:
        """How many open contacts of `channel` the agent may hold at once."""
        return int(self.capacity.get(channel, DEFAULT_CAPACITY[channel]))

    def load(self, channel: str) -> int:
        """Open contacts of `channel` assigned to the agent now."""
        return int(self.open_contacts.get(channel, 0))

    @property
    def on_a_call(self) -> bool:
        """True while the agent holds an open phone contact."""
        return self.load(Channel.PHONE) > 0

    def has_skill(self, channel: str, lang: str) -> bool:
        """Active, works `channel` and speaks `lang` on it (schedule, presence, load aside)."""
        if not self.active or channel not in self.channels:
            return False
        if channel == Channel.PHONE and self.phone_languages is not None:
            return lang in self.phone_languages
        return lang in self.languages

    def is_away_for(self, channel: str) -> bool:
        """True when the agent's presence keeps `channel` from them."""
        if self.presence == Presence.OFFLINE:
            return True
        return self.presence == Presence.AWAY and channel != Channel.EMAIL

    def has_room_for(self, channel: str) -> bool:
        """Below capacity on `channel`, and not on a call unless `channel` is the phone."""
        if self.on_a_call and channel != Channel.PHONE:
            return False
        return self.load(channel) < self.capacity_of(channel)

    def spare_fraction(self, channel: str) -> float:
        """Spare capacity on `channel` as a fraction of capacity."""
        capacity = self.capacity_of(channel)
        return (capacity - self.load(channel)) / capacity


def rank_key(agent: AgentState, channel: str) -> tuple[float, float, str]:
    """The ranking of routing.md as a sort key: smaller is better."""
    last = agent.last_assigned_at.timestamp() if agent.last_assigned_at else float("-inf")
    return (-agent.spare_fraction(channel), last, agent.handle)


@dataclass(frozen=True)
class _Timeline:
    """When the skilled agents of one (channel, language) pair are on shift, as bit masks."""

    ranked: tuple[AgentState, ...]  # every skilled agent, in rank order; bit i = ranked[i]
    eligible: int  # agents whose presence and load let them take the channel
    not_away: int  # agents whose presence lets them take the channel
    times: tuple[float, ...]  # instants where the mask changes
    masks: tuple[int, ...]  # who is on shift from times[i] to times[i + 1]
    handles_of: dict[int, tuple[str, ...]] = field(default_factory=dict)

    def mask_at(self, at: float) -> tuple[int, int]:
        """The on-shift mask at `at` and its segment index (-1 before the first change)."""
        index = bisect_right(self.times, at) - 1
        return (self.masks[index] if index >= 0 else 0), index

    def handles(self, mask: int) -> tuple[str, ...]:
        """The handles of the agents in `mask`, in rank order (memoised per mask)."""
        found = self.handles_of.get(mask)
        if found is None:
            found = tuple(self.ranked[bit].handle for bit in _bits(mask))
            self.handles_of[mask] = found
        return found


def _bits(mask: int) -> list[int]:
    positions = []
    while mask:
        lowest = mask & -mask
        positions.append(lowest.bit_length() - 1)
        mask ^= lowest
    return positions


@dataclass(frozen=True)
class RoutingSnapshot:
    """Agents, their precomputed schedules, presence and load: all a routing decision reads."""

    agents: tuple[AgentState, ...]
    schedules: ScheduleIndex[int]
    team_zone: str = "Europe/Amsterdam"
    _timelines: dict[tuple[str, str], _Timeline] = field(
        default_factory=dict, compare=False, repr=False
    )

    def timeline(self, channel: str, lang: str) -> _Timeline:
        """The (memoised) timeline of one (channel, language) pair."""
        found = self._timelines.get((channel, lang))
        if found is None:
            found = self._build_timeline(channel, lang)
            self._timelines[(channel, lang)] = found
        return found

    def _build_timeline(self, channel: str, lang: str) -> _Timeline:
        skilled = [agent for agent in self.agents if agent.has_skill(channel, lang)]
        ranked = tuple(sorted(skilled, key=lambda agent: rank_key(agent, channel)))
        eligible = not_away = 0
        changes: dict[float, int] = {}
        for bit, agent in enumerate(ranked):
            flag = 1 << bit
            if not agent.is_away_for(channel):
                not_away |= flag
                if agent.has_room_for(channel):
                    eligible |= flag
            for start, end in self.schedules.of(agent.id).on_shift:
                changes[start] = changes.get(start, 0) ^ flag
                changes[end] = changes.get(end, 0) ^ flag
        times: list[float] = []
        masks: list[int] = []
        mask = 0
        for instant in sorted(changes):
            mask ^= changes[instant]
            times.append(instant)
            masks.append(mask)
        return _Timeline(ranked, eligible, not_away, tuple(times), tuple(masks))


@dataclass(frozen=True)
class ChannelOffer:
    """The verdict for one channel."""

    offered: bool
    reason: str
    agents: tuple[str, ...] = ()
    next_open_at: datetime | None = None
    handled_in: str | None = None  # e-mail only


@dataclass(frozen=True)
class Offer:
    """The verdict for every channel, for one language at one instant."""

    lang: str
    at: datetime
    channels: Mapping[str, ChannelOffer]


def _check_window(snapshot: RoutingSnapshot, at: datetime, horizon: timedelta) -> None:
    if at.tzinfo is None:
        raise ValueError("routing needs an aware instant")
    if not snapshot.schedules.covers(at, at + horizon):
        raise OutsideSnapshot(
            f"{at.isoformat()} (+{horizon}) is outside the snapshot's window "
            f"{snapshot.schedules.window_start.isoformat()} to "
            f"{snapshot.schedules.window_end.isoformat()}"
        )


def ranked_agents(
    channel: str, lang: str, at: datetime, snapshot: RoutingSnapshot
) -> tuple[str, ...]:
    """Handles of the agents eligible for a contact of `channel` in `lang` at `at`, best first."""
    _check_window(snapshot, at, timedelta(0))
    lang = normalise_language(lang)
    if channel == Channel.EMAIL and lang not in EMAIL_LANGUAGES:
        lang = FALLBACK_LANGUAGE  # e-mail in a language not served in-house is handled in English
    if lang not in SERVED_LANGUAGES[channel]:
        return ()
    timeline = snapshot.timeline(channel, lang)
    mask, _ = timeline.mask_at(at.timestamp())
    return timeline.handles(mask & timeline.eligible)


def _live_channel(channel: str, lang: str, at: datetime, snapshot: RoutingSnapshot) -> ChannelOffer:
    if lang not in SERVED_LANGUAGES[channel]:
        return ChannelOffer(offered=False, reason=Reason.UNSUPPORTED_LANGUAGE)
    timeline = snapshot.timeline(channel, lang)
    moment = at.timestamp()
    mask, index = timeline.mask_at(moment)
    if mask == 0:
        return ChannelOffer(
            offered=False,
            reason=Reason.NO_AGENT_ON_SHIFT,
            next_open_at=_next_open(timeline, index, moment),
        )
    agents = timeline.handles(mask & timeline.eligible)
    if agents:
        return ChannelOffer(offered=True, reason=Reason.OK, agents=agents)
    if mask & timeline.not_away == 0:
        return ChannelOffer(offered=False, reason=Reason.ALL_AGENTS_AWAY)
    return ChannelOffer(offered=False, reason=Reason.ALL_AT_CAPACITY)


def _next_open(timeline: _Timeline, index: int, moment: float) -> datetime | None:
    # Nobody is on shift in segment `index`; the next change is necessarily someone starting.
    following = index + 1
    if following >= len(timeline.times):
        return None
    opens = timeline.times[following]
    if opens > moment + NEXT_OPEN_HORIZON.total_seconds():
        return None
    return datetime.fromtimestamp(opens, UTC)


def offer_channels(lang: str, at: datetime, snapshot: RoutingSnapshot) -> Offer:
    """Which contact methods a customer writing in `lang` may be offered at `at`."""
    _check_window(snapshot, at, NEXT_OPEN_HORIZON)
    lang = normalise_language(lang)
    handled_in = lang if lang in EMAIL_LANGUAGES else FALLBACK_LANGUAGE
    email_timeline = snapshot.timeline(Channel.EMAIL, handled_in)
    email_mask, _ = email_timeline.mask_at(at.timestamp())
    email = ChannelOffer(
        offered=True,
        reason=Reason.ALWAYS,
        agents=email_timeline.handles(email_mask & email_timeline.eligible),
        handled_in=handled_in,
    )
    return Offer(
        lang=lang,
        at=at.astimezone(UTC),
        channels={
            Channel.EMAIL: email,
            Channel.CHAT: _live_channel(Channel.CHAT, lang, at, snapshot),
            Channel.PHONE: _live_channel(Channel.PHONE, lang, at, snapshot),
        },
    )


def utc_iso(moment: datetime) -> str:
    """An instant as ISO 8601 in UTC with `+00:00`, to the second."""
    return moment.astimezone(UTC).replace(microsecond=0).isoformat()


def offer_document(offer: Offer) -> dict[str, object]:
    """The JSON contract of `guichet offer --json` (keys in the documented order)."""
    channels: dict[str, object] = {}
    for channel in CHANNELS:
        verdict = offer.channels[channel]
        entry: dict[str, object] = {"offered": verdict.offered, "reason": verdict.reason}
        if channel == Channel.EMAIL:
            entry["handled_in"] = verdict.handled_in
        entry["agents"] = list(verdict.agents)
        entry["next_open_at"] = utc_iso(verdict.next_open_at) if verdict.next_open_at else None
        channels[str(channel)] = entry
    return {"lang": offer.lang, "at": utc_iso(offer.at), "channels": channels}
