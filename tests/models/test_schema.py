"""The migrations build the schema the models describe: every column and every index."""

from __future__ import annotations

from sqlalchemy import inspect
from sqlalchemy.schema import CreateIndex
from sqlmodel import SQLModel

import models  # noqa: F401  (registers the tables)
from console.store import Store
from models.tickets import QUEUE_SORT_COVER, UNASSIGNED_SORTS


def _model_indexes() -> dict[tuple[str, str], list[str]]:
    return {
        (table.name, index.name): [column.name for column in index.columns]
        for table in SQLModel.metadata.tables.values()
        for index in table.indexes
        if index.name is not None
    }


def _store_indexes(store: Store) -> dict[tuple[str, str], list[str]]:
    """The store's indexes and the columns they hold, read from SQLite itself: SQLAlchemy's
    reflection leaves out (with a warning) an index that holds an expression (the claim's)."""
    indexes: dict[tuple[str, str], list[str]] = {}
    with store.engine.connect() as connection:
        for table in SQLModel.metadata.tables:
            listed = connection.exec_driver_sql(f"PRAGMA index_list('{table}')").all()
            for _seq, name, *_rest in listed:
                if name.startswith("sqlite_autoindex"):
                    continue
                held = connection.exec_driver_sql(f"PRAGMA index_info('{name}')").all()
                indexes[(table, name)] = [column for _rank, _cid, column in held if column]
    return indexes


def _normalized(sql: str) -> str:
    return " ".join(sql.split())


def test_the_migrated_store_has_the_models_expressions_and_conditions(store: Store) -> None:
    """An index on expressions or with a condition is created as the models write it: a query
    that says them otherwise cannot use it."""
    with store.engine.connect() as connection:
        created: dict[str, str] = dict(
            connection.exec_driver_sql(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index'"
            ).all()
        )
        checked = 0
        for table in SQLModel.metadata.tables.values():
            for index in table.indexes:
                conditional = index.dialect_options["sqlite"]["where"] is not None
                if not conditional and len(index.expressions) == len(index.columns):
                    continue
                ddl = str(CreateIndex(index).compile(dialect=connection.dialect))
                assert _normalized(created[index.name]) == _normalized(ddl), index.name
                checked += 1
    assert checked == len(UNASSIGNED_SORTS) + 1


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
    # Between the priority and the creation time, the due time's NULL flag and the due time.
    assert indexes[("ticket", "ix_ticket_claim_due")] == [
        "queue_key", "priority_rank", "created_at", "id",
    ]  # fmt: skip
