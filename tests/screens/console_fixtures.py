"""A small known store and a console on it, for the login and home tests (no demo data)."""

from __future__ import annotations

from datetime import datetime, timedelta

from console.store import Store
from screens.app import GuichetApp
from tests.factories import add_agent
from tests.signin_fixtures import NOW, add_customer, add_dispute, add_ticket

PASSWORD = "guichet-demo"


def fill_store(store: Store, now: datetime = NOW) -> int:
    """Amélie (fr, nl), Lena, and rows giving home counts 2, 3, 1, 1, 2; returns Amélie's id."""
    me = add_agent(
        store,
        "amelie",
        password=PASSWORD,
        name="Amélie Martin",
        languages=["fr", "nl"],
        timezone="Europe/Paris",
        ui_language="fr",
    )
    other = add_agent(store, "lena", password=PASSWORD, role="lead", languages=["de"])
    customer = add_customer(store)
    add_ticket(store, customer, assignee_id=me, status="open", now=now)
    add_ticket(
        store, customer, assignee_id=me, status="open", due_in=timedelta(minutes=20), now=now
    )
    add_ticket(store, customer, language="nl", channel="email", now=now)
    add_ticket(store, customer, language="fr", channel="chat", now=now)
    add_ticket(
        store, customer, language="fr", channel="phone", due_in=timedelta(minutes=-10), now=now
    )
    add_ticket(
        store, customer, language="de", channel="email", assignee_id=other, status="open", now=now
    )
    add_dispute(store, customer, reviewer_id=me, state="under_review")
    return me


def console(store: Store) -> GuichetApp:
    """The console on `store`, its clock pinned to `NOW`."""
    return GuichetApp(store.url, clock=lambda: NOW)
