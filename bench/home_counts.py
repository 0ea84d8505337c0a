"""Times `console.home.home_counts` on a store of N tickets (default 1 000 000).

    .venv/bin/python bench/home_counts.py [N] [--keep FILE]

Builds the store in a temporary folder with raw inserts (seconds, not minutes), signs nobody
in, then prints the median and worst of 20 counts for an agent who speaks three languages,
and SQLite's plan for each count.
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path


def build(path: Path, tickets: int) -> None:
    """A migrated store at `path` with one agent, one customer and `tickets` tickets."""
    from console.migrate import upgrade
    from console.settings import sqlite_url
    from console.store import Store

    store = Store(sqlite_url(path))
    upgrade(store)
    rng = random.Random(7)
    now = datetime(2026, 11, 24, 9, 30, tzinfo=UTC)
    raw = store.engine.raw_connection()
    cursor = raw.cursor()
    cursor.execute("BEGIN")
    cursor.execute(
        "INSERT INTO agent (handle, name, role, timezone, ui_language, languages, channels,"
        " capacity, presence, active, failed_logins, created_at)"
        " VALUES ('amelie', 'Amélie', 'agent', 'Europe/Paris', 'fr', '[\"fr\", \"en\", \"nl\"]',"
        " '[]', '{}', 'available', 1, 0, '2026-01-01 00:00:00')"
    )
    cursor.execute(
        "INSERT INTO account (username, display_name, email, kind, is_buyer, is_seller, country,"
        " language, status, created_at) VALUES ('c', 'C', 'c@example.org', 'private', 1, 0,"
        " 'FR', 'fr', 'active', '2026-01-01 00:00:00')"
    )
    languages = ["fr", "en", "nl", "de", "es", "it", "pt", "pl", "zh"]
    statuses = ["closed"] * 12 + ["solved"] * 4 + ["new", "open", "pending_customer"]

    def rows() -> object:
        for _ in range(tickets):
            channel = rng.choice(["email", "email", "chat", "phone"])
            language = rng.choice(languages)
            status = rng.choice(statuses)
            created = now - timedelta(minutes=rng.randrange(0, 60 * 24 * 365))
            due = created + timedelta(hours=8)
            assignee = 1 if rng.random() < 0.001 else None
            yield (
                "order_help", channel, language, language, f"{channel}:{language}", "s", "",
                1, status, "normal", 2, "", assignee,
                due.replace(tzinfo=None).isoformat(" "),
                created.replace(tzinfo=None).isoformat(" "),
                created.replace(tzinfo=None).isoformat(" "),
            )  # fmt: skip

    cursor.executemany(
        "INSERT INTO ticket (source, channel, language, requested_language, queue_key, subject,"
        " ai_answer, requester_id, status, priority, priority_rank, category, assignee_id,"
        " first_reply_due_at, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        rows(),
    )
    cursor.execute("COMMIT")
    cursor.execute("ANALYZE")
    raw.close()
    store.dispose()


def main() -> int:
    """Build, then time."""
    from sqlalchemy import event
    from sqlmodel import select

    from console.auth import SignedInAgent
    from console.home import home_counts
    from console.settings import sqlite_url
    from console.store import Store
    from models import Agent

    args = sys.argv[1:]
    tickets = int(args[0]) if args and args[0].isdigit() else 1_000_000
    keep = Path(args[args.index("--keep") + 1]) if "--keep" in args else None
    folder = tempfile.mkdtemp(prefix="guichet-bench-")
    path = keep or Path(folder) / "bench.db"
    if not path.exists():
        started = time.perf_counter()
        build(path, tickets)
        print(f"built {tickets} tickets in {time.perf_counter() - started:.1f} s")
    store = Store(sqlite_url(path))
    with store.read() as session:
        agent = SignedInAgent.from_row(session.exec(select(Agent)).one())
    now = datetime(2026, 11, 24, 9, 30, tzinfo=UTC)
    statements: list[tuple[str, object]] = []
    event.listen(
        store.engine,
        "before_cursor_execute",
        lambda _c, _cu, statement, parameters, *_: statements.append((statement, parameters)),
    )
    timings = []
    for _ in range(20):
        started = time.perf_counter()
        counts = home_counts(store, agent, now)
        timings.append((time.perf_counter() - started) * 1000)
    print(counts)
    print(f"home_counts: median {statistics.median(timings):.1f} ms, worst {max(timings):.1f} ms")
    with store.engine.connect() as connection:
        for statement, parameters in statements[:6]:
            plan = connection.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters)  # type: ignore[arg-type]
            print(" | ".join(str(row[-1]) for row in plan))
    return 0


if __name__ == "__main__":
    sys.exit(main())
