"""Thread workers whose unforeseen failures reach the agent instead of vanishing.

Every blocking call of the console (the store, Argon2, the keyring) runs in a Textual thread
worker that may not end the app (`exit_on_error=False`). Textual keeps such a worker's error to
itself: the agent would be left with a screen that never fills or a reply that never goes,
and no word of why. `background` is that worker, plus a guard: an error the worker did not
handle itself (a store that went away, a bug) goes to the crash log, and the app is sent
`WorkFailed` with the sentence `console.crashes` makes of it. Refusals a worker expects
(`GuichetError`) are still handled by the worker, where it can say them in context.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ParamSpec

from textual import work
from textual.message import Message

if TYPE_CHECKING:
    from textual.worker import Worker

P = ParamSpec("P")


class WorkFailed(Message):
    """A background worker failed in a way nothing foresaw; `sentence` says so to a person."""

    def __init__(self, sentence: str) -> None:
        super().__init__()
        self.sentence = sentence


def background(
    *, group: str, exclusive: bool = False
) -> Callable[[Callable[P, None]], Callable[P, Worker[None]]]:
    """`@work(thread=True, exit_on_error=False, group=..., exclusive=...)` on a method of a
    screen, widget or app, whose unforeseen errors are logged and told to the agent."""

    def decorate(method: Callable[P, None]) -> Callable[P, Worker[None]]:
        @functools.wraps(method)
        def guarded(*args: P.args, **kwargs: P.kwargs) -> None:
            try:
                method(*args, **kwargs)
            except Exception as error:
                _tell(args[0], error)
                raise  # the worker still ends in the ERROR state, as Textual reports it

        decorator: Any = work(thread=True, exit_on_error=False, group=group, exclusive=exclusive)
        made: Callable[P, Worker[None]] = decorator(guarded)
        return made

    return decorate


def _tell(node: Any, error: Exception) -> None:
    from console.crashes import explain_failure

    app = node.app
    if not app.is_running:  # the console is closing: its store may already be gone
        return
    app.post_message(WorkFailed(explain_failure(error).sentence))


__all__ = ["WorkFailed", "background"]
