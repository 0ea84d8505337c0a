"""Where the store lives and how it is named: `--db`, `GUICHET_DB`, or the user data dir."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "guichet"
DB_ENV = "GUICHET_DB"
AGENT_ENV = "GUICHET_AGENT"
PASSWORD_ENV = "GUICHET_PASSWORD"


def default_store_path() -> Path:
    """`guichet.db` in the platform's user data directory."""
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False) / "guichet.db"


def resolve_store_url(cli_value: str | None = None) -> str:
    """The store's SQLAlchemy URL: the `--db` flag, else `GUICHET_DB`, else the default file.

    A plain path means an SQLite file; `postgresql://` is served by psycopg 3.
    """
    value = cli_value or os.environ.get(DB_ENV) or ""
    if not value:
        return sqlite_url(default_store_path())
    if "://" not in value:
        return sqlite_url(Path(value))
    if value.startswith("postgresql://") or value.startswith("postgres://"):
        return "postgresql+psycopg://" + value.split("://", 1)[1]
    return value


def sqlite_url(path: Path) -> str:
    """The SQLAlchemy URL of an SQLite file."""
    return f"sqlite:///{path.expanduser().resolve()}"


def describe_store(url: str) -> str:
    """The store's location for messages, without any password."""
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return parsed.database or ":memory:"
    return parsed.render_as_string(hide_password=True)
