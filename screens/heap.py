"""Garbage collections kept out of the agent's key presses.

A full collection walks every object the collector tracks. Measured at a million tickets
(`bench/queue.py`), two things make one land in the middle of a key press:

- What the console builds once (modules, classes, styles, the first screens) is over 120 000
  objects. `settle_heap` freezes it once signed in and once the queue is shown: no collection
  walks it again.
- What comes after (pages read, statements built, lines drawn) is 20 000 to 90 000 objects.
  CPython collects them in full whenever enough young objects have outlived a young collection:
  17 times in one key series of the bench, 5 to 70 ms each, inside the scroll, sort, filter or
  search key that happened to be running. The slowest `/` searches were those.

`QuietCollections` moves those full collections to quiet moments: no key or mouse for a second,
which an agent reading a ticket or the list gives many times a minute. Young collections stay
where CPython puts them; they walk only the young objects and take a millisecond or two. Should
no quiet moment come (a key held down), CPython still collects in full, ten times less often.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable

QUIET_S = 1.0
"""No key or mouse for this long is a quiet moment."""

LESS_OFTEN = 10
"""While quiet moments take the full collections, how much rarer CPython's own are."""

_SETTLED: set[str] = set()


def settle_heap(stage: str) -> None:
    """Put what the console has built so far (modules, classes, styles) out of the collector's
    way: objects frozen are never walked again, nor freed, so each `stage` ("signed-in",
    "queue") freezes once per process.
    """
    if stage not in _SETTLED:
        _SETTLED.add(stage)
        gc.freeze()


class QuietCollections:
    """Full collections at quiet moments: `start` once signed in, `note_input` on every key or
    mouse event, `tick` on a timer, `stop` when the console closes."""

    def __init__(
        self,
        clock: Callable[[], float] = time.monotonic,
        collect: Callable[[], object] = gc.collect,
    ) -> None:
        self._clock = clock
        self._collect = collect
        self._last_input = clock()
        self._thresholds: tuple[int, int, int] | None = None
        self.collections = 0
        """Full collections made at quiet moments."""

    @property
    def running(self) -> bool:
        """Whether full collections wait for quiet moments now."""
        return self._thresholds is not None

    def start(self) -> None:
        """Make CPython's own full collections rarer; `tick` makes them when it is quiet."""
        if self._thresholds is None:
            self._thresholds = young, middle, full = gc.get_threshold()
            gc.set_threshold(young, middle, full * LESS_OFTEN)

    def stop(self) -> None:
        """Give CPython back its own thresholds (tests run many consoles in one process)."""
        if self._thresholds is not None:
            gc.set_threshold(*self._thresholds)
            self._thresholds = None

    def note_input(self) -> None:
        """A key or mouse event: the agent is busy for the next `QUIET_S`."""
        self._last_input = self._clock()

    def tick(self) -> bool:
        """Collect in full if it is quiet and CPython would have by now (as many middle
        collections since the last full one as its own threshold). True if it collected."""
        if self._thresholds is None or not gc.isenabled():
            return False
        if self._clock() - self._last_input < QUIET_S:
            return False
        if gc.get_count()[2] < self._thresholds[2]:
            return False
        self._collect()
        self.collections += 1
        return True


__all__ = ["LESS_OFTEN", "QUIET_S", "QuietCollections", "settle_heap"]
