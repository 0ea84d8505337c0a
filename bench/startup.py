"""Process start → login screen in a real terminal (tmux), the figure the console promises.

    .venv/bin/python bench/startup.py [--runs 5] [--db FILE]

Starts `guichet --db FILE` in a detached 120×40 tmux session, polls `tmux capture-pane -p`
every 10 ms until the login form's "Password" label is on screen, and prints the median and
the best of the runs, twice: as this checkout runs (no bytecode when PYTHONDONTWRITEBYTECODE is
set), and with compiled bytecode (as a normal install has), kept in a temporary cache folder.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GUICHET = ROOT / ".venv" / "bin" / "guichet"
PROMPT = "Password"
TIMEOUT = 15.0


def time_to_login(db: str, environment: dict[str, str]) -> float:
    """Seconds from launching the console in tmux until the login form shows."""
    session = f"guichet-bench-{os.getpid()}"
    command = f"{GUICHET} --db {db}"
    # shutil.get_terminal_size (which Textual asks) prefers COLUMNS/LINES to the pane's size.
    environment = {**environment, "COLUMNS": "120", "LINES": "40"}
    env_args = [arg for name, value in environment.items() for arg in ("-e", f"{name}={value}")]
    started = time.perf_counter()
    subprocess.run(
        ["tmux", "new-session", "-d", "-s", session, "-x", "120", "-y", "40", *env_args, command],
        check=True,
    )
    try:
        while time.perf_counter() - started < TIMEOUT:
            screen = subprocess.run(
                ["tmux", "capture-pane", "-p", "-t", session], capture_output=True, text=True
            ).stdout
            if PROMPT in screen:
                return time.perf_counter() - started
            time.sleep(0.01)
        raise TimeoutError(f"no login screen after {TIMEOUT} s")
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)


def series(db: str, runs: int, environment: dict[str, str]) -> list[float]:
    """`runs` timings after one warm-up run (file cache, bytecode)."""
    time_to_login(db, environment)
    return [time_to_login(db, environment) for _ in range(runs)]


def main() -> int:
    """Measure and print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--db", help="store to open (default: a missing file: the form shows anyway)"
    )
    args = parser.parse_args()
    if shutil.which("tmux") is None:
        print("tmux is not installed", file=sys.stderr)
        return 2
    db = args.db or str(Path(tempfile.mkdtemp(prefix="guichet-bench-")) / "none.db")
    as_is = {"PYTHONDONTWRITEBYTECODE": os.environ.get("PYTHONDONTWRITEBYTECODE", "")}
    with tempfile.TemporaryDirectory(prefix="guichet-pycache-") as cache:
        compiled = {"PYTHONDONTWRITEBYTECODE": "", "PYTHONPYCACHEPREFIX": cache}
        for label, environment in (("as run here", as_is), ("with bytecode", compiled)):
            timings = series(db, args.runs, environment)
            median, best = statistics.median(timings) * 1000, min(timings) * 1000
            print(
                f"start → login screen ({label}): median {median:.0f} ms, "
                f"best {best:.0f} ms over {len(timings)} runs"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
