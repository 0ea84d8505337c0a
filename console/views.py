"""Queue views: the built-in ones of the sidebar, and the views an agent saves (filters + sort).

A view is a name, a label, a `QueueFilter` and a `SortOrder`. Built-in names match the home
tiles (`mine`, `unassigned-in-my-languages`, `waiting-chats`, `disputes-for-me`,
`sla-at-risk`); leads also get one view per agent (`agent:<handle>`) and per language
(`language:<tag>`). Saved views are stored per agent in `saved_view` (`saved:<name>`).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from datetime import datetime, timedelta
from typing import Any

from sqlmodel import col, select

from console.i18n import N_, LazyString, _
from console.queue import OPEN_STATUSES, QueueFilter, SortOrder, count, resolve_text
from console.store import Store
from models import Agent, SavedView
from models.enums import Role

WAITING: tuple[str, ...] = ("new", "open")


@dataclass(frozen=True)
class QueueView:
    """One entry of the sidebar."""

    name: str
    label: str
    filter: QueueFilter
    order: SortOrder = field(default_factory=SortOrder)
    saved: bool = False
    at: datetime | None = None
    """The instant the filter's time limits were reckoned from ("SLA at risk": due within the
    hour after it); saving the view keeps them relative to it. None for a view without any."""


BUILT_IN_LABELS: dict[str, LazyString] = {
    "mine": N_("My open tickets"),
    "unassigned-in-my-languages": N_("Unassigned in my languages"),
    "waiting-chats": N_("Waiting chats"),
    "phone-callbacks": N_("Phone callbacks"),
    "disputes-for-me": N_("Disputes"),
    "dispute-clocks-run-out": N_("Dispute clocks run out"),
    "sla-at-risk": N_("SLA at risk"),
    "all": N_("All tickets"),
}


def built_in_views(
    agent: Any, now: datetime, *, queue_keys: tuple[str, ...] | None = None
) -> list[QueueView]:
    """The views every agent has (`agent`: anything with id, role and languages)."""
    from console.home import SLA_HORIZON, my_queue_keys

    keys = queue_keys if queue_keys is not None else tuple(my_queue_keys(tuple(agent.languages)))
    filters = {
        "mine": QueueFilter(statuses=OPEN_STATUSES, assignee_id=agent.id),
        "unassigned-in-my-languages": QueueFilter(
            statuses=WAITING, queue_keys=keys, unassigned=True
        ),
        "waiting-chats": QueueFilter(statuses=WAITING, channels=("chat",), unassigned=True),
        "phone-callbacks": QueueFilter(statuses=WAITING, channels=("phone",)),
        "disputes-for-me": QueueFilter(statuses=OPEN_STATUSES, with_dispute=True),
        "dispute-clocks-run-out": QueueFilter(dispute_clock_ran_out_by=now),
        "sla-at-risk": QueueFilter(
            statuses=WAITING,
            queue_keys=keys,
            mine_or_unassigned=agent.id,
            due_before=now + SLA_HORIZON,
        ),
        "all": QueueFilter(),
    }
    orders = {
        "sla-at-risk": SortOrder("due"),
        "mine": SortOrder("due"),
        "dispute-clocks-run-out": SortOrder("updated"),
    }
    return [
        QueueView(name, str(BUILT_IN_LABELS[name]), view, orders.get(name, SortOrder()), at=now)
        for name, view in filters.items()
    ]


def team_views(store: Store, agent: Any) -> list[QueueView]:
    """For leads and admins: one view per active agent and per language; empty for others."""
    if agent.role not in (Role.LEAD, Role.ADMIN):
        return []
    with store.read() as session:
        agents = session.exec(
            select(Agent).where(col(Agent.active).is_(True)).order_by(col(Agent.handle))
        ).all()
    views: list[QueueView] = []
    languages: set[str] = set()
    for member in agents:
        assert member.id is not None
        languages.update(member.languages)
        views.append(
            QueueView(
                f"agent:{member.handle}",
                _("Agent: {handle}").format(handle=member.handle),
                QueueFilter(statuses=OPEN_STATUSES, assignee_id=member.id),
            )
        )
    for language in sorted(languages):
        views.append(
            QueueView(
                f"language:{language}",
                _("Language: {language}").format(language=language),
                QueueFilter(statuses=OPEN_STATUSES, languages=(language,)),
            )
        )
    return views


RELATIVE_LIMITS: tuple[str, ...] = ("due_before", "dispute_clock_ran_out_by")
"""Time limits, saved as seconds from the instant the view was read, so that a saved "SLA at
risk" reopens as the tickets at risk then, not those that were at the instant it was saved."""


def filter_to_json(view: QueueFilter, now: datetime | None = None) -> dict[str, Any]:
    """The fields of `view` that filter, as JSON (a search's resolved ids are not kept).

    Time limits are kept relative to `now`, the instant they were reckoned from
    (`{"seconds_from_now": 3600.0}`); without `now` they are left out.
    """
    document: dict[str, Any] = {}
    for item in fields(QueueFilter):
        value = getattr(view, item.name)
        if item.name == "ticket_ids" or value == item.default:
            continue
        if item.name in RELATIVE_LIMITS:
            if now is not None:
                document[item.name] = {"seconds_from_now": (value - now).total_seconds()}
            continue
        document[item.name] = list(value) if isinstance(value, tuple) else value
    return document


def filter_from_json(document: dict[str, Any], now: datetime) -> QueueFilter:
    """A `QueueFilter` from `filter_to_json`'s output, its time limits counted from `now`;
    unknown keys are ignored."""
    known = {item.name for item in fields(QueueFilter)} - {"ticket_ids"}
    values: dict[str, Any] = {}
    for key, value in document.items():
        if key in RELATIVE_LIMITS:
            seconds = value.get("seconds_from_now") if isinstance(value, dict) else None
            if isinstance(seconds, int | float):
                values[key] = now + timedelta(seconds=seconds)
        elif key in known:
            values[key] = tuple(value) if isinstance(value, list) else value
    return QueueFilter(**values)


def saved_views(store: Store, agent_id: int, now: datetime) -> list[QueueView]:
    """The agent's saved views, by name, their time limits counted from `now`."""
    with store.read() as session:
        rows = session.exec(
            select(SavedView)
            .where(col(SavedView.agent_id) == agent_id)
            .order_by(col(SavedView.name))
        ).all()
    views = []
    for row in rows:
        try:
            order = SortOrder(row.sort, row.descending)
        except ValueError:
            order = SortOrder()
        view = filter_from_json(row.filters, now)
        views.append(QueueView(f"saved:{row.name}", row.name, view, order, True, at=now))
    return views


def save_view(
    store: Store,
    agent_id: int,
    name: str,
    view: QueueFilter,
    order: SortOrder,
    *,
    at: datetime | None = None,
) -> QueueView:
    """Save (or replace) the agent's view called `name`.

    `at` is the instant the view's time limits were reckoned from (`QueueView.at`): they are
    saved relative to it, and count from the instant the saved view is read again.
    """
    name = " ".join(name.split())[:64]
    if not name:
        from console.errors import BadInput

        raise BadInput(_("a saved view needs a name"))
    if view.follows_the_clock and at is None:
        raise ValueError("a view with time limits is saved with the instant they count from")
    with store.write() as session:
        row = session.exec(
            select(SavedView).where(
                col(SavedView.agent_id) == agent_id, col(SavedView.name) == name
            )
        ).first()
        if row is None:
            row = SavedView(agent_id=agent_id, name=name)
        row.filters = filter_to_json(view, at)
        row.sort, row.descending = order.column, order.descending
        session.add(row)
    return QueueView(f"saved:{name}", name, replace(view, ticket_ids=None), order, True, at=at)


def delete_view(store: Store, agent_id: int, name: str) -> bool:
    """Forget the agent's saved view `name`; False when there was none."""
    with store.write() as session:
        row = session.exec(
            select(SavedView).where(
                col(SavedView.agent_id) == agent_id, col(SavedView.name) == name
            )
        ).first()
        if row is None:
            return False
        session.delete(row)
        return True


def all_views(store: Store, agent: Any, now: datetime) -> list[QueueView]:
    """Built-in, team (leads) and saved views, in sidebar order."""
    return built_in_views(agent, now) + team_views(store, agent) + saved_views(store, agent.id, now)


def searched(view: QueueView, words: str | None) -> QueueFilter:
    """The filter of `view` searched for `words`: what the queue screen and the CLI list.

    A view's own words (a saved search) are its search until other words are given, which
    then replace them, as a filter word replaces the view's value for its key. The screen's
    search bar opens on the view's words, so an agent narrows by adding words and starts over
    by rewriting them; None (no `--search`) keeps them.
    """
    return view.filter if words is None else replace(view.filter, text=words.strip())


def view_count(store: Store, view: QueueFilter) -> int:
    """How many tickets `view` lists, its search words included (the best-ranked matches,
    as the list shows them)."""
    if view.text.strip():
        return len(resolve_text(store, view).ticket_ids or ())
    return count(store, view)


def view_counts(store: Store, views: list[QueueView]) -> dict[str, int]:
    """How many tickets each view holds (the sidebar's live counts)."""
    return {view.name: view_count(store, view.filter) for view in views}


FILTER_KEYS: dict[str, str] = {
    "status": "statuses",
    "channel": "channels",
    "lang": "languages",
    "language": "languages",
    "priority": "priorities",
    "prio": "priorities",
    "source": "sources",
}
"""Filter words (`status:open,new`) and the `QueueFilter` field each sets."""


def assignee_id_of(store: Store, handle: str) -> int:
    """The id of the agent called `handle`; a clear error when there is none."""
    from console.errors import BadInput

    with store.read() as session:
        found = session.exec(select(col(Agent.id)).where(col(Agent.handle) == handle)).first()
    if found is None:
        raise BadInput(_("no agent has the handle {handle}").format(handle=handle))
    return int(found)


def refine(store: Store, base: QueueFilter, terms: str, *, agent_id: int) -> QueueFilter:
    """`base` narrowed by filter words, as typed in the queue's filter bar.

    `status:open,new channel:chat lang:fr priority:high source:order_help assignee:me|none|HANDLE
    dispute:yes|no`; several values of one word are alternatives, words combine.
    """
    from console.errors import BadInput

    values: dict[str, Any] = {}
    for term in terms.split():
        key, separator, raw = term.partition(":")
        key = key.lower()
        if not separator or not raw:
            raise BadInput(
                _("{term} is not a filter: write key:value, e.g. status:open").format(term=term)
            )
        if key in FILTER_KEYS:
            values[FILTER_KEYS[key]] = tuple(part for part in raw.split(",") if part)
        elif key == "assignee":
            if raw == "none":
                values.update(unassigned=True, assignee_id=None)
            else:
                chosen = agent_id if raw == "me" else assignee_id_of(store, raw)
                values.update(unassigned=False, assignee_id=chosen)
        elif key == "dispute":
            if raw not in ("yes", "no"):
                raise BadInput(_("dispute: takes yes or no, not {value}").format(value=raw))
            values["with_dispute"] = raw == "yes"
        else:
            raise BadInput(
                _("unknown filter {key}: use status, channel, lang, priority, source, "
                  "assignee or dispute").format(key=key)
            )  # fmt: skip
    return replace(base, **values)
