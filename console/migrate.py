"""Schema migrations with Alembic, run from the code (no alembic.ini to find)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import inspect, text
from sqlalchemy.exc import OperationalError

from console.errors import StoreUnavailable

if TYPE_CHECKING:
    from alembic.config import Config

    from console.store import Store

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"


@dataclass(frozen=True)
class SchemaStatus:
    """The store's schema revision beside the newest this code knows."""

    current: str | None
    head: str

    @property
    def is_current(self) -> bool:
        """True when no migration is pending."""
        return self.current == self.head


def alembic_config(store: Store) -> Config:
    """An Alembic config pointing at `migrations/` and at the store's engine."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("sqlalchemy.url", store.url.replace("%", "%%"))
    config.attributes["engine"] = store.engine
    return config


def head_revision() -> str:
    """The newest revision in `migrations/versions`.

    Revisions are numbered in one line (`0001_…`, `0002_…`), so the head is the highest number;
    reading file names spares every command the import of Alembic (a test checks that Alembic
    agrees).
    """
    numbers = [
        path.name.split("_", 1)[0] for path in (MIGRATIONS_DIR / "versions").glob("[0-9]*_*.py")
    ]
    return max(numbers)


def current_revision(store: Store) -> str | None:
    """The revision the store is at, or None for an empty store."""
    with store.engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def schema_status(store: Store) -> SchemaStatus:
    """Where the store's schema stands."""
    return SchemaStatus(current=current_revision(store), head=head_revision())


def upgrade(store: Store) -> SchemaStatus:
    """Apply every pending migration; an upgrade never loses data."""
    from alembic import command

    try:
        current_revision(store)
        command.upgrade(alembic_config(store), "head")
    except OperationalError as error:
        raise StoreUnavailable(
            f"cannot upgrade the store at {store.location}: {error.orig}"
        ) from None
    return schema_status(store)
