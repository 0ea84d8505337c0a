"""Offer and ranking: reasons, eligibility, next_open_at, and their properties."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from console.routing.offer import (
    AgentState,
    OutsideSnapshot,
    RoutingSnapshot,
    offer_channels,
    offer_document,
    rank_key,
    ranked_agents,
)
from console.routing.schedule import ScheduleIndex, WorkSchedule
from models.language import PHONE_LANGUAGES
from tests.console.routing.helpers import WEEKDAYS, agent, shift, snapshot, utc
from tests.console.routing.test_schedule import oracle_on_shift, schedules

DAY = WorkSchedule("Europe/Amsterdam", (shift(WEEKDAYS, "09:00", "17:00"),))
TUESDAY_10 = utc(2026, 11, 24, 9)  # 10:00 in Amsterdam
WINDOW = utc(2026, 11, 23)


def _one(state: AgentState, schedule: WorkSchedule = DAY) -> RoutingSnapshot:
    return snapshot([state], {state.id: schedule}, WINDOW)


def test_email_is_always_offered_even_with_nobody_on_shift() -> None:
    offer = offer_channels("fr", utc(2026, 11, 24, 3), _one(agent(1, "amelie", languages=["fr"])))
    email = offer.channels["email"]
    assert (email.offered, email.reason, email.handled_in, email.agents) == (
        True,
        "always",
        "fr",
        (),
    )


def test_language_not_served_is_emailed_in_english_and_not_chatted() -> None:
    team = _one(agent(1, "amelie", languages=["en", "fr"]))
    offer = offer_channels("sv-SE", TUESDAY_10, team)
    assert offer.lang == "sv"
    assert offer.channels["email"].handled_in == "en"
    assert offer.channels["email"].agents == ("amelie",)
    assert offer.channels["chat"].reason == "unsupported_language"
    assert offer.channels["phone"].reason == "unsupported_language"
    assert offer.channels["chat"].next_open_at is None


@pytest.mark.parametrize("lang", ["zh-Hans-CN", "pt-BR", "pl"])
def test_phone_is_not_served_in_zh_pt_pl_even_by_speakers(lang: str) -> None:
    team = _one(agent(1, "li", languages=["zh", "pt", "pl", "en"]))
    offer = offer_channels(lang, TUESDAY_10, team)
    assert offer.channels["phone"].reason == "unsupported_language"
    assert offer.channels["chat"].reason == "ok"


def test_no_agent_on_shift_says_when_the_channel_opens() -> None:
    team = _one(agent(1, "amelie", languages=["fr"]))
    offer = offer_channels("fr", utc(2026, 11, 24, 20), team)  # 21:00 in Amsterdam
    chat = offer.channels["chat"]
    assert (chat.offered, chat.reason) == (False, "no_agent_on_shift")
    assert chat.next_open_at == utc(2026, 11, 25, 8)


def test_next_open_at_is_null_beyond_14_days() -> None:
    later = WorkSchedule(
        "Europe/Amsterdam", (shift("FREQ=DAILY", "09:00", "17:00", date(2026, 12, 10)),)
    )
    team = snapshot([agent(1, "amelie")], {1: later}, WINDOW, days=30)
    offer = offer_channels("en", utc(2026, 11, 24, 9), team)
    assert offer.channels["chat"].reason == "no_agent_on_shift"
    assert offer.channels["chat"].next_open_at is None
    assert offer_channels("en", utc(2026, 11, 27, 9), team).channels["chat"].next_open_at == (
        utc(2026, 12, 10, 8)
    )


def test_everyone_away_closes_chat_but_not_email() -> None:
    team = _one(agent(1, "amelie", presence="away"))
    offer = offer_channels("en", TUESDAY_10, team)
    assert offer.channels["chat"].reason == "all_agents_away"
    assert offer.channels["phone"].reason == "all_agents_away"
    assert offer.channels["email"].agents == ("amelie",)


def test_offline_takes_nothing() -> None:
    offer = offer_channels("en", TUESDAY_10, _one(agent(1, "amelie", presence="offline")))
    assert offer.channels["email"].agents == ()
    assert offer.channels["chat"].reason == "all_agents_away"


def test_everyone_at_capacity() -> None:
    team = _one(agent(1, "amelie", open_contacts={"chat": 3}))
    offer = offer_channels("en", TUESDAY_10, team)
    assert offer.channels["chat"].reason == "all_at_capacity"
    assert offer.channels["phone"].reason == "ok"


def test_an_agent_on_a_call_takes_no_new_chat_or_email() -> None:
    team = _one(agent(1, "amelie", open_contacts={"phone": 1}, capacity={"phone": 2}))
    offer = offer_channels("en", TUESDAY_10, team)
    assert offer.channels["chat"].reason == "all_at_capacity"
    assert offer.channels["email"].agents == ()
    assert offer.channels["phone"].agents == ("amelie",)


def test_away_and_busy_mixed_is_at_capacity() -> None:
    team = snapshot(
        [agent(1, "a", presence="away"), agent(2, "b", open_contacts={"chat": 3})],
        {1: DAY, 2: DAY},
        WINDOW,
    )
    assert offer_channels("en", TUESDAY_10, team).channels["chat"].reason == "all_at_capacity"


def test_phone_languages_restrict_the_phone() -> None:
    team = _one(agent(1, "amelie", languages=["fr", "nl"], phone_languages=["fr"]))
    assert offer_channels("nl", TUESDAY_10, team).channels["phone"].reason == "no_agent_on_shift"
    assert offer_channels("fr", TUESDAY_10, team).channels["phone"].reason == "ok"


def test_inactive_agents_are_never_offered() -> None:
    team = _one(agent(1, "amelie", active=False))
    assert offer_channels("en", TUESDAY_10, team).channels["chat"].reason == "no_agent_on_shift"


def test_ranking_spare_capacity_then_oldest_assignment_then_handle() -> None:
    agents = [
        agent(1, "dora", open_contacts={"chat": 1}),  # 2/3 spare
        agent(2, "carl", last_assigned_at=utc(2026, 11, 24, 8)),  # full, recent
        agent(3, "bea", last_assigned_at=utc(2026, 11, 20)),  # full, older
        agent(4, "zoe"),  # full, never assigned
        agent(5, "adam"),  # full, never assigned
        agent(6, "eve", open_contacts={"chat": 3}),  # at capacity
    ]
    team = snapshot(agents, {a.id: DAY for a in agents}, WINDOW)
    assert ranked_agents("chat", "en", TUESDAY_10, team) == ("adam", "zoe", "bea", "carl", "dora")


def test_offer_outside_the_snapshot_window_is_refused() -> None:
    team = _one(agent(1, "amelie"))
    with pytest.raises(OutsideSnapshot):
        offer_channels("en", WINDOW + timedelta(days=3), team)


def test_json_document_has_the_contract_keys_in_order() -> None:
    document = offer_document(offer_channels("fr", TUESDAY_10, _one(agent(1, "amelie"))))
    assert list(document) == ["lang", "at", "channels"]
    assert list(document["channels"]) == ["email", "chat", "phone"]  # type: ignore[call-overload]
    channels = document["channels"]
    assert list(channels["email"]) == ["offered", "reason", "handled_in", "agents", "next_open_at"]  # type: ignore[index]
    assert list(channels["chat"]) == ["offered", "reason", "agents", "next_open_at"]  # type: ignore[index]
    assert document["at"] == "2026-11-24T09:00:00+00:00"


# --- properties ---------------------------------------------------------------------------------

LANGS = ["en", "fr", "nl", "de", "zh", "pt", "pl", "es", "it", "sv", "ja"]


@st.composite
def teams(draw: st.DrawFn) -> tuple[RoutingSnapshot, dict[int, WorkSchedule]]:
    count = draw(st.integers(1, 6))
    agents = []
    plans = {}
    for index in range(1, count + 1):
        languages = draw(st.sets(st.sampled_from(LANGS[:9]), min_size=1, max_size=3))
        agents.append(
            AgentState(
                id=index,
                handle=f"agent{draw(st.integers(0, 99)):02d}{index}",
                languages=frozenset(languages),
                channels=frozenset(draw(st.sets(st.sampled_from(["email", "chat", "phone"])))),
                capacity={"email": 10, "chat": draw(st.integers(1, 3)), "phone": 1},
                presence=draw(st.sampled_from(["available", "available", "away", "offline"])),
                open_contacts={"chat": draw(st.integers(0, 3)), "phone": draw(st.integers(0, 1))},
                last_assigned_at=draw(
                    st.one_of(st.none(), st.sampled_from([utc(2026, 11, 1), utc(2026, 11, 2)]))
                ),
            )
        )
        plans[index] = draw(schedules())
    index_ = ScheduleIndex.build(plans, utc(2026, 3, 20), utc(2026, 4, 20))
    return RoutingSnapshot(agents=tuple(agents), schedules=index_), plans


INSTANTS = st.builds(
    lambda minutes: utc(2026, 3, 21) + timedelta(minutes=minutes), st.integers(0, 15 * 24 * 60)
)


@settings(max_examples=40, deadline=None)
@given(team=teams(), at=INSTANTS, lang=st.sampled_from(LANGS))
def test_offer_properties(
    team: tuple[RoutingSnapshot, dict[int, WorkSchedule]], at: datetime, lang: str
) -> None:
    snap, plans = team
    offer = offer_channels(lang, at, snap)
    by_handle = {a.handle: a for a in snap.agents}
    assert offer.channels["email"].offered
    if lang not in PHONE_LANGUAGES:
        assert not offer.channels["phone"].offered
    for channel, verdict in offer.channels.items():
        served_lang = verdict.handled_in or offer.lang
        expected = sorted(
            (
                a
                for a in snap.agents
                if a.has_skill(channel, served_lang)
                and oracle_on_shift(plans[a.id], at)
                and not a.is_away_for(channel)
                and a.has_room_for(channel)
            ),
            key=lambda a: rank_key(a, channel),
        )
        if verdict.reason != "unsupported_language":
            assert verdict.agents == tuple(a.handle for a in expected)
        # Never eligible outside a shift, inside an absence or on a holiday.
        for handle in verdict.agents:
            assert oracle_on_shift(plans[by_handle[handle].id], at)
        assert verdict.offered == (verdict.reason in ("always", "ok"))
        if verdict.next_open_at is not None:
            assert verdict.reason == "no_agent_on_shift"
            assert at <= verdict.next_open_at <= at + timedelta(days=14)
            staffed = [
                a
                for a in snap.agents
                if a.has_skill(channel, offer.lang)
                and oracle_on_shift(plans[a.id], verdict.next_open_at)
            ]
            assert staffed


@settings(max_examples=40, deadline=None)
@given(team=teams(), at=INSTANTS, seed=st.integers(0, 1000))
def test_ranking_is_a_total_order(
    team: tuple[RoutingSnapshot, dict[int, WorkSchedule]], at: datetime, seed: int
) -> None:
    snap, _ = team
    agents = list(snap.agents)
    for a in agents:
        for b in agents:
            if a.handle != b.handle:
                assert (rank_key(a, "chat") < rank_key(b, "chat")) != (
                    rank_key(b, "chat") < rank_key(a, "chat")
                )
    random.Random(seed).shuffle(agents)
    shuffled = RoutingSnapshot(agents=tuple(agents), schedules=snap.schedules)
    for lang in ("en", "fr", "de"):
        for channel in ("email", "chat", "phone"):
            assert ranked_agents(channel, lang, at, snap) == ranked_agents(
                channel, lang, at, shuffled
            )
