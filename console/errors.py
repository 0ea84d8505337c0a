"""Errors people read: each says what was wrong, where, and how to fix it, with an exit status."""

from __future__ import annotations

from collections.abc import Iterable
from enum import Enum
from typing import TypeVar

Choice = TypeVar("Choice", bound=Enum)


class GuichetError(Exception):
    """Base for errors shown to a person as one sentence (never a traceback)."""

    exit_status = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class BadInput(GuichetError):
    """The caller gave something malformed: a file, a flag, a value. Exit status 2."""

    exit_status = 2


class Refused(GuichetError):
    """A rule refused the action: a permission or a guard. Exit status 1."""

    exit_status = 1


class NotFound(GuichetError):
    """The named thing does not exist. Exit status 2 (the caller named it)."""

    exit_status = 2


class StoreUnavailable(GuichetError):
    """The store cannot be reached or is not at the schema this Guichet needs. Exit status 3."""

    exit_status = 3


def parse_choice(
    kind: type[Choice], value: str, unknown: str, *, among: Iterable[Choice] | None = None
) -> Choice:
    """The member of `kind` (or of `among`) that `value` names, however it is cased or spelt
    ("Pending customer", "pending-customer"); else `BadInput` with `unknown`, a sentence
    with `{value}` and `{choices}` in it.
    """
    options = list(among if among is not None else kind)
    cleaned = value.strip().lower().replace("-", "_").replace(" ", "_")
    for option in options:
        if cleaned == option.value:
            return option
    choices = ", ".join(str(option.value) for option in options)
    raise BadInput(unknown.format(value=value, choices=choices))
