"""`guichet demo`: build the demo marketplace, with a progress bar, and print its logins."""

from __future__ import annotations

import argparse
import sys
import time
from typing import TextIO

from console.commands.common import add_command, print_json
from console.i18n import _

BAR_WIDTH = 30


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `demo`."""
    parser = add_command(
        commands,
        "demo",
        _(
            "create a demo store: a marketplace with tickets in nine languages and a few "
            "others, disputes of every kind and a team across time zones (deterministic for "
            "a seed); prints the demo logins"
        ),
        _demo,
    )
    parser.add_argument(
        "--tickets",
        type=int,
        default=10_000,
        metavar="N",
        help=_("how many tickets (default 10000; 1000000 takes well under a minute)"),
    )
    parser.add_argument(
        "--seed",
        type=int,
        default=1,
        metavar="S",
        help=_("the random seed: the same seed gives the same marketplace (default 1)"),
    )
    parser.add_argument(
        "--force",
        action="store_true",
        help=_("replace the content of a store that is not a demo store"),
    )
    parser.add_argument(
        "--if-missing",
        action="store_true",
        help=_("do nothing when the store already holds data (used by `make run`)"),
    )


class ProgressBar:
    """A progress bar on a terminal, or a line every 10 % elsewhere (logs, pipes)."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.interactive = stream.isatty()
        self._last_drawn = 0.0
        self._last_tenth = -1

    def __call__(self, fraction: float, stage: str) -> None:
        label = {
            "rows": _("writing rows"),
            "indexes": _("building indexes"),
            "search": _("building the search index"),
            "done": _("done"),
        }
        text = label.get(stage, stage)
        if self.interactive:
            now = time.monotonic()
            if stage != "done" and now - self._last_drawn < 0.1:
                return
            self._last_drawn = now
            filled = int(BAR_WIDTH * fraction)
            bar = "#" * filled + "." * (BAR_WIDTH - filled)
            self.stream.write(f"\r[{bar}] {fraction:4.0%} {text:<20}")
            if stage == "done":
                self.stream.write("\n")
            self.stream.flush()
            return
        tenth = int(fraction * 10)
        if tenth > self._last_tenth:
            self._last_tenth = tenth
            self.stream.write(f"guichet demo: {fraction:.0%} ({text})\n")
            self.stream.flush()


def _upgrade_demo(url: str) -> dict[str, str] | None:
    """Apply the pending migrations to the demo store at `url`: what was applied, or None."""
    from console.migrate import schema_status, upgrade
    from console.store import Store

    store = Store(url)
    try:
        before = schema_status(store)
        if before.is_current or (before.current or "") > before.head:
            return None  # current, or made by a newer Guichet: not this code's to change
        after = upgrade(store)
        return {"from": before.current or "nothing", "to": after.current or "nothing"}
    finally:
        store.dispose()


def _demo(args: argparse.Namespace) -> int:
    from console.demo import DEMO_LOGINS, DEMO_PASSWORD, build_demo, inspect_store
    from console.errors import BadInput
    from console.settings import describe_store, resolve_store_url

    url = resolve_store_url(getattr(args, "db", None))
    if args.tickets < 1:
        raise BadInput(_("--tickets must be at least 1, not {n}").format(n=args.tickets))
    state = inspect_store(url) if args.if_missing else None
    if state is not None and state.has_data:
        where = describe_store(url)
        # A demo store is the console's own: `make run` keeps it at the schema of the code.
        upgraded = _upgrade_demo(url) if state.kind == "demo" else None
        if args.json:
            print_json({"store": where, "created": False, "upgraded": upgraded})
        elif upgraded is not None:
            print(
                _("The demo store at {where} was upgraded from {old} to {new}.").format(
                    where=where, old=upgraded["from"], new=upgraded["to"]
                )
            )
        else:
            print(_("The store at {where} already holds data; nothing to do.").format(where=where))
        return 0
    summary = build_demo(
        url,
        tickets=args.tickets,
        seed=args.seed,
        force=args.force,
        progress=ProgressBar(sys.stderr),
    )
    logins = [
        {"handle": login.handle, "role": login.role, "languages": list(login.languages)}
        for login in DEMO_LOGINS
    ]
    if args.json:
        print_json(
            {
                "store": summary.location,
                "created": True,
                "seed": summary.seed,
                "tickets": summary.tickets,
                "rows": summary.counts,
                "seconds": round(summary.seconds, 2),
                "password": DEMO_PASSWORD,
                "logins": logins,
            }
        )
        return 0
    print(
        _(
            "Demo store created at {where} in {seconds:.1f} s: {tickets} tickets, "
            "{accounts} accounts, {disputes} disputes (seed {seed})."
        ).format(
            where=summary.location,
            seconds=summary.seconds,
            tickets=summary.counts.get("ticket", 0),
            accounts=summary.counts.get("account", 0),
            disputes=summary.counts.get("dispute", 0),
            seed=summary.seed,
        )
    )
    print(_("Demo logins (every demo agent's password is {password}):").format(
        password=DEMO_PASSWORD
    ))  # fmt: skip
    for login in logins:
        languages = ", ".join(login["languages"])
        print(f"  {login['handle']:<8} {login['role']:<13} {languages}")
    return 0
