"""What "take next" (`n`, `guichet next`) hands out: among the tickets the agent may take, the
highest priority, then the SLA due soonest (none last), then the oldest; one ordered index walk
per queue key."""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from alembic import command
from sqlalchemy import update
from sqlmodel import col, select

from console import cli
from console.migrate import alembic_config
from console.queue import _claim_head, claim_next, eligible_queue_keys
from console.store import Store
from models import Account, Ticket
from models.enums import PRIORITY_RANK
from models.tickets import queue_key
from tests.factories import NOW, add_agent, add_tickets

HOUR = timedelta(hours=1)
MINUTE = timedelta(minutes=1)


@dataclass(frozen=True)
class Spec:
    """One ticket of a scenario, named so a test reads its expected order by name."""

    name: str
    key: str
    priority: str = "normal"
    age: timedelta = HOUR
    due_in: timedelta | None = 4 * HOUR
    status: str = "new"
    replied_ago: timedelta | None = None
    resolve_in: timedelta | None = None
    paused: bool = False


def add_specs(store: Store, specs: list[Spec], *, username: str = "camille") -> dict[int, str]:
    """The scenario's tickets, unassigned, from one customer; their names by id."""
    with store.write() as session:
        customer = Account(username=username, display_name="Camille", email="c@example.org",
                           country="FR", language="fr")  # fmt: skip
        session.add(customer)
        session.flush()
        tickets: dict[str, Ticket] = {}
        for spec in specs:
            channel, _sep, language = spec.key.partition(":")
            tickets[spec.name] = ticket = Ticket(
                source="general_question", channel=channel, language=language,
                requested_language=language, queue_key=spec.key, subject=spec.name,
                requester_id=customer.id, status=spec.status, priority=spec.priority,
                priority_rank=PRIORITY_RANK[spec.priority], created_at=NOW - spec.age,
                updated_at=NOW - spec.age,
                first_reply_due_at=None if spec.due_in is None else NOW + spec.due_in,
                resolution_due_at=None if spec.resolve_in is None else NOW + spec.resolve_in,
                first_replied_at=None if spec.replied_ago is None else NOW - spec.replied_ago,
                sla_paused_at=NOW - HOUR if spec.paused else None,
            )  # fmt: skip
            session.add(ticket)
        session.flush()
        return {ticket.id: name for name, ticket in tickets.items() if ticket.id is not None}


def claim_all(store: Store, agent: int, keys: list[str], names: dict[int, str]) -> list[str]:
    """The names of the tickets `claim_next` hands out, in order, until none is left."""
    taken: list[str] = []
    while (ticket := claim_next(store, agent, keys, now=NOW)) is not None:
        taken.append(names[ticket])
        assert len(taken) <= len(names)
    return taken


SCENARIO = [
    Spec("email-2h-old-due-6h", "email:fr", age=2 * HOUR, due_in=6 * HOUR),
    Spec("chat-new-due-10min", "chat:fr", age=MINUTE, due_in=10 * MINUTE),
    Spec("email-30min-old-due-1h", "email:fr", age=30 * MINUTE, due_in=HOUR),
    Spec("chat-3h-old-no-due", "chat:fr", age=3 * HOUR, due_in=None),
    Spec("email-low-late", "email:fr", priority="low", age=5 * HOUR, due_in=-HOUR),
    Spec("chat-high-due-5h", "chat:fr", priority="high", age=10 * MINUTE, due_in=5 * HOUR),
    Spec("email-urgent-no-due", "email:fr", priority="urgent", age=MINUTE, due_in=None),
]
"""Each priority first; within one, the soonest due across channels and keys, none last."""

SCENARIO_ORDER = [
    "email-urgent-no-due", "chat-high-due-5h", "chat-new-due-10min", "email-30min-old-due-1h",
    "email-2h-old-due-6h", "chat-3h-old-no-due", "email-low-late",
]  # fmt: skip


def test_equal_priority_takes_the_soonest_due_across_channels_and_keys(store: Store) -> None:
    agent = add_agent(store, "amelie", languages=["fr"], channels=["email", "chat"],
                      capacity={"email": 20, "chat": 20})  # fmt: skip
    names = add_specs(store, SCENARIO)
    assert claim_all(store, agent, ["email:fr", "chat:fr"], names) == SCENARIO_ORDER


def test_a_normal_chat_due_soon_goes_before_an_older_email_due_later(store: Store) -> None:
    """The audit's case, through what `n` and `guichet next` call."""
    agent = add_agent(store, "amelie", languages=["fr"], channels=["email", "chat"])
    names = add_specs(store, [
        Spec("email", "email:fr", age=2 * HOUR, due_in=6 * HOUR),
        Spec("chat", "chat:fr", age=MINUTE, due_in=10 * MINUTE),
    ])  # fmt: skip
    keys = eligible_queue_keys(store, agent)
    assert names[claim_next(store, agent, keys, now=NOW) or 0] == "chat"


def test_a_higher_priority_wins_over_a_sooner_due(store: Store) -> None:
    agent = add_agent(store, "amelie", languages=["fr"], channels=["email", "chat"])
    names = add_specs(store, [
        Spec("normal-overdue", "chat:fr", due_in=-2 * HOUR),
        Spec("high-due-in-a-day", "email:fr", priority="high", due_in=24 * HOUR),
        Spec("urgent-no-due", "email:fr", priority="urgent", due_in=None),
    ])  # fmt: skip
    assert claim_all(store, agent, ["chat:fr", "email:fr"], names) == [
        "urgent-no-due", "high-due-in-a-day", "normal-overdue",
    ]  # fmt: skip


def test_a_ticket_without_a_due_time_comes_last_in_its_priority(store: Store) -> None:
    agent = add_agent(store, "amelie", languages=["fr"], channels=["email", "chat"])
    names = add_specs(store, [
        Spec("oldest-no-due", "email:fr", age=30 * 24 * HOUR, due_in=None),
        Spec("due-in-a-month", "email:fr", age=MINUTE, due_in=30 * 24 * HOUR),
        Spec("chat-no-due", "chat:fr", age=40 * 24 * HOUR, due_in=None),
        Spec("chat-due-in-a-week", "chat:fr", age=MINUTE, due_in=7 * 24 * HOUR),
    ])  # fmt: skip
    assert claim_all(store, agent, ["email:fr", "chat:fr"], names) == [
        "chat-due-in-a-week", "due-in-a-month", "chat-no-due", "oldest-no-due",
    ]  # fmt: skip


def test_an_answered_ticket_is_due_when_its_resolution_is(store: Store) -> None:
    """Given back unassigned after its first reply, a ticket's first-reply due time is spent:
    the clock still running is the resolution's."""
    agent = add_agent(store, "amelie", languages=["fr"], channels=["email"])
    names = add_specs(store, [
        Spec("answered-resolve-in-2d", "email:fr", status="open", age=48 * HOUR,
             due_in=-40 * HOUR, replied_ago=45 * HOUR, resolve_in=48 * HOUR),
        Spec("answered-resolve-in-30min", "email:fr", status="open", age=50 * HOUR,
             due_in=-45 * HOUR, replied_ago=46 * HOUR, resolve_in=30 * MINUTE),
        Spec("new-due-in-1h", "email:fr", age=MINUTE, due_in=HOUR, resolve_in=24 * HOUR),
    ])  # fmt: skip
    assert claim_all(store, agent, ["email:fr"], names) == [
        "answered-resolve-in-30min", "new-due-in-1h", "answered-resolve-in-2d",
    ]  # fmt: skip


def test_a_ticket_waiting_on_the_customer_is_not_handed_out(store: Store) -> None:
    """Its clock is paused: it is nobody's to take until the customer answers."""
    agent = add_agent(store, "amelie", languages=["fr"], channels=["email"])
    names = add_specs(store, [
        Spec("waiting", "email:fr", status="pending_customer", due_in=-HOUR, paused=True),
        Spec("solved", "email:fr", status="solved", due_in=-2 * HOUR),
        Spec("new", "email:fr", due_in=HOUR),
    ])  # fmt: skip
    assert claim_all(store, agent, ["email:fr"], names) == ["new"]


def _claim_order(ticket: Ticket) -> tuple[Any, ...]:
    due = ticket.first_reply_due_at if ticket.first_replied_at is None else ticket.resolution_due_at
    return (ticket.priority_rank, due is None, due or NOW, ticket.created_at, ticket.id)


def test_claims_follow_one_order_over_many_tickets(store: Store) -> None:
    """Every claim takes the first claimable ticket of that order, whatever the mix."""
    agent = add_agent(store, "amelie", capacity={"email": 1000, "chat": 1000})
    ids = add_tickets(store, 300, seed=7)
    rng = random.Random(7)
    with store.write() as session:
        for ticket_id in rng.sample(ids, 60):
            session.execute(update(Ticket).where(col(Ticket.id) == ticket_id)
                            .values(first_reply_due_at=None))  # fmt: skip
        for ticket_id in rng.sample(ids, 60):
            session.execute(
                update(Ticket).where(col(Ticket.id) == ticket_id).values(
                    first_replied_at=NOW - HOUR,
                    resolution_due_at=(
                        None if rng.random() < 0.2 else NOW + rng.randrange(-600, 6000) * MINUTE
                    ),
                )
            )  # fmt: skip
        # Ties on the due time: the oldest goes first, then the lowest id.
        for ticket_id in rng.sample(ids, 40):
            session.execute(update(Ticket).where(col(Ticket.id) == ticket_id)
                            .values(first_reply_due_at=NOW + HOUR))  # fmt: skip
    keys = sorted({queue_key(c, lang) for c in ("email", "chat", "phone")
                   for lang in ("fr", "en", "de", "zh")})  # fmt: skip
    with store.read() as session:
        tickets = session.exec(select(Ticket)).all()
    expected = [
        ticket.id
        for ticket in sorted(tickets, key=_claim_order)
        if ticket.status in ("new", "open") and ticket.assignee_id is None
    ]
    taken = []
    while (ticket_id := claim_next(store, agent, keys, now=NOW)) is not None:
        taken.append(ticket_id)
    assert taken == expected
    assert len(expected) > 100


def _plan(store: Store, key: str) -> str:
    with store.read() as session:
        connection = session.connection()
        statement = _claim_head(key)
        compiled = statement.compile(connection, compile_kwargs={"render_postcompile": True})
        parameters = tuple(compiled.params[name] for name in compiled.positiontup or ())
        rows = connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {compiled}", parameters).all()
    return " | ".join(str(row[3]) for row in rows)


def test_a_queue_keys_head_is_the_first_entry_of_the_claim_index(store: Store) -> None:
    add_tickets(store, 400, seed=3)
    add_tickets(store, 50, seed=4, assignee_id=add_agent(store, "lena"))
    # One equality, then the index's order: no sort of the key's tickets (no temp B-tree).
    assert _plan(store, "chat:fr") == "SEARCH ticket USING INDEX ix_ticket_claim_due (queue_key=?)"


def test_the_migration_keeps_the_tickets_and_builds_the_claim_index(store: Store) -> None:
    agent = add_agent(store, "amelie", languages=["fr"], channels=["email", "chat"],
                      capacity={"email": 20, "chat": 20})  # fmt: skip
    names = add_specs(store, SCENARIO)
    command.downgrade(alembic_config(store), "0005")
    with store.read() as session:
        assert session.connection().exec_driver_sql(
            "SELECT count(*) FROM sqlite_master WHERE name = 'ix_ticket_claim_due'"
        ).scalar() == 0  # fmt: skip
    command.upgrade(alembic_config(store), "head")
    assert claim_all(store, agent, ["email:fr", "chat:fr"], names) == SCENARIO_ORDER


# Who may take what: presence, languages, channels and capacity decide the queue keys.

ROUTED = [
    Spec("email-fr", "email:fr", due_in=3 * HOUR),
    Spec("chat-fr", "chat:fr", due_in=2 * HOUR),
    Spec("phone-fr", "phone:fr", priority="urgent", due_in=MINUTE),
    Spec("chat-de", "chat:de", priority="urgent", due_in=MINUTE),
    Spec("email-de", "email:de", priority="urgent", due_in=MINUTE),
]
"""The most urgent tickets are in a channel she does not work or a language she does not speak."""


def _amelie(store: Store, **fields: Any) -> int:
    values: dict[str, Any] = {"languages": ["fr", "en"], "channels": ["email", "chat"],
                              "capacity": {"email": 10, "chat": 3}}  # fmt: skip
    values.update(fields)
    return add_agent(store, "amelie", password="pw", **values)


def _take_next(store: Store, agent: int, names: dict[int, str]) -> list[str]:
    """What `n` takes, again and again: the agent's queue keys asked anew before each claim."""
    taken: list[str] = []
    while True:
        ticket = claim_next(store, agent, eligible_queue_keys(store, agent), now=NOW)
        if ticket is None:
            return taken
        taken.append(names[ticket])
        assert len(taken) <= len(names)


@pytest.mark.parametrize(
    ("presence", "expected"),
    [("available", ["chat-fr", "email-fr"]), ("away", ["email-fr"]), ("offline", [])],
)
def test_take_next_leaves_out_what_the_agent_may_not_take(
    store: Store, presence: str, expected: list[str]
) -> None:
    """Never a channel not worked (phone) nor a language not spoken (de); away takes e-mail
    only; offline takes nothing."""
    agent = _amelie(store, presence=presence)
    names = add_specs(store, ROUTED)
    assert sorted(_take_next(store, agent, names)) == expected


def test_a_full_channel_is_left_out_until_a_contact_closes(store: Store) -> None:
    agent = _amelie(store, capacity={"email": 10, "chat": 1})
    names = add_specs(store, [*ROUTED, Spec("chat-fr-2", "chat:fr", due_in=HOUR)])
    taken = _take_next(store, agent, names)
    chats = [name for name in taken if name.startswith("chat")]
    assert len(chats) == 1
    assert sorted(taken) == sorted([*chats, "email-fr"])
    assert "chat:fr" not in eligible_queue_keys(store, agent)
    with store.write() as session:
        held = session.exec(select(Ticket).where(col(Ticket.subject) == chats[0])).one()
        held.status = "solved"
        session.add(held)
    assert _take_next(store, agent, names) == list({"chat-fr", "chat-fr-2"} - set(chats))


def test_phone_languages_restrict_the_phone(store: Store) -> None:
    agent = _amelie(store, channels=["phone"], phone_languages=["en"])
    names = add_specs(store, [*ROUTED, Spec("phone-en", "phone:en", due_in=HOUR)])
    assert _take_next(store, agent, names) == ["phone-en"]


def _next(capsys: pytest.CaptureFixture[str]) -> Any:
    assert cli.main(["next", "--json"]) == 0
    return json.loads(capsys.readouterr().out)["ticket"]


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({}, ["chat-fr", "email-fr"]),
        ({"presence": "away"}, ["email-fr"]),
        ({"presence": "offline"}, []),
        ({"languages": ["de"]}, ["chat-de", "email-de"]),
        ({"channels": ["phone"]}, ["phone-fr"]),
        ({"capacity": {"email": 0, "chat": 3}}, ["chat-fr"]),
    ],
)
def test_guichet_next_takes_only_what_the_agent_may_take(
    store: Store,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    fields: dict[str, Any],
    expected: list[str],
) -> None:
    _amelie(store, **fields)
    add_specs(store, ROUTED)
    monkeypatch.setenv("GUICHET_DB", store.url)
    monkeypatch.setenv("GUICHET_AGENT", "amelie")
    monkeypatch.setenv("GUICHET_PASSWORD", "pw")
    taken: list[str] = []
    while (ticket := _next(capsys)) is not None:
        taken.append(ticket["subject"])
        assert ticket["assignee"] == "amelie"
        assert len(taken) <= len(ROUTED)
    assert sorted(taken) == expected


def test_guichet_next_takes_the_soonest_due_of_a_priority(
    store: Store, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _amelie(store)
    add_specs(store, [
        Spec("email-2h-old-due-6h", "email:fr", age=2 * HOUR, due_in=6 * HOUR),
        Spec("chat-new-due-10min", "chat:fr", age=MINUTE, due_in=10 * MINUTE),
    ])  # fmt: skip
    monkeypatch.setenv("GUICHET_DB", store.url)
    monkeypatch.setenv("GUICHET_AGENT", "amelie")
    monkeypatch.setenv("GUICHET_PASSWORD", "pw")
    assert _next(capsys)["subject"] == "chat-new-due-10min"


def test_take_next_orders_an_agents_queue_keys_by_sla_too(store: Store) -> None:
    """The claim's order holds for the keys routing gives: `n` as the screen calls it."""
    agent = _amelie(store)
    names = add_specs(store, [
        Spec("email-fr-due-30min", "email:fr", age=5 * HOUR, due_in=30 * MINUTE),
        Spec("chat-en-due-5min", "chat:en", age=MINUTE, due_in=5 * MINUTE),
        Spec("chat-fr-no-due", "chat:fr", age=9 * HOUR, due_in=None),
        Spec("email-en-due-2h", "email:en", age=8 * HOUR, due_in=2 * HOUR),
    ])  # fmt: skip
    assert _take_next(store, agent, names) == [
        "chat-en-due-5min", "email-fr-due-30min", "email-en-due-2h", "chat-fr-no-due",
    ]  # fmt: skip


def test_claim_sets_the_assignee_and_its_copy(store: Store) -> None:
    agent = _amelie(store)
    names = add_specs(store, ROUTED)
    claimed = claim_next(store, agent, ["chat:fr"], now=NOW)
    assert claimed is not None
    assert names[claimed] == "chat-fr"
    with store.read() as session:
        ticket = session.get(Ticket, claimed)
    assert ticket is not None
    assert (ticket.assignee_id, ticket.assignee_handle, ticket.status) == (agent, "amelie", "open")
    assert ticket.updated_at == NOW
