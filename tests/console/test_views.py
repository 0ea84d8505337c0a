"""Queue views: built-in views match the home counts, saved views round-trip, filter words."""

from __future__ import annotations

from datetime import timedelta

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
    searched,
    team_views,
    view_counts,
)
from tests.factories import NOW, add_agent, add_tickets
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
    (saved,) = saved_views(store, agent, NOW)
    assert (saved.name, saved.filter, saved.order) == ("saved:my chats", view, SortOrder("created"))
    assert delete_view(store, agent, "my chats")
    assert saved_views(store, agent, NOW) == []


def test_filters_as_json_skip_what_is_not_kept() -> None:
    view = QueueFilter(statuses=("open",), ticket_ids=(1, 2), unassigned=True)
    assert filter_to_json(view) == {"statuses": ["open"], "unassigned": True}
    assert filter_from_json({"statuses": ["open"], "bogus": 1}, NOW) == QueueFilter(
        statuses=("open",)
    )


def test_time_limits_are_kept_relative_to_the_instant_they_were_reckoned_from() -> None:
    view = QueueFilter(due_before=NOW + timedelta(hours=1), dispute_clock_ran_out_by=NOW)
    document = filter_to_json(view, NOW)
    assert document == {
        "due_before": {"seconds_from_now": 3600.0},
        "dispute_clock_ran_out_by": {"seconds_from_now": 0.0},
    }
    later = NOW + timedelta(days=2)
    assert filter_from_json(document, later) == QueueFilter(
        due_before=later + timedelta(hours=1), dispute_clock_ran_out_by=later
    )


def _clock_ran_out_at(store: Store, ticket_id: int, due_at: object) -> None:
    from sqlmodel import select

    from models import Dispute

    with store.write() as session:
        dispute = session.exec(select(Dispute)).first()
        assert dispute is not None
        dispute.ticket_id, dispute.waiting_on, dispute.due_at = ticket_id, "seller", due_at
        session.add(dispute)


@pytest.mark.parametrize("name", ["sla-at-risk", "dispute-clocks-run-out"])
def test_a_view_saved_from_a_time_limited_view_reopens_as_that_view(
    store: Store, name: str
) -> None:
    """Saved at NOW, reopened hours later: the same list as the built-in view then."""
    me = fill_store(store)
    agent = _agent(store, "amelie")
    # At risk, and its dispute's clock run out, only by the time the view is reopened.
    due = NOW + timedelta(hours=3)
    (ticket,) = add_tickets(
        store, 1, status="new", language="fr", queue_key="email:fr", first_reply_due_at=due
    )
    _clock_ran_out_at(store, ticket, NOW + timedelta(hours=2))
    built = {view.name: view for view in built_in_views(agent, NOW)}[name]
    save_view(store, me, "kept", built.filter, built.order, at=built.at)

    later = NOW + timedelta(hours=2, minutes=30)
    (saved,) = saved_views(store, me, later)
    again = {view.name: view for view in built_in_views(agent, later)}[name]
    assert (saved.filter, saved.order) == (again.filter, again.order)
    assert view_counts(store, [saved])["saved:kept"] == view_counts(store, [again])[name]
    assert view_counts(store, [again])[name] != view_counts(store, [built])[name]


def test_a_time_limited_view_is_not_saved_without_its_instant(store: Store) -> None:
    agent = add_agent(store, "amelie")
    with pytest.raises(ValueError, match="instant"):
        save_view(store, agent, "late", QueueFilter(dispute_clock_ran_out_by=NOW), SortOrder())


def test_a_saved_search_lists_and_counts_its_words(store: Store) -> None:
    agent = add_agent(store, "amelie")
    ids = add_tickets(store, 40)
    save_view(store, agent, "one question", QueueFilter(text="Question 12"), SortOrder())
    (saved,) = saved_views(store, agent, NOW)
    assert view_counts(store, [saved]) == {"saved:one question": 1}
    from console.queue import page, resolve_text

    opened = resolve_text(store, searched(saved, None))
    assert [row.id for row in page(store, opened, saved.order)] == [ids[12]]


def test_new_words_replace_a_saved_views_words() -> None:
    from console.views import QueueView

    view = QueueView("saved:x", "x", QueueFilter(channels=("chat",), text="colis"), saved=True)
    assert searched(view, None) == view.filter
    assert searched(view, " colis  perdu ") == QueueFilter(channels=("chat",), text="colis  perdu")
    assert searched(view, "") == QueueFilter(channels=("chat",))


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
