"""The DSA Transparency Database's closed lists (a copy of the spec's enums, `dsa_enums.json`)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Final

ENUMS_FILE: Final = Path(__file__).with_name("dsa_enums.json")


@cache
def dsa_enums() -> dict[str, tuple[str, ...]]:
    """Every allowed value, by list name (`STATEMENT_CATEGORIES`, `KEYWORDS`, ...)."""
    raw = json.loads(ENUMS_FILE.read_text(encoding="utf-8"))
    return {name: tuple(values) for name, values in raw.items()}


def allowed(list_name: str) -> frozenset[str]:
    """The values of one list."""
    return frozenset(dsa_enums()[list_name])
