"""Several processes calling `claim_next` on one SQLite file never take the same ticket."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from console.store import Store
from tests.factories import add_agent, add_tickets

CLAIMER = """
import sys
from datetime import UTC, datetime
from console.queue import claim_next
from console.store import Store
store = Store(sys.argv[1])
taken = []
while (ticket := claim_next(store, int(sys.argv[2]), ["chat:fr", "email:fr"],
                            now=datetime.now(UTC))) is not None:
    taken.append(ticket)
print(" ".join(map(str, taken)))
"""


def test_processes_never_share_a_ticket(store: Store) -> None:
    agents = [add_agent(store, f"agent{number}") for number in range(6)]
    add_tickets(store, 60, status="new", channel="chat", language="fr", queue_key="chat:fr")
    add_tickets(store, 60, seed=2, status="new", channel="email", language="fr",
                queue_key="email:fr")  # fmt: skip
    root = Path(__file__).resolve().parents[2]
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", CLAIMER, store.url, str(agent)],
            cwd=root,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for agent in agents
    ]
    claims: list[int] = []
    for process in processes:
        out, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
        claims.extend(int(word) for word in out.split())
    assert len(claims) == len(set(claims)) == 120
