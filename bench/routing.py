"""Times the language/hours module with a synthetic team of N agents (default 500).

    .venv/bin/python bench/routing.py [N]

Prints: the time to precompute 16 days of schedules; `offer_channels` per decision (p50, p95)
once the snapshot is loaded, for random languages and instants, cold (the first decision on a
(channel, language) pair builds its timeline) and warm; `coverage` for 7 days; and
`guichet offer --json` as a whole process beside `python -c pass` and `python -c "import
sqlmodel"`, on a store holding the same team (imported through `guichet team import`).
"""

from __future__ import annotations

import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

LANGS = ["en", "fr", "nl", "de", "es", "it", "pt", "pl", "zh"]
ZONES = {
    "en": "Europe/London",
    "fr": "Europe/Paris",
    "nl": "Europe/Amsterdam",
    "de": "Europe/Berlin",
    "es": "Europe/Madrid",
    "it": "Europe/Rome",
    "pt": "America/Sao_Paulo",
    "pl": "Europe/Warsaw",
    "zh": "Asia/Shanghai",
}
RULES = [
    "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
    "FREQ=WEEKLY;BYDAY=SA,SU",
    "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TU,WE",
    "FREQ=DAILY",
]
HOURS = [("07:00", "15:00"), ("09:00", "17:30"), ("14:00", "22:00"), ("22:00", "06:00")]


def team_toml(agents: int, seed: int = 7) -> str:
    """A team file of `agents` agents: a native language, often English, shifts since 2025."""
    rng = random.Random(seed)
    lines = ['[team]\ntimezone = "Europe/Amsterdam"\n']
    for index in range(agents):
        native = LANGS[index % len(LANGS)]
        languages = [native] + (["en"] if native != "en" and rng.random() < 0.6 else [])
        if rng.random() < 0.2:
            languages.append(rng.choice([lang for lang in LANGS if lang not in languages]))
        channels = rng.choice(
            [["email"], ["email", "chat"], ["email", "chat", "phone"], ["chat", "phone"]]
        )
        table = (
            f'[[agent]]\nhandle = "agent{index:03d}"\nname = "Agent {index}"\n'
            f'timezone = "{ZONES[native]}"\nlanguages = {languages!r}\nchannels = {channels!r}\n'
        )
        lines.append(table.replace("'", '"'))
        for _ in range(rng.choice([1, 1, 2])):
            start, end = rng.choice(HOURS)
            valid_from = date(2025, 1, 6) + timedelta(days=rng.randrange(0, 500))
            lines.append(
                f'  [[agent.shift]]\n  rrule = "{rng.choice(RULES)}"\n  start = "{start}"\n'
                f'  end = "{end}"\n  valid_from = "{valid_from.isoformat()}"\n'
            )
        if rng.random() < 0.1:
            day = datetime(2026, 11, 20) + timedelta(days=rng.randrange(0, 10))
            lines.append(
                f'  [[agent.absence]]\n  start = "{day.isoformat(timespec="minutes")}"\n'
                f'  end = "{(day + timedelta(days=2)).isoformat(timespec="minutes")}"\n'
            )
    return "\n".join(lines)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def bench_in_process(store_url: str) -> None:
    from console.routing.coverage import coverage, period
    from console.routing.offer import offer_channels
    from console.routing.snapshot import load_snapshot
    from console.store import Store

    store = Store(store_url)
    at = datetime(2026, 11, 24, 8, 30, tzinfo=UTC)
    started = time.perf_counter()
    snapshot = load_snapshot(store, at)
    took = time.perf_counter() - started
    print(f"load_snapshot ({len(snapshot.agents)} agents, 15 days): {1000 * took:.1f} ms")

    rng = random.Random(1)
    instants = [at + timedelta(minutes=rng.randrange(0, 24 * 60 * 1)) for _ in range(2000)]
    cold: list[float] = []
    for lang in LANGS:
        started = time.perf_counter()
        offer_channels(lang, at, snapshot)
        cold.append(time.perf_counter() - started)
    warm: list[float] = []
    for instant in instants:
        lang = rng.choice(LANGS)
        started = time.perf_counter()
        offer_channels(lang, instant, snapshot)
        warm.append(time.perf_counter() - started)
    print(
        f"offer_channels cold (first decision per language, builds 3 timelines): "
        f"p50 {1e3 * statistics.median(cold):.2f} ms, max {1e3 * max(cold):.2f} ms"
    )
    print(
        f"offer_channels warm, {len(warm)} decisions: p50 {1e6 * statistics.median(warm):.1f} µs, "
        f"p95 {1e6 * percentile(warm, 0.95):.1f} µs"
    )

    first = date(2026, 11, 23)
    start, end = period(first, 7, "Europe/Amsterdam")
    started = time.perf_counter()
    week = load_snapshot(store, start, until=end)
    loaded = time.perf_counter() - started
    timings = []
    for _ in range(5):
        started = time.perf_counter()
        coverage(week, first, 7, "Europe/Amsterdam")
        timings.append(time.perf_counter() - started)
    print(
        f"coverage 7 days: {1e3 * statistics.median(timings):.1f} ms "
        f"(plus load_snapshot for the week {1e3 * loaded:.1f} ms)"
    )


def run(command: list[str], repeat: int = 5) -> float:
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, env={**os.environ})
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def main() -> int:
    agents = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    python = sys.executable
    guichet = str(Path(python).parent / "guichet")
    with tempfile.TemporaryDirectory() as folder:
        db = str(Path(folder) / "bench.db")
        team = Path(folder) / "team.toml"
        team.write_text(team_toml(agents), encoding="utf-8")
        subprocess.run([guichet, "db", "upgrade", "--db", db], check=True, capture_output=True)
        started = time.perf_counter()
        subprocess.run(
            [guichet, "team", "import", str(team), "--db", db], check=True, capture_output=True
        )
        print(f"guichet team import ({agents} agents): {time.perf_counter() - started:.2f} s")
        from console.settings import sqlite_url

        bench_in_process(sqlite_url(Path(db)))
        offer = [
            guichet,
            "offer",
            "--lang",
            "fr",
            "--at",
            "2026-11-24T09:30:00+01:00",
            "--json",
            "--db",
            db,
        ]
        print(f"python -c pass:            {1e3 * run([python, '-c', 'pass']):.0f} ms")
        print(f"python -c 'import sqlmodel': {1e3 * run([python, '-c', 'import sqlmodel']):.0f} ms")
        print(f"guichet offer --json:      {1e3 * run(offer):.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
