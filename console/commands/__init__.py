"""The subcommands of `guichet`, one module each; every module exposes `register(commands)`."""

from __future__ import annotations

from types import ModuleType

from console.commands import (
    approvals,
    audit,
    coverage,
    db,
    demo,
    disputes,
    export,
    importing,
    offer,
    team,
    ticket,
    tickets,
    whoami,
)

COMMAND_MODULES: list[ModuleType] = [
    db,
    whoami,
    team,
    offer,
    coverage,
    demo,
    importing,
    disputes,
    approvals,
    audit,
    export,
    ticket,
    tickets,
]
