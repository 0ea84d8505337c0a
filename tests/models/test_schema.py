"""The migrations build the schema the models describe: every column and every index."""

from __future__ import annotations

from sqlalchemy import inspect
from sqlmodel import SQLModel

import models  # noqa: F401  (registers the tables)
from console.store import Store
from models.tickets import QUEUE_SORT_COVER


def _model_indexes() -> dict[tuple[str, str], list[str]]:
    return {
        (table.name, index.name): [column.name for column in index.columns]
        for table in SQLModel.metadata.tables.values()
        for index in table.indexes
        if index.name is not None
    }


def _store_indexes(store: Store) -> dict[tuple[str, str], list[str]]:
    inspector = inspect(store.engine)
    return {
        (table, index["name"]): [name for name in index["column_names"] if name is not None]
        for table in SQLModel.metadata.tables
        for index in inspector.get_indexes(table)
        if index["name"] is not None
    }


def test_the_migrated_store_has_the_models_indexes(store: Store) -> None:
    assert _store_indexes(store) == _model_indexes()


def test_the_migrated_store_has_the_models_columns(store: Store) -> None:
    inspector = inspect(store.engine)
    for name, table in SQLModel.metadata.tables.items():
        migrated = {column["name"]: column["nullable"] for column in inspector.get_columns(name)}
        assert migrated == {column.name: column.nullable for column in table.columns}, name


def test_the_queue_filters_have_their_indexes(store: Store) -> None:
    indexes = _store_indexes(store)
    assert indexes[("ticket", "ix_ticket_status_priority")] == ["status", "priority_rank", "id"]
    assert indexes[("ticket", "ix_ticket_queue_priority")] == [
        "status", "queue_key", "assignee_id", "priority_rank", "id", *QUEUE_SORT_COVER,
    ]  # fmt: skip
    assert indexes[("ticket", "ix_ticket_assignee_status")] == [
        "assignee_id", "status", "priority_rank", "id",
    ]  # fmt: skip
