"""People see dates, durations and money in their own locale and zone."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from console.formatting import format_count, format_instant, format_money, format_relative
from models.money import Money


def test_money_in_french_and_english() -> None:
    assert format_money(Money(1250, "EUR"), "en") == "€12.50"
    assert format_money(Money(123456, "EUR"), "fr") == "1\u202f234,56\xa0€"


def test_money_is_exact_for_large_amounts() -> None:
    assert format_money(Money(999_999_999_999_99, "EUR"), "en") == "€999,999,999,999.99"


def test_instant_in_the_agents_zone() -> None:
    at = datetime(2026, 11, 24, 8, 30, tzinfo=UTC)
    assert "09:30" in format_instant(at, "Europe/Paris", "fr")
    assert "16:30" in format_instant(at, "Asia/Shanghai", "zh")


def test_relative_durations_have_a_direction() -> None:
    assert format_relative(timedelta(hours=2), "en") == "in 2 hr"
    assert format_relative(timedelta(days=-3), "en") == "3 days ago"
    assert "2" in format_relative(timedelta(hours=2), "de")


def test_counts_are_grouped() -> None:
    assert format_count(10000, "en") == "10,000"
    assert format_count(10000, "de") == "10.000"


# Around where Babel's words change: the half of each unit, a unit and its neighbours.
_EDGES = [
    sign * (per_unit * count + offset)
    for per_unit in (60, 3600, 86400, 7 * 86400, 30 * 86400, 365 * 86400)
    for count in (0.5, 1, 1.5, 2.5, 6.5, 23.5, 29.5)
    for offset in (-1, 0, 1)
    for sign in (1, -1)
]


@given(
    seconds=st.one_of(
        st.integers(-400 * 86400, 400 * 86400).map(float),
        st.floats(-400 * 86400, 400 * 86400, allow_nan=False),
        st.sampled_from(_EDGES),
        st.integers(-90, 90).map(float),
    ),
    language=st.sampled_from(["en", "fr", "de", "pl", "zh"]),
)
def test_cached_durations_read_as_babel_writes_them(seconds: float, language: str) -> None:
    from console.formatting import duration_words, format_age

    delta = timedelta(seconds=seconds)
    assert format_relative(delta, language) == duration_words(delta, language, "short", True)
    assert format_age(delta, language) == duration_words(delta, language, "narrow", False)


def test_a_unit_without_a_short_form_is_written_long() -> None:
    assert format_relative(timedelta(days=30), "de") == "in 1 Monat"
