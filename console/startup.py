"""Opening the store for the console: a missing or unmigrated store is a sentence, not a trace."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.engine import make_url

from console.errors import StoreUnavailable
from console.i18n import _
from console.store import Store, open_store


def open_existing_store(url: str) -> Store:
    """The store at `url`, at the current schema; `StoreUnavailable` says what to do otherwise.

    Unlike `open_store`, a missing SQLite file is not created: the console would only show an
    empty store that nobody can sign in to.
    """
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        path = Path(str(parsed.database))
        if not path.exists():
            raise StoreUnavailable(
                _(
                    "No store at {path}: run `guichet demo` to create a demo store, "
                    "or name another one with --db or GUICHET_DB."
                ).format(path=path)
            )
    return open_store(url)
