"""What a person is told when something fails that no rule foresaw, and where the details go.

The command line and the console both call `explain_failure`: a store that cannot be reached
gets its own sentence; anything else is written, traceback and all, to the crash log, and the
person gets one sentence naming the file. A person never sees a traceback.
"""

from __future__ import annotations

import sys
import traceback
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from console.i18n import _


@dataclass(frozen=True)
class Failure:
    """An unforeseen failure, as a person is told of it."""

    sentence: str
    """What happened and what to do, in one sentence."""
    store_unreachable: bool
    """The store could not be reached (exit status 3 on the command line)."""
    log_file: Path | None
    """Where the traceback was written, None when it was not needed."""


def crash_log_path() -> Path:
    """The file unforeseen failures are written to (in the user log folder)."""
    from platformdirs import user_log_path

    return user_log_path("guichet", appauthor=False) / "crash.log"


def store_unreachable(error: BaseException) -> str | None:
    """A sentence for a store that cannot be reached, or None for any other error."""
    if "psycopg" in sys.modules:  # the console's own connections (`console.changes`)
        import psycopg

        if isinstance(error, psycopg.OperationalError):
            return _unreachable(str(error))
    if "sqlalchemy" not in sys.modules:  # nothing reached a store yet
        return None
    from sqlalchemy.exc import InterfaceError, OperationalError

    if not isinstance(error, OperationalError | InterfaceError):
        return None
    return _unreachable(str(error.orig) if error.orig else type(error).__name__)


def _unreachable(reason: str) -> str:
    first_line = reason.strip().splitlines()[0] if reason.strip() else reason
    return _("cannot reach the store ({reason}); check --db or GUICHET_DB").format(
        reason=first_line
    )


def record_crash(error: BaseException) -> Path | None:
    """Append `error` with its traceback to the crash log; None if the log cannot be written."""
    log_file = crash_log_path()
    try:
        log_file.parent.mkdir(parents=True, exist_ok=True)
        with log_file.open("a", encoding="utf-8") as handle:
            handle.write(f"--- {datetime.now(UTC).isoformat(timespec='seconds')}\n")
            traceback.print_exception(error, file=handle)
    except OSError:
        return None
    return log_file


def explain_failure(error: BaseException) -> Failure:
    """Tell `error` to a person: the store's sentence, or the crash log's (written here)."""
    unreachable = store_unreachable(error)
    if unreachable:
        return Failure(unreachable, store_unreachable=True, log_file=None)
    log_file = record_crash(error)
    kind = type(error).__name__
    if log_file is None:
        sentence = _("unexpected error ({kind}); the crash log could not be written").format(
            kind=kind
        )
    else:
        sentence = _(
            "unexpected error ({kind}); details were written to {file}. Please report it."
        ).format(kind=kind, file=log_file)
    return Failure(sentence, store_unreachable=False, log_file=log_file)
