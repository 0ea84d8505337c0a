"""Table models skip Pydantic's validator build until something validates one."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

UNBUILT = """
import models
from sqlmodel import SQLModel

tables = [mapper.class_ for mapper in SQLModel._sa_registry.mappers]
agent = models.Agent(handle="amelie", name="Amélie")
assert agent.role == "agent" and agent.languages == []
print(sum(table.__pydantic_complete__ for table in tables), len(tables))
"""


def test_no_table_builds_its_validator_at_import_or_construction() -> None:
    done = subprocess.run(
        [sys.executable, "-c", UNBUILT], capture_output=True, text=True, cwd=ROOT, check=True
    )
    built, tables = map(int, done.stdout.split())
    assert tables > 20
    assert built == 0


def test_a_table_model_still_validates_when_asked() -> None:
    from models import Agent

    agent = Agent.model_validate({"handle": "amelie", "name": "Amélie", "failed_logins": "2"})
    assert agent.failed_logins == 2
