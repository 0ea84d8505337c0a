"""Staffing with Erlang C: agents needed per hour for an arrival rate and a service level.

Traffic A = arrivals per second × average handling time (erlangs). With N agents (N > A), the
probability that a contact waits is Erlang C:

    C(N, A) = (A^N / N!) · N/(N − A)  /  (Σ_{k<N} A^k / k!  +  A^N / N! · N/(N − A))

and the service level (share answered within t seconds) is 1 − C(N, A) · e^(−(N − A)·t/AHT).
Chat agents handle several chats at once: the handling time is divided by the concurrency.
"""

from __future__ import annotations

import math

MAX_AGENTS = 10_000


def erlang_c(agents: int, traffic: float) -> float:
    """Probability that a contact has to wait, with `agents` agents and `traffic` erlangs."""
    if traffic <= 0:
        return 0.0
    if agents <= traffic:
        return 1.0
    # Erlang B by its stable recurrence, then C from B.
    blocking = 1.0
    for k in range(1, agents + 1):
        blocking = traffic * blocking / (k + traffic * blocking)
    return agents * blocking / (agents - traffic * (1 - blocking))


def service_level(agents: int, traffic: float, aht_seconds: float, target_seconds: float) -> float:
    """Share of contacts answered within `target_seconds`."""
    if traffic <= 0:
        return 1.0
    if agents <= traffic:
        return 0.0
    waiting = erlang_c(agents, traffic)
    return 1.0 - waiting * math.exp(-(agents - traffic) * target_seconds / aht_seconds)


def agents_needed(
    arrival_rate_per_hour: float,
    aht_seconds: float,
    target_fraction: float,
    target_seconds: float,
    concurrency: float = 1,
) -> int:
    """Fewest agents meeting `target_fraction` answered within `target_seconds`.

    `concurrency` is how many contacts an agent handles at once (chat); it divides the
    handling time. No arrivals need no agent.
    """
    if arrival_rate_per_hour < 0 or aht_seconds <= 0 or concurrency <= 0:
        raise ValueError("arrival rate must be >= 0, handling time and concurrency > 0")
    if not 0 < target_fraction < 1:
        raise ValueError("the service-level target must be a fraction between 0 and 1")
    if arrival_rate_per_hour == 0:
        return 0
    handling = aht_seconds / concurrency
    traffic = arrival_rate_per_hour / 3600 * handling
    agents = max(1, math.floor(traffic) + 1)
    while service_level(agents, traffic, handling, target_seconds) < target_fraction:
        agents += 1
        if agents > MAX_AGENTS:
            raise ValueError("more than 10 000 agents needed: check the figures")
    return agents
