"""Instants typed by people: an offset is required, UTC is kept, dates only where allowed."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from console.errors import BadInput
from console.instants import parse_instant


def test_an_offset_is_converted_to_utc_to_the_second() -> None:
    assert parse_instant("2026-11-24T09:30:15.75+01:00", "--at") == datetime(
        2026, 11, 24, 8, 30, 15, tzinfo=UTC
    )
    assert parse_instant("2026-11-24T08:30:00Z", "--at") == datetime(
        2026, 11, 24, 8, 30, tzinfo=UTC
    )


def test_a_time_without_offset_is_refused_naming_the_flag() -> None:
    with pytest.raises(BadInput, match="--at '2026-11-24T09:30:00' has no UTC offset"):
        parse_instant("2026-11-24T09:30:00", "--at")


def test_a_bare_date_only_where_dates_are_allowed() -> None:
    assert parse_instant("2026-11-24", "--since", dates=True) == datetime(2026, 11, 24, tzinfo=UTC)
    with pytest.raises(BadInput, match="has no UTC offset"):
        parse_instant("2026-11-24", "--at")


def test_not_a_time_says_how_to_write_one() -> None:
    with pytest.raises(BadInput, match="is not an ISO 8601 time; write it like 2026-11-24T09:30"):
        parse_instant("tomorrow", "--at")
