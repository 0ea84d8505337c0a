"""The demo marketplace as rows: one generator for every backend.

`generate_rows` yields `(table, columns, rows)` batches in foreign-key order; a sink writes
them (SQLite `executemany`, PostgreSQL `COPY`). Everything is a pure function of the plan
(seed, number of tickets, anchor hour): no wall clock, no global random state, so the same
plan gives the same rows on every machine and every backend.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime

from console.demo.disputes import dispute_rows
from console.demo.market import Market, account_rows, lot_rows, order_rows, team_rows
from console.demo.plan import AUDIT_COLUMNS, SETTING_COLUMNS, TEAM_TIMEZONE, Batch, DemoPlan
from console.demo.tickets import ticket_rows

DEMO_MARKER_KEY = "demo"


def generate_rows(
    plan: DemoPlan, *, password_hash: str, timestamp_suffix: str = ""
) -> Iterator[Batch]:
    """Every row of the demo marketplace, in batches and in foreign-key order.

    `timestamp_suffix` is appended to every stored instant: empty for SQLite (which keeps
    naive UTC text), `+00` for PostgreSQL's `timestamptz`.
    """
    market = Market(plan, timestamp_suffix)
    yield from team_rows(market, password_hash)
    yield from account_rows(market)
    yield from lot_rows(market)
    yield from order_rows(market)
    yield from ticket_rows(market)
    yield from dispute_rows(market)


def closing_rows(plan: DemoPlan, built_at: datetime, timestamp_suffix: str) -> Iterator[Batch]:
    """The team's zone, the marker that makes this a demo store, and the audit event.

    `built_at` is the one wall-clock value in a demo store (when it was built).
    """
    marker = {"seed": plan.seed, "tickets": plan.tickets, "created_at": built_at.isoformat()}
    yield (
        "setting",
        SETTING_COLUMNS,
        [("team.timezone", json.dumps(TEAM_TIMEZONE)), (DEMO_MARKER_KEY, json.dumps(marker))],
    )
    at = built_at.strftime("%Y-%m-%d %H:%M:%S.%f") + timestamp_suffix
    details = json.dumps({"seed": plan.seed, "tickets": plan.tickets})
    yield "audit_event", AUDIT_COLUMNS, [(1, at, None, "demo.created", "store", None, details)]
