"""Instants typed by people (flags, form fields): ISO 8601 with an offset, kept in UTC."""

from __future__ import annotations

from datetime import UTC, datetime

from console.errors import BadInput
from console.i18n import _

EXAMPLE = "2026-11-24T09:30:00+01:00"


def parse_instant(value: str, what: str, *, dates: bool = False) -> datetime:
    """`value` as an aware UTC instant, to the second; `BadInput` naming `what` otherwise.

    A time without an offset is refused (it would be read in some zone by guesswork). With
    `dates`, a bare date (`2026-11-24`) is accepted and means midnight UTC.
    """
    text = value.strip()
    example = f"{EXAMPLE} or 2026-11-24" if dates else EXAMPLE
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise BadInput(
            _("{what} {value!r} is not an ISO 8601 time; write it like {example}").format(
                what=what, value=value, example=example
            )
        ) from None
    if dates and len(text) == 10:
        return parsed.replace(tzinfo=UTC)
    if parsed.tzinfo is None or parsed.utcoffset() is None:
        raise BadInput(
            _("{what} {value!r} has no UTC offset; write it like {example}").format(
                what=what, value=value, example=EXAMPLE
            )
        )
    return parsed.astimezone(UTC).replace(microsecond=0)
