"""Waiting for a console's thread workers in tests, without sleeping."""

from __future__ import annotations

from typing import Any

from textual.worker import WorkerCancelled


async def workers_done(app: Any) -> None:
    """Wait until the app's workers have finished.

    A worker of a screen that closed meanwhile is cancelled, which is not a failure of the test:
    waiting goes on for the others.
    """
    for _ in range(10):
        try:
            await app.workers.wait_for_complete()
        except WorkerCancelled:
            continue
        return


async def until(pilot: Any, condition: Any) -> None:
    """Wait (at most 2 s) until `condition()` holds."""
    for _ in range(200):
        if condition():
            return
        await pilot.pause(0.01)
    raise AssertionError("the console never got there")
