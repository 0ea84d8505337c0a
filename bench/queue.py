"""The queue at a million tickets: first rows, key → repaint, search, memory, and the baseline.

    .venv/bin/python bench/queue.py --db FILE [--tickets 1000000] [--keys 40] [--first-rows-only]

Builds the demo store with `guichet demo --tickets N --db FILE` when FILE is missing. All UI
figures are taken headless (Textual's `run_test`, a 160×45 virtual terminal), each in a fresh
process so imports and memory are counted as a user would pay them:

- process start → first queue rows: a new Python process starts the console as
  `guichet --view all` does (its login screen opens the store in a worker), and as soon as the
  login form is on screen signs the demo agent `amelie` in through it, as if she had typed her
  password in no time (Argon2 check included); once signed in, the console opens on the
  queue's "All tickets". The clock stops when the list's first visible line holds a ticket (not
  the "…" placeholder). The processes share a state folder of their own (`XDG_STATE_HOME`)
  where `amelie` signed in last without "remember me", so the figure does not depend on who
  last signed in on this machine.
- key → repainted list: the time from sending a key until the list has no page left to read
  and the visible lines hold rows again (Pilot's own round trip included: an upper bound);
  p50/p95 per kind of key over "All tickets" and "Unassigned in my languages".
- full-text search: `console.search.search_ids` for the commonest and for rare words of the
  index, and the same through a queue view (`resolve_text` + `count`).
- resident memory (VmRSS, VmHWM) of the first-rows process after the key series.
- the baseline, in its own process: Textual's `DataTable` given the first 100 000 rows of the
  same view (read with the same service), timed from reading to first paint, as a ratio.

With `--first-rows-only`, only the first figure is taken (`--runs` process starts, no key
series, search or baseline): the one to compare when working on start-up.

Figures only: nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
# This file is called queue.py: keep its folder off the path, or it hides the standard `queue`.
sys.path[:] = [entry for entry in sys.path if Path(entry or ".").resolve() != ROOT / "bench"]
sys.path.insert(0, str(ROOT))

SIZE = (160, 45)
TYPING_S = 1.5
"""How long the agent of the second start-up figure takes to type a handle and a password."""
AGENT = "amelie"
PASSWORD = "guichet-demo"
"""`console.demo.DEMO_PASSWORD`, written out: the console never imports the demo builder, so
the timed process must not either (the parent checks the two agree)."""


def _rss() -> dict[str, float]:
    found: dict[str, float] = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            found[key] = int(value.split()[0]) / 1024
    return found


def _p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _summary(values: list[float]) -> dict[str, float]:
    import statistics

    return {
        "n": len(values),
        "p50_ms": round(statistics.median(values) * 1000, 1),
        "p95_ms": round(_p(values, 0.95) * 1000, 1),
        "max_ms": round(max(values) * 1000, 1),
    }


# -- child: the console, first rows, keys, memory ----------------------------------------------


def _complete(ticket_list: Any) -> bool:
    """The list shows rows (no "…") where it is scrolled and under the cursor."""
    if ticket_list.pages_pending:
        return False
    if ticket_list.total == 0:
        return True
    top = int(ticket_list.scroll_offset.y)
    return (
        ticket_list.row_at(top) is not None and ticket_list.row_at(ticket_list.cursor) is not None
    )


def _shown_list(screen: Any) -> Any:
    """The queue's list if `screen` is the queue with its widgets mounted, else None (the queue's
    module is not imported here: it loads after the sign-in, as in the console)."""
    from textual.css.query import NoMatches

    if type(screen).__name__ != "QueueScreen":
        return None
    try:
        return screen.ticket_list
    except NoMatches:
        return None


class _Frames:
    """Records when the app composes a frame showing a complete list in the expected state."""

    def __init__(self, app: Any) -> None:
        self.ticket_list: Any = None
        """The queue's list, once the queue is on screen."""
        self.expect: Any = None
        self.done_at: float | None = None
        self.done = asyncio.Event()
        self.in_key = False
        """Whether a timed key is between its press and its frame."""
        original = app._display

        def display(screen: Any, renderable: Any) -> None:
            # `renderable` is the composed update: render_line has run for the dirty lines.
            if self.ticket_list is None:
                self.ticket_list = _shown_list(screen)
            if (
                renderable is not None
                and self.ticket_list is not None
                and self.expect is not None
                and self.done_at is None
                and self.expect()
                and _complete(self.ticket_list)
            ):
                self.done_at = time.perf_counter()
                self.done.set()
            original(screen, renderable)

        app._display = display

    async def key(self, app: Any, key: str, expect: Any, timeout: float = 30.0) -> float:
        """Seconds from posting `key` to the first complete frame where `expect()` holds."""
        from textual import events
        from textual.worker import WorkerState

        busy = (WorkerState.PENDING, WorkerState.RUNNING)
        while any(worker.state in busy for worker in app.workers):
            await asyncio.sleep(0.001)
        while not _complete(self.ticket_list):
            await asyncio.sleep(0.001)
        await asyncio.sleep(0.01)
        self.expect, self.done_at = expect, None
        self.done.clear()
        began = time.perf_counter()
        character = key if len(key) == 1 else None
        self.in_key = True
        app.post_message(events.Key(key, character))
        # Wait on an event, not a polling loop: polling would fight the workers for the GIL.
        await asyncio.wait_for(self.done.wait(), timeout)
        self.in_key = False
        self.expect = None
        assert self.done_at is not None
        return self.done_at - began


class _FullCollections:
    """CPython's full garbage collections while the key series runs: how long each took, and
    how many fell inside a timed key (`screens.heap` keeps them for quiet moments)."""

    def __init__(self, frames: _Frames) -> None:
        self._frames = frames
        self._began = 0.0
        self._in_key = False
        self.pauses_ms: list[float] = []
        self.inside_keys = 0

    def __call__(self, phase: str, info: dict[str, int]) -> None:
        if info["generation"] != 2:
            return
        if phase == "start":
            self._began, self._in_key = time.perf_counter(), self._frames.in_key
            return
        self.pauses_ms.append(round((time.perf_counter() - self._began) * 1000, 1))
        self.inside_keys += self._in_key or self._frames.in_key

    def figures(self) -> dict[str, Any]:
        return {
            "n": len(self.pauses_ms),
            "inside_keys": self.inside_keys,
            "max_ms": max(self.pauses_ms, default=0.0),
        }


def _queue_app(url: str) -> Any:
    """The console as `guichet --view all` starts it: once signed in, on the queue's "All
    tickets" (home is made when the queue closes)."""
    from screens.app import GuichetApp

    return GuichetApp(url, first_view="all")


async def _console_child(
    db: str, started_at: float, keys: int, typing_s: float = 0.0
) -> dict[str, Any]:
    from console.settings import resolve_store_url

    app = _queue_app(resolve_store_url(db))
    result: dict[str, Any] = {}
    async with app.run_test(size=SIZE) as pilot:
        from textual.widgets import Input

        frames = _Frames(app)
        # An agent who types at once, as soon as the login form is on screen: the store opens,
        # and the sign-in's modules load, in the login screen's worker as they do for a person.
        # With `typing_s`, one who takes that long to type, as people do.
        result["form_s"] = time.time() - started_at
        await asyncio.sleep(typing_s)
        login = app.screen
        login.query_one("#handle", Input).value = AGENT
        login.query_one("#password", Input).value = PASSWORD
        signing_in = time.perf_counter()

        def first_rows() -> bool:
            shown = frames.ticket_list
            return shown is not None and shown.total > 0 and shown.row_at(0) is not None

        frames.expect = first_rows
        login.action_sign_in()
        await asyncio.wait_for(frames.done.wait(), 60)
        # Wall clock: the parent noted time.time() just before starting this process.
        result["first_rows_s"] = time.time() - started_at - (time.perf_counter() - frames.done_at)
        result["signin_to_rows_s"] = frames.done_at - signing_in
        result["cpu_s"] = time.process_time()  # every thread's, from the process start
        from screens.queue import SORT_KEYS, QueueScreen

        screen = app.screen
        assert isinstance(screen, QueueScreen)
        ticket_list = screen.ticket_list
        store = app.store
        result["first_line"] = ticket_list.render_line(1).text.strip()[:80]
        await pilot.pause()
        while ticket_list.counting:
            await asyncio.sleep(0.01)
        result["total"] = ticket_list.total
        if keys == 0:
            store.dispose()
            return result

        import gc

        full_collections = _FullCollections(frames)
        gc.callbacks.append(full_collections)
        series: dict[str, list[float]] = {}
        for view in ("all", "unassigned-in-my-languages"):
            if view != "all":
                generation = ticket_list.generation
                screen._open_view(view)
                while (
                    ticket_list.generation == generation
                    or ticket_list.counting
                    or not _complete(ticket_list)
                ):
                    await asyncio.sleep(0.001)
            label = f"{view} ({ticket_list.total} tickets)"
            measured: dict[str, list[float]] = {}
            for _ in range(keys):
                at = ticket_list.cursor
                measured.setdefault("j (next row)", []).append(
                    await frames.key(app, "j", lambda at=at: ticket_list.cursor == at + 1)
                )
            for _ in range(keys):
                at = ticket_list.cursor
                measured.setdefault("pagedown", []).append(
                    await frames.key(app, "pagedown", lambda at=at: ticket_list.cursor > at)
                )
            for _ in range(max(3, keys // 4)):
                last = ticket_list.total - 1
                measured.setdefault("end / home", []).append(
                    await frames.key(app, "end", lambda last=last: ticket_list.cursor == last)
                )
                measured["end / home"].append(
                    await frames.key(app, "home", lambda: ticket_list.cursor == 0)
                )
            # Every column in turn (`s`), each way (`S`): rounds of the whole cycle.
            by_column: dict[str, list[float]] = {}
            for _ in range(max(1, keys // 20)):
                for key in ("s", "S") * len(SORT_KEYS):
                    generation = ticket_list.generation
                    elapsed = await frames.key(
                        app, key, lambda g=generation: ticket_list.generation > g
                    )
                    measured.setdefault("sort change (s next column, S reverse)", []).append(
                        elapsed
                    )
                    by_column.setdefault(str(screen.order.column), []).append(elapsed)
            slowest = sorted(by_column.items(), key=lambda item: -max(item[1]))[:4]
            result.setdefault("slowest_sorts", {})[view] = {
                column: round(max(values) * 1000, 1) for column, values in slowest
            }
            screen.order = type(screen.order)("priority")  # type: ignore[misc]
            screen._resort()
            while not _complete(ticket_list):
                await asyncio.sleep(0.001)
            field = screen.query_one("#queue-input")
            for key_name, mode, values in (
                ("filter (enter in the filter bar)", "f",
                 ["status:open", "channel:chat", "priority:urgent", ""]),
                ("/ search in the view (enter)", "slash", ["order", "GV-0073472", "refund", ""]),
            ):  # fmt: skip
                for value in values * max(1, keys // 8):
                    await pilot.press(mode)
                    field.value = value  # type: ignore[attr-defined]
                    # Enter comes a moment after the last letter typed, as a person types.
                    await asyncio.sleep(0.1)
                    generation = ticket_list.generation
                    measured.setdefault(key_name, []).append(
                        await frames.key(
                            app, "enter", lambda g=generation: ticket_list.generation > g
                        )
                    )
            for name, values in measured.items():
                series[f"{label}: {name}"] = values
        result["keys"] = {name: _summary(values) for name, values in series.items()}
        all_keys = [value for values in series.values() for value in values]
        result["keys_all"] = _summary(all_keys)
        gc.callbacks.remove(full_collections)
        result["full_collections"] = full_collections.figures()
        result["memory_mb"] = _rss()
        result["cached_pages"] = len(ticket_list.cached_pages)
        store.dispose()
    return result


# -- child: the DataTable baseline -----------------------------------------------------------


async def _datatable_child(db: str, rows: int) -> dict[str, Any]:
    from textual.app import App, ComposeResult
    from textual.widgets import DataTable

    from console.queue import QueueFilter, SortOrder, page
    from console.settings import resolve_store_url
    from console.store import Store

    store = Store(resolve_store_url(db))
    began = time.perf_counter()
    data = page(store, QueueFilter(), SortOrder("priority"), limit=rows)
    read = time.perf_counter() - began

    class Baseline(App[None]):
        def compose(self) -> ComposeResult:
            yield DataTable()

    app = Baseline()
    async with app.run_test(size=SIZE) as pilot:
        table = app.query_one(DataTable)
        table.add_columns("Prio", "SLA due", "Chan.", "Lang", "Subject", "Customer", "Order",
                          "Status", "Assignee", "Age")  # fmt: skip
        table.add_rows(
            (r.priority, str(r.first_reply_due_at), r.channel, r.language, r.subject,
             r.customer, r.order_reference or r.lot_title or "", r.status, r.assignee or "",
             str(r.created_at))
            for r in data
        )  # fmt: skip
        await pilot.pause()
        shown = time.perf_counter() - began
        began_key = time.perf_counter()
        await pilot.press("pagedown")
        await pilot.pause()
        key = time.perf_counter() - began_key
    return {
        "rows": len(data),
        "read_s": round(read, 3),
        "first_paint_s": round(shown, 3),
        "pagedown_s": round(key, 3),
        "memory_mb": _rss(),
    }


# -- search, in this process -----------------------------------------------------------------


def _search_figures(db: str, repeat: int) -> dict[str, Any]:
    from sqlalchemy import text

    from console.queue import QueueFilter, count, resolve_text
    from console.search import search_ids
    from console.settings import resolve_store_url
    from console.store import Store
    from console.views import built_in_views

    store = Store(resolve_store_url(db))
    with store.engine.connect() as connection:
        connection.exec_driver_sql(
            "CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_words "
            "USING fts5vocab(main, ticket_search, 'row')"
        )
        common = [
            row[0]
            for row in connection.execute(
                text("SELECT term FROM temp.search_words ORDER BY doc DESC LIMIT 8")
            )
        ]
        rare = [
            row[0]
            for row in connection.execute(
                text(
                    "SELECT term FROM temp.search_words WHERE doc BETWEEN 1 AND 50 "
                    "AND length(term) > 3 ORDER BY term LIMIT 8 OFFSET 500"
                )
            )
        ]
        counts = {
            row[0]: row[1]
            for row in connection.execute(
                text("SELECT term, doc FROM temp.search_words WHERE term IN ({})".format(
                    ",".join(f"'{w}'" for w in common + rare)))
            )
        }  # fmt: skip
    figures: dict[str, Any] = {"common_words": {w: counts[w] for w in common},
                               "rare_words": {w: counts[w] for w in rare}}  # fmt: skip
    for label, words in (("common", common), ("rare", rare), ("two words", [
        f"{common[0]} {rare[0]}", f"{common[1]} {common[2]}"
    ])):  # fmt: skip
        timings = []
        for _ in range(repeat):
            for word in words:
                began = time.perf_counter()
                search_ids(store, word, 100)
                timings.append(time.perf_counter() - began)
        figures[f"search_ids {label}"] = _summary(timings)

    from console.auth import SignedInAgent
    from models import Agent

    with store.read() as session:
        from sqlmodel import select

        row = session.exec(select(Agent).where(Agent.handle == AGENT)).one()
        agent = SignedInAgent.from_row(row)
    from datetime import UTC, datetime

    views = {view.name: view for view in built_in_views(agent, datetime.now(UTC))}
    for name in ("all", "unassigned-in-my-languages", "mine"):
        for label, words in (("common", common[:4]), ("rare", rare[:4])):
            timings = []
            for _ in range(max(1, repeat // 2)):
                for word in words:
                    began = time.perf_counter()
                    view = resolve_text(store, QueueFilter(**{
                        **views[name].filter.__dict__, "text": word}))  # fmt: skip
                    count(store, view)
                    timings.append(time.perf_counter() - began)
            figures[f"queue search in {name}, {label}"] = _summary(timings)
    store.dispose()
    return figures


# -- driver ----------------------------------------------------------------------------------


def _child(mode: str, db: str, *extra: str) -> dict[str, Any]:
    import json
    import subprocess

    started_at = time.time()
    process = subprocess.run(
        [sys.executable, __file__, "--child", mode, "--db", db, "--started-at", str(started_at),
         *extra],
        capture_output=True, text=True, cwd=ROOT, check=False,
    )  # fmt: skip
    if process.returncode != 0:
        raise RuntimeError(process.stderr[-3000:])
    document: dict[str, Any] = json.loads(process.stdout.strip().splitlines()[-1])
    return document


def _ensure_store(db: str, tickets: int) -> None:
    import subprocess

    if Path(db).exists():
        return
    print(f"building the demo store: guichet demo --tickets {tickets} --db {db}", flush=True)
    began = time.perf_counter()
    subprocess.run(
        [str(ROOT / ".venv" / "bin" / "guichet"), "demo", "--tickets", str(tickets), "--db", db],
        check=True,
    )
    print(f"  built in {time.perf_counter() - began:.1f} s", flush=True)


def main() -> int:
    """Measure and print."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--db", required=True, help="SQLite file of a demo store")
    parser.add_argument("--tickets", type=int, default=1_000_000)
    parser.add_argument("--keys", type=int, default=40, help="presses per kind of key")
    parser.add_argument("--runs", type=int, default=3, help="first-rows process starts")
    parser.add_argument("--baseline-rows", type=int, default=100_000)
    parser.add_argument(
        "--first-rows-only",
        action="store_true",
        help="only time process start → first queue rows (no keys, search or baseline)",
    )
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--started-at", type=float, default=0.0, help=argparse.SUPPRESS)
    parser.add_argument("--typing", type=float, default=0.0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    # A child imports no more than `guichet` does before its clock stops: the modules the
    # parent needs are imported below.
    figures: dict[str, Any] = {}
    if args.child == "console":
        figures = asyncio.run(_console_child(args.db, args.started_at, args.keys, args.typing))
    elif args.child == "datatable":
        figures = asyncio.run(_datatable_child(args.db, args.baseline_rows))
    import atexit
    import json
    import shutil
    import statistics
    import tempfile

    if args.child:
        print(json.dumps(figures))
        return 0

    from console.demo import DEMO_PASSWORD

    if DEMO_PASSWORD != PASSWORD:
        raise SystemExit(f"bench/queue.py: PASSWORD must be the demo's ({DEMO_PASSWORD!r})")
    _ensure_store(args.db, args.tickets)
    state = tempfile.mkdtemp(prefix="guichet-bench-state-")
    atexit.register(shutil.rmtree, state, ignore_errors=True)
    os.environ["XDG_STATE_HOME"] = state  # read by this process and the children
    from console.credentials import note_last_handle

    note_last_handle(AGENT, remembered=False)
    firsts, signins, cpus, forms, typed = [], [], [], [], []
    console: dict[str, Any] = {}
    for run in range(args.runs):
        keys = 0 if args.first_rows_only else args.keys if run == 0 else 2
        console = _child("console", args.db, "--keys", str(keys))
        firsts.append(console["first_rows_s"])
        signins.append(console["signin_to_rows_s"])
        cpus.append(console["cpu_s"])
        if run == 0:
            keys_report = console
        # Interleaved, so both figures meet the same moods of the machine.
        person = _child("console", args.db, "--keys", "0", "--typing", str(TYPING_S))
        forms.append(person["form_s"])
        typed.append(person["signin_to_rows_s"])
    median = statistics.median
    print(f"\nstore: {args.db}, {keys_report['total']:,} tickets in 'All tickets'")
    print("process start → first queue rows (headless run_test, signed in at once): "
          f"median {median(firsts):.3f} s, best {min(firsts):.3f} s "
          f"over {len(firsts)} starts  [target ≤ 1.0 s]")  # fmt: skip
    print(
        "  of which sign-in asked (login form on screen) → first queue rows: "
        f"median {median(signins):.3f} s (opening the store, Argon2, the queue)"
    )
    print(f"  CPU time to the first rows, every thread: median {median(cpus):.3f} s")
    print(f"as a person signs in ({TYPING_S:.1f} s to type): login form on screen "
          f"{median(forms):.3f} s, Enter → first queue rows {median(typed):.3f} s; "
          f"waited in all {median(forms) + median(typed):.3f} s (medians)")  # fmt: skip
    print(f"  first row: {keys_report['first_line']}")
    if args.first_rows_only:
        print("  all starts (s): " + " ".join(f"{value:.3f}" for value in firsts))
        return 0
    print("key → repainted list (rows, not placeholders) [target p95 ≤ 50 ms]:")
    for name, figures in keys_report["keys"].items():
        print(f"  {name:<70} p50 {figures['p50_ms']:>7} ms  p95 {figures['p95_ms']:>7} ms  "
              f"max {figures['max_ms']:>7} ms  (n={figures['n']})")  # fmt: skip
    for view, columns in keys_report.get("slowest_sorts", {}).items():
        print(f"  {view}: slowest sorts (max ms): {columns}")
    overall = keys_report["keys_all"]
    print(f"  {'every key above':<70} p50 {overall['p50_ms']:>7} ms  p95 {overall['p95_ms']:>7} ms")
    collections = keys_report["full_collections"]
    print(f"  full garbage collections during the key series: {collections['n']}, "
          f"{collections['inside_keys']} of them inside a timed key; "
          f"longest {collections['max_ms']} ms")  # fmt: skip
    memory = keys_report["memory_mb"]
    print(f"resident memory with the queue open: VmRSS {memory['VmRSS']:.0f} MB, "
          f"peak VmHWM {memory['VmHWM']:.0f} MB; {keys_report['cached_pages']} pages cached "
          "[target ≤ 250 MB]")  # fmt: skip

    search = _search_figures(args.db, 10)
    print("full-text search [target p95 ≤ 150 ms]:")
    print(f"  common words (tickets holding them): {search.pop('common_words')}")
    print(f"  rare words: {search.pop('rare_words')}")
    for name, figures in search.items():
        print(f"  {name:<50} p50 {figures['p50_ms']:>7} ms  p95 {figures['p95_ms']:>7} ms  "
              f"max {figures['max_ms']:>7} ms")  # fmt: skip

    baseline = _child("datatable", args.db, "--baseline-rows", str(args.baseline_rows))
    ours = statistics.median(firsts)
    print(f"baseline: DataTable with the first {baseline['rows']:,} rows of 'All tickets': "
          f"read {baseline['read_s']} s, first paint {baseline['first_paint_s']} s "
          f"(process start excluded), pagedown {baseline['pagedown_s']} s, "
          f"VmHWM {baseline['memory_mb']['VmHWM']:.0f} MB")  # fmt: skip
    print(f"  ratio DataTable first paint / virtual list first rows (start included): "
          f"{baseline['first_paint_s'] / ours:.1f}×")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
