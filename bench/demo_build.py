"""How fast `guichet demo` builds: `python bench/demo_build.py [TICKETS] [--postgresql URL]`.

Builds TICKETS tickets (default 1 000 000) into a fresh SQLite file in a temporary folder (or
into the PostgreSQL database URL given) and prints the seconds taken and rows per second.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path


def main() -> int:
    """Build once and print the figures."""
    from console.demo import build_demo
    from console.settings import sqlite_url

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("tickets", type=int, nargs="?", default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--postgresql", metavar="URL", help="build into this database instead")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="guichet-bench-") as folder:
        url = args.postgresql or sqlite_url(Path(folder) / "demo.db")
        started = time.perf_counter()
        summary = build_demo(url, tickets=args.tickets, seed=args.seed, force=True)
        seconds = time.perf_counter() - started
        size = ""
        if not args.postgresql:
            size = f", {(Path(folder) / 'demo.db').stat().st_size / 1e6:,.0f} MB"
    print(f"demo build: {args.tickets:,} tickets, {summary.rows:,} rows in {seconds:.1f} s")
    print(f"  {summary.rows / seconds:,.0f} rows/s, {args.tickets / seconds:,.0f} tickets/s{size}")
    for table, count in sorted(summary.counts.items(), key=lambda item: -item[1])[:6]:
        print(f"  {table:<12} {count:>10,}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
