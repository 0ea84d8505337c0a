"""Queue views: built-in views match the home counts, saved views round-trip, filter words."""

from __future__ import annotations

import pytest

from console.auth import SignedInAgent
from console.errors import BadInput
from console.home import home_counts
from console.queue import QueueFilter, SortOrder
from console.store import Store
from console.views import (
    built_in_views,
    delete_view,
    filter_from_json,
    filter_to_json,
    refine,
    save_view,
    saved_views,
    team_views,
    view_counts,
)
from tests.factories import NOW, add_agent
from tests.screens.console_fixtures import fill_store


def _agent(store: Store, handle: str) -> SignedInAgent:
    from sqlmodel import select

    from models import Agent

    with store.read() as session:
        return SignedInAgent.from_row(
            session.exec(select(Agent).where(Agent.handle == handle)).one()
        )


def test_built_in_views_count_what_home_counts(store: Store) -> None:
    fill_store(store)
    agent = _agent(store, "amelie")
    views = built_in_views(agent, NOW)
    counts = view_counts(store, views)
    home = home_counts(store, agent, NOW)
    assert counts["mine"] == home.my_open
    assert counts["unassigned-in-my-languages"] == home.unassigned_mine
    assert counts["waiting-chats"] == home.waiting_chats
    assert counts["sla-at-risk"] == home.sla_at_risk
    assert counts["all"] == 6


def test_leads_see_team_views(store: Store) -> None:
    fill_store(store)
    assert team_views(store, _agent(store, "amelie")) == []
    names = [view.name for view in team_views(store, _agent(store, "lena"))]
    assert "agent:amelie" in names
    assert "language:fr" in names


def test_saved_views_round_trip(store: Store) -> None:
    agent = add_agent(store, "amelie")
    view = QueueFilter(channels=("chat",), with_dispute=False, text="colis")
    save_view(store, agent, "  my   chats ", view, SortOrder("due", True))
    save_view(store, agent, "my chats", view, SortOrder("created"))
    (saved,) = saved_views(store, agent)
    assert (saved.name, saved.filter, saved.order) == ("saved:my chats", view, SortOrder("created"))
    assert delete_view(store, agent, "my chats")
    assert saved_views(store, agent) == []


def test_filters_as_json_skip_what_is_not_kept() -> None:
    view = QueueFilter(statuses=("open",), ticket_ids=(1, 2), unassigned=True)
    assert filter_to_json(view) == {"statuses": ["open"], "unassigned": True}
    assert filter_from_json({"statuses": ["open"], "bogus": 1}) == QueueFilter(statuses=("open",))


def test_filter_words(store: Store) -> None:
    me = add_agent(store, "amelie")
    lena = add_agent(store, "lena")
    base = QueueFilter()
    assert refine(store, base, "status:open,new lang:fr dispute:no", agent_id=me) == QueueFilter(
        statuses=("open", "new"), languages=("fr",), with_dispute=False
    )
    assert refine(store, base, "assignee:me", agent_id=me).assignee_id == me
    assert refine(store, base, "assignee:lena", agent_id=me).assignee_id == lena
    assert refine(store, base, "assignee:none", agent_id=me).unassigned
    for wrong in ("colour:red", "status", "assignee:ghost", "dispute:maybe"):
        with pytest.raises(BadInput):
            refine(store, base, wrong, agent_id=me)
